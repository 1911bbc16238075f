"""The quiet "Saved 10:42:03" at the right of the status bar: proof that what was typed is
in the file. It says "Saving…" while typing waits for its debounced save, and the time of
the last change committed from this window (an edit, an undo, a deletion) after.
"""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QTime, SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from ui.autosave import save_hub
from ui.kinds import tr


def clock_text(at: datetime) -> str:
    """The time of day with seconds, as the user's locale writes it ("10:42:03", "10:42:03
    AM"), without the zone the long format adds."""
    form = re.sub(r"\s*\bt+\b\s*", " ", QLocale().timeFormat(QLocale.FormatType.LongFormat))
    return QLocale().toString(QTime(at.hour, at.minute, at.second), form.strip())


class SaveIndicator(QLabel):
    """A permanent status-bar label of `window`: every step on `stack` is a commit (the
    core has written it before the step is pushed, undone or redone); so is a change the core
    reports (`changed`) after a debounced save of this window that is not on the stack (a
    transcript keeps its own undo). A save the core refused reports nothing: no "Saved"."""

    def __init__(self, window: QMainWindow, stack: QUndoStack,
                 changed: SignalInstance | None = None) -> None:
        super().__init__()
        self.setObjectName("save_indicator")
        self.setAccessibleName(tr("Save state"))
        self._window = window
        self._waiting: set[int] = set()  # ids of this window's fields with typing waiting
        self.saved_at: datetime | None = None
        self._flushed = False  # a debounced save of this window ran since the last change
        stack.indexChanged.connect(lambda _index: self.committed())
        if changed is not None:
            changed.connect(self._changed)
        save_hub().pending.connect(self._pending)
        window.statusBar().addPermanentWidget(self)
        self._show()

    def committed(self, at: datetime | None = None) -> None:
        """A change of this window reached the file (now, unless `at` says when)."""
        self.saved_at = at or datetime.now()
        self._show()

    def _pending(self, widget: QObject, waiting: bool) -> None:
        if not isinstance(widget, QWidget) or widget.window() is not self._window:
            return
        if waiting:
            self._waiting.add(id(widget))
        elif id(widget) in self._waiting:
            self._waiting.discard(id(widget))
            self._flushed = True
        self._show()

    def _changed(self, _changes: object) -> None:
        if self._flushed:
            self._flushed = False
            self.committed()

    def _show(self) -> None:
        if self._waiting:
            self.setText(tr("Saving…"))
        elif self.saved_at is not None:
            self.setText(tr("Saved {time}").replace("{time}", clock_text(self.saved_at)))
            self.setToolTip(tr("Every change is written to the case file as you make it."))
        else:
            self.setText("")
