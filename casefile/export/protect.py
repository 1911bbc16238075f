"""Source protection for exports: a scan of the written package with the identity matcher.

Every part of the package is searched — the text of each XML part (runs joined within a
paragraph, so a name split across runs is still found; paragraphs, cells and notes kept
apart, so words of two paragraphs never run together), its raw text with entities decoded
(attribute values: comment authors, alt text, link targets), raw bytes of media in UTF-8 and
UTF-16, and the names of the parts — for every protected identity
(casefile/identity.py). Any hit refuses the export; nothing is written at the target path.
A refusal names the words found, what they reveal and the part of the draft they are in.
"""

from __future__ import annotations

import html
import io
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from casefile.errors import CaseFileError
from casefile.identity import Hit, IdentityMatcher
from casefile.identity_text import is_ignorable
from casefile.models import Source

# Word elements that end a stretch of text: paragraphs, breaks, tabs, cells, notes.
_BREAKING = {"p", "br", "cr", "tab", "tc", "tr", "tbl", "footnote", "endnote", "comment",
             "txbxContent", "hdr", "ftr", "body", "sectPr", "instrText"}
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[^>]*?(/?)>")
_CONTEXT = 40
# Readable stretches in binary parts (EXIF, XMP and PNG text in an image): Latin, Greek,
# Cyrillic and fullwidth letters with the invisible characters that may hide inside a name.
_READABLE = re.compile(r"[\u0020-\u024F\u0370-\u04FF\u00AD\u200B-\u200D\u2060\uFF01-\uFF5E]{3,}")

# Where a part's text comes from, as the reporter knows it.
_PART_NAMES = [
    ("word/document.xml", "the draft text, a caption or a table"),
    ("word/footnotes.xml", "a footnote"),
    ("word/endnotes.xml", "an endnote"),
    ("word/comments", "a reviewer comment"),
    ("word/header", "a page header"),
    ("word/footer", "a page footer"),
    ("docProps/", "the document properties"),
    ("word/media/", "an embedded photo"),
    ("word/_rels/", "a link or attachment"),
    ("customXml/", "the document properties"),
]


@dataclass(frozen=True)
class Found:
    """One protected identity found in an export."""

    words: str  # as written in the export
    why: str  # what they reveal: "the confidential source's name part"
    where: str  # the part of the draft: "a footnote", "the caption of photo “x.jpg”"
    context: str = ""  # the surrounding text, to find it
    # The record and field the words came from (kind "draft", "photo"…), when known, and
    # where in that field (for the draft's body: the offset in its visible text).
    kind: str = ""
    record: uuid.UUID | None = None
    field: str = ""
    position: int = -1
    length: int = 0  # of the words as written in that field


class ExportRefusedError(CaseFileError):
    """The export would have revealed a protected source; nothing was written."""

    def __init__(self, target: Path, hits: list[Found]) -> None:
        self.hits = hits
        shown = []
        for f in hits[:10]:
            around = f": “…{visible(f.context)}…”" if f.context and f.context != f.words \
                else ""
            shown.append(f"  • “{visible(f.words)}” ({f.why}) in {f.where}{around}")
        if len(hits) > 10:
            shown.append(f"  • and {len(hits) - 10} more")
        lines = "\n".join(shown)
        super().__init__(f"{target}: not exported, it would reveal a protected source:\n"
                         f"{lines}\nUse the source's pseudonym there and export again.")


def visible(text: str) -> str:
    """`text` with its invisible characters shown ("Oyela⟨U+00AD⟩ran"), so the reporter can
    see why two words that look different were taken for a name."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if is_ignorable(c) else c for c in text)


def protection_for(sources: Iterable[Source]) -> IdentityMatcher:
    """The matcher for every source that may not be named (pass trashed sources too)."""
    return IdentityMatcher.for_sources(sources)


def part_label(name: str) -> str:
    """A package part's name as the reporter knows it."""
    for prefix, label in _PART_NAMES:
        if name.startswith(prefix):
            return label
    return f"the package part {name}"


def xml_text(data: bytes) -> str:
    """The text of an XML part: runs joined, paragraph-level elements on lines of their own,
    entities decoded."""
    out: list[bytes] = []
    pos = 0
    for m in _TAG.finditer(data):
        out.append(data[pos:m.start()])
        prefix, local = (m.group(2) or b"").decode(), m.group(3).decode()
        if prefix != "w:" or local in _BREAKING:
            out.append(b"\n")
        pos = m.end()
    out.append(data[pos:])
    return html.unescape(b"".join(out).decode("utf-8", "replace"))


def _found(hits: list[Hit], where: str, text: str) -> list[Found]:
    out = []
    for h in hits:
        lo, hi = max(0, h.start - _CONTEXT), min(len(text), h.end + _CONTEXT)
        context = " ".join(text[lo:hi].split())
        out.append(Found(" ".join(h.words.split()) or h.words, h.why, where, context))
    return out


def scan_package(package: Path | bytes, matcher: IdentityMatcher) -> list[Found]:
    """Every protected identity found anywhere in the .docx at `package` (a path, or its
    bytes), one per words and part."""
    hits: list[Found] = []
    if not matcher:
        return hits
    source = io.BytesIO(package) if isinstance(package, bytes) else package
    with zipfile.ZipFile(source) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            name = info.filename
            where = part_label(name)
            hits += _found(matcher.matches_file_name(name), f"{where} (its name)", name)
            if name.endswith((".xml", ".rels")):
                texts = [xml_text(data), html.unescape(data.decode("utf-8", "replace"))]
            else:
                texts = [_strings(data.decode(codec, "ignore"))
                         for codec in ("utf-8", "utf-16-le", "utf-16-be")]
            for text in texts:
                hits += _found(matcher.find(text), where, text)
    return _unique(hits)


def _strings(text: str) -> str:
    return "\n".join(_READABLE.findall(text))


def check_file_name(target: Path, matcher: IdentityMatcher) -> list[Found]:
    """Hits in the name of the file being written."""
    return _unique(_found(matcher.matches_file_name(target.name), "the file name",
                          target.name))


def _unique(hits: list[Found]) -> list[Found]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for h in hits:
        k = (h.words.casefold(), h.why, h.where)
        if k not in seen:
            seen.add(k)
            out.append(h)
    return out
