"""The lists' column widths: fitted to the rows in view at first (the main column keeps
MAIN_SHARE of the width, every other column at least its header's width, a narrow window
hides the optional columns), then the widths and hidden columns the user chose (QSettings,
per list)."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from ui.kinds import BY_KEY

MAIN_SHARE = 0.45  # of the list's width, at least, for the main column (name, title…)
OTHER_MAX = 220  # pixels at most for any other column fitted to its rows
NARROW = 1100  # a window narrower than this starts the optional columns hidden
OPTIONAL: dict[str, tuple[int, ...]] = {"source": (3, 4)}  # Role, Location


class ColumnMemory(QObject):
    """Saves the widths the user gives the columns of `table`, per list (`kind()`), and
    puts them back when that list is shown again. Widths set by the app itself (fitting a
    new list) are not the user's choice: they are made while `restoring` is set."""

    def __init__(self, settings: QSettings, table: QTableView,
                 kind: Callable[[], str]) -> None:
        super().__init__(table)
        self.settings = settings
        self.table = table
        self.kind = kind
        self.restoring = False
        header = table.horizontalHeader()
        header.sectionResized.connect(lambda *_a: self.save())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.menu)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Only the app's own fitting gives way: widths the user chose are kept as chosen.
        if event.type() == QEvent.Type.Resize and self.kind() in BY_KEY \
                and not self.settings.value(self._key()):
            if self.hide_optional():
                self.fit(self.table.model().columnCount())
            self.keep_main_readable()
        return False

    def header_width(self, column: int) -> int:
        """The width a column's title needs (with the sort arrow): never narrower."""
        header = self.table.horizontalHeader()
        return int(header.sectionSizeFromContents(column).width())

    def hide_optional(self) -> bool:
        """In a window narrower than NARROW, the list's optional columns start hidden
        (unless the user chose otherwise: `restore` puts their choice back); whether
        that changed what is shown."""
        header = self.table.horizontalHeader()
        hide = self.table.window().width() < NARROW
        changed = False
        was, self.restoring = self.restoring, True
        try:
            for column in OPTIONAL.get(self.kind(), ()):
                if column < header.count() and header.isSectionHidden(column) != hide:
                    header.setSectionHidden(column, hide)
                    changed = True
        finally:
            self.restoring = was
        return changed

    def fit(self, columns: int) -> None:
        """Fit the columns to the rows in view, then restore the widths the user chose. The
        main column (name, title, statement) keeps at least MAIN_SHARE of the width; the
        others share the rest, each fitted to its rows up to OTHER_MAX but never narrower
        than its header; long text is elided ("…") and shown whole in the tooltip."""
        self.restoring = True  # these widths are not the user's choice
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(columns):  # another list's hidden columns are not this one's
            header.setSectionHidden(column, False)
        self.hide_optional()
        self.table.resizeColumnsToContents()
        shown = [i for i in range(1, columns) if not header.isSectionHidden(i)]
        width = self.table.viewport().width() or self.table.width()
        cap = OTHER_MAX
        if shown:
            cap = max(60, min(OTHER_MAX, int(width * (1 - MAIN_SHARE) / len(shown))))
        for column in shown:
            header.resizeSection(column, max(self.header_width(column),
                                             min(header.sectionSize(column), cap)))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.restore()
        self.restoring = False

    def keep_main_readable(self) -> None:
        """Narrow the other columns, in proportion, when they leave the main column less
        than MAIN_SHARE of the list's width (a window made smaller, a 1024-pixel screen)."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        shown = [i for i in range(1, header.count()) if not header.isSectionHidden(i)]
        others = sum(header.sectionSize(i) for i in shown)
        room = int(width * (1 - MAIN_SHARE))
        if not shown or others <= room or width <= 0:
            return
        was, self.restoring = self.restoring, True
        try:
            for i in shown:
                header.resizeSection(i, max(self.header_width(i),
                                            header.sectionSize(i) * room // others))
        finally:
            self.restoring = was

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
