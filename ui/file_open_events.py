"""Files the desktop asks the running app to open: on macOS a double-clicked `.casefile`
(or one dropped on the Dock icon) arrives as a QFileOpenEvent, never as an argument."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent


class FileOpenEvents(QObject):
    """Installed on the application: each file-open event opens that file (through `open_file`,
    which shows any problem as a message), after the event is handled, so a dialog it may
    raise (a passphrase) does not run inside the event filter."""

    def __init__(self, parent: QObject, open_file: Callable[[Path], object]) -> None:
        super().__init__(parent)
        self._open_file = open_file
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file() or event.url().toLocalFile()
            if name:
                path = Path(name)
                QTimer.singleShot(0, lambda: self._open_file(path))
                return True
        return super().eventFilter(watched, event)
