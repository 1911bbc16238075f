"""A form built from a list of fields, each saved through a core service as it is edited.

Panels describe their editable fields (`Field`) and get line edits, choice boxes, date-time
edits and text boxes wired to `save_fields` — one way of saving, one way of undoing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from casefile.errors import CaseFileError, ValidationError
from casefile.read_models import ReadModel
from casefile.services.base import RecordService
from ui.autosave import Debounce, OnEdit, autosave, save_fields
from ui.forms import name_fields
from ui.kinds import _enum, tr
from ui.pickers import DateTimeField


@dataclass(frozen=True)
class Field:
    """One editable field: the record attribute, its label, and how it is edited."""

    name: str
    label: str
    kind: str = "text"  # text | typed_date | choice | datetime | notes
    choices: type[Enum] | None = None
    placeholder: str = ""


def datetime_text(value: datetime | None) -> str:
    """'2026-03-14 10:30 +10:00' (or without the offset when the zone is unknown)."""
    if value is None:
        return ""
    text = value.strftime("%Y-%m-%d %H:%M")
    zone = value.strftime("%z")
    return f"{text} {zone[:3]}:{zone[3:]}" if zone else text


def parse_datetime(text: str, label: str) -> datetime | None:
    """The reverse of `datetime_text`; a clear error names the field and the expected form."""
    text = text.strip()
    if not text:
        return None
    compact = text.replace(" +", "+").replace(" -", "-").replace(" Z", "Z")
    try:
        return datetime.fromisoformat(compact)
    except ValueError:
        raise ValidationError(
            tr("{f}: “{t}” is not a date and time; write it as 2026-03-14 10:30 or "
               "2026-03-14 10:30 +10:00").replace("{f}", label).replace("{t}", text)) from None


class SaveWhenDone(Debounce):
    """A line the core reads as a date ("Feb 2026", casefile/typed_dates.py): half typed
    ("Feb 2") it is not one yet, so it is not saved on a pause in typing — a refusal would
    flash up mid-word — but when finished: Enter, leaving the field, leaving the record or
    closing the window (`flush`, as every saver is flushed)."""

    def __init__(self, widget: QLineEdit, save: Callable[..., object]) -> None:
        super().__init__(widget, save)
        self._waiting = False
        widget.editingFinished.connect(self._done)

    @property
    def pending(self) -> bool:
        """Whether typing is waiting to be saved (when the field is left)."""
        return self._waiting

    def typed(self) -> None:
        """The user changed the text: saved when they are done, not on a pause."""
        self._waiting = True

    def _done(self) -> None:
        self._waiting = False  # Enter or leaving the field: the form saves it itself

    def flush(self) -> None:
        """Save now if typing is waiting (the record or the window is left)."""
        if self._waiting:
            self._waiting = False
            self.save()


class RecordForm(QWidget):
    """Edits the given fields of one record through `service`."""

    saved = Signal(object)

    def __init__(self, service: RecordService[Any, Any], fields: list[Field], problem: QLabel,
                 label: str, on_edit: OnEdit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.specs = fields
        self.problem = problem  # a QLabel beside the form for refusals
        self.label = label
        self.on_edit = on_edit
        self.record: ReadModel | None = None
        self._loading = False
        self.widgets: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        for spec in fields:
            widget = self._make(spec)
            self.widgets[spec.name] = widget
            self.form.addRow(spec.label, widget)
        name_fields(self.form)

    def _make(self, spec: Field) -> QWidget:
        if spec.kind == "choice" and spec.choices is not None:
            box = QComboBox()
            for member in spec.choices:
                text = _enum(member)  # translated; the data stays the member
                box.addItem(text[:1].upper() + text[1:], member)
            box.currentIndexChanged.connect(lambda _i, s=spec: self._field_done(s))
            return box
        if spec.kind == "notes":
            notes = QPlainTextEdit()
            notes.setFixedHeight(70)
            notes.setPlaceholderText(spec.placeholder)
            autosave(notes, lambda s=spec: self._field_done(s))  # saved as typed
            return notes
        if spec.kind == "datetime":  # a calendar, the zone beside it (ui/pickers.py)
            when = DateTimeField()
            when.edited.connect(lambda s=spec: self._field_done(s))
            return when
        edit = QLineEdit()
        edit.setPlaceholderText(spec.placeholder)
        edit.editingFinished.connect(lambda s=spec: self._field_done(s))
        if spec.kind == "typed_date":
            SaveWhenDone(edit, lambda s=spec: self._field_done(s))  # not mid-word
        else:
            autosave(edit, lambda s=spec: self._field_done(s))
        return edit

    def show_record(self, record: ReadModel) -> None:
        """Fill the fields from a record."""
        self._loading = True
        self.record = record
        for spec in self.specs:
            widget = self.widgets[spec.name]
            value = getattr(record, spec.name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")
            elif isinstance(widget, DateTimeField):
                widget.set_value(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(datetime_text(value) if spec.kind == "datetime"
                               else str(value or ""))
                widget.setCursorPosition(0)
        self._loading = False

    def value(self, spec: Field) -> Any:
        """What the field's widget holds, as the core wants it."""
        widget = self.widgets[spec.name]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, DateTimeField):
            return widget.value()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        return parse_datetime(text, spec.label) if spec.kind == "datetime" else text

    def _field_done(self, spec: Field) -> None:
        if self._loading or self.record is None:
            return
        try:
            value = self.value(spec)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.save({spec.name: value})

    def save_text_boxes(self) -> None:
        """Save the multi-line fields (they have no 'finished' signal) when leaving."""
        if self.record is None:
            return
        changed = {s.name: self.value(s) for s in self.specs if s.kind == "notes"
                   and self.value(s) != (getattr(self.record, s.name) or "")}
        if changed:
            self.save(changed)

    def save(self, fields: dict[str, Any]) -> None:
        """Save some fields; a refusal is shown and the typed text kept."""
        if self._loading or self.record is None:
            return
        updated = save_fields(self.service, self.record, fields, self.problem, self.on_edit,
                              self.label)
        if updated is not None:
            self.record = updated
            self.saved.emit(updated)
