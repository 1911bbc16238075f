"""What a document file says about itself: PDF metadata (pypdf), DOCX core properties."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class DocumentFacts:
    """Metadata read from a file; empty fields mean the file did not say."""

    title: str = ""
    author: str = ""
    created: str = ""  # YYYY-MM-DD
    page_count: int | None = None
    note: str = ""  # why nothing could be read, if so


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\x00", "").split()).encode("utf-8", "replace").decode()


def _day(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else ""


def pdf_facts(data: bytes) -> DocumentFacts:
    """Title, author, creation date and page count of a PDF, if it says."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return DocumentFacts(note="the PDF is encrypted; its details cannot be read")
        meta = reader.metadata
        pages = len(reader.pages)
        if meta is None:
            return DocumentFacts(page_count=pages)
        try:
            created = _day(meta.creation_date)
        except Exception:  # noqa: BLE001 - a malformed date string is simply absent
            created = ""
        return DocumentFacts(title=_text(meta.title), author=_text(meta.author),
                             created=created, page_count=pages)
    except Exception as exc:  # noqa: BLE001 - any damaged PDF: keep the file, skip details
        return DocumentFacts(note=f"the PDF's details could not be read ({exc})")


MAX_PROPS_PART = 1024 * 1024  # docProps/core.xml and app.xml hold a few hundred bytes
_NS = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
       "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}


def _props_part(zf: zipfile.ZipFile, name: str) -> Any:
    """One small properties part, parsed safely (no entities, no network, no huge trees),
    or None when it is missing or larger than such a part ever is."""
    from lxml import etree

    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PROPS_PART:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    return etree.fromstring(zf.read(info), parser)


def docx_facts(data: bytes) -> DocumentFacts:
    """Title, author and creation date from a DOCX's core properties; pages from app.xml.
    Only those two small parts are read: the document's body is never parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            core = _props_part(zf, "docProps/core.xml")
            app = _props_part(zf, "docProps/app.xml")
        title = author = created = ""
        if core is not None:
            title = _text(core.findtext("dc:title", namespaces=_NS))
            author = _text(core.findtext("dc:creator", namespaces=_NS))
            created = _iso_day(core.findtext("dcterms:created", namespaces=_NS) or "")
        pages = None
        if app is not None:
            found = re.fullmatch(r"\s*(\d{1,9})\s*", app.findtext("ep:Pages", namespaces=_NS)
                                 or "")
            pages = int(found.group(1)) if found else None
        return DocumentFacts(title=title, author=author, created=created, page_count=pages)
    except Exception as exc:  # noqa: BLE001
        return DocumentFacts(note=f"the document's details could not be read ({exc})")


def _iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return ""


def read_facts(data: bytes, file_name: str) -> DocumentFacts:
    """Facts for the kinds of file that carry them; nothing for the rest."""
    lower = file_name.lower()
    if data.startswith(b"%PDF") or lower.endswith(".pdf"):
        return pdf_facts(data)
    if lower.endswith(".docx"):
        return docx_facts(data)
    return DocumentFacts()


def safe_file_name(name: str, fallback: str = "document") -> str:
    """A file name that is only a name: no folders, control characters or leading dots."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    base = base.strip().lstrip(".")[:120]
    return base or fallback
