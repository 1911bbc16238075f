"""The tag row over a record's form: its tags as chips (each taken off by its ✕ only), and
a field to add one (completed from the case's tags). Tags go on and off as commands
(casefile/commands.py SetTag) put on the window's undo stack, as batch tagging does, so
Ctrl+Z puts back a tag taken off by mistake; the core reports each change like any edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.commands import SetTag
from casefile.errors import CaseFileError
from casefile.services.tags import TagInTrashError
from ui.i18n import number
from ui.kinds import tr
from ui.prompts import Prompts


class FlowLayout(QLayout):
    """Items left to right, wrapping onto new lines: chips in a narrow detail column."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` (the add field stays last)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y()


class TagField(QLineEdit):
    """The add field: Enter adds what was typed; Backspace in an empty field takes the last
    tag off (as in Zotero and mail clients' address fields) — one press one tag: a held key
    repeating does not wipe the rest."""

    def __init__(self, row: TagRow) -> None:
        super().__init__()
        self._row = row

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            if self._row.names and not event.isAutoRepeat():
                self._row.remove(self._row.names[-1])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._row.refresh_completion()
        super().focusInEvent(event)


class TagChip(QFrame):
    """One tag: its name, and a ✕ that takes it off (a click on the name does nothing)."""

    def __init__(self, name: str, remove: Callable[[str], object]) -> None:
        super().__init__()
        self.setObjectName("tagChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        box = QHBoxLayout(self)
        box.setContentsMargins(6, 1, 1, 1)
        box.setSpacing(2)
        self.label = QLabel(name)
        box.addWidget(self.label)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("tagChipRemove")
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(tr("Remove the tag “{tag}”").replace("{tag}", name))
        self.remove_button.setAccessibleName(tr("Remove the tag “{tag}”").replace("{tag}",
                                                                                    name))
        self.remove_button.clicked.connect(lambda _c=False: remove(name))
        box.addWidget(self.remove_button)

    def text(self) -> str:
        """The tag's name."""
        return self.name


class TagCommand(QUndoCommand):
    """A tag put on or taken off one record, already done when pushed; undo does the
    opposite, redo does it again (through the core's SetTag command)."""

    def __init__(self, row: TagRow, command: SetTag) -> None:
        name = command.name
        super().__init__((tr("tag “{tag}”") if command.on else tr("untag “{tag}”"))
                         .replace("{tag}", name))
        self.row, self.command = row, command
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self.row.apply(self.command)

    def undo(self) -> None:
        c = self.command
        self.row.apply(SetTag(c.kind, c.ref, c.name, not c.on))


class TagRow(QWidget):
    """The tags of the record shown on the right; hidden while no record is shown."""

    def __init__(self, case: CaseFile, prompts: Prompts, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagRow")
        self.undo_stack = undo_stack
        self.setAccessibleName(tr("Tags"))
        self.case = case
        self.prompts = prompts
        self.record: Any = None
        self.names: list[str] = []
        self.chips: list[TagChip] = []
        self.flow = FlowLayout(self)
        self.field = TagField(self)
        self.field.setObjectName("tagField")
        self.field.setPlaceholderText(tr("Add a tag…"))
        self.field.setAccessibleName(tr("Add a tag"))
        self.field.setMinimumWidth(120)
        self.field.setMaximumWidth(220)
        self.completion = QStringListModel(self)
        completer = QCompleter(self.completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.field.returnPressed.connect(self._add_typed)
        self.flow.addWidget(self.field)
        self.hide()

    def show_record(self, record: Any) -> None:
        """Show the tags of `record` (a read model), or hide the row for None."""
        self.record = record
        if record is None:
            self.hide()
            return
        self.field.clear()
        self._read()
        self.refresh_completion()
        self.show()

    def react(self, changes: Changes) -> None:
        """Read the tags again when the record, or any tag, changed."""
        record = self.record
        if record is None:
            return
        if changes.touched(record.KIND, record.uuid) or changes.touches("tag"):
            self._read()

    def refresh_completion(self) -> None:
        """Offer the case's tags the record does not have yet."""
        have = set(self.names)
        self.completion.setStringList([n for n in self.case.tags.names() if n not in have])

    def add(self, name: str) -> bool:
        """Put the tag `name` on the record (one undo step); a clear message if the core
        refuses."""
        name = " ".join(name.split())
        if self.record is None or not name:
            return False
        return self._do(SetTag(self.record.KIND, self.record.uuid, name, True),
                        tr("Add a tag"))

    def remove(self, name: str) -> bool:
        """Take the tag `name` off the record (one undo step)."""
        if self.record is None:
            return False
        return self._do(SetTag(self.record.KIND, self.record.uuid, name, False),
                        tr("Remove a tag"))

    def apply(self, command: SetTag) -> bool:
        """Apply a tagging (an undo or redo too); a clear message if the core refuses."""
        try:
            self.case.apply(command)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Tags"), str(exc))
            return False
        if self.record is not None and self.record.uuid == command.ref:
            self._read()
        return True

    def _do(self, command: SetTag, title: str) -> bool:
        try:
            try:
                self.case.apply(command)
            except TagInTrashError as clash:
                if not self._clear_trashed(clash):
                    return False
                self.case.apply(command)
        except CaseFileError as exc:
            self.prompts.error(self, title, str(exc))
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(TagCommand(self, command))
        self._read()
        return True

    def _clear_trashed(self, clash: TagInTrashError) -> bool:
        """A tag of that name is in the trash: put it back (on its records too) or delete
        it for good, as the user chooses, so the name can be used here."""
        if clash.records == 1:
            back = tr("Put the old tag back (on the record it was on too) and add it here")
        else:
            back = tr("Put the old tag back (on the {n} records it was on too) and add it "
                      "here").replace("{n}", number(clash.records))
        gone = tr("Delete the old tag for good and add a new one here")
        choice = self.prompts.choose(
            self, tr("Add a tag"),
            tr("A tag “{tag}” is in the trash. What should happen to it?")
            .replace("{tag}", clash.name), [back, gone])
        if choice is None:
            return False
        try:
            if choice == 0:
                self.case.trash.restore(clash.entry)
            else:
                self.case.trash.purge(clash.entry)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Add a tag"), str(exc))
            return False
        return True

    def _add_typed(self) -> None:
        if self.add(self.field.text()):
            self.field.clear()
            self.refresh_completion()

    def _read(self) -> None:
        try:
            names = self.case.tags.names_for(self.record)
        except CaseFileError:
            names = []
        if names == self.names and len(self.chips) == len(names):
            return
        self.names = names
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()  # at once: deleteLater waits for the event loop
            chip.deleteLater()
        self.chips = []
        for index, name in enumerate(names):
            chip = TagChip(name, self.remove)
            self.flow.insert_widget(index, chip)
            chip.show()
            self.chips.append(chip)
        self.flow.activate()  # place the chips now: invalidate() alone asks for no layout
        self.updateGeometry()
