"""The Batch edit… dialog: what to set on every selected record. Only the fields the reporter
touches change (typing in a box or choosing a credit ticks its "change" box); the rest are
left as each record has them. Photos: caption, credit (a team member or a source), rights
note, a person in them added or taken off; any kind: a tag put on or taken off. People are
found by typing (ui/pickers.py): none is out of reach, nothing is loaded up front, and a
protected source shows only as its pseudonym."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from ui.batch_edit import Edit, how_many
from ui.kinds import tr
from ui.pickers import CreditPicker, PeoplePicker


class BatchEditDialog(QDialog):
    """Asks what to change on `count` records of `kind`; `edit()` is the answer."""

    def __init__(self, case: CaseFile, kind: str, count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchEdit")
        self.kind = kind
        self.setWindowTitle(tr("Batch edit"))
        self.setMinimumWidth(540)  # the pickers' hints read whole
        box = QVBoxLayout(self)
        heading = QLabel(tr("Change {what} at once. Only what you tick changes.").replace(
            "{what}", how_many(kind, count)))
        heading.setWordWrap(True)
        box.addWidget(heading)
        form = QFormLayout()
        box.addLayout(form)
        self.changes: dict[str, QCheckBox] = {}
        self.caption = self.rights = None
        self.credit = self.add_person = self.remove_person = None
        if kind == "photo":
            self.caption = self._line(form, "caption", tr("&Caption:"))
            self.credit = CreditPicker(case, self)
            self.credit.setObjectName("batchCredit")
            self._ticked(form, "credit", self.credit, tr("C&redit:"))
            self.credit.changed.connect(lambda _k: self.changes["credit"].setChecked(True))
            self.rights = self._line(form, "rights_note", tr("Ri&ghts note:"))
            self.add_person = self._people(case, form, "batchAddPerson",
                                           tr("&Add a person in them:"))
            self.remove_person = self._people(case, form, "batchRemovePerson",
                                              tr("Take a &person off:"))
        self.add_tag = QLineEdit()
        self.add_tag.setObjectName("batchAddTag")
        form.addRow(tr("Put the &tag on:"), self.add_tag)
        self.remove_tag = QLineEdit()
        self.remove_tag.setObjectName("batchRemoveTag")
        form.addRow(tr("Take the tag o&ff:"), self.remove_tag)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Appl&y to all"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def _line(self, form: QFormLayout, name: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"batch_{name}")
        edit.textEdited.connect(lambda _t: self.changes[name].setChecked(True))
        self._ticked(form, name, edit, label)
        return edit

    def _ticked(self, form: QFormLayout, name: str, field: QWidget, label: str) -> None:
        """A form row: the field, and its "change" box (only ticked fields change)."""
        change = QCheckBox(tr("change"))
        change.setObjectName(f"batch_{name}_change")
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(change)
        title = QLabel(label)
        title.setBuddy(field)  # its mnemonic (Alt+C…) goes to the field, not to the layout
        form.addRow(title, row)
        self.changes[name] = change

    def _people(self, case: CaseFile, form: QFormLayout, name: str,
                label: str) -> PeoplePicker:
        picker = PeoplePicker(case, self, allow_create=False, single=True,
                              placeholder=tr("Type the name of a source…"))
        picker.setObjectName(name)
        title = QLabel(label)
        title.setBuddy(picker)
        form.addRow(title, picker)
        return picker

    def edit(self) -> Edit:
        """What the reporter asked for."""
        fields: dict[str, Any] = {}
        for name, line in (("caption", self.caption), ("rights_note", self.rights)):
            if line is not None and self.changes[name].isChecked():
                fields[name] = line.text().strip()
        if self.credit is not None and self.changes["credit"].isChecked():
            fields.update({k: uuid.UUID(v) if v else None
                           for k, v in self.credit.credit().items()})

        def person(picker: PeoplePicker | None) -> uuid.UUID | None:
            keys = picker.uuids() if picker is not None else []
            return uuid.UUID(keys[0]) if keys else None

        return Edit(fields, person(self.add_person), person(self.remove_person),
                    self.add_tag.text(), self.remove_tag.text())


def open_batch_dialog(window: Any, kind: str, records: list[Any]) -> BatchEditDialog:
    """Show the dialog for `records` (window modal); applying it runs one batch."""
    dialog = BatchEditDialog(window.case, kind, len(records), window)
    dialog.accepted.connect(lambda: window.batch.edit(kind, records, dialog.edit()))
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    window.batch_editor = dialog
    dialog.open()
    return dialog
