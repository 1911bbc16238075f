"""A searchable multi-select of records: type part of a name, pick from the matches under
the box, see the chosen ones with a ✕ each. Lists page from the database: a small case is
filtered in memory (any part of a word), a large one through the search index.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from ui.kinds import tr

# A case this small is filtered in memory (substrings); a larger one through the search index.
IN_MEMORY_CAP = 500
SHOWN_MATCHES = 30


class _ArrowsToResults(QObject):
    """Down from the search box goes into the matches; Enter takes the current match."""

    def __init__(self, picker: RecordPicker) -> None:
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        results = self.picker.results
        if watched is self.picker.search:
            if key == Qt.Key.Key_Down and results.count():
                results.setFocus()
                results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.picker.take(results.currentItem() or results.item(0))
                return True
            if key == Qt.Key.Key_Escape and self.picker.search.text():
                self.picker.search.clear()
                return True
        elif watched is results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.picker.take(results.currentItem())
                return True
            if key == Qt.Key.Key_Up and results.currentRow() <= 0:
                self.picker.search.setFocus()
                return True
        elif watched is self.picker.chosen and key in (Qt.Key.Key_Delete,
                                                       Qt.Key.Key_Backspace):
            item = self.picker.chosen.currentItem()
            if item is not None:
                self.picker.remove(str(item.data(Qt.ItemDataRole.UserRole)))
            return True
        return False


class RecordPicker(QWidget):
    """Records chosen from the case by typing part of their text: the matches list under the
    box (Down, Enter or a click adds one), the chosen ones above with a ✕ each (or Delete).
    Subclasses say which kind: how to find, show, read and (optionally) create one.

    `changed(list[str])` carries the chosen UUIDs after each add or remove; `created(record)`
    tells the window about a record made here. With `single`, adding replaces the one chosen
    (a request's recipient)."""

    changed = Signal(list)
    created = Signal(object)
    KIND = ""
    allow_create = False

    def __init__(self, case: CaseFile, parent: QWidget | None = None, *,
                 single: bool = False, placeholder: str = "") -> None:
        super().__init__(parent)
        self.case = case
        self.single = single
        self._chosen: list[Any] = []
        self._pool: list[Any] | None = None  # a small case's records, filtered in memory
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosen")
        self.chosen.setAccessibleName(tr("Chosen"))
        self.chosen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.search = QLineEdit()
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(placeholder or tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.results = QListWidget()
        self.results.setObjectName("pickerMatches")
        self.results.setAccessibleName(tr("Matches"))
        self.results.itemClicked.connect(self.take)
        self.results.setVisible(False)
        self.empty = QLabel(tr("None yet."))
        self.empty.setEnabled(False)
        arrows = _ArrowsToResults(self)
        for widget in (self.search, self.results, self.chosen):
            widget.installEventFilter(arrows)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.empty)
        column.addWidget(self.chosen)
        column.addWidget(self.search)
        column.addWidget(self.results)
        self.setFocusProxy(self.search)
        self._show_chosen()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        """The picker's name is its search box's too: the box is where Tab lands."""
        super().setAccessibleName(name)
        self.search.setAccessibleName(name)

    # --- what a kind says -------------------------------------------------------------
    def label(self, record: Any) -> str:
        """How a record is shown."""
        return str(record.label)

    def tip(self, record: Any) -> str:
        """A record's tooltip."""
        return self.label(record)

    def hay(self, record: Any) -> str:
        """The text typed words are looked for in (a small case, in memory)."""
        return self.label(record)

    def service(self) -> Any:
        """The core service of the kind (page, count, get)."""
        return getattr(self.case, {"source": "sources", "claim": "claims"}[self.KIND])

    def page_order(self) -> str | None:
        """The order a small case's records are listed in."""
        return None

    def create_record(self, text: str) -> Any:
        """Make a record from what was typed (only with `allow_create`)."""
        raise NotImplementedError

    def key_of(self, record: Any) -> str:
        """What a chosen record or a match is known by in the lists (its UUID)."""
        return str(record.uuid)

    def fetch(self, key: str) -> Any:
        """The record a key stands for, read fresh (CaseFileError if it has gone)."""
        return self.service().get(uuid.UUID(key))

    def same(self, record: Any, typed: str) -> bool:
        """Whether what was typed is this record exactly (then there is nothing to create)."""
        return self.label(record).casefold() == typed.casefold()

    # --- what is chosen -------------------------------------------------------------------
    def set_records(self, records: Sequence[Any]) -> None:
        """Show the chosen records (loading a record: not a change)."""
        self._chosen = list(records)
        self._pool = None  # names may have changed since
        self._show_chosen()
        if self.search.text():
            self._filter(self.search.text())

    def records(self) -> list[Any]:
        """The chosen records, in the order shown."""
        return list(self._chosen)

    def uuids(self) -> list[str]:
        """The chosen records' UUIDs (what the core's link fields take)."""
        return [str(r.uuid) for r in self._chosen]

    def labels(self) -> list[str]:
        """The chosen records as shown."""
        return [self.label(r) for r in self._chosen]

    def text(self) -> str:
        """The chosen records as one line ("—" for none), as a label would read."""
        return ", ".join(self.labels()) or "—"

    def _show_chosen(self) -> None:
        self.chosen.clear()
        for record in self._chosen:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, self.key_of(record))
            item.setToolTip(self.tip(record))
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(4, 0, 0, 0)
            name = QLabel(self.label(record))
            name.setToolTip(self.tip(record))
            name.setMinimumWidth(0)  # a long statement is clipped: the tooltip has it whole
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            remove = QToolButton()
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setObjectName("remove")
            # The keyboard removes from the list itself (Delete): Tab runs list → box.
            remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            remove.setAccessibleName(tr("Remove {n}").replace("{n}", self.label(record)))
            remove.setToolTip(remove.accessibleName())
            key = self.key_of(record)
            remove.clicked.connect(lambda _c=False, k=key: self.remove(k))
            line.addWidget(name, 1)
            line.addWidget(remove)
            item.setSizeHint(row.sizeHint())
            self.chosen.addItem(item)
            self.chosen.setItemWidget(item, row)
        rows = len(self._chosen)
        self.chosen.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        if rows:
            height = sum(self.chosen.item(r).sizeHint().height() for r in range(min(rows, 5)))
            self.chosen.setFixedHeight(height + 2 * self.chosen.frameWidth() + 2)

    def remove_buttons(self) -> list[QToolButton]:
        """The ✕ buttons of the chosen records, in order."""
        buttons: list[QToolButton] = []
        for row in range(self.chosen.count()):
            widget = self.chosen.itemWidget(self.chosen.item(row))
            button = widget.findChild(QToolButton, "remove") if widget else None
            if button is not None:
                buttons.append(button)
        return buttons

    def add(self, record: Any) -> None:
        """Choose one more record (with `single`: instead of the one chosen)."""
        if any(self.key_of(r) == self.key_of(record) for r in self._chosen):
            return
        self._chosen = [record] if self.single else [*self._chosen, record]
        self._show_chosen()
        self.changed.emit(self.uuids())

    def remove(self, key: str) -> None:
        """Take a record out of the chosen ones."""
        kept = [r for r in self._chosen if self.key_of(r) != key]
        if len(kept) == len(self._chosen):
            return
        self._chosen = kept
        self._show_chosen()
        self.changed.emit(self.uuids())

    # --- finding records ------------------------------------------------------------------
    def matches(self, typed: str) -> list[Any]:
        """Records holding every word typed: filtered in memory in a small case (any part
        of a word), found through the search index in a large one (word beginnings)."""
        words = typed.casefold().split()
        if not words:
            return []
        service = self.service()
        if self._pool is None and service.count() <= IN_MEMORY_CAP:
            self._pool = service.page(limit=IN_MEMORY_CAP, order_by=self.page_order())
        if self._pool is not None:
            return [r for r in self._pool
                    if all(w in self.hay(r).casefold() for w in words)][:SHOWN_MATCHES]
        query = " ".join(w + "*" for w in typed.split())
        found: list[Any] = []
        for hit in self.case.search.search(query, kinds=[self.KIND], limit=SHOWN_MATCHES,
                                           stemming=False):
            try:
                found.append(service.get(hit.uuid))
            except CaseFileError:
                continue  # trashed since it was indexed
        return found

    def _filter(self, typed: str) -> None:
        self.results.clear()
        typed = typed.strip()
        if not typed:
            self.results.setVisible(False)
            return
        taken = {self.key_of(r) for r in self._chosen}
        found = self.matches(typed)
        for record in found:
            if self.key_of(record) in taken:
                continue
            item = QListWidgetItem(self.label(record))
            item.setToolTip(self.tip(record))
            item.setData(Qt.ItemDataRole.UserRole, self.key_of(record))
            self.results.addItem(item)
        exact = any(self.same(r, typed) for r in found)
        if self.allow_create and not exact:
            item = QListWidgetItem(tr("Create “{t}” as a new source").replace("{t}", typed))
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.setData(Qt.ItemDataRole.UserRole + 1, typed)
            self.results.addItem(item)
        if not self.results.count():
            item = QListWidgetItem(tr("Nothing matches “{t}”").replace("{t}", typed))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        rows = min(self.results.count(), 6)
        self.results.setFixedHeight(self.results.sizeHintForRow(0) * rows
                                    + 2 * self.results.frameWidth())
        self.results.setVisible(True)

    def take(self, item: QListWidgetItem | None) -> None:
        """Add the record a match stands for (or create it), then clear the search."""
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        record: Any = None
        if key is None:
            text = item.data(Qt.ItemDataRole.UserRole + 1)
            if not text or not self.allow_create:
                return
            try:
                record = self.create_record(str(text).strip())
            except CaseFileError as exc:
                self.results.clear()
                failed = QListWidgetItem(str(exc))
                failed.setFlags(Qt.ItemFlag.NoItemFlags)
                self.results.addItem(failed)
                return
            self._pool = None
            self.created.emit(record)
        else:
            with contextlib.suppress(CaseFileError, ValueError):
                record = self.fetch(str(key))
        self.search.clear()
        self.search.setFocus()
        if record is not None:
            self.add(record)
