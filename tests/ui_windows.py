"""A case window as the UI tests open it: real widgets at 1024x700, scripted dialogs, and
settings in the test's own folder (never the developer's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts


def case_window(qtbot, case: CaseFile, tmp_path: Path, answers: list | None = None
                ) -> tuple[MainWindow, ScriptedPrompts]:
    """The window shown and exposed, with the prompts that answer its dialogs."""
    prompts = ScriptedPrompts(answers)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(case, prompts, settings=settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window, prompts
