"""Every protected key in a folded stream, found with one automaton.

A case with thousands of protected sources has thousands of keys (every name, name part,
contact and line of notes, folded — identity.py), and many are the same text: "Source" is a
part of a thousand names. Each distinct text goes once into an Aho–Corasick automaton
(pyahocorasick), which finds every occurrence of every key in one pass over the stream,
however many keys there are. The matcher's rules then decide at each occurrence that starts
where a word starts: where it must end (a word end, or a case ending), whether it may cross
a separator, and — only for the places that pass — whose identity it is. Keys of one text
that behave alike are one class, so an occurrence is one candidate, not one per source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ahocorasick

if TYPE_CHECKING:
    from casefile.identity_of import Identity
    from casefile.identity_text import Compact

__all__ = ["SUFFIXES", "Candidate", "Group", "Key", "KeySet", "Written", "automaton", "groups",
           "stream"]

_PREFIX = 24  # letters of a key the automaton holds; a longer key is compared whole
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


@dataclass(frozen=True)
class Key:
    """One folded text that identifies a protected source."""

    folded: str
    identity: Identity
    loose: bool  # compared in the loosened streams
    breaks: frozenset[int] = frozenset()  # where the key itself has a separator
    stem: bool = False  # a name without its last vowel: found only with an ending
    inflects: bool = False  # a name: may be followed by a case ending ("Журавлёвой")


# Identities found by the same words, of the same part and text — the rules that confirm a
# hit say the same for all of them but for the rest of each one's name: (part, text,
# [(order given, identity)…]).
Group = tuple[str, str, tuple[tuple[int, "Identity"], ...]]


def groups(found: Iterable[tuple[int, Identity]]) -> tuple[Group, ...]:
    """Identities (with the order they were given) grouped by part and text."""
    out: dict[tuple[str, str], list[tuple[int, Identity]]] = {}
    for n, ident in sorted(found, key=lambda pair: pair[0]):
        out.setdefault((ident.part, ident.text), []).append((n, ident))
    return tuple((part, text, tuple(members)) for (part, text), members in out.items())


@dataclass(frozen=True)
class _Class:
    """Keys of one text that match at the same places (same stem, endings and separators);
    they differ only in whose identity they are."""

    stem: bool
    inflects: bool
    breaks: frozenset[int]
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Candidate:
    """A place in a stream where keys match: from `start` to `stop` (past a case ending
    when `ending`)."""

    start: int
    stop: int
    ending: bool
    classes: tuple[_Class, ...]

    def groups(self) -> tuple[Group, ...]:
        """The identities matched here, grouped."""
        if len(self.classes) == 1:
            return self.classes[0].groups
        return tuple(g for c in self.classes for g in c.groups)


class KeySet:
    """Folded keys, found at every word start of a stream by one automaton."""

    def __init__(self, keys: list[Key]) -> None:
        grouped: dict[str, dict[tuple[bool, bool, frozenset[int]], list[tuple[int, Key]]]] = {}
        for index, k in enumerate(keys):
            grouped.setdefault(k.folded, {}).setdefault(
                (k.stem, k.inflects, k.breaks), []).append((index, k))
        # A long key (a line of notes) goes in by its first letters and is compared whole
        # where they are found: the automaton stays small however long the notes are.
        by_prefix: dict[str, list[tuple[int, str, tuple[_Class, ...]]]] = {}
        for text, classes in grouped.items():
            by_prefix.setdefault(text[:_PREFIX], []).append((len(text), text, tuple(
                _Class(stem, inflects, breaks, groups((n, k.identity) for n, k in ks))
                for (stem, inflects, breaks), ks in classes.items())))
        self._automaton: Any = automaton({p: (len(p), tuple(keys))
                                          for p, keys in by_prefix.items()})
        # A one-letter key is looked for only where the text's next two letters begin some
        # key (the word-start test of the matcher before the automaton, kept as it was).
        self._prefixes = {text[:2] for text in grouped}
        self._size = len(grouped)

    def __bool__(self) -> bool:
        return self._size > 0

    def _matches(self, text: str, begins: Set[int]
                 ) -> Iterator[tuple[int, int, tuple[_Class, ...]]]:
        """(start, length, classes) of each key found where a word starts."""
        for last, (length, keys) in self._automaton.iter(text):
            start = last - length + 1
            if start not in begins:
                continue
            for full, key_text, classes in keys:
                if (full == length or text.startswith(key_text, start)) and (
                        full > 1 or text[start:start + 2] in self._prefixes):
                    yield start, full, classes

    def _occurrences(self, text: str, begins: Set[int]
                     ) -> list[tuple[int, int, tuple[_Class, ...]]]:
        """(start, -length, classes) of each key found where a word starts, in the order
        the matcher reads them: by start, the longest first."""
        found = [(start, -length, classes)
                 for start, length, classes in self._matches(text, begins)]
        found.sort(key=lambda f: (f[0], f[1]))
        return found

    def positions(self, text: str, starts: Set[int], ends: Set[int],
                  hard: Sequence[int] = ()) -> list[Candidate]:
        """Every key found from a word start to a word end (or to a case ending there).
        A match may cross a separator of the text only where the key has one too, or where
        the text is letter-spaced ("O y e l a r a n"): "White House" is not "Whitehouse".
        `hard` (sorted) are the text's separators; without them (the fast test) every
        crossing is allowed."""
        if not self._size or not text:
            return []
        out = []
        for start, minus, classes in self._occurrences(text, starts):
            end = start - minus
            by_stop: dict[int, list[_Class]] = {}
            for c in classes:
                stop = end if end in ends and not c.stem else \
                    _ending(text, end, ends, starts, c.inflects)
                if stop is not None and _crossing_allowed(hard, start, end, c.breaks):
                    by_stop.setdefault(stop, []).append(c)
            out += [Candidate(start, stop, stop != end, tuple(cs))
                    for stop, cs in by_stop.items()]
        return out


    def found(self, text: str, starts: Set[int], ends: Set[int]) -> bool:
        """Whether any key is found (as positions() would find it, separators aside)."""
        if not self._size or not text:
            return False
        for start, length, classes in self._matches(text, starts):
            end = start + length
            if any(end in ends and not c.stem or _ending(text, end, ends, starts, c.inflects)
                   is not None for c in classes):
                return True
        return False


def _ending(text: str, end: int, ends: Set[int], begins: Set[int],
            inflects: bool) -> int | None:
    """Where a case ending after a name stops, in the same written word (None if what
    follows is not one)."""
    if not inflects or end in begins:
        return None
    for stop in range(end + 1, min(end + 5, len(text)) + 1):
        if stop in ends:
            return stop if text[end:stop] in SUFFIXES else None
    return None


def _crossing_allowed(hard: Sequence[int], start: int, end: int,
                      breaks: frozenset[int]) -> bool:
    if not hard:
        return True
    inside = hard[bisect_right(hard, start):bisect_left(hard, end)]
    if not inside:
        return True
    if all(p - start in breaks for p in inside):
        return True
    cuts = [start, *inside, end]  # letter-spaced: every piece one letter
    return all(b - a == 1 for a, b in zip(cuts, cuts[1:], strict=False))


def stream(folded: list[str]) -> tuple[str, set[int], set[int]]:
    """Folded words as one stream: (text, where each word starts, where each ends)."""
    starts, pos = [], 0
    for w in folded:
        starts.append(pos)
        pos += len(w)
    return "".join(folded), set(starts), {a + len(w) for a, w in zip(starts, folded,
                                                                      strict=True)}


def automaton(words: dict[str, Any]) -> Any:
    """An Aho–Corasick automaton finding each of `words` with its value (None if none)."""
    if not words:
        return None
    made = ahocorasick.Automaton()
    for word, value in words.items():
        made.add_word(word, value)
    made.make_automaton()
    return made


class Written:
    """Where the names of sources who may be named are written in a text, found once:
    (start, end, key) in the text, by start."""

    def __init__(self, names: Any, stream_: Compact | None) -> None:
        self.names: list[tuple[int, int, str]] = []
        if names is not None and stream_ is not None and stream_.text:
            for last, k in names.iter(stream_.text):
                a, b = stream_.span(last - len(k) + 1, last + 1)
                self.names.append((a, b, k))
            self.names.sort()
        self.starts = [a for a, _b, _k in self.names]
        self.ready = stream_ is not None

    def __bool__(self) -> bool:
        return self.ready

    def around(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """The names written from `lo` to `hi`."""
        return self.names[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]
