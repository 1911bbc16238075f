"""A claim's support summary, derived from its evidence and never stored.

Independence: two quotes from the same source count once; a document counts as its
publisher, so a ministry's report and a ministry spokesman are one source. Usable in print:
evidence on the record or attributable under its ground rules (background, confidential);
off-the-record and deep-background material cannot carry a claim in print.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from casefile.models import (
    Claim,
    ClaimStatus,
    Document,
    DocumentKind,
    EvidenceLink,
    GroundRules,
    Interview,
    Photo,
    Quote,
    Relation,
    Source,
)

ATTRIBUTABLE = {GroundRules.ON_RECORD, GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL}

WEAKNESS_TEXT = {
    "unsupported": "no supporting evidence",
    "single_source": "needs a second source: only one independent source supports it",
    "contradicted": "some evidence contradicts it",
    "off_record_only": "rests only on off-the-record material",
    "refuted": "marked refuted",
}


@dataclass(frozen=True)
class CitedDocument:
    """What an attribution reads of a document: who published it, what kind it is."""

    uuid: uuid.UUID
    kind: DocumentKind
    title: str
    publisher: str
    container_title: str
    publisher_source: Source | None

    @classmethod
    def of(cls, doc: Document) -> CitedDocument:
        return cls(doc.uuid, doc.kind, doc.title, doc.publisher, doc.container_title,
                   doc.publisher_source)


@dataclass(frozen=True)
class EvidenceFacts:
    """What one piece of evidence means for a claim (all the support summary and the
    attribution read, so a list can build these from plain rows: services/claim_facts.py)."""

    link: uuid.UUID
    relation: Relation
    kind: str
    source_keys: tuple[str, ...]  # who stands behind it, for counting independence
    sources: tuple[Source, ...]  # the people or bodies, when known
    rules: GroundRules | None  # None for documents and photos (public material)
    label: str
    document: CitedDocument | None = None  # the document cited (documents and excerpts)

    @property
    def usable_in_print(self) -> bool:
        """On the record, or attributable under its ground rules."""
        return self.rules is None or self.rules in ATTRIBUTABLE


def quote_rules(quote: Quote) -> GroundRules:
    """A quote's ground rules: its own override, else its interview's."""
    return quote.ground_rules or quote.interview.ground_rules


def document_source(doc: CitedDocument) -> tuple[tuple[str, ...], tuple[Source, ...]]:
    """Who stands behind a document: its publisher (a source, or by name), else itself."""
    if doc.publisher_source is not None:
        return (f"source:{doc.publisher_source.uuid}",), (doc.publisher_source,)
    if doc.publisher:
        return (f"publisher:{doc.publisher.casefold()}",), ()
    return (f"document:{doc.uuid}",), ()


def _interview_sources(iv: Interview) -> tuple[tuple[str, ...], tuple[Source, ...]]:
    if iv.interviewees:
        return tuple(f"source:{s.uuid}" for s in iv.interviewees), tuple(iv.interviewees)
    return (f"interview:{iv.uuid}",), ()


def evidence_facts(link: EvidenceLink) -> EvidenceFacts:
    """Facts for one link; its target and their relationships must be loadable."""
    target = link.target
    keys: tuple[str, ...]
    sources: tuple[Source, ...] = ()
    rules: GroundRules | None = None
    cited: CitedDocument | None = None
    if isinstance(target, Quote):
        kind = "quote"
        if target.speaker is not None:
            keys, sources = (f"source:{target.speaker.uuid}",), (target.speaker,)
        else:
            keys, sources = _interview_sources(target.interview)
        rules = quote_rules(target)
    elif isinstance(target, Interview):
        kind = "interview"
        keys, sources = _interview_sources(target)
        rules = target.ground_rules
    elif isinstance(target, Photo):
        kind = "photo"
        if target.credit_source is not None:
            keys, sources = (f"source:{target.credit_source.uuid}",), (target.credit_source,)
        elif target.credit_member is not None:
            keys = (f"team:{target.credit_member.uuid}",)
        else:
            keys = (f"photo:{target.uuid}",)
    else:
        doc = target if isinstance(target, Document) else target.document
        kind = "document" if isinstance(target, Document) else "excerpt"
        cited = CitedDocument.of(doc)
        keys, sources = document_source(cited)
    return EvidenceFacts(link.uuid, link.relation, kind, keys, sources, rules, target.label,
                         cited)


@dataclass(frozen=True)
class SupportSummary:
    """How well a claim is supported, and why it is weak if it is."""

    claim: uuid.UUID
    status: ClaimStatus
    supporting: int
    independent_sources: int
    contradicting: int
    usable_in_print: bool
    weaknesses: tuple[str, ...]

    @property
    def weak(self) -> bool:
        """True when the claim should not go to print as it stands."""
        return bool(self.weaknesses)

    def describe(self) -> str:
        """One line for lists and editor comments."""
        parts = [f"{self.independent_sources} independent source"
                 f"{'' if self.independent_sources == 1 else 's'}"]
        if self.contradicting:
            parts.append(f"contradicted by {self.contradicting}")
        parts.append("all usable in print" if self.usable_in_print
                     else "some evidence not usable in print")
        text = "; ".join(parts)
        if self.weaknesses:
            text += " — WEAK: " + "; ".join(WEAKNESS_TEXT[w] for w in self.weaknesses)
        return text


def summarize(claim: Claim, links: list[EvidenceLink]) -> SupportSummary:
    """The support summary of a claim from its live evidence links."""
    return summarize_facts(claim, [evidence_facts(link) for link in links])


def summarize_facts(claim: Claim, facts: Sequence[EvidenceFacts]) -> SupportSummary:
    """The support summary of a claim from the facts of its live evidence."""
    supporting = [f for f in facts if f.relation is Relation.SUPPORTS]
    against = [f for f in facts if f.relation is Relation.CONTRADICTS]
    usable = [f for f in supporting if f.usable_in_print]
    keys = {k for f in usable for k in f.source_keys}
    weaknesses = []
    if not supporting:
        weaknesses.append("unsupported")
    elif not usable and all(f.rules is GroundRules.OFF_RECORD for f in supporting):
        weaknesses.append("off_record_only")
    if supporting and claim.status is ClaimStatus.NEEDS_SECOND_SOURCE and len(keys) < 2:
        weaknesses.append("single_source")
    if against:
        weaknesses.append("contradicted")
    if claim.status is ClaimStatus.REFUTED:
        weaknesses.append("refuted")
    return SupportSummary(
        claim=claim.uuid,
        status=claim.status,
        supporting=len(supporting),
        independent_sources=len(keys),
        contradicting=len(against),
        usable_in_print=len(usable) == len(supporting),
        weaknesses=tuple(weaknesses),
    )
