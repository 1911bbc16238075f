"""Choosing a photo of the case to place in a draft: the photos as thumbnails with their
captions, a page at a time ("Show more" reads the next page; a case may hold thousands)."""

from __future__ import annotations

import contextlib
import uuid

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from ui.kinds import tr

PAGE = 60
THUMB = 128


class PhotoChooser(QDialog):
    """The case's photos to pick one from; `chosen()` is its UUID (None: none picked)."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.setWindowTitle(tr("Insert a photo"))
        self.list = QListWidget()
        self.list.setObjectName("photoChooser")
        self.list.setAccessibleName(tr("Photos of the case"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 40, THUMB + 44))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListView.Movement.Static)
        self.list.itemActivated.connect(lambda _i: self.accept())
        self.more = QPushButton(tr("Show &more"))
        self.more.clicked.connect(self.load_page)
        self.empty = QLabel(tr("This case has no photos yet: add some in Photos "
                               "(File → Import photos…), then insert them here."))
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.insert_button.setText(tr("&Insert"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(
            lambda item, _p: self.insert_button.setEnabled(item is not None))
        self.load_page()
        self.resize(640, 480)

    def load_page(self) -> None:
        """Add the next page of photos (thumbnails read from the case's cache)."""
        photos = self.case.photos.page(offset=self.list.count(), limit=PAGE)
        for photo in photos:
            image = QImage()
            with contextlib.suppress(CaseFileError):
                image.loadFromData(self.case.photos.thumbnail(photo.uuid, THUMB * 2))
            item = QListWidgetItem(photo.caption or photo.file_name)
            item.setToolTip(photo.caption or photo.file_name)
            if not image.isNull():
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(max(1.0, self.devicePixelRatioF()))
                item.setIcon(QIcon(pixmap))
            item.setData(Qt.ItemDataRole.UserRole, str(photo.uuid))
            self.list.addItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.more.setVisible(len(photos) == PAGE)
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        self.insert_button.setEnabled(self.list.currentItem() is not None)

    def chosen(self) -> uuid.UUID | None:
        """The photo picked, if any."""
        item = self.list.currentItem()
        return uuid.UUID(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
