"""The window's deleting, restoring and emptying of the trash, and the undo history: every
change made through the window goes on the undo stack, and undo and redo go back through
the core. The lists and panels follow from the change the core reports."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from casefile.case import CaseFile
from casefile.errors import CaseFileError, DeleteRefusedError, RecordNotFoundError
from ui.auto_backup import AutoBackup
from ui.kinds import tr
from ui.prompts import Prompts
from ui.tasks import Job
from ui.undo import EditCommand, ImportCommand, RestoreCommand, TrashCommand
from ui.window_lists import ListArea

RunJob = Callable[..., Job]


class TrashActions:
    """Delete, restore and empty the trash, and put each change on `undo_stack`.
    `deliver` shows what the core reported at once (after an undo or redo); `backups` is
    the window's automatic backup, if it keeps one."""

    def __init__(self, window: QWidget, case: CaseFile, prompts: Prompts,
                 undo_stack: QUndoStack, lists: ListArea, deliver: Callable[[], None],
                 run_job: RunJob, backups: Callable[[], AutoBackup | None],
                 status: Callable[[str], None]) -> None:
        self.window = window
        self.case = case
        self.prompts = prompts
        self.undo_stack = undo_stack
        self.lists = lists
        self.deliver = deliver
        self.run_job = run_job
        self.backups = backups
        self.status = status

    # -- the undo history ----------------------------------------------------------------

    def record_edit(self, service: Any, record: uuid.UUID, before: dict[str, Any],
                    after: dict[str, Any], label: str) -> None:
        """Put an edit the core has made on the undo stack."""
        self.undo_stack.push(EditCommand(service, record, before, after, label,
                                         self.deliver, self.undo_failed))

    def linked(self, link: uuid.UUID, label: str) -> None:
        """Undo of a new evidence link sends it to the trash; redo brings it back."""
        self.linked_record("evidence_link", link, label)

    def linked_record(self, kind: str, key: uuid.UUID, label: str) -> None:
        """A record just created: undo sends it to the trash, redo brings it back."""
        self.undo_stack.push(RestoreCommand(
            self.case.trash, None, lambda: self.case.get_record(kind, key), label,
            self.deliver, self.undo_failed))

    def imported_records(self, kind: str, keys: list[uuid.UUID], label: str) -> None:
        """Records an import brought in: undo trashes them all as one deletion."""
        def live() -> list[Any]:
            found = []
            for key in keys:  # one deleted since the import has its own trash entry
                with contextlib.suppress(RecordNotFoundError):
                    found.append(self.case.get_record(kind, key))
            return found

        self.undo_stack.push(ImportCommand(self.case.trash, live, label, self.deliver,
                                           self.undo_failed))

    def unlinked(self, entry: uuid.UUID, link: uuid.UUID, label: str) -> None:
        """Undo of an unlink restores the link."""
        self.undo_stack.push(TrashCommand(
            self.case.trash, entry, lambda: self.case.get_record("evidence_link", link), False,
            label, self.deliver, self.undo_failed))

    def undo_failed(self, message: str) -> None:
        """An undo or redo the core refused: say why (the stack moved on regardless)."""
        self.prompts.error(self.window, tr("Undo"), message)

    # -- the trash -----------------------------------------------------------------------

    def delete_selected(self) -> None:
        """Move the selected record to the trash; say why if evidence depends on it."""
        record = self.lists.selected_record()
        kind = self.lists.current_kind
        if record is None or kind == "trash":
            return
        cascade = False
        try:
            entry = self.case.trash.delete(record)
        except DeleteRefusedError as exc:
            if not self.prompts.confirm(self.window, tr("Delete"), str(exc) + "\n\n" + tr(
                    "Move it to the trash together with those links?")):
                return
            cascade = True
            entry = self.case.trash.delete(record, cascade=True)
        except CaseFileError as exc:
            self.prompts.error(self.window, tr("Delete"), str(exc))
            return
        key = record.uuid
        self.undo_stack.push(TrashCommand(self.case.trash, entry.uuid,
                                          lambda: self.case.get_record(kind, key), cascade,
                                          tr("delete ") + record.label, self.deliver,
                                          self.undo_failed))
        self.deliver()

    def restore_selected(self) -> None:
        """Bring back the selected deletion (Trash view)."""
        entry = self.lists.selected_record()
        if entry is None or self.lists.current_kind != "trash":
            return
        try:
            self.case.trash.restore(entry.uuid)
        except CaseFileError as exc:
            self.prompts.error(self.window, tr("Restore"), str(exc))
            return
        kind, key = entry.record_kind, entry.record_uuid
        self.undo_stack.push(RestoreCommand(self.case.trash, entry.uuid,
                                            lambda: self.case.get_record(kind, key),
                                            tr("restore ") + entry.label, self.deliver,
                                            self.undo_failed))
        self.deliver()

    def empty_trash(self) -> None:
        """Delete everything in the trash for good, after asking — and by default clean the
        automatic backups too (they still hold what was purged): a fresh backup replaces
        the older ones, on a worker."""
        from casefile.backups import BackupShelf, Purged, purge_everywhere

        count = self.case.trash.count()
        if not count:
            return
        yes, clean = self.prompts.confirm_with_option(
            self.window, tr("Empty the trash"),
            tr("Delete the {n} items in the trash for good? This cannot be undone.\n\n"
               "The automatic backups taken until now still hold them; cleaning replaces "
               "those backups with one fresh backup.").replace("{n}", str(count)),
            tr("Also clean the automatic backups (recommended)"), True)
        if not yes:
            return
        purged = purge_everywhere(self.case, clean_backups=False)
        self.deliver()
        if not clean:
            return
        auto_backup = self.backups()
        if auto_backup is not None:
            auto_backup.clean_after_purge()
            return

        def retake(_cancel: object) -> list[object]:  # a window without automatic backups
            _fresh, report = BackupShelf.for_case(self.case).retake_after_purge(self.case)
            return [Purged(purged.deletions, _fresh, report)]

        self.run_job(tr("Clean the backups"), retake,
                     lambda items: self.status(items[0].text()))
