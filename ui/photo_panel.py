"""The selected photo: a large preview, its caption, credit, place and the people in it —
edited in place and saved as typed — and what its EXIF says (time, GPS, camera)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import GroundRules, PhotoData
from ui.autosave import OnEdit, save_fields
from ui.case_changes import reread, same_version
from ui.forms import add_facts, linked_records_row, name_fields, toggle_one
from ui.kinds import tr
from ui.palette import text_style
from ui.prompts import Prompts


def coordinates(lat: float | None, lon: float | None) -> str:
    """'50.2588° N, 127.5301° E'."""
    if lat is None or lon is None:
        return ""
    return (f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.4f}° {'E' if lon >= 0 else 'W'}")


def taken_text(photo: PhotoData) -> str:
    """The capture time with its zone, or a note that the camera's zone is unknown."""
    if photo.taken_at is None:
        return ""
    text = photo.taken_at.strftime("%Y-%m-%d %H:%M")
    zone = photo.taken_at.strftime("%z")
    return text + (f" (UTC{zone[:3]}:{zone[3:]})" if zone
                   else "  " + tr("(camera time, zone unknown)"))


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
        self.credit = QComboBox()
        self.rights = QLineEdit()
        self.depicted = QLabel()
        self.depicted.setWordWrap(True)
        self.depicted_button = QPushButton(tr("Add or remove…"))
        self.depicted_button.clicked.connect(self.edit_depicted)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        people = linked_records_row(self.depicted, self.depicted_button)
        for label, widget in ((tr("Caption"), self.caption), (tr("Place"), self.place),
                              (tr("Credit"), self.credit), (tr("Rights"), self.rights)):
            form.addRow(label, widget)
        form.addRow(tr("In the photo"), people)
        name_fields(form)
        self.depicted_button.setAccessibleName(tr("Sources in the photo"))
        self.fields = add_facts(form, [("taken", tr("Taken")), ("gps", tr("GPS")),
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
        self.credit.currentIndexChanged.connect(self._credit_changed)
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
        self._fill_credit(photo)
        self._show_depicted(photo)
        values = {
            "taken": taken_text(photo),
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
        """Team members, then sources (a photo handed over by a source); the current one
        selected."""
        self.credit.clear()
        self.credit.addItem(tr("— no credit —"), None)
        for member in self.case.team.page(limit=500):
            self.credit.addItem(member.name, f"credit_member:{member.uuid}")
        current = f"credit_member:{photo.credit_member.uuid}" if photo.credit_member \
            else f"credit_source:{photo.credit_source.uuid}" if photo.credit_source \
            else None
        source = photo.credit_source
        if current and current.startswith("credit_source") and source is not None:
            self.credit.addItem(tr("{n} (source)").replace("{n}", source.name), current)
        index = self.credit.findData(current) if current else 0
        self.credit.setCurrentIndex(max(index, 0))

    def _show_depicted(self, photo: PhotoData) -> None:
        names = [s.name + ("" if s.ground_rules is GroundRules.ON_RECORD else
                           "  [" + tr("protected") + "]") for s in photo.depicted]
        self.depicted.setText(", ".join(names) or "—")

    def _credit_changed(self, _index: int) -> None:
        data = self.credit.currentData()
        fields: dict[str, Any] = {"credit_member": None, "credit_source": None}
        if data:
            field, key = data.split(":", 1)
            fields[field] = key
        self._save(fields)

    def edit_depicted(self) -> None:
        """Add a source to the people in the photo, or take one out (picked from a list)."""
        if self.record is None:
            return
        wanted = toggle_one(self.prompts, self, tr("In the photo"),
                            self.case.sources.page(limit=10_000),
                            {str(s.uuid) for s in self.record.depicted})
        if wanted is not None:
            self._save({"depicted": wanted})

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

