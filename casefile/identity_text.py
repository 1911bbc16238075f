"""Text folded for identity matching, with a map back to the text as written.

A protected name must be found however it is spelled: in NFD or without its accents, in
fullwidth letters, with soft hyphens or zero-width characters inside, split by a hyphenated
line break, letter-spaced, with Cyrillic or Greek look-alike letters, or transliterated. Both
the names and the text are folded the same way into *compact* streams of letters and digits;
each folded character remembers which character of the original it came from and whether a
word starts or ends there, so a match can be reported (and replaced) where it was written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii

# Default-ignorable code points that are not of category Cf (those are all dropped).
_IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0,
              *range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0000, 0xE1000),
              *range(0x1BCA0, 0x1BCA4)}
# A hyphen at a line end joins the word across the break ("Oyela-\nran").
_HYPHEN_BREAK = re.compile(r"[-\u2010\u2011\u00ad]\s*?[\n\r\u2028\u2029\x0b\x0c]\s*")

# Transliteration variants folded together after everything is Latin (ISO 9 "Žuravleva",
# BGN "Zhuravleva", "Zhurawlewa"; German "Brueck" for "Brück"; "Fyodor" and "Fedor"):
# digraphs first, then y/j before a vowel, then doubled letters.
_DIGRAPHS = re.compile(r"shch|sch|sh|zh|ch|kh|ts|tz|ck|ph|th|ue|oe|ae|w|[yj]o|[yj](?=[aeiu])|[yj]")
_DIGRAPH_TO = {"shch": "s", "sch": "s", "sh": "s", "zh": "z", "ch": "c", "kh": "h", "ts": "c",
               "tz": "c", "ck": "k", "ph": "f", "th": "t", "ue": "u", "oe": "o", "ae": "a",
               "w": "v", "yo": "e", "jo": "e", "y": "i", "j": "i"}
# ASCII look-alikes, folded in the skeleton stream: "OyeIaran" (capital I for l),
# "0yelaran", "Oyel4ran", "Oye1aran".
_ASCII_SKELETON = {"I": "l", "1": "l", "0": "o", "3": "e", "4": "a", "5": "s", "7": "t"}
ASCII_LOOKALIKE = re.compile(r"[A-Za-z][I013457]|[I013457][a-z]")


@cache
def _confusables() -> dict[str, str]:
    """Unicode's confusables (UTS #39, via confusable_homoglyphs' copy of confusables.txt):
    a non-Latin letter that looks like an ASCII letter or digit, mapped to it."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath(
        "confusables.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for char, looks in data.items():
        if len(char) != 1 or char.isascii():
            continue
        for alike in looks:
            target = alike.get("c", "")
            if len(target) == 1 and target.isascii() and target.isalnum():
                out[char] = target.casefold()
                break
    return out


@cache
def fold_char(char: str, skeleton: bool) -> str:
    """One character as lower-case ASCII letters and digits: '' for an invisible character
    (soft hyphen, zero-width space: it joins), ' ' for a separator; an ideograph comes with
    spaces around it (such scripts are written without spaces between words).

    `skeleton` folds look-alike letters to the Latin letter they imitate (Cyrillic "р" → "p");
    otherwise other scripts are transliterated (Cyrillic "р" → "r")."""
    if is_ignorable(char) or unicodedata.combining(char) \
            or unicodedata.category(char) in ("Mn", "Me"):
        return ""  # invisible, or a mark on the letter before it (NFD "Bru\u0308ck")
    if char.isdecimal():
        digit = str(unicodedata.decimal(char))
        return _ASCII_SKELETON.get(digit, digit) if skeleton else digit
    if skeleton and char in _ASCII_SKELETON:
        return _ASCII_SKELETON[char]
    if skeleton and char in _confusables():  # before NFKC, which may change the look-alike
        return _confusables()[char]
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if not c.isascii() and not _is_latin(c):
            # Another script: its own letters (й, ё) are transliterated whole, not stripped
            # of their marks; look-alikes fold to the Latin letter they imitate.
            looks = (_confusables().get(c) or _confusables().get(c.casefold())) \
                if skeleton else None
            folded = _alnum(looks or anyascii(c).casefold())
            if not folded.strip() and unicodedata.category(c).startswith("L"):
                folded = ""  # a letter with no sound of its own (ь, ъ, ʼ): it joins
            out.append(folded)
            continue
        for d in unicodedata.normalize("NFKD", c):
            if unicodedata.combining(d) or unicodedata.category(d) in ("Mn", "Me"):
                continue
            if not d.isascii():
                looks = (_confusables().get(d) or _confusables().get(d.casefold())) \
                    if skeleton else None
                d = looks or anyascii(d)
            out.append(_alnum(d.casefold()))
    folded = "".join(out)
    if not folded and unicodedata.category(char).startswith("L"):
        return ""
    if not folded.strip():
        return " "
    return f" {folded} " if _is_ideograph(char) else folded


def is_ignorable(char: str) -> bool:
    """A character that is invisible in text (soft hyphen, zero-width space, joiners…)."""
    return ord(char) in _IGNORABLE or unicodedata.category(char) == "Cf"


def _alnum(text: str) -> str:
    return "".join(ch if ch.isalnum() else " " for ch in text)


@cache
def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3134F


class _Table(dict[int, str]):
    """A str.translate table that folds each character the first time it is seen."""

    def __init__(self, skeleton: bool) -> None:
        super().__init__()
        self.skeleton = skeleton

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code), self.skeleton)
        return folded


_TABLES = {False: _Table(False), True: _Table(True)}


@dataclass(frozen=True)
class Compact:
    """Letters and digits of a text, folded, each with where it came from."""

    text: str  # the folded letters and digits
    origin: tuple[int, ...]  # index in the original text of each folded character
    origin_end: tuple[int, ...]  # where the original characters it stands for end
    starts: frozenset[int]  # folded positions where a word of the original starts
    ends: frozenset[int]  # folded positions (exclusive) where a word of the original ends
    # Starts that follow a separator (a space, punctuation); the others are soft: where
    # letters meet digits inside one written word ("oyelaran1990").
    hard: frozenset[int] = frozenset()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of folded characters start..end."""
        return self.origin[start], self.origin_end[end - 1]


_PIECES = re.compile(r"[a-z]+|[0-9]+")
_CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])['’ʼ](?=[\u0400-\u04ff])")


def words(text: str, *, skeleton: bool = False, loose: bool = False) -> list[str]:
    """The folded words of `text`, fast (C-level translate), without a map to the original:
    enough to tell whether a text can contain a protected name at all. Letters and digits
    written together are separate words ("oyelaran", "1990")."""
    text = _CYRILLIC_APOSTROPHE.sub("", _HYPHEN_BREAK.sub("", text))
    out = _PIECES.findall(text.translate(_TABLES[skeleton]))
    return [loose_word(w)[0] for w in out] if loose else out


def compact(text: str, *, skeleton: bool = False) -> Compact:
    """`text` folded to letters and digits, with word boundaries and a map to the original."""
    skip = {i for m in _HYPHEN_BREAK.finditer(text) for i in range(m.start(), m.end())}
    skip.update(m.start() for m in _CYRILLIC_APOSTROPHE.finditer(text))  # "Мар'яна"
    table = _TABLES[skeleton]
    chars: list[str] = []
    origin: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    hard: set[int] = set()
    in_word = False
    separated = False
    digit = False  # whether the last folded character is a digit
    for i, char in enumerate(text):
        folded = table[ord(char)]
        if not folded or (skip and i in skip):
            continue  # invisible: neither a letter nor a separator
        if folded == " ":  # most separators: the fast path
            if in_word:
                ends.add(len(chars))
            in_word, separated = False, True
            continue
        for n, piece in enumerate(folded.split(" ") if " " in folded else (folded,)):
            if n:
                if in_word:
                    ends.add(len(chars))
                in_word, separated = False, True
            for ch in piece:
                at = len(chars)
                is_digit = ch.isdigit()
                if in_word:
                    if digit != is_digit:
                        ends.add(at)  # letters meet digits: a soft boundary
                        starts.add(at)
                else:
                    starts.add(at)
                    if separated and at:
                        hard.add(at)
                in_word, separated, digit = True, False, is_digit
                chars.append(ch)
                origin.append(i)
    if in_word:
        ends.add(len(chars))
    return Compact("".join(chars), tuple(origin), tuple(o + 1 for o in origin),
                   frozenset(starts), frozenset(ends), frozenset(hard))


def key(text: str) -> str:
    """The folded letters and digits of a name or contact (no word boundaries)."""
    return "".join(words(text))


@lru_cache(maxsize=65536)
def loose_word(word: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """One folded word with transliteration variants folded together (see _DIGRAPHS) and
    doubled letters collapsed (never doubled digits: "Source 77" is not "Source 7"); for
    each letter out, the letters of `word` it stands for."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(word):
        m = _DIGRAPHS.match(word, pos)
        piece = word[pos] if m is None else m.group(0)
        end = pos + len(piece)
        out = _DIGRAPH_TO.get(piece, piece)
        if piece in ("y", "j") and end < len(word) and word[end] in "aeiu":
            out = ""  # "ya", "ja", "ia" alike: the vowel carries it
        for ch in out:
            if chars and chars[-1] == ch and not ch.isdigit():  # "77" is not "7"
                spans[-1] = (spans[-1][0], end)
                continue
            chars.append(ch)
            spans.append((0 if not spans else pos, end))  # a dropped first letter belongs
        if not out and spans:
            spans[-1] = (spans[-1][0], end)
        pos = end
    return "".join(chars), tuple(spans)


def loosen(c: Compact) -> Compact:
    """`c` with every word loosened (loose_word), keeping the map to the original."""
    chars: list[str] = []
    origin: list[int] = []
    origin_end: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    hard: set[int] = set()
    for begin, finish in _words(c):
        out, spans = loose_word(c.text[begin:finish])
        if not out:
            continue
        if begin in c.hard and chars:
            hard.add(len(chars))
        starts.add(len(chars))
        chars.extend(out)
        origin.extend(c.origin[begin + a] for a, _b in spans)
        origin_end.extend(c.origin_end[begin + b - 1] for _a, b in spans)
        ends.add(len(chars))
    return Compact("".join(chars), tuple(origin), tuple(origin_end), frozenset(starts),
                   frozenset(ends), frozenset(hard))


def _words(c: Compact) -> list[tuple[int, int]]:
    """(start, end) of each word in a compact stream."""
    bounds = sorted(c.starts | c.ends)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a in c.starts]


def loose_key(text: str) -> str:
    """`key()` with transliteration variants folded together."""
    return "".join(loose_word(w)[0] for w in words(text))
