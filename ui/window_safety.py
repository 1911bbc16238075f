"""The main window's safety net: automatic backups and their list, restoring one, and
checking the case file — long work on workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from casefile.backups import BackupEntry, BackupShelf
from ui.auto_backup import AutoBackup
from ui.kinds import tr

CASE_FILTER = "Case files (*.casefile)"


class SafetyActions:
    """Mixed into MainWindow: needs `case`, `prompts`, `pool`, `controller`, `run_job`."""

    case: Any
    prompts: Any
    pool: Any
    controller: Any
    run_job: Any
    statusBar: Any  # noqa: N815 - Qt's name
    auto_backup: AutoBackup | None = None

    def start_auto_backup(self, shelf: BackupShelf | None = None) -> AutoBackup:
        """Back the case up automatically from now on (the app does this for each window)."""
        self.auto_backup = AutoBackup(self.case, shelf or BackupShelf.for_case(self.case),
                                      self.pool, self)
        self.auto_backup.taken.connect(lambda e: self.statusBar().showMessage(
            tr("Backed up at {t}").replace("{t}", e.taken_at.astimezone().strftime("%H:%M")),
            10_000))
        self.auto_backup.failed.connect(lambda m: self.statusBar().showMessage(
            tr("Automatic backup failed: {m}").replace("{m}", m)))
        self.auto_backup.cleaned.connect(lambda m: self.statusBar().showMessage(
            tr("Automatic backups cleaned: {m}").replace("{m}", m or tr("none held it"))))
        self.auto_backup.start()
        return self.auto_backup

    def show_backups(self) -> Any:
        """File → Backups…: the list, with *Back up now* and *Restore as a copy…*."""
        from ui.backups_dialog import BackupsDialog

        if self.auto_backup is None:
            self.start_auto_backup()
        assert self.auto_backup is not None
        dialog = BackupsDialog(self.auto_backup, self.restore_backup, self)
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
        out = self.prompts.save_path(self, title, str(suggested), CASE_FILTER)
        if out is None:
            return
        if out.suffix != ".casefile":
            out = out.with_suffix(".casefile")
        if out.resolve() == self.case.path.resolve():
            self.controller.restore_over(self, entry)
            return
        if self.controller is not None and self.controller.is_open(out):
            self.prompts.error(self, title, tr(
                "“{f}” is open in another window. Close it there first, or choose another "
                "name.").replace("{f}", out.name))
            return
        replace = out.exists()
        if replace and not self.prompts.confirm(self, title, tr(
                "“{f}” already exists. Replace it with the backup of {t}?")
                .replace("{f}", out.name).replace("{t}", f"{when:%d %b %Y, %H:%M}")):
            return
        shelf = self.auto_backup.shelf

        def done(_items: list[Path]) -> None:
            if self.controller is not None and self.prompts.confirm(self, title, tr(
                    "The backup of {t} is now the case file “{f}”. Open it now?")
                    .replace("{t}", f"{when:%d %b %Y, %H:%M}").replace("{f}", out.name)):
                self.controller.open_path(out, self)

        self.run_job(title, lambda _c: [shelf.restore(entry, out, replace=replace)], done)

    def check_case_file(self) -> None:
        """File → Check case file: structure, text, references, search index, every stored
        file's hash — on a worker with progress; the result as a message."""
        title = tr("Check case file")

        def steps(_cancel: Any) -> Iterator[SimpleNamespace]:
            for step, done, total, report in self.case.check_steps():
                yield SimpleNamespace(step=step, done=done, total=total, report=report)

        def done(items: list[SimpleNamespace]) -> None:
            if not items:
                return
            report = items[-1].report
            if report.ok:
                self.prompts.info(self, title, tr(
                    "No problems: structure, references, search index and {n} stored files "
                    "verified.").replace("{n}", str(report.blobs_checked)))
            else:
                self.prompts.error(self, title, tr("Problems found:") + "\n" + "\n".join(
                    report.problems[:20]) + "\n\n" + tr(
                    "Recover what can be read into a new file (File → Recover a damaged case "
                    "file…), or restore a backup (File → Backups…)."))

        self.run_job(title, steps, done)
