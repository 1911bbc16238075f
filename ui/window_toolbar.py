"""The case window's toolbar, like Zotero's: icons for the common actions and the search box.

The buttons are the menus' own QActions (one object each), so a button and its menu entry
are enabled, disabled and renamed together. The icons are line drawings in
resources/icons/actions/, tinted in the palette's button-text colour whenever they are
painted (ui/palette.py), so they stay readable on light and dark, and look disabled when
their action is."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from casefile.resources import resource_path
from ui.kinds import tr
from ui.palette import themed_icon

ICON_SIZE = 20


def action_icon(name: str) -> QIcon:
    """The icon `name` in the palette's button-text colour — its disabled colour when the
    action is disabled — tinted whenever it is painted (so after a theme switch too), sharp
    at any pixel ratio (ui/palette.py themed_icon)."""
    return themed_icon(resource_path("icons", "actions", f"{name}.svg"),
                       QPalette.ColorRole.ButtonText)


def tooltip(action: QAction, text: str) -> str:
    """`text`, with the action's shortcut as this platform writes it, if it has one."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return tr("{action} ({keys})").replace("{action}", text).replace("{keys}", keys) \
        if keys else text


class WindowToolbar(QToolBar):
    """The main toolbar: (action, icon name, tooltip) entries, a gap, then the search box."""

    def __init__(self, entries: list[tuple[QAction | None, str, str]], search: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Toolbar"), parent)
        self.setObjectName("mainToolbar")
        self.setMovable(False)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.icons: dict[QAction, str] = {}
        self.tips: dict[QAction, str] = {}
        for entry, icon, tip in entries:
            if entry is None:
                self.addSeparator()
                continue
            self.icons[entry] = icon
            self.tips[entry] = tip
            self.addAction(entry)
            button = self.widgetForAction(entry)
            if button is not None:
                button.setObjectName(f"tool-{icon}")
                button.setAccessibleName(tip)
            entry.changed.connect(lambda a=entry: self._retip(a))
        gap = QWidget()
        gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(gap)
        search.setMinimumWidth(220)
        search.setMaximumWidth(420)
        self.search_action = self.addWidget(search)
        self.paint_icons()

    def _retip(self, entry: QAction) -> None:
        tip = tooltip(entry, self.tips[entry])
        if entry.toolTip() != tip:
            entry.setToolTip(tip)

    def paint_icons(self) -> None:
        """Give every action its icon, and name each shortcut in its tooltip."""
        for entry, name in self.icons.items():
            entry.setIcon(action_icon(name))
            self._retip(entry)


def install_toolbar(window: QObject, search: QWidget) -> WindowToolbar:
    """The toolbar of a case window, over its menus' actions (ui/window_menus.py)."""
    def get(name: str) -> QAction | None:  # a window (a test's, a script's) may lack one
        found = getattr(window, name, None)
        return found if isinstance(found, QAction) else None

    entries: list[tuple[QAction | None, str, str]] = [
        (get("new_action"), "new-record", tr("New record")),
        (get("import_action"), "import-photos", tr("Import photos")),
        (get("add_document_action"), "add-document", tr("Add document file")),
        (None, "", ""),
        (get("delete_action"), "delete", tr("Move to the trash")),
        (get("undo_action"), "undo", tr("Undo")),
        (get("redo_action"), "redo", tr("Redo")),
        (None, "", ""),
        (get("board_action"), "claims-board", tr("Claims board")),
        (get("export_action"), "export-draft", tr("Export draft to Word")),
        (get("save_search_action"), "save-search", tr("Save this search")),
    ]
    kept = [(a, icon, tip) for a, icon, tip in entries if a is not None or not icon]
    bar = WindowToolbar(kept, search, window if isinstance(window, QWidget) else None)
    return bar
