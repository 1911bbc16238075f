"""A claim's support summary, derived from its evidence and never stored.

It is what an editor acts on, so it must not flatter. The rules:

- Independence counts voices. Two quotes from the same source count once; a document counts
  as its publisher, so a ministry's report and a ministry's statement are one source, whether
  the publisher is linked as a source record or typed (names compare without case or a
  leading "the"), and a person whose affiliation is a body already among the evidence speaks
  for it (the ministry's spokesman and its report are one source). A quote with no speaker,
  or a whole interview, of several interviewees is one voice (one of them), not several.
- Usable in print: evidence on the record or attributable under its ground rules
  (background, confidential). Off-the-record and deep-background material cannot carry a
  claim in print, whether the interview or quote says so or the source's own ground rules do
  (as the attribution reads them). A claim none of whose support is usable is weak:
  `off_record_only` (blocking) when all of it is off the record, else
  `deep_background_only`.
- Photos are not counted in `independent_sources`: a photo supports what it shows and is
  independent only through its credit (the photographer, a team member or a source). A
  credited photo whose credit is not already one of the claim's sources is independent
  corroboration that can clear "needs a second source", but only when the claim's other
  support is not testimony (no quote or interview among its supporting evidence: then the
  claim is what someone said, and a photo is never a second source for that). An uncredited
  photo never counts.
- Evidence that points at a whole record, not a passage (a whole interview with no quote from
  it among the claim's support, a whole document with no excerpt from it) still counts for
  independence but is weaker: `whole_record`, a warning.
- A claim the reporter marked disputed with no contradicting evidence linked is `disputed`
  (a warning); with contradicting evidence it is `contradicted`.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from casefile.claims.names import body_key, publisher_name
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
    SourceKind,
)

ATTRIBUTABLE = {GroundRules.ON_RECORD, GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL}
# A source's own ground rules that keep what they said out of print, whatever the interview's.
_BARRED = {GroundRules.OFF_RECORD, GroundRules.DEEP_BACKGROUND}
TESTIMONY = {"quote", "interview"}  # evidence that is what someone said
WHOLE_RECORDS = {"interview", "document"}  # evidence that can be a whole record…
PASSAGES = {"quote", "excerpt"}  # …or a passage of one (`EvidenceFacts.record` says which)

WEAKNESS_TEXT = {
    "unsupported": "no supporting evidence",
    "single_source": "needs a second source: only one independent source supports it",
    "contradicted": "some evidence contradicts it",
    "off_record_only": "rests only on off-the-record material",
    "deep_background_only": "rests only on material that cannot be attributed (deep "
                            "background, off the record)",
    "whole_record": "linked to a whole record, no passage marked",
    "disputed": "marked disputed, but no contradicting evidence is linked",
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
    # The interview or document it is or comes from (a quote: its interview; an excerpt: its
    # document), to tell a whole record from a passage of it; None for photos.
    record: uuid.UUID | None = None
    credit: str = ""  # a photo's credit as print may name it; "" uncredited or not a photo

    @property
    def usable_in_print(self) -> bool:
        """On the record, or attributable under its ground rules."""
        return self.rules is None or self.rules in ATTRIBUTABLE


def quote_rules(quote: Quote) -> GroundRules:
    """A quote's ground rules: its own override, else its interview's."""
    return quote.ground_rules or quote.interview.ground_rules


def barred_by_people(rules: GroundRules, people: Sequence[Source]) -> GroundRules:
    """`rules`, made as strict as the people behind the words when every one of them spoke
    under rules that bar print (off the record, deep background) — as the support summary
    counts them (`_printable`), so a footnote never prints what the summary calls barred."""
    if rules not in ATTRIBUTABLE or not people:
        return rules
    own = {p.ground_rules for p in people}
    if not own <= {GroundRules.OFF_RECORD, GroundRules.DEEP_BACKGROUND}:
        return rules
    return GroundRules.OFF_RECORD if GroundRules.OFF_RECORD in own \
        else GroundRules.DEEP_BACKGROUND


def print_rules(quote: Quote) -> GroundRules:
    """The rules a quote goes to print under: its own (or its interview's), or its
    speaker's — its interviewees' when no speaker is set — when those bar print."""
    people = [quote.speaker] if quote.speaker is not None else list(quote.interview.interviewees)
    return barred_by_people(quote_rules(quote), people)


def document_source(doc: CitedDocument) -> tuple[tuple[str, ...], tuple[Source, ...]]:
    """Who stands behind a document: its publisher (a source, or by name), else itself."""
    if doc.publisher_source is not None:
        return (f"source:{doc.publisher_source.uuid}",), (doc.publisher_source,)
    if doc.publisher:
        return (f"publisher:{doc.publisher.casefold()}",), ()
    return (f"document:{doc.uuid}",), ()


def photo_credit(source: Source | None, member_name: str | None) -> str:
    """A photo's credit as print may name it: a protected source only by its attribution
    phrase (names.py), never its name; '' when uncredited."""
    if source is not None:
        return publisher_name("", source) or "a source who may not be named"
    return (member_name or "").strip()


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
    record: uuid.UUID | None = None
    credit = ""
    if isinstance(target, Quote):
        kind = "quote"
        if target.speaker is not None:
            keys, sources = (f"source:{target.speaker.uuid}",), (target.speaker,)
        else:
            keys, sources = _interview_sources(target.interview)
        rules = quote_rules(target)
        record = target.interview.uuid
    elif isinstance(target, Interview):
        kind = "interview"
        keys, sources = _interview_sources(target)
        rules = target.ground_rules
        record = target.uuid
    elif isinstance(target, Photo):
        kind = "photo"
        member = target.credit_member
        if target.credit_source is not None:
            keys, sources = (f"source:{target.credit_source.uuid}",), (target.credit_source,)
        elif member is not None:
            keys = (f"team:{member.uuid}",)
        else:
            keys = (f"photo:{target.uuid}",)
        credit = photo_credit(target.credit_source, member.name if member else None)
    else:
        doc = target if isinstance(target, Document) else target.document
        kind = "document" if isinstance(target, Document) else "excerpt"
        cited = CitedDocument.of(doc)
        keys, sources = document_source(cited)
        record = doc.uuid
    return EvidenceFacts(link.uuid, link.relation, kind, keys, sources, rules, target.label,
                         cited, record, credit)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else f"{n} {many}"


@dataclass(frozen=True)
class SupportSummary:
    """How well a claim is supported, and why it is weak if it is."""

    claim: uuid.UUID
    status: ClaimStatus
    supporting: int
    independent_sources: int  # people and bodies; photos never count here
    contradicting: int
    usable_in_print: bool  # some support, and all of it usable in print
    weaknesses: tuple[str, ...]
    # Credits of the photos counted as independent corroboration beside the sources.
    corroborating_photos: tuple[str, ...] = ()
    # What the other supporting photos are not ("a photo, uncredited: not independent").
    photo_notes: tuple[str, ...] = ()
    whole_records: tuple[str, ...] = ()  # kinds of the whole records linked, in link order

    @property
    def weak(self) -> bool:
        """True when the claim should not go to print as it stands."""
        return bool(self.weaknesses)

    def weakness_text(self, weakness: str) -> str:
        """What a weakness means for this claim (names the records for `whole_record`)."""
        if weakness == "whole_record" and self.whole_records:
            counts = Counter(self.whole_records)
            kinds = [_plural(counts[k], f"a whole {k}", f"whole {k}s")
                     for k in dict.fromkeys(self.whole_records)]
            return f"linked to {' and '.join(kinds)}, no passage marked"
        return WEAKNESS_TEXT[weakness]

    def describe(self) -> str:
        """One line for lists and editor comments; every phrase carries its noun ("all
        evidence usable in print", never "all usable"), so each reads alone in a cell."""
        text = self.support_text()
        if self.weaknesses:
            text += " — WEAK: " + "; ".join(self.weakness_text(w) for w in self.weaknesses)
        return text

    def support_text(self) -> str:
        """What supports the claim, without its weaknesses: '1 independent source;
        contradicted by 1 piece of evidence; all evidence usable in print' (the list line and
        the editor's comment both start from it)."""
        parts = [self.sources_line(), *self.photo_notes]
        if self.contradicting:
            parts.append("contradicted by " + _plural(self.contradicting, "1 piece of evidence",
                                                      "pieces of evidence"))
        if self.supporting:
            parts.append(self.print_use())
        return "; ".join(parts)

    def sources_line(self) -> str:
        """'1 independent source, and a photo credited to Maria Lindqvist'; with photos
        alone, 'no independent source but photos credited to A and B' (each photographer a
        witness to what the photos show, never '0 independent sources' beside a cleared
        claim)."""
        n = self.independent_sources
        photos = self.corroborating_photos
        credits = _join(photos) if photos else ""
        what = (f"a photo credited to {credits}" if len(photos) == 1
                else f"photos credited to {credits}")
        if n == 0 and photos:
            return f"no independent source but {what}"
        head = f"{n} independent source{'' if n == 1 else 's'}"
        return f"{head}, and {what}" if photos else head

    def print_use(self) -> str:
        """How much of the support can go to print. None of it usable is what the
        off-the-record-only and deep-background-only weaknesses say; "some … not usable"
        would flatter a claim that rests on nothing printable."""
        if self.usable_in_print:
            return "all evidence usable in print"
        if {"off_record_only", "deep_background_only"} & set(self.weaknesses):
            return "no evidence usable in print"
        return "some evidence not usable in print"


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summarize(claim: Claim, links: list[EvidenceLink]) -> SupportSummary:
    """The support summary of a claim from its live evidence links."""
    return summarize_facts(claim, [evidence_facts(link) for link in links])


def _printable(f: EvidenceFacts) -> tuple[GroundRules | None, tuple[str, ...]]:
    """The rules a piece of evidence goes to print under, and the keys of who may carry it
    there. Its own rules, or — for what someone said — its people's own: one whose ground
    rules bar print (off the record, deep background, as the attribution reads them) is
    left out, and when all are, the evidence is as barred as they are. None: public
    material."""
    if f.rules is not None and f.rules not in ATTRIBUTABLE:
        return f.rules, ()
    if f.kind not in TESTIMONY or not f.sources:
        return f.rules, f.source_keys
    barred = {k: s.ground_rules for k, s in _sourced(f) if s.ground_rules in _BARRED}
    if not barred:
        return f.rules, f.source_keys
    keys = tuple(k for k in f.source_keys if k not in barred)
    if keys:
        return f.rules, keys
    off = GroundRules.OFF_RECORD in barred.values()
    return (GroundRules.OFF_RECORD if off else GroundRules.DEEP_BACKGROUND), ()


def _sourced(f: EvidenceFacts) -> Iterator[tuple[str, Source]]:
    """Each known source behind a piece of evidence with its key (the constructors keep
    `source_keys` and `sources` aligned whenever the sources are known)."""
    if len(f.sources) == len(f.source_keys):
        yield from zip(f.source_keys, f.sources, strict=True)


class _Voices:
    """Which keys are one voice: a body under any of its names, a person speaking for a
    body among the evidence."""

    def __init__(self, bodies: dict[str, str], people: dict[str, str]) -> None:
        self.bodies = bodies  # a body's name -> its key
        self.people = people  # a person's key -> the name of the body they are of

    @classmethod
    def among(cls, facts: Iterable[EvidenceFacts]) -> Callable[[str], str]:
        """The voice of each key of these facts; every key its own when nothing can be
        one voice with another (no publisher named by text, no person of a body)."""
        people: dict[str, str] = {}
        organisations: list[tuple[str, Source]] = []
        named: list[str] = []
        for f in facts:
            for key, s in _sourced(f):
                if s.kind is not SourceKind.PERSON:
                    organisations.append((key, s))
                elif s.affiliation:
                    people[key] = body_key(s.affiliation)
            named += (k for k in f.source_keys if k.startswith("publisher:"))
        if not people and not named:
            return _same
        bodies: dict[str, str] = {}
        for key, s in organisations:
            for n in (s.name, s.short_name):
                if n:
                    bodies.setdefault(body_key(n), key)
        for key in named:
            bodies.setdefault(body_key(key[10:]), key)
        return cls(bodies, people).of

    def of(self, key: str) -> str:
        """The voice a key speaks with."""
        if key.startswith("publisher:"):
            return self.bodies.get(body_key(key[10:]), key)
        body = self.people.get(key)
        return key if body is None else self.bodies.get(body, key)


def _same(key: str) -> str:
    return key


def _independent(carriers: Sequence[tuple[str, ...]], voice: Callable[[str], str]
                 ) -> tuple[int, set[str]]:
    """How many voices stand behind usable non-photo support, and every voice it names.
    Evidence that is one of several people (a quote with no speaker, a joint interview)
    adds one voice, and only if none of them is counted already."""
    named: set[str] = set()
    ambiguous: list[set[str]] = []
    for carrier in carriers:
        keys = {voice(k) for k in carrier}
        if len(keys) == 1:
            named |= keys
        elif keys:
            ambiguous.append(keys)
    count = len(named)
    for keys in ambiguous:
        if not keys & named:
            count += 1
        named |= keys
    return count, named


def summarize_facts(claim: Claim, facts: Sequence[EvidenceFacts]) -> SupportSummary:
    """The support summary of a claim from the facts of its live evidence (one pass: a
    list summarises thousands of claims)."""
    supporting: list[EvidenceFacts] = []
    usable: list[EvidenceFacts] = []
    carriers: list[tuple[str, ...]] = []  # who carries each usable non-photo piece to print
    barred: list[GroundRules | None] = []  # the rules keeping each unusable piece out
    passages: set[uuid.UUID | None] = set()
    contradicting = 0
    photo = testimony = False
    for f in facts:
        if f.relation is not Relation.SUPPORTS:
            contradicting += f.relation is Relation.CONTRADICTS
            continue
        supporting.append(f)
        kind = f.kind
        if kind in PASSAGES:
            passages.add(f.record)
        testimony = testimony or kind in TESTIMONY
        rules, keys = _printable(f)
        if rules is not None and rules not in ATTRIBUTABLE:
            barred.append(rules)
            continue
        usable.append(f)
        if kind == "photo":
            photo = True
        elif keys:
            carriers.append(keys)
    many = len({k for f in usable for k in f.source_keys}) > 1
    voice = _Voices.among(usable) if many else _same
    count, named = _independent(carriers, voice)
    photos, notes = _photos(usable, named, voice, testimony) if photo else ({}, ())
    whole = tuple(f.kind for f in supporting
                  if f.kind in WHOLE_RECORDS and f.record not in passages)
    status = claim.status
    weaknesses = []
    if not supporting:
        weaknesses.append("unsupported")
    elif not usable:
        off = all(rules is GroundRules.OFF_RECORD for rules in barred)
        weaknesses.append("off_record_only" if off else "deep_background_only")
    if supporting and status is ClaimStatus.NEEDS_SECOND_SOURCE \
            and count + len(photos) < 2:
        weaknesses.append("single_source")
    if whole:
        weaknesses.append("whole_record")
    if contradicting:
        weaknesses.append("contradicted")
    elif status is ClaimStatus.DISPUTED:
        weaknesses.append("disputed")
    if status is ClaimStatus.REFUTED:
        weaknesses.append("refuted")
    return SupportSummary(
        claim=claim.uuid,
        status=status,
        supporting=len(supporting),
        independent_sources=count,
        contradicting=contradicting,
        usable_in_print=bool(supporting) and len(usable) == len(supporting),
        weaknesses=tuple(weaknesses),
        corroborating_photos=tuple(photos.values()),
        photo_notes=notes,
        whole_records=whole,
    )


def _photos(usable: Sequence[EvidenceFacts], sources: set[str], voice: Callable[[str], str],
            testimony: bool) -> tuple[dict[str, str], tuple[str, ...]]:
    """The credited photos that corroborate (voice -> credit, one per photographer), and
    notes saying why the others do not."""
    counted: dict[str, str] = {}
    notes: list[str] = []
    uncredited = 0
    for f in usable:
        if f.kind != "photo":
            continue
        if not f.credit:
            uncredited += 1
            continue
        who = voice(f.source_keys[0])
        if who in sources:
            notes.append(f"a photo credited to {f.credit}, already a source")
        elif testimony:
            notes.append(f"a photo credited to {f.credit}: not a second source for what "
                         f"was said")
        elif who not in counted:
            counted[who] = f.credit
    if uncredited:
        notes.insert(0, _plural(uncredited, "a photo", "photos") + ", uncredited: not "
                     "independent")
    return counted, tuple(dict.fromkeys(notes))
