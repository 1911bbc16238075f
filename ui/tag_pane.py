"""The tag pane under the navigator, like Zotero's tag selector: every tag of the list shown
with how many records carry it, a box to filter the tags, and a click that narrows the list
to the records with that tag (the filter is done in SQL, so the list still pages). Right-
click renames or deletes a tag."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from ui.i18n import number
from ui.kinds import BY_KEY, tr
from ui.prompts import Prompts

NameRole = Qt.ItemDataRole.UserRole + 30
SETTLE_MS = 500  # counts are taken this long after the last of a burst of changes
Filter = Callable[[str | None], None]


class TagPane(QWidget):
    """Lists the tags of the section shown; `on_filter(tag or None)` narrows the list."""

    def __init__(self, case: CaseFile, prompts: Prompts, on_filter: Filter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPane")
        self.case = case
        self.prompts = prompts
        self.on_filter = on_filter
        self.kind = ""
        self.active: str | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(tr("Tags"))
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        top.addWidget(self.heading, 1)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("tagClear")
        self.clear_button.setText(tr("Show all"))
        self.clear_button.setToolTip(tr("Show every record again, tagged or not"))
        self.clear_button.clicked.connect(lambda: self.choose(None))
        self.clear_button.hide()
        top.addWidget(self.clear_button)
        box.addLayout(top)
        self.filter = QLineEdit()
        self.filter.setObjectName("tagFilter")
        self.filter.setPlaceholderText(tr("Filter tags"))
        self.filter.setAccessibleName(tr("Filter tags"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._fill())
        box.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("tagList")
        self.list.setAccessibleName(tr("Tags"))
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        box.addWidget(self.list, 1)
        self.hint = QLabel()
        self.hint.setObjectName("tagHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn as quiet, secondary text
        box.addWidget(self.hint)
        self.counts: list[tuple[str, int]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.refresh)

    @property
    def filters_lists(self) -> bool:
        """Whether the section shown is a list a tag can narrow (not search or the trash)."""
        return self.kind in BY_KEY and self.kind != "trash"

    def set_kind(self, kind: str, active: str | None = None) -> None:
        """The section shown changed (`active`: the tag its list is narrowed to): list its
        tags (every tag's, for search and trash)."""
        self.kind = kind
        self.active = active if self.filters_lists else None
        self.clear_button.setVisible(self.active is not None)
        self.refresh()

    def react(self, changes: Changes) -> None:
        """Count again a moment after a change that can move a count: a tagging (the core
        reports the tag as touched), a deletion or restore, a purge — not an edit of a
        record's fields, which autosave commits on every pause in typing."""
        if changes.touches("tag", "trash") or changes.bulk or changes.deleted:
            self._timer.start()

    def settle(self) -> None:
        """Count now if a count is waiting for its moment (tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

    def refresh(self) -> None:
        """Read the tags and their counts again."""
        self._timer.stop()
        try:
            self.counts = self.case.tags.counts(self.kind if self.filters_lists else None)
        except CaseFileError:
            self.counts = []
        if self.active is not None and self.active not in {n for n, _c in self.counts}:
            self.choose(None)  # the tag was renamed, deleted or is on nothing here now
        self._fill()

    def choose(self, name: str | None) -> None:
        """Narrow the list to the records tagged `name` (None: every record)."""
        if name is not None and not self.filters_lists:
            return
        if name == self.active:
            return
        self.active = name
        self.clear_button.setVisible(name is not None)
        self._fill()
        self.on_filter(name)

    def _clicked(self, item: QListWidgetItem) -> None:
        name = item.data(NameRole)
        self.choose(None if name == self.active else name)

    def _fill(self) -> None:
        typed = self.filter.text().strip().casefold()
        self.list.clear()
        for name, count in self.counts:
            if typed and typed not in name.casefold():
                continue
            item = QListWidgetItem(f"{name}  ({number(count)})")
            item.setData(NameRole, name)
            item.setToolTip(tr("Show only the records tagged “{tag}”").replace("{tag}", name)
                            if name != self.active else tr("Click again to show every record"))
            if name == self.active:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
            if name == self.active:
                item.setSelected(True)
        if not self.counts:
            self.hint.setText(tr("No tags here yet. Add one in the row above a record's "
                                 "form."))
        elif not self.filters_lists:
            self.hint.setText(tr("Choose a section to narrow its list by a tag."))
        elif self.active is not None:
            self.hint.setText(tr("Showing only records tagged “{tag}”.")
                              .replace("{tag}", self.active))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))

    def _menu(self, at: QPoint) -> None:
        item = self.list.itemAt(at)
        if item is None:
            return
        name = str(item.data(NameRole))
        menu = QMenu(self)
        menu.addAction(tr("&Rename tag…"), lambda: self.rename(name))
        menu.addAction(tr("&Delete tag…"), lambda: self.delete(name))
        menu.popup(self.list.viewport().mapToGlobal(at))
        self.menu = menu  # kept for tests to trigger

    def rename(self, name: str, new: str | None = None) -> bool:
        """Give the tag another name (asked for if not given); every record keeps it."""
        if new is None:
            new = self.prompts.text(self, tr("Rename tag"), tr("New name of the tag:"), name)
        if not new or not new.strip() or new.strip() == name:
            return False
        try:
            self.case.tags.rename(name, new)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Rename tag"), str(exc))
            return False
        if self.active == name:
            self.active = " ".join(new.split())
            self.on_filter(self.active)
        self.refresh()
        return True

    def delete(self, name: str) -> bool:
        """Delete a tag after saying what happens: it comes off its records (which stay) and
        goes to the trash, from where it can come back with them."""
        total = sum(c for n, c in self.case.tags.counts() if n == name)
        if total == 1:
            message = tr("Delete the tag “{tag}”? It comes off the one record that carries "
                         "it; the record itself stays. The tag goes to the trash: restoring "
                         "it from there puts it back on the record.")
        else:
            message = tr("Delete the tag “{tag}”? It comes off the {n} records that carry "
                         "it; the records themselves stay. The tag goes to the trash: "
                         "restoring it from there puts it back on them.")
        message = message.replace("{tag}", name).replace("{n}", number(total))
        if not self.prompts.confirm_action(self, tr("Delete tag"), message, tr("Delete tag")):
            return False
        found = self.case.tags.find(name)
        if found is None:
            return False
        try:
            self.case.trash.delete(found)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Delete tag"), str(exc))
            return False
        self.refresh()
        return True
