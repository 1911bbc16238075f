"""Claims with their support summaries and attributions, requests for comment and their
sentences, drafts with versions and the checker."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from casefile.claims.attribution import (
    Attribution,
    attribute,
    attribute_facts,
    request_sentence,
    request_sentences,
)
from casefile.claims.checker import Finding, QuoteRow, check_draft
from casefile.claims.draft_text import DraftText
from casefile.claims.reply import request_targets
from casefile.claims.style import HouseStyle
from casefile.claims.support import (
    EvidenceFacts,
    SupportSummary,
    evidence_facts,
    summarize,
    summarize_facts,
)
from casefile.claims.tagline import author_tagline, generated_tagline
from casefile.errors import ValidationError
from casefile.models import (
    CaseInfo,
    Claim,
    CommentRequest,
    Document,
    Draft,
    DraftByline,
    DraftVersion,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    RequestStatus,
    ReviewComment,
    Source,
    TeamMember,
)
from casefile.models.claims import EVIDENCE_TARGETS, comment_request_claims
from casefile.services.base import PageKey, RecordService, Ref, as_uuid
from casefile.services.claim_facts import SourceCache, batch_facts
from casefile.services.records import TeamService


@dataclass(frozen=True)
class ClaimBrief:
    """What a draft shows about a claim bound in it: statement, status, support, attribution."""

    statement: str
    status: str
    summary: SupportSummary
    attribution: str


class ClaimRow(NamedTuple):
    """One row of the claims list: the claim, its support summary and its attribution."""

    claim: Claim
    summary: SupportSummary
    attribution: Attribution


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence of a claim, ready to show."""

    link: uuid.UUID
    relation: str
    kind: str
    text: str


def house_style(s: Session) -> HouseStyle:
    """The case's house style."""
    return HouseStyle.from_dict(s.scalars(select(CaseInfo.house_style)).one())


def _link_loads() -> tuple[Any, ...]:
    """Everything `summarize`/`attribute` read from a link's target, loaded with the links
    (a query per relationship instead of a query per link: a page of 200 claims made
    ~1,200 lazy loads)."""
    # Not the transcripts (megabytes): the support summary needs who was interviewed.
    interview = (defer(Interview.transcript), selectinload(Interview.interviewees))
    return (
        selectinload(EvidenceLink.quote).options(
            selectinload(Quote.speaker), selectinload(Quote.interview).options(*interview)),
        selectinload(EvidenceLink.interview).options(*interview),
        selectinload(EvidenceLink.photo).options(selectinload(Photo.credit_source),
                                                 selectinload(Photo.credit_member)),
        selectinload(EvidenceLink.document).selectinload(Document.publisher_source),
        selectinload(EvidenceLink.excerpt).selectinload(Excerpt.document)
        .selectinload(Document.publisher_source),
    )


def _live_links(s: Session, claim_ids: Sequence[int]) -> dict[int, list[EvidenceLink]]:
    links: dict[int, list[EvidenceLink]] = {i: [] for i in claim_ids}
    stmt = select(EvidenceLink).where(EvidenceLink.claim_id.in_(claim_ids)).order_by(
        EvidenceLink.id).options(*_link_loads())
    for link in s.scalars(stmt):
        if getattr(link.target, "trash_id", None) is None:
            links[link.claim_id].append(link)
    return links


def _summarized(s: Session, claims: Sequence[Claim], weak_only: bool,
                cache: SourceCache | None = None
                ) -> list[tuple[Claim, SupportSummary, list[EvidenceFacts]]]:
    """Claims with their summaries and the facts of their live evidence, read as plain rows
    in three queries for the batch (the path both the app's claims list and `casefile
    claims` take; claim_facts.py says why not objects)."""
    facts = batch_facts(s, [c.id for c in claims], cache)
    rows = [(c, summarize_facts(c, facts[c.id]), facts[c.id]) for c in claims]
    return [row for row in rows if row[1].weak or not weak_only]


def requests_concerning(s: Session, claims: Sequence[Claim],
                        links: dict[int, list[EvidenceLink]],
                        text: str = "") -> list[CommentRequest]:
    """The requests for comment that concern these claims (or the draft `text` holding
    them), oldest record first, with their sources, in three queries: those tied to one of
    the claims; those tied to no claim that went to a source behind the claims' evidence
    (quoted, interviewed, credited, or the publisher of a cited document); and those tied to
    no claim that went to a source the text names (the bank the story is about, which never
    answered; a protected source by its attribution phrase, "a customs broker", the only
    name a draft may give it). Requests about other claims are not theirs."""
    claim_ids = [c.id for c in claims]
    source_ids = {src.id for c in claims for link in links.get(c.id, ())
                  for src in evidence_facts(link).sources}
    pairs = comment_request_claims.c
    untied = ~exists().where(pairs.request_id == CommentRequest.id)
    if text.strip():
        folded = " ".join(text.casefold().split())
        for rid, name, short, phrase, rules in s.execute(
                select(CommentRequest.source_id, Source.name, Source.short_name,
                       Source.attribution_phrase, Source.ground_rules)
                .join(Source, Source.id == CommentRequest.source_id).where(untied)
                .distinct()):
            forms = (name, short) if rules.may_name else (phrase,)
            if any(_names(n, folded) for n in forms):
                source_ids.add(rid)
    if not claim_ids and not source_ids:
        return []
    tied = CommentRequest.id.in_(select(pairs.request_id).where(pairs.claim_id.in_(claim_ids)))
    wanted = or_(tied, CommentRequest.source_id.in_(source_ids) & untied) if source_ids \
        else tied
    return list(s.scalars(select(CommentRequest).where(wanted)
                          .options(selectinload(CommentRequest.source))
                          .order_by(CommentRequest.id)))


def _names(name: str | None, folded_text: str) -> bool:
    """Whether the text names this source (whole words, any case)."""
    wanted = " ".join((name or "").casefold().split())
    if len(wanted) < 3:
        return False
    return re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", folded_text) is not None


class ClaimService(RecordService[Claim]):
    """Statements the story makes."""

    model = Claim
    link_fields = {"checked_by": TeamMember}

    def summary(self, ref: Ref) -> SupportSummary:
        """The claim's support summary (derived from its evidence, never stored)."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            return summarize(claim, _live_links(s, [claim.id])[claim.id])

    def summaries(self, *, offset: int = 0, limit: int = 100, weak_only: bool = False,
                  after: PageKey | None = None, before: PageKey | None = None
                  ) -> list[tuple[Claim, SupportSummary]]:
        """A page of claims with their summaries; `weak_only` keeps the weak ones;
        `after`/`before` page by key as `page` does."""
        with self._store.read() as s:
            claims = list(s.scalars(self.ordered(select(Claim), after=after, before=before)
                                    .offset(offset).limit(limit)))
            claims = claims[::-1] if before is not None else claims
            return [(c, sm) for c, sm, _facts in _summarized(s, claims, weak_only)]

    def rows(self, *, weak_only: bool = False, batch: int = 500) -> Iterator[ClaimRow]:
        """Every claim in order with its summary and attribution, as the claims list shows
        them: a batch of claims per read, paged by key like the app's list (no OFFSET
        scan), each batch's evidence loaded in one go — a few queries per batch, not nine
        per claim. Only the claims kept (`weak_only`) are attributed."""
        key: PageKey | None = None
        sources: SourceCache = {}  # read once for the whole walk
        while True:
            with self._store.read() as s:
                style = house_style(s)
                claims = list(s.scalars(self.ordered(select(Claim), after=key).limit(batch)))
                rows = [ClaimRow(c, sm, attribute_facts(c, facts, style))
                        for c, sm, facts in _summarized(s, claims, weak_only, sources)]
            yield from rows
            if len(claims) < batch:
                return
            key = self.page_key(claims[-1])

    def review_comments(self, ref: Ref) -> list[ReviewComment]:
        """Editors' comments attached to this claim ("Editor: second source?")."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            stmt = select(ReviewComment).where(ReviewComment.claim_id == claim.id)
            return list(s.scalars(stmt.order_by(ReviewComment.id)))

    def evidence_lines(self, ref: Ref) -> list[EvidenceLine]:
        """Each piece of a claim's evidence as one readable line (as its footnote reads)."""
        from casefile.export.sourcing import evidence_line
        from casefile.media.csl import document_to_csl, format_citation

        def cite(doc: Document) -> str:
            try:
                return format_citation(document_to_csl(doc))
            except Exception:  # noqa: BLE001 - a citation problem must not hide the evidence
                return doc.title

        with self._store.read() as s:
            claim = self._load(s, ref)
            style = house_style(s)
            return [EvidenceLine(link.uuid, link.relation.value, link.target.KIND,
                                 evidence_line(link, style, cite))
                    for link in _live_links(s, [claim.id])[claim.id]]

    def briefs(self, refs: Sequence[Ref]) -> dict[uuid.UUID, ClaimBrief]:
        """Statement, status, support and attribution of many claims in one read (a draft
        binds dozens); claims that no longer exist are left out."""
        keys = list({as_uuid(r) for r in refs})
        out: dict[uuid.UUID, ClaimBrief] = {}
        with self._store.read() as s:
            style = house_style(s)
            for start in range(0, len(keys), 500):
                claims = list(s.scalars(select(Claim).where(Claim.uuid.in_(keys[start:start
                                                                               + 500]))))
                links = _live_links(s, [c.id for c in claims])
                for c in claims:
                    out[c.uuid] = ClaimBrief(c.statement, c.status.value,
                                             summarize(c, links[c.id]),
                                             attribute(c, links[c.id], style).text)
        return out

    def attribution(self, ref: Ref, seen: set[str] | None = None) -> Attribution:
        """How the story attributes this claim (the reporter's override wins)."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            return attribute(claim, _live_links(s, [claim.id])[claim.id], house_style(s), seen)


class EvidenceService(RecordService[EvidenceLink]):
    """Links from claims to the evidence behind them."""

    model = EvidenceLink
    link_fields = {
        "claim": Claim,
        "quote": Quote,
        "excerpt": Excerpt,
        "photo": Photo,
        "document": Document,
        "interview": Interview,
    }

    def validate(self, s: Session, obj: Any) -> None:
        if obj.claim is None:
            raise ValidationError("evidence link: claim is required")
        targets = [t for t in EVIDENCE_TARGETS if getattr(obj, t) is not None]
        if len(targets) != 1:
            raise ValidationError(
                "evidence link: give exactly one of " + ", ".join(EVIDENCE_TARGETS)
            )

    def for_claim(self, claim: Ref) -> list[EvidenceLink]:
        """A claim's live evidence, in the order it was linked."""
        with self._store.read() as s:
            c = ClaimService(self._store)._load(s, claim)
            return _live_links(s, [c.id])[c.id]  # targets are loaded by the helper


class CommentRequestService(RecordService[CommentRequest]):
    """Requests for comment sent to those the story is about."""

    model = CommentRequest
    default_order = "asked_at"
    link_fields = {"source": Source, "claims": Claim}
    page_loads = ("source",)

    def validate(self, s: Session, obj: Any) -> None:
        if obj.source is None:
            raise ValidationError("request for comment: source (to whom) is required")

    def sentence(self, ref: Ref) -> str:
        """The sentence the story prints: "X did not respond to requests for comment." """
        with self._store.read() as s:
            return request_sentence(self._load(s, ref), house_style(s))

    def pending(self) -> list[CommentRequest]:
        """Requests still waiting for an answer."""
        with self._store.read() as s:
            stmt = select(CommentRequest).options(selectinload(CommentRequest.source)).where(
                CommentRequest.status == RequestStatus.PENDING)
            return list(s.scalars(stmt.order_by(CommentRequest.id)))


class DraftService(RecordService[Draft]):
    """Drafts of the story: body with claim anchors, versions, the checker."""

    model = Draft

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        members = fields.pop("byline", None)
        super()._apply(s, obj, fields, creating=creating)
        if members is None and creating:  # a new draft starts with the case's byline
            members = list(s.scalars(
                select(TeamMember.uuid).where(TeamMember.byline_position.is_not(None))
                .order_by(TeamMember.byline_position)))
        if members is not None:
            resolved = [TeamService(self._store)._load(s, m) for m in members]
            obj.byline = [DraftByline(member=m, position=i) for i, m in enumerate(resolved)]

    def text(self, ref: Ref) -> DraftText:
        """The draft's body as editable text with anchors."""
        return DraftText.parse(self.get(ref).body)

    def set_text(self, ref: Ref, text: DraftText) -> Draft:
        """Store an edited body."""
        return self.update(ref, body=text.serialize())

    def check(self, ref: Ref) -> list[Finding]:
        """The checker's findings for this draft, in reading order."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            text = DraftText.parse(draft.body)
            ids = {a.claim for a in text.anchors}
            claims = list(s.scalars(select(Claim).where(Claim.uuid.in_(ids)))) if ids else []
            links = _live_links(s, [c.id for c in claims])
            summaries = {c.uuid: (c.statement, summarize(c, links[c.id])) for c in claims}
            # Only the words (a long case has 20,000 quotes: rows, not objects).
            quotes = [QuoteRow(*row) for row in s.execute(select(
                Quote.text, Quote.translation, Quote.original_text, Quote.published_text,
                Quote.published_accepted))]
            sources = list(s.scalars(select(Source)))
            requests = list(s.scalars(select(CommentRequest).order_by(CommentRequest.id)))
            # An answer to a request for comment is words someone gave us, quoted in the
            # story as their statement: as much a stored wording as a transcript's.
            quotes += [QuoteRow(r.answer_text) for r in requests if r.answer_text.strip()]
            style = house_style(s)
            # Generated right of reply: one sentence per request, and the joined ones
            # (several non-responders in one sentence); written ones are recognised by
            # their targets' names (reply.py).
            replies = [request_sentence(r, style) for r in requests] + \
                request_sentences(requests, style)
            # Each target with how its requests ended: "did not respond" is right of reply
            # only for a request pending or unanswered, "declined" for a declined one.
            targets = request_targets(requests)
            pending = [r for r in requests if r.status is RequestStatus.PENDING]
        # Matching runs after the store is free (everything it reads is loaded above): on a
        # long case it takes most of a second, which no other thread should wait behind.
        return check_draft(text, summaries, quotes, sources, pending, replies, targets)

    def tagline(self, ref: Ref, *, generated: bool = False) -> str:
        """The author tagline the draft prints (its own, else generated from the byline);
        `generated`: the generated one even when the reporter wrote their own (the editor
        shows it as the empty field's placeholder)."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            style = house_style(s)
            return (generated_tagline if generated else author_tagline)(draft, style)

    def review_comments(self, ref: Ref) -> list[ReviewComment]:
        """Comments editors made on exports of this draft, oldest first."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            stmt = select(ReviewComment).where(ReviewComment.draft_id == draft.id)
            return list(s.scalars(stmt.order_by(ReviewComment.id)))

    def snapshot(self, ref: Ref, reason: str, *, version_uuid: uuid.UUID | None = None,
                 extra: dict[str, Any] | None = None) -> DraftVersion:
        """Freeze the draft as it is now (each export takes one, with the file's hash)."""
        with self._store.write() as s:
            draft = self._load(s, ref)
            version = DraftVersion(draft=draft, actor=self._store.actor, reason=reason,
                                   snapshot={**_snapshot(draft), **(extra or {})})
            if version_uuid is not None:
                version.uuid = version_uuid
            s.add(version)
            s.flush()
            return version

    def versions(self, ref: Ref) -> list[DraftVersion]:
        """Every saved version, oldest first."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            return list(s.scalars(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                                  .order_by(DraftVersion.created_at, DraftVersion.id)))

    def version_as_of(self, ref: Ref, when: datetime) -> DraftVersion | None:
        """What the editor had at `when`: the last version saved at or before it."""
        if when.tzinfo is None:
            raise ValidationError("a time with a time zone is needed")
        found = [v for v in self.versions(ref) if v.created_at <= when]
        return found[-1] if found else None


def _snapshot(draft: Draft) -> dict[str, Any]:
    return {
        "headline": draft.headline, "dek": draft.dek,
        "byline": [b.member.name for b in draft.byline],
        "dateline_place": draft.dateline_place, "dateline_country": draft.dateline_country,
        "body": draft.body, "contributor_line": draft.contributor_line,
        "status": draft.status.value,
        "published_on": draft.published_on.isoformat() if draft.published_on else None,
        "author_tagline": draft.author_tagline,
    }
