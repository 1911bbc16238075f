"""Every question the app asks the user goes through one small, replaceable service.

Widgets receive a `Prompts`; tests give them a `ScriptedPrompts` that answers from a script,
so no test ever waits on a modal dialog.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


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

    def confirm_action(self, parent: QWidget | None, title: str, message: str,
                       action: str) -> bool:
        """Ask whether to go ahead with `action` (the button's label) or cancel; Cancel is
        the default, so Enter never overrides anything."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                          QMessageBox.StandardButton.NoButton, parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def confirm_with_option(self, parent: QWidget | None, title: str, message: str,
                            option: str, checked: bool = True) -> tuple[bool, bool]:
        """Ask yes/no (No is the default) with a checkbox `option` under the question;
        (the answer, whether the box was ticked)."""
        from PySide6.QtWidgets import QCheckBox

        box = QMessageBox(QMessageBox.Icon.Question, title, message,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          parent)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        tick = QCheckBox(option)
        tick.setChecked(checked)
        box.setCheckBox(tick)
        answer = box.exec()
        return answer == QMessageBox.StandardButton.Yes, tick.isChecked()

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        """A file to read, or None if the user cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(name) if name else None

    def open_paths(self, parent: QWidget | None, title: str, filters: str) -> list[Path]:
        """Files to read (empty if the user cancelled)."""
        names, _ = QFileDialog.getOpenFileNames(parent, title, "", filters)
        return [Path(n) for n in names]

    def save_path(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        """A file to write, or None if the user cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None

    def text(self, parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
        """A line of text, or None if the user cancelled."""
        answer, ok = QInputDialog.getText(parent, title, label, text=value)
        return answer if ok else None

    def passphrase(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A passphrase, typed hidden; None if the user cancelled."""
        answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        return answer if ok else None

    def choose(self, parent: QWidget | None, title: str, label: str,
               items: list[str]) -> int | None:
        """The index of one of `items`, or None if the user cancelled."""
        answer, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(answer) if ok and answer in items else None


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

    def confirm_action(self, parent: QWidget | None, title: str, message: str,
                       action: str) -> bool:
        self.shown.append(("confirm", title, message))
        return bool(self.answers.popleft()) if self.answers else False

    def confirm_with_option(self, parent: QWidget | None, title: str, message: str,
                            option: str, checked: bool = True) -> tuple[bool, bool]:
        """A scripted answer: True/False keeps the box as it was; (yes, ticked) sets both."""
        self.shown.append(("confirm", title, message + "\n[" + option + "]"))
        answer = self.answers.popleft() if self.answers else False
        if isinstance(answer, tuple):
            return bool(answer[0]), bool(answer[1])
        return bool(answer), checked

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.shown.append(("open", title, filters))
        return self.answers.popleft() if self.answers else None

    def open_paths(self, parent: QWidget | None, title: str, filters: str) -> list[Path]:
        self.shown.append(("open", title, filters))
        return list(self.answers.popleft()) if self.answers else []

    def save_path(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        self.shown.append(("save", title, suggested))
        return self.answers.popleft() if self.answers else None

    def text(self, parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
        self.shown.append(("text", title, label))
        return self.answers.popleft() if self.answers else None

    def passphrase(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.shown.append(("passphrase", title, label))  # never the answer itself
        return self.answers.popleft() if self.answers else None

    def choose(self, parent: QWidget | None, title: str, label: str,
               items: list[str]) -> int | None:
        self.shown.append(("choose", title, label))
        return self.answers.popleft() if self.answers else None
