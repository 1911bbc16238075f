"""Three-way merge of long text fields: transcripts, notes, draft bodies, answers.

A transcript corrected in a field copy and in the case must keep both sets of corrections
where they touch different places, and show the place where they do not. The merge is
line-wise first (merge3, diff3's algorithm); where both sides changed the same lines it is
tried again sentence-wise inside them (casefile.claims.segments.sentences, each line on its
own). Only sentences changed differently on both sides conflict. The merged text is made of
pieces of the three texts only, so every character of both edit sets is kept as it was:
whitespace, CRLF, every script.

Draft bodies carry anchors (docs/draft-format.md): a claim anchor from its opening marker to
its closing one, and every marker, is never cut, so it comes whole from one side, and edits
from both sides inside one anchor are a conflict. An anchor or photo both sides placed in
different spots (a sentence moved to two places) would be there twice: that is a conflict too.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from merge3 import Merge3

from casefile.claims.segments import sentences

CHANGED_BOTH = "changed on both sides"
PLACED_TWICE = "the same anchor placed on both sides"

_LINE_END = re.compile(r"\r\n|\n|\r")
# docs/draft-format.md: an escaped "⟦", claim anchors' markers, photo placements.
_MARKER = re.compile(r"⟦⟦|⟦claim:([0-9a-fA-F-]{36})⟧|⟦/claim⟧|⟦photo:([0-9a-fA-F-]{36})⟧")
_WORDISH = re.compile(r"\w+|\s+|.", re.S)


@dataclass(frozen=True)
class Hunk:
    """One place the two sides changed differently: each side's piece and where it stands
    (offsets into base, mine and theirs)."""

    base: str
    mine: str
    theirs: str
    base_start: int
    mine_start: int
    theirs_start: int
    reason: str = CHANGED_BOTH

    @property
    def base_end(self) -> int:
        return self.base_start + len(self.base)

    @property
    def mine_end(self) -> int:
        return self.mine_start + len(self.mine)

    @property
    def theirs_end(self) -> int:
        return self.theirs_start + len(self.theirs)


@dataclass(frozen=True)
class TextMerge:
    """The merged text, or None when edits overlap; `pieces` is the merge in order (clean
    text and hunks), so a person's choice per hunk can be put together (`resolved`)."""

    text: str | None
    conflicts: tuple[Hunk, ...] = ()
    pieces: tuple[str | Hunk, ...] = ()

    def resolved(self, choose: Callable[[Hunk], str]) -> str:
        """The merged text with `choose(hunk)` standing at each conflict (h.mine: the clean
        edits of both sides, mine where they overlap)."""
        if self.text is not None:
            return self.text
        return "".join(p if isinstance(p, str) else choose(p) for p in self.pieces)


@dataclass(frozen=True)
class _Region:
    """A stretch of the merge: what it is ("unchanged", "same", "a": mine's change, "b":
    theirs', "conflict") and its piece and offset in each text."""

    kind: str
    base: str
    mine: str
    theirs: str
    at_base: int
    at_mine: int
    at_theirs: int

    @property
    def merged(self) -> str:
        return self.theirs if self.kind == "b" else self.mine

    def hunk(self, reason: str = CHANGED_BOTH) -> Hunk:
        return Hunk(self.base, self.mine, self.theirs, self.at_base, self.at_mine,
                    self.at_theirs, reason)


class _Matcher(difflib.SequenceMatcher[str]):
    """difflib's matcher, each insertion and deletion slid as far down as it can go.

    Its junk heuristic stays: a line or gap "popular" in a long text (blank lines, the
    spaces between sentences) only joins a match next to it, which keeps a 300,000-character
    transcript under a second. The slide makes the place of an insertion canonical: " X"
    after a sentence and "X " before the next are the same edit, and were one side's diff to
    take it one way and the other's the other way, the merge would hold X twice.
    """

    def get_matching_blocks(self) -> list[difflib.Match]:
        a: Sequence[str] = self.a  # type: ignore[attr-defined]  # (not in typeshed)
        b: Sequence[str] = self.b  # type: ignore[attr-defined]
        blocks = [list(m) for m in super().get_matching_blocks()]
        for k in range(len(blocks) - 2):  # the last block is the (len, len, 0) sentinel
            i1, j1, n1 = blocks[k]
            i2, j2, n2 = blocks[k + 1]
            if n2 == 0:
                continue
            step = 0
            if i1 + n1 == i2 and j1 + n1 < j2:  # an insertion: b[j1 + n1:j2]
                while step < n2 and b[j1 + n1 + step] == b[j2 + step]:
                    step += 1
            elif j1 + n1 == j2 and i1 + n1 < i2:  # a deletion: a[i1 + n1:i2]
                while step < n2 and a[i1 + n1 + step] == a[i2 + step]:
                    step += 1
            blocks[k][2] += step
            blocks[k + 1] = [i2 + step, j2 + step, n2 - step]
        return [difflib.Match(i, j, n) for i, j, n in blocks if n or (i, j) == (len(a), len(b))]


def merge_text(base: str, mine: str, theirs: str, *, language: str = "") -> TextMerge:
    """Both sides' edits of `base` in one text (see the module docstring); `language` is the
    case's BCP 47 tag, for the sentences."""
    if mine == theirs or theirs == base:
        return TextMerge(mine, (), (mine,) if mine else ())
    if mine == base:
        return TextMerge(theirs, (), (theirs,) if theirs else ())
    regions: list[_Region] = []
    for region in _merge(base, mine, theirs, 0, 0, 0, _line_tokens):
        if region.kind == "conflict":
            regions.extend(_merge(region.base, region.mine, region.theirs, region.at_base,
                                  region.at_mine, region.at_theirs,
                                  lambda text: _sentence_tokens(text, language)))
        else:
            regions.append(region)
    twice = _placed_twice(regions, mine, theirs)
    pieces: list[str | Hunk] = []
    for k, region in enumerate(regions):
        if region.kind == "conflict" or k in twice:
            pieces.append(region.hunk(CHANGED_BOTH if region.kind == "conflict"
                                      else PLACED_TWICE))
        elif region.merged:
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += region.merged
            else:
                pieces.append(region.merged)
    conflicts = tuple(p for p in pieces if isinstance(p, Hunk))
    text = None if conflicts else "".join(cast(list[str], pieces))
    return TextMerge(text, conflicts, tuple(pieces))


def _merge(base: str, mine: str, theirs: str, at_base: int, at_mine: int, at_theirs: int,
           cut: Callable[[str], list[str]]) -> Iterator[_Region]:
    """diff3 over the tokens `cut` makes of each text, as regions with their offsets."""
    tokens = cut(base), cut(mine), cut(theirs)
    starts = [_prefix(t) for t in tokens]
    texts = base, mine, theirs
    offsets = at_base, at_mine, at_theirs
    merger = Merge3(tokens[0], tokens[1], tokens[2], sequence_matcher=cast(Any, _Matcher))
    done = [0, 0, 0]  # tokens of base, mine, theirs already yielded

    def region(kind: str, ends: Sequence[int]) -> _Region:
        pieces = [texts[s][starts[s][done[s]]:starts[s][ends[s]]] for s in range(3)]
        at = [offsets[s] + starts[s][done[s]] for s in range(3)]
        if kind == "?":
            kind = _kind(*(tokens[s][done[s]:ends[s]] for s in range(3)))
        done[:] = ends
        return _Region(kind, pieces[0], pieces[1], pieces[2], at[0], at[1], at[2])

    for zmatch, zend, amatch, aend, bmatch, bend in merger.find_sync_regions():
        if (zmatch, amatch, bmatch) != tuple(done):
            yield region("?", (zmatch, amatch, bmatch))
        if zend > zmatch:
            yield region("unchanged", (zend, aend, bend))


def _kind(base: list[str], mine: list[str], theirs: list[str]) -> str:
    """What a changed stretch is: "same", "a" (only mine changed it), "b" or "conflict".

    Where both changed it, what they both put at its start and end (a sentence both
    inserted) is set aside first: if the rest of one side is the base's, that side's
    edit is inside the other's, and the other is taken."""
    if mine == theirs:
        return "same"
    if mine == base:
        return "b"
    if theirs == base:
        return "a"
    head = 0
    while head < min(len(mine), len(theirs)) and mine[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(mine), len(theirs)) - head and mine[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    if head or tail:
        inner = base
        if inner[:head] == mine[:head]:
            inner = inner[head:]
        if tail and inner[len(inner) - tail:] == mine[len(mine) - tail:]:
            inner = inner[:len(inner) - tail]
        if mine[head:len(mine) - tail] == inner:
            return "b"
        if theirs[head:len(theirs) - tail] == inner:
            return "a"
    return "conflict"


def _prefix(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _line_tokens(text: str) -> list[str]:
    """Each line with its ending (CRLF, LF or CR), an anchor across lines kept whole."""
    return _cut(text, [m.end() for m in _LINE_END.finditer(text)])


def _sentence_tokens(text: str, language: str) -> list[str]:
    """Each sentence, and the whitespace between sentences (so that edits to neighbouring
    sentences do not touch), line by line, an anchor kept whole. The sentences are those of
    the words a reader sees: a sentence opening with an anchor's marker is still one."""
    cuts: list[int] = []
    at = 0
    for m in [*_LINE_END.finditer(text), None]:
        line_end = m.start() if m else len(text)
        visible, starts, ends = _visible(text[at:line_end])
        for start, end in sentences(visible, language or ""):
            cuts += [at + starts[start], at + ends[end]]
        if m:
            cuts.append(m.end())
            at = m.end()
    return _cut(text, cuts)


def _visible(text: str) -> tuple[str, list[int], list[int]]:
    """A draft body's words as a reader sees them (markers out, a photo as U+FFFC, "⟦⟦" as
    "⟦"), with where a sentence starting at each visible offset starts in `text` (before the
    markers in front of it) and where one ending there ends (after the character before)."""
    if "⟦" not in text:
        offsets = list(range(len(text) + 1))
        return text, offsets, offsets
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    pos = 0
    lead: int | None = None  # where the markers in front of the next visible character begin
    for m in [*_MARKER.finditer(text), None]:
        for k in range(pos, m.start() if m else len(text)):
            out.append(text[k])
            starts.append(k if lead is None else lead)
            ends.append(k + 1)
            lead = None
        if m is None:
            break
        pos = m.end()
        if m.group(0) == "⟦⟦" or m.group(2):
            out.append("⟦" if m.group(0) == "⟦⟦" else "\ufffc")
            starts.append(m.start() if lead is None else lead)
            ends.append(m.end())
            lead = None
        elif lead is None:
            lead = m.start()
    starts.append(len(text) if lead is None else lead)
    return "".join(out), starts, ends


def _cut(text: str, cuts: list[int]) -> list[str]:
    """`text` cut at each of `cuts` that is not inside a marker or a claim anchor."""
    starts, ends = _kept_whole(text)
    tokens: list[str] = []
    last = 0
    for cut in sorted(set(cuts)):
        if not last < cut < len(text):
            continue
        k = bisect.bisect_left(starts, cut) - 1  # the last stretch starting before the cut
        if k >= 0 and cut < ends[k]:
            continue
        tokens.append(text[last:cut])
        last = cut
    if last < len(text):
        tokens.append(text[last:])
    return tokens


def _kept_whole(text: str) -> tuple[list[int], list[int]]:
    """The stretches no token boundary may fall inside: each marker, and each anchor from
    its opening marker to its closing one (to the end when it never closes; an anchor
    opened inside another runs on with it, as the reader closes one at the other)."""
    starts: list[int] = []
    ends: list[int] = []
    if "⟦" not in text:
        return starts, ends
    open_at: int | None = None
    for m in _MARKER.finditer(text):
        if m.group(1):
            open_at = m.start() if open_at is None else open_at
        elif m.group(0) == "⟦/claim⟧" and open_at is not None:
            starts.append(open_at)
            ends.append(m.end())
            open_at = None
        elif open_at is None:
            starts.append(m.start())
            ends.append(m.end())
    if open_at is not None:
        starts.append(open_at)
        ends.append(len(text))
    return starts, ends


def _markers(text: str) -> dict[str, int]:
    """How many times each claim anchor and photo stands in a draft body."""
    counts: dict[str, int] = {}
    if "⟦" in text:
        for m in _MARKER.finditer(text):
            key = m.group(1) or m.group(2)
            if key:
                key = key.lower()
                counts[key] = counts.get(key, 0) + 1
    return counts


def _placed_twice(regions: list[_Region], mine: str, theirs: str) -> set[int]:
    """The clean regions that put an anchor or photo into the text on both sides, so the
    merge would hold it more often than either side does."""
    if "⟦" not in mine or "⟦" not in theirs:
        return set()
    merged = _markers("".join(r.merged for r in regions if r.kind != "conflict"))
    ours, yours = _markers(mine), _markers(theirs)
    extra = {key for key, n in merged.items() if n > max(ours.get(key, 0), yours.get(key, 0))}
    out: set[int] = set()
    for k, region in enumerate(regions):
        if extra and region.kind in ("a", "b"):
            before, after = _markers(region.base), _markers(region.merged)
            if any(after.get(key, 0) > before.get(key, 0) for key in extra):
                out.add(k)
    return out


def reanchor(old: str, new: str, start: int, end: int, words: str) -> tuple[int, int] | None:
    """Where the `words` that stood at old[start:end] stand in `new`: their place mapped
    through the edits, else the occurrence nearest to it; None when they are gone. The span
    returned is as long as `words` (a stale `end` does not stretch it)."""
    if not words:
        return None
    at = _map(old, new, start)
    if new[at:at + len(words)] == words:
        return at, at + len(words)
    found = _nearest(new, words, at)
    return None if found is None else (found, found + len(words))


def _map(old: str, new: str, pos: int) -> int:
    """`pos` in `old` carried through the diff to `new`: by lines, then by sentences, then
    by words inside what changed (a place inside a change goes to the start of what
    replaced it)."""
    base = 0
    for level in range(len(_LEVELS)):
        if old == new:
            return base + pos
        a_at, b_at, opcodes = _opcodes(level, old, new)
        for tag, i1, i2, j1, j2 in opcodes:
            if a_at[i1] <= pos < a_at[i2] or (i2 == len(a_at) - 1 and pos >= a_at[i2]):
                if tag == "equal":
                    return base + b_at[j1] + pos - a_at[i1]
                old, new = old[a_at[i1]:a_at[i2]], new[b_at[j1]:b_at[j2]]
                pos -= a_at[i1]
                base += b_at[j1]
                break
        else:
            return base + len(new)
    return base


_LEVELS: tuple[Callable[[str], list[str]], ...] = (
    _line_tokens, lambda text: _sentence_tokens(text, ""), _WORDISH.findall)


@lru_cache(maxsize=8)
def _opcodes(level: int, old: str, new: str
             ) -> tuple[list[int], list[int], list[tuple[str, int, int, int, int]]]:
    """Token offsets of both texts and their diff, kept for the next quote of the same
    transcript (every quote of a merged transcript is re-anchored through the same diff)."""
    a, b = _LEVELS[level](old), _LEVELS[level](new)
    opcodes = difflib.SequenceMatcher(None, a, b).get_opcodes()
    return _prefix(a), _prefix(b), [(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in opcodes]


def _nearest(text: str, words: str, at: int) -> int | None:
    """The start of the occurrence of `words` in `text` nearest to `at`."""
    after = text.find(words, max(at, 0))
    before = text.rfind(words, 0, max(at, 0) + len(words) - 1)
    found = [p for p in (before, after) if p >= 0]
    return min(found, key=lambda p: (abs(p - at), p)) if found else None
