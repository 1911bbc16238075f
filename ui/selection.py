"""A list's selection: put back on a row after the list was read again (quietly), read as
rows, and Ctrl+A meaning the whole list (rows not yet read included)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelection, QItemSelectionModel, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView


def reselect(selection: QItemSelectionModel, model: QAbstractItemModel, row: int) -> None:
    """Select `row` (whole rows) and make it current without announcing a new choice: the
    user did not choose anything, the list was only refreshed under them."""
    blocked = selection.blockSignals(True)
    selection.select(model.index(row, 0),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    selection.blockSignals(blocked)


def selected_rows(selection: QItemSelectionModel | None) -> list[int]:
    """The rows selected, in order, read from the selection's ranges (not one index per
    cell: a whole list of 10,000 rows selected is a single range)."""
    if selection is None:
        return []
    rows: set[int] = set()
    ranges = selection.selection()
    for i in range(ranges.count()):
        span = ranges.at(i)
        rows.update(range(span.top(), span.bottom() + 1))
    return sorted(rows)


def select_all(view: QAbstractItemView) -> int:
    """Ctrl+A: every row of the list, not only those read so far — the paged model grows
    to the whole list (its rows are read when shown or used). How many are selected."""
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return 0
    grow = getattr(model, "grow_to_all", None)
    if callable(grow):
        grow()
    rows = model.rowCount()
    if rows:
        span = QItemSelection(model.index(0, 0),
                              model.index(rows - 1, max(0, model.columnCount() - 1)))
        selection.select(span, QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
    return rows


class SelectAllKeys(QObject):
    """Ctrl+A (the platform's Select All) on a list selects the whole list: `select_all`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.SelectAll) \
                and isinstance(watched, QAbstractItemView) \
                and watched.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection:
            select_all(watched)
            return True
        return False
