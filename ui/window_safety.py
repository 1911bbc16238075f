"""The main window's safety net: automatic backups and their list, restoring one, and
checking the case file — long work on workers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool

from casefile.backups import BackupEntry, BackupShelf
from casefile.case import CaseFile
from ui.auto_backup import AutoBackup
from ui.kinds import tr
from ui.prompts import Prompts
from ui.window_trash import RunJob

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.backups_dialog import BackupsDialog
    from ui.controller import AppController

CASE_FILTER = "Case files (*.casefile)"


class SafetyActions:
    """The window's automatic backups (`auto_backup`, once started), their list, restoring
    one, and checking the case file. `parent` is the parent of its dialogs; `restore_over`
    puts a backup in place of the open file (the controller, replacing the window), None
    where no controller runs the windows."""

    def __init__(self, parent: QWidget, case: CaseFile, prompts: Prompts, pool: QThreadPool,
                 controller: AppController | None, run_job: RunJob,
                 status: Callable[[str, int], None],
                 restore_over: Callable[[BackupEntry], object] | None = None) -> None:
        self.window = parent
        self.restore_over = restore_over
        self.case = case
        self.prompts = prompts
        self.pool = pool
        self.controller = controller
        self.run_job = run_job
        self.status = status
        self.auto_backup: AutoBackup | None = None

    def start_auto_backup(self, shelf: BackupShelf | None = None) -> AutoBackup:
        """Back the case up automatically from now on (the app does this for each window)."""
        auto = AutoBackup(self.case, shelf or BackupShelf.for_case(self.case), self.pool,
                          self.window)
        self.auto_backup = auto
        auto.taken.connect(lambda e: self.status(
            tr("Backed up at {t}").replace("{t}", e.taken_at.astimezone().strftime("%H:%M")),
            10_000))
        auto.failed.connect(lambda m: self.status(
            tr("Automatic backup failed: {m}").replace("{m}", m), 0))
        auto.cleaned.connect(lambda m: self.status(
            tr("Automatic backups cleaned: {m}").replace("{m}", m or tr("none held it")), 0))
        auto.start()
        return auto

    def show_backups(self) -> BackupsDialog:
        """File → Backups…: the list, with *Back up now* and *Restore as a copy…*."""
        from ui.backups_dialog import BackupsDialog

        if self.auto_backup is None:
            self.start_auto_backup()
        assert self.auto_backup is not None
        dialog = BackupsDialog(self.auto_backup, self.restore_backup, self.window)
        dialog.open()
        return dialog

    def restore_backup(self, entry: BackupEntry) -> None:
        """Restore a backup as a new case file (the suggestion); over the open case file
        only after two confirmations (the controller does that)."""
        assert self.auto_backup is not None
        title = tr("Restore a backup")
        when = entry.taken_at.astimezone()
        suggested = self.case.path.with_name(
            f"{self.case.path.stem} (backup {when:%Y-%m-%d %H.%M}).casefile")
        out = self.prompts.save_path(self.window, title, str(suggested), CASE_FILTER)
        if out is None:
            return
        if out.suffix != ".casefile":
            out = out.with_suffix(".casefile")
        if out.resolve() == self.case.path.resolve():
            if self.restore_over is not None:
                self.restore_over(entry)
            return
        if self.controller is not None and self.controller.is_open(out):
            self.prompts.error(self.window, title, tr(
                "“{f}” is open in another window. Close it there first, or choose another "
                "name.").replace("{f}", out.name))
            return
        replace = out.exists()
        if replace and not self.prompts.confirm(self.window, title, tr(
                "“{f}” already exists. Replace it with the backup of {t}?")
                .replace("{f}", out.name).replace("{t}", f"{when:%d %b %Y, %H:%M}")):
            return
        shelf = self.auto_backup.shelf

        def done(_items: list[Path]) -> None:
            if self.controller is not None and self.prompts.confirm(self.window, title, tr(
                    "The backup of {t} is now the case file “{f}”. Open it now?")
                    .replace("{t}", f"{when:%d %b %Y, %H:%M}").replace("{f}", out.name)):
                self.controller.open_path(out, self.window, in_place=False)

        self.run_job(title, lambda _c: [shelf.restore(entry, out, replace=replace)], done)

    def check_case_file(self) -> None:
        """File → Check case file: structure, text, references, search index, every stored
        file's hash — on a worker with progress; the result as a message."""
        title = tr("Check case file")

        def steps(_cancel: object) -> Iterator[SimpleNamespace]:
            for step, done, total, report in self.case.check_steps():
                yield SimpleNamespace(step=step, done=done, total=total, report=report)

        def done(items: list[SimpleNamespace]) -> None:
            if not items:
                return
            report = items[-1].report
            if report.ok:
                self.prompts.info(self.window, title, tr(
                    "No problems: structure, references, search index and {n} stored files "
                    "verified.").replace("{n}", str(report.blobs_checked)))
            else:
                self.prompts.error(self.window, title, tr("Problems found:") + "\n" + "\n".join(
                    report.problems[:20]) + "\n\n" + tr(
                    "Recover what can be read into a new file (File → Recover a damaged case "
                    "file…), or restore a backup (File → Backups…)."))

        self.run_job(title, steps, done)
