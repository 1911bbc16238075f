"""The main window's deleting, restoring and emptying of the trash, and undo/redo."""

from __future__ import annotations

import contextlib
from typing import Any

from casefile.errors import CaseFileError, DeleteRefusedError, RecordNotFoundError
from ui.kinds import BY_KEY, tr
from ui.undo import EditCommand, ImportCommand, RestoreCommand, TrashCommand


class TrashActions:
    """Mixed into MainWindow: needs `case`, `prompts`, `undo_stack`, `current_kind`."""

    case: Any
    prompts: Any
    undo_stack: Any
    current_kind: str
    detail_stack: Any
    claim_panel: Any
    auto_backup: Any
    statusBar: Any  # noqa: N815 - Qt's name

    def record_edit(self, service: Any, record: Any, before: dict[str, Any],
                    after: dict[str, Any], label: str) -> None:
        """Put an edit the core has made on the undo stack."""
        self.undo_stack.push(EditCommand(service, record, before, after, label,
                                         self._after_undo, self._undo_failed))

    def _linked(self, link: Any, label: str) -> None:
        """Undo of a new evidence link sends it to the trash; redo brings it back."""
        self._linked_record("evidence_link", link, label)

    def _linked_record(self, kind: str, key: Any, label: str) -> None:
        """A record just created: undo sends it to the trash, redo brings it back."""
        self.undo_stack.push(RestoreCommand(
            self.case.trash, None, lambda: self.case.get_record(kind, key), label,
            self._after_undo, self._undo_failed))

    def _imported_records(self, kind: str, keys: list[Any], label: str) -> None:
        """Records an import brought in: undo trashes them all as one deletion."""
        def live() -> list[Any]:
            found = []
            for key in keys:  # one deleted since the import has its own trash entry
                with contextlib.suppress(RecordNotFoundError):
                    found.append(self.case.get_record(kind, key))
            return found

        self.undo_stack.push(ImportCommand(self.case.trash, live, label, self._after_undo,
                                           self._undo_failed))

    def _unlinked(self, entry: Any, link: Any, label: str) -> None:
        """Undo of an unlink restores the link."""
        self.undo_stack.push(TrashCommand(
            self.case.trash, entry, lambda: self.case.get_record("evidence_link", link), False,
            label, self._after_undo, self._undo_failed))

    def _after_undo(self) -> None:
        """Show the result of an undo/redo: lists, counts and the record that changed."""
        record = self._selected()
        kind = self.current_kind
        self.refresh()
        if record is not None and kind in BY_KEY and kind != "trash":
            self.open_record(kind, str(record.uuid))
        elif self.detail_stack.currentWidget() is self.claim_panel:
            with contextlib.suppress(CaseFileError):  # e.g. search results beside the claim
                self.claim_panel.refresh()

    def _undo_failed(self, message: str) -> None:
        self.prompts.error(self, tr("Undo"), message)

    def delete_selected(self) -> None:
        """Move the selected record to the trash; say why if evidence depends on it."""
        record = self._selected()
        if record is None or self.current_kind == "trash":
            return
        cascade = False
        try:
            entry = self.case.trash.delete(record)
        except DeleteRefusedError as exc:
            if not self.prompts.confirm(self, tr("Delete"), str(exc) + "\n\n" + tr(
                    "Move it to the trash together with those links?")):
                return
            cascade = True
            entry = self.case.trash.delete(record, cascade=True)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Delete"), str(exc))
            return
        kind, key = record.KIND, record.uuid
        self.undo_stack.push(TrashCommand(self.case.trash, entry.uuid,
                                          lambda: self.case.get_record(kind, key), cascade,
                                          tr("delete ") + record.label, self._after_undo,
                                          self._undo_failed))
        self.refresh()

    def restore_selected(self) -> None:
        """Bring back the selected deletion (Trash view)."""
        entry = self._selected()
        if entry is None or self.current_kind != "trash":
            return
        try:
            self.case.trash.restore(entry.uuid)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Restore"), str(exc))
            return
        kind, key = entry.record_kind, entry.record_uuid
        self.undo_stack.push(RestoreCommand(self.case.trash, entry.uuid,
                                            lambda: self.case.get_record(kind, key),
                                            tr("restore ") + entry.label, self._after_undo,
                                            self._undo_failed))
        self.refresh()

    def empty_trash(self) -> None:
        """Delete everything in the trash for good, after asking — and by default clean the
        automatic backups too (they still hold what was purged): a fresh backup replaces
        the older ones, on a worker."""
        from casefile.backups import BackupShelf, Purged, purge_everywhere

        count = self.case.trash.count()
        if not count:
            return
        yes, clean = self.prompts.confirm_with_option(
            self, tr("Empty the trash"),
            tr("Delete the {n} items in the trash for good? This cannot be undone.\n\n"
               "The automatic backups taken until now still hold them; cleaning replaces "
               "those backups with one fresh backup.").replace("{n}", str(count)),
            tr("Also clean the automatic backups (recommended)"), True)
        if not yes:
            return
        purged = purge_everywhere(self.case, clean_backups=False)
        self.refresh()
        if not clean:
            return
        if self.auto_backup is not None:
            self.auto_backup.clean_after_purge()
            return

        def retake(_cancel: object) -> list[object]:  # a window without automatic backups
            _fresh, report = BackupShelf.for_case(self.case).retake_after_purge(self.case)
            return [Purged(purged.deletions, _fresh, report)]

        self.run_job(tr("Clean the backups"), retake,
                     lambda items: self.statusBar().showMessage(items[0].text()))
