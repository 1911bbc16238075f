"""Matching a reviewed file that lost our bookmarks to the export, by its text.

pandoc drops every bookmark no link points to, so a file it wrote has no `cfd_`/`cfv_`/`cfc_`
markers. Such a file is matched to the exported version whose body paragraphs it holds, in
order (an anchored comment alone is no evidence: one on "Bank" would match any draft), and
each comment to the claim whose words it covers in that version's body. Paragraphs are
compared by words, and by characters in scripts written without spaces (Japanese, Chinese,
Thai…), where a whole paragraph is one "word".
"""

from __future__ import annotations

import bisect
import difflib
import re
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from casefile.claims.draft_text import OBJECT, DraftText
from casefile.models import Draft, DraftVersion

# A paragraph of the file is the editor's version of an exported one if at least this much
# of its tokens (words; characters of a script without spaces) are the same, in order
# (difflib's ratio): an edited sentence or two, not a different paragraph.
SIMILAR = 0.6
# Above this many (file paragraph, exported paragraph) comparisons, for all the exported
# versions together, only paragraphs left unchanged are aligned: a hostile file of a million
# paragraphs, or a case exported a hundred times, must not take minutes.
MAX_COMPARISONS = 200_000
# Paragraphs of the file between two that align with the export, beyond those the export
# had there: more, and the later one is the appendix repeating a body sentence, not the body.
GAP = 5
# Scripts written without spaces between words: kana, CJK ideographs and punctuation,
# full-width forms, Thai, Lao, Myanmar, Khmer. Each of their characters is one token.
# (Korean is written with spaces: its words are tokens, as in English.)
_SPACELESS = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3000-\u30ff"
              "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef")
_TOKEN = re.compile(f"[{_SPACELESS}]|[^\\s{_SPACELESS}]+")
_SPACELESS_CHAR = re.compile(f"[{_SPACELESS}]")


def tokens(text: str) -> list[str]:
    """What paragraphs are compared by: its words, each character of a spaceless script."""
    return _TOKEN.findall(text)


def exported_paragraphs(body: str, dateline: str) -> list[str]:
    """The body paragraphs as the export printed them (spacing aside), dateline first."""
    text = DraftText.parse(body)
    paras = [" ".join(p.split()) for _o, p in text.paragraphs()
             if p.strip() and p.strip() != OBJECT]
    if paras and dateline:
        paras[0] = " ".join((dateline + paras[0]).split())
    return paras


def dateline_of(place: str, country: str) -> str:
    """The dateline the export prints before the first paragraph ("KHABAROVSK, Russia — ")."""
    if not place:
        return ""
    return f"{place.upper()}, {country} — " if country else f"{place.upper()} — "


def snapshot_paragraphs(snap: dict[str, Any]) -> list[str]:
    """The body paragraphs a version's snapshot was exported with."""
    return exported_paragraphs(snap.get("body", ""), dateline_of(
        snap.get("dateline_place") or "", snap.get("dateline_country") or ""))


def enough(found: int, exported: int) -> bool:
    """Whether `found` paragraphs aligned in order are evidence of a body of `exported`: at
    least half of them, and at least two where there are two."""
    return exported > 0 and found >= max(min(2, exported), (exported + 1) // 2)


Chain = list[tuple[int, int]]  # (file paragraph, exported paragraph), aligned in order


def versions_by_text(s: Any, everything: list[str], anchors: Iterable[str], ours: int
                     ) -> tuple[Draft, DraftVersion, Chain] | None:
    """The exported version (of a draft not in the trash) whose body paragraphs the file
    holds in order, enough of them (`enough`); of those, the one holding most, then most of
    the comments' anchored words (whole words), then one of the profile the file shows (only
    the editor profile has our sourcing comments), then the latest; and how its body aligned.
    None: nothing matches."""
    wanted = [" ".join(a.split()) for a in anchors if a.strip()]
    best: tuple[int, int, bool] = (0, 0, False)
    chosen: DraftVersion | None = None
    chain: Chain = []
    aligned: dict[tuple[str, ...], Chain] = {}  # a body exported many times is aligned once
    budget = MAX_COMPARISONS  # for all the versions together: the latest are compared first
    rows = s.scalars(select(DraftVersion).join(Draft, DraftVersion.draft_id == Draft.id)
                     .where(Draft.trash_id.is_(None))
                     .order_by(DraftVersion.created_at.desc(), DraftVersion.id.desc()))
    for version in rows:
        snap = version.snapshot or {}
        if "export" not in snap:
            continue
        exported = snapshot_paragraphs(snap)
        key = tuple(exported)
        if key not in aligned:
            cost = len(everything) * len(exported)
            fuzzy = cost <= budget
            budget -= cost if fuzzy else 0
            aligned[key] = _chain(everything, exported, fuzzy)
        found = len(aligned[key])
        if not enough(found, len(exported)):
            continue
        joined = " ".join(exported)
        held = sum(1 for a in wanted if holds_words(joined, a))
        fits = (snap["export"].get("profile") == "editor") == (ours > 0) \
            if isinstance(snap["export"], dict) else False
        if (found, held, fits) > best:  # of equals, the latest (the first seen)
            best, chosen, chain = (found, held, fits), version, aligned[key]
    if chosen is None:
        return None
    return chosen.draft, chosen, chain


def holds_words(text: str, part: str, limit: int = 20) -> bool:
    """Whether `part` occurs in `text` as whole words ("Bank" is not in "Banks"); in a
    spaceless script any place is a boundary. Only the first `limit` occurrences are tried."""
    at = text.find(part)
    for _n in range(limit):
        if at < 0:
            return False
        if _boundary(text, at) and _boundary(text, at + len(part)):
            return True
        at = text.find(part, at + 1)
    return False


def _boundary(text: str, k: int) -> bool:
    if k <= 0 or k >= len(text):
        return True
    return not (_in_word(text[k - 1]) and _in_word(text[k]))


def _in_word(ch: str) -> bool:
    return ch.isalnum() and not _SPACELESS_CHAR.match(ch)


def _most_like(text: str, exported: list[list[str]]) -> int | None:
    """The exported paragraph (given as its tokens) `text` is an edit of, if any."""
    found, ratio = None, SIMILAR
    m = difflib.SequenceMatcher(None, autojunk=False)
    m.set_seq2(tokens(text))  # difflib indexes the second sequence: once per paragraph
    for j, old in enumerate(exported):
        m.set_seq1(old)
        if m.real_quick_ratio() >= ratio and m.quick_ratio() >= ratio and m.ratio() >= ratio:
            found, ratio = j, m.ratio()
    return found


def _chain(everything: list[str], exported: list[str], fuzzy: bool | None = None) -> Chain:
    """(file paragraph, exported paragraph) pairs aligned in order: exact, or (if `fuzzy`;
    by default if there are at most MAX_COMPARISONS pairs to compare) an edit."""
    first_of: dict[str, int] = {}
    for k, p in enumerate(exported):
        first_of.setdefault(p, k)
    partner: dict[int, int] = {}  # exported paragraph -> the first paragraph of the file like it
    if fuzzy is None:
        fuzzy = len(everything) * len(exported) <= MAX_COMPARISONS
    words = [tokens(p) for p in exported]
    for i, p in enumerate(everything):
        if not p:
            continue
        j: int | None = first_of.get(p)
        if j is None and fuzzy:
            j = _most_like(p, words)
        if j is not None:
            partner.setdefault(j, i)
    return _in_order(sorted((i, j) for j, i in partner.items()))


def body_by_text(everything: list[str], exported: list[str], captions: set[str],
                 chain: Chain | None = None) -> list[int]:
    """Where the body's paragraphs are among all the file's, found by aligning them with the
    exported body (the headline, dek, byline and appendix around it align with nothing; pass
    the `chain` versions_by_text found, not to align twice). Empty paragraphs (a photo) and
    the caption and credit ("Photo: …") lines under photos are not body."""
    if chain is None:
        chain = _chain(everything, exported)
    if not chain:
        return []
    (i0, j0), (i1, j1) = chain[0], chain[-1]
    lo, hi = max(0, i0 - j0), min(len(everything), i1 + len(exported) - j1)

    def under_photo(i: int) -> bool:
        text = everything[i]
        return text in captions or (text.startswith("Photo: ") and i > 0 and (
            not everything[i - 1] or everything[i - 1] in captions))

    return [i for i in range(lo, hi) if everything[i] and not under_photo(i)]


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (file paragraph, exported paragraph) pairs in the same order in
    both, cut where the file has far more paragraphs between two pairs than the export."""
    if not pairs:
        return []
    tails: list[int] = []  # patience sorting on the exported index: O(n log n)
    ends: list[int] = []  # index into pairs of each tail
    before = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at], ends[at] = j, k
        before[k] = ends[at - 1] if at else -1
    chain, k = [], ends[-1]
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    chain.reverse()
    runs: list[list[tuple[int, int]]] = [[chain[0]]]
    for prev, nxt in zip(chain, chain[1:], strict=False):
        if nxt[0] - prev[0] > nxt[1] - prev[1] + GAP:
            runs.append([])
        runs[-1].append(nxt)
    return max(runs, key=len)


class ClaimsByText:
    """Finds the claim a comment is on by where its words occur in the exported body."""

    # Occurrences of a comment's words looked at: a comment on "the" must not cost a scan of
    # every claim for each "the" in the story.
    MAX_OCCURRENCES = 20
    # A comment's words found only in part (the editor's own text around an edit): at least
    # this share of them, in one piece, must be in the body.
    PART = 0.6

    def __init__(self, body: DraftText) -> None:
        self.anchors = body.anchors
        flat: list[str] = []  # the body with each run of spaces as one
        self.where: list[int] = []  # each of its characters' place in the body
        for k, ch in enumerate(body.text):
            if ch.isspace():
                if flat and flat[-1] == " ":
                    continue
                ch = " "
            flat.append(ch)
            self.where.append(k)
        self.text = "".join(flat)

    def claim(self, *anchored: str) -> uuid.UUID | None:
        """The claim whose anchored words the comment's words overlap most, at their first
        occurrence that overlaps any (spacing aside). Each of `anchored` (the words as
        exported, then as the editor left them) is tried in turn; if none is in the body,
        the longest piece of the first that is."""
        tried = [" ".join(a.split()) for a in anchored if a.strip()]
        if not tried or not self.anchors:
            return None
        for wanted in tried:
            found = self._at(wanted, self.text.find(wanted))
            if found is not None:
                return found
        wanted = tried[0]
        m = difflib.SequenceMatcher(None, self.text, wanted, autojunk=False)
        piece = m.find_longest_match(0, len(self.text), 0, len(wanted))
        if piece.size >= self.PART * len(wanted):
            return self._at(wanted[piece.b:piece.b + piece.size], piece.a)
        return None

    def _at(self, wanted: str, at: int) -> uuid.UUID | None:
        for _n in range(self.MAX_OCCURRENCES):
            if at < 0:
                break
            start, end = self.where[at], self.where[at + len(wanted) - 1] + 1
            overlaps = [(min(end, a.end) - max(start, a.start), -i, a.claim)
                        for i, a in enumerate(self.anchors) if a.start < end and a.end > start]
            if overlaps:
                return max(overlaps)[2]
            at = self.text.find(wanted, at + 1)
        return None
