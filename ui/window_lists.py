"""The main window's lists: where a record opened deep in the photo grid is scrolled into
view, the header's sort arrow, the sort each list keeps, and column widths fitted to the rows
in view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from ui.photo_grid import PhotoGridModel
from ui.table_model import PagedTableModel


class ListView:
    """Mixed into MainWindow: needs `table`, `grid`, `list_model`, `current_kind`,
    `_sorts`, `_restoring` and ColumnMemory's `_restore_columns`."""

    table: Any
    grid: Any
    list_model: PagedTableModel | None
    current_kind: str
    _sorts: dict[str, Any]
    _restoring: bool
    _restore_columns: Callable[[], None]  # ColumnMemory's

    def _scroll_when_laid_out(self, index: QPersistentModelIndex, tries: int = 400) -> None:
        """Bring a photo into view once the grid's batched layout has reached it: laying out
        20,000 icons at once would hold the window for 200 ms; in batches it stays free."""
        if not index.isValid() or self.grid.model() is not index.model() or tries <= 0:
            return
        if self.grid.viewport().rect().intersects(self.grid.visualRect(QModelIndex(index))):
            return
        self.grid.scrollTo(QModelIndex(index), QAbstractItemView.ScrollHint.PositionAtCenter)
        QTimer.singleShot(5, lambda: self._scroll_when_laid_out(index, tries - 1))

    def _show_sort(self) -> None:
        """Point the header's arrow at the sort the list really has (a column without a sort
        field does not sort: clicking it must not claim it did)."""
        model = self.list_model
        if model is None or self.table.model() is not model:
            return
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != model.sorted_as:
            blocked = header.blockSignals(True)
            header.setSortIndicator(*model.sorted_as)
            header.blockSignals(blocked)

    def _remember_sort(self) -> None:
        """Keep the sort of the list being left, to show it again the same way."""
        model = self.list_model
        if model is not None and not isinstance(model, PhotoGridModel):
            self._sorts[self.current_kind] = model.sorted_as

    def _size_columns(self, model: PagedTableModel) -> None:
        """Fit the columns to the rows in view, then restore the widths the user chose."""
        if self.table.model() is not model:
            return
        self._restoring = True  # these widths are not the user's choice
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(1, model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 220))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._restore_columns()
        self._restoring = False
