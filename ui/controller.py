"""Opening, creating and switching case files: one window per open case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QThreadPool
from PySide6.QtWidgets import QProgressDialog

from casefile.case import MIN_PASSPHRASE, CaseFile
from casefile.db.driver import encryption_available
from casefile.errors import CaseFileError, PassphraseRequiredError, WrongPassphraseError
from ui.kinds import tr
from ui.main_window import MainWindow
from ui.prompts import Prompts
from ui.recent import remember
from ui.tasks import Job

CASE_FILTER = "Case files (*.casefile)"
MAX_TRIES = 3  # wrong passphrases before the open gives up


class AppController:
    """Owns the open windows; widgets ask it to open or create cases, never do it themselves."""

    def __init__(self, prompts: Prompts, settings: QSettings | None = None) -> None:
        self.prompts = prompts
        self.settings = settings or QSettings("Casefile", "Casefile")
        self.windows: list[MainWindow] = []

    def show_case(self, case: CaseFile) -> MainWindow:
        """A window for an open case (the window closes the case when it closes)."""
        window = MainWindow(case, self.prompts, controller=self)
        self.windows.append(window)
        remember(self.settings, case.path)
        window.show()
        return window

    def open_path(self, path: Path, parent: Any = None) -> MainWindow | None:
        """Open a case file in a new window; errors become a message, never a traceback."""
        for window in self.windows:
            if window.case.path.resolve() == path.resolve():
                window.raise_()
                window.activateWindow()
                return window
        case = self.open_case_file(path, parent)
        return self.show_case(case) if case is not None else None

    def open_case_file(self, path: Path, parent: Any = None) -> CaseFile | None:
        """Open a case file, asking for the passphrase of an encrypted one (three tries);
        problems are shown as messages. None when it did not open or the user cancelled."""
        passphrase: str | None = None
        for attempt in range(MAX_TRIES + 1):
            try:
                return CaseFile.open(path, passphrase=passphrase)
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
            except CaseFileError as exc:
                self.prompts.error(parent, tr("Cannot open case file"), str(exc))
                return None
        return None

    def ask_new_passphrase(self, parent: Any, name: str) -> str | None:
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

    def new_case(self, parent: Any = None) -> MainWindow | None:
        """Ask for a file name and a title, create the case, open it."""
        path = self.prompts.save_path(parent, tr("New case file"), "Untitled.casefile",
                                      CASE_FILTER)
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
        return self.show_case(case)

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
        job = Job(lambda _cancel: [convert(path, passphrase)])
        outcome: list[str | None] = []
        loop = QEventLoop()
        job.signals.finished.connect(lambda _r: (outcome.append(None), loop.quit()))
        job.signals.failed.connect(lambda message: (outcome.append(message), loop.quit()))
        busy = QProgressDialog(title + "…", "", 0, 0)
        busy.setCancelButton(None)
        busy.setMinimumDuration(300)
        QThreadPool.globalInstance().start(job)
        if not outcome:
            loop.exec()
        busy.reset()
        if outcome and outcome[0] is not None:
            self.prompts.error(None, title, outcome[0] + "\n\n" + tr(
                "The case file was not changed."))
        try:  # a plain file ignores the passphrase, so this opens either outcome
            case = CaseFile.open(path, passphrase=passphrase)
        except CaseFileError as exc:
            self.prompts.error(None, tr("Cannot open case file"), str(exc))
            return None
        return self.show_case(case)

    def window_closed(self, window: MainWindow) -> None:
        """Forget a window whose case was closed."""
        if window in self.windows:
            self.windows.remove(window)
