"""The lists' remembered column widths and hidden columns (QSettings, per list)."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu, QTableView

from ui.kinds import BY_KEY


class ColumnMemory:
    """Saves the widths the user gives the columns of `table`, per list (`kind()`), and
    puts them back when that list is shown again. Widths set by the app itself (fitting a
    new list) are not the user's choice: they are made while `restoring` is set."""

    def __init__(self, settings: QSettings, table: QTableView,
                 kind: Callable[[], str]) -> None:
        self.settings = settings
        self.table = table
        self.kind = kind
        self.restoring = False
        header = table.horizontalHeader()
        header.sectionResized.connect(lambda *_a: self.save())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.menu)

    def _key(self) -> str:
        return f"columns/{self.kind()}"

    def save(self) -> None:
        """Remember the widths and hidden columns of the list shown."""
        kind = self.kind()
        if self.restoring or kind not in BY_KEY or kind == "photo":
            return
        header = self.table.horizontalHeader()
        state = [[header.sectionSize(i), header.isSectionHidden(i)]
                 for i in range(header.count())]
        self.settings.setValue(self._key(), json.dumps(state))

    def restore(self) -> None:
        """Put back what was remembered for the list shown (the first column stretches)."""
        raw = self.settings.value(self._key())
        if not raw:
            self.restoring = False
            return
        try:
            state = json.loads(str(raw))
        except ValueError:
            self.restoring = False
            return
        header = self.table.horizontalHeader()
        self.restoring = True
        try:
            for i, (width, hidden) in enumerate(state[:header.count()]):
                if i > 0:
                    header.resizeSection(i, int(width))
                header.setSectionHidden(i, bool(hidden) and i > 0)
        finally:
            self.restoring = False

    def menu(self, position: QPoint) -> None:
        """Right-click on the header: show or hide columns (the first always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self.table)
        model = self.table.model()
        for i in range(1, header.count()):
            action = menu.addAction(str(model.headerData(i, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda shown, col=i: self.set_shown(col, shown))
        menu.popup(header.mapToGlobal(position))

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column of the current list, and remember it."""
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self.save()
