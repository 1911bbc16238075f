"""Running a batch edit and keeping it on the undo stack (ui/batch_edit.py plans them).

A batch is one unit of work in the core: it holds the case's write lock from its first
record to its last, so anything the window reads meanwhile waits for the whole batch. A big
batch (more than `BIG` records) therefore runs on a worker behind a window-modal progress
dialog shown at once — and so do its undo and redo. A cancel rolls the whole batch back and
is said as such: nothing goes on the undo stack. An undo or redo the core refuses changes
nothing in the file, so the undo stack is stepped back to match it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from casefile.case import CaseFile
from casefile.commands import Command, apply_steps, step_count
from casefile.errors import CaseFileError
from ui.kinds import tr
from ui.tasks import Job

BIG = 200  # records: more than this runs off the UI thread, with progress
RunJob = Callable[..., Job]


def cancelled_text() -> str:
    """What the status bar says after a cancelled batch."""
    return tr("Cancelled: nothing was changed.")


class BatchCancelledError(CaseFileError):
    """The reporter cancelled a batch: it was rolled back."""


@dataclass(frozen=True)
class Step:
    """Progress of a batch: `done` of `total` records (what run_job's dialog shows). The
    last one (`done == total`) comes only once the batch is committed."""

    done: int
    total: int


@dataclass(frozen=True)
class Failed:
    """A batch the core refused (rolled back), with its reason, as a worker reports it."""

    message: str
    error: CaseFileError | None = None


@dataclass
class Plan:
    """A batch to apply and how to take it back: `back(results)` is the batch that undoes
    it given what it returned (the trash entries it made…), `again(results)` the batch that
    redoes it given what the undo returned."""

    forward: Command
    back: Callable[[list[Any]], Command]
    again: Callable[[list[Any]], Command]
    size: int
    label: str
    results: list[Any] = field(default_factory=list)


def run(case: CaseFile, command: Command, cancel: threading.Event | None = None,
        total: int = 0, results: list[Any] | None = None) -> Iterator[Step]:
    """Apply a batch in one unit of work, yielding progress; a cancel rolls it all back
    (raising `BatchCancelledError`). `results` receives what each step returned."""
    total = total or step_count(command)
    steps = apply_steps(case, command, results=results)
    try:
        for done in steps:
            if cancel is not None and cancel.is_set() and done < total:
                steps.throw(BatchCancelledError(cancelled_text()))
            yield Step(done, total)
    finally:
        steps.close()


def committed(items: Iterable[Any]) -> bool:
    """Whether a worker's items show its batch committed (its last step reached)."""
    return any(isinstance(i, Step) and i.done >= i.total for i in items)


def reported(work: Callable[[threading.Event], Iterator[Any]]
             ) -> Callable[[threading.Event], Iterator[Any]]:
    """`work` for a Job, its refusal or cancel yielded as a `Failed` item (the job's own
    failure path would show a traceback-free error but no way to step the stack back)."""
    def guarded(cancel: threading.Event) -> Iterator[Any]:
        try:
            yield from work(cancel)
        except BatchCancelledError:
            return
        except CaseFileError as exc:
            yield Failed(str(exc), exc)
    return guarded


class BatchCommand(QUndoCommand):
    """A batch already applied (the first redo does nothing); undo and redo apply the
    batches the plan gives, each one unit of work — off the UI thread when it is big."""

    def __init__(self, case: CaseFile, plan: Plan, stack: QUndoStack,
                 changed: Callable[[], None], failed: Callable[[str], None],
                 status: Callable[[str], None], run_job: RunJob | None = None) -> None:
        super().__init__(plan.label)
        self.case, self.plan, self.stack = case, plan, stack
        self.changed, self.failed, self.status, self.run_job = changed, failed, status, run_job
        self._skip = True  # the push's redo: the batch is applied already
        self._last = plan.results

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._apply(self.plan.again(self._last), undoing=False)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._apply(self.plan.back(self._last), undoing=True)

    def _apply(self, command: Command, undoing: bool) -> None:
        results: list[Any] = []
        if self.plan.size > BIG and self.run_job is not None:
            def finished(items: list[Any]) -> None:
                problem = next((i for i in items if isinstance(i, Failed)), None)
                if committed(items):
                    self._last = results
                    self.changed()
                    return
                if problem is not None:
                    self.failed(problem.message)
                else:
                    self.status(cancelled_text())
                self._step_back(undoing)

            title = (tr("Undo {what}") if undoing else tr("Redo {what}")).replace(
                "{what}", self.plan.label)
            self.run_job(title, reported(lambda cancel: run(
                self.case, command, cancel, results=results)), finished, at_once=True)
            return
        try:
            for _ in apply_steps(self.case, command, results=results):
                pass
        except CaseFileError as exc:
            self.failed(str(exc))
            QTimer.singleShot(0, lambda: self._step_back(undoing))  # not inside undo()
            return
        self._last = results
        self.changed()

    def _step_back(self, undoing: bool) -> None:
        """The core refused (or the reporter cancelled) this undo or redo: the file is as it
        was, so put the stack back where it was, without applying anything."""
        try:
            at = self.stack.index()
            mine = self.stack.command(at if undoing else at - 1)
        except RuntimeError:  # the window (and its stack) closed meanwhile
            return
        if mine is not self:
            return  # the stack has moved on meanwhile
        self._skip = True
        if undoing:
            self.stack.redo()
        else:
            self.stack.undo()
