"""Footnote and comment lines for a claim's evidence, under the sources' ground rules.

One line per piece of evidence (`evidence_line`, as the app lists it); in a footnote, comment
or sourcing table the pieces are grouped (`evidence_groups`): quotes whose interview line
would print identically share one interview line, excerpts of one document share one
citation, so an editor reads who said it once and then what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casefile.claims.attribution import source_reference
from casefile.claims.style import HouseStyle
from casefile.claims.support import evidence_facts, quote_rules
from casefile.media.csl import with_locator
from casefile.models import (
    Document,
    EvidenceLink,
    Excerpt,
    GroundRules,
    Interview,
    Medium,
    Photo,
    Quote,
    Relation,
    Source,
)

MEDIUM = {Medium.IN_PERSON: "in person", Medium.PHONE: "by phone", Medium.VIDEO: "by video call",
          Medium.MESSAGING: "by messaging app", Medium.EMAIL: "by email"}
RULES = {GroundRules.ON_RECORD: "on the record", GroundRules.BACKGROUND: "on background",
         GroundRules.DEEP_BACKGROUND: "on deep background",
         GroundRules.OFF_RECORD: "off the record",
         GroundRules.CONFIDENTIAL: "confidential, identity withheld"}
RELATION_PREFIX = {Relation.SUPPORTS: "", Relation.CONTRADICTS: "Contradicting: ",
                   Relation.CONTEXT: "Context: "}


def _who(source: Source | None, rules: GroundRules, style: HouseStyle) -> str:
    if source is None:
        return "an unnamed interviewee"
    ref = source_reference(source, style, True, rules)
    if ref is None:
        return "a source who may not be identified"
    return ref


def interview_line(iv: Interview, rules: GroundRules, speaker: Source | None,
                   style: HouseStyle) -> str:
    """'Interview with Yuri Petrov, …, Khabarovsk, Oct. 14, 2026, in person, on the record'.

    Where a protected source was met is left out: a meeting place can identify them (the
    same reason photos taken near it lose their GPS)."""
    who = _who(speaker or (iv.interviewees[0] if iv.interviewees else None), rules, style)
    parts = [f"Interview with {who}"]
    met_protected = not rules.may_name or any(s.is_protected for s in iv.interviewees) or \
        (speaker is not None and speaker.is_protected)
    place = iv.place_name.split(",")[0].strip() if iv.place_name else ""
    # "owner of a timber yard in Khabarovsk, Khabarovsk": the place once is enough.
    if place and not met_protected and not _names_place(who, place):
        parts.append(place)
    if iv.held_at:
        parts.append(style.date(iv.held_at))
    parts.append(MEDIUM[iv.medium])
    parts.append(RULES[rules])
    return ", ".join(parts)


def _names_place(text: str, place: str) -> bool:
    """Whether `place` already stands in `text` as whole words."""
    return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class EvidencePiece:
    """One piece of evidence as printed: `head` (who or what, without the relation prefix),
    `passage` (the quoted words, led by its locator for an excerpt; None for a whole record)
    and `alone` (the piece's whole line when it differs from 'head: passage'). Pieces with
    the same `key` print under one head."""

    relation: Relation
    head: str
    passage: str | None = None
    key: tuple[str, ...] | None = None
    alone: str | None = None

    @property
    def line(self) -> str:
        """The piece alone on one line, with its relation prefix."""
        if self.alone is not None:
            text = self.alone
        else:
            text = f"{self.head}: {self.passage}" if self.passage else self.head
        return RELATION_PREFIX[self.relation] + text


@dataclass(frozen=True)
class EvidenceGroup:
    """A head line and the passages printed under it (none: the head is the whole line)."""

    head: str
    passages: tuple[str, ...] = ()


_ORDER = (Relation.SUPPORTS, Relation.CONTEXT, Relation.CONTRADICTS)


def evidence_piece(link: EvidenceLink, style: HouseStyle,
                   cite: Callable[[Document], str]) -> EvidencePiece:
    """One piece of evidence, split into head and passage; never names a protected source."""
    target, relation = link.target, link.relation
    if isinstance(target, Quote):
        rules = quote_rules(target)
        if rules is GroundRules.OFF_RECORD:
            return EvidencePiece(relation, "Off-the-record material (not for publication); "
                                           "source withheld.")
        words = target.translation or target.text
        head = interview_line(target.interview, rules, target.speaker, style)
        key = ("quote", str(target.interview.uuid), head)  # same interview, same line
        return EvidencePiece(relation, head, _quoted(words), key)
    if isinstance(target, Interview):
        facts = evidence_facts(link)
        if facts.rules is GroundRules.OFF_RECORD:
            return EvidencePiece(relation, "Off-the-record interview; source withheld.")
        return EvidencePiece(relation, interview_line(target, target.ground_rules, None, style))
    if isinstance(target, Excerpt):
        # Alone, the locator joins the citation ('…, table 4: “…”'); grouped under the
        # citation, each passage is led by its own ('table 4: “…”').
        citation, words = cite(target.document), _quoted(target.text)
        locator = " ".join(target.locator.split())
        passage = f"{locator}: {words}" if locator else words
        return EvidencePiece(relation, with_locator(citation, ""), passage,
                             ("excerpt", str(target.document.uuid)),
                             f"{with_locator(citation, locator)}: {words}")
    if isinstance(target, Document):
        return EvidencePiece(relation, cite(target))
    assert isinstance(target, Photo)
    return EvidencePiece(relation, photo_line(target, style))


def evidence_line(link: EvidenceLink, style: HouseStyle,
                  cite: Callable[[Document], str]) -> str:
    """One footnote line for one piece of evidence; never names a protected source."""
    return evidence_piece(link, style, cite).line


def evidence_groups(pieces: Iterable[EvidencePiece]) -> list[EvidenceGroup]:
    """Supporting evidence first, then context, then contradicting (link order within each);
    pieces whose head would print identically (same interview, speaker and ground rules; same
    document) share one head line, prefixed once."""
    pieces = list(pieces)
    out: list[EvidenceGroup] = []
    for relation in _ORDER:
        keyed: dict[tuple[str, ...], list[EvidencePiece]] = {}
        order: list[tuple[str, ...] | EvidencePiece] = []
        for piece in pieces:
            if piece.relation is not relation:
                continue
            if piece.key is None:
                order.append(piece)
            elif piece.key in keyed:
                keyed[piece.key].append(piece)
            else:
                keyed[piece.key] = [piece]
                order.append(piece.key)
        for entry in order:
            if isinstance(entry, EvidencePiece):
                out.append(EvidenceGroup(entry.line))
                continue
            same = keyed[entry]
            if len(same) == 1:
                out.append(EvidenceGroup(same[0].line))
            else:
                out.append(EvidenceGroup(f"{RELATION_PREFIX[relation]}{same[0].head}:",
                                         tuple(p.passage or "" for p in same)))
    return out


def _quoted(words: str) -> str:
    return f"“{' '.join(words.split())}”"


def photo_credit(photo: Photo, style: HouseStyle) -> str:
    """'Maria Lindqvist' or a protected source's phrase; '' when nobody is credited."""
    if photo.credit_member is not None:
        return photo.credit_member.name
    if photo.credit_source is not None:
        return source_reference(photo.credit_source, style, True) or "a source"
    return ""


def photo_line(photo: Photo, style: HouseStyle) -> str:
    """'Photo: Maria Lindqvist, Oct. 17, 2026, Customs post, Blagoveshchensk'."""
    parts = [f"Photo: {photo_credit(photo, style) or 'uncredited'}"]
    if photo.taken_at:
        parts.append(style.date(photo.taken_at))
    if photo.place_name:
        parts.append(photo.place_name)
    return ", ".join(parts)
