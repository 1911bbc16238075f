"""The draft checker run for the editor on a worker: on a long investigation it reads every
quote and source and takes most of a second, a freeze each time a draft is opened, saved or
re-selected after a list reload. The findings replace the list when they come, unless another
run was asked for meanwhile (another draft, a later edit)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel

from casefile.case import CaseFile
from ui.draft_checker import CheckerView
from ui.tasks import Job


class CheckRuns(QObject):
    """Runs the checker for one editor; `checked(findings)` when the latest run reports."""

    checked = Signal(object)

    def __init__(self, case: CaseFile, pool: QThreadPool, view: CheckerView,
                 problem: QLabel) -> None:
        super().__init__(view)
        self.case, self.pool, self.view, self.problem = case, pool, view, problem
        self._turn = 0  # the latest run asked for; older findings are dropped
        self._jobs: set[Job] = set()  # running checkers, kept until they report

    def run(self, draft: uuid.UUID) -> None:
        """Check `draft` again; older runs still going are cancelled."""
        self._turn += 1
        self.view.checking()
        turn = self._turn
        for older in self._jobs:
            older.cancel()
        job = Job(lambda _c: [self.case.drafts.check(draft)], defer_full_gc=True)
        job.signals.finished.connect(lambda items: self._done(job, turn, items))
        job.signals.failed.connect(lambda message: self._failed(job, turn, message))
        self._jobs.add(job)
        self.pool.start(job)

    def busy(self) -> bool:
        """Whether a run has not reported yet."""
        return bool(self._jobs)

    def _done(self, job: Job, turn: int, items: list[Any]) -> None:
        self._jobs.discard(job)
        if turn != self._turn or not items:
            return  # a newer run is on its way
        self.view.show_findings(items[0])
        self.checked.emit(items[0])

    def _failed(self, job: Job, turn: int, message: str) -> None:
        self._jobs.discard(job)
        if turn == self._turn:
            self.problem.setText(message)
