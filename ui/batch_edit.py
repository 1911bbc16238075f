"""Batch edits of the records selected in a list: one caption, credit, rights note or person
for many photos, a tag on or off many records, many records to the trash or back.

Each batch is ONE unit of work in the core (`casefile.commands.Batch`: all or nothing) and
ONE step on the undo stack. A batch of more than `BIG` records runs on a worker behind a
progress dialog (ui/batch_run.py); a cancel rolls the whole batch back and leaves no step.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from casefile.case import CaseFile
from casefile.commands import Batch, Command, Restore, SetTag, Trash, Update
from casefile.errors import CaseFileError, DeleteRefusedError
from ui.autosave import flush_typing
from ui.batch_run import (
    BIG,
    BatchCancelledError,
    BatchCommand,
    Failed,
    Plan,
    cancelled_text,
    committed,
    reported,
    run,
)
from ui.kinds import tr
from ui.prompts import Prompts
from ui.tasks import Job

__all__ = ["BIG", "BatchActions", "Edit", "Plan", "how_many", "value_of"]

LINKS = ("credit_member", "credit_source")  # one linked record, given by UUID


def how_many(kind: str, n: int) -> str:
    """"3 photos", for messages and undo labels (each phrase translated whole)."""
    if n == 1:
        one = {"source": tr("1 source"), "interview": tr("1 interview"),
               "photo": tr("1 photo"), "document": tr("1 document"), "claim": tr("1 claim"),
               "comment_request": tr("1 request"), "draft": tr("1 draft"),
               "team_member": tr("1 team member"), "trash": tr("1 deletion")}
        return one.get(kind, tr("1 record"))
    phrases = {"source": tr("{n} sources"), "interview": tr("{n} interviews"),
               "photo": tr("{n} photos"), "document": tr("{n} documents"),
               "claim": tr("{n} claims"), "comment_request": tr("{n} requests"),
               "draft": tr("{n} drafts"), "team_member": tr("{n} team members"),
               "trash": tr("{n} deletions")}
    return phrases.get(kind, tr("{n} records")).replace("{n}", str(n))


@dataclass(frozen=True)
class Edit:
    """What a batch-edit dialog asks for: fields set on every record, a person added to or
    taken off every photo, a tag put on or taken off every record."""

    fields: dict[str, Any] = field(default_factory=dict)
    add_person: uuid.UUID | None = None
    remove_person: uuid.UUID | None = None
    add_tag: str = ""
    remove_tag: str = ""

    def __bool__(self) -> bool:
        return bool(self.fields or self.add_person or self.remove_person
                    or self.add_tag.strip() or self.remove_tag.strip())


def value_of(record: Any, name: str) -> Any:
    """A field of a listed record as an update would set it (a link by its UUID)."""
    value = getattr(record, name)
    if name in LINKS:
        return value.uuid if value is not None else None
    if name == "depicted":
        return [p.uuid for p in value]
    return value


class BatchActions:
    """The window's batch edits over `selected()` (the records selected in the list)."""

    def __init__(self, window: QWidget, case: CaseFile, prompts: Prompts,
                 undo_stack: QUndoStack, deliver: Callable[[], None],
                 run_job: Callable[..., Job], status: Callable[[str], None]) -> None:
        self.window, self.case, self.prompts = window, case, prompts
        self.undo_stack, self.deliver, self.run_job = undo_stack, deliver, run_job
        self.status = status
        # Asks before an anchored claim goes (ui/window_trash.py's `claim_warning`): False
        # when nothing depends on it, True when the reporter said yes, None for no.
        self.warn_claim: Callable[[Any], bool | None] | None = None

    # -- planning ------------------------------------------------------------------------

    def plan_edit(self, kind: str, records: Sequence[Any], edit: Edit) -> Plan | None:
        """The batch for an edit of many records and its undo (the fields as they were, the
        tags taken back off only where this batch put them); None when it changes nothing."""
        forward: list[Command] = []
        backward: list[Command] = []
        for record in records:
            fields = dict(edit.fields)
            if kind == "photo" and (edit.add_person or edit.remove_person):
                people = value_of(record, "depicted")
                new = [p for p in people if p != edit.remove_person]
                if edit.add_person and edit.add_person not in new:
                    new.append(edit.add_person)
                if new != people:
                    fields["depicted"] = new
            before = {name: value_of(record, name) for name in fields}
            changed = {k: v for k, v in fields.items() if before[k] != v}
            if changed:
                forward.append(Update(kind, record.uuid, changed))
                backward.append(Update(kind, record.uuid, {k: before[k] for k in changed}))
            for name, on in ((edit.add_tag, True), (edit.remove_tag, False)):
                name = " ".join(name.split())
                if name and (name in self.case.tags.names_for(record)) != on:
                    forward.append(SetTag(kind, record.uuid, name, on))
                    backward.append(SetTag(kind, record.uuid, name, not on))
        if not forward:
            return None
        back = Batch(tuple(reversed(backward)))
        again = Batch(tuple(forward))
        return Plan(again, lambda _r: back, lambda _r: again, len(records),
                    tr("edit {what}").replace("{what}", how_many(kind, len(records))))

    def plan_trash(self, kind: str, records: Sequence[Any], cascade: bool,
                   along: frozenset[uuid.UUID] = frozenset()) -> Plan:
        """Many records to the trash (an entry each, as if deleted one by one; `cascade`, or
        for the records in `along`: with the links on them); undo restores those entries,
        redo trashes the records again."""
        keys = [r.uuid for r in records]
        forward = Batch(tuple(Trash(kind, k, cascade or k in along) for k in keys))
        return Plan(forward, lambda entries: Batch(tuple(Restore(e.uuid) for e in entries)),
                    lambda _r: forward, len(keys),
                    tr("delete {what}").replace("{what}", how_many(kind, len(keys))))

    def plan_restore(self, entries: Sequence[Any]) -> Plan:
        """Many deletions back from the trash; undo sends the records back (with what
        they took along), redo restores the entries that undo made."""
        forward = Batch(tuple(Restore(e.uuid) for e in entries))
        trash_again = Batch(tuple(Trash(e.record_kind, e.record_uuid, True) for e in entries))
        return Plan(forward, lambda _r: trash_again,
                    lambda made: Batch(tuple(Restore(e.uuid) for e in made)), len(entries),
                    tr("restore {what}").replace("{what}", how_many("trash", len(entries))))

    # -- doing ---------------------------------------------------------------------------

    def edit(self, kind: str, records: Sequence[Any], edit: Edit) -> bool:
        """Apply an edit to every record; whether anything changed."""
        if records and edit and len(records) > BIG:  # even reading what is there is long
            self.execute(lambda: self.plan_edit(kind, records, edit), size=len(records))
            return True
        plan = self.plan_edit(kind, records, edit) if records and edit else None
        if plan is None:
            self.nothing()
            return False
        self.execute(plan)
        return True

    def nothing(self) -> None:
        """Say that a batch found nothing to change."""
        self.status(tr("Nothing to change: the selected records already read so."))

    def tag(self, kind: str, records: Sequence[Any], name: str, on: bool = True) -> bool:
        """Put a tag on (or take it off) every record."""
        return self.edit(kind, records, Edit(add_tag=name) if on else Edit(remove_tag=name))

    def trash(self, kind: str, records: Sequence[Any]) -> bool:
        """Move the records to the trash after one question that says how many; a claim
        drafts are anchored on or with evidence asks as it does alone (a "no" keeps that
        one); if evidence or links depend on others, a last question says so."""
        if not records:
            return False
        what = how_many(kind, len(records))
        if not self.prompts.confirm(self.window, tr("Move to the trash"),
                                    tr("Move {what} to the trash?").replace("{what}", what)):
            return False
        along: set[uuid.UUID] = set()  # claims the reporter let go with their evidence
        if kind == "claim" and self.warn_claim is not None:
            kept = []
            for record in records:
                warned = self.warn_claim(record)
                if warned is None:
                    continue
                if warned:
                    along.add(record.uuid)
                kept.append(record)
            records = kept
            if not records:
                return False

        def refused(message: str) -> None:
            if self.prompts.confirm(self.window, tr("Move to the trash"), message + "\n\n" + tr(
                    "Move them to the trash together with those links?")):
                self.execute(self.plan_trash(kind, records, True))

        self.execute(self.plan_trash(kind, records, False, frozenset(along)), refused)
        return True

    def restore(self, entries: Sequence[Any]) -> bool:
        """Bring many deletions back from the trash."""
        if not entries:
            return False
        self.execute(self.plan_restore(entries))
        return True

    def execute(self, plan: Plan | Callable[[], Plan | None],
                refused: Callable[[str], None] | None = None, size: int = 0) -> None:
        """Apply a plan (or a plan made by `plan()`, on the worker when the batch is big),
        then put it on the undo stack. Big batches run on a worker with progress; a cancel
        leaves nothing on the stack."""
        made: list[Plan] = [plan] if isinstance(plan, Plan) else []

        def failed(message: str) -> None:
            label = made[0].label if made else tr("Batch edit")
            self.prompts.error(self.window, label, message)

        def work(cancel: threading.Event | None) -> Iterator[Any]:
            chosen = made[0] if made else None
            if chosen is None and callable(plan):
                chosen = plan()
                if chosen is None:
                    return
                made.append(chosen)
                yield chosen
            assert chosen is not None
            chosen.results.clear()
            yield from run(self.case, chosen.forward, cancel, results=chosen.results)

        def done() -> None:
            if not made:
                self.nothing()
                return
            self.undo_stack.push(BatchCommand(self.case, made[0], self.undo_stack,
                                              self.deliver, failed, self.status,
                                              self.run_job))
            self.deliver()
            self.status(made[0].label)

        def turned_down(error: CaseFileError) -> None:
            if isinstance(error, DeleteRefusedError) and refused is not None:
                refused(str(error))
            else:
                failed(str(error))

        if (made[0].size if made else size) > BIG:
            def finished(items: list[Any]) -> None:
                problem = next((i for i in items if isinstance(i, Failed)), None)
                if committed(items) or (not made and problem is None):
                    done()  # applied (or, planned on the worker, found nothing to do)
                elif problem is not None:
                    turned_down(problem.error or CaseFileError(problem.message))
                else:
                    self.status(cancelled_text())

            flush_typing(self.window)  # no save waits for the lock the batch holds
            self.run_job(made[0].label if made else tr("Batch edit"), reported(work),
                         finished, at_once=True)
            return
        try:
            for _ in work(None):
                pass
        except BatchCancelledError:
            self.status(cancelled_text())
            return
        except CaseFileError as exc:
            turned_down(exc)
            return
        done()
