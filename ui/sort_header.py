"""The lists' column header: a click sorts (in SQL, by the core) only where that can be done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHeaderView, QTableView


class SortHeader(QHeaderView):
    """A header whose columns that cannot sort in SQL take no click (no arrow flips to claim
    a sort that did not happen); dragging their edges still resizes them."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)

    def _sortable(self, event: QMouseEvent) -> bool:
        model = self.model()
        section = self.logicalIndexAt(event.position().toPoint())
        sortable = getattr(model, "sortable", None)
        if sortable is None:  # search results: grouped by kind, never sorted
            return False
        return 0 <= section < len(sortable) and bool(sortable[section])

    def _click(self, event: QMouseEvent, handler: Callable[[QMouseEvent], None]) -> None:
        if self._sortable(event) or self.cursor().shape() == Qt.CursorShape.SplitHCursor:
            handler(event)
            return
        self.setSectionsClickable(False)
        try:
            handler(event)
        finally:
            self.setSectionsClickable(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._click(event, super().mousePressEvent)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._click(event, super().mouseReleaseEvent)
