"""Undo and redo for edits, deletions and evidence links, on one QUndoStack per window.

Each action has already happened when its command is pushed (the core committed it), so the
first redo does nothing; undo and later redos go through the same core services.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from casefile.errors import CaseFileError
from casefile.services.trash import TrashService


class _Done(QUndoCommand):
    def __init__(self, text: str, changed: Callable[[], None],
                 failed: Callable[[str], None]) -> None:
        super().__init__(text)
        self._first = True
        self.changed = changed
        self.failed = failed

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

    def do(self) -> None:
        if self.entry is not None:
            self.trash.restore(self.entry)

    def revert(self) -> None:
        self.entry = self.trash.delete(self.load(), cascade=True).uuid


class ImportCommand(RestoreCommand):
    """Records an import brought in: undo sends them all to the trash as one deletion, redo
    brings them back."""

    def __init__(self, trash: TrashService, load: Callable[[], list[Any]], text: str,
                 changed: Callable[[], None], failed: Callable[[str], None]) -> None:
        super().__init__(trash, None, load, text, changed, failed)

    def revert(self) -> None:
        self.entry = self.trash.delete_many(self.load(), label=self.text(), cascade=True).uuid
