"""Opening, creating and switching case files: one window per open case, the start screen
when none is open. A case opened or created from a case window takes that window's place
(its geometry; the old case closes after its panels save), as in Zotero or Scrivener —
never a second window partly off-screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QStandardPaths, QThreadPool
from PySide6.QtWidgets import QProgressDialog, QWidget

from casefile.backups import BackupEntry, BackupShelf
from casefile.case import MIN_PASSPHRASE, CaseFile
from casefile.db.driver import encryption_available
from casefile.errors import (
    CaseFileError,
    DamagedCaseFileError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from ui.kinds import tr
from ui.main_window import MainWindow
from ui.preferences import backup_folder
from ui.prompts import Prompts
from ui.recent import remember
from ui.start_screen import StartScreen
from ui.tasks import Job
from ui.upgrade_dialog import open_with_progress
from ui.window_fit import fit_to_screen, restore_geometry, save_geometry

CASE_FILTER = "Case files (*.casefile)"
MAX_TRIES = 3  # wrong passphrases before the open gives up


def documents_folder() -> Path:
    """Where new cases are suggested: a "Casefile" folder in the user's Documents (made
    when it is first suggested, so the file dialog opens there), else Documents itself, else
    the home folder (a Documents folder is never made)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    if not base.is_dir():
        return Path.home()
    folder = base / "Casefile"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return base
    return folder


def untitled_path(folder: Path) -> Path:
    """"Untitled.casefile" in `folder`, numbered when that name is taken."""
    path = folder / "Untitled.casefile"
    number = 2
    while path.exists():
        path = folder / f"Untitled {number}.casefile"
        number += 1
    return path


class AppController:
    """Owns the open windows; widgets ask it to open or create cases, never do it themselves."""

    def __init__(self, prompts: Prompts, settings: QSettings | None = None,
                 sample_path: Callable[[], Path] | None = None) -> None:
        self.prompts = prompts
        self.settings = settings or QSettings("Casefile", "Casefile")
        self.sample_path = sample_path
        self.windows: list[MainWindow] = []
        self.start_screen: StartScreen | None = None
        self.warned: set[str] = set()  # files whose location was warned about

    def show_case(self, case: CaseFile, replacing: QWidget | None = None) -> MainWindow:
        """A window for an open case (the window closes the case when it closes), backed up
        automatically while it is open — into the backup folder of the preferences.
        `replacing`: the case window (or start screen) it takes the place of; that one
        closes once this one is up. The window fits the screen it opens on."""
        window = MainWindow(case, self.prompts, controller=self)
        if isinstance(replacing, MainWindow):
            window.restoreGeometry(replacing.saveGeometry())
        else:
            restore_geometry(window, self.settings)
        fit_to_screen(window)
        self.windows.append(window)
        remember(self.settings, case.path)
        window.show()
        fit_to_screen(window)  # the screen it really opened on
        root = backup_folder(self.settings)
        window.start_auto_backup(BackupShelf.for_case(case, root) if root else None)
        if isinstance(replacing, MainWindow) and replacing in self.windows:
            replacing.close()  # saves its panels, closes its case
        self.close_start_screen()
        return window

    def show_start(self, note: str = "") -> StartScreen:
        """The start screen (New / Open / Recent / the sample case); `note` says quietly
        why it is shown, e.g. that the last case has gone."""
        if self.start_screen is None:
            self.start_screen = StartScreen(self, note)
        else:
            self.start_screen.fill()
            self.start_screen.say(note)
        fit_to_screen(self.start_screen)
        self.start_screen.show()
        self.start_screen.raise_()
        return self.start_screen

    def close_start_screen(self) -> None:
        """A case window is up: the start screen has done its work."""
        if self.start_screen is not None:
            screen, self.start_screen = self.start_screen, None
            screen.close()
            screen.deleteLater()

    def choose_and_open(self, parent: QWidget | None = None) -> MainWindow | None:
        """Open… from the start screen: ask for a case file and open it."""
        path = self.prompts.open_path(parent, tr("Open case file"), CASE_FILTER)
        return self.open_path(path, parent) if path is not None else None

    def open_sample(self, parent: QWidget | None = None) -> MainWindow | None:
        """The sample case, made on first use (on a worker: it takes a moment)."""
        assert self.sample_path is not None
        path = self.sample_path()
        if not path.exists():
            from casefile.sample import create_sample_case

            def make() -> None:
                path.parent.mkdir(parents=True, exist_ok=True)
                create_sample_case(path).close()

            _made, error = self.run_blocking(tr("Making the sample case"), make)
            if error is not None:
                self.prompts.error(parent, tr("Cannot create case file"), error)
                return None
        return self.open_path(path, parent)

    def is_open(self, path: Path) -> bool:
        """Whether a window of this app has `path` open."""
        return any(w.case.path.resolve() == path.resolve() for w in self.windows)

    def run_blocking(self, title: str, work: Callable[[], Any]) -> tuple[Any, str | None]:
        """Run `work()` on a worker while a busy dialog shows; (its result, None) or
        (None, the error message). For the few steps the user must wait for."""
        job = Job(lambda _cancel: [work()])
        outcome: list[tuple[Any, str | None]] = []
        loop = QEventLoop()

        def finished(result: list[Any]) -> None:
            outcome.append((result[0], None))
            loop.quit()

        def failed(message: str) -> None:
            outcome.append((None, message))
            loop.quit()

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        busy = QProgressDialog(title + "…", "", 0, 0)
        busy.setCancelButton(None)
        busy.setMinimumDuration(300)
        QThreadPool.globalInstance().start(job)
        if not outcome:
            loop.exec()
        busy.reset()
        return outcome[0]

    def open_path(self, path: Path, parent: QWidget | None = None, *,
                  in_place: bool = True) -> MainWindow | None:
        """Open a case file — in place of `parent` when that is a case window (Open…, Open
        Recent), else, or when not `in_place` (a restored or recovered copy to compare), in
        a new window; errors become a message (and `parent` stays as it was), never a
        traceback."""
        for window in self.windows:
            if window.case.path.resolve() == path.resolve():
                window.raise_()
                window.activateWindow()
                return window
        case = self.open_case_file(path, parent)
        if case is None:
            return None
        window = self.show_case(case, replacing=parent if in_place else None)
        self.warn_about_location(path, window)
        return window

    def warn_about_location(self, path: Path, parent: QWidget | None) -> None:
        """Once per file and session: a case file on a network drive or in a synced folder."""
        from casefile.location import location_warning

        key = str(path.resolve())
        if key in self.warned:
            return
        self.warned.add(key)
        warning = location_warning(path)
        if warning:
            self.prompts.info(parent, tr("Where this case file is kept"), warning)

    def open_case_file(self, path: Path, parent: QWidget | None = None) -> CaseFile | None:
        """Open a case file, asking for the passphrase of an encrypted one (three tries);
        problems are shown as messages. None when it did not open or the user cancelled.
        A file from an older version is upgraded under a progress dialog with Cancel
        (ui/upgrade_dialog.py); cancelling leaves it as it was."""
        passphrase: str | None = None
        for attempt in range(MAX_TRIES + 1):
            try:
                return open_with_progress(path, passphrase, parent)
            except (PassphraseRequiredError, WrongPassphraseError) as exc:
                if attempt == MAX_TRIES:
                    self.prompts.error(parent, tr("Cannot open case file"), str(exc))
                    return None
                label = (tr("Wrong passphrase. Try again — passphrase for “{f}”:")
                         if isinstance(exc, WrongPassphraseError)
                         else tr("“{f}” is encrypted. Its passphrase:")).replace("{f}", path.name)
                passphrase = self.prompts.passphrase(parent, tr("Open encrypted case file"),
                                                     label)
                if passphrase is None:
                    return None
            except DamagedCaseFileError as exc:
                if self.prompts.confirm(parent, tr("Cannot open case file"), str(exc) + "\n\n" + tr(
                        "Recover what can still be read into a new case file now?")):
                    self.recover(parent, path)
                return None
            except CaseFileError as exc:
                self.prompts.error(parent, tr("Cannot open case file"), str(exc))
                return None
        return None

    def ask_new_passphrase(self, parent: QWidget | None, name: str) -> str | None:
        """A new passphrase, typed twice; None if cancelled or the two differ."""
        first = self.prompts.passphrase(parent, tr("Encrypt case file"), tr(
            "A passphrase for “{f}” (at least {n} characters; a few unrelated words are "
            "strong). Without it nobody can open the file — not even you.")
            .replace("{f}", name).replace("{n}", str(MIN_PASSPHRASE)))
        if first is None:
            return None
        again = self.prompts.passphrase(parent, tr("Encrypt case file"),
                                        tr("The same passphrase again:"))
        if again != first:
            self.prompts.error(parent, tr("Encrypt case file"),
                               tr("The two passphrases differ; nothing was changed."))
            return None
        return first

    def new_case(self, parent: QWidget | None = None) -> MainWindow | None:
        """Ask for a file name (suggested in Documents/Casefile) and a title, create the
        case, open it — in place of `parent` when that is a case window."""
        path = self.prompts.save_path(parent, tr("New case file"),
                                      str(untitled_path(documents_folder())), CASE_FILTER)
        if path is None:
            return None
        if path.suffix != ".casefile":
            path = path.with_suffix(".casefile")
        title = self.prompts.text(parent, tr("New case file"), tr("Working title of the story:"),
                                  path.stem)
        if not title:
            return None
        passphrase = None
        if encryption_available() and self.prompts.confirm(parent, tr("New case file"), tr(
                "Encrypt this case file with a passphrase? Recommended when it will hold "
                "confidential sources: a seized or lost laptop then gives nothing away.")):
            passphrase = self.ask_new_passphrase(parent, path.name)
            if passphrase is None:
                return None
        try:
            case = CaseFile.create(path, title=title, passphrase=passphrase)
        except CaseFileError as exc:
            self.prompts.error(parent, tr("Cannot create case file"), str(exc))
            return None
        window = self.show_case(case, replacing=parent)
        self.warn_about_location(path, window)
        return window

    def convert(self, window: MainWindow, encrypt: bool) -> MainWindow | None:
        """Encrypt (or decrypt) the window's case file: the window closes, the file is
        converted on a worker, and it opens again in a new window."""
        from casefile.encryption import decrypt_file, encrypt_file

        path = window.case.path
        title = tr("Encrypt case file") if encrypt else tr("Remove encryption")
        if encrypt:
            passphrase = self.ask_new_passphrase(window, path.name)
        else:
            if not self.prompts.confirm(window, title, tr(
                    "Remove the encryption of “{f}”? Anyone who gets the file can then read "
                    "everything in it, including confidential sources.").replace("{f}",
                                                                                 path.name)):
                return None
            passphrase = self.prompts.passphrase(window, title, tr("Its current passphrase:"))
        if passphrase is None:
            return None
        window.close()
        convert = encrypt_file if encrypt else decrypt_file
        result, error = self.run_blocking(title, lambda: convert(path, passphrase))
        if error is not None:
            self.prompts.error(None, title, error + "\n\n" + tr(
                "The case file was not changed."))
        elif result.text():  # what happened to its backups and pre-migration copies
            self.prompts.info(None, title, tr("Copies of the case file: ") + result.text()
                              + ".")
        try:  # a plain file ignores the passphrase, so this opens either outcome
            case = CaseFile.open(path, passphrase=passphrase)
        except CaseFileError as exc:
            self.prompts.error(None, tr("Cannot open case file"), str(exc))
            return None
        return self.show_case(case)

    def restore_over(self, window: MainWindow, entry: BackupEntry) -> MainWindow | None:
        """Put a backup in place of the open case file — only after two confirmations, and
        only after the file as it is now has been backed up (so this, too, can be undone)."""
        title = tr("Restore a backup")
        name = window.case.path.name
        when = f"{entry.taken_at.astimezone():%d %b %Y, %H:%M}"
        if not self.prompts.confirm(window, title, tr(
                "Replace the open case file “{f}” with its backup of {t}? Everything changed "
                "since then would be replaced.").replace("{f}", name).replace("{t}", when)):
            return None
        if not self.prompts.confirm(window, title, tr(
                "Really replace “{f}”? It is backed up as it is now first; that backup will be "
                "the newest in the list.").replace("{f}", name)):
            return None
        assert window.auto_backup is not None
        shelf, path, case = window.auto_backup.shelf, window.case.path, window.case
        _taken, error = self.run_blocking(title, lambda: shelf.take(case))
        if error is not None:
            self.prompts.error(window, title, error + "\n\n" + tr("Nothing was replaced."))
            return None
        window.close()
        try:
            shelf.restore(entry, path, replace=True)
        except CaseFileError as exc:
            self.prompts.error(None, title, str(exc))
        return self.open_path(path)

    def recover(self, parent: QWidget | None = None,
                damaged: Path | None = None) -> MainWindow | None:
        """Salvage a damaged case file into a new one, show what was and was not saved,
        and offer to open the result. The damaged file is only read."""
        from casefile.recovery import needs_passphrase, recover

        title = tr("Recover a damaged case file")
        if damaged is None:
            damaged = self.prompts.open_path(parent, title, CASE_FILTER + ";;All files (*)")
            if damaged is None:
                return None
        out = self.prompts.save_path(parent, title, str(damaged.with_name(
            f"{damaged.stem} (recovered).casefile")), CASE_FILTER)
        if out is None:
            return None
        if out.suffix != ".casefile":
            out = out.with_suffix(".casefile")
        if out.exists():
            self.prompts.error(parent, title, tr(
                "“{f}” already exists. Recovery writes a new file: choose another name.")
                .replace("{f}", out.name))
            return None
        passphrase = None
        if needs_passphrase(damaged):
            passphrase = self.prompts.passphrase(parent, title, tr(
                "“{f}” is encrypted. Its passphrase:").replace("{f}", damaged.name))
            if passphrase is None:
                return None
        report, error = self.run_blocking(title, lambda: recover(damaged, out, passphrase))
        if error is not None:
            self.prompts.error(parent, title, error)
            return None
        text = report.text() + "\n\n" + tr("Open the recovered case file now?")
        if self.prompts.confirm(parent, title, text):
            return self.open_path(out, parent, in_place=False)
        return None

    def window_closed(self, window: MainWindow) -> None:
        """Forget a window whose case was closed; the next one opens where it was."""
        if window in self.windows:
            save_geometry(window, self.settings)
            self.windows.remove(window)
