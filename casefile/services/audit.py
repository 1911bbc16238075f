"""Reading the audit log: who changed what, and when.

The log never names a protected source (`casefile.db.audit_privacy`). A log an older version
wrote may: the step to format 8 scrubs it once, when such a file is first opened.
"""

from __future__ import annotations

from sqlalchemy import select

from casefile.db.session import Store
from casefile.models import AuditEntry
from casefile.read_models import AuditEntryData
from casefile.read_models.build import Reader
from casefile.services.base import Ref, as_uuid


class AuditService:
    """The audit log, newest first; entries are written by the session, never by hand."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def entries(self, *, record: Ref | None = None, offset: int = 0,
                limit: int = 100) -> list[AuditEntryData]:
        """A page of the log, optionally for one record."""
        stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
        if record is not None:
            stmt = stmt.where(AuditEntry.record_uuid == as_uuid(record))
        with self._store.read() as s:
            return Reader(self._store).many(list(s.scalars(stmt.offset(offset).limit(limit))))
