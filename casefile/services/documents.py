"""Documents: attached files (with what they say about themselves), safe copies for opening,
and citations to and from CSL-JSON."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import private_temp
from casefile.db.session import Store
from casefile.errors import CaseFileError, ValidationError
from casefile.media.csl import (
    anonymous_keys,
    conforming_item,
    csl_to_fields,
    document_date,
    document_to_csl,
    format_citation,
    load_csl,
    redact_csl_names,
    redact_rich_text,
)
from casefile.media.documents import read_facts, safe_file_name
from casefile.models import Document, DocumentKind, Source
from casefile.read_models import DocumentData
from casefile.redaction import RedactionPolicy, Redactor
from casefile.services.base import RecordService, Ref
from casefile.services.blobs import BlobStore, guess_media_type, put_blob
from casefile.services.rules import check_text

DATA_SUFFIXES = {".csv", ".tsv", ".xls", ".xlsx", ".ods", ".json"}
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024  # in memory 3 times on its way in (ours, the
# driver's, SQLite's record): 128 MB keeps adding one under 500 MB


@dataclass(frozen=True)
class StoredFile:
    """A document's file as kept in the case: the chain-of-custody facts an editor asks for."""

    file_name: str
    size: int
    media_type: str
    sha256: str
    stored_at: datetime


def read_document_file(path: Path) -> bytes:
    """A document's bytes, refused plainly — before anything is read — when it is not a
    regular file or is larger than a case stores in one document (MAX_DOCUMENT_BYTES): the
    file is held in memory once on its way into the case, so its size is what bounds it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError(f"{path}: not a regular file")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise ValidationError(
                f"{path}: {info.st_size / 2**20:,.0f} MB is larger than a case stores in one "
                f"document ({MAX_DOCUMENT_BYTES // 2**20} MB); split it or keep it beside "
                "the case and describe it in a document without a file")
        with path.open("rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_DOCUMENT_BYTES:  # it grew while it was being read
        raise ValidationError(f"{path}: larger than a case stores in one document "
                              f"({MAX_DOCUMENT_BYTES // 2**20} MB)")
    return data


@dataclass(frozen=True)
class SkippedItem:
    """An item of a reference file that was not imported: its place, what it is, and why."""

    index: int  # its place in the file, from 0
    label: str  # its title or id, as far as it has one
    reason: str

    def text(self) -> str:
        named = f" “{self.label}”" if self.label else ""
        return f"[{self.index}]{named}: {self.reason}"


@dataclass
class ReferenceImport:
    """What `import_csl` did with each item of a reference file. Updated and unchanged
    documents come with how they were recognised ("same DOI", "same id", …)."""

    path: Path
    format: str = "csl-json"
    created: list[DocumentData] = field(default_factory=list)
    updated: list[tuple[DocumentData, str]] = field(default_factory=list)
    unchanged: list[tuple[DocumentData, str]] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)
    untitled: list[tuple[int, str]] = field(default_factory=list)  # (index, placeholder)
    # Imported, but with a value kept as it came that the document cannot show (an odd date).
    warnings: list[SkippedItem] = field(default_factory=list)
    # Created as new documents though they look like one already there (new, existing, why):
    # a key matched, but the DOI, title, date, type or authors said it is another work.
    duplicates: list[tuple[DocumentData, DocumentData, str]] = field(default_factory=list)
    # What each update changed, by the document's UUID: the fields, and old → new for those
    # that say which work it is (title, DOI, date, type, authors). No update is undone.
    changes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def documents(self) -> list[DocumentData]:
        """The documents the file now stands for: created, updated and unchanged."""
        return [*self.created, *(d for d, _h in self.updated),
                *(d for d, _h in self.unchanged)]

    def summary(self) -> str:
        """One line: "created 36, updated 1, unchanged 0, skipped 1"."""
        return ", ".join(f"{kind} {len(getattr(self, kind))}"
                         for kind in ("created", "updated", "unchanged", "skipped"))

    def lines(self) -> list[str]:
        """The report as the command line prints it: one line per kind of outcome, then one
        per item updated, skipped or given a placeholder title."""
        def how(pairs: list[tuple[DocumentData, str]]) -> str:
            counts: dict[str, int] = {}
            for _d, h in pairs:
                counts[h] = counts.get(h, 0) + 1
            return f" (recognised by {', '.join(f'{h} {n}' for h, n in counts.items())})" \
                if counts else ""

        def changed(d: DocumentData) -> str:
            what = self.changes.get(str(d.uuid))
            return f": {'; '.join(what)}" if what else ""

        out = [f"created   {len(self.created)}",
               f"updated   {len(self.updated)}{how(self.updated)}",
               *(f"  “{d.title}” ({h}){changed(d)}" for d, h in self.updated),
               f"unchanged {len(self.unchanged)}{how(self.unchanged)}",
               f"skipped   {len(self.skipped)}",
               *(f"  {item.text()}" for item in self.skipped)]
        if self.duplicates:
            out.append(f"possible duplicates {len(self.duplicates)} (created as new documents; "
                       "delete one if they are the same)")
            out.extend(f"  “{new.title}” beside “{old.title}” ({why})"
                       for new, old, why in self.duplicates)
        if self.warnings:
            out.append(f"warnings  {len(self.warnings)} (imported; a value kept as it came)")
            out.extend(f"  {item.text()}" for item in self.warnings)
        if self.untitled:
            out.append(f"untitled  {len(self.untitled)} (imported under a placeholder title "
                       "you can change)")
            out.extend(f"  [{i}] as “{title}”" for i, title in self.untitled)
        return out


def _read_references(path: Path) -> tuple[str, list[Any]]:
    """The format and items of a reference file: BibTeX and RIS too once
    `casefile.media.reference_files` is there; CSL-JSON otherwise."""
    try:
        from casefile.media.reference_files import (  # type: ignore[import-not-found,unused-ignore]
            read_reference_file,
        )
    except ImportError:
        return "csl-json", load_csl(path)
    fmt, items = read_reference_file(path)
    return str(fmt), list(items)


def _item_label(item: dict[str, Any]) -> str:
    for key in ("title", "id", "DOI", "URL"):
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())[:80]
    return ""


def _doi(text: str) -> str:
    text = text.strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text)


def _url(text: str) -> str:
    text = text.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text.rstrip("/")
    host, slash, tail = rest.partition("/")
    return f"{scheme.lower()}://{host.lower().removeprefix('www.')}{slash}{tail}".rstrip("/")


def _strong_id(value: str) -> bool:
    """Whether an item id names one item anywhere (a Zotero key "ABCD2345", a Zotero URI, a
    Better BibTeX key "morozova2026bridge", a Casefile UUID) rather than its place in one
    export (CSL processors number items 1, 2, 3…): only those are trusted alone."""
    return len(value) >= 6 and not value.isdigit()


class _Index:
    """The case's documents by what recognises an imported item as one already there: its
    id (as imported, or the document's own UUID in Casefile's exports), DOI, URL, or title
    and date — tried in that order. Each document stands for one item of a file: the items
    of one file are told apart by their ids (a file may give two items one DOI or URL), so
    a document made or matched by this import is matched again only by the same id; among
    several with the same DOI, URL or title, one of the item's own CSL type is taken first."""

    def __init__(self, docs: Iterable[Document]) -> None:
        # key -> the documents with it (by id(), in the order made); once a document stands
        # for an item of this import it stays only under its ids.
        self._by: dict[tuple[str, str], dict[int, Document]] = {}
        for doc in docs:
            self.add(doc)

    @staticmethod
    def keys(doc: Document) -> list[tuple[str, str]]:
        extra = doc.csl_extra or {}
        keys = []
        given = extra.get("id")
        if isinstance(given, (str, int)) and not isinstance(given, bool) \
                and _strong_id(str(given)):
            keys.append(("same id", str(given)))
        if doc.uuid is not None:
            keys.append(("same id", str(doc.uuid)))
        if doc.identifier and (extra.get("casefile:identifier-key") == "DOI"
                               or re.match(r"^(https?://(dx\.)?doi\.org/|doi:)?10\.\d{4,9}/",
                                           doc.identifier.strip().lower())):
            keys.append(("same DOI", _doi(doc.identifier)))
        if doc.url.strip():
            keys.append(("same URL", _url(doc.url)))
        if doc.title.strip() and "casefile:untitled" not in extra:
            title = " ".join(doc.title.casefold().split())
            keys.append(("same title and date", f"{title}\n{doc.issued}"))
        # Last, an item with nothing else to know it by (untitled, no id, DOI or URL): the
        # same in every field.
        content = {k: getattr(doc, k) for k in _CONTENT}
        content["csl_extra"] = {k: v for k, v in extra.items() if k not in _BOOKKEEPING}
        keys.append(("same content", json.dumps(content, sort_keys=True, default=str)))
        return keys

    def add(self, doc: Document) -> None:
        """A document of the case before this import: found by any of its keys."""
        for key in self.keys(doc):
            self._by.setdefault(key, {})[id(doc)] = doc

    def take(self, doc: Document) -> None:
        """The document stands for an item of this import now (made, updated or unchanged):
        found again only by its ids."""
        for key in self.keys(doc):
            if key[0] == "same id":
                self._by.setdefault(key, {})[id(doc)] = doc
            else:
                self._by.get(key, {}).pop(id(doc), None)

    def find(self, doc: Document,
             cover: Callable[[Document], Document | None] = lambda _d: None) -> _Found:
        """The document an imported item is (by the first key that finds one the item does
        not contradict: `_conflicts`, neither as stored nor as its redacted export writes it,
        `cover`), and the first one found by a key but contradicted — reported as a possible
        duplicate when the item becomes a new document."""
        ctype = _csl_type(doc)
        mine = _identity(doc)
        found = _Found()
        for key in self.keys(doc):
            if key[0] == "same id" and doc.uuid is not None and key[1] == str(doc.uuid):
                continue  # the new record's own UUID
            known = self._by.get(key)
            if not known:
                continue
            candidates = [c for _n, c in zip(range(50), known.values(), strict=False)]
            candidates.sort(key=lambda c: _csl_type(c) != ctype)  # its own type first
            for candidate in candidates:
                conflicts = _conflicts(_identity(candidate), mine, key)
                covered = cover(candidate) if conflicts and key[0] == "same id" else None
                if not conflicts or (covered is not None
                                     and not _conflicts(_identity(covered), mine, key)):
                    found.match, found.how = candidate, key[0]
                    return found
                if found.duplicate is None:
                    found.duplicate = candidate
                    found.why = f"{key[0]}, but {_differ(conflicts)}"
        return found


@dataclass
class _Found:
    match: Document | None = None
    how: str = ""
    duplicate: Document | None = None  # recognised by a key, but another work
    why: str = ""


def _differ(conflicts: list[str]) -> str:
    """"title differs", "DOI and title differ", or the one sentence `_conflicts` gave."""
    if len(conflicts) == 1:
        word = conflicts[0]
        return f"{word} differs" if word in _COMPARED else word
    return f"{', '.join(conflicts[:-1])} and {conflicts[-1]} differ"


_COMPARED = ("DOI", "title", "date", "type", "authors")


# A Zotero item key ("ABCD2345", Zotero's alphabet), a Zotero item URI, or a UUID (Casefile's
# own export): ids that name one item wherever it is. A Better BibTeX key ("smith2020") or a
# processor's "ITEM-1" can name two works in two people's libraries.
_TRUSTED_ID = re.compile(r"(?:https?://zotero\.org/\S+/items/)?[23456789A-HJ-NP-Z]{8}"
                         r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class _Identity:
    """What says which work a document is, compared loosely (case, spacing, punctuation)."""

    doi: str
    title: str  # "" when untitled
    years: tuple[str, ...]
    family: str  # its CSL type, "" for a "document" (any type)
    names: frozenset[str]  # the authors' family names (or literal names)
    undated: bool
    publisher: str


def _loose(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", _TAG.sub("", text).casefold()))


def _type_family(ctype: str) -> str:
    if ctype.startswith("article") or ctype == "periodical":
        return "article"
    if ctype in ("webpage", "post", "post-weblog", "web_page", "blog"):
        return "web"
    if ctype in ("letter", "personal_communication"):
        return "letter"
    if ctype in ("legislation", "bill"):
        return "legislation"
    return "" if ctype in ("document", "other") else ctype


def _identity(doc: Document) -> _Identity:
    extra = doc.csl_extra or {}
    doi = ""
    if doc.identifier and (extra.get("casefile:identifier-key") == "DOI"
                           or re.match(r"^(https?://(dx\.)?doi\.org/|doi:)?10\.\d{4,9}/",
                                       doc.identifier.strip().lower())):
        doi = _doi(doc.identifier)
    names = set()
    for name in doc.authors or []:
        if isinstance(name, dict):
            part = name.get("family") or name.get("literal")
            if isinstance(part, str) and part.strip():
                names.add(_loose(part))
    publisher = doc.publisher or ""
    if not publisher.strip() and doc.publisher_source is not None:
        publisher = doc.publisher_source.name
    return _Identity(
        doi=doi,
        title="" if "casefile:untitled" in extra else _loose(doc.title),
        years=tuple(re.findall(r"(?<!\d)\d{4}(?!\d)", doc.issued or "")),
        family=_type_family(_csl_type(doc)),
        names=frozenset(names),
        undated=not (doc.issued or "").strip(),
        publisher=_loose(publisher))


def _conflicts(known: _Identity, item: _Identity, key: tuple[str, str]) -> list[str]:
    """Why an item found by `key` is not the document found — [] when it may be it. A key
    alone never decides: a DOI, title, year, type or authors that both have and that
    differ say it is another work (a URL shared by a site's pages, a BibTeX key two
    libraries both have). Only an id that names one item (`_TRUSTED_ID`) survives one
    such difference — a title corrected in Zotero — and the report then names the change."""
    how, value = key
    differ = []
    if known.doi and item.doi and known.doi != item.doi:
        differ.append("DOI")
    if known.title and item.title and known.title != item.title:
        differ.append("title")
    if known.years and item.years and known.years[0] != item.years[0]:
        differ.append("date")
    if known.family and item.family and known.family != item.family \
            and not (known.title and known.title == item.title):
        differ.append("type")  # (managers type one work differently: not with its title)
    if known.names and item.names and not known.names & item.names:
        differ.append("authors")
    if how == "same id":
        if _TRUSTED_ID.fullmatch(value):
            return differ if "DOI" in differ or len(differ) > 1 else []
        if not differ and not ((known.title and known.title == item.title)
                               or (known.doi and known.doi == item.doi)):
            return ["no title or DOI in common (an id such as a BibTeX key is not enough "
                    "alone)"]
        return differ
    if how == "same title and date" and not differ and item.undated and not (
            (known.names & item.names)
            or (known.publisher and known.publisher == item.publisher)):
        return ["no date, and no author or publisher in common"]
    return differ


_CONTENT = ("kind", "title", "authors", "publisher", "issued", "url", "accessed", "identifier",
            "language", "container_title")


def _csl_type(doc: Document) -> str:
    extra = doc.csl_extra or {}
    return str(extra.get("casefile:type") or doc.kind.value)


def _changes(doc: Document, new: Document, fields: dict[str, Any]
             ) -> tuple[dict[str, Any], bool]:
    """What an imported item changes on the document it was recognised as — the fields the
    item has (the reporter's notes, file and links stay as they are), its extras merged —
    and whether the reporter would see a change (not only `_BOOKKEEPING`)."""
    from casefile.media.csl import KIND_TO_CSL, _guess_id_key

    changed: dict[str, Any] = {}
    visible = False
    for name in fields:
        if name == "title" and "casefile:untitled" in fields["csl_extra"]:
            continue  # an untitled item never replaces a title the document has
        value = getattr(new, name)
        if name == "notes" and not value:
            continue
        if name == "csl_extra":
            old = dict(doc.csl_extra or {})
            if str(value.get("id")) == str(doc.uuid):  # Casefile's own export: its UUID
                value = {k: v for k, v in value.items() if k != "id"}
            value = {**old, **value}
            guessed = {"casefile:identifier-key": _guess_id_key(doc.identifier)} \
                if doc.identifier and "casefile:identifier-key" not in old else {}
            if value != old:
                changed[name] = value
                visible = visible or any(value.get(k) != old.get(k, guessed.get(k))
                                         for k in value if k not in _BOOKKEEPING)
            continue
        if name == "kind" and "casefile:type" not in fields["csl_extra"] \
                and KIND_TO_CSL[doc.kind] == KIND_TO_CSL[value]:
            continue  # statistics is exported as a dataset: the same item coming back
        if name == "publisher" and doc.publisher_source is not None and not doc.publisher \
                and _loose(value) in _source_names(doc.publisher_source):
            continue  # the linked source's name, as Casefile exports it: nothing new
        if getattr(doc, name) != value:
            changed[name] = value
            visible = True
    return changed, visible


def _source_names(source: Source) -> set[str]:
    """The names a linked publisher is exported under: its name, or, protected, its
    attribution phrase and pseudonym (what a redacted export writes)."""
    names = {source.attribution_phrase} if source.is_protected \
        else {source.name, source.attribution_phrase}
    return {_loose(n) for n in names if n.strip()}


_IDENTITY_FIELDS = {"title": "title", "identifier": "identifier", "issued": "date",
                    "kind": "type", "authors": "authors"}


def _described(doc: Document, changed: dict[str, Any]) -> list[str]:
    """What an update changes, for the report: old → new for the fields that say which work
    a document is, the names of the others."""
    out = []
    for name, value in changed.items():
        if name == "csl_extra":
            old = doc.csl_extra or {}
            if old.get("casefile:type") != value.get("casefile:type"):
                out.append(f"type {old.get('casefile:type') or doc.kind.value} → "
                           f"{value.get('casefile:type') or '—'}")
            others = [k for k in value if old.get(k) != value.get(k)
                      and k not in _BOOKKEEPING and not k.startswith("casefile:")]
            if others:
                out.append(", ".join(others[:4]) + (" …" if len(others) > 4 else ""))
            continue
        label = _IDENTITY_FIELDS.get(name)
        if label is None:
            out.append(name.replace("_", " "))
            continue
        before, after = getattr(doc, name), value
        if name == "authors":
            before, after = (", ".join(str(a.get("family") or a.get("literal") or "")
                                       for a in v if isinstance(a, dict)) for v in (before, after))
        if name == "kind":
            before, after = before.value, getattr(after, "value", after)
        out.append(f"{label} “{str(before)[:60]}” → “{str(after)[:60]}”" if before
                   else f"{label} added")
    return out


# What an update may change without the document changing for the reporter: the item's id
# in the file it came from, and the CSL form its dates came in.
_BOOKKEEPING = frozenset({"id", "casefile:dates"})


class DocumentService(RecordService[Document, DocumentData]):
    """Documents cited by the story."""

    model = Document
    default_order = "title"
    link_fields = {"publisher_source": Source}

    def __init__(self, store: Store, *, blobs: BlobStore) -> None:
        super().__init__(store)
        self._blobs = blobs  # where the documents' files are kept
        self._copies: list[Path] = []

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        """Dates as people type them ("Feb 2026") are stored as the partial ISO dates
        citations are made from ("2026-02"); one not understood is refused, saying why."""
        for name, label in (("issued", "Issued"), ("accessed", "Accessed")):
            if isinstance(fields.get(name), str):  # a range, "ca. 1999", "Spring 1999" too
                fields = {**fields, name: document_date(fields[name], label)}
        super()._apply(s, obj, fields, creating=creating)

    # -- files ---------------------------------------------------------------------------

    def add_file(self, path: Path | str, **fields: Any) -> DocumentData:
        """A new document from a file: its title, author, date and page count are taken from
        the file where it says (PDF, DOCX), and `fields` override them."""
        path = Path(path)
        data = read_document_file(path)
        facts = read_facts(data, path.name)
        defaults: dict[str, Any] = {
            "title": facts.title or path.stem,
            "kind": DocumentKind.DATASET if path.suffix.lower() in DATA_SUFFIXES
            else DocumentKind.REPORT,
        }
        if facts.author:
            defaults["authors"] = [{"literal": facts.author}]
        if facts.created:
            defaults["issued"] = facts.created
        if facts.note:
            defaults["notes"] = facts.note
        with self._store.write() as s:
            doc = Document()
            self._apply(s, doc, {**defaults, **fields}, creating=True)
            s.add(doc)
            self._attach(s, doc, data, path.name, facts.page_count)
            s.flush()
            return self._data(doc)

    def attach_file(self, document: Ref, data: bytes, file_name: str) -> DocumentData:
        """Store the document's file (PDF, spreadsheet…), replacing any earlier one; fills
        the title, authors, date and page count from the file where they are still empty."""
        facts = read_facts(data, file_name)
        with self._store.write() as s:
            doc = self._load(s, document)
            if not doc.title.strip() and facts.title:
                doc.title = facts.title
            if not doc.authors and facts.author:
                doc.authors = [{"literal": facts.author}]
            if not doc.issued and facts.created:
                doc.issued = facts.created
            self._attach(s, doc, data, file_name, facts.page_count)
            s.flush()
            return self._data(doc)

    def _attach(self, s: Session, doc: Document, data: bytes, file_name: str,
                pages: int | None) -> None:
        check_text("document: file name", file_name)
        doc.file_blob = put_blob(s, data, guess_media_type(file_name))
        doc.file_name = file_name
        doc.page_count = pages

    def stored_file(self, ref: Ref) -> StoredFile | None:
        """Name, size, type, SHA-256 and time stored of a document's file (None if none)."""
        with self._store.read() as s:
            doc = self._load(s, ref)
            blob = doc.file_blob
            if blob is None:
                return None
            return StoredFile(doc.file_name, blob.size, blob.media_type, blob.sha256,
                              blob.created_at)

    def open_copy(self, ref: Ref) -> Path:
        """A read-only copy of the document's file in a private temporary folder, for the
        system's default program to open. The original in the case is never handed out;
        copies are removed when the case closes, and those left by a crash at the next start
        (`private_temp.clean_stale`)."""
        info = self.stored_file(ref)
        if info is None:
            raise CaseFileError("this document has no file attached")
        folder = private_temp.make_private_dir()
        self._copies.append(folder)
        target = folder / safe_file_name(info.file_name)
        target.write_bytes(self._blobs.read(info.sha256))
        target.chmod(0o400)
        return target

    def remove_copies(self) -> None:
        """Delete every temporary copy made by `open_copy`."""
        for folder in self._copies:
            private_temp.remove_private_dir(folder)
        self._copies.clear()

    # -- citations -----------------------------------------------------------------------

    def import_csl(self, path: Path | str) -> ReferenceImport:
        """Documents from a reference file — CSL-JSON (e.g. a Zotero export), or BibTeX or
        RIS where `casefile.media.reference_files` reads them — in one transaction.

        Each item is created, or, when the case already has it (recognised by its id, DOI,
        URL, or title and date: `_Index`), updated with what changed or left unchanged; an
        item that cannot be imported is skipped with its problems, and the rest import. An
        item without a title is imported under a placeholder (`untitled_title`). A file that
        cannot be read at all raises CslError and changes nothing."""
        path = Path(path)
        fmt, items = _read_references(path)
        report = ReferenceImport(path=path, format=fmt)
        with self._store.write() as s:
            index = _Index(s.scalars(select(Document).order_by(Document.id)))
            touched: list[tuple[str, Document, str]] = []
            duplicates: list[tuple[Document, Document, str]] = []
            changes: dict[int, list[str]] = {}
            redactors: list[Redactor] = []
            for i, item in enumerate(items):
                outcome = self._import_item(s, i, item, index, report, duplicates, changes,
                                            redactors)
                if outcome is not None:
                    touched.append(outcome)
            s.flush()
            docs = {id(d): d for d in [*(d for _k, d, _h in touched),
                                        *(old for _n, old, _w in duplicates)]}
            data = dict(zip(docs, self._many(s, list(docs.values())), strict=True))
            for kind, doc, how in touched:
                if kind == "created":
                    report.created.append(data[id(doc)])
                else:
                    getattr(report, kind).append((data[id(doc)], how))
            report.duplicates = [(data[id(new)], data[id(old)], why)
                                 for new, old, why in duplicates]
            report.changes = {str(data[key].uuid): what for key, what in changes.items()}
        return report

    def _import_item(self, s: Session, i: int, item: Any, index: _Index,
                     report: ReferenceImport,
                     duplicates: list[tuple[Document, Document, str]],
                     changes: dict[int, list[str]], redactors: list[Redactor]
                     ) -> tuple[str, Document, str] | None:
        """One item of an import: ("created" | "updated" | "unchanged", document, how it was
        recognised), or None when it is skipped (added to the report, saying why). A new
        document that a key found but its fields contradict goes to `duplicates` (with the
        one found and why), what an update changes to `changes`."""
        where = f"[{i}]"
        if not isinstance(item, dict):
            report.skipped.append(SkippedItem(i, "", "not an item (a CSL item is an object)"))
            return None
        label = _item_label(item)
        if isinstance(item.get("_problem"), str):  # an entry the BibTeX/RIS reader could not read
            report.skipped.append(SkippedItem(i, label, item["_problem"]))
            return None
        item = {k: v for k, v in item.items() if not (isinstance(k, str) and k.startswith("_"))}
        problems: list[str] = []
        warnings: list[str] = []
        try:
            fields = csl_to_fields(item, where, problems, warnings)
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            # A value of a shape CSL does not allow (a list where text belongs, …).
            problems.append(f"{where}: malformed item ({type(exc).__name__})")
            fields = {}
        if problems:
            reasons = "; ".join(p.removeprefix(where).lstrip(".:").strip() for p in problems)
            report.skipped.append(SkippedItem(i, label, reasons))
            return None
        checked = Document()
        try:  # validated on a record of its own, so that a refusal changes nothing
            self._apply_imported(s, checked, fields)
        except ValidationError as exc:
            report.skipped.append(SkippedItem(i, label, str(exc)))
            return None
        if "casefile:untitled" in fields["csl_extra"]:
            report.untitled.append((i, checked.title))
        report.warnings.extend(SkippedItem(i, label, w.removeprefix(where).lstrip(".:").strip())
                               for w in warnings)
        found = index.find(checked, lambda d: self._exported_cover(s, d, redactors))
        if found.match is None:
            s.add(checked)
            index.take(checked)
            if found.duplicate is not None:
                duplicates.append((checked, found.duplicate, found.why))
            return "created", checked, ""
        doc, how = found.match, found.how
        changed, visible = _changes(doc, checked, fields)
        if visible:
            changed, visible = self._not_redactions(s, doc, changed, redactors)
        if not visible:  # unchanged: only the item's id is noted, to know it again by it
            old_extra = doc.csl_extra or {}
            new_id = changed.get("csl_extra", {}).get("id", old_extra.get("id"))
            changed = {} if new_id == old_extra.get("id") \
                else {"csl_extra": {**old_extra, "id": new_id}}
        else:
            changes[id(doc)] = _described(doc, changed)
        index.take(doc)  # by the keys it had
        for name, value in changed.items():
            setattr(doc, name, value)
        index.take(doc)  # and by its new id
        return ("updated" if visible else "unchanged"), doc, how

    def _exported_cover(self, s: Session, doc: Document, redactors: list[Redactor]
                        ) -> Document | None:
        """The document as a redacted export writes it (protected names as their cover),
        read back as an import reads it — not added to the case; None if that is the
        document itself (nothing in it is protected) or cannot be read back."""
        if not redactors:  # built once per import, when first needed
            redactors.append(Redactor(RedactionPolicy(), s.scalars(
                select(Source).execution_options(include_trashed=True))))
        redactor = redactors[0]
        plain = document_to_csl(doc)
        item = redact_rich_text(redact_csl_names(plain, redactor), redactor)
        if item == plain:
            return None
        problems: list[str] = []
        try:
            cover = Document()
            self._apply_imported(s, cover, csl_to_fields(
                anonymous_keys(item, str(doc.uuid)), "", problems, []))
        except (TypeError, ValueError, AttributeError, KeyError, ValidationError):
            return None
        return None if problems else cover

    def _not_redactions(self, s: Session, doc: Document, changed: dict[str, Any],
                        redactors: list[Redactor]) -> tuple[dict[str, Any], bool]:
        """`changed` less what is only the redacted export of this very document coming
        home: a value equal to what a redacted export writes for it (a protected author as
        the attribution phrase, a name in the title as the pseudonym) keeps the stored one,
        so re-importing a shared file never overwrites a real name with its cover."""
        shadow = self._exported_cover(s, doc, redactors)
        if shadow is None:
            return changed, True
        kept = dict(changed)
        for name, value in changed.items():
            if name == "csl_extra":
                old, cover = doc.csl_extra or {}, shadow.csl_extra or {}
                merged = {k: (old[k] if k in old and v == cover.get(k) and v != old[k] else v)
                          for k, v in value.items()}
                if merged == old:
                    del kept[name]
                else:
                    kept[name] = merged
            elif getattr(shadow, name, None) == value and getattr(doc, name) != value:
                del kept[name]
        extra = kept.get("csl_extra")
        visible = any(k != "csl_extra" for k in kept) or (
            extra is not None and any(extra.get(k) != (doc.csl_extra or {}).get(k)
                                      for k in extra if k not in _BOOKKEEPING))
        return kept, visible

    def _apply_imported(self, s: Session, doc: Document, fields: dict[str, Any]) -> None:
        """Set imported fields: dates as `document_date` keeps them (a CSL literal as written),
        the rest as any edit is checked."""
        dated = {k: document_date(v, k.capitalize(), literal_ok=True)
                 if k in ("issued", "accessed") and isinstance(v, str) else v
                 for k, v in fields.items()}
        super()._apply(s, doc, dated, creating=True)

    def export_csl(self, refs: list[Ref] | None = None,
                   policy: RedactionPolicy | None = None) -> list[dict[str, Any]]:
        """Documents (all, or those given) as CSL-JSON items; with a redaction policy, as it
        lets them leave (protected sources' names replaced, private notes dropped). Every item
        conforms to the official CSL data schema (`conforming_item`): CslError otherwise."""
        with self._store.read() as s:
            if refs is None:
                docs = list(s.scalars(select(Document).order_by(Document.id)))
            else:
                docs = [self._load(s, r) for r in refs]
            items = [document_to_csl(d) for d in docs]
            uuids = [str(d.uuid) for d in docs]
            where = [f"document {d.uuid}" for d in docs]
            redactor = None
            if policy is not None and policy.redacts:
                redactor = Redactor(policy, s.scalars(
                    select(Source).execution_options(include_trashed=True)))
        if policy is not None and redactor is not None:
            if policy.drop_private_notes:
                for item in items:
                    item.pop("annote", None)  # the reporter's notes; "note" is the item's own
            if policy.hide_identities:  # a protected author is the pseudonym, not "Oksana [it]"
                items = [redact_csl_names(item, redactor) for item in items]
                # The imported key ("BelovTalk2020", "ABelov20") glues names in where no
                # word match sees them: the document's UUID names nobody (and is recognised
                # on re-import as "same id").
                items = [anonymous_keys(item, key) for item, key in zip(items, uuids,
                                                                        strict=True)]
            items = [redact_rich_text(item, redactor) for item in items]
        return [conforming_item(item, w) for item, w in zip(items, where, strict=True)]

    def citation(self, ref: Ref) -> str:
        """A Chicago-style note citation of the document, for footnotes and people, in the
        CSL locale of the case's language; RichText (a str of the plain visible text, with
        its italic and other styled spans)."""
        from casefile.media.csl_render import case_locale

        [item] = self.export_csl([ref])
        with self._store.read() as s:
            locale = case_locale(s)
        return format_citation(item, locale=locale)
