"""The house style dialog: how the newsroom attributes, writes dates, and names its outlet.

Each change is stored on the case as it is made (like every form); a refusal from the core is
shown in the dialog and the typed text kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.claims.style import OUTLET_MAX, HouseStyle
from casefile.errors import CaseFileError
from ui.forms import name_fields
from ui.kinds import tr
from ui.palette import text_style

_EXAMPLE_DAY = date(2026, 11, 12)


class HouseStyleBox(QWidget):
    """Edits the case's house style; `changed` is called after each stored change. A page
    of the case settings dialog (ui/case_settings.py), and the body of HouseStyleDialog."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None,
                 changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.changed = changed
        self.house = case.house_style()
        self.courtesy = QCheckBox(tr("“Mr. Petrov” on second reference (else “Petrov”)"))
        self.courtesy.setChecked(self.house.courtesy_titles)
        self.verb = QComboBox()
        for verb, text in (("said", tr("said (news)")), ("says", tr("says (features)"))):
            self.verb.addItem(text, verb)
        self.verb.setCurrentIndex(max(self.verb.findData(self.house.verb), 0))
        self.dates = QComboBox()
        for key in ("us", "uk", "iso"):
            self.dates.addItem(HouseStyle(date_style=key).date(_EXAMPLE_DAY), key)
        self.dates.setCurrentIndex(max(self.dates.findData(self.house.date_style), 0))
        self.outlet = QLineEdit(self.house.outlet)
        self.outlet.setObjectName("houseOutlet")
        self.outlet.setMaxLength(OUTLET_MAX)
        self.outlet.setPlaceholderText(tr("e.g. The Northern Ledger"))
        self.outlet.setToolTip(tr("Printed in the author tagline (“… is a reporter for The "
                                  "Northern Ledger, based in Helsinki.”); a team member's own "
                                  "outlet wins."))
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Courtesy titles"), self.courtesy)
        form.addRow(tr("Speech verb"), self.verb)
        form.addRow(tr("Dates"), self.dates)
        form.addRow(tr("Outlet"), self.outlet)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.courtesy.toggled.connect(lambda on: self._save(courtesy_titles=on))
        self.verb.currentIndexChanged.connect(
            lambda _i: self._save(verb=self.verb.currentData()))
        self.dates.currentIndexChanged.connect(
            lambda _i: self._save(date_style=self.dates.currentData()))
        self.outlet.editingFinished.connect(self._outlet_done)

    def _save(self, **fields: Any) -> None:
        """Store one change; the core's refusal is shown and nothing is stored."""
        try:
            style = replace(self.house, **fields)
            if style == self.house:
                return
            self.case.set_house_style(style)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.house = style
        self.problem.clear()
        if self.changed is not None:
            self.changed()

    def _outlet_done(self) -> None:
        outlet = " ".join(self.outlet.text().split())
        self._save(outlet=outlet)
        if self.house.outlet == outlet and self.outlet.text() != outlet:
            self.outlet.setText(outlet)  # show it as it is stored, and as it prints

    def finish(self) -> None:
        """The dialog closes: what is still typed in Outlet is kept."""
        self._outlet_done()


class HouseStyleDialog(QDialog):
    """The house style alone in a dialog (the app opens it as a page of the case settings)."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None,
                 changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("House style"))
        self.box = HouseStyleBox(case, self, changed)
        self.courtesy, self.verb, self.dates = self.box.courtesy, self.box.verb, self.box.dates
        self.outlet, self.problem = self.box.outlet, self.box.problem
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        """Closing with the cursor still in Outlet keeps what was typed."""
        self.box.finish()
        super().done(result)
