"""Undo and redo for edits, deletions and evidence links, on one QUndoStack per window.

Each action has already happened when its command is pushed (the core committed it), so the
first redo does nothing; undo and later redos go through the same core services. Saves of
one field of one record in a row (typing, saved as you go) merge into one command, so a
sentence typed is one undo step, not forty — but a step holds at most `MERGE_SPAN_S` of
typing and ends when the field is left, so one Ctrl+Z never takes away a whole session.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from casefile.errors import CaseFileError
from casefile.read_models import SourceData
from casefile.services.trash import TrashService
from ui.kinds import tr
from ui.pickers import public_label

MERGE_ID = 19  # EditCommand.id(): Qt offers a push to the command before it to merge
MERGE_SPAN_S = 15.0  # typing of one field merges into one undo step for this long at most
NAME_CHARS = 40  # an undo step names its record in this many characters at most
clock = time.monotonic  # when a save happened (a test sets its own clock)


def undo_name(record: Any, **typed: Any) -> str:
    """How an undo step (the Edit menu, the toolbar tip, "Undid: …") names a record: a
    source as everywhere else someone could see it (`public_label`: a protected source by
    its pseudonym, never its real name), any other record by its label field — `typed`
    overrides it (a name being typed is named as it was); one short line."""
    if isinstance(record, SourceData) and record.is_protected:
        name = public_label(record)
    else:
        field = record.LABEL_FIELD
        name = str(typed.get(field, getattr(record, field, "")) or "")
    name = " ".join(name.split())
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"


class _Done(QUndoCommand):
    def __init__(self, text: str, changed: Callable[[], None],
                 failed: Callable[[str], None]) -> None:
        super().__init__(text)
        self._first = True
        self.changed = changed
        self.failed = failed
        # Where the change is: (kind, uuid) of the record, for the window to go there.
        self.where: tuple[str, uuid.UUID] | None = None

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except CaseFileError as exc:
            self.failed(str(exc))
        self.changed()

    def do(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class EditCommand(_Done):
    """Fields of one record changed from `before` to `after`."""

    def __init__(self, service: Any, record: uuid.UUID, before: dict[str, Any],
                 after: dict[str, Any], text: str, changed: Callable[[], None],
                 failed: Callable[[str], None]) -> None:
        super().__init__(text, changed, failed)
        self.service, self.record, self.before, self.after = service, record, before, after
        self.started = self.at = clock()
        self.sealed = False  # the field was left: the next save starts a new step
        kind = getattr(getattr(service, "model", None), "KIND", "")
        self.where = (kind, record) if kind else None

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Take in the next save of the same fields of the same record, while the field is
        still being typed in and the step is younger than `MERGE_SPAN_S`."""
        if not isinstance(other, EditCommand) or other.service is not self.service \
                or other.record != self.record or set(other.after) != set(self.after) \
                or self.sealed or other.at - self.started > MERGE_SPAN_S \
                or not self._typed(other.after):
            return False
        self.after, self.at = other.after, other.at
        self.setObsolete(self.after == self.before)  # typed and typed back: nothing to undo
        return True

    @staticmethod
    def _typed(fields: dict[str, Any]) -> bool:
        # Text is typed a few letters at a time; a choice (an enum, a date) is one step each.
        return all(type(value) is str for value in fields.values())

    def do(self) -> None:
        self.service.update(self.record, **self.after)

    def revert(self) -> None:
        self.service.update(self.record, **self.before)


class TrashCommand(_Done):
    """A deletion (to the trash): undo restores it, redo trashes the same records again."""

    def __init__(self, trash: TrashService, entry: uuid.UUID, load: Callable[[], Any],
                 cascade: bool,
                 text: str, changed: Callable[[], None],
                 failed: Callable[[str], None]) -> None:
        super().__init__(text, changed, failed)
        self.trash, self.entry, self.load, self.cascade = trash, entry, load, cascade

    def do(self) -> None:
        self.entry = self.trash.delete(self.load(), cascade=self.cascade).uuid

    def revert(self) -> None:
        self.trash.restore(self.entry)


class RestoreCommand(_Done):
    """Bringing records back (or creating one): undo sends it to the trash, redo returns it.

    For a newly created record there is no trash entry yet; the first undo makes one."""

    def __init__(self, trash: TrashService, entry: uuid.UUID | None, load: Callable[[], Any],
                 text: str,
                 changed: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(text, changed, failed)
        self.trash, self.entry, self.load = trash, entry, load
        # The record as created (None: not a creation): undoing asks if it has more now.
        self.created: Any = None

    def do(self) -> None:
        if self.entry is not None:
            self.trash.restore(self.entry)

    def revert(self) -> None:
        self.entry = self.trash.delete(self.load(), cascade=True).uuid


class ImportCommand(RestoreCommand):
    """Records an import brought in: undo sends them all to the trash as one deletion, redo
    brings them back. `imported` holds the records as imported: undoing asks when one was
    edited since (a caption typed) or is used (a photo placed in a draft)."""

    def __init__(self, trash: TrashService, load: Callable[[], list[Any]], text: str,
                 changed: Callable[[], None], failed: Callable[[str], None],
                 kind: str = "", imported: dict[uuid.UUID, Any] | None = None) -> None:
        super().__init__(trash, None, load, text, changed, failed)
        self.kind = kind
        self.imported = imported or {}

    def revert(self) -> None:
        self.entry = self.trash.delete_many(self.load(), label=self.text(), cascade=True).uuid


class BatchCommand(QUndoCommand):
    """Several changes already made (a multi-select deletion) as one undo step: undone last
    to first, redone first to last. Built after the changes, so a batch the user declined
    entirely never reaches the stack."""

    def __init__(self, text: str, steps: Sequence[QUndoCommand]) -> None:
        super().__init__(text)
        self.steps = list(steps)  # kept here: Python owns them
        self.where: tuple[str, uuid.UUID] | None = None

    def redo(self) -> None:
        for step in self.steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()


_META = frozenset({"id", "uuid", "created_at", "updated_at", "version", "changed_at",
                   "changed_by", "changed_device", "trash_id"})


def grew(created: Any, now: Any) -> bool:
    """Whether a record holds more now than when it was created (notes typed, a transcript,
    a body, people linked…): the fields both read models loaded, bookkeeping aside."""
    before, after = created.loaded(), now.loaded()
    return any(before[k] != after[k] for k in before.keys() & after.keys() - _META)


def field_name(field: str) -> str:
    """A field as the undo menu and the status bar name it ("notes", "answer")."""
    names = {"notes": tr("notes"), "answer_text": tr("answer"),
             "transcript": tr("transcript"), "body": tr("text"), "name": tr("name"),
             "title": tr("title"), "headline": tr("headline"), "caption": tr("caption"),
             "statement": tr("statement"), "role_title": tr("role"),
             "short_name": tr("short name"), "affiliation": tr("affiliation"),
             "location": tr("location"), "place_name": tr("place"),
             "rights_note": tr("rights"), "summary": tr("summary"), "status": tr("status"),
             "attribution_override": tr("attribution"), "dek": tr("dek"),
             "email": tr("email"), "outlet": tr("outlet"), "base_city": tr("base")}
    return names.get(field, field.replace("_", " "))


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z and Ctrl+Y and the platform's own Redo keys, each once: Qt refuses a key
    bound twice on one action ("Ambiguous shortcut overload") and then does nothing."""
    keys: list[QKeySequence] = []
    for key in [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
                *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]:
        if key.toString() and all(key != k for k in keys):
            keys.append(key)
    return keys


def undo_redo_actions(parent: QObject, stack: QUndoStack, undo: Callable[[], None],
                      redo: Callable[[], None]) -> tuple[QAction, QAction]:
    """Edit → Undo and Redo: named after the step they take, enabled when there is one,
    and calling `undo`/`redo` (which may ask first) rather than the stack directly."""
    made = []
    for title, slot, can, text, changed_can, changed_text, keys in (
            (tr("&Undo"), undo, stack.canUndo, stack.undoText, stack.canUndoChanged,
             stack.undoTextChanged, [QKeySequence(QKeySequence.StandardKey.Undo)]),
            (tr("&Redo"), redo, stack.canRedo, stack.redoText, stack.canRedoChanged,
             stack.redoTextChanged, redo_keys())):
        entry = QAction(title, parent)
        entry.setShortcuts(keys)

        def named(step: str, entry: QAction = entry, title: str = title) -> None:
            entry.setText(f"{title} {step}" if step else title)

        # The values the signals carry, never the stack: it may be going away.
        changed_can.connect(entry.setEnabled)
        changed_text.connect(named)
        entry.triggered.connect(lambda _checked=False, slot=slot: slot())
        entry.setEnabled(can())
        named(text())
        made.append(entry)
    return made[0], made[1]
