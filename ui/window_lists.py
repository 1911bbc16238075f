"""The window's list area: the table (or the photo grid) showing one navigator section or
the search results, the sort each list keeps, column widths fitted to the rows in view, and
re-reading the list when the core reports a change to what it shows — keeping the selected
row and the scroll position."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from ui.empty_view import EmptyHint, empty_text
from ui.kind_icons import record_icon
from ui.kinds import BY_KEY, tr
from ui.photo_grid import PhotoGridModel
from ui.record_drag import make_drag_source
from ui.search_view import SearchResultsModel
from ui.selection import SelectAllKeys, reselect, selected_rows
from ui.sort_header import SortHeader
from ui.table_model import PagedTableModel, UuidRole
from ui.window_columns import ColumnMemory

# What each list's rows show besides records of its own kind: a list is read again when
# any of these kinds changed. Claims show support summaries, which follow their evidence
# and the ground rules of whoever it quotes.
EVIDENCE_KINDS = frozenset({"claim", "evidence_link", "quote", "excerpt", "photo",
                            "document", "interview", "attachment", "source"})
SHOWS: dict[str, frozenset[str]] = {
    "source": frozenset({"source"}),
    "interview": frozenset({"interview", "source"}),  # the interviewees' names
    "photo": frozenset({"photo", "team_member"}),  # the credit
    "document": frozenset({"document"}),
    "claim": EVIDENCE_KINDS,
    "comment_request": frozenset({"comment_request", "source"}),  # to whom
    "draft": frozenset({"draft"}),
    "team_member": frozenset({"team_member"}),
}

GRID_SETTLE_MS = 1500  # how long a grid read again may take to lay out its icons

Selected = Callable[[QItemSelection, QItemSelection], None]


def list_affected(kind: str, changes: Changes) -> bool:
    """Whether the list of `kind` ("trash", "search" too) may show something that changed."""
    if kind == "trash":  # trashing and restoring update records; purging deletes them
        return bool(changes.updated or changes.deleted or changes.bulk)
    if kind == "search":
        return bool(changes)
    return changes.touches(*SHOWS.get(kind, frozenset({kind})))


class ListArea(QObject):
    """Owns the table and the photo grid and the model shown in one of them; the window
    says which section to show and hears of row choices through `on_selected`."""

    def __init__(self, case: CaseFile, pool: QThreadPool, settings: QSettings,
                 on_selected: Selected, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.pool = pool
        self.on_selected = on_selected
        self.current_kind = ""
        self.list_model: PagedTableModel | None = None
        self.settings = settings
        self.sorts: dict[str, tuple[int, Qt.SortOrder]] = {}  # kind -> its list's sort
        self.search_text = ""  # what the results shown were searched for
        self._grid_hold: Callable[[], None] | None = None  # lets the grid's scroll bar go
        self.tagged: str | None = None  # the tag pane's filter (ui/tag_pane.py), if any
        self.table = QTableView()
        self.table.setObjectName("recordList")
        self.table.setAccessibleName(tr("Records"))
        self.table.setHorizontalHeader(SortHeader(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl-click and Ctrl+A choose many rows, for a batch edit (ui/batch_edit.py).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        # Fit columns to the first rows only: measuring every loaded row on each switch of
        # section cost ~0.2 s of the window's open.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        make_drag_source(self.table)
        self.row_height = self.table.verticalHeader().defaultSectionSize()
        self.columns = ColumnMemory(settings, self.table, lambda: self.current_kind)
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_a: QTimer.singleShot(0, self.show_sort))  # after the view has sorted
        self.grid = QListView()
        self.grid.setObjectName("photoGrid")
        self.grid.setAccessibleName(tr("Photos"))
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setIconSize(QSize(160, 160))
        self.grid.setSpacing(8)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Lay out new pages in batches: in icon mode each page of rows otherwise re-laid out
        # every item already there (tens of ms at 2,000 photos).
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(120)
        make_drag_source(self.grid)
        self.select_keys = SelectAllKeys(self)  # Ctrl+A: the whole list, not what is read
        for list_view in (self.table, self.grid):
            list_view.installEventFilter(self.select_keys)
        self.center = QStackedWidget()
        self.center.addWidget(self.table)
        self.center.addWidget(self.grid)
        self.table_hint = EmptyHint(self.table)
        self.grid_hint = EmptyHint(self.grid)

    def current_view(self) -> QAbstractItemView:
        """The table, or the photo grid when Photos is shown."""
        return self.grid if self.current_kind == "photo" else self.table

    # -- showing a section ---------------------------------------------------------------

    def show(self, key: str, focus: str | None = None) -> int | None:
        """List the records of one section; with `focus` (a record's UUID), the list
        around that record, and its row (None if it is not listed)."""
        view = BY_KEY[key]
        self.remember_sort()
        self.current_kind = key
        old = self.list_model
        if isinstance(old, PhotoGridModel):
            old.release()  # the hidden grid keeps its model: not its rows and previews
        if key == "photo":
            ratio = self.grid.devicePixelRatioF()
            size = 256 if ratio * 160 <= 256 else 1024  # previews the case keeps
            grid = PhotoGridModel(None, None, lambda uid: self.case.photos.thumbnail(uid, size),
                                  self.pool, self, pager=self.pager_for(view),
                                  lazy=focus is not None, ratio=ratio)
            focus_row = grid.seek(focus) if focus is not None else None
            self.list_model = grid
            self.grid.setModel(grid)
            self.center.setCurrentWidget(self.grid)
            self.grid.selectionModel().selectionChanged.connect(self.on_selected)
            self.grid_hint.follow(empty_text(key))
            return focus_row
        self.center.setCurrentWidget(self.table)
        self.columns.restoring = True  # the new model's default widths are not the user's
        # Sorting by a column reads in that order by key. A list keeps the sort chosen for
        # it; none is shown until a header is clicked (enabling sorting re-sorts by the
        # indicator's column at once, which the model ignores when it is already so).
        pager = self.pager_for(view)
        sorted_as = self.sort_of(key)
        column, order = sorted_as
        field = view.columns[column].sort_field if 0 <= column < len(view.columns) else None
        resorted = pager.sorted_by(field, order == Qt.SortOrder.DescendingOrder) \
            if field else None
        if resorted is None:
            sorted_as = (-1, Qt.SortOrder.AscendingOrder)
        model = PagedTableModel(view.columns, page_size=view.page_size, parent=self,
                                kind=None if key == "trash" else key,
                                pager=resorted or pager, lazy=focus is not None,
                                icon=lambda record: record_icon(key, record))
        model.sorted_as = sorted_as
        self.list_model = model
        self.table.setSortingEnabled(False)
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(*model.sorted_as)
        self.table.setSortingEnabled(True)
        focus_row = model.seek(focus) if focus is not None else None
        self.table.setItemDelegateForColumn(2, None)  # type: ignore[arg-type]  # Qt allows
        self.table.verticalHeader().setDefaultSectionSize(self.row_height)
        if old is not None:
            old.deleteLater()
        if focus_row is None:
            self.size_columns(model)
        else:  # sized once the view stands at the record, from the rows around it (the
            # first rows, which the jump never read, would be read for their widths)
            self.table.scrollTo(model.index(focus_row, 0),
                                QAbstractItemView.ScrollHint.PositionAtCenter)
            QTimer.singleShot(0, lambda: self.size_columns(model))
            self.columns.restoring = False
        self.table.selectionModel().selectionChanged.connect(self.on_selected)
        self.table_hint.follow(empty_text(key))
        return focus_row

    def pager_for(self, view: Any) -> Any:
        """A section's pager, narrowed to the tag chosen in the tag pane (if it can be)."""
        pager = view.pager_for(self.case)
        return (pager.with_tag(self.tagged) or pager) if self.tagged else pager

    def show_results(self, model: SearchResultsModel, snippets: QStyledItemDelegate) -> None:
        """Show search hits in the table, grouped by kind, best first (not sortable)."""
        self.remember_sort()
        self.current_kind = "search"
        self.list_model = None
        self.table.setSortingEnabled(False)
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(2, snippets)
        lines = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(int(lines * 2.4) + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 90)
        header.resizeSection(1, 240)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table_hint.follow(empty_text("search", self.search_text))

    def select(self, row: int) -> None:
        """Make a row current and bring it into view (a photo once the grid reaches it)."""
        model = self.list_model
        if model is None:
            return
        view = self.current_view()
        view.setCurrentIndex(model.index(row, 0))
        view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        if view is self.grid:
            self.scroll_when_laid_out(QPersistentModelIndex(model.index(row, 0)))

    def selected_record(self) -> Any:
        """The record (or trash entry) of the selected row, or None."""
        model = self.list_model
        selection = self.current_view().selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows or model is None:
            return None
        record = model.record(rows[0].row())
        return record[0] if isinstance(record, tuple) else record

    def selected_records(self) -> list[Any]:
        """The records (or trash entries) of every selected row, in list order."""
        model = self.list_model
        selection = self.current_view().selectionModel()
        if model is None or selection is None or self.current_view().model() is not model:
            return []
        records = [model.record(row) for row in selected_rows(selection)]
        return [r[0] if isinstance(r, tuple) else r for r in records if r is not None]

    def selected_uuid(self) -> str | None:
        """The UUID of the selected row's record, if a list row is selected."""
        selection = self.current_view().selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows or self.list_model is None:
            return None
        value = rows[0].data(UuidRole)
        return str(value) if value is not None else None

    # -- the core reported a change ------------------------------------------------------

    def react(self, changes: Changes) -> bool:
        """Read the list again if it shows something that changed; whether a row that was
        selected is gone (trashed, purged, no longer matching)."""
        if self.list_model is None or self.current_kind == "search":
            return False
        if not list_affected(self.current_kind, changes):
            return False
        return self.reload_keep_selection()

    def reload_keep_selection(self) -> bool:
        """Re-read the list, keeping the selected row (found again by key, wherever an edit
        moved it) and the row at the top of the view; whether the selected row is gone."""
        model = self.list_model
        if model is None:
            return False
        view = self.current_view()
        selection = view.selectionModel()
        chosen = self.selected_uuid()
        # The table keeps the row at its top; the photo grid (icons laid out in batches,
        # spaced: no item at any fixed point) keeps its scroll bar where it was.
        top = view.indexAt(QPoint(2, 2)).data(UuidRole) if view is self.table else None
        scrolled = view.verticalScrollBar().value()
        model.reload()
        top_row = model.seek(str(top)) if top is not None else None
        row = model.seek(chosen) if chosen is not None else None
        if top_row is not None:
            view.scrollTo(model.index(top_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        elif view is self.grid:
            self.scroll_grid_to(scrolled)
        if row is not None and 0 <= row < model.rowCount():
            reselect(selection, model, row)
        return chosen is not None and row is None

    # -- sorting and sizing --------------------------------------------------------------

    def scroll_when_laid_out(self, index: QPersistentModelIndex, tries: int = 400) -> None:
        """Bring a photo into view once the grid's batched layout has reached it: laying out
        20,000 icons at once would hold the window for 200 ms; in batches it stays free."""
        if not index.isValid() or self.grid.model() is not index.model() or tries <= 0:
            return
        at = self.grid.model().index(index.row(), 0)
        if self.grid.viewport().rect().intersects(self.grid.visualRect(at)):
            return
        self.grid.scrollTo(at, QAbstractItemView.ScrollHint.PositionAtCenter)
        QTimer.singleShot(5, lambda: self.scroll_when_laid_out(index, tries - 1))

    def scroll_grid_to(self, value: int) -> None:
        """Keep the grid's scroll bar at `value` while it lays its icons out anew: read
        again, it lays them out a batch at a time from the top, the bar's range shrinking
        (which pulls the bar up) and growing again, for up to `GRID_SETTLE_MS` — or until
        the user scrolls, or the grid is read again."""
        self._stop_holding_grid()
        bar = self.grid.verticalScrollBar()

        def again(_low: int, high: int) -> None:
            if bar.value() != value and high >= value:
                bar.setValue(value)

        def held() -> None:
            with contextlib.suppress(RuntimeError, TypeError):  # gone, or not connected
                bar.rangeChanged.disconnect(again)
                bar.actionTriggered.disconnect(user_scrolled)

        def user_scrolled(_action: int) -> None:
            self._stop_holding_grid()

        bar.rangeChanged.connect(again)
        bar.actionTriggered.connect(user_scrolled)
        self._grid_hold = held
        bar.setValue(value)
        QTimer.singleShot(GRID_SETTLE_MS, lambda: self._stop_holding_grid(held))

    def _stop_holding_grid(self, only: Callable[[], None] | None = None) -> None:
        """Let the grid's scroll bar go (`only`: if that hold is still the current one)."""
        hold = self._grid_hold
        if hold is not None and (only is None or only is hold):
            self._grid_hold = None
            hold()

    def show_sort(self) -> None:
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

    def remember_sort(self) -> None:
        """Keep the sort of the list being left, to show it again the same way (and in the
        next session: QSettings, per list)."""
        model = self.list_model
        if model is not None and not isinstance(model, PhotoGridModel) \
                and self.current_kind in BY_KEY:
            self.sorts[self.current_kind] = model.sorted_as
            column, order = model.sorted_as
            self.settings.setValue(f"sort/{self.current_kind}",
                                   f"{column},{order.value}")

    def sort_of(self, kind: str) -> tuple[int, Qt.SortOrder]:
        """The sort a list was left with (this session, or remembered from the last)."""
        if kind in self.sorts:
            return self.sorts[kind]
        raw = str(self.settings.value(f"sort/{kind}", "") or "")
        try:
            column, order = (int(part) for part in raw.split(","))
            return column, Qt.SortOrder(order)
        except ValueError:
            return -1, Qt.SortOrder.AscendingOrder

    def size_columns(self, model: PagedTableModel) -> None:
        """Fit the columns to the rows in view, then restore the widths the user chose."""
        if self.table.model() is model:
            self.columns.fit(model.columnCount())
