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
_PRINTABLE = re.compile(r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]{3,}")
# Parts made from the template (styles, fonts, theme, numbering, settings): their attribute
# values are formatting, never the case's words.
_FORMATTING = ("word/styles", "word/fontTable", "word/theme/", "word/numbering",
               "word/settings", "word/webSettings", "word/stylesWithEffects", "[Content_Types]")
_USER_ATTRS = re.compile(r"\b(?:[\w.-]+:)?(?:author|initials|descr|title|name|Target|tooltip|"
                         r"instr)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
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


def found_in(hits: list[Hit], where: str, text: str, kind: str = "",
             record: uuid.UUID | None = None, field: str = "") -> list[Found]:
    """The hits of one text as Found, with the words around each (and, when the text is a
    record's field, which record and field)."""
    out = []
    for h in hits:
        lo, hi = max(0, h.start - _CONTEXT), min(len(text), h.end + _CONTEXT)
        out.append(Found(" ".join(h.words.split()) or h.words, h.why, where,
                         " ".join(text[lo:hi].split()), kind=kind, record=record,
                         field=field, position=h.start if record else -1,
                         length=h.end - h.start if record else 0))
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
            hits += found_in(matcher.matches_file_name(name), f"{where} (its name)", name)
            if name.endswith((".xml", ".rels")):
                texts = [xml_text(data)]
                if not name.startswith(_FORMATTING):
                    texts.append(attribute_text(data))
            else:
                texts = binary_texts(data)
            for text in texts:
                hits += found_in(matcher.find(text), where, text)
    return _unique(hits)


def _strings(text: str, readable: re.Pattern[str]) -> str:
    return "\n".join(readable.findall(text))


def attribute_text(data: bytes) -> str:
    """The values of the attributes that can carry words of the case (comment and
    revision authors, pictures' alt text and names, link targets and tooltips, field
    instructions), one per line — not tag, style or font names, which are the template's
    and would make a source named "Lin" or "Roman" refuse every export."""
    text = data.decode("utf-8", "replace")
    return "\n".join(html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
                     for m in _USER_ATTRS.finditer(text))


def binary_texts(data: bytes) -> list[str]:
    """What can be read in a binary part: for an image, every text it carries (EXIF and its
    sub-directories, XMP, IPTC, PNG text chunks — compressed ones decoded — and the raw
    bytes of its metadata segments in UTF-8 and UTF-16); for anything else, its readable
    stretches. An image's pixels are not read as text: random bytes would spell short
    names ("Li") and refuse a clean export."""
    meta = _image_metadata(data)
    raw = data if meta is None else meta[1]
    texts = [_strings(raw.decode("utf-8", "ignore"), _PRINTABLE),
             *(_strings(raw.decode(codec, "ignore"), _READABLE)
               for codec in ("utf-16-le", "utf-16-be"))]
    return texts if meta is None else [meta[0], *texts]


def _image_metadata(data: bytes) -> tuple[str, bytes] | None:
    """(the texts Pillow reads from an image, the raw bytes of its metadata segments), or
    None if `data` is not an image Pillow opens."""
    from PIL import Image, IptcImagePlugin

    try:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            values = [*exif.values(), *exif.get_ifd(0x8769).values(),
                      *exif.get_ifd(0x8825).values()]
            for key, value in [*im.info.items(), *getattr(im, "text", {}).items()]:
                values += [key, value]
            values += list((IptcImagePlugin.getiptcinfo(im) or {}).values())
    except Exception:  # not an image, or a damaged one: read as bytes
        return None
    text = "\n".join(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
                     for v in values)
    return html.unescape(text), _metadata_segments(data)


def _metadata_segments(data: bytes) -> bytes:
    """The bytes of an image that are not its compressed pixels: a JPEG up to its first
    scan, a PNG's chunks other than IDAT; other formats whole."""
    if data[:2] == b"\xff\xd8":
        end = data.find(b"\xff\xda")
        return data[:end] if end > 0 else data
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        from casefile.media.images import png_chunks

        return b"\n".join(body for _kind, body in png_chunks(data))
    return data


def check_file_name(target: Path, matcher: IdentityMatcher) -> list[Found]:
    """Hits in the name of the file being written."""
    return _unique(found_in(matcher.matches_file_name(target.name), "the file name",
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
