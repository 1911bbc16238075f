"""A document: its citation fields, the stored file (type, size, SHA-256, Open), excerpts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.errors import CaseFileError
from casefile.services.documents import DocumentService
from ui.kinds import tr


def size_text(n: int) -> str:
    """'12.1 KB'."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"


class DocumentPanel(QWidget):
    """Shows one document through the document service it is given."""

    def __init__(self, documents: DocumentService, parent: Any = None,
                 open_url: Any = None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.open_url = open_url or QDesktopServices.openUrl
        self.record: Any = None
        self.citation = QLabel()
        self.citation.setWordWrap(True)
        self.citation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("kind", tr("Kind")), ("publisher", tr("Publisher")),
                           ("issued", tr("Issued")), ("url", tr("URL")),
                           ("accessed", tr("Accessed")), ("pages", tr("Pages")),
                           ("file", tr("File")), ("sha256", tr("SHA-256"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(f"{label}:", value)
        self.open_button = QPushButton(tr("Open the file"))
        self.open_button.clicked.connect(self.open_file)
        self.excerpts = QListWidget()
        self.excerpts.setWordWrap(True)
        self.excerpts.setObjectName("excerpts")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.citation)
        layout.addLayout(form)
        layout.addWidget(self.open_button)
        layout.addWidget(QLabel(tr("Excerpts")))
        layout.addWidget(self.excerpts, 1)
        layout.addWidget(self.problem)

    def show_record(self, document: Any) -> None:
        """Fill the panel from a document."""
        self.record = document
        self.problem.clear()
        try:
            self.citation.setText(self.documents.citation(document.uuid))
        except Exception:  # noqa: BLE001 - a citation problem must not hide the document
            self.citation.setText(document.title)
        stored = self.documents.stored_file(document.uuid)
        values = {
            "kind": document.kind.value.replace("_", " "),
            "publisher": document.publisher, "issued": document.issued, "url": document.url,
            "accessed": document.accessed,
            "pages": str(document.page_count) if document.page_count else "",
            "file": (f"{stored.file_name} — {stored.media_type}, {size_text(stored.size)}, "
                     f"stored {stored.stored_at:%Y-%m-%d %H:%M} UTC") if stored else "",
            "sha256": stored.sha256 if stored else "",
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
        self.open_button.setEnabled(stored is not None)
        self.excerpts.clear()
        with self.documents.store.read() as s:
            loaded = self.documents.load(s, document.uuid)
            lines = [f"{e.locator}: “{e.text}”" if e.locator else f"“{e.text}”"
                     for e in loaded.excerpts if e.trash_id is None]
        self.excerpts.addItems(lines)

    def open_file(self) -> None:
        """Open a private read-only copy with the system's default program."""
        if self.record is None:
            return
        try:
            copy = self.documents.open_copy(self.record.uuid)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.open_url(QUrl.fromLocalFile(str(copy)))
