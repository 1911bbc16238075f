"""Files the desktop asks the app to open: on macOS a double-clicked `.casefile` (or one
dropped on the Dock icon) arrives as a QFileOpenEvent, never as an argument — also the one
that launched the app, in its first events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent


class FileOpenEvents(QObject):
    """Installed on the application as soon as it exists, it holds the files it is handed
    (at launch, before the first window: so the app opens the file the user double-clicked
    instead of the case opened last); once released, each file-open event opens its file
    through `open_file` (which says any problem in a message) after the event is handled,
    so a dialog it may raise (a passphrase) does not run inside the event filter."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._open_file: Callable[[Path], object] | None = None
        self._held: list[Path] = []
        parent.installEventFilter(self)

    def release(self, open_file: Callable[[Path], object]) -> list[Path]:
        """The files handed over so far (in order); from now on each opens at once."""
        self._open_file = open_file
        held, self._held = self._held, []
        return held

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file() or event.url().toLocalFile()
            if name:
                path, open_file = Path(name), self._open_file
                if open_file is None:
                    self._held.append(path)
                else:
                    QTimer.singleShot(0, lambda: open_file(path))
                return True
        return super().eventFilter(watched, event)
