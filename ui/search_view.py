"""Search results: a small model over the core's hits, and a delegate that shows highlights."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from casefile.search import SearchHit
from ui.kinds import tr

HitRole = Qt.ItemDataRole.UserRole + 10
KIND_NAMES = {
    "source": tr("Source"), "team_member": tr("Team"), "interview": tr("Interview"),
    "quote": tr("Quote"), "document": tr("Document"), "excerpt": tr("Excerpt"),
    "photo": tr("Photo"), "claim": tr("Claim"), "comment_request": tr("Request"),
    "draft": tr("Draft"), "attachment": tr("Attachment"),
}
# Results are grouped by kind in this order.
KIND_ORDER = list(KIND_NAMES)


def snippet_html(hit: SearchHit) -> str:
    """The snippet with its matches in bold, everything else escaped."""
    return "".join(f"<b>{escape(text)}</b>" if match else escape(text)
                   for text, match in hit.snippet_parts())


class SearchResultsModel(QAbstractTableModel):
    """Hits grouped by kind (best first within a kind); holds only the hits."""

    COLUMNS = (tr("Kind"), tr("Title"), tr("Match"))

    def __init__(self, hits: list[SearchHit], parent: Any = None) -> None:
        super().__init__(parent)
        self.hits = sorted(hits, key=lambda h: KIND_ORDER.index(h.kind)
                           if h.kind in KIND_ORDER else 99)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return KIND_NAMES.get(hit.kind, hit.kind)
            if index.column() == 1:
                return hit.title
            return hit.snippet_marked("", "")
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Paints the match column as rich text so the matched words stand out."""

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is None or index.column() != 2:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(snippet_html(hit))
        doc.setTextWidth(option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return super().sizeHint(option, index)
