"""A document: its citation fields (edited in place), the stored file (type, size, SHA-256,
Open) and its excerpts (added, edited, dragged onto claims)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import DocumentData, DocumentKind, ExcerptData
from casefile.services.documents import DocumentService, StoredFile
from ui.autosave import OnEdit, save_fields
from ui.case_changes import reread, same_version
from ui.default_viewer import open_with_viewer
from ui.excerpt_form import ExcerptForm
from ui.forms import add_facts, size_text
from ui.kinds import tr
from ui.palette import text_style
from ui.prompts import Prompts
from ui.record_drag import PairRole, RecordListWidget
from ui.record_form import Field, RecordForm

DETAIL_FIELDS = [
    Field("title", tr("Title")),
    Field("kind", tr("Kind"), "choice", DocumentKind),
    Field("publisher", tr("Publisher")),
    Field("container_title", tr("Published in"),
          placeholder=tr("newspaper, journal or site, if any")),
    Field("issued", tr("Issued"), "typed_date",
          placeholder=tr("e.g. Feb 2026, 12 Feb 2026, 2026")),
    Field("url", tr("URL")),
    Field("accessed", tr("Accessed"), "typed_date", placeholder=tr("e.g. 14 Mar 2026")),
    Field("identifier", tr("Identifier"), placeholder=tr("DOI, case number, table code…")),
    Field("notes", tr("Notes"), "notes"),
]


def no_viewer_message(name: str, stored: StoredFile | None) -> str:
    """What to say when the system has no program for a document's file, naming its type."""
    suffix = name.rpartition(".")[2].upper() if "." in name else ""
    media = stored.media_type if stored is not None else ""
    kind = f"{suffix} ({media})" if suffix and media else suffix or media
    if not kind:
        return tr("No program on this computer opens files of this type, so “{f}” cannot be "
                  "shown. Install a viewer for such files and try again; the file stays safe "
                  "in the case.").replace("{f}", name)
    return (tr("No program on this computer opens {k} files, so “{f}” cannot be shown. "
               "Install a viewer for {k} files and try again; the file stays safe in the "
               "case.").replace("{k}", kind).replace("{f}", name))


class DocumentPanel(QWidget):
    """Shows and edits one document through the case's document and excerpt services."""

    saved = Signal(object)

    def __init__(self, case: CaseFile, prompts: Prompts | None = None,
                 parent: QWidget | None = None,
                 open_url: Callable[[QUrl], object] | None = None,
                 on_edit: OnEdit | None = None,
                 on_created: Callable[[str, uuid.UUID, str], None] | None = None) -> None:
        super().__init__(parent)
        self.documents: DocumentService = case.documents
        self.excerpt_service = case.excerpts
        self.prompts = prompts
        self.on_created = on_created  # (kind, uuid, label): a new excerpt, for undo
        # the desktop asked first: on Linux openUrl says True whenever xdg-open starts
        self.open_url: Callable[[QUrl], object] = open_url or open_with_viewer
        self.record: DocumentData | None = None
        self.excerpt_form: ExcerptForm | None = None  # open while an excerpt is entered
        self.citation = QLabel()
        self.citation.setObjectName("citation")
        self.citation.setWordWrap(True)
        self.citation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        self.details = RecordForm(self.documents, DETAIL_FIELDS, self.problem,
                                  tr("edit document"), on_edit)
        self.details.saved.connect(self._details_saved)
        facts = QFormLayout()
        self.fields = add_facts(facts, [("pages", tr("Pages")), ("file", tr("File")),
                                        ("sha256", tr("SHA-256"))])
        self.open_button = QPushButton(tr("&Open the file"))
        self.open_button.clicked.connect(self.open_file)
        self.excerpts = RecordListWidget()
        self.excerpts.setAccessibleName(tr("Excerpts"))
        self.excerpts.setWordWrap(True)
        self.excerpts.setObjectName("excerpts")
        self.excerpts.itemActivated.connect(lambda _i: self.edit_excerpt())
        self.add_excerpt_button = QPushButton(tr("&Add excerpt…"))
        self.add_excerpt_button.clicked.connect(lambda: self.add_excerpt())
        self.edit_excerpt_button = QPushButton(tr("Edi&t excerpt…"))
        self.edit_excerpt_button.clicked.connect(lambda: self.edit_excerpt())
        buttons = QHBoxLayout()
        for button in (self.open_button, self.add_excerpt_button, self.edit_excerpt_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.citation)
        layout.addWidget(self.details)
        layout.addLayout(facts)
        layout.addWidget(QLabel(tr("Excerpts")))
        layout.addWidget(self.excerpts, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    def show_record(self, document: DocumentData) -> None:
        """Fill the panel from a document."""
        self.details.save_text_boxes()
        self.record = document
        self.problem.clear()
        self.details.show_record(document)
        self._show_citation(document)
        stored = self.documents.stored_file(document.uuid)
        values = {
            "pages": str(document.page_count) if document.page_count else "",
            "file": (f"{stored.file_name} — {stored.media_type}, {size_text(stored.size)}, "
                     f"stored {stored.stored_at:%Y-%m-%d %H:%M} UTC") if stored else "",
            "sha256": stored.sha256 if stored else "",
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
        self.open_button.setEnabled(stored is not None)
        self.refresh_excerpts()

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the document read
        again if someone else changed it — not after this panel's own save — and its
        excerpts when excerpts changed."""
        if self.record is None:
            return
        if changes.touched("document", self.record.uuid):
            fresh = reread(self.documents.get, self.record.uuid)
            if fresh is None:
                return  # trashed: the window stops showing it
            if not same_version(fresh, self.record):
                self.show_record(fresh)
                return
        if changes.touches("excerpt"):
            self.refresh_excerpts()

    def save(self) -> None:
        """Save the notes when the document is left."""
        self.details.save_text_boxes()

    def _show_citation(self, document: DocumentData) -> None:
        try:
            self.citation.setText(self.documents.citation(document.uuid))
        except Exception:  # noqa: BLE001 - a citation problem must not hide the document
            self.citation.setText(document.title)

    def _details_saved(self, document: DocumentData) -> None:
        self.record = document
        self._show_citation(document)
        for name in ("issued", "accessed"):  # "Feb 2026" shows as kept, once it is left
            edit = self.details.widgets[name]
            if isinstance(edit, QLineEdit) and not edit.hasFocus():
                edit.setText(getattr(document, name))
        self.saved.emit(document)

    def refresh_excerpts(self) -> None:
        """List the document's excerpts (draggable onto a claim as evidence)."""
        self.excerpts.clear()
        if self.record is None:
            return
        for e in self.excerpt_service.of_document(self.record.uuid):
            text = f"{e.locator}: “{e.text}”" if e.locator else f"“{e.text}”"
            self.excerpts.add_record(text, "excerpt", e.uuid)

    def add_excerpt(self, locator: str | None = None,
                    text: str | None = None) -> ExcerptData | None:
        """A new excerpt: with its words and locator given, made at once; else the excerpt
        form opens (the passage word for word, where it is, a note) and saves it."""
        if self.record is None:
            return None
        if text is not None:
            return self._create({"text": text.strip(), "locator": (locator or "").strip()})
        self._open_form(ExcerptForm(self, tr("Add excerpt"), prompts=self.prompts))
        return None

    def edit_excerpt(self) -> None:
        """Change the selected excerpt's passage, locator and note in the excerpt form."""
        item = self.excerpts.currentItem()
        if item is None:
            return
        try:
            excerpt = self.excerpt_service.get(item.data(PairRole)[1])
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self._open_form(ExcerptForm(self, tr("Edit excerpt"), excerpt, self.prompts))

    def select_excerpt(self, key: uuid.UUID | str) -> bool:
        """Choose an excerpt in the list (search, a claim's evidence); False if not listed."""
        for row in range(self.excerpts.count()):
            item = self.excerpts.item(row)
            if item.data(PairRole)[1] == str(key):
                self.excerpts.setCurrentItem(item)
                self.excerpts.scrollToItem(item)
                return True
        return False

    def _open_form(self, form: ExcerptForm) -> None:
        if self.excerpt_form is not None:
            self.excerpt_form.close()
        self.excerpt_form = form
        form.accepted.connect(lambda: self._form_saved(form))
        form.finished.connect(lambda _r: self._form_closed(form))
        form.open()

    def _form_closed(self, form: ExcerptForm) -> None:
        if self.excerpt_form is form:
            self.excerpt_form = None
        form.deleteLater()

    def _form_saved(self, form: ExcerptForm) -> None:
        fields = form.values()
        if form.excerpt is None:
            self._create(fields)
            return
        save_fields(self.excerpt_service, form.excerpt, fields, self.problem,
                    self.details.on_edit, tr("edit excerpt"))
        self.refresh_excerpts()
        self.select_excerpt(form.excerpt.uuid)

    def _create(self, fields: dict[str, str]) -> ExcerptData | None:
        if self.record is None or not fields["text"]:
            return None
        try:
            excerpt = self.excerpt_service.create(document=self.record.uuid, **fields)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return None
        self.problem.clear()
        if self.on_created is not None:
            self.on_created("excerpt", excerpt.uuid, tr("add excerpt"))
        self.refresh_excerpts()
        self.select_excerpt(excerpt.uuid)
        return excerpt

    def open_file(self) -> None:
        """Open a private read-only copy with the system's default program, or say that
        there is none for its type."""
        if self.record is None:
            return
        try:
            copy = self.documents.open_copy(self.record.uuid)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        if self.open_url(QUrl.fromLocalFile(str(copy))) is False:
            message = no_viewer_message(copy.name, self.documents.stored_file(self.record.uuid))
            self.problem.setText(message)
            if self.prompts is not None:
                self.prompts.info(self, tr("Open the file"), message)
