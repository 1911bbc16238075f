"""The attribution a newsroom would print for a claim, and right-of-reply sentences.

First reference names a person in full with their role ("Yuri Petrov, owner of a timber yard
in Khabarovsk"); later ones use the short form ("Mr. Petrov"). Background and confidential
sources are only ever cited by their attribution phrase; off-the-record and deep-background
material is never attributed. Documents are cited by who published them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from casefile.claims.style import HouseStyle
from casefile.claims.support import CitedDocument, EvidenceFacts, evidence_facts
from casefile.models import (
    Claim,
    CommentRequest,
    DocumentKind,
    EvidenceLink,
    GroundRules,
    Relation,
    RequestStatus,
    Source,
    SourceKind,
)

_INSTITUTION_WORDS = ("service", "directorate", "agency", "ministry", "committee", "court",
                      "office", "administration", "department", "council", "embassy",
                      "consulate", "government", "police", "prosecutor", "commission",
                      "parliament", "duma")


def with_article(name: str) -> str:
    """'the National Statistics Service' — institutions take 'the', companies do not."""
    lower = name.lower()
    if lower.startswith("the "):
        return name
    if any(w in lower.split() for w in _INSTITUTION_WORDS):
        return f"the {name}"
    return name


def capitalize_first(text: str) -> str:
    """Upper-case the first letter (for a sentence that starts with a reference)."""
    return text[:1].upper() + text[1:]


def person_first_reference(source: Source) -> str:
    """'Yuri Petrov, owner of a timber yard in Khabarovsk'."""
    role = source.role_title.strip()
    if role and source.location and source.location.lower() not in role.lower():
        role = f"{role} in {source.location}"
    elif role and source.affiliation and source.affiliation.lower() not in role.lower():
        role = f"{role} at {source.affiliation}"
    return f"{source.name}, {role}" if role else source.name


def source_reference(source: Source, style: HouseStyle, first: bool,
                     rules: GroundRules | None = None) -> str | None:
    """How to cite a source under its ground rules (the evidence's, if stricter); None when it
    may not be cited at all."""
    effective = rules or source.ground_rules
    if source.ground_rules in (GroundRules.OFF_RECORD, GroundRules.DEEP_BACKGROUND):
        effective = source.ground_rules
    if effective in (GroundRules.OFF_RECORD, GroundRules.DEEP_BACKGROUND):
        return None
    if effective in (GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL) \
            or source.ground_rules in (GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL):
        return source.attribution_phrase or None
    if source.kind is SourceKind.PERSON:
        if first:
            return person_first_reference(source)
        return style.second_reference(source.name, source.short_name)
    if first or not source.short_name:
        return with_article(source.name)
    return source.short_name


def document_reference(doc: CitedDocument, style: HouseStyle, seen: set[str]) -> str:
    """'data from the Far Eastern Customs Directorate', 'a report in the Amur Courier'."""
    if doc.publisher_source is not None:
        key = f"source:{doc.publisher_source.uuid}"
        publisher = source_reference(doc.publisher_source, style, key not in seen) or ""
        seen.add(key)
    else:
        publisher = with_article(doc.publisher) if doc.publisher else ""
    if doc.kind in (DocumentKind.STATISTICS, DocumentKind.DATASET):
        return f"data from {publisher}" if publisher else f"the dataset “{doc.title}”"
    if doc.kind is DocumentKind.NEWS_ARTICLE:
        outlet = doc.container_title or doc.publisher
        return f"a report in {with_article(outlet)}" if outlet else f"the article “{doc.title}”"
    if doc.kind is DocumentKind.COURT_RECORD:
        return "court records"
    if doc.kind is DocumentKind.LETTER and publisher:
        return f"a letter from {publisher}"
    if doc.kind is DocumentKind.REPORT and publisher:
        return f"a report by {publisher}"
    return publisher or f"“{doc.title}”"


def join_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Attribution:
    """What a claim is attributed to. `text` reads after the claim: 'according to …'."""

    text: str
    references: tuple[str, ...]
    overridden: bool = False
    unattributable: tuple[str, ...] = field(default=())  # evidence that may not be cited

    @property
    def said(self) -> str:
        """The same as a speech tag ('Yuri Petrov … said'), for a single person."""
        return self.text.removeprefix("according to ")


def attribute(claim: Claim, links: Iterable[EvidenceLink], style: HouseStyle,
              seen: set[str] | None = None) -> Attribution:
    """The attribution for a claim from its supporting evidence. `seen` holds the source keys
    already named earlier in the draft (first vs later reference); it is updated."""
    supporting = (evidence_facts(link) for link in links if link.relation is Relation.SUPPORTS)
    return attribute_facts(claim, supporting, style, seen)


def attribute_facts(claim: Claim, evidence: Iterable[EvidenceFacts], style: HouseStyle,
                    seen: set[str] | None = None) -> Attribution:
    """`attribute` from the facts of the claim's live evidence, in link order."""
    if claim.attribution_override.strip():
        return Attribution(claim.attribution_override.strip(), (), overridden=True)
    seen = set() if seen is None else seen
    references: list[str] = []
    hidden: list[str] = []
    for facts in evidence:
        if facts.relation is not Relation.SUPPORTS:
            continue
        if facts.document is not None:
            ref = document_reference(facts.document, style, seen)
        elif facts.sources:
            parts = []
            for source in facts.sources:
                key = f"source:{source.uuid}"
                one = source_reference(source, style, key not in seen, facts.rules)
                if one is None:
                    hidden.append(facts.label)
                    continue
                seen.add(key)
                parts.append(one)
            ref = join_list(parts)
        else:
            continue  # photos by our own staff, notes: nothing to attribute to
        if ref and ref not in references:
            references.append(ref)
    if not references:
        return Attribution("", (), unattributable=tuple(hidden))
    return Attribution(f"according to {join_list(references)}", tuple(references),
                       unattributable=tuple(hidden))


def request_sentence(request: CommentRequest, style: HouseStyle) -> str:
    """The right-of-reply sentence a draft prints for a request for comment."""
    source = request.source
    if source.kind is SourceKind.PERSON:
        ref = source.name if source.ground_rules is GroundRules.ON_RECORD else \
            (source.attribution_phrase or "the person concerned")
    else:
        ref = with_article(source.name)
    start = capitalize_first(ref)
    if request.status is RequestStatus.NO_RESPONSE:
        return f"{start} did not respond to requests for comment."
    if request.status is RequestStatus.PENDING:
        if style.verb == "said":
            return f"{start} did not immediately respond to a request for comment."
        return f"{start} has not yet responded to a request for comment."
    if request.status is RequestStatus.DECLINED:
        return f"{start} declined to comment."
    answer = " ".join(request.answer_text.split()).rstrip(".")
    if not answer:
        return f"{start} responded to a request for comment."
    return f"“{answer},” {ref} {style.verb} in a statement."
