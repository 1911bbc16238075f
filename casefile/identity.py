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

import html
import re
import unicodedata
import uuid
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any
from urllib.parse import unquote

import phonenumbers

from casefile.frequent_words import is_frequent, is_word
from casefile.identity_text import (
    ASCII_LOOKALIKE,
    Compact,
    compact,
    is_ignorable,
    key,
    loose_word,
    loosen,
    words,
)
from casefile.models import GroundRules, Source, SourceKind

__all__ = ["REDACTED", "Hit", "Identity", "IdentityMatcher"]

REDACTED = "[withheld]"
MIN_LOOSE = 4  # a loosened name shorter than this must keep every letter
MIN_INFLECTED = 4  # names this long are found with a case ending too ("Oyelarans")
# Case endings after a name, as transliterated: English plural and German genitive,
# Russian, Ukrainian and Polish declension ("Журавлёвой", "Jana Kowalskiego").
# Not "-ov"/"-ev" (they make a first name a surname: "Ivan", "Ivanov") nor the endings of
# other words ("-o", "-i", "-ia": "Ivanovo", "Martini", "Romania"); a declined form that is
# itself a word ("Brücke", "России") never counts (casefile/frequent_words.py).
SUFFIXES = frozenset({
    "s", "es", "a", "u", "e", "y", "ie", "ya", "yu", "ye", "om", "em", "im", "ym", "oi",
    "ei", "oy", "ey", "oyu", "eyu", "ykh", "ikh", "ach", "akh", "yakh", "ami", "yami", "ymi",
    "imi", "ogo", "ego", "omu", "emu", "aya", "uyu", "owi", "iego", "iemu", "iej",
})
# Short words of the language that are also surnames ("He", "An", "Ma"): such a name part is
# found only where it is written as a name — capitalised, and not where a sentence begins.
COMMON_SHORT = frozenset({
    "he", "an", "in", "on", "so", "to", "do", "me", "my", "no", "or", "as", "at", "be",
    "by", "if", "is", "it", "of", "up", "us", "we", "ma", "mo", "la", "le", "el", "en",
    "et", "un", "du", "de", "da", "di", "im", "am", "ja", "ne", "ni", "na", "za", "po",
    "ho", "oh", "hi", "ok", "the", "and", "man", "can", "may", "son", "sun", "van", "won",
    "ten", "not", "but", "all", "any", "new", "old", "one", "two", "day", "way", "war",
    "say", "see", "she", "her", "him", "his", "our", "out", "who", "why", "how", "yes",
})
MIN_PHONE_DIGITS = 7

# Words written with a name that identify nobody: titles never; particles ("van", "de",
# "bin") only inside a name — first or last they are the name ("Lê Hoa", "Mr. Du").
_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
    "gen", "col", "maj", "capt", "lt", "sgt", "gov", "sen", "rep", "amb", "hon", "jr", "sr",
    "ii", "iii", "iv", "mme", "mlle", "herr", "frau", "g", "gn", "gospodin", "gospozha",
    "st", "ste", "y", "e", "of", "the", "and", "a", "an",
}
_PARTICLES = {
    "de", "del", "della", "der", "den", "di", "da", "do", "dos", "du", "la", "le", "les",
    "van", "von", "zu", "ten", "ter", "al", "el", "bin", "ibn", "bint", "ben", "abu", "san",
}
_NOT_NAMES = _TITLES | _PARTICLES
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_PHONE_KINDS = {"phone", "mobile", "tel", "telephone", "signal", "whatsapp", "sms", "viber",
                "fax", "landline", "cell"}
_DIGIT_RUN = re.compile(r"\+?\(?\d(?:[ \-./()]{0,6}\d)+\)?")
# A letter O between digits is a zero ("555 O199").
_LETTER_O = re.compile(r"(?<=\d)[Oo](?=[ \-.]?\d)|(?<=\d[ \-.])[Oo](?=\d)")
# A run of text holding a percent-escape, an HTML character reference or a \\u escape.
_ENCODED = re.compile(r"[^\s<>\"']*(?:%[0-9A-Fa-f]{2}|&#?\w{1,8};|\\u[0-9A-Fa-f]{4})"
                      r"[^\s<>\"']*")
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
    ending: bool = False  # found with a case ending ("Мартой") or as a spelling variant

    @property
    def why(self) -> str:
        """What the words reveal."""
        return self.identity.why


@dataclass(frozen=True)
class _Key:
    folded: str
    identity: Identity
    loose: bool  # compared in the loosened streams
    breaks: frozenset[int] = frozenset()  # where the key itself has a separator
    stem: bool = False  # a name without its last vowel: found only with an ending
    inflects: bool = False  # a name: may be followed by a case ending ("Журавлёвой")


class IdentityMatcher:
    """Finds and replaces the identities of protected sources in any text."""

    def __init__(self, identities: Iterable[Identity], allowed: Iterable[str] = ()) -> None:
        self.identities = list(identities)
        keys: list[_Key] = []
        self._phones: list[tuple[str, Identity]] = []
        for ident in self.identities:
            digits = _phone_digits(ident.text, "phone") if ident.part == "contact details" \
                else ""
            if digits:
                self._phones.append((digits, ident))
            exact = compact(_email_local(ident.text) or ident.text)
            if not exact.text:
                continue
            name = ident.part in ("name", "name part", "second reference")
            inflects = name and len(exact.text) >= MIN_INFLECTED
            keys.append(_Key(exact.text, ident, False, exact.hard, inflects=inflects))
            if inflects and exact.text[-1] in "aeiouy" and len(exact.text) > MIN_INFLECTED:
                keys.append(_Key(exact.text[:-1], ident, False, exact.hard, stem=True,
                                 inflects=True))
            loose = loosen(exact)
            if loose.text != exact.text and len(exact.text) >= 3 and (
                    len(loose.text) >= MIN_LOOSE or len(loose.text) == len(exact.text)):
                # a short name folds only letter for letter ("Wei" as "Вэй"), never shrinks
                # into a word of the language ("Jin" into "in", "Mann" into "man")
                keys.append(_Key(loose.text, ident, True, loose.hard))
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
            if not s.is_protected:
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
                if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
                    break  # no look-alike letters: the skeleton is the same stream
                stream = compact(text, skeleton=skeleton)
                found += self._exact.hits(stream, text)
                if self._loose:
                    found += [replace(h, ending=True)
                              for h in self._loose.hits(loosen(stream), text)]
        found += self._phone_hits(text)
        found = [h for h in found if not self._inside_allowed(text, h)
                 and self._written_as_a_name(text, h)]
        found += self._encoded_hits(text)
        return _non_overlapping(found, text)

    def _encoded_hits(self, text: str) -> list[Hit]:
        """Names hidden in an encoding a reader's program decodes: a link's
        "%D0%96%D1%83…", "&#77;arta", "\\u041e…". The whole encoded stretch is the hit."""
        out: list[Hit] = []
        if "%" not in text and "&" not in text and "\\u" not in text:
            return out
        for m in _ENCODED.finditer(text):
            token = m.group(0)
            decoded = _decoded(token)
            if decoded != token:
                out += [Hit(m.start(), m.end(), token, h.identity)
                        for h in self.find(decoded)]
        return out

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

    def _written_as_a_name(self, text: str, hit: Hit) -> bool:
        """Whether words that are also words of the language are written as the name here.

        A name found with a case ending must not be a word itself ("Brücke", "России").
        A part that is a frequent word ("Said", "Post", "Вера") counts written as a name —
        capitalised, and not inside another proper noun ("Hong Kong", "Martin Luther King");
        a short function word ("He", "An") besides only where no sentence begins."""
        if hit.identity.part not in ("name part", "second reference", "name"):
            return True
        if hit.ending and is_word(hit.words) and key(hit.words) != key(hit.identity.text):
            return False  # a declined form or a spelling variant that is a word itself
        folded = key(hit.identity.text)
        short = folded in COMMON_SHORT
        if hit.identity.part == "name" or not (short or is_frequent(hit.identity.text)):
            return True
        if not hit.words[:1].isupper() or (short and not hit.words.isalpha()) \
                or (short and hit.words.isupper() and len(hit.words) > 1 and text.isupper()):
            return False
        shouted = len(hit.words) > 1 and hit.words.isupper() and not text.isupper()
        if not shouted and self._inside_other_name(text, hit):
            return False
        if not short:
            return True
        before = text[:hit.start].rstrip(" \t\u00a0\"“‘'([")
        if not before:
            return False
        if before.endswith("."):  # "Mr. He", "Ms. Lê": a title, not a sentence's end
            title = re.search(r"(\w+)\.$", before)
            return title is not None and key(title.group(1)) in _TITLES
        return before[-1] not in "!?:;\n\r—–-•"

    def _inside_other_name(self, text: str, hit: Hit) -> bool:
        """Whether a capitalised word next to the hit makes it part of another proper noun:
        a word of that name that is neither a title nor a part of this source's name."""
        own = {key(i.text) for i in self.identities if i.source == hit.identity.source}
        stems = {k[:4] for k in own if len(k) >= 4}  # the rest of the name, declined too
        before = re.search(r"(\w+)[ \u00a0]+$", text[:hit.start])
        after = re.match(r"[ \u00a0]+(\w+)", text[hit.end:])
        for m in (before, after):
            if m is None:
                continue
            word = m.group(1)
            folded = key(word)
            if word[:1].isupper() and folded not in own and folded[:4] not in stems \
                    and folded not in _TITLES:
                return True
        return False

    def _may_hold_a_name(self, text: str) -> bool:
        """The fast test (folded words only, no map to the original): most texts hold no
        protected name, and they are told so at the speed of str.translate."""
        for skeleton in (False, True):
            if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
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
        digits_text, origin = _phone_text(text)
        out = []
        for m in _DIGIT_RUN.finditer(digits_text):
            run = re.sub(r"\D", "", m.group(0))
            for digits, ident in self._phones:
                if digits in run:
                    a, b = origin[m.start()], origin[m.end() - 1] + 1
                    out.append(Hit(a, b, text[a:b], ident))
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

    def positions(self, text: str, starts: Iterable[int], ends: set[int] | frozenset[int],
                  hard: Sequence[int] = ()) -> list[tuple[int, int, _Key, bool]]:
        """(start, end, key) of every key found from a word start to a word end (or to a
        case ending there). A match may cross a separator of the text only where the key
        has one too, or where the text is letter-spaced ("O y e l a r a n"): "White House"
        is not "Whitehouse". `hard` (sorted) are the text's separators; without them (the
        fast test) every crossing is allowed."""
        out = []
        starts = list(starts)
        begins = set(starts)
        for start in starts:
            if text[start:start + 2] not in self.prefixes:
                continue
            for length in self.lengths:
                end = start + length
                for k in self.by_length[length].get(text[start:end], ()):
                    stop = end if end in ends and not k.stem else \
                        _ending(text, end, ends, begins, k)
                    if stop is not None and _crossing_allowed(hard, start, end, k):
                        out.append((start, stop, k, stop != end))
        return out

    def hits(self, stream: Compact, text: str) -> list[Hit]:
        """The keys found in a stream, as hits in the original text."""
        out = []
        hard = sorted(stream.hard)
        for start, end, k, ending in self.positions(stream.text, sorted(stream.starts),
                                                    stream.ends, hard):
            a, b = stream.span(start, end)
            out.append(Hit(a, b, text[a:b], k.identity, ending))
        return out


def _ending(text: str, end: int, ends: set[int] | frozenset[int], begins: set[int],
            k: _Key) -> int | None:
    """Where a case ending after a name stops, in the same written word (None if what
    follows is not one)."""
    if not k.inflects or end in begins:
        return None
    for stop in range(end + 1, min(end + 5, len(text)) + 1):
        if stop in ends:
            return stop if text[end:stop] in SUFFIXES else None
    return None


def _crossing_allowed(hard: Sequence[int], start: int, end: int, k: _Key) -> bool:
    if not hard:
        return True
    inside = hard[bisect_right(hard, start):bisect_left(hard, end)]
    if not inside:
        return True
    if all(p - start in k.breaks for p in inside):
        return True
    cuts = [start, *inside, end]  # letter-spaced: every piece one letter
    return all(b - a == 1 for a, b in zip(cuts, cuts[1:], strict=False))


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
    written = re.findall(r"[\w'’\-\u2010\u2011\u00ad\u200b-\u200d\u2060]+", name)
    named = [w for w in written if key(w) not in _TITLES]
    for i, word in enumerate(named):
        pieces = re.split(r"[-\u2010\u2011]", word)
        inside = 0 < i < len(named) - 1
        for piece in [word, *(pieces if len(pieces) > 1 else [])]:
            folded = key(piece)
            shortest = 2 if piece == word else 4
            if len(folded) < shortest or folded.isdigit() or piece in out \
                    or folded in _TITLES or (inside and folded in _PARTICLES):
                continue
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


def _phone_text(text: str) -> tuple[str, list[int]]:
    """`text` as a phone number reader sees it — invisible characters gone, every kind of
    digit a digit, every dash, space and underscore one separator, a letter O between digits
    a zero — with the index in `text` of each character."""
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if is_ignorable(c):
            continue
        if c.isdecimal():
            c = str(unicodedata.decimal(c))
        elif c.isspace() or c == "_" or unicodedata.category(c) in ("Po", "Sm", "Zs") \
                and c not in "+()":
            c = " "
        elif unicodedata.category(c) == "Pd" or c == "\u2212":
            c = "-"
        chars.append(c)
        origin.append(i)
    return _LETTER_O.sub("0", "".join(chars)), origin


def _phone_digits(value: str, kind: str = "") -> str:
    """The national significant number of a phone contact ('' if it is not one). The
    number may stand among words ("+7 914 555-01-99 (WhatsApp)", "tel. 8-914-555-02-77",
    "+1 202-555-0199 ext. 12"): the longest run of digits is taken."""
    normal, _origin = _phone_text(value)
    runs = [m.group(0) for m in _DIGIT_RUN.finditer(normal)]
    run = max(runs, key=lambda r: len(re.sub(r"\D", "", r)), default="")
    digits = re.sub(r"\D", "", run)
    rest = normal.replace(run, " ")
    if len(digits) < MIN_PHONE_DIGITS or (re.search(r"\d", rest) and kind not in _PHONE_KINDS):
        return ""  # an address or handle that holds digits is matched by its letters
    if run.lstrip().startswith("+") or digits.startswith("00"):
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
    local = local.split("+", 1)[0]  # "marta.ob+cf@…" is marta.ob's address
    return "" if key(local) in _GENERIC_LOCAL or len(key(local)) < 4 else local


def _decoded(token: str) -> str:
    """A token with its percent-escapes, character references and \\u escapes decoded
    (repeatedly: "%2541" is "%41" is "A")."""
    for _ in range(3):
        before = token
        token = html.unescape(unquote(token.replace("+", " ")))
        token = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), token)
        if token == before:
            break
    return token


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
