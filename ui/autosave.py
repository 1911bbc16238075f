"""Saving a panel's edited fields through a core service: the one way every form saves.

Unchanged fields are not written; a refusal from the core is shown beside the form and the
user's text is kept; a successful save is handed to the undo stack. Text fields save as
the user types (`autosave`): a debounced save, flushed when the field or record is left.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from casefile.errors import CaseFileError
from casefile.read_models import ReadModel
from casefile.services.base import RecordService

D = TypeVar("D", bound=ReadModel)
# The undo stack's hook: (service, uuid, fields before, fields after, label).
OnEdit = Callable[[RecordService[Any, Any], uuid.UUID, dict[str, Any], dict[str, Any], str],
                  None]


def save_fields(service: RecordService[Any, D], record: D, fields: dict[str, Any],
                problem: QLabel, on_edit: OnEdit | None, label: str) -> D | None:
    """The updated record, or None when nothing changed or the core refused. Only the fields
    that differ from `record` are written: a field the form shows but the user did not touch
    never overwrites a change made elsewhere since the form was filled."""
    fields = {k: v for k, v in fields.items() if getattr(record, k) != v}
    if not fields:
        return None
    before = {k: getattr(record, k) for k in fields}
    try:
        updated = service.update(record.uuid, **fields)
    except CaseFileError as exc:
        problem.setText(str(exc))
        return None
    problem.clear()
    if on_edit is not None:
        on_edit(service, updated.uuid, before, fields, label)
    return updated


# -- saving as you type -----------------------------------------------------------------

DELAY_MS = 700  # after the last keystroke: a pause in typing, not a wait the user notices

TextWidget = QLineEdit | QPlainTextEdit | QTextEdit


class SaveHub(QObject):
    """Where every debounced saver says it has typing waiting (`pending(widget, True)`) or
    not any more; the window's "Saving…" indicator listens and keeps its own window's."""

    pending = Signal(QObject, bool)
    left = Signal(QObject)  # a field saved as typed lost focus: its undo step is closed


_HUB: SaveHub | None = None


def save_hub() -> SaveHub:
    """The one hub of the process (made on first use)."""
    global _HUB
    if _HUB is None:
        _HUB = SaveHub()
    return _HUB


class Debounce(QObject):
    """Saves a text field `DELAY_MS` after the last keystroke, so a killed app loses at
    most that much; at once when the field loses focus or `flush()` is called (the record
    is left, the window closes). Only the user's typing starts it: text a form loads
    (setText, setPlainText) does not."""

    def __init__(self, widget: TextWidget, save: Callable[[], object],
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(widget)
        self.widget = widget
        self.save = save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._save)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self.typed())
        else:
            widget.textChanged.connect(self._changed)
        widget.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """Whether typing is waiting to be saved."""
        return self.timer.isActive()

    def typed(self) -> None:
        """The user changed the text: (re)start the wait."""
        was = self.timer.isActive()
        self.timer.start()
        if not was:
            save_hub().pending.emit(self.widget, True)

    def _changed(self) -> None:
        # A text a form loads (setPlainText) arrives with the document's undo history off,
        # so it leaves none; every change the user makes — typing, and also the box's own
        # Ctrl+Z back to the text as loaded, which clears the modified flag — leaves some.
        widget = self.widget
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            document = widget.document()
            if document.isUndoAvailable() or document.isRedoAvailable():
                self.typed()

    def flush(self) -> None:
        """Save now if typing is waiting."""
        if self.timer.isActive():
            self.timer.stop()
            self._save()

    def _save(self) -> None:
        try:
            self.save()
        finally:
            save_hub().pending.emit(self.widget, False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget and event.type() == QEvent.Type.FocusOut:
            self.flush()
            save_hub().left.emit(self.widget)
        return False


def autosave(widget: TextWidget, save: Callable[..., object]) -> Debounce:
    """Save `widget` as the user types (see `Debounce`); the saver lives as long as it."""
    return Debounce(widget, save)


def flush_typing(root: QObject) -> None:
    """Save every field under `root` that has typing waiting (leaving a record, closing)."""
    for saver in root.findChildren(Debounce):
        saver.flush()


def typing_waits(root: QObject) -> bool:
    """Whether any field under `root` has typing waiting to be saved."""
    return any(saver.pending for saver in root.findChildren(Debounce))
