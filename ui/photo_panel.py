"""The selected photo: a large preview, its caption, credit (a team member or a source),
place, when it was taken and the people in it — edited in place and saved as typed — and what
its EXIF says (GPS, camera). Protected sources show as their pseudonym with a lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import PhotoData
from ui.autosave import OnEdit, autosave, save_fields
from ui.case_changes import reread, same_version
from ui.forms import add_facts, name_fields
from ui.kinds import tr
from ui.palette import text_style
from ui.pickers import CreditPicker, DateTimeField, PeoplePicker
from ui.prompts import Prompts


def coordinates(lat: float | None, lon: float | None) -> str:
    """'50.2588° N, 127.5301° E'."""
    if lat is None or lon is None:
        return ""
    return (f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.4f}° {'E' if lon >= 0 else 'W'}")


# The kinds of record the panel shows besides the photo: who is in it, who took it.
PEOPLE_KINDS = ("source", "team_member")


class PhotoPanel(QWidget):
    """Shows and edits one photo through the case's photo, team and source services."""

    saved = Signal(object)

    def __init__(self, case: CaseFile, prompts: Prompts, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.photos = case.photos
        self.prompts = prompts
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.record: PhotoData | None = None
        self._loading = False
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(240)
        self.caption = QLineEdit()
        self.caption.setObjectName("caption")
        self.caption.setPlaceholderText(tr("What the photo shows, for the caption"))
        self.place = QLineEdit()
        self.credit = CreditPicker(case)  # a team member or a source, found by typing
        self.credit.setObjectName("credit")
        self.credit.changed.connect(lambda _keys: self._save(self.credit.credit()))
        self.rights = QLineEdit()
        self.rights.setPlaceholderText(tr("e.g. used with permission; not for resale"))
        self.taken = DateTimeField()
        self.taken.setObjectName("takenAt")
        self.taken.edited.connect(lambda: self._save({"taken_at": self.taken.value()}))
        self.depicted = PeoplePicker(case, placeholder=tr("Type a name to add someone in it…"))
        self.depicted.setObjectName("depicted")
        self.depicted.changed.connect(self.edit_depicted)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for label, widget in ((tr("Caption"), self.caption), (tr("Place"), self.place),
                              (tr("Taken"), self.taken), (tr("Credit"), self.credit),
                              (tr("Rights"), self.rights), (tr("In the photo"), self.depicted)):
            form.addRow(label, widget)
        name_fields(form)
        self.depicted.setAccessibleName(tr("Sources in the photo"))
        self.fields = add_facts(form, [("gps", tr("GPS")),
                                       ("camera", tr("Camera")), ("size", tr("Size")),
                                       ("file", tr("File"))])
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        for edit, field in ((self.caption, "caption"), (self.place, "place_name"),
                            (self.rights, "rights_note")):
            edit.editingFinished.connect(lambda e=edit, f=field: self._save({f: e.text()}))
            autosave(edit, lambda e=edit, f=field: self._save({f: e.text()}))
        self.setEnabled(False)

    def show_record(self, photo: PhotoData) -> None:
        """Fill the panel from a photo (its preview comes from the cache, not the original)."""
        self._loading = True
        self.record = photo
        pixmap = QPixmap()
        try:
            pixmap.loadFromData(self.photos.thumbnail(photo.uuid, 1024))
        except CaseFileError:
            pixmap = QPixmap()
        if not pixmap.isNull():
            pixmap = pixmap.scaled(340, 300, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.caption.setText(photo.caption)
        self.place.setText(photo.place_name)
        self.rights.setText(photo.rights_note)
        for edit in (self.caption, self.place, self.rights):
            edit.setCursorPosition(0)
        self.taken.set_value(photo.taken_at)
        self._fill_credit(photo)
        self._show_depicted(photo)
        values = {
            "gps": coordinates(photo.gps_lat, photo.gps_lon)
            + (f", {photo.gps_alt:.0f} m" if photo.gps_alt is not None else ""),
            "camera": " ".join(p for p in (photo.camera_make, photo.camera_model, photo.lens)
                               if p),
            "size": f"{photo.width} × {photo.height}" if photo.width else "",
            "file": photo.file_name,
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
        self.problem.clear()
        self.setEnabled(True)
        self._loading = False

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the photo read again
        if someone else changed it; the people in it and its credit when a source or team
        member changed (their names show here)."""
        if self.record is None or not changes.touches("photo", *PEOPLE_KINDS):
            return
        fresh = reread(self.photos.get, self.record.uuid)
        if fresh is None:
            return  # trashed: the window stops showing it
        if not same_version(fresh, self.record):
            self.show_record(fresh)
            return
        if changes.touches(*PEOPLE_KINDS):
            self._loading = True  # refilling the credit box is not the user choosing one
            self.record = fresh
            self._fill_credit(fresh)
            self._show_depicted(fresh)
            self._loading = False

    def _fill_credit(self, photo: PhotoData) -> None:
        """The photo's credit: a team member or a source (a protected one by its
        pseudonym); nothing else is read until the reporter types to change it."""
        self.credit.set_credit(photo.credit_member, photo.credit_source)

    def _show_depicted(self, photo: PhotoData) -> None:
        self.depicted.set_people(photo.depicted)

    def edit_depicted(self, wanted: list[str]) -> None:
        """Save the people in the photo as picked (one added or taken out)."""
        if self.record is not None:
            self._save({"depicted": sorted(wanted)})

    def _save(self, fields: dict[str, Any]) -> None:
        if self._loading or self.record is None:
            return
        current = {k: self._current(k) for k in fields}
        if current == fields:
            return
        # Links compare as UUIDs above; the core takes records or UUIDs, so undo can hand
        # back the records `save_fields` kept as the values before.
        updated = save_fields(self.photos, self.record, fields, self.problem, self.on_edit,
                              tr("edit photo"))
        if updated is not None:
            self.record = updated
            self._show_depicted(updated)
            self.saved.emit(updated)

    def _current(self, field: str) -> Any:
        value = getattr(self.record, field)
        if field == "depicted":
            return sorted(str(s.uuid) for s in value)
        if field in ("credit_member", "credit_source"):
            return str(value.uuid) if value is not None else None
        return value

