"""Search results: a small model over the core's hits, and a delegate that shows highlights."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from casefile.search import SearchHit
from ui.i18n import number
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


def match_status(count: int, query: str, *, shown: int = 0) -> str:
    """The status line over search results: how many, for what, and what Enter does (above
    `shown`, that only the first `shown` are listed). One sentence for one match and one
    for many (the catalogue has no plural forms: ui/i18n.py), the count in the locale's
    digits."""
    if count == 0:
        return tr("No matches for “{q}”").replace("{q}", query)
    if count == 1:
        return tr("1 match for “{q}” — Enter opens it").replace("{q}", query)
    if shown and count > shown:
        return tr("{n} matches for “{q}” — the best {shown} are listed; Enter opens one") \
            .replace("{n}", number(count)).replace("{shown}", number(shown)) \
            .replace("{q}", query)
    return tr("{n} matches for “{q}” — Enter opens one").replace(
        "{n}", number(count)).replace("{q}", query)


class SearchKeys(QObject):
    """Keys of the search box, as in Zotero and mail clients: Down moves into the results
    (or the list shown), its first row selected; Escape clears the box and goes back to
    the list. Enter in the list then opens the row."""

    def __init__(self, into_list: Callable[[], bool], escape: Callable[[], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._into_list = into_list
        self._escape = escape

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if event.key() == Qt.Key.Key_Down:
                return self._into_list()
            if event.key() == Qt.Key.Key_Escape and self._escape is not None:
                return self._escape()
        return super().eventFilter(watched, event)


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
