"""Every file a shared bundle carries, cleaned or withheld.

A file leaves a shared bundle only if Casefile can take its metadata off *and* read all of its
text to check it for protected sources: pictures are rebuilt from their pixels; Word, Excel and
PowerPoint files lose their properties, authors and revision ids and have every XML part
scanned; PDFs are rewritten from their pages without the info dictionary, XMP, annotations or
JPEG metadata and have every page's text scanned; plain text is scanned as it is. A document
that names a protected source is withheld, never rewritten behind the reporter's back; so is
a file of any other kind (audio, an unknown binary) and one that cannot be read.
"""

from __future__ import annotations

import email
import email.policy
import html
import io
import json
import math
import re
import struct
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote

from PIL import Image, UnidentifiedImageError

from casefile.export.protect import binary_texts
from casefile.media.images import CLEAN_MAX_PIXELS, heif_available, png_chunks
from casefile.redaction import clean_image
from casefile.zip_limits import check_zip

NAMES_PROTECTED = "names a protected source"
# An Office file is judged from its zip directory before any part is read
# (casefile/zip_limits.py); one over these limits is withheld, not scanned:
MAX_UNPACKED = 256 * 1024 * 1024  # bytes unpacked in all (each part is read whole to scan it)
MAX_PARTS = 10_000  # entries: a long PowerPoint has a few per slide
MAX_RATIO = 200  # XML compresses ~10 times, pictures barely; a bomb compresses ~1,000 times
RATIO_FROM = 1024 * 1024  # parts (and files) this large must not expand more than MAX_RATIO
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # member times would say when the file was edited


class Matcher(Protocol):
    """The two methods of `casefile.redaction.Redactor` this module relies on."""

    def text(self, value: str) -> str: ...

    def find(self, value: str) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Cleaned:
    """A file as it may leave (`data`), or withheld (`data` is None) for `reason`."""

    data: bytes | None
    media_type: str
    reason: str = ""


def _withheld(reason: str, media_type: str = "") -> Cleaned:
    return Cleaned(None, media_type, reason)


def names_found(matcher: Matcher, text: str) -> bool:
    """Whether `text` names a protected source, as written, HTML/XML-escaped or URL-encoded."""
    if not text:
        return False
    views = {text, html.unescape(text), unquote(text), unquote(text.replace("+", " "))}
    if "<" in text:  # markup: the words as a browser shows them ("<b>Oye</b>laran")
        views |= set(_markup_texts(text))
    return any(len(matcher.find(v)) > 0 for v in views)


# Elements that do not break a word where they start or end: "<b>Oye</b>laran" reads
# "Oyelaran". Every other tag (p, div, td, br, li…) is read as a line break.
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr",
})
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[|\]\]>|<(/?)([A-Za-z][\w:.-]*)?[^>]*>", re.S)


def _markup_texts(text: str) -> list[str]:
    """The text between an HTML/XML file's tags, entities decoded: inline elements joined
    without a separator, other elements as line breaks; and with every tag taken out."""
    inline, joined, pos = [], [], 0
    for m in _MARKUP.finditer(text):
        piece = text[pos:m.start()]
        tag = (m.group(2) or "").rsplit(":", 1)[-1].lower()
        is_inline = m.group(0).startswith(("<!--", "<![CDATA[", "]]>")) or tag in _INLINE
        inline += [piece, "" if is_inline else "\n"]
        joined.append(piece)
        pos = m.end()
    inline.append(text[pos:])
    joined.append(text[pos:])
    return [html.unescape("".join(inline)), html.unescape("".join(joined))]


def clean_file(data: bytes, media_type: str, matcher: Matcher) -> Cleaned:
    """`data` without metadata and checked for protected names, or withheld with a reason."""
    try:
        if _image_format(data) is not None:
            cleaned, media = clean_image(data)
            return Cleaned(cleaned, media)
        if data[:1024].find(b"%PDF-") >= 0:  # readers accept a PDF header anywhere in there
            return _clean_pdf(data, matcher)
        if data[:4] == b"PK\x03\x04":
            return _clean_zip(data, matcher)
        if data.lstrip()[:5] == b"{\\rtf":  # escapes such as \u1054? hide words
            return _withheld("is an RTF file, which cannot be checked reliably: save it as "
                             "Word or PDF", media_type)
        text = _as_text(data, media_type)
        if text is not None and _is_mail(text, media_type):
            return _check_mail(data, text, media_type, matcher)
        if text is not None:
            if names_found(matcher, text) or names_found(matcher, _json_strings(text)):
                return _withheld(NAMES_PROTECTED, media_type)
            return Cleaned(data, media_type)
    except Exception as exc:  # a damaged or hostile file of any kind: never shipped unread
        return _withheld(f"cannot be read to check it ({type(exc).__name__})", media_type)
    return _withheld("cannot be checked for protected names (not a picture, PDF, Office file "
                     "or plain text)", media_type)


# -- pictures ----------------------------------------------------------------------------

_IMAGE_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP", "GIF", "BMP", "HEIF", "MPO"}


class PictureTooLargeError(ValueError):
    """A picture inside a file has more pixels than can be rebuilt within the memory budget;
    `str()` is the reason the file is withheld."""


def _open_image(data: bytes) -> Image.Image:
    with warnings.catch_warnings():  # CLEAN_MAX_PIXELS is the check that counts
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def _image_format(data: bytes) -> str | None:
    heif_available()
    try:
        with _open_image(data) as im:
            fmt = im.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error):
        return None  # not a picture (each image plugin fails in its own way)
    return fmt if fmt in _IMAGE_FORMATS else None


def _same_format_image(data: bytes) -> bytes | None:
    """An embedded picture rebuilt from its pixels in its own format (its part name and
    content type stay right), or None if it is not a picture Pillow can write back.

    Within the budget `clean_image` keeps (CLEAN_MAX_PIXELS): a larger JPEG is decoded at
    1/2, 1/4 or 1/8 of its size by the decoder itself (the document shows it at the same
    size); any other picture that large raises PictureTooLargeError before it is decoded."""
    with _open_image(data) as im:
        fmt = im.format
        if fmt not in ("JPEG", "PNG", "GIF", "BMP", "TIFF"):
            return None
        width, height = im.size
        if fmt == "JPEG" and width * height > CLEAN_MAX_PIXELS:
            scale = math.ceil(math.sqrt(width * height / CLEAN_MAX_PIXELS))
            im.draft("RGB", (max(1, width // scale), max(1, height // scale)))
        if im.width * im.height > CLEAN_MAX_PIXELS:
            raise PictureTooLargeError(
                f"holds a picture of {width:,}×{height:,} pixels, larger than can be rebuilt "
                f"for sharing ({CLEAN_MAX_PIXELS // 1_000_000} megapixels)")
        im.load()
        alpha = fmt != "JPEG" and (im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info)
        mode = "RGBA" if alpha else "RGB"
        src = im if im.mode == mode else im.convert(mode)
        if src is not im:
            im.close()  # free the decoded pixels before the copy is made
        bare = Image.new(mode, src.size)  # a new image: none of the original's info comes along
        bare.paste(src)
        src.close()
    buf = io.BytesIO()
    bare.save(buf, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    return buf.getvalue()


# -- plain text --------------------------------------------------------------------------

_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/csv")


def _as_text(data: bytes, media_type: str) -> str | None:
    """The text of a plain-text file (UTF-8, or UTF-16 with a byte order mark), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not media_type.startswith(_TEXT_TYPES):
            return None
        text = data.decode("cp1252", "replace")
    if "\x00" in text:
        return None
    return text


def _json_strings(text: str) -> str:
    """Every key and string of a JSON file, decoded ("\\u004f…"), one a line; "" if `text`
    is not JSON."""
    if text.lstrip()[:1] not in ("{", "["):
        return ""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return ""
    out: list[str] = []
    stack: list[Any] = [data]
    while stack:  # no recursion: nesting depth is the file's to choose
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            out += [str(k) for k in node]
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return "\n".join(out)


# -- e-mail messages ---------------------------------------------------------------------

_HEADER_LINE = re.compile(r"([!-9;-~]+)[ \t]*:")
_MAIL_HEADERS = frozenset({"mime-version", "content-type", "content-transfer-encoding",
                           "received", "message-id", "return-path", "x-mailer",
                           "dkim-signature", "in-reply-to"})
MAIL_UNCHECKED = ("is an e-mail message with a part that cannot be decoded to check it: "
                  "save it as PDF")


def _is_mail(text: str, media_type: str) -> bool:
    """Whether a text file is an e-mail (or MIME) message, whose encoded parts (base64,
    quoted-printable, encoded headers) hide their words from a scan of the text as it is."""
    if media_type.lower().startswith(("message/", "multipart/")):
        return True
    names = []
    for line in text.lstrip("\ufeff").splitlines()[:200]:
        if not line.strip():
            break
        m = _HEADER_LINE.match(line)
        if m:
            names.append(m.group(1).lower())
        elif line[:1] not in (" ", "\t"):  # not a header block
            return False
    return bool(_MAIL_HEADERS & set(names)) or ("from" in names and len(names) >= 2)


def _check_mail(data: bytes, text: str, media_type: str, matcher: Matcher) -> Cleaned:
    """An e-mail message as it is, when every header and every part (decoded) is text that
    names nobody protected; withheld if it names one or a part cannot be decoded."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    views = [text]
    for part in msg.walk():
        if part.defects:
            return _withheld(MAIL_UNCHECKED, media_type)
        views += [f"{k}: {v}" for k, v in part.items()]
        views += [str(p) for p in part.get_params() or []]
        filename = part.get_filename()
        if filename:
            views.append(filename)
        if part.is_multipart():
            continue
        if part.get_content_maintype() != "text":
            return _withheld(MAIL_UNCHECKED, media_type)
        try:
            raw = part.get_payload(decode=True)
            assert isinstance(raw, bytes)
            content = raw.decode(part.get_content_charset() or "utf-8")
        except (LookupError, UnicodeDecodeError, AssertionError, ValueError):
            return _withheld(MAIL_UNCHECKED, media_type)
        views.append(content)
    if any(names_found(matcher, v) for v in views):
        return _withheld(NAMES_PROTECTED, media_type)
    return Cleaned(data, media_type)


# -- Word, Excel, PowerPoint -------------------------------------------------------------

_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
         b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
         b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
_APP = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')
_CUSTOM = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
           b'"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')
_REPLACED = {"docprops/core.xml": _CORE, "docprops/app.xml": _APP, "docprops/custom.xml": _CUSTOM}
# Who and when: tracked changes, comments, people.xml; revision ids tie edits to sessions.
_QUOTED = rb"""\s*=\s*(?:"[^"]*"|'[^']*')"""  # an attribute's value, either quote
_WHO = re.compile(rb"(\s[\w.-]+:(?:author|initials|userId|providerId))" + _QUOTED)
_WHEN = re.compile(rb"\s[\w.-]+:(?:date|dateUtc)" + _QUOTED)  # optional wherever it appears
_RSID_ATTR = re.compile(rb"\s[\w.-]+:rsid\w*" + _QUOTED)
_RSID_ELEMENTS = re.compile(rb"<w:rsids>.*?</w:rsids>|<w:rsid\b[^>]*/>", re.S)
_AUTHOR_TEXT = re.compile(rb"<author>[^<]*</author>")  # Excel comment authors
_CM_AUTHOR = re.compile(rb"<p:cmAuthor\b[^>]*>")
_CM_WHO = re.compile(rb"(\s(?:name|initials))" + _QUOTED)
_XML_TEXT = re.compile(r">([^<]*)<")
_XML_ATTR = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_XML_HIDDEN = re.compile(r"<!--(.*?)-->|<!\[CDATA\[(.*?)\]\]>", re.S)
# Runs of text inside binary data, as `strings` finds them: ASCII, UTF-8 sequences and
# Latin-1 letters; UTF-16 either way with letters up to Cyrillic. Random bytes (pixels,
# compressed data) rarely form one, so scanning the runs costs little.
_TEXT_RUN = re.compile(rb"(?:[\t\x20-\x7e]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                       rb"|(?<=[A-Za-z])[\xc0-\xff](?=[a-z])){4,}")
_LOW = rb"[\t\x20-\x7e\xa0-\xff]"
_UTF16LE_RUN = re.compile(rb"(?:" + _LOW + rb"\x00|[\x00-\xff][\x01-\x04]){4,}")
_UTF16BE_RUN = re.compile(rb"(?:\x00" + _LOW + rb"|[\x01-\x04][\x00-\xff]){4,}")
_VECTOR = (".emf", ".wmf")


def _scrub_xml(data: bytes) -> bytes:
    data = _WHO.sub(rb'\1=""', data)
    data = _WHEN.sub(b"", data)
    data = _RSID_ATTR.sub(b"", data)
    data = _RSID_ELEMENTS.sub(b"", data)
    data = _AUTHOR_TEXT.sub(b"<author></author>", data)
    return _CM_AUTHOR.sub(lambda m: _CM_WHO.sub(rb'\1=""', m.group(0)), data)


def _xml_names(matcher: Matcher, data: bytes) -> bool:
    """Whether an XML part names a protected source: its text joined (a name split across
    runs is still found) and spaced, its attribute values, comments and CDATA."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = data.decode("utf-16" if utf16 else "utf-8", "replace")
    pieces = _XML_TEXT.findall(text)
    attrs = " ".join("".join(m) for m in _XML_ATTR.findall(text))
    views = ["".join(pieces), " ".join(pieces), attrs,
             " ".join("".join(m) for m in _XML_HIDDEN.findall(text))]
    return any(names_found(matcher, html.unescape(v)) for v in views if v.strip())


def binary_names(matcher: Matcher, data: bytes) -> bool:
    """Whether a binary file's strings — runs of text in UTF-8/Latin-1 or UTF-16 either
    way, as `strings` finds them — name a protected source (EXIF Artist, a vector picture's
    text)."""
    runs = b"\n".join(_TEXT_RUN.findall(data))
    views = [runs.decode("utf-8", "replace"), runs.decode("latin-1")]
    for shifted in (data, data[1:]):  # a run may start at an odd offset
        views += ["\n".join(m.decode("utf-16-le", "replace")
                            for m in _UTF16LE_RUN.findall(shifted)),
                  "\n".join(m.decode("utf-16-be", "replace")
                            for m in _UTF16BE_RUN.findall(shifted))]
    return any(names_found(matcher, v) for v in views if v)


def photo_names(matcher: Matcher, data: bytes) -> bool:
    """Whether a photo kept as it is (the reporter asked for its metadata) names a protected
    source anywhere in that metadata: every text Pillow reads (EXIF and its sub-directories,
    XMP, IPTC, PNG text chunks, compressed ones decoded — `binary_texts`, as the Word export
    reads a picture), and the raw bytes of a JPEG's segments before its pixels or a PNG's
    chunks other than pixels, in every encoding."""
    if any(names_found(matcher, t) for t in binary_texts(data) if t):
        return True
    if data[:2] == b"\xff\xd8":
        return binary_names(matcher, data[:_jpeg_segments(data)[1]])
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return binary_names(matcher, b"\n".join(kind + body for kind, body in png_chunks(data)))
    heif_available()
    try:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            values = [*im.info.values(), *exif.values()]
            for ifd in (0x8769, 0x8825, 0xA005):
                values += list(exif.get_ifd(ifd).values())
    except Exception:
        return binary_names(matcher, data)  # not readable as a picture: every byte
    blob = b"\n".join(v if isinstance(v, bytes) else str(v).encode("utf-8", "replace")
                      for v in values)
    return binary_names(matcher, blob)


def _clean_zip(data: bytes, matcher: Matcher) -> Cleaned:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        if "[Content_Types].xml" not in names:
            return _withheld("is an archive (zip, OpenDocument…) whose contents cannot be checked",
                            "application/zip")
        problems = check_zip(zf.infolist(), max_entries=MAX_PARTS, max_total=MAX_UNPACKED,
                             max_ratio=MAX_RATIO, ratio_from=RATIO_FROM)
        if problems:  # part names are never shown: one may name a protected source
            p = problems[0]
            return _withheld(f"cannot be checked (a part {p.reason})" if p.member is not None
                             else f"cannot be checked ({p.reason})")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                if names_found(matcher, info.filename):
                    return _withheld(NAMES_PROTECTED)
                try:
                    part = _clean_part(info.filename, zf.read(info), matcher)
                except PictureTooLargeError as exc:
                    return _withheld(str(exc))
                if part is None:
                    return _withheld(f"holds a part that cannot be checked "
                                     f"({_safe_part_name(info.filename)})")
                if not isinstance(part, bytes):
                    return _withheld(NAMES_PROTECTED)
                dest.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), part,
                              compress_type=zipfile.ZIP_DEFLATED)
    return Cleaned(out.getvalue(), "")


def _safe_part_name(name: str) -> str:
    return name.rsplit("/", 1)[-1][:40] if name.startswith(("word/", "xl/", "ppt/")) else "a part"


def _clean_part(name: str, raw: bytes, matcher: Matcher) -> bytes | bool | None:
    """The cleaned part; False if it names a protected source; None if it cannot be checked."""
    low = name.lower()
    if low in _REPLACED:
        return _REPLACED[low]
    if low.endswith((".xml", ".rels", ".vml", ".svg")):
        cleaned = _scrub_xml(raw)
        return False if _xml_names(matcher, cleaned) else cleaned
    if low.endswith(_VECTOR) or "/printersettings/" in low:
        # Vector pictures and printer set-ups (Excel keeps one per sheet) carry their text as
        # UTF-16 or ANSI runs.
        return False if binary_names(matcher, raw) else raw
    if _image_format(raw) is not None:
        return _same_format_image(raw)
    return None  # embedded objects, macros, fonts: not checked, so the file is withheld


# -- PDF ---------------------------------------------------------------------------------

def _clean_pdf(data: bytes, matcher: Matcher) -> Cleaned:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    pdf = "application/pdf"
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return _withheld("is an encrypted PDF: its text cannot be read to check it", pdf)
    texts = [page.extract_text() or "" for page in reader.pages]
    if not "".join(texts).strip():
        return _withheld("is a PDF with no text that can be read (a scan?), so it cannot be "
                         "checked", pdf)
    if any(names_found(matcher, t) for t in [*texts, "\n".join(texts)]):
        return _withheld(NAMES_PROTECTED, pdf)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo", "/Annots", "/LastModified", "/Thumb"):
            if key in page:
                del page[NameObject(key)]
    writer.metadata = None
    checked = _pdf_objects_clean(writer, matcher)
    if checked is not None:
        return _withheld(checked, pdf)
    out = io.BytesIO()
    writer.write(out)
    return Cleaned(out.getvalue(), pdf)


def _pdf_objects_clean(writer: Any, matcher: Matcher) -> str | None:
    """Strips JPEG metadata from every image and scans every string and stream left in the
    new PDF; a reason to withhold it, or None."""
    from pypdf.generic import DictionaryObject, StreamObject, TextStringObject

    def strings(node: Any, seen: set[int], depth: int = 0) -> list[str]:
        if depth > 50 or id(node) in seen:
            return []
        seen.add(id(node))
        if isinstance(node, TextStringObject):
            return [str(node)]
        if isinstance(node, DictionaryObject):
            return [s for v in node.values() for s in strings(v, seen, depth + 1)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v, seen, depth + 1)]
        return []

    for obj in list(writer._objects):  # every object pypdf will write (no public API)
        if obj is None:
            continue
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
            filters = obj.get("/Filter")
            if filters == "/DCTDecode":
                obj.set_data(strip_jpeg_metadata(obj.get_data()))
            continue  # other image streams are pixels only
        if any(names_found(matcher, s) for s in strings(obj, set())):
            return NAMES_PROTECTED
        if isinstance(obj, StreamObject) and not _font_program(obj):
            try:
                raw = obj.get_data()
            except Exception:
                return "holds a stream that cannot be decoded to check it"
            if binary_names(matcher, raw):
                return NAMES_PROTECTED
    return None


def _jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """A JPEG's (marker, segment) pairs before its image data, and where that data starts."""
    segments, i = [], 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker in (0xDA, 0xD9):  # start of scan: the rest is image data
            break
        length = int.from_bytes(data[i + 2:i + 4], "big")
        segments.append((marker, data[i:i + 2 + length]))
        i += 2 + length
    return segments, i


def _font_program(stream: Any) -> bool:
    """An embedded font file (glyph outlines, not text a reader sees)."""
    return any(k in stream for k in ("/Length1", "/Length2", "/Length3")) or \
        stream.get("/Subtype") in ("/Type1C", "/CIDFontType0C", "/OpenType")


def strip_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG stream without its APPn (EXIF, XMP, IPTC…) and COM segments; APP0 (JFIF) and
    APP14 (Adobe colour transform) stay, the compressed pixels are untouched."""
    if data[:2] != b"\xff\xd8":
        return data
    segments, end = _jpeg_segments(data)
    kept = [seg for marker, seg in segments
            if not ((0xE1 <= marker <= 0xEF and marker != 0xEE) or marker == 0xFE)]
    return b"\xff\xd8" + b"".join(kept) + data[end:]


def describe(kind: str, name: str, owner: str, reason: str) -> str:
    """One line of the withheld list: what, where, why — never the file's contents."""
    return f"{kind} {name!r}{owner}: {reason}"

