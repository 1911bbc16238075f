"""A table model that pages rows from the core: it holds the rows it has been given and asks
for the next page when the view scrolls near the end. It never holds a database handle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.record_drag import RecordDragModel

RecordRole = Qt.ItemDataRole.UserRole + 1
UuidRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its title, how to read its text from a record, and the field it sorts."""

    title: str
    text: Callable[[Any], str]
    sort_field: str | None = None
    color: Callable[[Any], str | None] | None = None  # a text colour for some records


class PagedTableModel(RecordDragModel, QAbstractTableModel):
    """Rows arrive a page at a time from `fetch(offset, limit)`; `count()` says how many exist.
    With a `kind`, rows can be dragged as records of that kind."""

    def __init__(self, columns: Sequence[Column], fetch: Callable[[int, int], list[Any]],
                 count: Callable[[], int], page_size: int = 200, parent: Any = None,
                 kind: str | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = list(columns)
        self._fetch = fetch
        self._count = count
        self.page_size = page_size
        self._rows: list[Any] = []
        self._total = 0
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the rows and load the first page again (after edits elsewhere)."""
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._fetch(0, self.page_size)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid():
            return
        more = self._fetch(len(self._rows), self.page_size)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def record(self, row: int) -> Any:
        """The record shown in a row."""
        return self._rows[row]

    def replace(self, row: int, record: Any) -> None:
        """Show an edited record in place (dataChanged, not a reset)."""
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def drag_pair(self, row: int) -> tuple[str, str] | None:
        if self.kind is None or not 0 <= row < len(self._rows):
            return None
        record = self._rows[row]
        main = record[0] if isinstance(record, tuple) else record
        return self.kind, str(main.uuid)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return self.drag_flags(flags, index.row()) if index.isValid() else flags

    @property
    def total(self) -> int:
        """How many records exist (not how many are loaded)."""
        return self._total

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].text(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            column = self.columns[index.column()]
            color = column.color(record) if column.color else None
            return QColor(color) if color else None
        if role == RecordRole:
            return record
        if role == UuidRole:
            main = record[0] if isinstance(record, tuple) else record
            return str(main.uuid)
        return None
