"""Small helpers for the detail forms."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from casefile.read_models import SourceData
from ui.kinds import tr
from ui.pickers import public_label
from ui.prompts import Prompts


def name_fields(form: QFormLayout) -> None:
    """Give every field of a form the accessible name of its label (screen readers read it),
    and let Tab leave small text boxes instead of typing a tab into them."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None:
            continue
        label_widget = label.widget()
        text = label_widget.text() if isinstance(label_widget, QLabel) else ""
        widget = field.widget()
        if isinstance(widget, QWidget) and text and not widget.accessibleName():
            widget.setAccessibleName(text.rstrip(":").replace("&", ""))
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)


def toggle_one(prompts: Prompts, parent: QWidget, title: str, records: Sequence[SourceData],
               chosen: set[str]) -> list[str] | None:
    """Ask which record to add to (or take out of) a set of linked records, e.g. the sources
    in a photo; the new set of UUIDs, or None if the question was cancelled."""
    labels = [(tr("Remove: {n}") if str(r.uuid) in chosen else tr("Add: {n}")).replace(
        "{n}", public_label(r)) for r in records]
    choice = prompts.choose(parent, title, tr("Source:"), labels)
    if choice is None:
        return None
    return sorted(chosen ^ {str(records[choice].uuid)})


def add_facts(form: QFormLayout, rows: list[tuple[str, str]]) -> dict[str, QLabel]:
    """Read-only 'Label: value' rows (selectable, wrapped) for facts the user cannot edit —
    EXIF, a file's hash; returns the value labels by key."""
    labels: dict[str, QLabel] = {}
    for key, label in rows:
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        labels[key] = value
        form.addRow(f"{label}:", value)
    return labels


def linked_records_row(names: QLabel, button: QWidget) -> QVBoxLayout:
    """A form row listing linked records (wrapping over as many lines as it needs) with its
    'Add or remove…' button under it."""
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    names.setWordWrap(True)
    box.addWidget(names)
    box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return box


def size_text(n: int) -> str:
    """Bytes as a file manager shows them: '512 bytes', '12.1 KB', '3.4 MB'."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"
