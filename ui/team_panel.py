"""A team member: who they are, where they are based, and their place on the byline."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casefile.claims.style import HouseStyle
from casefile.errors import CaseFileError
from casefile.read_models import TeamMemberData, TeamRole
from casefile.services.records import TeamService
from ui.autosave import OnEdit, autosave, save_fields
from ui.forms import name_fields
from ui.kinds import tr
from ui.palette import text_style

ROLE_TEXT = {
    TeamRole.REPORTER: tr("Reporter"), TeamRole.CONTRIBUTOR: tr("Contributor"),
    TeamRole.FIXER: tr("Fixer"), TeamRole.TRANSLATOR: tr("Translator"),
    TeamRole.PHOTOGRAPHER: tr("Photographer"), TeamRole.EDITOR: tr("Editor"),
}


class TeamPanel(QWidget):
    """Edits one team member through the team service; each change is saved as it is made."""

    saved = Signal(object)

    def __init__(self, team: TeamService, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None,
                 style: Callable[[], HouseStyle] | None = None) -> None:
        super().__init__(parent)
        self.team = team
        self.house_style = style  # the house style, for the outlet an empty field stands for
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.record: TeamMemberData | None = None
        self._loading = False
        self.name = QLineEdit()
        self.role = QComboBox()
        for role, text in ROLE_TEXT.items():
            self.role.addItem(text, role)
        self.outlet = QLineEdit()
        self.outlet.setObjectName("outlet")
        self.base_city = QLineEdit()
        self.base_city.setPlaceholderText(tr("e.g. Vladivostok"))
        self.email = QLineEdit()
        self.byline = QSpinBox()
        self.byline.setRange(0, 20)
        self.byline.setSpecialValueText(tr("not on the byline"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(90)
        self.hint = QLabel(tr("New drafts start with the members who have a byline position, "
                              "in that order; each draft can then change its own byline."))
        self.hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for label, widget in ((tr("Name"), self.name), (tr("Role"), self.role),
                              (tr("Outlet"), self.outlet),
                              (tr("Based in"), self.base_city), (tr("Email"), self.email),
                              (tr("Byline position"), self.byline), (tr("Notes"), self.notes)):
            form.addRow(label, widget)
            widget.setAccessibleName(label)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for edit, field in ((self.name, "name"), (self.outlet, "outlet"),
                            (self.base_city, "base_city"), (self.email, "email")):
            edit.editingFinished.connect(lambda e=edit, f=field: self._save({f: e.text()}))
            autosave(edit, lambda e=edit, f=field: self._save({f: e.text()}))
        autosave(self.notes, self.save)  # saved as typed, not only when left
        self.role.currentIndexChanged.connect(
            lambda _i: self._save({"role": TeamRole(self.role.currentData())}))
        self.byline.valueChanged.connect(
            lambda v: self._save({"byline_position": v or None}))
        self.setEnabled(False)

    def show_record(self, member: TeamMemberData) -> None:
        """Fill the form from a team member; the same one again is read after the pending
        save, so a change made elsewhere meanwhile shows (the save wrote only the notes)."""
        self.save()
        if self.record is not None and self.record.uuid == member.uuid:
            with contextlib.suppress(CaseFileError):
                member = self.team.get(member.uuid)
        self._loading = True
        self.record = member
        self.name.setText(member.name)
        self.role.setCurrentIndex(self.role.findData(member.role))
        self.outlet.setText(member.outlet)
        self.refresh_outlet_hint()
        self.base_city.setText(member.base_city)
        self.email.setText(member.email)
        self.byline.setValue(member.byline_position or 0)
        self.notes.setPlainText(member.notes)
        self.problem.clear()
        self.setEnabled(True)
        self._loading = False

    def refresh_outlet_hint(self) -> None:
        """Say what an empty Outlet means: the house style's outlet, named if it is set."""
        outlet = self.house_style().outlet.strip() if self.house_style is not None else ""
        self.outlet.setPlaceholderText(
            tr("as the house style: {o}").replace("{o}", outlet) if outlet
            else tr("e.g. The Northern Ledger (empty: the house style's outlet)"))

    def save(self) -> None:
        """Save the notes (text boxes have no 'finished' signal) when the form is left."""
        if self.record is not None and self.notes.toPlainText() != self.record.notes:
            self._save({"notes": self.notes.toPlainText()})

    def _save(self, fields: dict[str, Any]) -> None:
        if self._loading or self.record is None:
            return
        updated = save_fields(self.team, self.record, fields, self.problem, self.on_edit,
                              tr("edit team member “{n}”").replace("{n}", self.record.name))
        if updated is not None:
            self.record = updated
            self.saved.emit(updated)
