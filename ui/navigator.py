"""The navigator: the kinds of record in a case, with live counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.kinds import VIEWS

# Navigator rows: (kind key in CaseSummary.counts, label). "trash" is counted separately.
SECTIONS: tuple[tuple[str, str], ...] = tuple((v.key, v.title) for v in VIEWS)

KindRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2


class NavigatorModel(QAbstractListModel):
    """Holds only the counts it is given; the window refreshes it from the core."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}

    def set_counts(self, counts: dict[str, int]) -> None:
        """Replace the counts; views repaint the rows that changed."""
        self._counts = dict(counts)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(SECTIONS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(SECTIONS):
            return None
        kind, label = SECTIONS[index.row()]
        count = self._counts.get(kind, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label}  ({count})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{label}, {count} items"
        if role == KindRole:
            return kind
        if role == CountRole:
            return count
        return None
