"""Claims with their support summaries and attributions, requests for comment and their
sentences, drafts with versions and the checker."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from casefile.claims.attribution import (
    Attribution,
    attribute,
    attribute_facts,
    request_sentence,
    request_sentences,
)
from casefile.claims.checker import Finding, QuoteRow, check_draft
from casefile.claims.draft_text import DraftText
from casefile.claims.evidence_reads import house_style, live_links
from casefile.claims.reply import request_targets
from casefile.claims.support import (
    EvidenceFacts,
    SupportSummary,
    summarize,
    summarize_facts,
)
from casefile.claims.tagline import author_tagline, generated_tagline
from casefile.db.session import Store
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
    GroundRules,
    Interview,
    Photo,
    Quote,
    Relation,
    RequestStatus,
    ReviewComment,
    Source,
    TeamMember,
)
from casefile.models.claims import EVIDENCE_TARGETS
from casefile.read_models import (
    ClaimData,
    CommentRequestData,
    DraftData,
    DraftVersionData,
    EvidenceLinkData,
    ReviewCommentData,
)
from casefile.services.base import PageKey, RecordService, Ref, as_uuid
from casefile.services.claim_facts import SourceCache, batch_facts
from casefile.services.records import TeamService
from casefile.services.rules import evidence_target_problem


@dataclass(frozen=True)
class ClaimBrief:
    """What a draft shows about a claim bound in it: statement, status, support, attribution."""

    statement: str
    status: str
    summary: SupportSummary
    attribution: str


class ClaimRow(NamedTuple):
    """One row of the claims list: the claim, its support summary and its attribution."""

    claim: ClaimData
    summary: SupportSummary
    attribution: Attribution


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence of a claim, ready to show."""

    link: uuid.UUID
    relation: str
    kind: str
    text: str


def _summarized(s: Session, claims: Sequence[Claim], weak_only: bool,
                cache: SourceCache | None = None
                ) -> list[tuple[Claim, SupportSummary, list[EvidenceFacts]]]:
    """Claims with their summaries and the facts of their live evidence, read as plain rows
    in three queries for the batch (the path both the app's claims list and `casefile
    claims` take; claim_facts.py says why not objects)."""
    facts = batch_facts(s, [c.id for c in claims], cache)
    rows = [(c, summarize_facts(c, facts[c.id]), facts[c.id]) for c in claims]
    return [row for row in rows if row[1].weak or not weak_only]


def supporting_count() -> Any:
    """A claim's live pieces of supporting evidence, in SQL: what the claims list sorts its
    Support column by. The summary itself weighs independence, ground rules and photo
    credits in Python, per claim; a list of 10,000 claims can only sort on a value SQL
    knows, and how much evidence supports a claim is the one the summary starts from."""
    return (select(func.count(EvidenceLink.id))
            .where(EvidenceLink.claim_id == Claim.id,
                   EvidenceLink.relation == Relation.SUPPORTS,
                   EvidenceLink.trash_id.is_(None))
            .correlate(Claim).scalar_subquery())


def addressee_name() -> Any:
    """To whom a request goes, as the list shows it, in SQL: the name of a source on the
    record, a protected one's pseudonym (never sorted by a real name the list hides)."""
    shown = case((Source.ground_rules == GroundRules.ON_RECORD, Source.name),
                 else_=func.coalesce(func.nullif(func.trim(Source.attribution_phrase), ""),
                                     "protected source"))
    return (select(shown).where(Source.id == CommentRequest.source_id)
            .correlate(CommentRequest).scalar_subquery())


class ClaimService(RecordService[Claim, ClaimData]):
    """Statements the story makes."""

    model = Claim
    link_fields = {"checked_by": TeamMember}
    sort_expressions = {"support": supporting_count}
    # A claim's detail shows each piece of evidence, and whether a quote still holds.
    detail_extra = tuple(f"evidence.{name}" for name in EVIDENCE_TARGETS) + (
        "evidence.quote.interview",)

    def summary(self, ref: Ref) -> SupportSummary:
        """The claim's support summary (derived from its evidence, never stored)."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            return summarize(claim, live_links(s, [claim.id])[claim.id])

    def summaries(self, *, offset: int = 0, limit: int = 100, weak_only: bool = False,
                  after: PageKey | None = None, before: PageKey | None = None,
                  tagged: str | None = None, order_by: str | None = None,
                  descending: bool = False, inclusive: bool = False
                  ) -> list[tuple[ClaimData, SupportSummary]]:
        """A page of claims with their summaries; `weak_only` keeps the weak ones;
        `after`/`before` page by key as `page` does; `tagged` keeps those with that tag;
        `order_by`/`descending` sort as `page` does (the claims list's column headers)."""
        with self._store.read() as s:
            claims = list(s.scalars(self._ordered(select(Claim), order_by, descending,
                                                  after=after, before=before,
                                                  inclusive=inclusive, tagged=tagged)
                                    .offset(offset).limit(limit)))
            claims = claims[::-1] if before is not None else claims
            kept = [(c, sm) for c, sm, _facts in _summarized(s, claims, weak_only)]
            data = self._many(s, [c for c, _sm in kept])
            return list(zip(data, [sm for _c, sm in kept], strict=True))

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
                claims = list(s.scalars(self._ordered(select(Claim), after=key).limit(batch)))
                kept = [(c, sm, attribute_facts(c, facts, style))
                        for c, sm, facts in _summarized(s, claims, weak_only, sources)]
                data = self._reader.many([c for c, _sm, _a in kept])
                rows = [ClaimRow(d, sm, a) for d, (_c, sm, a) in zip(data, kept, strict=True)]
            yield from rows
            if len(claims) < batch:
                return
            key = self.page_key(claims[-1])

    def review_comments(self, ref: Ref) -> list[ReviewCommentData]:
        """Editors' comments attached to this claim ("Editor: second source?")."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            stmt = select(ReviewComment).where(ReviewComment.claim_id == claim.id)
            return self._reader.many(list(s.scalars(stmt.order_by(ReviewComment.id))))

    def evidence_lines(self, ref: Ref) -> list[EvidenceLine]:
        """Each piece of a claim's evidence as one readable line (as its footnote reads)."""
        from collections.abc import Callable

        from casefile.export.sourcing import evidence_line
        from casefile.media.csl import document_to_csl, fallback_citation, format_citation
        from casefile.media.csl_render import case_locale

        def citer(locale: str) -> Callable[[Document], str]:
            def cite(doc: Document) -> str:
                try:
                    return format_citation(document_to_csl(doc), locale=locale)
                except Exception:  # noqa: BLE001 - a citation problem must not hide evidence
                    return fallback_citation(doc.title)  # its title, never Zotero's markup
            return cite

        with self._store.read() as s:
            claim = self._load(s, ref)
            style = house_style(s)
            cite = citer(case_locale(s))  # the case's language picks the citation's locale
            return [EvidenceLine(link.uuid, link.relation.value, link.target.KIND,
                                 evidence_line(link, style, cite))
                    for link in live_links(s, [claim.id])[claim.id]]

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
                links = live_links(s, [c.id for c in claims])
                for c in claims:
                    out[c.uuid] = ClaimBrief(c.statement, c.status.value,
                                             summarize(c, links[c.id]),
                                             attribute(c, links[c.id], style).text)
        return out

    def attribution(self, ref: Ref, seen: set[str] | None = None) -> Attribution:
        """How the story attributes this claim (the reporter's override wins)."""
        with self._store.read() as s:
            claim = self._load(s, ref)
            return attribute(claim, live_links(s, [claim.id])[claim.id], house_style(s), seen)


class EvidenceService(RecordService[EvidenceLink, EvidenceLinkData]):
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

    def __init__(self, store: Store, *, claims: ClaimService) -> None:
        super().__init__(store)
        self._claims = claims  # evidence is listed by the claim it supports

    def _validate(self, s: Session, obj: Any) -> None:
        if obj.claim is None:
            raise ValidationError("evidence link: claim is required")
        problem = evidence_target_problem({t: getattr(obj, t) for t in EVIDENCE_TARGETS})
        if problem is not None:
            raise ValidationError(f"evidence link: {problem}")

    def for_claim(self, claim: Ref) -> list[EvidenceLinkData]:
        """A claim's live evidence, in the order it was linked."""
        with self._store.read() as s:
            c = self._claims._load(s, claim)
            return self._reader.many(live_links(s, [c.id])[c.id])  # targets loaded there


class CommentRequestService(RecordService[CommentRequest, CommentRequestData]):
    """Requests for comment sent to those the story is about."""

    model = CommentRequest
    default_order = "asked_at"
    link_fields = {"source": Source, "claims": Claim}
    sort_expressions = {"addressee": addressee_name}
    page_loads = ("source",)

    def _validate(self, s: Session, obj: Any) -> None:
        if obj.source is None:
            raise ValidationError("request for comment: source (to whom) is required")

    def sentence(self, ref: Ref) -> str:
        """The sentence the story prints: "X did not respond to requests for comment." """
        with self._store.read() as s:
            return request_sentence(self._load(s, ref), house_style(s))

    def pending(self) -> list[CommentRequestData]:
        """Requests still waiting for an answer."""
        with self._store.read() as s:
            stmt = select(CommentRequest).options(selectinload(CommentRequest.source)).where(
                CommentRequest.status == RequestStatus.PENDING)
            return self._many(s, list(s.scalars(stmt.order_by(CommentRequest.id))))


class DraftService(RecordService[Draft, DraftData]):
    """Drafts of the story: body with claim anchors, versions, the checker."""

    model = Draft
    detail_skips = ("versions",)  # snapshots of every export: read when asked
    detail_extra = ("byline.member",)

    def __init__(self, store: Store, *, team: TeamService) -> None:
        super().__init__(store)
        self._team = team  # a draft's byline names team members

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        members = fields.pop("byline", None)
        super()._apply(s, obj, fields, creating=creating)
        if members is None and creating:  # a new draft starts with the case's byline
            members = list(s.scalars(
                select(TeamMember.uuid).where(TeamMember.byline_position.is_not(None))
                .order_by(TeamMember.byline_position)))
        if members is not None:
            resolved = [self._team._load(s, m) for m in members]
            obj.byline = [DraftByline(member=m, position=i) for i, m in enumerate(resolved)]

    def text(self, ref: Ref) -> DraftText:
        """The draft's body as editable text with anchors."""
        return DraftText.parse(self.get(ref).body)

    def set_text(self, ref: Ref, text: DraftText) -> DraftData:
        """Store an edited body."""
        return self.update(ref, body=text.serialize())

    def check(self, ref: Ref) -> list[Finding]:
        """The checker's findings for this draft, in reading order."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            text = DraftText.parse(draft.body)
            ids = {a.claim for a in text.anchors}
            claims = list(s.scalars(select(Claim).where(Claim.uuid.in_(ids)))) if ids else []
            links = live_links(s, [c.id for c in claims])
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
            # The draft is in the case's language: its sentences are split as that reads.
            language = s.scalars(select(CaseInfo.language)).one_or_none() or "en"
        # Matching runs after the store is free (everything it reads is loaded above): on a
        # long case it takes most of a second, which no other thread should wait behind.
        return check_draft(text, summaries, quotes, sources, pending, replies, targets,
                           language)

    def tagline(self, ref: Ref, *, generated: bool = False) -> str:
        """The author tagline the draft prints (its own, else generated from the byline);
        `generated`: the generated one even when the reporter wrote their own (the editor
        shows it as the empty field's placeholder)."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            style = house_style(s)
            return (generated_tagline if generated else author_tagline)(draft, style)

    def review_comments(self, ref: Ref) -> list[ReviewCommentData]:
        """Comments editors made on exports of this draft, oldest first."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            stmt = select(ReviewComment).where(ReviewComment.draft_id == draft.id)
            return self._reader.many(list(s.scalars(stmt.order_by(ReviewComment.id))))

    def snapshot(self, ref: Ref, reason: str, *, version_uuid: uuid.UUID | None = None,
                 extra: dict[str, Any] | None = None) -> DraftVersionData:
        """Freeze the draft as it is now (each export takes one, with the file's hash)."""
        with self._store.write() as s:
            draft = self._load(s, ref)
            version = DraftVersion(draft=draft, actor=self._store.actor, reason=reason,
                                   snapshot={**_snapshot(draft), **(extra or {})})
            if version_uuid is not None:
                version.uuid = version_uuid
            s.add(version)
            s.flush()
            return self._reader.data(version)  # type: ignore[no-any-return]

    def versions(self, ref: Ref) -> list[DraftVersionData]:
        """Every saved version, oldest first."""
        with self._store.read() as s:
            draft = self._load(s, ref)
            return self._reader.many(list(s.scalars(
                select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                .order_by(DraftVersion.created_at, DraftVersion.id))))

    def version_as_of(self, ref: Ref, when: datetime) -> DraftVersionData | None:
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
