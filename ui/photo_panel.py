"""The selected photo: a large preview and what its EXIF says (time, GPS, camera)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from casefile.errors import CaseFileError
from casefile.services.photos import PhotoService
from ui.kinds import tr


def coordinates(lat: float | None, lon: float | None) -> str:
    """'50.2588° N, 127.5301° E'."""
    if lat is None or lon is None:
        return ""
    return (f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.4f}° {'E' if lon >= 0 else 'W'}")


class PhotoPanel(QWidget):
    """Shows one photo through the photo service it is given."""

    def __init__(self, photos: PhotoService, parent: Any = None) -> None:
        super().__init__(parent)
        self.photos = photos
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(240)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("taken", tr("Taken")), ("gps", tr("GPS")),
                           ("camera", tr("Camera")), ("size", tr("Size")),
                           ("place", tr("Place")), ("credit", tr("Credit")),
                           ("rights", tr("Rights"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(f"{label}:", value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.caption)
        layout.addLayout(form)
        layout.addStretch(1)

    def show_record(self, photo: Any) -> None:
        """Fill the panel from a photo (its preview comes from the cache, not the original)."""
        pixmap = QPixmap()
        try:
            pixmap.loadFromData(self.photos.thumbnail(photo.uuid, 1024))
        except CaseFileError:
            pixmap = QPixmap()
        if not pixmap.isNull():
            pixmap = pixmap.scaled(340, 300, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pixmap)
        self.caption.setText(photo.caption or photo.file_name)
        taken = ""
        if photo.taken_at is not None:
            taken = photo.taken_at.strftime("%Y-%m-%d %H:%M")
            taken += (f" (UTC{photo.taken_at.strftime('%z')[:3]}:"
                      f"{photo.taken_at.strftime('%z')[3:]})" if photo.taken_at.tzinfo
                      else "  " + tr("(camera time, zone unknown)"))
        values = {
            "taken": taken,
            "gps": coordinates(photo.gps_lat, photo.gps_lon)
            + (f", {photo.gps_alt:.0f} m" if photo.gps_alt is not None else ""),
            "camera": " ".join(p for p in (photo.camera_make, photo.camera_model, photo.lens)
                               if p),
            "size": f"{photo.width} × {photo.height}" if photo.width else "",
            "place": photo.place_name,
            "credit": photo.credit_member.name if photo.credit_member else "",
            "rights": photo.rights_note,
        }
        for key, text in values.items():
            self.fields[key].setText(text or "—")
