"""Long jobs off the UI thread: a core generator runs on a QThreadPool worker, each item it
yields becomes a `progress` signal, and a cancel flag stops it between items.

    job = Job(lambda cancel: case.photos.import_files(paths, cancel=cancel))
    job.signals.progress.connect(...); job.signals.finished.connect(...)
    QThreadPool.globalInstance().start(job)

Widgets are never touched from the worker: only signals cross threads.

A job that builds a large live heap (the Word export and its checker: every claim, link and
protected identity of the case) runs with the garbage collector's full passes deferred
(`Job(work, defer_full_gc=True)`): each full pass walks every live object while holding the
GIL, and the export's allocations set off one every second or so — 100–300 ms each on the
large benchmark case, every one a freeze of the window. The young generations are still
collected; the full pass runs again, on the then much smaller heap, once no such job runs.
And while any job runs, the interpreter hands the GIL over every millisecond instead of every
5 ms, so the UI thread's many short turns in Python do not each wait behind the worker.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from casefile.errors import CaseFileError
from ui.errors import safe_traceback

log = logging.getLogger("casefile.app")


# Far more young-generation passes than any job makes: no full pass starts while it runs.
_NO_FULL_PASS = 1 << 30
# While a worker runs Python, the UI thread waits at most this long for the GIL (the
# interpreter's default, 5 ms, is paid several times per event-loop turn).
JOB_SWITCH_INTERVAL = 0.001


class _WhileHeld:
    """A process-wide interpreter setting, made when the first job asks for it and undone
    when the last one ends (jobs overlap: an export, a backup, previews)."""

    def __init__(self, make: Callable[[], Callable[[], None]]) -> None:
        self._make = make
        self._undo: Callable[[], None] | None = None
        self._holders = 0
        self._lock = threading.Lock()

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._undo = self._make()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0 and self._undo is not None:
                    self._undo()
                    self._undo = None


def _defer_full_passes() -> Callable[[], None]:
    saved = gc.get_threshold()
    gc.set_threshold(saved[0], saved[1], _NO_FULL_PASS)
    return lambda: gc.set_threshold(*saved)


def _short_switch_interval() -> Callable[[], None]:
    saved = sys.getswitchinterval()
    sys.setswitchinterval(min(saved, JOB_SWITCH_INTERVAL))
    return lambda: sys.setswitchinterval(saved)


full_gc_deferred = _WhileHeld(_defer_full_passes).held
"""No full garbage-collection pass while the body runs, whichever thread would start it."""
short_switch_interval = _WhileHeld(_short_switch_interval).held
"""The UI thread gets the GIL back from a busy worker within about a millisecond."""


class JobSignals(QObject):
    """What a job reports back to the UI thread."""

    progress = Signal(object)  # each item the generator yields
    finished = Signal(object)  # the list of every item, when done or cancelled
    failed = Signal(str)  # a message fit to show


class Job(QRunnable):
    """Runs `work(cancel_event)` — an iterable of progress items — on a pool thread."""

    def __init__(self, work: Callable[[threading.Event], Iterable[Any]], *,
                 defer_full_gc: bool = False) -> None:
        super().__init__()
        self.work = work
        self.defer_full_gc = defer_full_gc
        self.cancel_event = threading.Event()
        self.signals = JobSignals()
        self.setAutoDelete(False)  # the UI keeps it until `finished`

    def cancel(self) -> None:
        """Ask the job to stop before its next item."""
        self.cancel_event.set()

    def run(self) -> None:
        with short_switch_interval(), ExitStack() as stack:
            if self.defer_full_gc:
                stack.enter_context(full_gc_deferred())
            self._run()

    def _run(self) -> None:
        items: list[Any] = []
        try:
            for item in self.work(self.cancel_event):
                items.append(item)
                self.signals.progress.emit(item)
                if self.cancel_event.is_set():
                    break
        except CaseFileError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a worker must report, never die silently
            log.error("job failed:\n%s", safe_traceback(exc))
            self.signals.failed.emit(f"The job stopped on an unexpected problem "
                                     f"({type(exc).__name__}); what was done before it is saved.")
            return
        self.signals.finished.emit(items)
