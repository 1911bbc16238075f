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
What identifies a source is listed by identity_of.py; the keys are found by one automaton per
key set (identity_keys.py), and the rules here confirm each place once, however many sources
share its words.
"""

from __future__ import annotations

import html
import json
import re
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import unquote

from casefile.frequent_words import is_frequent, is_word
from casefile.identity_keys import (
    Candidate,
    Group,
    Key,
    KeySet,
    Written,
    automaton,
    groups,
    stream,
)
from casefile.identity_of import (
    _DIGIT_RUN,
    _TITLES,
    MIN_PHONE_DIGITS,
    REDACTED,
    Identity,
    _email_local,
    _phone_digits,
    _phone_text,
    identities_of,
    name_parts,
)
from casefile.identity_text import (
    ASCII_LOOKALIKE,
    Compact,
    compact,
    key,
    loose_key,
    loose_word,
    loosen,
    words,
)
from casefile.models import Source
from casefile.read_models import SourceData

__all__ = ["MIN_PHONE_DIGITS", "REDACTED", "Hit", "Identity", "IdentityMatcher",
           "identities_of", "name_parts"]

MIN_LOOSE = 4  # a loosened name shorter than this must keep every letter
MIN_INFLECTED = 4  # names this long are found with a case ending too ("Oyelarans")
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
_NAMED = ("name", "name part", "second reference")  # the parts that are names
# A run of text holding a percent-escape, an HTML character reference or a \\u escape.
_ENCODED = re.compile(r"[^\s<>\"']*(?:%[0-9A-Fa-f]{2}|&#?\w{1,8};|\\u[0-9A-Fa-f]{4})"
                      r"[^\s<>\"']*")


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


class IdentityMatcher:
    """Finds and replaces the identities of protected sources in any text."""

    def __init__(self, identities: Iterable[Identity], allowed: Iterable[str] = ()) -> None:
        self.identities = list(identities)
        keys: list[Key] = []
        phones: dict[str, list[tuple[int, Identity]]] = {}
        for n, ident in enumerate(self.identities):
            digits = _phone_digits(ident.text, "phone") if ident.part == "contact details" \
                else ""
            if digits:
                phones.setdefault(digits, []).append((n, ident))
            exact = compact(_email_local(ident.text) or ident.text)
            if not exact.text:
                continue
            name = ident.part in _NAMED
            inflects = name and len(exact.text) >= MIN_INFLECTED
            keys.append(Key(exact.text, ident, False, exact.hard, inflects=inflects))
            if inflects and exact.text[-1] in "aeiouy" and len(exact.text) > MIN_INFLECTED:
                keys.append(Key(exact.text[:-1], ident, False, exact.hard, stem=True,
                                inflects=True))
            loose = loosen(exact)
            if loose.text != exact.text and len(exact.text) >= 3 and (
                    len(loose.text) >= MIN_LOOSE or len(loose.text) == len(exact.text)):
                # a short name folds only letter for letter ("Wei" as "Вэй"), never shrinks
                # into a word of the language ("Jin" into "in", "Mann" into "man")
                keys.append(Key(loose.text, ident, True, loose.hard))
        self._exact = KeySet([k for k in keys if not k.loose])
        self._loose = KeySet([k for k in keys if k.loose])
        self._phones = automaton({d: (d, ids) for d, ids in phones.items()})
        # Names of sources who may be named: words inside one of them are not a hit
        # ("Anna Petrov" on the record beside a protected "Ivan Petrov"). Each with its
        # loosened spellings, to tell a namesake of a protected name from another name.
        self._allowed_loose: dict[str, set[str]] = {}
        for a in allowed:
            if len(k := key(a)) >= 4:
                self._allowed_loose.setdefault(k, set()).add(loose_key(a))
        self._allowed = list(self._allowed_loose)
        self._allowed_automaton = automaton({k: k for k in self._allowed})
        self._by_source: dict[uuid.UUID, list[Identity]] = {}
        for ident in self.identities:
            self._by_source.setdefault(ident.source, []).append(ident)
        self._own: dict[uuid.UUID, tuple[set[str], set[str]]] = {}

    @classmethod
    def for_sources(cls, sources: Iterable[Source | SourceData]) -> IdentityMatcher:
        """The matcher for every protected source in `sources` (pass trashed ones too).
        Made once for each state of the sources (the last few are kept): a draft's check
        and its export, or the next export, share it and its automata."""
        sources = list(sources)
        facts = (cls, tuple(_facts(s) for s in sources))
        with _MADE_LOCK:
            known = _MADE.pop(facts, None)
            if known is not None:
                _MADE[facts] = known  # the most recently used last
                return known
        idents: list[Identity] = []
        allowed: list[str] = []
        for s in sources:
            if not s.is_protected:
                allowed.append(s.name)
                continue
            idents.extend(identities_of(s))
        made = cls(idents, allowed)
        with _MADE_LOCK:
            _MADE[facts] = made
            while len(_MADE) > _KEEP:
                del _MADE[next(iter(_MADE))]
        return made

    def __bool__(self) -> bool:
        return bool(self.identities)

    def find(self, text: str) -> list[Hit]:
        """Every protected identity in `text`, in order, longest first where they overlap."""
        if not text or not self.identities:
            return []
        places: list[_Place] = []
        plain: Compact | None = None
        if self._may_hold_a_name(text):  # then find where, exactly
            for skeleton in (False, True):
                if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
                    break  # no look-alike letters: the skeleton is the same stream
                stream_ = compact(text, skeleton=skeleton)
                plain = plain or stream_
                places += _places(self._exact.positions(
                    stream_.text, stream_.starts, stream_.ends, sorted(stream_.hard)),
                    stream_, False)
                if self._loose:
                    loose = loosen(stream_)
                    places += _places(self._loose.positions(
                        loose.text, loose.starts, loose.ends, sorted(loose.hard)), loose, True)
        places += self._phone_places(text)
        found = self._confirmed(text, places, plain)
        found += self._encoded_hits(text)
        return _non_overlapping(found, text)

    def _confirmed(self, text: str, places: list[_Place], plain: Compact | None) -> list[Hit]:
        """For each place found, the first identity (in the order they were given) that the
        rules confirm there: a place is one hit however many sources share the words (a
        later one at the same place would be dropped as overlapping anyway). What the rules
        say depends on the words and the identity's part and text — one verdict for a whole
        group — and, for a frequent word beside another capitalised one, on whether that
        word is a part of the source's name."""
        chosen: dict[tuple[int, int], Hit] = {}
        verdicts: dict[tuple[int, int, bool, str, str], bool | tuple[str, ...]] = {}
        allowed: dict[tuple[int, int, str], bool] = {}
        written = Written(self._allowed_automaton, plain)
        owners: dict[tuple[int, tuple[str, ...]], tuple[int, Identity] | None] = {}
        for a, b, ending, found in places:
            if (a, b) in chosen:
                continue
            words_ = text[a:b]
            best: tuple[int, Identity] | None = None
            for part, ident_text, members in found:
                if best is not None and members[0][0] > best[0]:
                    continue  # an earlier identity is confirmed here already
                seen = (a, b, ending, part, ident_text)
                verdict = verdicts.get(seen)
                if verdict is None:
                    hit = Hit(a, b, words_, members[0][1], ending)
                    verdict = verdicts[seen] = False if self._inside_allowed(
                        text, hit, allowed, written) else self._name_verdict(text, hit)
                if verdict is False:
                    continue
                if verdict is True:
                    pick: tuple[int, Identity] | None = members[0]
                else:
                    owner = (id(members), verdict)
                    if owner not in owners:
                        owners[owner] = next((m for m in members
                                              if self._own_words(m[1].source, verdict)), None)
                    pick = owners[owner]
                if pick is not None and (best is None or pick[0] < best[0]):
                    best = pick
            if best is not None:
                chosen[(a, b)] = Hit(a, b, words_, best[1], ending)
        return list(chosen.values())

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
        """Whether words that are also words of the language are written as the name here
        (see _name_verdict)."""
        verdict = self._name_verdict(text, hit)
        return verdict if isinstance(verdict, bool) else \
            self._own_words(hit.identity.source, verdict)

    def _name_verdict(self, text: str, hit: Hit) -> bool | tuple[str, ...]:
        """Whether words that are also words of the language are written as the name here,
        or — where that depends on the rest of the source's name — the capitalised words
        beside them, each of which must then be a part of that name.

        A name found with a case ending must not be a word itself ("Brücke", "России").
        A part that is a frequent word ("Said", "Post", "Вера") counts written as a name —
        capitalised, and not inside another proper noun ("Hong Kong", "Martin Luther King");
        a short function word ("He", "An") besides only where no sentence begins."""
        if hit.identity.part not in _NAMED:
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
        if short and not self._not_a_sentence_start(text, hit):
            return False
        shouted = len(hit.words) > 1 and hit.words.isupper() and not text.isupper()
        beside = () if shouted else _capitalised_beside(text, hit)
        return beside or True

    @staticmethod
    def _not_a_sentence_start(text: str, hit: Hit) -> bool:
        """Whether the hit stands where no sentence begins (a title before it may)."""
        before = text[:hit.start].rstrip(" \t\u00a0\"“‘'([")
        if not before:
            return False
        if before.endswith("."):  # "Mr. He", "Ms. Lê": a title, not a sentence's end
            title = re.search(r"(\w+)\.$", before)
            return title is not None and key(title.group(1)) in _TITLES
        return before[-1] not in "!?:;\n\r—–-•"

    def _own_words(self, source: uuid.UUID, beside: Iterable[str]) -> bool:
        """Whether every one of these folded words is a part of the source's name (declined
        too: the same first four letters)."""
        known = self._own.get(source)
        if known is None:
            own = {key(i.text) for i in self._by_source.get(source, ())}
            known = self._own[source] = (own, {k[:4] for k in own if len(k) >= 4})
        own, stems = known
        return all(w in own or w[:4] in stems for w in beside)

    def _may_hold_a_name(self, text: str) -> bool:
        """The fast test (folded words only, no map to the original): most texts hold no
        protected name, and they are told so at the speed of str.translate."""
        for skeleton in (False, True):
            if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
                break
            folded = words(text, skeleton=skeleton)
            if self._exact.found(*stream(folded)):
                return True
            if self._loose and self._loose.found(
                    *stream([loose_word(w)[0] for w in folded])):
                return True
        return False

    def _phone_places(self, text: str) -> list[_Place]:
        """Runs of digits that hold a protected number, each with the identities whose
        number it holds (in the order they were given)."""
        if self._phones is None:
            return []
        digits_text, origin = _phone_text(text)
        out: list[_Place] = []
        for m in _DIGIT_RUN.finditer(digits_text):
            run = re.sub(r"\D", "", m.group(0))
            held = {d: ids for _end, (d, ids) in self._phones.iter(run)}
            if held:
                a, b = origin[m.start()], origin[m.end() - 1] + 1
                out.append((a, b, False, groups(pair for ids in held.values()
                                                 for pair in ids)))
        return out

    def _inside_allowed(self, text: str, hit: Hit,
                        memo: dict[tuple[int, int, str], bool] | None = None,
                        written: Written | None = None) -> bool:
        """Whether the hit lies inside the full name of a source who may be named, as written
        here ("Petrov" in "Anna Petrov", "Ana Li" with an ending in "Ana Lia", "Source" in
        "Olga Source 30"): those words are that source's name. Never for an on-record name
        that folds to the protected name itself (namesakes, or her name spelled otherwise).
        Names are looked for within 80 characters of the hit; `written`: where they are in
        the whole text, found once (else in the text around the hit)."""
        part = hit.identity.part
        if self._allowed_automaton is None or part not in _NAMED:
            return False
        own = loose_key(hit.identity.text) if part == "name" else ""
        seen = (hit.start, hit.end, own)
        if memo is not None and seen in memo:
            return memo[seen]
        lo, hi = max(0, hit.start - _AROUND), min(len(text), hit.end + _AROUND)
        if written is not None and written:
            names = written.around(lo, hit.start)
        else:
            window = compact(text[lo:hi])
            names = [(lo + a, lo + b, k) for a, b, k in Written(
                self._allowed_automaton, window).around(0, len(text))]
        inside = any(a <= hit.start and hit.end <= b <= hi and own not in self._allowed_loose[k]
                     for a, b, k in names)
        if memo is not None:
            memo[seen] = inside
        return inside

    @cached_property
    def words(self) -> list[str]:
        """The protected words as stored, for messages (longest first)."""
        return sorted({i.text for i in self.identities}, key=len, reverse=True)


# A place in the text where words may be identities: (start, end, found with an ending or
# as a spelling variant, the identities found there).
_Place = tuple[int, int, bool, tuple[Group, ...]]


_AROUND = 80  # how far around a hit an on-record name is looked for
_KEEP = 2  # matchers kept, by the state of the sources they were made from
_MADE: dict[tuple[Any, ...], IdentityMatcher] = {}
_MADE_LOCK = threading.Lock()


def _facts(source: Source | SourceData) -> tuple[Any, ...]:
    """Everything a matcher takes from a source (an on-record one gives only its name)."""
    if not source.is_protected:
        return (source.name,)
    return (source.uuid, source.name, source.short_name, source.kind, source.ground_rules,
            source.attribution_phrase, source.notes,
            json.dumps(source.contacts or [], sort_keys=True, default=str))


def _places(found: list[Candidate], stream_: Compact, loose: bool) -> list[_Place]:
    """Candidates of a stream as places in the original text."""
    out: list[_Place] = []
    for c in found:
        a, b = stream_.span(c.start, c.stop)
        out.append((a, b, c.ending or loose, c.groups()))
    return out


def _capitalised_beside(text: str, hit: Hit) -> tuple[str, ...]:
    """The folded words written capitalised right before and after the hit (titles left
    out): if one is not a part of the source's name, the hit is inside another proper noun
    ("Hong Kong", "Martin Luther King")."""
    before = re.search(r"(\w+)[ \u00a0]+$", text[:hit.start])
    after = re.match(r"[ \u00a0]+(\w+)", text[hit.end:])
    out = []
    for m in (before, after):
        if m is not None and m.group(1)[:1].isupper() and key(m.group(1)) not in _TITLES:
            out.append(key(m.group(1)))
    return tuple(out)


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
