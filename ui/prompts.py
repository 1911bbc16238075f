"""Every question the app asks the user goes through one small, replaceable service.

Widgets receive a `Prompts`; tests give them a `ScriptedPrompts` that answers from a script,
so no test ever waits on a modal dialog.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget


class Prompts:
    """Real dialogs."""

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something failed: what, which file, what to do."""
        QMessageBox.critical(parent, title, message)

    def info(self, parent: QWidget | None, title: str, message: str) -> None:
        """Tell the user something worth knowing."""
        QMessageBox.information(parent, title, message)

    def confirm(self, parent: QWidget | None, title: str, message: str) -> bool:
        """Ask yes/no; No is the default."""
        answer = QMessageBox.question(parent, title, message,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


class ScriptedPrompts(Prompts):
    """Answers from a script and records what was asked (for tests and --smoke runs)."""

    def __init__(self, answers: list[Any] | None = None) -> None:
        self.answers: deque[Any] = deque(answers or [])
        self.shown: list[tuple[str, str, str]] = []

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        self.shown.append(("error", title, message))

    def info(self, parent: QWidget | None, title: str, message: str) -> None:
        self.shown.append(("info", title, message))

    def confirm(self, parent: QWidget | None, title: str, message: str) -> bool:
        self.shown.append(("confirm", title, message))
        return bool(self.answers.popleft()) if self.answers else False
