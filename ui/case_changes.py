"""The Qt side of the core's change reports: one subscription per window, delivered on the
UI thread, bursts merged into one report.

The core calls its subscribers on whatever thread committed (worker jobs commit too), so the
callback here only merges the report into what is pending and wakes the UI thread through a
queued signal; widgets are touched only when `changed` is emitted there. Commits that land
before the UI thread gets round to it (50 edits in a loop, an import's batches) arrive as one
`Changes`. Commits that keep coming (a photo import commits once per photo) are delivered
at most once every `THROTTLE_MS`, the first at once: a grid of 300 photos is not read again
300 times. A window's own command can `flush()` to see its result at once, the way Anki's
`operation_did_execute` follows an operation.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from casefile.case import CaseFile
from casefile.changes import NO_CHANGES, Changes
from casefile.errors import CaseFileError

R = TypeVar("R")

THROTTLE_MS = 250  # at most one delivery this often while commits keep coming


def same_version(a: Any, b: Any) -> bool:
    """Whether two reads of a record show the same state of it (its version, when it last
    changed, whether it is in the trash): a panel does not reload what it saved itself."""
    return all(getattr(a, name, None) == getattr(b, name, None)
               for name in ("uuid", "version", "updated_at", "trash_id"))


def reread(get: Callable[[uuid.UUID], R], ref: uuid.UUID) -> R | None:
    """The record a view shows, read again after a change; None when it has gone (trashed or
    purged meanwhile: the view stops showing it). The one answer every panel uses."""
    try:
        return get(ref)
    except CaseFileError:
        return None


class CaseChanges(QObject):
    """Emits `changed(Changes)` on the UI thread after the case committed something."""

    changed = Signal(object)
    _wake = Signal()

    def __init__(self, case: CaseFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._alive = [True]  # emptied when the object is destroyed (see `_arrived`)
        self._pending: Changes = NO_CHANGES
        self._woken = False
        self._delivered_at = float("-inf")  # time.monotonic() of the last delivery
        self._later = QTimer(self)  # the delivery held back by the throttle
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.flush)
        self._wake.connect(self._woke, Qt.ConnectionType.QueuedConnection)
        unsubscribe = case.subscribe(self._arrived)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        lock, alive = self._lock, self._alive

        def gone(*_a: object) -> None:  # never touches the dying object, only the gate
            with lock:  # waits for a wake being sent from a worker at this moment
                alive.clear()
            unsubscribe()

        self.destroyed.connect(gone)

    def _arrived(self, changes: Changes) -> None:
        """The core's callback (any thread): merge, and wake the UI thread once. The wake is
        sent holding the lock the object's destruction takes first, so a commit on a worker
        never signals an object being destroyed on the UI thread."""
        with self._lock:
            if self._unsubscribe is None or not self._alive:
                return
            self._pending = self._pending | changes
            if self._woken:
                return
            self._woken = True
            try:
                self._wake.emit()  # queued: returns at once
            except RuntimeError:  # the window's object is gone: stop listening
                self._alive.clear()

    def _woke(self) -> None:
        """On the UI thread, after the event that was being handled: deliver now, or once
        `THROTTLE_MS` have passed since the last delivery (what arrives meanwhile merges)."""
        wait_ms = THROTTLE_MS - (time.monotonic() - self._delivered_at) * 1000
        if wait_ms <= 0:
            self.flush()
        elif not self._later.isActive():
            self._later.start(max(1, int(wait_ms)))

    def pending(self) -> Changes:
        """What has been reported and not yet delivered."""
        with self._lock:
            return self._pending

    def flush(self) -> None:
        """Deliver what is pending now (UI thread only); nothing if nothing changed."""
        self._later.stop()
        with self._lock:
            changes, self._pending, self._woken = self._pending, NO_CHANGES, False
        if changes:
            self._delivered_at = time.monotonic()
            self.changed.emit(changes)

    def close(self) -> None:
        """Stop listening (the window is closing); what is pending is dropped."""
        with self._lock:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
            self._pending = NO_CHANGES
        if unsubscribe is not None:
            unsubscribe()
