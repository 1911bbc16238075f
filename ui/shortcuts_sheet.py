"""Help → Keyboard shortcuts: every key the window answers to, read from the window itself.

The sheet is built when it opens, from the menus' actions (their text without the &, their
keys as this platform writes them), the actions and QShortcuts set on the window's widgets,
and the keys that code declares where it handles them (`declare_keys`: Down from the search
box, Enter in a list…). A key added anywhere therefore shows up without editing this file.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kinds import tr

Row = tuple[str, str]  # (what it does, its keys)
KEYS_PROPERTY = "_casefile_keys"


def plain(text: str) -> str:
    """A menu text as read aloud: "&Open…" → "Open", "Save && quit" → "Save & quit"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def key_text(sequences: list[QKeySequence]) -> str:
    """Keys as this platform writes them (Ctrl+Shift+Z; ⇧⌘Z on macOS)."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    return ", ".join(dict.fromkeys(t for t in texts if t))


def declare_keys(widget: QObject, rows: list[Row]) -> None:
    """Say which keys `widget` handles itself (in an event filter or keyPressEvent), for the
    sheet: [(what it does, keys)], keys in portable text ("Down", "Ctrl+Return")."""
    kept: list[Row] = list(getattr(widget, KEYS_PROPERTY, []))
    setattr(widget, KEYS_PROPERTY, kept + rows)


def _menu_rows(menu: QMenu, prefix: str, groups: list[tuple[str, list[Row]]],
               seen: set[int]) -> None:
    rows: list[Row] = []
    for entry in menu.actions():
        seen.add(id(entry))
        sub = entry.menu()
        if isinstance(sub, QMenu):
            _menu_rows(sub, f"{prefix} › {plain(sub.title())}", groups, seen)
        elif not entry.isSeparator() and entry.shortcuts():
            rows.append((plain(entry.text()), key_text(entry.shortcuts())))
    if rows:
        groups.append((prefix, rows))


def _context(widget: QWidget | None) -> str:
    """Where in the window a key works: the nearest accessible name below the window."""
    while widget is not None and not widget.isWindow():
        if widget.accessibleName():
            return widget.accessibleName()
        widget = widget.parentWidget()
    return ""


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[Row]]]:
    """[(group title, [(what, keys)])]: one group per menu, then the keys of the window's
    lists, fields and panels."""
    groups: list[tuple[str, list[Row]]] = []
    seen: set[int] = set()
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu):
            _menu_rows(menu, plain(menu.title()), groups, seen)
    rows: list[Row] = []
    for entry in window.findChildren(QAction):
        if id(entry) in seen or not entry.shortcuts() or entry.menu() is not None \
                or not plain(entry.text()):  # Qt's own nameless helpers
            continue
        seen.add(id(entry))
        owner = entry.parent()
        where = _context(owner) if isinstance(owner, QWidget) and owner is not window else ""
        what = plain(entry.text()) + (f" ({where})" if where else "")
        rows.append((what, key_text(entry.shortcuts())))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.key().isEmpty():
            continue
        owner = shortcut.parent()
        what = shortcut.whatsThis() or (_context(owner) if isinstance(owner, QWidget) else "")
        rows.append((what or tr("Shortcut"), key_text([shortcut.key()])))
    for holder in [window, *window.findChildren(QObject)]:
        for what, keys in getattr(holder, KEYS_PROPERTY, []):
            rows.append((what, key_text([QKeySequence(keys)]) or keys))
    if rows:
        groups.append((tr("In lists, fields and panels"), list(dict.fromkeys(rows))))
    return groups


class ShortcutsSheet(QDialog):
    """The sheet, grouped by menu; made fresh each time so it is never stale."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.setObjectName("shortcutsSheet")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Action"), tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        for title, rows in shortcut_groups(window):
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            for what, keys in rows:
                line = QTreeWidgetItem([what, keys])
                line.setToolTip(0, what)
                line.setToolTip(1, keys)
                group.addChild(line)
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 24, 400))
        self.tree.setWordWrap(True)
        hint = QLabel(tr("Alt and the underlined letter opens a menu or picks an entry; "
                         "Tab and Shift+Tab move between the lists and fields."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(680, 600)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, what, keys) of every line shown — for tests and for reading aloud."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            children = [group.child(j) for j in range(group.childCount())] if group else []
            found += [(group.text(0) if group else "", c.text(0), c.text(1))
                      for c in children if c is not None]
        return found


def show_sheet(window: QMainWindow) -> ShortcutsSheet:
    """Open the sheet (not modal: it can stay beside the window while one tries the keys)."""
    sheet = ShortcutsSheet(window)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.show()
    return sheet
