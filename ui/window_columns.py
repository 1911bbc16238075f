"""The main window's remembered column widths and hidden columns (QSettings, per list)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from ui.kinds import BY_KEY


class ColumnMemory:
    """Mixed into MainWindow: needs `table`, `settings`, `current_kind`."""

    table: Any
    settings: Any
    current_kind: str
    _restoring: bool

    def _column_key(self) -> str:
        return f"columns/{self.current_kind}"

    def _save_columns(self) -> None:
        if self._restoring or self.current_kind not in BY_KEY or self.current_kind == "photo":
            return
        header = self.table.horizontalHeader()
        state = [[header.sectionSize(i), header.isSectionHidden(i)]
                 for i in range(header.count())]
        self.settings.setValue(self._column_key(), json.dumps(state))

    def _restore_columns(self) -> None:
        raw = self.settings.value(self._column_key())
        if not raw:
            self._restoring = False
            return
        try:
            state = json.loads(str(raw))
        except ValueError:
            self._restoring = False
            return
        header = self.table.horizontalHeader()
        self._restoring = True
        try:
            for i, (width, hidden) in enumerate(state[:header.count()]):
                if i > 0:
                    header.resizeSection(i, int(width))
                header.setSectionHidden(i, bool(hidden) and i > 0)
        finally:
            self._restoring = False

    def _column_menu(self, position: Any) -> None:
        """Right-click on the header: show or hide columns (the first always stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        model = self.table.model()
        for i in range(1, header.count()):
            action = menu.addAction(str(model.headerData(i, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda shown, col=i: self.set_column_shown(col, shown))
        menu.popup(header.mapToGlobal(position))

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column of the current list, and remember it."""
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self._save_columns()
