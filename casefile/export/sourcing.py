"""Footnote and comment lines for a claim's evidence, under the sources' ground rules."""

from __future__ import annotations

from collections.abc import Callable

from casefile.claims.attribution import source_reference
from casefile.claims.style import HouseStyle
from casefile.claims.support import evidence_facts, quote_rules
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
    if iv.place_name and not met_protected:
        parts.append(iv.place_name.split(",")[0])
    if iv.held_at:
        parts.append(style.date(iv.held_at))
    parts.append(MEDIUM[iv.medium])
    parts.append(RULES[rules])
    return ", ".join(parts)


def evidence_line(link: EvidenceLink, style: HouseStyle,
                  cite: Callable[[Document], str]) -> str:
    """One footnote line for one piece of evidence; never names a protected source."""
    target = link.target
    prefix = RELATION_PREFIX[link.relation]
    if isinstance(target, Quote):
        rules = quote_rules(target)
        if rules is GroundRules.OFF_RECORD:
            return f"{prefix}Off-the-record material (not for publication); source withheld."
        words = target.translation or target.text
        line = interview_line(target.interview, rules, target.speaker, style)
        return f"{prefix}{line}: “{' '.join(words.split())}”"
    if isinstance(target, Interview):
        facts = evidence_facts(link)
        if facts.rules is GroundRules.OFF_RECORD:
            return f"{prefix}Off-the-record interview; source withheld."
        return prefix + interview_line(target, target.ground_rules, None, style)
    if isinstance(target, Excerpt):
        base = cite(target.document).rstrip(".")
        loc = f", {target.locator}" if target.locator else ""
        return f"{prefix}{base}{loc}: “{' '.join(target.text.split())}”"
    if isinstance(target, Document):
        return prefix + cite(target)
    assert isinstance(target, Photo)
    return prefix + photo_line(target, style)


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
