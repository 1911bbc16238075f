"""What refers to a record: the one table of every way one kind of record points at another,
and the queries that answer "which live records refer to this one" from it.

The trash asks it before a deletion (a live referrer that `blocks` keeps the record out of
the trash unless the caller cascades; one that `follows` goes to the trash with it), a
source's form asks it for what the source is involved in, and `CaseFile.references`
answers it as plain data for any caller.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from casefile.db.base import Record
from casefile.models import (
    Attachment,
    Claim,
    CommentRequest,
    Document,
    DraftByline,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    ReviewComment,
    Source,
    TeamMember,
    interview_interviewees,
    interview_interviewers,
    photo_depicted,
)
from casefile.models.claims import Draft, comment_request_claims


@dataclass(frozen=True)
class Link:
    """One way records of `model` refer to records of `target`: through the model's own
    column `via` (a name), or through a link table (`table`, its column for the referrer
    and its column for the target). `owned`: the referrer belongs to the target (trashed
    with it); `blocks`: a live referrer keeps the target out of the trash; `follows`: on a
    cascading deletion the referrer goes to the trash with the target."""

    model: type[Record]
    field: str
    target: type[Record]
    via: str = ""
    table: Table | None = None
    referrer_column: str = ""
    target_column: str = ""
    owned: bool = False
    blocks: bool = False
    follows: bool = False

    def referrers(self, target_ids: Sequence[int]) -> Any:
        """The statement selecting live referrers of these target ids."""
        model: Any = self.model
        if self.table is None:
            return select(model).where(getattr(model, self.via).in_(target_ids))
        table = self.table.c
        owners = select(table[self.referrer_column]).where(
            table[self.target_column].in_(target_ids))
        return select(model).where(model.id.in_(owners))


def _table(model: type[Record], field: str, target: type[Record], table: Table, referrer: str,
           target_column: str, *, blocks: bool = False) -> Link:
    return Link(model, field, target, table=table, referrer_column=referrer,
                target_column=target_column, blocks=blocks)


# Every way one record refers to another. Evidence first: a refused deletion names the
# evidence that depends on the record before anything else, as it always has.
LINKS: tuple[Link, ...] = (
    *(Link(EvidenceLink, name, target, via=f"{name}_id", blocks=True)
      for name, target in (("quote", Quote), ("excerpt", Excerpt), ("photo", Photo),
                           ("document", Document), ("interview", Interview))),
    _table(Interview, "interviewees", Source, interview_interviewees, "interview_id",
           "source_id", blocks=True),
    Link(Quote, "speaker", Source, via="speaker_id", blocks=True),
    Link(Document, "publisher_source", Source, via="publisher_source_id", blocks=True),
    Link(Photo, "credit_source", Source, via="credit_source_id", blocks=True),
    _table(Photo, "depicted", Source, photo_depicted, "photo_id", "source_id", blocks=True),
    Link(CommentRequest, "source", Source, via="source_id", blocks=True, follows=True),
    Link(Quote, "interview", Interview, via="interview_id", owned=True),
    Link(Attachment, "interview", Interview, via="interview_id", owned=True),
    Link(Excerpt, "document", Document, via="document_id", owned=True),
    Link(EvidenceLink, "claim", Claim, via="claim_id", owned=True),
    _table(CommentRequest, "claims", Claim, comment_request_claims, "request_id", "claim_id"),
    Link(ReviewComment, "claim", Claim, via="claim_id"),
    _table(Interview, "interviewers", TeamMember, interview_interviewers, "interview_id",
           "team_member_id"),
    Link(Photo, "credit_member", TeamMember, via="credit_member_id"),
    Link(Claim, "checked_by", TeamMember, via="checked_by_id"),
    _table(Draft, "byline", TeamMember, DraftByline.__table__, "draft_id",  # type: ignore[arg-type]
           "team_member_id"),
)


@dataclass(frozen=True)
class Reference:
    """A live record that refers to another: its kind, id and label, and the field of it
    that does the referring ("speaker", "interviewees", "quote" for evidence, …)."""

    kind: str
    uuid: uuid.UUID
    label: str
    field: str


@dataclass(frozen=True)
class Found:
    """A referrer found inside a unit of work, with the way it refers and what it refers to."""

    link: Link
    record: Any
    target: Any

    def reference(self) -> Reference:
        """The plain, session-free form."""
        return Reference(self.record.KIND, self.record.uuid, describe(self.record),
                         self.link.field)


def describe(record: Any) -> str:
    """A referrer as a refusal names it: evidence by the claim it supports, others by label."""
    if isinstance(record, EvidenceLink):
        return f'evidence for claim "{short(record.claim.statement)}"'
    return str(record.label)


def short(text: str) -> str:
    """Text cut to 60 characters on one line, for naming a record in a sentence."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def referrers(s: Session, targets: Iterable[Any], *, only: str = "all") -> list[Found]:
    """Live records that refer to any of `targets`, link by link in `LINKS` order (a
    record that refers through two fields is found twice). `only`: "blocks" for what keeps a record
    out of the trash, "owned" for what belongs to it, "all" for everything."""
    by_model: dict[type[Record], dict[int, Any]] = {}
    for target in targets:
        by_model.setdefault(type(target), {})[target.id] = target
    found: list[Found] = []
    seen: set[tuple[int, int, int]] = set()
    for link in LINKS:
        wanted = by_model.get(link.target)
        if not wanted or (only == "blocks" and not link.blocks) or (
                only == "owned" and not link.owned):
            continue
        for record in s.scalars(link.referrers(list(wanted)).order_by(link.model.id)):
            for target in _targets_of(s, link, record, wanted):
                key = (id(link), id(record), id(target))
                if key not in seen:
                    seen.add(key)
                    found.append(Found(link, record, target))
    return found


def _targets_of(s: Session, link: Link, record: Any, wanted: dict[int, Any]) -> list[Any]:
    """Which of the wanted targets this referrer points at."""
    if link.table is None:
        return [wanted[getattr(record, link.via)]]
    c = link.table.c
    ids = s.scalars(select(c[link.target_column]).where(
        c[link.referrer_column] == record.id, c[link.target_column].in_(list(wanted))))
    return [wanted[i] for i in ids]


def references(s: Session, record: Any) -> list[Reference]:
    """Every live record that refers to `record`, as plain data."""
    return [f.reference() for f in referrers(s, [record])]


# The kinds a source's form lists, in the order it lists them.
_INVOLVED_ORDER = ("interview", "quote", "photo", "document", "claim", "comment_request")


def involving_source(s: Session, source: Source) -> list[tuple[str, Any, str]]:
    """(kind, uuid, label) of every live record a source is involved in: what refers to it
    (interviews, quotes, photos, documents, requests for comment) and the claims whose
    evidence is one of those (or an excerpt of such a document), by kind."""
    direct = _unique(f.record for f in referrers(s, [source]))
    documents = [r for r in direct if isinstance(r, Document)]
    excerpts = [f.record for f in referrers(s, documents, only="owned")
                if isinstance(f.record, Excerpt)]
    evidence = [f.record for f in referrers(s, [*direct, *excerpts], only="blocks")
                if isinstance(f.record, EvidenceLink)]
    claims = sorted(_unique(link.claim for link in evidence), key=lambda c: c.id)
    records = [*direct, *claims]
    interviews = sorted((r for r in records if isinstance(r, Interview)),
                        key=lambda r: (r.held_at is not None, r.held_at or 0, r.id))
    others = sorted((r for r in records if not isinstance(r, Interview)),
                    key=lambda r: (_INVOLVED_ORDER.index(r.KIND), r.id))
    ordered = interviews + others
    return [(r.KIND, r.uuid, r.label) for r in ordered]


def _unique(records: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    ids: set[int] = set()
    for record in records:
        if id(record) not in ids:
            ids.add(id(record))
            out.append(record)
    return out
