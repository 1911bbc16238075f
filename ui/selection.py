"""Putting a list's selection back on a row after the list was read again, quietly."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel


def reselect(selection: QItemSelectionModel, model: QAbstractItemModel, row: int) -> None:
    """Select `row` (whole rows) and make it current without announcing a new choice: the
    user did not choose anything, the list was only refreshed under them."""
    blocked = selection.blockSignals(True)
    selection.select(model.index(row, 0),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    selection.blockSignals(blocked)
