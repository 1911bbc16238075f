"""The one identity matcher every path out of a case file uses.

A source who is not on the record is *protected*: what identifies them — every part of their
name (in any order, short ones included as whole words), their contact details (phone numbers
by their digits, addresses and handles by their letters) and their private notes — must not
leave the case file unless the reporter asks. Their pseudonym (attribution phrase) and a
descriptive second reference ("the official") are what the story prints, so they are never
identity.

    matcher = IdentityMatcher.for_sources(sources)
    for hit in matcher.find(text):       # where, what was written, what it reveals
        print(hit.words, hit.why)
    matcher.redact(text)                  # every hit replaced by the source's pseudonym

Text and names are compared after folding (identity_text.py): NFKC, case-folded, soft hyphens
and zero-width characters removed, diacritics dropped, look-alike letters folded to a Latin
skeleton, other scripts transliterated, transliteration variants folded together. A match must
start where a word starts and end where one ends, so "Li" protects "Li said", not "lion".
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import phonenumbers

from casefile.identity_text import (
    Compact,
    compact,
    fold_char,
    key,
    loose_key,
    loose_word,
    loosen,
    words,
)
from casefile.models import GroundRules, Source, SourceKind

__all__ = ["REDACTED", "Hit", "Identity", "IdentityMatcher"]

REDACTED = "[withheld]"
MIN_LOOSE = 3  # transliteration variants are folded together for parts this long
MIN_PHONE_DIGITS = 7

# Words that are part of a written name but identify nobody on their own.
_NOT_NAMES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
    "gen", "col", "maj", "capt", "lt", "sgt", "gov", "sen", "rep", "amb", "hon", "jr", "sr",
    "ii", "iii", "iv", "de", "del", "della", "der", "den", "di", "da", "do", "dos", "du",
    "la", "le", "les", "van", "von", "zu", "ten", "ter", "al", "el", "bin", "ibn", "bint",
    "ben", "abu", "y", "e", "of", "the", "and", "a", "an", "mme", "mlle", "herr", "frau",
    "san", "st", "ste", "g", "gn", "gospodin", "gospozha",
}
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_PHONE_KINDS = {"phone", "mobile", "tel", "telephone", "signal", "whatsapp", "sms", "viber",
                "fax", "landline", "cell"}
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s\-\u2010-\u2015./()\u00a0\u202f]{0,3}\d)+")
_GENERIC_LOCAL = {"info", "contact", "press", "office", "mail", "admin", "hello", "news",
                  "media", "enquiries", "inquiries", "support", "team"}


@dataclass(frozen=True)
class Identity:
    """One thing that identifies a protected source."""

    source: uuid.UUID
    part: str  # "name", "name part", "second reference", "contact details", "notes"
    text: str  # as stored in the case file
    rules: GroundRules
    replacement: str  # what an export that rewrites text puts in its place

    @property
    def why(self) -> str:
        """What the words reveal, for a refusal: "the confidential source's name part"."""
        return f"the {self.rules.value.replace('_', ' ')} source's {self.part}"


@dataclass(frozen=True)
class Hit:
    """Where protected words were found in one text."""

    start: int  # in the text as written
    end: int
    words: str  # the text as written, e.g. "O y e l a r a n" or "8 914 555-01-99"
    identity: Identity

    @property
    def why(self) -> str:
        """What the words reveal."""
        return self.identity.why


@dataclass(frozen=True)
class _Key:
    folded: str
    identity: Identity
    loose: bool  # compared in the loosened streams


class IdentityMatcher:
    """Finds and replaces the identities of protected sources in any text."""

    def __init__(self, identities: Iterable[Identity], allowed: Iterable[str] = ()) -> None:
        self.identities = list(identities)
        keys: list[_Key] = []
        self._phones: list[tuple[str, Identity]] = []
        for ident in self.identities:
            if ident.part == "contact details" and _phone_digits(ident.text):
                self._phones.append((_phone_digits(ident.text), ident))
            folded = key(_email_local(ident.text) or ident.text)
            if not folded:
                continue
            keys.append(_Key(folded, ident, False))
            loose = loose_key(ident.text)
            if len(folded) >= MIN_LOOSE and loose and loose != folded:
                keys.append(_Key(loose, ident, True))
        self._exact = _KeySet([k for k in keys if not k.loose])
        self._loose = _KeySet([k for k in keys if k.loose])
        # Names of sources who may be named: words inside one of them are not a hit
        # ("Anna Petrov" on the record beside a protected "Ivan Petrov").
        self._allowed = [k for k in (key(a) for a in allowed) if len(k) >= 4]

    @classmethod
    def for_sources(cls, sources: Iterable[Source]) -> IdentityMatcher:
        """The matcher for every protected source in `sources` (pass trashed ones too)."""
        idents: list[Identity] = []
        allowed: list[str] = []
        for s in sources:
            if s.ground_rules is GroundRules.ON_RECORD:
                allowed.append(s.name)
                continue
            idents.extend(identities_of(s))
        return cls(idents, allowed)

    def __bool__(self) -> bool:
        return bool(self.identities)

    def find(self, text: str) -> list[Hit]:
        """Every protected identity in `text`, in order, longest first where they overlap."""
        if not text or not self.identities:
            return []
        found: list[Hit] = []
        if self._may_hold_a_name(text):  # then find where, exactly
            for skeleton in (False, True):
                if skeleton and text.isascii():
                    break  # no look-alike letters: the skeleton is the same stream
                stream = compact(text, skeleton=skeleton)
                found += self._exact.hits(stream, text)
                if self._loose:
                    found += self._loose.hits(loosen(stream), text)
        found += self._phone_hits(text)
        found = [h for h in found if not self._inside_allowed(text, h)]
        return _non_overlapping(found, text)

    def redact(self, text: str) -> str:
        """`text` with every hit replaced by its identity's replacement."""
        hits = self.find(text)
        if not hits:
            return text
        out, pos = [], 0
        for h in hits:
            out += [text[pos:h.start], h.identity.replacement]
            pos = h.end
        return "".join(out) + text[pos:]

    def matches_file_name(self, name: str) -> list[Hit]:
        """Hits in a file name ("Marta_Oyelaran.docx", "oyelaran-brueck-interview.jpg")."""
        return self.find(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name))

    def _may_hold_a_name(self, text: str) -> bool:
        """The fast test (folded words only, no map to the original): most texts hold no
        protected name, and they are told so at the speed of str.translate."""
        for skeleton in (False, True):
            if skeleton and text.isascii():
                break
            folded = words(text, skeleton=skeleton)
            if self._exact.positions(*_stream(folded)):
                return True
            if self._loose and self._loose.positions(
                    *_stream([loose_word(w)[0] for w in folded])):
                return True
        return False

    def _phone_hits(self, text: str) -> list[Hit]:
        if not self._phones:
            return []
        digits_text = "".join(
            c if not c.isdecimal() else str(unicodedata.decimal(c)) for c in text)
        out = []
        for m in _DIGIT_RUN.finditer(digits_text):
            run = re.sub(r"\D", "", m.group(0))
            for digits, ident in self._phones:
                if digits in run:
                    out.append(Hit(m.start(), m.end(), text[m.start():m.end()], ident))
        return out

    def _inside_allowed(self, text: str, hit: Hit) -> bool:
        if not self._allowed or hit.identity.part != "name part":
            return False
        lo, hi = max(0, hit.start - 80), min(len(text), hit.end + 80)
        window = compact(text[lo:hi])
        return any(k in window.text and _covers(window, k, hit.start - lo, hit.end - lo)
                   for k in self._allowed)

    @cached_property
    def words(self) -> list[str]:
        """The protected words as stored, for messages (longest first)."""
        return sorted({i.text for i in self.identities}, key=len, reverse=True)


class _KeySet:
    """Folded keys looked up at every word start of a stream (no scan per key)."""

    def __init__(self, keys: list[_Key]) -> None:
        self.by_length: dict[int, dict[str, list[_Key]]] = {}
        for k in keys:
            self.by_length.setdefault(len(k.folded), {}).setdefault(k.folded, []).append(k)
        self.lengths = sorted(self.by_length, reverse=True)
        self.prefixes = {k.folded[:2] for k in keys}

    def __bool__(self) -> bool:
        return bool(self.lengths)

    def positions(self, text: str, starts: Iterable[int],
                  ends: set[int] | frozenset[int]) -> list[tuple[int, int, _Key]]:
        """(start, end, key) of every key found from a word start to a word end."""
        out = []
        for start in starts:
            if text[start:start + 2] not in self.prefixes:
                continue
            for length in self.lengths:
                end = start + length
                if end in ends:
                    out += [(start, end, k) for k in self.by_length[length].get(
                        text[start:end], ())]
        return out

    def hits(self, stream: Compact, text: str) -> list[Hit]:
        """The keys found in a stream, as hits in the original text."""
        out = []
        for start, end, k in self.positions(stream.text, sorted(stream.starts), stream.ends):
            a, b = stream.span(start, end)
            out.append(Hit(a, b, text[a:b], k.identity))
        return out


def _stream(folded: list[str]) -> tuple[str, list[int], set[int]]:
    starts, pos = [], 0
    for w in folded:
        starts.append(pos)
        pos += len(w)
    return "".join(folded), starts, {a + len(w) for a, w in zip(starts, folded, strict=True)}


def identities_of(source: Source) -> list[Identity]:
    """What identifies one protected source: its name and every part of it, the proper
    nouns of its second reference, its contact details and its notes — never its pseudonym."""
    rules = source.ground_rules
    phrase = source.attribution_phrase or ""
    replacement = phrase or REDACTED
    printed = {key(w) for w in re.findall(r"\w+", phrase)}

    def ident(part: str, text: str, repl: str = replacement) -> Identity:
        return Identity(source.uuid, part, text, rules, repl)

    out: list[Identity] = []
    name = " ".join(source.name.split())
    bare = " ".join(_BRACKETED.sub(" ", name).split())
    if bare:
        out.append(ident("name", bare))
    if source.kind is SourceKind.PERSON:
        for part in name_parts(bare):
            if key(part) not in printed:
                out.append(ident("name part", part))
    for word in _proper_nouns(source.short_name):
        if key(word) not in printed and key(word) not in {key(i.text) for i in out}:
            out.append(ident("second reference", word))
    for contact in source.contacts or []:
        value, kind = _contact(contact)
        if len(key(value)) >= 4 or len(_phone_digits(value, kind)) >= MIN_PHONE_DIGITS:
            out.append(Identity(source.uuid, "contact details", value, rules, REDACTED))
    for line in (source.notes or "").splitlines():
        if len(line.strip()) >= 12:
            out.append(Identity(source.uuid, "notes", line.strip(), rules, REDACTED))
    return [i for i in out if key(i.text) or _phone_digits(i.text)]


def name_parts(name: str) -> list[str]:
    """Every part of a person's name, whatever its order: "Oyelaran-Brück" gives itself,
    "Oyelaran" and "Brück"; honorifics, particles and initials are left out. A whole word
    counts from two letters ("Li"); a piece of a hyphenated one from four ("Min-jun" does not
    protect "min" and "jun", which are words of their own)."""
    out: list[str] = []
    for word in re.findall(r"[\w'’\-\u2010\u2011\u00ad\u200b-\u200d\u2060]+", name):
        pieces = re.split(r"[-\u2010\u2011]", word)
        for piece in [word, *(pieces if len(pieces) > 1 else [])]:
            folded = key(piece)
            shortest = 2 if piece == word else 4
            if len(folded) >= shortest and folded not in _NOT_NAMES \
                    and not folded.isdigit() and piece not in out:
                out.append(piece)
    return out


def _proper_nouns(text: str) -> list[str]:
    """Capitalised words of a second reference ("Mr. Dyakov" → "Dyakov"; "the official" →
    nothing): a descriptive reference is what the story prints."""
    out = []
    for word in re.findall(r"\w[\w'’\-]*", text or ""):
        folded = key(word)
        if word[:1].isupper() and len(folded) >= 2 and folded not in _NOT_NAMES:
            out.append(word)
    return out


def _contact(contact: Any) -> tuple[str, str]:
    if isinstance(contact, dict):
        return str(contact.get("value", "")).strip(), str(contact.get("kind", "")).casefold()
    return str(contact).strip(), ""


def _phone_digits(value: str, kind: str = "") -> str:
    """The national significant number of a phone contact ('' if it is not one)."""
    digits = re.sub(r"\D", "", "".join(fold_char(c, False) if c.isdecimal() else c
                                        for c in value))
    looks_like_phone = bool(re.fullmatch(r"[\s+\d\-\u2010-\u2015./()\u00a0]+", value)) \
        or kind in _PHONE_KINDS
    if len(digits) < MIN_PHONE_DIGITS or not looks_like_phone:
        return ""
    international = value.lstrip().startswith("+") or digits.startswith("00")
    if international:
        try:
            nsn = phonenumbers.national_significant_number(
                phonenumbers.parse("+" + digits.removeprefix("00"), None))
            if len(nsn) >= MIN_PHONE_DIGITS:
                return nsn
        except phonenumbers.NumberParseException:
            pass
    return digits.lstrip("0")[-10:]


def _email_local(value: str) -> str:
    """The distinctive local part of an e-mail address ('' when generic or not one)."""
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain:
        return ""
    return "" if key(local) in _GENERIC_LOCAL or len(key(local)) < 4 else local


def _covers(window: Compact, allowed: str, start: int, end: int) -> bool:
    at = window.text.find(allowed)
    while at >= 0:
        a, b = window.span(at, at + len(allowed))
        if a <= start and end <= b:
            return True
        at = window.text.find(allowed, at + 1)
    return False


def _non_overlapping(hits: list[Hit], text: str) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end > out[-1].end:  # overlapping: keep the union under the longer identity
                prev = out[-1]
                out[-1] = Hit(prev.start, h.end, text[prev.start:h.end], prev.identity)
            continue
        out.append(h)
    return out
