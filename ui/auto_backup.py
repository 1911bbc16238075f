"""Automatic backups while a case is open: one shortly after it opens, then at most one per
retention interval while it is being edited — each on a worker, reported in the status bar.
After the trash is emptied, `clean_after_purge` replaces the older backups (which still hold
what was purged) with a fresh one — never while another backup is being taken."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from casefile.backups import BackupEntry, BackupShelf
from casefile.case import CaseFile
from ui.tasks import Job

log = logging.getLogger("casefile.app")

FIRST_DELAY_MS = 3_000  # after the window is up, so opening stays quick
CHECK_EVERY_MS = 60_000


class AutoBackup(QObject):
    """Takes a case's backups when they are due; never two at once."""

    taken = Signal(object)  # BackupEntry
    failed = Signal(str)
    cleaned = Signal(str)  # what clean_after_purge did, as a sentence

    def __init__(self, case: CaseFile, shelf: BackupShelf, pool: QThreadPool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.shelf = shelf
        self.pool = pool
        self.job: Job | None = None
        self.clean_pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        """Begin: a first backup soon, then a look every minute."""
        QTimer.singleShot(FIRST_DELAY_MS, self, self.tick)
        self.timer.start()

    def move_to(self, shelf: BackupShelf) -> None:
        """Take the next backups onto `shelf` (Preferences → Backups go to, changed while
        the case is open); the earlier ones stay where they are. A new folder holds no
        backup yet, so the next look takes one there."""
        self.shelf = shelf

    def stop(self) -> None:
        """The window is closing: no new backups; one in progress stops between steps."""
        self.timer.stop()
        self.case.begin_close()

    def tick(self) -> None:
        """Take a backup now if one is due (and none is running)."""
        if self.job is not None or not self.timer.isActive():
            return
        try:
            due = self.shelf.due(self.case)
        except Exception:  # noqa: BLE001 - a closed case or unreadable folder: try later
            return
        if due:
            self.take_now()

    def take_now(self) -> Job | None:
        """Start a backup on the pool (None if one is already running)."""
        if self.job is not None:
            return None
        job = Job(lambda _cancel: [self.shelf.take(self.case)])
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.pool.start(job)
        return job

    def clean_after_purge(self) -> Job | None:
        """Re-take the shelf without what was just purged: a fresh backup, then every older
        one overwritten and removed. A backup already running finishes first (it may hold
        the purged records), then this runs."""
        if self.job is not None:
            self.clean_pending = True
            return None
        self.clean_pending = False
        job = Job(lambda _cancel: [self.shelf.retake_after_purge(self.case)])
        job.signals.finished.connect(self._cleaned)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.pool.start(job)
        return job

    def _finished(self, items: list[BackupEntry]) -> None:
        self.job = None
        if items:
            self.taken.emit(items[0])
        self._next()

    def _cleaned(self, items: list[Any]) -> None:
        self.job = None
        fresh, report = items[0]
        if fresh is not None:
            self.taken.emit(fresh)
        self.cleaned.emit(report.text())
        self._next()

    def _failed(self, message: str) -> None:
        self.job = None
        log.warning("automatic backup failed")
        self.failed.emit(message)
        self._next()

    def _next(self) -> None:
        if self.clean_pending:
            self.clean_after_purge()
