"""Saving a panel's edited fields through a core service: the one way every form saves.

Unchanged fields are not written; a refusal from the core is shown beside the form and the
user's text is kept; a successful save is handed to the undo stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QLabel

from casefile.errors import CaseFileError
from casefile.read_models import ReadModel
from casefile.services.base import RecordService

D = TypeVar("D", bound=ReadModel)
# The undo stack's hook: (service, uuid, fields before, fields after, label).
OnEdit = Callable[[RecordService[Any, Any], uuid.UUID, dict[str, Any], dict[str, Any], str],
                  None]


def save_fields(service: RecordService[Any, D], record: D, fields: dict[str, Any],
                problem: QLabel, on_edit: OnEdit | None, label: str) -> D | None:
    """The updated record, or None when nothing changed or the core refused. Only the fields
    that differ from `record` are written: a field the form shows but the user did not touch
    never overwrites a change made elsewhere since the form was filled."""
    fields = {k: v for k, v in fields.items() if getattr(record, k) != v}
    if not fields:
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
