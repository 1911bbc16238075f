"""The navigator: the kinds of record in a case, with live counts, and under a "Saved
searches" heading the reporter's saved searches (smart collections) with their live counts."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPalette

from casefile.resources import resource_path
from ui.i18n import number
from ui.kind_icons import kind_icon
from ui.kinds import VIEWS, tr
from ui.palette import themed_icon

# Navigator rows: (kind key in CaseSummary.counts, label). "trash" is counted separately.
SECTIONS: tuple[tuple[str, str], ...] = tuple((v.key, v.title) for v in VIEWS)

KindRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
SavedRole = Qt.ItemDataRole.UserRole + 3  # a saved search's name (its rows only)


@cache
def _saved_icon() -> QIcon:
    """The saved-search icon, tinted in the list's text colour whenever it is painted."""
    return themed_icon(resource_path("icons", "actions", "save-search.svg"),
                       QPalette.ColorRole.Text)


class NavigatorModel(QAbstractListModel):
    """Holds only the counts it is given; the window refreshes it from the core."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self._saved: list[tuple[str, int]] = []

    def set_counts(self, counts: dict[str, int]) -> None:
        """Replace the counts; views repaint the rows that changed."""
        self._counts = dict(counts)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(len(SECTIONS) - 1))

    def set_saved(self, saved: list[tuple[str, int]]) -> None:
        """Replace the saved searches (name, matches) listed under their heading: rows
        gone are removed and new ones inserted (never a reset, which would clear the
        navigator's selection), the counts of the others repainted."""
        parent = QModelIndex()
        heading = len(SECTIONS)
        names = [n for n, _c in saved]
        if not self._saved and saved:  # the heading comes with the first
            self.beginInsertRows(parent, heading, heading + len(saved))
            self._saved = list(saved)
            self.endInsertRows()
            return
        if self._saved and not saved:  # and goes with the last
            self.beginRemoveRows(parent, heading, heading + len(self._saved))
            self._saved = []
            self.endRemoveRows()
            return
        first = heading + 1
        for i in reversed(range(len(self._saved))):
            if self._saved[i][0] not in names:
                self.beginRemoveRows(parent, first + i, first + i)
                del self._saved[i]
                self.endRemoveRows()
        for i, (name, count) in enumerate(saved):
            if i < len(self._saved) and self._saved[i][0] == name:
                continue
            if name in (n for n, _c in self._saved):  # moved: not done by the app
                self.beginResetModel()
                self._saved = list(saved)
                self.endResetModel()
                return
            self.beginInsertRows(parent, first + i, first + i)
            self._saved.insert(i, (name, count))
            self.endInsertRows()
        self._saved = list(saved)
        if saved:
            self.dataChanged.emit(self.index(first), self.index(self.rowCount() - 1))

    def saved_row(self, name: str) -> int | None:
        """The row of the saved search `name`, if it is listed."""
        for i, (saved, _count) in enumerate(self._saved):
            if saved == name:
                return len(SECTIONS) + 1 + i
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        if parent.isValid():
            return 0
        return len(SECTIONS) + (1 + len(self._saved) if self._saved else 0)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and index.row() == len(SECTIONS):  # the heading
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = index.row()
        if row >= len(SECTIONS):
            return self._saved_data(row - len(SECTIONS) - 1, role)
        kind, label = SECTIONS[row]
        count = self._counts.get(kind, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label}  ({number(count)})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (tr("{section}, 1 item") if count == 1 else tr("{section}, {n} items")
                    ).replace("{section}", label).replace("{n}", number(count))
        if role == KindRole:
            return kind
        if role == Qt.ItemDataRole.DecorationRole:  # item-type icons (ui/kind_icons.py)
            return kind_icon(kind)
        if role == CountRole:
            return count
        return None

    def _saved_data(self, at: int, role: int) -> Any:
        if at < 0:  # the heading
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("Saved searches")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        name, count = self._saved[at]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}  ({number(count)})"
        if role == Qt.ItemDataRole.DecorationRole:
            return _saved_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (tr("Saved search {name}, 1 match") if count == 1 else
                    tr("Saved search {name}, {n} matches")).replace("{name}", name) \
                .replace("{n}", number(count))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Run the saved search again (right-click to rename or delete it)")
        if role == SavedRole:
            return name
        if role == CountRole:
            return count
        return None
