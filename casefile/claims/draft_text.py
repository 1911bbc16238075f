"""The draft body format: plain paragraphs with claim anchors and photo placements inline.

    Exports fell by 38 percent, ⟦claim:6f1c…⟧the statistics service said⟦/claim⟧.

    ⟦photo:9a2e…⟧

A paragraph break is a blank line. `⟦claim:UUID⟧…⟦/claim⟧` binds the text between to a
claim; `⟦photo:UUID⟧` alone in a paragraph places a photo. A literal `⟦` is written `⟦⟦`.
In memory a body is `DraftText`: the visible text (a photo is U+FFFC, as in QTextDocument)
plus anchor ranges, edited like a QTextDocument does: text typed inside an anchor joins it,
text typed at its edges does not, deleting all of it removes the anchor.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace

OPEN, CLOSE = "⟦", "⟧"
OBJECT = "\ufffc"  # a photo placement in the visible text
PARAGRAPH = "\n\n"
_TOKEN = re.compile(r"⟦⟦|⟦claim:([0-9a-fA-F-]{36})⟧|⟦/claim⟧|⟦photo:([0-9a-fA-F-]{36})⟧")


@dataclass(frozen=True)
class Anchor:
    """Visible-text range [start, end) bound to a claim."""

    start: int
    end: int
    claim: uuid.UUID


@dataclass(frozen=True)
class DraftText:
    """A draft body: visible text, claim anchors, and the photo at each U+FFFC."""

    text: str
    anchors: tuple[Anchor, ...] = ()
    photos: tuple[uuid.UUID, ...] = ()

    # -- reading and writing the stored form ----------------------------------------------

    @classmethod
    def parse(cls, body: str) -> DraftText:
        """Read a stored body; malformed markup is kept as text, never an error."""
        out: list[str] = []
        anchors: list[Anchor] = []
        photos: list[uuid.UUID] = []
        open_at: tuple[int, uuid.UUID] | None = None
        pos = 0
        length = 0
        for m in _TOKEN.finditer(body):
            chunk = body[pos:m.start()]
            out.append(chunk)
            length += len(chunk)
            pos = m.end()
            token = m.group(0)
            if token == OPEN + OPEN:
                out.append(OPEN)
                length += 1
            elif m.group(1):
                if open_at is not None:  # nested/unclosed: close the earlier one here
                    anchors.append(Anchor(open_at[0], length, open_at[1]))
                open_at = (length, uuid.UUID(m.group(1)))
            elif m.group(2):
                photos.append(uuid.UUID(m.group(2)))
                out.append(OBJECT)
                length += 1
            elif open_at is not None:  # ⟦/claim⟧
                anchors.append(Anchor(open_at[0], length, open_at[1]))
                open_at = None
        out.append(body[pos:])
        length += len(body) - pos
        if open_at is not None:
            anchors.append(Anchor(open_at[0], length, open_at[1]))
        text = "".join(out)
        return cls(text, tuple(a for a in anchors if a.end > a.start), tuple(photos))

    def serialize(self) -> str:
        """The stored form of this body."""
        starts: dict[int, list[Anchor]] = {}
        ends: dict[int, int] = {}
        for a in sorted(self.anchors, key=lambda a: (a.start, a.end)):
            starts.setdefault(a.start, []).append(a)
            ends[a.end] = ends.get(a.end, 0) + 1
        photos = iter(self.photos)
        out: list[str] = []
        for i, ch in enumerate(self.text + "\0"):
            out.append(f"{OPEN}/claim{CLOSE}" * ends.get(i, 0))
            for a in starts.get(i, []):
                out.append(f"{OPEN}claim:{a.claim}{CLOSE}")
            if i == len(self.text):
                break
            if ch == OBJECT:
                photo = next(photos, None)
                out.append(f"{OPEN}photo:{photo}{CLOSE}" if photo else "")
            else:
                out.append(OPEN + OPEN if ch == OPEN else ch)
        return "".join(out)

    # -- editing --------------------------------------------------------------------------

    def insert(self, pos: int, text: str) -> DraftText:
        """Type `text` at `pos`: inside an anchor it joins the anchor; at an edge it does not."""
        pos = max(0, min(pos, len(self.text)))
        n = len(text)
        anchors = []
        for a in self.anchors:
            if pos <= a.start:
                anchors.append(replace(a, start=a.start + n, end=a.end + n))
            elif pos < a.end:
                anchors.append(replace(a, end=a.end + n))
            else:
                anchors.append(a)
        return DraftText(self.text[:pos] + text + self.text[pos:], tuple(anchors), self.photos)

    def delete(self, start: int, end: int) -> DraftText:
        """Remove the visible text [start, end); anchors shrink, and vanish when emptied."""
        start, end = max(0, start), min(end, len(self.text))
        if end <= start:
            return self
        n = end - start

        def move(x: int) -> int:
            return x if x <= start else (start if x <= end else x - n)

        anchors = tuple(replace(a, start=move(a.start), end=move(a.end)) for a in self.anchors
                        if move(a.end) > move(a.start))
        removed = self.text[start:end].count(OBJECT)
        before = self.text[:start].count(OBJECT)
        photos = self.photos[:before] + self.photos[before + removed:]
        return DraftText(self.text[:start] + self.text[end:], anchors, photos)

    def anchor_text(self, anchor: Anchor) -> str:
        """The visible words an anchor covers."""
        return self.text[anchor.start:anchor.end]

    def paragraphs(self) -> list[tuple[int, str]]:
        """(start offset, text) of each paragraph, photo placements included."""
        out, pos = [], 0
        for part in self.text.split(PARAGRAPH):
            out.append((pos, part))
            pos += len(part) + len(PARAGRAPH)
        return out
