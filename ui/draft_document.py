"""The draft body between its stored form (`DraftText`) and the QTextDocument the editor
shows: claim anchors as anchor character formats, photos as images carrying their UUID, so
that save and load are exact inverses (docs/draft-format.md)."""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)

from casefile.claims.draft_text import OBJECT, PARAGRAPH, Anchor, DraftText
from casefile.errors import CaseFileError, ValidationError
from ui.kinds import tr
from ui.palette import qcolor

PhotoProperty = QTextFormat.Property.UserProperty + 1
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PHOTO_WIDTH = 240  # a placed photo's width in the editor, in pixels


def parse_day(text: str, label: str) -> date | None:
    """'2026-12-01' as a date (None when empty); anything else is refused with the form the
    field wants, never a traceback."""
    text = text.strip()
    if not text:
        return None
    if _ISO_DAY.fullmatch(text):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    raise ValidationError(tr("{f}: “{t}” is not a date; write it as 2026-12-01")
                          .replace("{f}", label).replace("{t}", text))


def to_document(text: DraftText, tooltips: dict[uuid.UUID, str],
                preview: Callable[[uuid.UUID], bytes] | None = None) -> QTextDocument:
    """A QTextDocument showing the draft body: anchors as formatted ranges, photos as their
    previews (image resources named `photo:UUID`)."""
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    block_format = QTextBlockFormat()
    block_format.setBottomMargin(8)
    cursor.setBlockFormat(block_format)
    photos = iter(text.photos)
    bounds = sorted({0, len(text.text), *[a.start for a in text.anchors],
                     *[a.end for a in text.anchors]})
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text.text[start:end]
        covering = [a for a in text.anchors if a.start <= start and end <= a.end]
        fmt = QTextCharFormat()
        if covering:
            claim = covering[-1].claim
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"claim:{claim}")
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(qcolor("anchor"))
            fmt.setToolTip(tooltips.get(claim, ""))
        for i, part in enumerate(piece.split(PARAGRAPH)):
            if i:
                cursor.insertBlock(block_format)
            for ch_chunk in _split_objects(part):
                if ch_chunk == OBJECT:
                    photo = next(photos, None)
                    if photo is None:
                        continue
                    name = f"photo:{photo}"
                    image = QImage()
                    if preview is not None:
                        with contextlib.suppress(CaseFileError):
                            image.loadFromData(preview(photo))
                    if image.isNull():
                        image = QImage(240, 160, QImage.Format.Format_RGB32)
                        image.fill(qcolor("placeholder"))
                    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                    image_format = QTextImageFormat()
                    image_format.setName(name)
                    image_format.setWidth(min(PHOTO_WIDTH, image.width()))
                    image_format.setProperty(PhotoProperty, str(photo))
                    cursor.insertImage(image_format)
                elif ch_chunk:
                    cursor.insertText(ch_chunk, fmt)
    doc.clearUndoRedoStacks()  # loading the draft is not an edit Ctrl+Z should take back
    return doc


def _split_objects(text: str) -> list[str]:
    out, buf = [], ""
    for ch in text:
        if ch == OBJECT:
            out += [buf, OBJECT]
            buf = ""
        else:
            buf += ch
    return [*out, buf]


def from_document(doc: QTextDocument) -> DraftText:
    """The draft body a QTextDocument shows (blocks are paragraphs)."""
    parts: list[str] = []
    anchors: list[Anchor] = []
    photos: list[uuid.UUID] = []
    length = 0
    block = doc.begin()
    first = True
    while block.isValid():
        if not first:
            parts.append(PARAGRAPH)
            length += len(PARAGRAPH)
        first = False
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                piece = fragment.text()
                fmt = fragment.charFormat()
                href = fmt.anchorHref() if fmt.isAnchor() else ""
                if OBJECT in piece and fmt.isImageFormat() and \
                        fmt.toImageFormat().name().startswith("photo:"):
                    try:
                        photos.extend(uuid.UUID(fmt.toImageFormat().name()[6:])
                                      for _ in range(piece.count(OBJECT)))
                    except ValueError:
                        piece = piece.replace(OBJECT, "")
                else:
                    piece = piece.replace(OBJECT, "")
                if href.startswith("claim:"):
                    try:
                        claim = uuid.UUID(href[6:])
                    except ValueError:
                        claim = None
                    if claim is not None:
                        if anchors and anchors[-1].claim == claim and anchors[-1].end == length:
                            anchors[-1] = Anchor(anchors[-1].start, length + len(piece), claim)
                        else:
                            anchors.append(Anchor(length, length + len(piece), claim))
                parts.append(piece)
                length += len(piece)
            it += 1
        block = block.next()
    return DraftText("".join(parts), tuple(anchors), tuple(photos))


def word_count(doc: QTextDocument) -> int:
    """The words a reader sees, as a word processor counts them (runs of text between
    spaces that hold a letter or digit): placed photos and a lone dash are not words, and
    claim anchors are formats, never text."""
    text = doc.toPlainText().replace(OBJECT, " ")
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def insert_photo(cursor: QTextCursor, photo: uuid.UUID, image: QImage) -> None:
    """Place a photo at the cursor in a paragraph of its own (the format says a photo stands
    alone), its preview registered as the document's `photo:UUID` image resource."""
    doc = cursor.document()
    if image.isNull():
        image = QImage(PHOTO_WIDTH, 160, QImage.Format.Format_RGB32)
        image.fill(qcolor("placeholder"))
    name = f"photo:{photo}"
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    fmt = QTextImageFormat()
    fmt.setName(name)
    fmt.setWidth(min(PHOTO_WIDTH, image.width()))
    fmt.setProperty(PhotoProperty, str(photo))
    cursor.beginEditBlock()
    if cursor.hasSelection():
        cursor.removeSelectedText()
    if cursor.positionInBlock() > 0:
        cursor.insertBlock()
    cursor.insertImage(fmt)
    if not cursor.atBlockEnd():
        cursor.insertBlock()
    elif cursor.block().next().isValid():
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    else:
        cursor.insertBlock()
    cursor.setCharFormat(QTextCharFormat())
    cursor.endEditBlock()


def cursor_at(doc: QTextDocument, text: str, position: int, length: int = 0) -> QTextCursor:
    """A cursor at a place in the draft's visible text (Python indices, paragraphs joined
    by PARAGRAPH), selecting `length` characters from there."""
    before = text[:position]
    paragraph = before.count(PARAGRAPH)
    offset = len(before) - (before.rfind(PARAGRAPH) + len(PARAGRAPH) if paragraph else 0)
    block = doc.findBlockByNumber(paragraph)
    paragraphs = text.split(PARAGRAPH)
    para_text = paragraphs[paragraph] if paragraph < len(paragraphs) else ""
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + qt_utf16(para_text, offset))
    if length:
        cursor.setPosition(block.position() + qt_utf16(para_text, offset + length),
                           QTextCursor.MoveMode.KeepAnchor)
    return cursor


def qt_utf16(text: str, index: int) -> int:
    """A Python index in `text` as a Qt (UTF-16) position."""
    return len(text[:index].encode("utf-16-le")) // 2
