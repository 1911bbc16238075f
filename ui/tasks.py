"""Long jobs off the UI thread: a core generator runs on a QThreadPool worker, each item it
yields becomes a `progress` signal, and a cancel flag stops it between items.

    job = Job(lambda cancel: case.photos.import_files(paths, cancel=cancel))
    job.signals.progress.connect(...); job.signals.finished.connect(...)
    QThreadPool.globalInstance().start(job)

Widgets are never touched from the worker: only signals cross threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from casefile.errors import CaseFileError
from ui.errors import safe_traceback

log = logging.getLogger("casefile.app")


class JobSignals(QObject):
    """What a job reports back to the UI thread."""

    progress = Signal(object)  # each item the generator yields
    finished = Signal(object)  # the list of every item, when done or cancelled
    failed = Signal(str)  # a message fit to show


class Job(QRunnable):
    """Runs `work(cancel_event)` — an iterable of progress items — on a pool thread."""

    def __init__(self, work: Callable[[threading.Event], Iterable[Any]]) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()
        self.signals = JobSignals()
        self.setAutoDelete(False)  # the UI keeps it until `finished`

    def cancel(self) -> None:
        """Ask the job to stop before its next item."""
        self.cancel_event.set()

    def run(self) -> None:
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
