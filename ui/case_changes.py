"""The Qt side of the core's change reports: one subscription per window, delivered on the
UI thread, bursts merged into one report.

The core calls its subscribers on whatever thread committed (worker jobs commit too), so the
callback here only merges the report into what is pending and wakes the UI thread through a
queued signal; widgets are touched only when `changed` is emitted there. Commits that land
before the UI thread gets round to it (50 edits in a loop, an import's batches) arrive as one
`Changes`. A window's own command can `flush()` to see its result at once, the way Anki's
`operation_did_execute` follows an operation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from casefile.case import CaseFile
from casefile.changes import NO_CHANGES, Changes


def same_version(a: Any, b: Any) -> bool:
    """Whether two reads of a record show the same state of it (its version, when it last
    changed, whether it is in the trash): a panel does not reload what it saved itself."""
    return all(getattr(a, name, None) == getattr(b, name, None)
               for name in ("uuid", "version", "updated_at", "trash_id"))


class CaseChanges(QObject):
    """Emits `changed(Changes)` on the UI thread after the case committed something."""

    changed = Signal(object)
    _wake = Signal()

    def __init__(self, case: CaseFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: Changes = NO_CHANGES
        self._woken = False
        self._wake.connect(self.flush, Qt.ConnectionType.QueuedConnection)
        unsubscribe = case.subscribe(self._arrived)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        self.destroyed.connect(lambda *_a: unsubscribe())  # never touches the dead object

    def _arrived(self, changes: Changes) -> None:
        """The core's callback (any thread): merge, and wake the UI thread once."""
        with self._lock:
            if self._unsubscribe is None:
                return
            self._pending = self._pending | changes
            if self._woken:
                return
            self._woken = True
        try:
            self._wake.emit()
        except RuntimeError:  # the window's object is gone: stop listening
            self.close()

    def pending(self) -> Changes:
        """What has been reported and not yet delivered."""
        with self._lock:
            return self._pending

    def flush(self) -> None:
        """Deliver what is pending now (UI thread only); nothing if nothing changed."""
        with self._lock:
            changes, self._pending, self._woken = self._pending, NO_CHANGES, False
        if changes:
            self.changed.emit(changes)

    def close(self) -> None:
        """Stop listening (the window is closing); what is pending is dropped."""
        with self._lock:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
            self._pending = NO_CHANGES
        if unsubscribe is not None:
            unsubscribe()
