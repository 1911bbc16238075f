""""Link to claim…": which claim the selected records are evidence for, found by typing words
of it (ui/pickers.py ClaimPicker: any claim of any case size is in reach, and nothing is
loaded until something is typed)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from casefile.case import CaseFile
from ui.kinds import tr
from ui.pickers import ClaimPicker


class ClaimChoice(QDialog):
    """Asks for ONE claim; `chosen()` is its UUID (None until one is picked)."""

    def __init__(self, case: CaseFile, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkToClaim")
        self.setWindowTitle(tr("Link to claim"))
        box = QVBoxLayout(self)
        heading = QLabel(tr("Link {what} to a claim, as evidence for it. Type words of the "
                            "claim:").replace("{what}", what))
        heading.setWordWrap(True)
        box.addWidget(heading)
        self.picker = ClaimPicker(case, self)
        self.picker.single = True  # one claim: a second choice replaces the first
        box.addWidget(self.picker)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("&Link"))
        self.ok.setEnabled(False)
        self.picker.changed.connect(lambda keys: self.ok.setEnabled(bool(keys)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(520, 320)
        self.picker.setFocus()

    def chosen(self) -> uuid.UUID | None:
        """The claim picked, if any."""
        keys = self.picker.uuids()
        return uuid.UUID(keys[0]) if keys else None


def ask_claim(case: CaseFile, what: str, parent: QWidget,
              then: Callable[[uuid.UUID], object]) -> ClaimChoice:
    """Open the dialog (window modal, not a nested event loop) and call `then(claim)` once
    the reporter links."""
    dialog = ClaimChoice(case, what, parent)

    def finished(result: int) -> None:
        claim = dialog.chosen()
        if result == QDialog.DialogCode.Accepted and claim is not None:
            then(claim)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
