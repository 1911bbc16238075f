"""A table model that pages rows from the core. It never holds a database handle, and never
more than a few pages of rows: the view grows a page at a time as it scrolls (`fetchMore`),
can jump to any record's row at once (`seek`), and rows of pages it has let go are read
again, by key, when the view asks for them."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from ui.pagers import OffsetPager, Pager
from ui.record_drag import RecordDragModel

RecordRole = Qt.ItemDataRole.UserRole + 1
UuidRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
# Rows a list keeps at most (in whole pages, at least KEEP_PAGES): the rows on screen and
# several screens around them, so dragging the scroll bar back and forth re-reads little
# (400 re-read a claims page on most steps of the benchmark's sweep). Memory follows this,
# not how far the reporter scrolled.
KEEP_ROWS = 600
KEEP_PAGES = 3


@dataclass(frozen=True)
class Column:
    """One column: its title, how to read its text from a record, and the field it sorts."""

    title: str
    text: Callable[[Any], str]
    sort_field: str | None = None
    color: Callable[[Any], str | None] | None = None  # a text colour for some records


def row_uuid(row: Any) -> str:
    """The UUID of the record a row shows (claim rows are (claim, summary) tuples)."""
    main = row[0] if isinstance(row, tuple) else row
    return str(main.uuid)


class PagedTableModel(RecordDragModel, QAbstractTableModel):
    """Rows come a page at a time from a `Pager` (or, for lists without keys, from
    `fetch(offset, limit)` and `count()`). `rowCount` is how far the view has scrolled or
    jumped; only the pages used last are held. With a `kind`, rows can be dragged as records
    of that kind."""

    def __init__(self, columns: Sequence[Column],
                 fetch: Callable[[int, int], list[Any]] | None = None,
                 count: Callable[[], int] | None = None, page_size: int = 200,
                 parent: Any = None, kind: str | None = None, pager: Pager | None = None,
                 keep_rows: int | None = None, lazy: bool = False,
                 icon: Callable[[Any], QIcon] | None = None) -> None:
        super().__init__(parent)
        self.icon = icon  # the first column's item-type icon of a row
        if pager is None:
            if fetch is None or count is None:
                raise ValueError("a list needs a pager, or fetch and count")
            pager = OffsetPager(fetch, count)
        self.kind = kind
        self.columns = list(columns)
        self.pager = pager
        # Which columns sort in SQL: the others say so and do not take a click.
        self.sortable = [c.sort_field is not None and pager.sorted_by(c.sort_field, False)
                         is not None for c in self.columns]
        self.page_size = page_size
        self.keep_pages = max(KEEP_PAGES, -(-(keep_rows or KEEP_ROWS) // page_size))
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()  # page -> rows, oldest first
        self._bounds: dict[int, tuple[Any, Any]] = {}  # page -> keys of its first, last rows
        self._row_of: dict[str, int] = {}  # uuid -> row, for the rows held
        self._extent = 0
        self._total = 0
        # (column, order) of the last sort; column -1: the list's own order.
        self.sorted_as: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.reload(read_first=not lazy)

    # -- loading -------------------------------------------------------------------------

    def reload(self, read_first: bool = True) -> None:
        """Forget the rows and load the first page again (after edits elsewhere). Without
        `read_first` the first page is read only when it is shown (a list opened to jump
        to a deep record never reads it)."""
        self.beginResetModel()
        self._pages.clear()
        self._bounds.clear()
        self._row_of.clear()
        self._total = self.pager.count()
        if read_first or not self.pager.keyed:
            self._extent = len(self._page(0)) if self._total else 0
        else:
            self._extent = min(self.page_size, self._total)
        self.endResetModel()

    def release(self) -> None:
        """Let go of every row (the list is no longer shown; a new model will be made)."""
        self.beginResetModel()
        self._pages.clear()
        self._bounds.clear()
        self._row_of.clear()
        self._extent = self._total = 0
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and self._extent < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid() or self._extent >= self._total:
            return
        page = self._extent // self.page_size
        start = page * self.page_size
        more = self._page(page)[self._extent - start:]
        if not more:
            self._total = self._extent
            return
        self._grow(self._extent + len(more))

    def grow_to_all(self) -> None:
        """Make every row of the list a row of the model (Ctrl+A): nothing is read now; a
        row's page is read when it is shown or its record asked for."""
        self._grow(self._total)

    def seek(self, record_uuid: str) -> int | None:
        """The row of a record, with its page loaded and the list grown to show it; None if
        the record is not in this list. Keyed lists find it with a fixed number of queries
        at any depth; others page through from the top."""
        if record_uuid in self._row_of:
            return self._row_of[record_uuid]
        if not self.pager.keyed:
            while self.canFetchMore():
                self.fetchMore()
                if record_uuid in self._row_of:
                    return self._row_of[record_uuid]
            return None
        found = self.pager.locate(record_uuid)
        if found is None:
            return None
        position, key = found
        if position >= self._total:  # the kept count was behind: the list is longer
            self._total = position + 1
        size = self.page_size
        page, before = divmod(position, size)
        if before:  # the rows of its page above it, then it and the rest of the page
            head = self.pager.before(key, before)
            tail = self.pager.after(self.pager.key(head[-1]), size - before) if head else []
            self._keep(page, head + tail)
        elif page:  # it opens its page: read the page above by key, then its own
            above = self.pager.before(key, size)
            self._keep(page - 1, above)
            if above:
                self._keep(page, self.pager.after(self.pager.key(above[-1]), size))
        else:
            self._page(0)
        row = self._row_of.get(record_uuid)
        if row is None:
            return None  # the list changed under us; the caller shows the list as it is
        rows = self._pages.get(page, [])
        self._grow(max(self._extent, page * size + len(rows)))
        return row

    def record(self, row: int) -> Any:
        """The record shown in a row (read again if its page was let go)."""
        page, at = divmod(row, self.page_size)
        rows = self._page(page) if 0 <= row < self._extent else []
        return rows[at] if at < len(rows) else None

    def replace(self, row: int, record: Any) -> None:
        """Show an edited record in place (dataChanged, not a reset)."""
        page, at = divmod(row, self.page_size)
        rows = self._pages.get(page)
        if rows is not None and at < len(rows):
            rows[at] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def held_rows(self) -> int:
        """How many rows the model holds now (bounded by `keep_pages`)."""
        return sum(len(rows) for rows in self._pages.values())

    def loaded_row(self, record_uuid: str) -> int | None:
        """The row of a record among the rows held, without reading anything."""
        return self._row_of.get(record_uuid)

    def _grow(self, extent: int) -> None:
        if extent > self._extent:
            self.beginInsertRows(QModelIndex(), self._extent, extent - 1)
            self._extent = extent
            self.endInsertRows()

    def _page(self, page: int) -> list[Any]:
        """A page's rows: held, or read by the key of a neighbouring page (by offset only
        when neither neighbour was ever read, e.g. after dragging the scroll bar far)."""
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        size = self.page_size
        pager = self.pager
        if not pager.keyed:
            rows = pager.at(page * size, size)
        elif page == 0:
            rows = pager.after(None, size)
        elif page in self._bounds:  # read before and let go: from its own first row
            rows = pager.after(self._bounds[page][0], size, inclusive=True)
        elif page - 1 in self._bounds:
            rows = pager.after(self._bounds[page - 1][1], size)
        elif page + 1 in self._bounds:
            rows = pager.before(self._bounds[page + 1][0], size)
        else:
            rows = pager.at(page * size, size)
        self._keep(page, rows)
        return rows

    def _keep(self, page: int, rows: list[Any]) -> None:
        """Hold a page (the newest), letting go of the pages used longest ago."""
        self._drop(page)
        self._pages[page] = rows
        start = page * self.page_size
        for i, row in enumerate(rows):
            self._row_of[row_uuid(row)] = start + i
        if rows and self.pager.keyed:
            self._bounds[page] = (self.pager.key(rows[0]), self.pager.key(rows[-1]))
        while len(self._pages) > self.keep_pages:
            self._drop(next(iter(self._pages)))

    def _drop(self, page: int) -> None:
        for row in self._pages.pop(page, ()):
            self._row_of.pop(row_uuid(row), None)

    def drag_pair(self, row: int) -> tuple[str, str] | None:
        if self.kind is None or not 0 <= row < self._extent:
            return None
        record = self.record(row)
        return (self.kind, row_uuid(record)) if record is not None else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return self.drag_flags(flags, index.row()) if index.isValid() else flags

    @property
    def total(self) -> int:
        """How many records exist (not how many are loaded)."""
        return self._total

    # -- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column that has a sort field (in SQL, by key); others are left alone."""
        if (column, order) == self.sorted_as:
            return  # the view repeats the sort it shows
        field = self.columns[column].sort_field if 0 <= column < len(self.columns) else None
        sorted_pager = self.pager.sorted_by(
            field, order == Qt.SortOrder.DescendingOrder) if field else None
        if sorted_pager is None:
            return
        self.pager = sorted_pager
        self.sorted_as = (column, order)
        self.reload(read_first=False)  # the view reads the rows it shows

    # -- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self._extent

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            from ui.kinds import tr

            return tr("Click to sort by this column") if self.sortable[section] else \
                tr("This column cannot be sorted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._extent:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
                        RecordRole, UuidRole):
            return None
        if role == Qt.ItemDataRole.DecorationRole and (self.icon is None or index.column()):
            return None
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole and self.icon is not None:
            return self.icon(record)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].text(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            column = self.columns[index.column()]
            color = column.color(record) if column.color else None
            return QColor(color) if color else None
        if role == RecordRole:
            return record
        return row_uuid(record)
