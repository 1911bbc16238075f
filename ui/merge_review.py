"""The review of merge conflicts: each field a merge could not settle, with the value before
the copy was made (base), the lead's ("mine") and the contributor's ("theirs"); Keep mine,
Take theirs or Use edited text settles it as one undo step on the window's stack. Until then
the lead's value stays in place. The list follows the case's changes (kind
"merge_conflict"), whoever made them: an undo, another window, a second merge."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from ui.case_changes import CaseChanges
from ui.field_copies import field_name, record_name
from ui.i18n import short_datetime
from ui.kinds import tr
from ui.prompts import Prompts
from ui.undo import NAME_CHARS, _Done

PAGE = 100  # conflicts read at a time
LIST_CHARS = 120  # a record's label in the list, at most (the tooltip has it whole)
UuidRole = Qt.ItemDataRole.UserRole


def status_text(status: str) -> str:
    """How a conflict's state reads in the list."""
    return {"open": tr("open"), "kept": tr("kept mine"), "taken": tr("took theirs"),
            "edited": tr("edited")}.get(status, status)


def short(text: str, chars: int = NAME_CHARS) -> str:
    """One line of at most `chars` characters (an undo step's name, a list cell)."""
    line = " ".join(text.split())
    return line if len(line) <= chars else line[:chars - 1] + "…"



def reason_text(reason: str) -> str:
    """The core's reason for a conflict in the interface's language (the core writes them in
    English; a reason with a detail keeps the detail as written)."""
    fixed = {
        "changed on both sides": tr("changed on both sides"),
        "deleted in the other file, edited here": tr("deleted in the other file, edited here"),
        "deleted here, edited in the other file": tr("deleted here, edited in the other file"),
        "trashed in the other file, edited here": tr("trashed in the other file, edited here"),
        "trashed here, restored in the other file":
            tr("trashed here, restored in the other file"),
        "the copy makes a protected source nameable":
            tr("the copy makes a protected source nameable"),
        "changed in a copy that saw it only with a protected identity withheld":
            tr("changed in a copy that saw it only with a protected identity withheld"),
        "trashed in the other file together with a record whose deletion waits for a "
        "decision": tr("trashed in the other file together with a record whose deletion "
                       "waits for a decision"),
        "another tag here has that name": tr("another tag here has that name"),
    }
    if reason in fixed:
        return fixed[reason]
    for prefix, said in (("cannot come in: ", tr("cannot come in: ")),
                         ("cannot be taken: ", tr("cannot be taken: "))):
        if reason.startswith(prefix):
            return said + reason[len(prefix):]
    return reason

class ResolveCommand(_Done):
    """A conflict settled (already, in the core): undo opens it again with the lead's value
    back, redo settles it the same way."""

    def __init__(self, case: CaseFile, conflict: Any, choice: str, value: Any, text: str,
                 changed: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(text, changed, failed)
        self.case, self.conflict, self.choice, self.value = case, conflict.uuid, choice, value
        self.where = (conflict.record_kind, conflict.record_uuid)

    def do(self) -> None:
        self.case.merges.resolve(self.conflict, self.choice, self.value)

    def revert(self) -> None:
        self.case.merges.reopen(self.conflict)


class ReopenCommand(_Done):
    """A settled conflict opened again from the review's Reopen (one the undo stack does
    not hold: settled in another window, a script, an earlier session); undo settles it
    the same way again ("kept" and "taken" only: an edited text is not known to the app)."""

    def __init__(self, case: CaseFile, conflict: Any, choice: str, text: str,
                 changed: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(text, changed, failed)
        self.case, self.conflict, self.choice = case, conflict.uuid, choice
        self.where = (conflict.record_kind, conflict.record_uuid)

    def do(self) -> None:
        self.case.merges.reopen(self.conflict)

    def revert(self) -> None:
        self.case.merges.resolve(self.conflict, self.choice)


SETTLED_BY = {"kept": "mine", "taken": "theirs"}  # a status, and the choice that made it


class MergeReview(QDialog):
    """File → Review merge conflicts…: the conflicts (open ones, or all), and for the one
    selected its three values and the three ways to settle it."""

    def __init__(self, case: CaseFile, changes: CaseChanges, undo_stack: QUndoStack,
                 prompts: Prompts, parent: QWidget | None = None, *,
                 go_to: Callable[[str, str], object] | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.changes = changes
        self.undo_stack = undo_stack
        self.prompts = prompts
        self.go_to = go_to
        self.conflicts: list[Any] = []
        self._edit_for: uuid.UUID | None = None  # the conflict the edit box was filled for
        self.setWindowTitle(tr("Merge conflicts"))
        self.show_resolved = QCheckBox(tr("Show &resolved conflicts too"))
        self.show_resolved.toggled.connect(lambda _on: self.reload())
        self.count = QLabel()
        self.count.setObjectName("conflictCount")
        self.notice = QLabel()  # what a double-click could not do (cleared on a new choice)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("conflictList")
        self.table.setAccessibleName(tr("Conflicts"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([tr("Record"), tr("Field"), tr("Why"),
                                    tr("Changed there by"), tr("When"), tr("State")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.table.currentItemChanged.connect(lambda _now, _before: self._picked())
        self.table.itemDoubleClicked.connect(lambda _item, _column: self.open_record())
        self.more = QPushButton(tr("Show more"))
        self.more.clicked.connect(lambda: self.reload(len(self.conflicts) + PAGE))
        self.more.setVisible(False)
        self.base = self._pane(tr("Base — when the copy was made"))
        self.mine = self._pane(tr("Mine — here"))
        self.theirs = self._pane(tr("Theirs — in the copy"))
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("editedText")
        self.edit.setAccessibleName(tr("Edited text"))
        self.edit.setTabChangesFocus(True)  # Tab goes on to the buttons
        self.resolution = QLabel()
        self.resolution.setObjectName("resolution")
        self.resolution.setWordWrap(True)
        self.keep = QPushButton(tr("Keep &mine"))
        self.take = QPushButton(tr("Take &theirs"))
        self.use_edit = QPushButton(tr("Use &edited text"))
        self.reopen = QPushButton(tr("Re&open"))
        self.reopen.setToolTip(tr("Open the settled conflict again, with the value it had "
                                  "before"))
        self.reopen.clicked.connect(self.reopen_chosen)
        self.keep.clicked.connect(lambda: self.resolve("mine"))
        self.take.clicked.connect(lambda: self.resolve("theirs"))
        self.use_edit.clicked.connect(lambda: self.resolve("edit"))
        self._lay_out()
        # Edit → Undo / Redo work here too (the review is a window of its own): in the edit
        # box its own text undo comes first, as in any text field.
        for action, keys in ((undo_stack.createUndoAction(self, tr("&Undo")),
                              QKeySequence.StandardKey.Undo),
                             (undo_stack.createRedoAction(self, tr("&Redo")),
                              QKeySequence.StandardKey.Redo)):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_keys = self.actions()[-2:]
        self.changes.changed.connect(self._react)
        self.resize(1000, 680)
        self.reload()
        self.table.setFocus()

    def _pane(self, title: str) -> tuple[QLabel, QPlainTextEdit]:
        label = QLabel(title)
        pane = QPlainTextEdit()
        pane.setReadOnly(True)
        pane.setAccessibleName(title)
        pane.setTabChangesFocus(True)
        label.setBuddy(pane)
        return label, pane

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.show_resolved)
        listed = QWidget()
        column = QVBoxLayout(listed)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addWidget(self.notice)
        column.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        values = QWidget()
        grid = QGridLayout(values)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (label, pane) in enumerate((self.base, self.mine, self.theirs)):
            grid.addWidget(label, 0, i)
            grid.addWidget(pane, 1, i)
        edit_label = QLabel(tr("E&dited text (used with “Use edited text”)"))
        edit_label.setBuddy(self.edit)
        grid.addWidget(edit_label, 2, 0, 1, 3)
        grid.addWidget(self.edit, 3, 0, 1, 3)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(3, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(listed)
        split.addWidget(values)
        split.setSizes([180, 450])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.resolution, 1)
        for button in (self.keep, self.take, self.use_edit, self.reopen):
            button.setAutoDefault(False)
            row.addWidget(button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(split, 1)
        box.addLayout(row)
        box.addWidget(buttons)
        for first, then in ((self.table, self.more), (self.more, self.base[1]),
                            (self.base[1], self.mine[1]), (self.mine[1], self.theirs[1]),
                            (self.theirs[1], self.edit), (self.edit, self.keep),
                            (self.keep, self.take), (self.take, self.use_edit),
                            (self.use_edit, self.reopen)):
            QWidget.setTabOrder(first, then)

    # -- reading -------------------------------------------------------------------

    def reload(self, limit: int | None = None) -> None:
        """Read the list again (as many rows as were shown, or `limit`), keeping the
        selected conflict, or the row where it was when it has left the list."""
        chosen = self.current()
        item = self.table.currentItem()
        row = max(self.table.indexOfTopLevelItem(item), 0) if item is not None else 0
        limit = limit or max(PAGE, len(self.conflicts))
        open_only = not self.show_resolved.isChecked()
        try:  # one row more than shown: whether there are more to show
            listed = list(self.case.merges.conflicts(open_only=open_only, limit=limit + 1))
            still_open = self.case.merges.open_count()
        except CaseFileError as exc:  # the file closed under it
            self.count.setText(str(exc))
            return
        self.conflicts = listed[:limit]
        self.more.setVisible(len(listed) > limit)
        self.count.setText(tr("{n} conflict(s) open — until you settle one, your value "
                              "stays in place.").replace("{n}", str(still_open))
                           if still_open else tr("No open conflicts."))
        self.table.blockSignals(True)
        self.table.clear()
        for conflict in self.conflicts:
            when = short_datetime(conflict.their_changed_at) if conflict.their_changed_at \
                else ""
            item = QTreeWidgetItem([short(record_name(conflict), LIST_CHARS),
                                    field_name(conflict),
                                    reason_text(conflict.reason), conflict.their_author, when,
                                    status_text(conflict.status)])
            item.setToolTip(0, record_name(conflict))
            item.setData(0, UuidRole, str(conflict.uuid))
            self.table.addTopLevelItem(item)
        keys = [c.uuid for c in self.conflicts]
        if chosen is not None and chosen.uuid in keys:
            row = keys.index(chosen.uuid)
        current = self.table.topLevelItem(min(row, len(keys) - 1)) if keys else None
        if current is not None:
            self.table.setCurrentItem(current)
        self.table.blockSignals(False)
        self._chosen()

    def current(self) -> Any:
        """The conflict selected (None: none)."""
        item = self.table.currentItem()
        if item is None:
            return None
        key = uuid.UUID(str(item.data(0, UuidRole)))
        return next((c for c in self.conflicts if c.uuid == key), None)

    def _picked(self) -> None:
        self.notice.setText("")
        self._chosen()

    def _chosen(self) -> None:
        """Show the selected conflict's three values; offer what can settle it."""
        conflict = self.current()
        is_open = conflict is not None and conflict.status == "open"
        editable = bool(is_open and conflict.editable)
        self.base[1].setPlainText(conflict.base_text if conflict else "")
        self.mine[1].setPlainText(conflict.mine_text if conflict else "")
        self.theirs[1].setPlainText(conflict.theirs_text if conflict else "")
        self.theirs[0].setText(
            tr("Theirs — in the copy, by {a} ({t})").replace("{a}", conflict.their_author)
            .replace("{t}", short_datetime(conflict.their_changed_at))
            if conflict is not None and conflict.their_changed_at else tr("Theirs — in the copy"))
        key = conflict.uuid if editable else None
        if key is None or key != self._edit_for:  # the same conflict keeps what was typed
            self.edit.setPlainText(conflict.mine_text if editable else "")
        self._edit_for = key
        self.edit.setEnabled(editable)
        self.edit.setPlaceholderText("" if editable or conflict is None else
                                     tr("Only text can be edited here: keep mine or take "
                                        "theirs."))
        for button in (self.keep, self.take):
            button.setEnabled(is_open)
        self.use_edit.setEnabled(editable)
        self.reopen.setVisible(conflict is not None and not is_open)
        self.reopen.setEnabled(conflict is not None and not is_open)
        if conflict is None:
            self.resolution.setText("")
        elif is_open:
            self.resolution.setText(tr("From {p}: {w}.").replace("{p}", conflict.peer_label)
                                    .replace("{w}", reason_text(conflict.reason)))
        else:
            self.resolution.setText(
                (tr("Settled: {s}, by {b} ({t}). Undo or Reopen opens it again.")
                 if self.undoable(conflict) else
                 tr("Settled: {s}, by {b} ({t}). Reopen opens it again."))
                .replace("{s}", status_text(conflict.status))
                .replace("{b}", conflict.resolved_by)
                .replace("{t}", short_datetime(conflict.resolved_at)
                         if conflict.resolved_at else ""))

    def undoable(self, conflict: Any) -> bool:
        """Whether the next Undo opens `conflict` again (the last step done settled it)."""
        index = self.undo_stack.index()
        last = self.undo_stack.command(index - 1) if index > 0 else None
        return isinstance(last, ResolveCommand) and last.conflict == conflict.uuid

    def _react(self, changes: Any) -> None:
        """Read again when a conflict changed, or the record of the one shown did."""
        shown = self.current()
        if changes.touches("merge_conflict") or (
                shown is not None and changes.touched(shown.record_kind, shown.record_uuid)):
            self.reload()

    # -- settling ------------------------------------------------------------------

    def resolve(self, choice: str) -> None:
        """Settle the selected conflict ("mine", "theirs", "edit"): one undo step."""
        conflict = self.current()
        if conflict is None or conflict.status != "open":
            return
        value = self.edit.toPlainText() if choice == "edit" else None
        if choice == "edit" and not conflict.editable:
            return
        try:
            self.case.merges.resolve(conflict.uuid, choice, value)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Merge conflicts"), str(exc))
            return
        name = {"mine": tr("keep mine: {r}, {f}"), "theirs": tr("take theirs: {r}, {f}"),
                "edit": tr("edited text: {r}, {f}")}[choice]
        self.undo_stack.push(ResolveCommand(
            self.case, conflict, choice, value,
            name.replace("{r}", short(record_name(conflict)))
            .replace("{f}", field_name(conflict)),
            self.changes.flush, lambda message: self.prompts.error(
                self, tr("Merge conflicts"), message)))
        self.changes.flush()  # this view's own command: shown at once
        self.table.setFocus()  # the next conflict is selected: settle it from the keys

    def reopen_chosen(self) -> None:
        """Reopen: the selected settled conflict open again, the value before it back (one
        undo step; an edited text, which undo could not bring back, is asked about)."""
        conflict = self.current()
        if conflict is None or conflict.status == "open":
            return
        choice = SETTLED_BY.get(conflict.status)
        if choice is None and not self.prompts.confirm(
                self, tr("Merge conflicts"),
                tr("Reopen this conflict? The edited text is replaced by the value before it, "
                   "and Undo cannot bring the edited text back.")):
            return
        try:
            self.case.merges.reopen(conflict.uuid)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Merge conflicts"), str(exc))
            return
        if choice is not None:
            self.undo_stack.push(ReopenCommand(
                self.case, conflict, choice,
                tr("reopen: {r}, {f}").replace("{r}", short(record_name(conflict)))
                .replace("{f}", field_name(conflict)),
                self.changes.flush, lambda message: self.prompts.error(
                    self, tr("Merge conflicts"), message)))
        self.changes.flush()

    def open_record(self) -> None:
        """Double-click: the record in the window (the review stays open); one that is not
        there to show (in the trash, purged, the case itself) is said so."""
        conflict = self.current()
        if conflict is None or self.go_to is None:
            return
        try:
            shown = self.go_to(conflict.record_kind, str(conflict.record_uuid))
        except CaseFileError:
            shown = False
        if shown is False:
            self.notice.setText(tr("That record cannot be shown: it is in the trash (File → "
                                  "Trash restores it) or no longer in this file."))
