"""Reading the audit log: who changed what, and when.

The log never names a protected source (`casefile.db.audit_privacy`). A log an older version
wrote may: `scrub_protected()` rewrites it, and opening a file runs it (a data-only update,
no format change; nothing is written when there is nothing to scrub).
"""

from __future__ import annotations

from sqlalchemy import select

from casefile.db import audit_privacy
from casefile.db.session import Store
from casefile.models import AuditEntry
from casefile.services.base import Ref, as_uuid


class AuditService:
    """The audit log, newest first; entries are written by the session, never by hand."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def entries(self, *, record: Ref | None = None, offset: int = 0,
                limit: int = 100) -> list[AuditEntry]:
        """A page of the log, optionally for one record."""
        stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
        if record is not None:
            stmt = stmt.where(AuditEntry.record_uuid == as_uuid(record))
        with self.store.read() as s:
            return list(s.scalars(stmt.offset(offset).limit(limit)))

    def scrub_protected(self) -> int:
        """Take protected sources' names out of every row of the log; returns how many
        rows changed (checked in a read first, so a clean log is never written to)."""
        with self.store.read() as s:
            if not audit_privacy.scrub_log(s, dry_run=True):
                return 0
        with self.store.write() as s:
            return audit_privacy.scrub_log(s)
