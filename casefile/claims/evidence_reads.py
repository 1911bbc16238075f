"""Reads of a claim's evidence and of the requests for comment that concern claims, inside a
unit of work: shared by the claims service and the draft export (kept here, not in either,
so neither imports the other)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from casefile.claims.style import HouseStyle
from casefile.claims.support import evidence_facts
from casefile.models import (
    CaseInfo,
    Claim,
    CommentRequest,
    Document,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    Source,
)
from casefile.models.claims import comment_request_claims


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


def live_links(s: Session, claim_ids: Sequence[int]) -> dict[int, list[EvidenceLink]]:
    """Each claim's evidence links whose target is not in the trash, oldest first, with
    their targets loaded."""
    links: dict[int, list[EvidenceLink]] = {i: [] for i in claim_ids}
    stmt = select(EvidenceLink).where(EvidenceLink.claim_id.in_(claim_ids)).order_by(
        EvidenceLink.id).options(*_link_loads())
    for link in s.scalars(stmt):
        if getattr(link.target, "trash_id", None) is None:
            links[link.claim_id].append(link)
    return links


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
