"""Item-type icons (resources/icons/kinds/*.svg): what a row is at a glance, as in Zotero's
item list — a person, an official body, an interview, a court filing, a claim…

The SVGs draw their outlines in `currentColor`, replaced here by the palette's text colour, so
they read in a dark theme as in a light one; their fills are mid tones that read on both.
Icons are made once per (key, theme) and kept.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from casefile.resources import resource_path
from ui.palette import is_dark

# Document kinds with an icon of their own; the rest show the generic page.
DOCUMENT_ICONS = {"report": "report", "statistics": "statistics", "dataset": "dataset",
                  "court_record": "court_record", "court_ruling": "court_record",
                  "legislation": "legislation", "treaty": "legislation",
                  "letter": "letter", "news_article": "news_article",
                  "web_page": "web_page"}
SOURCE_ICONS = {"person": "person", "organisation": "organisation",
                "official_body": "official_body"}
SIZES = (16, 20, 24, 32, 48)


def _outline() -> str:
    return QGuiApplication.palette().color(QPalette.ColorRole.Text).name()


@lru_cache(maxsize=256)
def _icon(key: str, dark: bool, outline: str) -> QIcon:
    path = resource_path("icons", "kinds", f"{key}.svg")
    if not path.is_file():
        path = resource_path("icons", "kinds", "document.svg")
    data = path.read_text(encoding="utf-8").replace("currentColor", outline)
    renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
    icon = QIcon()
    for size in SIZES:  # every size drawn from the vector, sharp at any scale
        for ratio in (1.0, 2.0):
            side = int(size * ratio)
            image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            renderer.render(painter, QRectF(0, 0, side, side))
            painter.end()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            icon.addPixmap(pixmap)
    return icon


def kind_icon(key: str) -> QIcon:
    """The icon of a navigator section or record kind ("source", "photo", "trash", "tag",
    "saved_search", …) or of a finer type ("person", "statistics", "court_record")."""
    name = {"source": "person", "search": "search"}.get(key, key)
    return _icon(name, is_dark(), _outline())


def record_icon(kind: str, record: Any) -> QIcon:
    """The icon of one listed record: a source by what it is, a document by its kind."""
    if isinstance(record, tuple):  # claim rows carry their support summary
        record = record[0]
    if kind == "source":
        return kind_icon(SOURCE_ICONS.get(_value(getattr(record, "kind", None)), "person"))
    if kind == "document":
        return kind_icon(DOCUMENT_ICONS.get(_value(getattr(record, "kind", None)), "document"))
    if kind == "trash":
        return kind_icon(_trashed_kind(record))
    return kind_icon(kind)


def _trashed_kind(entry: Any) -> str:
    kind = str(getattr(entry, "record_kind", "") or "")
    known = {"source", "interview", "photo", "document", "claim", "comment_request", "draft",
             "team_member"}
    return kind if kind in known else "trash"


def _value(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value or "")


ICON_SIZE = QSize(16, 16)
