"""Units of work over one open file: sessions that hide trashed records and write the audit log."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker, with_loader_criteria

from casefile.changes import NO_CHANGES, ChangeLog, Changes
from casefile.db import audit_privacy
from casefile.db.base import Record, Trashable
from casefile.db.turns import TurnLock
from casefile.errors import CaseFileError, is_damage
from casefile.models.meta import AuditEntry
from casefile.models.sources import Source

log = logging.getLogger(__name__)

# Fields whose change is bookkeeping, not an edit worth an audit line.
_QUIET_FIELDS = {"updated_at", "created_at", "trash_id"}


class CaseSession(Session):
    """A session that never shows trashed records unless asked (`include_trashed=True`)."""


@event.listens_for(CaseSession, "do_orm_execute")
def _hide_trashed(state: Any) -> None:
    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get("include_trashed", False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                Trashable,
                lambda cls: cls.trash_id.is_(None),
                include_aliases=True,
            )
        )


@event.listens_for(CaseSession, "before_flush")
def _audit(session: Session, _ctx: Any, _instances: Any) -> None:
    bulk = session.info.get("bulk_audit")
    actor = session.info.get("actor", "")
    for obj in session.new:
        if isinstance(obj, Record) and obj.uuid is None:
            obj.uuid = uuid.uuid4()
    written = [o for o in session.new if isinstance(o, AuditEntry) and o.summary]
    sources = [o for o in list(session.new) + list(session.dirty) if isinstance(o, Source)]
    if bulk and not written and not sources:
        return
    # No protected source is ever named in the log (see audit_privacy).
    matcher = audit_privacy.matcher_for(session)
    for entry in written:  # written by a service (trash, restore)
        entry.summary = matcher.redact(entry.summary)
    if not bulk:
        for obj in list(session.new):
            if isinstance(obj, Record):
                session.add(_entry(actor, "create", obj, [], matcher))
        for obj in list(session.dirty):
            if isinstance(obj, Record):
                state = inspect(obj)
                changed = sorted(
                    a.key
                    for a in state.attrs
                    if a.key not in _QUIET_FIELDS and a.history.has_changes()
                )
                if changed:
                    session.add(_entry(actor, "update", obj, changed, matcher))
        for obj in list(session.deleted):
            if isinstance(obj, Record):
                session.add(_entry(actor, "purge", obj, [], matcher))
    if sources:
        audit_privacy.rewrite_history(session, new_too=not bulk)


def change_log(session: Session) -> ChangeLog:
    """The log of what this unit of work touched; writes made with SQL instead of the ORM
    (a bundle's rows) note themselves in it."""
    log = session.info.get("change_log")
    if log is None:
        log = session.info["change_log"] = ChangeLog()
    return log


@event.listens_for(CaseSession, "before_flush")
def _note_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    log = change_log(session)
    for obj in session.new:
        kind = getattr(obj, "KIND", "")
        if kind:
            log.note("create", kind, getattr(obj, "uuid", None))
    for obj in session.dirty:
        kind = getattr(obj, "KIND", "")
        if kind and session.is_modified(obj):
            log.note("update", kind, getattr(obj, "uuid", None))
    for obj in session.deleted:
        kind = getattr(obj, "KIND", "")
        if kind:
            log.note("delete", kind, getattr(obj, "uuid", None))


def _entry(actor: str, action: str, obj: Record, changes: list[str],
           matcher: audit_privacy.Matcher) -> AuditEntry:
    return AuditEntry(
        actor=actor,
        action=action,
        record_kind=obj.KIND,
        record_uuid=obj.uuid,
        summary=audit_privacy.label(obj, matcher),
        changes=changes,
    )


DAMAGED = ("Part of the case file is damaged and cannot be read. Check it (File → Check case "
           "file), then recover what can be read into a new file (File → Recover a damaged "
           "case file…) or restore a backup.")


def disk_trouble(exc: BaseException) -> str | None:
    """What is wrong with the storage, in a few words ("the disk is full"), or None if `exc`
    is not a storage failure."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "database or disk is full" in text or "disk is full" in text:
        return "the disk is full"
    if "disk i/o error" in text:  # SQLite reports some out-of-space writes this way too
        return "the disk is full or failing (I/O error)"
    if "readonly" in text or "read-only" in text:
        return "the case file is read-only"
    return None


def disk_error_message(exc: BaseException) -> str | None:
    """A plain sentence for a failed write, or None if `exc` is not a storage failure."""
    trouble = disk_trouble(exc)
    if trouble is None:
        return None
    if "I/O" in trouble:  # a failing disk may have written the commit before it failed
        return (f"{trouble}: the last change may not have been saved. Check the case file, "
                "and copy it and its backups to another disk")
    return f"{trouble}: the last change was not saved"


class Store:
    """The open file's engine and a lock: every unit of work runs one at a time.

    The file has one connection, so units of work nest instead of overlapping: a read or
    a write started inside a write joins it (and commits with it); a read inside a read
    shares it. A write inside a read is a bug and is refused.
    """

    def __init__(self, engine: Engine, actor: str) -> None:
        self.engine = engine
        self.actor = actor
        self._lock = TurnLock()
        self._local = threading.local()
        self._factory = sessionmaker(engine, class_=CaseSession, expire_on_commit=False)
        # Long reads outside a unit of work (a backup copying pages) pin the file open;
        # closing tells them to stop (`closing`) and waits until they have.
        self.closing = threading.Event()
        self._pins = 0
        self._pins_changed = threading.Condition()
        self._subscribers: list[Callable[[Changes], None]] = []

    def subscribe(self, callback: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `callback(changes)` after every commit that changed something, on the thread
        that committed (a UI hands it to its own thread); returns the unsubscribe call. A
        failing subscriber is logged and never undoes or blocks the commit."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def in_unit_of_work(self) -> bool:
        """Whether this thread is inside a read or a write."""
        return getattr(self._local, "current", None) is not None

    def last_changes(self) -> Changes:
        """What the last unit of work committed on this thread changed."""
        return getattr(self._local, "last_changes", NO_CHANGES)

    def _publish(self, changes: Changes) -> None:
        self._local.last_changes = changes
        if not changes:
            return
        for callback in list(self._subscribers):
            try:
                callback(changes)
            except Exception:  # noqa: BLE001 - a view's failure is not the commit's
                log.exception("a subscriber to case changes failed")

    def _current(self) -> tuple[Session, bool] | None:
        if self.closed:
            raise CaseFileError("the case file has been closed")
        return getattr(self._local, "current", None)

    closed = False
    # When this process last committed a change (None: not yet); drives automatic backups.
    last_commit: datetime | None = None

    @contextmanager
    def pinned(self) -> Iterator[threading.Event]:
        """Keep the file open for work that uses the connection without a unit of work;
        the event it gives is set when the file is closing (stop soon)."""
        with self._pins_changed:
            if self.closed or self.closing.is_set():
                raise CaseFileError("the case file has been closed")
            self._pins += 1
        try:
            yield self.closing
        finally:
            with self._pins_changed:
                self._pins -= 1
                self._pins_changed.notify_all()

    @contextmanager
    def in_steps(self) -> Iterator[tuple[Any, Callable[[], None]]]:
        """The file's one DB-API connection, for long work done in short steps outside any
        unit of work (a backup copying pages), and the `between()` to call between steps.
        The store's lock is held while a step runs and handed to waiting threads at each
        `between()`, so a list or an edit waits one step at most and never meets the
        connection mid-step; the steps themselves must never begin, commit or roll back."""
        if getattr(self._local, "current", None) is not None:
            raise RuntimeError("work in steps cannot run inside a unit of work")
        with self._lock:
            if self.closed:
                raise CaseFileError("the case file has been closed")
            proxy = self.engine.raw_connection()
            try:
                yield proxy.dbapi_connection, self._lock.hand_over
            finally:
                proxy.close()  # returned to the pool with the lock still held

    def close(self, finish: Callable[[], None]) -> None:
        """Run `finish` (checkpoint…), then release the file — after any unit of work in
        progress on another thread (a preview loading) has ended and pinned work has
        stopped; later ones are refused."""
        self.closing.set()
        with self._pins_changed:
            self._pins_changed.wait_for(lambda: self._pins == 0)
        with self._lock:
            if self.closed:
                return
            try:
                finish()
            finally:
                self.closed = True
                self.engine.dispose()

    @contextmanager
    def write(self, *, bulk_audit: bool = False) -> Iterator[Session]:
        """One transaction: committed if the block finishes, rolled back if it raises."""
        with self._lock:
            current = self._current()
            if current is not None:
                session, writable = current
                if not writable:
                    raise RuntimeError("a write cannot start inside a read-only unit of work")
                yield session
                return
            with self._factory() as session:
                session.info["actor"] = self.actor
                session.info["bulk_audit"] = bulk_audit
                self._local.current = (session, True)
                self._local.last_changes = NO_CHANGES
                published: Changes | None = None
                try:
                    with session.begin():
                        raw = session.connection().connection.dbapi_connection
                        changes = raw.total_changes if raw is not None else 0
                        yield session
                        session.flush()
                        published = change_log(session).changes()
                    # Counted after the commit (the ORM flushes at commit).
                    if raw is not None and raw.total_changes != changes:
                        self.last_commit = datetime.now(UTC)
                except DBAPIError as exc:
                    message = disk_error_message(exc)
                    if message:
                        raise CaseFileError(message) from exc
                    if is_damage(exc):
                        raise CaseFileError(DAMAGED + " The last change was not saved."
                                            ) from exc
                    raise
                finally:
                    self._local.current = None
            if published is not None:
                self._publish(published)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot; nothing done in it is committed."""
        # Closing (not rolling back) keeps loaded objects usable after the block; the
        # pool rolls the connection back when the session returns it.
        with self._lock:
            current = self._current()
            if current is not None:
                yield current[0]
                return
            with self._factory() as session:
                self._local.current = (session, False)
                try:
                    yield session
                except DBAPIError as exc:
                    if is_damage(exc):
                        raise CaseFileError(DAMAGED) from exc
                    raise
                finally:
                    self._local.current = None
