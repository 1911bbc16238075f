"""Saving a panel's edited fields through a core service: the one way every form saves.

Unchanged fields are not written; a refusal from the core is shown beside the form and the
user's text is kept; a successful save is handed to the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel

from casefile.errors import CaseFileError

OnEdit = Callable[[Any, Any, dict[str, Any], dict[str, Any], str], None]


def save_fields(service: Any, record: Any, fields: dict[str, Any], problem: QLabel,
                on_edit: OnEdit | None, label: str) -> Any | None:
    """The updated record, or None when nothing changed or the core refused."""
    if all(getattr(record, k) == v for k, v in fields.items()):
        return None
    before = {k: getattr(record, k) for k in fields}
    try:
        updated = service.update(record.uuid, **fields)
    except CaseFileError as exc:
        problem.setText(str(exc))
        return None
    problem.clear()
    if on_edit is not None:
        on_edit(service, updated.uuid, before, fields, label)
    return updated
