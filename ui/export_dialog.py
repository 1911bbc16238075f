"""The Export to Word dialog: profile, footnotes, photo metadata (off by default), output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.kinds import tr
from ui.prompts import Prompts


@dataclass(frozen=True)
class ExportOptions:
    """What the reporter chose."""

    out: Path
    profile: str = "editor"
    footnotes: bool = True
    keep_photo_metadata: bool = False


class ExportDialog(QDialog):
    """Asks how to export; `options()` reads the answer."""

    def __init__(self, suggested: Path, parent: QWidget | None = None,
                 prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.setWindowTitle(tr("Export to Word"))
        self.profile = QComboBox()
        self.profile.addItem(tr("For the editor: comments, highlights, sourcing tables"), "editor")
        self.profile.addItem(tr("Clean: the text only"), "clean")
        self.footnotes = QCheckBox(tr("Evidence footnotes on every claim"))
        self.footnotes.setChecked(True)
        self.keep_metadata = QCheckBox(tr("Keep photo metadata (EXIF, GPS) — off protects "
                                          "where photos were taken"))
        self.keep_metadata.setChecked(False)
        self.path = QLineEdit(str(suggested))
        self.path.setAccessibleName(tr("Output file"))
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(tr("Profile"), self.profile)
        form.addRow("", self.footnotes)
        form.addRow("", self.keep_metadata)
        form.addRow(tr("Save as"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(tr("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        if self.prompts is None:
            return
        chosen = self.prompts.save_path(self, tr("Export to Word"), self.path.text(),
                                        "Word documents (*.docx)")
        if chosen is not None:
            self.path.setText(str(chosen))

    def options(self) -> ExportOptions:
        """The choices as they stand."""
        out = Path(self.path.text())
        if out.suffix.lower() != ".docx":
            out = out.with_suffix(".docx")
        return ExportOptions(out, self.profile.currentData(), self.footnotes.isChecked(),
                             self.keep_metadata.isChecked())
