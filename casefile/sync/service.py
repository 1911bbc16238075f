"""The conflicts merges left, and deciding them: `case.merges`.

Deciding goes through the one write path: "theirs" or an edited value is written to the
record as any edit is (versioned, signed by whoever decides, in the audit log and the change
reports); "mine" leaves the record as it is. Every decision can be undone (`reopen`): the
value the record had just before is kept with the conflict and put back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Connection, func, select, update

from casefile.bundle.tables import table_of
from casefile.db import audit_privacy
from casefile.db.session import Store, change_log
from casefile.db.types import utcnow
from casefile.errors import CaseFileError, ValidationError
from casefile.models import MergeConflict, SyncBase, SyncPeer
from casefile.sync.content import TRASHED, Reader
from casefile.sync.plan import RECORD, Decision
from casefile.sync.report import ConflictData, conflict_data

if TYPE_CHECKING:
    from casefile.case import CaseFile

CHOICES = ("mine", "theirs", "edit")
KIND = "merge_conflict"  # the kind `Changes` names when a conflict is made or decided


@dataclass(frozen=True)
class PeerData:
    """A file this one merges with."""

    uuid: UUID
    label: str
    relation: str
    created_at: datetime
    last_merged_at: datetime | None
    merges: int


def _redact(s: Any) -> Any:
    """Protected names by pseudonym (the audit log's matcher)."""
    return audit_privacy.matcher_for(s).redact


class MergeService:
    """Lists and decides the conflicts of merges into this file."""

    def __init__(self, store: Store, case: CaseFile) -> None:
        self._store = store
        self._case = case

    def _peer_labels(self, conn: Connection) -> dict[int, str]:
        t = table_of(SyncPeer)
        return dict(conn.execute(select(t.c.id, t.c.label)).all())

    def conflicts(self, *, open_only: bool = True, offset: int = 0,
                  limit: int = 100) -> list[ConflictData]:
        """Conflicts, oldest first (open ones only unless asked)."""
        t = table_of(MergeConflict)
        with self._store.read() as s:
            conn = s.connection()
            stmt = select(t).order_by(t.c.id).offset(offset).limit(limit)
            if open_only:
                stmt = stmt.where(t.c.status == "open")
            labels = self._peer_labels(conn)
            redact = _redact(s)
            reader = Reader(conn)
            return [conflict_data(r._mapping, labels.get(r._mapping["peer_id"], ""), conn,
                                  redact, reader) for r in conn.execute(stmt)]

    def open_count(self) -> int:
        """How many conflicts wait for a decision."""
        t = table_of(MergeConflict)
        with self._store.read() as s:
            return int(s.connection().execute(select(func.count()).select_from(t)
                                              .where(t.c.status == "open")).scalar_one())

    def get(self, ref: uuid.UUID | str) -> ConflictData:
        """One conflict."""
        with self._store.read() as s:
            conn = s.connection()
            m = self._row(conn, ref)
            return self._data(s, m)

    def peers(self) -> list[PeerData]:
        """The files this one has copied to or from."""
        t = table_of(SyncPeer)
        with self._store.read() as s:
            return [PeerData(uuid.UUID(str(r.uuid)), r.label, r.relation, r.created_at,
                             r.last_merged_at, r.merges)
                    for r in s.connection().execute(select(t).order_by(t.c.id))]

    def _data(self, s: Any, m: Any) -> ConflictData:
        conn = s.connection()
        return conflict_data(m, self._peer_labels(conn).get(m["peer_id"], ""), conn,
                             _redact(s))

    def _row(self, conn: Connection, ref: uuid.UUID | str) -> Any:
        t = table_of(MergeConflict)
        key = ref if isinstance(ref, uuid.UUID) else uuid.UUID(str(ref))
        r = conn.execute(select(t).where(t.c.uuid == key)).first()
        if r is None:
            raise CaseFileError(f"no merge conflict {key}")
        return r._mapping

    # -- deciding -------------------------------------------------------------------------

    def resolve(self, ref: uuid.UUID | str, choice: str, value: Any = None) -> ConflictData:
        """Decide a conflict: keep this file's value ("mine"), take the other file's
        ("theirs"), or write `value` ("edit", text fields only)."""
        if choice not in CHOICES:
            raise ValidationError(f"choose one of {', '.join(CHOICES)}, not {choice!r}")
        with self._store.write() as s:
            conn = s.connection()
            m = self._row(conn, ref)
            if m["status"] != "open":
                raise CaseFileError("that conflict is already decided; reopen it first")
            data = conflict_data(m, "", conn, _redact(s))
            if choice == "edit" and (not data.editable or not isinstance(value, str)):
                raise ValidationError(f"{data.field_label}: only a text can be written "
                                      "here; keep one of the two values instead")
            before = self._current(conn, m)
            if choice == "theirs":
                self._write(s, m, data.theirs)
            elif choice == "edit":
                self._write(s, m, value)
            status = {"mine": "kept", "theirs": "taken", "edit": "edited"}[choice]
            agreed = self._agree(conn, m)
            t = table_of(MergeConflict)
            conn.execute(update(t).where(t.c.id == m["id"]).values(
                status=status, resolved_at=utcnow(), resolved_by=self._store.actor,
                undo_value={"v": before, "base": agreed}))
            change_log(s).note_kinds([KIND])
            return self._data(s, self._row(conn, ref))

    def reopen(self, ref: uuid.UUID | str) -> ConflictData:
        """Undo a decision: the record gets back the value it had just before, and the
        conflict is open again."""
        with self._store.write() as s:
            conn = s.connection()
            m = self._row(conn, ref)
            if m["status"] == "open":
                return self._data(s, m)
            undo = m["undo_value"] or {}
            if m["status"] in ("taken", "edited"):
                self._write(s, m, undo.get("v"))
            if undo.get("base") is not None:
                self._agree(conn, m, back=undo["base"])
            t = table_of(MergeConflict)
            conn.execute(update(t).where(t.c.id == m["id"]).values(
                status="open", resolved_at=None, resolved_by="", undo_value=None))
            change_log(s).note_kinds([KIND])
            return self._data(s, self._row(conn, ref))

    def _agree(self, conn: Connection, m: Any, back: dict[str, Any] | None = None
               ) -> dict[str, Any] | None:
        """Record in the base that the other file's value was seen and decided on: the
        agreed value of the field becomes the other side's, so a later merge brings this
        side's decision to the other file as a change of this side, not a new conflict.
        `back` undoes it (the ancestor as it was). Returns what to undo it with."""
        from sqlalchemy import and_

        if m["peer_id"] is None or m["field"] == RECORD:
            return None
        t = table_of(SyncBase)
        where = and_(t.c.peer_id == m["peer_id"], t.c.record_uuid == m["record_uuid"])
        row = conn.execute(select(t.c.ancestor, t.c.there).where(where)).first()
        if row is None or row[0] is None:
            return None
        ancestor = dict(row[0])
        f = m["field"]
        if back is not None:
            if back.get("had"):
                ancestor[f] = back.get("value")
            else:
                ancestor.pop(f, None)
            conn.execute(update(t).where(where).values(ancestor=ancestor))
            return None
        seen = (row[1] or row[0])
        old = {"had": f in ancestor, "value": ancestor.get(f)}
        if f in seen:
            ancestor[f] = seen[f]
            conn.execute(update(t).where(where).values(ancestor=ancestor))
        return old

    def _current(self, conn: Connection, m: Any) -> Any:
        """The record's value of the conflict's field now (None: not in this file)."""
        ref = str(m["record_uuid"])
        content = Reader(conn).content_of(m["record_kind"], ref)
        if m["field"] == RECORD:
            return None if content is None else (
                True if content.get(TRASHED) is False and m["theirs"].get("v") is True
                else content)
        if content is None:
            return None
        return content.get(m["field"])

    def _write(self, s: Any, m: Any, value: Any) -> None:
        """Give the record `value` for the conflict's field, through the write path."""
        from casefile.sync.apply import Writer

        conn = s.connection()
        ref, kind, f = str(m["record_uuid"]), m["record_kind"], m["field"]
        reader = Reader(conn)
        content = reader.content_of(kind, ref)
        writer = Writer(self._case, s, reader, reader, "a decided conflict")
        if f == RECORD:
            if value is None or value is False:
                if content is not None and not content.get(TRASHED):
                    writer.trash([Decision(ref, kind, content, None)], {}, hold=False)
                return
            if value is True:  # "delete it here": to the trash
                if content is not None and not content.get(TRASHED):
                    writer.trash([Decision(ref, kind, content, None)], {}, hold=False)
                return
            if content is None and isinstance(value, dict):
                d = Decision(ref, kind, None, value, create=True)
                if not writer.create(d, None):
                    raise CaseFileError(f"cannot bring it back: {d.conflicts[-1].reason}")
                writer.links_of_created(d)
                return
            if content is not None and content.get(TRASHED):
                self._restore(s, conn, kind, ref)
            return
        if content is None:
            raise CaseFileError("the record is no longer in this file")
        if f == TRASHED:
            edits: dict[str, Any] = {}
            if isinstance(value, dict):  # restored with the edits made there
                edits = dict(value.get("edits") or {})
                value = bool(value.get("trashed"))
            if value and not content.get(TRASHED):
                writer.trash([Decision(ref, kind, content, None)], {}, hold=False)
            elif not value and content.get(TRASHED):
                self._restore(s, conn, kind, ref)
            if edits:
                d = Decision(ref, kind, content, None, fields=edits)
                writer.update(d, None)
                writer.flush_updates()
            return
        d = Decision(ref, kind, content, None, fields={f: value})
        writer.update(d, None)
        writer.flush_updates()
        if d.conflicts:
            raise CaseFileError(f"cannot write it: {d.conflicts[-1].reason}")

    def _restore(self, s: Any, conn: Connection, kind: str, ref: str) -> None:
        from casefile.sync.apply import Writer

        reader = Reader(conn)
        content = reader.content_of(kind, ref)
        d = Decision(ref, kind, content, content)
        Writer(self._case, s, reader, reader, "a decided conflict").restore(d, None)
        if d.conflicts:
            raise CaseFileError(d.conflicts[-1].reason)

