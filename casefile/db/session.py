"""Units of work over one open file: the one write path.

Every change to a case goes through a unit of work here (`Store.write`). Its session hides
trashed records, and before each flush it
- counts and signs every record it changes (schema 11): a new record gets `version` 1, a
  changed one `version + 1` (once per unit of work), and both `changed_at`, `changed_by`
  (the store's actor) and `changed_device` (casefile/device.py);
- writes the audit log, all of it through `audit()`;
- notes what it touched for the `Changes` subscribers hear after the commit.

Writes made with SQL instead of ORM objects (restoring from the trash, untagging, a bundle's
rows) stamp themselves with `bump()` / `stamp_values()` and note themselves in
`change_log()`, so nothing reaches the file unsigned or unheard.

What counts as a change of a record: any of its own columns (trash and restore included —
they are tombstones a merge must see), a many-to-one link it holds (a quote's speaker), and
the collections it owns — many-to-many links it declares (an interview's interviewees, a
photo's depicted, a request's claims) and owned rows that are not records themselves (a
draft's byline). Not a change: a record of another kind pointing at it (a new evidence
link does not change its claim, a new quote not its interview), nor a snapshot of a draft
(a draft version is a record of its own). A tag put on or taken off a record changes that
record (casefile/services/tags.py). Recovering a damaged file (casefile/recovery.py) copies
rows as they were, stamps included: a rebuilt file is not an edit.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, case, event, inspect, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import (
    RelationshipDirection,
    RelationshipProperty,
    Session,
    sessionmaker,
    with_loader_criteria,
)

from casefile.changes import NO_CHANGES, ChangeLog, Changes
from casefile.db import audit_privacy
from casefile.db.base import STAMP_FIELDS, Record, Trashable, Versioned
from casefile.db.turns import TurnLock
from casefile.errors import CaseFileError, is_damage
from casefile.models.meta import AuditEntry
from casefile.models.sources import Source

log = logging.getLogger(__name__)
# Rounds of change reports delivered for one commit whose subscribers write in turn.
MAX_ROUNDS = 20

# Fields whose change is bookkeeping, not an edit worth an audit line.
_QUIET_FIELDS = {"updated_at", "created_at", "trash_id"} | STAMP_FIELDS
# Fields whose change alone is not a change of the record (the stamp itself).
_NOT_A_CHANGE = {"updated_at", "created_at"} | STAMP_FIELDS


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


# -- versions and authors ------------------------------------------------------------------


def stamp_values(session: Session) -> dict[str, Any]:
    """`changed_at`, `changed_by`, `changed_device` for a row this unit of work writes:
    merge them into a Core insert's or update's values (one moment per unit of work)."""
    now = session.info.get("changed_at")
    if now is None:
        now = session.info["changed_at"] = datetime.now(UTC)
    return {"changed_at": now, "changed_by": session.info.get("actor", ""),
            "changed_device": session.info.get("device", "")}


def new_row_values(session: Session) -> dict[str, Any]:
    """The stamp of a record this unit of work creates with SQL (version 1)."""
    return {"version": 1, **stamp_values(session)}


def bump(session: Session, model: type[Versioned], *where: ColumnElement[bool],
         **values: Any) -> list[uuid.UUID]:
    """Count a change of every row of `model` that `where` selects, trashed or not (with
    `values` set too, in the same UPDATE): version + 1, signed. Noted in the change log as
    updates; returns their UUIDs. The one way to change records with SQL."""
    table = model.__table__  # type: ignore[attr-defined]
    done = _bumped(session)
    version: Any = table.c.version + 1
    if any(t == table.name for t, _u in done):  # raised already: once is enough
        # Only the rows this UPDATE selects, not every row raised so far: a batch of a
        # thousand taggings otherwise sends 1 + 2 + … + 1,000 UUIDs (seconds).
        chosen = session.execute(select(table.c.uuid).where(*where).execution_options(
            include_trashed=True)).scalars()
        counted = [u for u in (uuid.UUID(str(c)) for c in chosen) if (table.name, u) in done]
        if counted:
            version = case((table.c.uuid.in_(counted), table.c.version), else_=version)
    stmt = (update(model).where(*where)
            .values(version=version, **stamp_values(session), **values)
            .returning(table.c.uuid)
            .execution_options(synchronize_session="fetch"))
    uids = [uuid.UUID(str(u)) for u in session.execute(stmt).scalars()]
    kind = getattr(model, "KIND", "")
    log = change_log(session)
    for uid in uids:
        log.note("update", kind, uid)
        done.add((table.name, uid))
    return uids


def _bumped(session: Session) -> set[tuple[str, uuid.UUID]]:
    """Rows whose version this unit of work has already raised (once is enough)."""
    found: set[tuple[str, uuid.UUID]] | None = session.info.get("bumped")
    if found is None:
        found = session.info["bumped"] = set()
    return found


def _owned(prop: Any) -> bool:
    """Whether a relationship is part of the record that holds it (see the module doc)."""
    if not isinstance(prop, RelationshipProperty):
        return True  # a column
    if prop.secondary is not None or prop.direction is RelationshipDirection.MANYTOONE:
        return True
    return bool(prop.cascade.delete_orphan) and not issubclass(prop.mapper.class_, Versioned)


def _changed_itself(obj: Any) -> bool:
    state = inspect(obj)
    attrs = state.mapper.attrs
    return any(a.key not in _NOT_A_CHANGE and _owned(attrs[a.key]) and a.history.has_changes()
               for a in state.attrs)


@event.listens_for(CaseSession, "before_flush")
def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
    """Version and sign every record this flush writes (see the module doc)."""
    with session.no_autoflush:
        new = [o for o in session.new if isinstance(o, Versioned)]
        changed = [o for o in session.dirty if isinstance(o, Versioned) and _changed_itself(o)]
        if not new and not changed:
            return
        stamp = stamp_values(session)
        done = _bumped(session)
        for obj in new:
            if obj.version is None:
                obj.version = 1
            for key, value in stamp.items():
                setattr(obj, key, value)
            if getattr(obj, "uuid", None) is not None:  # made here: version 1, whatever else
                done.add((type(obj).__table__.name, obj.uuid))  # type: ignore[attr-defined]
        for obj in changed:
            row = (type(obj).__table__.name, obj.uuid)  # type: ignore[attr-defined]
            if row not in done:
                obj.version = (obj.version or 0) + 1
                done.add(row)
            for key, value in stamp.items():
                setattr(obj, key, value)


# -- the audit log ------------------------------------------------------------------------


def audit(session: Session, action: str, record: Any = None, *, kind: str = "",
          ref: uuid.UUID | None = None, summary: str | None = None,
          changes: list[str] | None = None) -> AuditEntry:
    """Write one audit line in this unit of work — the only way one is written. `record`
    (an ORM record) gives its kind, UUID and label; otherwise `kind` and `ref`. The summary
    (the record's label unless given) never names a protected source: it is redacted at
    the flush, with every other line (audit_privacy)."""
    if record is not None:
        kind = kind or record.KIND
        ref = ref if ref is not None else record.uuid
        if summary is None:
            summary = audit_privacy.label(record, audit_privacy.matcher_for(session))
    entry = AuditEntry(actor=session.info.get("actor", ""), action=action, record_kind=kind,
                       record_uuid=ref, summary=summary or "", changes=list(changes or []))
    session.add(entry)
    return entry


@event.listens_for(CaseSession, "before_flush")
def _audit(session: Session, _ctx: Any, _instances: Any) -> None:
    bulk = session.info.get("bulk_audit")
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
                _entry(session, "create", obj, [], matcher)
        for obj in list(session.dirty):
            if isinstance(obj, Record):
                state = inspect(obj)
                changed = sorted(
                    a.key
                    for a in state.attrs
                    if a.key not in _QUIET_FIELDS and a.history.has_changes()
                )
                if changed:
                    _entry(session, "update", obj, changed, matcher)
        for obj in list(session.deleted):
            if isinstance(obj, Record):
                _entry(session, "purge", obj, [], matcher)
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
            if getattr(obj, "uuid", False) is None:  # a trash entry's, given at insert
                obj.uuid = uuid.uuid4()
            log.note("create", kind, getattr(obj, "uuid", None))
    for obj in session.dirty:
        kind = getattr(obj, "KIND", "")
        if kind and session.is_modified(obj):
            log.note("update", kind, getattr(obj, "uuid", None))
    for obj in session.deleted:
        kind = getattr(obj, "KIND", "")
        if kind:
            log.note("delete", kind, getattr(obj, "uuid", None))


def _entry(session: Session, action: str, obj: Record, changes: list[str],
           matcher: audit_privacy.Matcher) -> AuditEntry:
    # Already redacted: added after this flush's redaction of the lines services wrote.
    return audit(session, action, obj, summary=audit_privacy.label(obj, matcher),
                 changes=changes)


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

    def __init__(self, engine: Engine, actor: str, *, device: str | None = None) -> None:
        self.engine = engine
        # Who changes records (signed on each, and in the audit log) and on which
        # installation (casefile/device.py; this one's unless given).
        self.actor = actor
        if device is None:
            from casefile.device import device_id

            device = device_id()
        self.device = device
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
        # A subscriber that writes makes a commit of its own inside this loop: its changes
        # are queued and delivered when the current ones have been, never recursively (a
        # subscriber that always writes is stopped after MAX_ROUNDS, with an error logged).
        self._local.last_changes = changes
        if not changes:
            return
        queue: list[Changes] | None = getattr(self._local, "publishing", None)
        if queue is not None:
            queue.append(changes)
            return
        queue = self._local.publishing = [changes]
        rounds = 0
        try:
            while queue and rounds < MAX_ROUNDS:
                current = queue.pop(0)
                rounds += 1
                for callback in list(self._subscribers):
                    try:
                        callback(current)
                    except Exception:  # noqa: BLE001 - a view's failure is not the commit's
                        log.exception("a subscriber to case changes failed")
            if queue:
                log.error("subscribers kept writing to the case: stopped after %d rounds",
                          MAX_ROUNDS)
        finally:
            self._local.publishing = None
            self._local.last_changes = changes  # the caller's, not a subscriber's

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
                session.info["device"] = self.device
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
