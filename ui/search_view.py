"""Search results: a small model over the core's hits, and a delegate that shows highlights."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from casefile.search import SearchHit
from ui.kinds import tr
from ui.record_drag import RecordDragModel
from ui.rows_model import RowsModel

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


class SearchResultsModel(RecordDragModel, RowsModel):
    """Hits grouped by kind (best first within a kind); holds only the hits."""

    COLUMNS = (tr("Kind"), tr("Title"), tr("Match"))

    def __init__(self, hits: list[SearchHit], parent: Any = None) -> None:
        super().__init__(sorted(hits, key=lambda h: KIND_ORDER.index(h.kind)
                                if h.kind in KIND_ORDER else 99), parent)

    @property
    def hits(self) -> list[SearchHit]:
        """The rows, as search hits."""
        return self.rows

    def cell(self, row: SearchHit, column: int) -> Any:
        if column == 0:
            return KIND_NAMES.get(row.kind, row.kind)
        return row.title if column == 1 else row.snippet_marked("", "")

    def drag_pair(self, row: int) -> tuple[str, str] | None:
        hit = self.rows[row] if 0 <= row < len(self.rows) else None
        return (hit.kind, str(hit.uuid)) if hit is not None else None

    def flags(self, index: Any) -> Qt.ItemFlag:
        flags = super().flags(index)
        return self.drag_flags(flags, index.row()) if index.isValid() else flags

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == HitRole and index.isValid():
            return self.rows[index.row()]
        return super().data(index, role)


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
