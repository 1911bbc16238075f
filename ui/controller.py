"""Opening, creating and switching case files: one window per open case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from ui.kinds import tr
from ui.main_window import MainWindow
from ui.prompts import Prompts
from ui.recent import remember

CASE_FILTER = "Case files (*.casefile)"


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
        try:
            case = CaseFile.open(path)
        except CaseFileError as exc:
            self.prompts.error(parent, tr("Cannot open case file"), str(exc))
            return None
        return self.show_case(case)

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
        try:
            case = CaseFile.create(path, title=title)
        except CaseFileError as exc:
            self.prompts.error(parent, tr("Cannot create case file"), str(exc))
            return None
        return self.show_case(case)

    def window_closed(self, window: MainWindow) -> None:
        """Forget a window whose case was closed."""
        if window in self.windows:
            self.windows.remove(window)
