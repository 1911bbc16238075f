"""The window's deleting, restoring and emptying of the trash, and the undo history: every
change made through the window goes on the undo stack, and undo and redo go back through
the core. The lists and panels follow from the change the core reports. Undo and redo say
what they did and go to the record; they never trash something silently: undoing the
creation of a record that has content since asks first, and so does deleting a claim that
drafts or evidence depend on."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from casefile.case import CaseFile
from casefile.errors import CaseFileError, DeleteRefusedError, RecordNotFoundError
from casefile.read_models import SourceData
from ui.auto_backup import AutoBackup
from ui.autosave import flush_typing, save_hub
from ui.kinds import tr
from ui.prompts import Prompts
from ui.tasks import Job
from ui.trash_questions import claim_question, creation_question, import_question, step_name
from ui.undo import (
    BatchCommand,
    EditCommand,
    ImportCommand,
    RestoreCommand,
    TrashCommand,
    field_name,
    grew,
    undo_name,
)
from ui.window_lists import ListArea

RunJob = Callable[..., Job]


def drafts_anchoring(case: CaseFile, claim: uuid.UUID) -> int:
    """How many drafts anchor `claim` in their body (a story has a handful of drafts;
    they are read a page at a time)."""
    found, offset = 0, 0
    while True:
        drafts = case.drafts.page(offset=offset, limit=50)
        found += sum(any(a.claim == claim for a in case.drafts.text(d.uuid).anchors)
                     for d in drafts)
        if len(drafts) < 50:
            return found
        offset += 50


def photos_in_drafts(case: CaseFile, photos: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of `photos` a draft places in its body (case.references does not read draft
    bodies; a story has a handful of drafts, read a page at a time)."""
    placed: set[uuid.UUID] = set()
    offset = 0
    while photos:
        drafts = case.drafts.page(offset=offset, limit=50)
        for draft in drafts:
            placed |= photos & set(case.drafts.text(draft.uuid).photos)
        if len(drafts) < 50:
            break
        offset += 50
    return placed


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
        # Shows a record (the window's open_record): where an undo or redo goes.
        self.go_to: Callable[[str, str], object] | None = None
        save_hub().left.connect(self._field_left)

    # -- the undo history ----------------------------------------------------------------

    def record_edit(self, service: Any, record: uuid.UUID, before: dict[str, Any],
                    after: dict[str, Any], label: str) -> None:
        """Put an edit the core has made on the undo stack, named by what changed ("edit
        notes of Yuri Petrov"; a protected source by its pseudonym); saves of one field in
        a row merge into one step."""
        fresh: Any = None
        with contextlib.suppress(CaseFileError):
            fresh = service.get(record)
        if fresh is not None and len(after) == 1:
            field = fresh.LABEL_FIELD  # a name being typed: named as it was
            name = undo_name(fresh, **{field: before[field]} if field in before else {})
            if name:
                label = tr("edit {field} of {name}").replace(
                    "{field}", field_name(next(iter(after)))).replace("{name}", name)
        self.undo_stack.push(EditCommand(service, record, before, after, label,
                                         self.deliver, self.undo_failed))
        if isinstance(fresh, SourceData) and fresh.is_protected:
            self._unname(fresh)

    def _unname(self, source: SourceData) -> None:
        """A source is protected now: the steps named while it was on the record name it
        by its pseudonym from now on, in the menu, the toolbar tip and "Undid: …"."""
        real, public = " ".join(source.name.split()), undo_name(source)
        stack = self.undo_stack
        for index in range(stack.count()):
            step = stack.command(index)
            if real and real in step.text():
                step.setText(step.text().replace(real, public))
        stack.undoTextChanged.emit(stack.undoText())  # the actions are named again
        stack.redoTextChanged.emit(stack.redoText())

    def _field_left(self, widget: QObject) -> None:
        """A field saved as typed was left: its undo step is complete."""
        if not isinstance(widget, QWidget) or widget.window() is not self.window:
            return
        stack = self.undo_stack
        step = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if isinstance(step, EditCommand):
            step.sealed = True

    def linked(self, link: uuid.UUID, label: str) -> None:
        """Undo of a new evidence link sends it to the trash; redo brings it back."""
        self.linked_record("evidence_link", link, label)

    def linked_record(self, kind: str, key: uuid.UUID, label: str) -> None:
        """A record just created: undo sends it to the trash (asking first if it has content
        by then), redo brings it back."""
        command = RestoreCommand(self.case.trash, None, lambda: self.case.get_record(kind, key),
                                 label, self.deliver, self.undo_failed)
        command.where = (kind, key)
        with contextlib.suppress(CaseFileError):
            command.created = self.case.get_record(kind, key)
        self.undo_stack.push(command)

    def undo(self) -> None:
        """Edit → Undo (its keys, the menu, the toolbar): typing still waiting is saved
        first — a toolbar button takes no focus, so nothing else saves it — then the last
        change is undone, said and shown."""
        flush_typing(self.window)
        stack = self.undo_stack
        if not stack.canUndo():
            return
        command = stack.command(stack.index() - 1)
        if not self._may_uncreate(command):
            return  # declined: the record stays, and so does its place on the stack
        # Read before the step runs: going to the record may save, and Qt then deletes
        # the step undone (a new step drops the redo history).
        what, where = command.text(), getattr(command, "where", None)
        stack.undo()
        self._went(tr("Undid: {what}").replace("{what}", what), where)

    def redo(self) -> None:
        """Edit → Redo: typing still waiting is saved first (and then there is nothing to
        redo: a new change ends the redo history); else the change undone last is redone,
        said and shown."""
        flush_typing(self.window)
        stack = self.undo_stack
        if not stack.canRedo():
            return
        command = stack.command(stack.index())
        what, where = command.text(), getattr(command, "where", None)
        stack.redo()
        self._went(tr("Redid: {what}").replace("{what}", what), where)

    def _may_uncreate(self, command: QUndoCommand) -> bool:
        """Undoing a creation or an import trashes the records: ask when one holds more
        than it came with (notes, a transcript, a body, a caption) or other records refer
        to it (a photo placed in a draft)."""
        if isinstance(command, ImportCommand):
            return self._may_unimport(command)
        created = getattr(command, "created", None)
        if not isinstance(command, RestoreCommand) or created is None \
                or command.where is None:
            return True
        kind, key = command.where
        try:
            now = self.case.get_record(kind, key)
            referred = bool(self.case.references(kind, key))
        except CaseFileError:
            return True  # gone already: the undo will say so
        if not referred and not grew(created, now):
            return True
        return self.prompts.confirm_action(
            self.window, tr("Undo"), creation_question(undo_name(now)),
            tr("Move to the trash"))

    def _may_unimport(self, command: ImportCommand) -> bool:
        records = command.load()
        try:
            edited = sum(grew(command.imported[r.uuid], r) for r in records
                         if r.uuid in command.imported)
            placed = photos_in_drafts(self.case, {r.uuid for r in records}) \
                if command.kind == "photo" else set()
            used = sum(r.uuid in placed or bool(self.case.references(command.kind, r.uuid))
                       for r in records)
        except CaseFileError:
            return True  # gone already: the undo will say so
        if not edited and not used:
            return True
        return self.prompts.confirm_action(
            self.window, tr("Undo"), import_question(edited, used),
            tr("Move to the trash"))

    def _went(self, message: str, where: tuple[str, uuid.UUID] | None) -> None:
        """Say what an undo or redo did, and show the record it changed."""
        if where is not None and self.go_to is not None:
            kind, key = where
            page = getattr(self.window, "detail_stack", None)
            shown = getattr(page.currentWidget(), "record", None) if page is not None else None
            if getattr(shown, "uuid", None) != key:  # on screen, the panel follows itself
                with contextlib.suppress(CaseFileError):
                    self.go_to(kind, str(key))
        self.status(message)

    def imported_records(self, kind: str, keys: list[uuid.UUID], label: str) -> None:
        """Records an import brought in: undo trashes them all as one deletion."""
        def live() -> list[Any]:
            found = []
            for key in keys:  # one deleted since the import has its own trash entry
                with contextlib.suppress(RecordNotFoundError):
                    found.append(self.case.get_record(kind, key))
            return found

        as_imported = {r.uuid: r for r in live()}  # what a later edit is told from
        self.undo_stack.push(ImportCommand(self.case.trash, live, label, self.deliver,
                                           self.undo_failed, kind, as_imported))

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
        self.delete_records(kind, [record[0] if isinstance(record, tuple) else record])

    def delete_records(self, kind: str, records: list[Any]) -> int:
        """Move records of one kind to the trash, each after what depends on it is said
        (a claim anchored in drafts or with evidence asks first); the ones that went are
        one undo step — none (all declined): no step. How many went."""
        steps = [step for step in (self._delete_one(kind, r) for r in records)
                 if step is not None]
        if len(steps) == 1:
            self.undo_stack.push(steps[0])
        elif steps:
            self.undo_stack.push(BatchCommand(
                tr("delete {n} records").replace("{n}", str(len(steps))), steps))
        if steps:
            self.deliver()
        return len(steps)

    def _delete_one(self, kind: str, record: Any) -> TrashCommand | None:
        """Trash one record (asking what has to be asked); its undo step, not yet pushed."""
        warned = kind == "claim" and self.claim_warning(record)
        if warned is None:
            return None
        cascade = False
        try:
            entry = self.case.trash.delete(record)
        except DeleteRefusedError as exc:
            if not warned and not self.prompts.confirm(
                    self.window, tr("Delete"), tr(
                        "{why}\n\nMove it to the trash together with those links?").replace(
                        "{why}", str(exc))):
                return None
            cascade = True
            try:
                entry = self.case.trash.delete(record, cascade=True)
            except CaseFileError as again:
                self.prompts.error(self.window, tr("Delete"), str(again))
                return None
        except CaseFileError as exc:
            self.prompts.error(self.window, tr("Delete"), str(exc))
            return None
        key = record.uuid
        command = TrashCommand(self.case.trash, entry.uuid,
                               lambda: self.case.get_record(kind, key), cascade,
                               step_name(tr("delete “{name}”"), record), self.deliver,
                               self.undo_failed)
        command.where = (kind, key)
        return command

    def claim_warning(self, claim: Any) -> bool | None:
        """Ask before a claim that drafts are anchored on or that has evidence goes to the
        trash: False when nothing depends on it, True when the user said yes, None: no."""
        try:
            drafts = drafts_anchoring(self.case, claim.uuid)
            evidence = len(self.case.claims.get(claim.uuid).evidence)
        except CaseFileError:
            return False
        if not drafts and not evidence:
            return False
        if self.prompts.confirm_action(self.window, tr("Delete"),
                                       claim_question(drafts, evidence),
                                       tr("Move to the trash")):
            return True
        return None

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
        back: Any = entry  # the trash entry's label is the real name: named as it is now
        with contextlib.suppress(CaseFileError):
            back = self.case.get_record(kind, key)
        self.undo_stack.push(RestoreCommand(self.case.trash, entry.uuid,
                                            lambda: self.case.get_record(kind, key),
                                            step_name(tr("restore “{name}”"), back),
                                            self.deliver, self.undo_failed))
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
