"""The Export to Word dialog: profile, footnotes, photo metadata (off by default), output,
and — given the case and the draft — the pre-export summary (blocking findings, claims not yet
verified), from which the reporter can go to the words instead of exporting."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from casefile.case import CaseFile
from casefile.claims.checker import Finding
from ui.draft_export_summary import ExportSummary, Summary
from ui.kinds import tr
from ui.prompts import Prompts


@dataclass(frozen=True)
class ExportOptions:
    """What the reporter chose."""

    out: Path
    profile: str = "editor"
    footnotes: bool = True
    keep_photo_metadata: bool = False
    # The blocking findings the pre-export summary showed and the reporter exported over
    # ("Export anyway": the one decision; () when there were none). None: no summary was
    # shown, so the window asks before an override.
    allow_blocking: tuple[Finding, ...] | None = None


class ExportDialog(QDialog):
    """Asks how to export; `options()` reads the answer."""

    def __init__(self, suggested: Path, parent: QWidget | None = None,
                 prompts: Prompts | None = None, *, case: CaseFile | None = None,
                 draft: uuid.UUID | None = None,
                 go_to: Callable[[int, int], object] | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.go_to = go_to  # shows a place in the draft's body, after the dialog closes
        self.summary: ExportSummary | None = None
        self.setWindowTitle(tr("Export to Word"))
        self.profile = QComboBox()
        self.profile.addItem(tr("For the editor: comments, highlights, sourcing tables"), "editor")
        self.profile.addItem(tr("Clean: the text only"), "clean")
        from ui.preferences import preferred_profile  # Preferences → Export profile

        self.profile.setCurrentIndex(max(self.profile.findData(preferred_profile(parent)), 0))
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
        if case is not None and draft is not None:
            self.summary = ExportSummary(case, draft, self)
            self.summary.go_to.connect(self._go_to)
            self.summary.ready.connect(self._summarized)
            self.summary.failed.connect(self._unsummarized)
            form.addRow(QLabel(tr("Before you export")))
            form.addRow(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(tr("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if self.summary is not None:  # nothing goes out before the reporter has seen it
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(tr("Checking the draft…"))
        self.resize(620, self.sizeHint().height() + (220 if self.summary else 0))

    def _summarized(self, summary: Summary) -> None:
        """Export offered once the summary is shown: as "Export anyway" over blocking
        findings (the decision: no question follows), not at all over a protected name."""
        if summary.refused:
            self.export_button.setToolTip(tr("Take the protected name out of the draft "
                                             "first."))
            return
        self.export_button.setEnabled(True)
        if summary.blocking:
            self.export_button.setText(tr("Export &anyway"))
            self.export_button.setToolTip(tr("Export despite the blocking findings listed; "
                                             "the override is recorded on the draft version."))
        else:
            self.export_button.setToolTip("")

    def _unsummarized(self, _message: str) -> None:
        """The check failed (said in the summary): Export is offered; the window checks
        again and asks before anything blocking goes out."""
        self.export_button.setEnabled(True)
        self.export_button.setToolTip("")

    def accept(self) -> None:
        """Only with the summary shown (Enter while checking does nothing) and exportable."""
        if not self.export_button.isEnabled():
            return
        super().accept()

    def _go_to(self, start: int, length: int) -> None:
        """Leave the dialog (nothing is written) and show those words in the draft."""
        go_to = self.go_to
        self.reject()
        if go_to is not None:
            QTimer.singleShot(0, lambda: go_to(start, length))

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
        shown = self.summary.summary if self.summary is not None else None
        return ExportOptions(out, self.profile.currentData(), self.footnotes.isChecked(),
                             self.keep_metadata.isChecked(),
                             tuple(shown.blocking) if shown is not None else None)
