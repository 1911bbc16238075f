"""Opening a case file from an older version: the upgrade runs on a worker, under a progress
dialog with Cancel; a cancelled upgrade leaves the file exactly as it was.

A file of the current format opens as before, at once on the UI thread. An older plain file,
and any encrypted one (its format cannot be read before the key), opens on a worker through
`casefile.case.upgrade_steps`; the dialog appears with the first upgrade step, so a current
encrypted file never shows it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from casefile.case import CaseFile, upgrade_steps
from casefile.db.header import read_header
from casefile.db.migrations import CURRENT_VERSION
from casefile.db.upgrade import UpgradeCancelledError
from ui.kinds import tr


class _Signals(QObject):
    progress = Signal(object)  # (step, done, total)
    ended = Signal()


class _OpenJob(QRunnable):
    """`upgrade_steps` on a pool thread; keeps the opened case or the exception it raised,
    for the UI thread to take (an exception is raised again there, unchanged)."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        super().__init__()
        self.path, self.passphrase = path, passphrase
        self.cancel = threading.Event()
        self.signals = _Signals()
        self.case: CaseFile | None = None
        self.error: BaseException | None = None
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            steps = upgrade_steps(self.path, passphrase=self.passphrase, cancel=self.cancel)
            while True:
                try:
                    item = next(steps)
                except StopIteration as opened:
                    self.case = opened.value
                    break
                self.signals.progress.emit(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, raised there
            self.error = exc
        finally:
            self.signals.ended.emit()


def needs_worker(path: Path) -> bool:
    """Whether opening may upgrade the file: an older plain file, or an encrypted one."""
    try:
        header = read_header(path)
    except Exception:  # noqa: BLE001 - CaseFile.open gives the plain message for it
        return False
    return header.encrypted or header.user_version < CURRENT_VERSION


class UpgradeProgress:
    """One open with its progress dialog (created on the first upgrade step)."""

    def __init__(self, path: Path, passphrase: str | None,
                 parent: QWidget | None = None) -> None:
        self.path, self.parent = path, parent
        self.job = _OpenJob(path, passphrase)
        self.dialog: QProgressDialog | None = None
        self._shown = -1  # the last step shown

    def run(self) -> CaseFile | None:
        """Open the file (upgrading it); None if the user cancelled the upgrade. Raises what
        `CaseFile.open` raises."""
        loop = QEventLoop()
        self.job.signals.progress.connect(self.on_progress)
        self.job.signals.ended.connect(loop.quit)
        QThreadPool.globalInstance().start(self.job)
        loop.exec()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
        if isinstance(self.job.error, UpgradeCancelledError):
            return None
        if self.job.error is not None:
            raise self.job.error
        return self.job.case

    def on_progress(self, item: tuple[str, int, int]) -> None:
        """Show where the upgrade is (the worker's signal, on the UI thread)."""
        step, done, total = item
        # A modal dialog's setValue processes events, so the next step's signal can arrive
        # inside this one: never go back to an older step.
        if done < self._shown:
            return
        self._shown = done
        if self.dialog is None:
            self.dialog = QProgressDialog(self.parent)
            label = QLabel()
            label.setWordWrap(True)  # the sentence names the file: it must not be cut off
            label.setMinimumWidth(420)
            self.dialog.setLabel(label)
            self.dialog.setWindowTitle(tr("Upgrading case file"))
            self.dialog.setCancelButtonText(tr("Cancel"))
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setMinimumDuration(0)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.show()
        if not self.job.cancel.is_set():
            self.dialog.setLabelText(tr(
                "“{f}” was written by an older version of Casefile and is being brought up to "
                "date (a copy of it is kept beside it). Step {n} of {t}: {s}.")
                .replace("{f}", self.path.name).replace("{n}", str(done + 1))
                .replace("{t}", str(total)).replace("{s}", step))
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def cancel(self) -> None:
        """Stop the upgrade: the worker rolls it back, and the file stays as it was."""
        self.job.cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Cancelling — the file is left as it was…"))


def open_with_progress(path: Path, passphrase: str | None, parent: QWidget | None = None
                       ) -> CaseFile | None:
    """`CaseFile.open` for the app: at once for a current plain file, else on a worker with
    the upgrade's progress and Cancel. None when the user cancelled the upgrade."""
    if not needs_worker(path):
        return CaseFile.open(path, passphrase=passphrase)
    return UpgradeProgress(path, passphrase, parent).run()
