"""Documents: attached files (with what they say about themselves), safe copies for opening,
and citations to and from CSL-JSON."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import private_temp
from casefile.db.session import Store
from casefile.errors import CaseFileError, ValidationError
from casefile.media.csl import (
    CslError,
    csl_to_fields,
    document_to_csl,
    format_citation,
    load_csl,
    redact_csl_names,
)
from casefile.media.documents import read_facts, safe_file_name
from casefile.models import Document, DocumentKind, Source
from casefile.read_models import DocumentData
from casefile.redaction import RedactionPolicy, Redactor
from casefile.services.base import RecordService, Ref
from casefile.services.blobs import BlobStore, guess_media_type, put_blob
from casefile.services.rules import check_text
from casefile.typed_dates import typed_date

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
            if isinstance(fields.get(name), str):
                fields = {**fields, name: typed_date(fields[name], label)}
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

    def import_csl(self, path: Path | str) -> list[DocumentData]:
        """Create a Document for each item of a CSL-JSON file (e.g. a Zotero export), in one
        transaction; any bad item stops the import with every problem listed."""
        path = Path(path)
        items = load_csl(path)
        problems: list[str] = []
        parsed = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(f"[{i}]: must be an object")
                continue
            try:
                parsed.append(csl_to_fields(item, f"[{i}]", problems))
            except (TypeError, ValueError, AttributeError, KeyError) as exc:
                # A value of a shape CSL does not allow (a list where text belongs, …).
                problems.append(f"[{i}]: malformed item ({type(exc).__name__}: {exc})")
        if problems:
            raise CslError(str(path), problems)
        created = []
        with self._store.write() as s:
            for i, fields in enumerate(parsed):
                doc = Document()
                try:
                    self._apply(s, doc, fields, creating=True)
                except ValidationError as exc:
                    raise CslError(str(path), [f"[{i}]: {exc}"]) from None
                s.add(doc)
                created.append(doc)
            s.flush()
            return self._many(s, created)

    def export_csl(self, refs: list[Ref] | None = None,
                   policy: RedactionPolicy | None = None) -> list[dict[str, Any]]:
        """Documents (all, or those given) as CSL-JSON items; with a redaction policy, as it
        lets them leave (protected sources' names replaced, notes dropped)."""
        with self._store.read() as s:
            if refs is None:
                docs = list(s.scalars(select(Document).order_by(Document.id)))
            else:
                docs = [self._load(s, r) for r in refs]
            items = [document_to_csl(d) for d in docs]
            if policy is None or not policy.redacts:
                return items
            redactor = Redactor(policy, s.scalars(
                select(Source).execution_options(include_trashed=True)))
        if policy.drop_private_notes:
            for item in items:
                item.pop("note", None)
        if policy.hide_identities:  # a protected author is the pseudonym, not "Oksana [it]"
            items = [redact_csl_names(item, redactor) for item in items]
        return [redactor.deep(item) for item in items]

    def citation(self, ref: Ref) -> str:
        """A Chicago-style note citation of the document, for footnotes and people."""
        [item] = self.export_csl([ref])
        return format_citation(item)
