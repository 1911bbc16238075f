"""What a file knows about its copies: its own replica id, its peers, and the merge base.

All reads and writes here run inside the caller's unit of work (a Core connection), so a
copy or a merge records its base in the same transaction as the records it writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, String, delete, insert, select, type_coerce, update

from casefile.bundle.tables import table_of
from casefile.db.types import utcnow
from casefile.errors import CaseFileError
from casefile.models import SyncBase, SyncPeer, SyncReplica
from casefile.redaction import PhotoGps, RedactionPolicy
from casefile.sync.content import Content

COPY = "copy"  # the peer is a field copy made from this file
ORIGIN = "origin"  # the peer is the file this one was copied from
BATCH = 500


def replica_of(conn: Connection, *, make: bool = False) -> uuid.UUID | None:
    """This file's replica id (made now when `make` and there is none yet)."""
    t = table_of(SyncReplica)
    found = conn.execute(select(type_coerce(t.c.uuid, String()))).scalar()
    if found is not None:
        return uuid.UUID(found)
    if not make:
        return None
    made = uuid.uuid4()
    conn.execute(insert(t).values(id=1, uuid=str(made), created_at=utcnow()))
    return made


@dataclass(frozen=True)
class Peer:
    """A peer as a merge uses it."""

    id: int
    uuid: UUID
    replica: UUID
    relation: str
    label: str
    policy: dict[str, Any]

    @property
    def restricted(self) -> bool:
        """Whether what goes to the copy passes through a share policy or a selection."""
        return bool(self.policy.get("share")) or self.policy.get("interviews") is not None \
            or self.policy.get("claims") is not None


def peer_for(conn: Connection, replica: uuid.UUID) -> Peer | None:
    """The peer entry for another file's replica, if this file knows it."""
    t = table_of(SyncPeer)
    r = conn.execute(select(t.c.id, type_coerce(t.c.uuid, String()), t.c.relation, t.c.label,
                            t.c.policy).where(t.c.replica == str(replica))).first()
    if r is None:
        return None
    return Peer(r[0], uuid.UUID(r[1]), replica, r[2], r[3], r[4] or {})


def add_peer(conn: Connection, replica: uuid.UUID, relation: str, label: str,
             policy: dict[str, Any], member: uuid.UUID | None = None) -> Peer:
    """Record a new peer; refused if the replica is already known."""
    if peer_for(conn, replica) is not None:
        raise CaseFileError("this file already knows that copy")
    made = uuid.uuid4()
    t = table_of(SyncPeer)
    conn.execute(insert(t).values(uuid=str(made), replica=str(replica), relation=relation,
                                  label=label, policy=policy, created_at=utcnow(),
                                  member_uuid=None if member is None else str(member),
                                  merges=0))
    peer = peer_for(conn, replica)
    assert peer is not None
    return peer


def note_merge(conn: Connection, peer: Peer, when: datetime) -> None:
    """Count one more merge from the peer."""
    t = table_of(SyncPeer)
    conn.execute(update(t).where(t.c.id == peer.id)
                 .values(last_merged_at=when, merges=t.c.merges + 1))


def policy_json(policy: RedactionPolicy | None, interviews: Iterable[uuid.UUID] | None,
                claims: Iterable[uuid.UUID] | None) -> dict[str, Any]:
    """What a copy leaves out, as stored with its peer entry."""
    out: dict[str, Any] = {"share": None, "interviews": None, "claims": None}
    if policy is not None and policy.redacts:
        fields = asdict(policy)
        fields["photo_gps"] = policy.photo_gps.value
        out["share"] = fields
    if interviews is not None:
        out["interviews"] = sorted(str(u) for u in interviews)
    if claims is not None:
        out["claims"] = sorted(str(u) for u in claims)
    return out


def policy_of(stored: dict[str, Any]) -> RedactionPolicy | None:
    """The share policy a stored peer policy names (None: nothing redacted)."""
    share = stored.get("share")
    if not share:
        return None
    fields = dict(share)
    fields["photo_gps"] = PhotoGps(fields["photo_gps"])
    return RedactionPolicy(**fields)


# -- the base --------------------------------------------------------------------------


@dataclass
class BaseRow:
    """One record's base, as read (contents loaded only when asked)."""

    kind: str
    here_version: int | None
    there_version: int | None
    ancestor: Content | None = None
    there: Content | None = None
    loaded: bool = False
    there_changed: str = ""

    @property
    def theirs(self) -> Content | None:
        """The peer's content as last seen."""
        return self.there if self.there is not None else self.ancestor


Versions = dict[str, tuple[str, int | None, int | None, str]]


def base_versions(conn: Connection, peer: Peer) -> Versions:
    """Every base row of a peer as (kind, here version, there version, there changed_at),
    by record UUID: light tuples, since a merge reads one per record of the case."""
    from casefile.sync.content import fetch

    return {r[0]: (r[1], r[2], r[3], r[4]) for r in fetch(
        conn, "SELECT record_uuid, kind, here_version, there_version, there_changed "
              "FROM sync_base WHERE peer_id = ?", (peer.id,))}


def base_rows(conn: Connection, peer: Peer, uuids: Iterable[str]) -> dict[str, BaseRow]:
    """The base rows of the named records only, contents loaded."""
    t = table_of(SyncBase)
    wanted = list(uuids)
    out: dict[str, BaseRow] = {}
    for start in range(0, len(wanted), BATCH):
        for r in conn.execute(select(
                type_coerce(t.c.record_uuid, String()), t.c.kind, t.c.here_version,
                t.c.there_version, t.c.ancestor, t.c.there, t.c.there_changed).where(
                t.c.peer_id == peer.id, t.c.record_uuid.in_(wanted[start:start + BATCH]))):
            out[r[0]] = BaseRow(r[1], r[2], r[3], r[4], r[5], True, r[6] or "")
    return out


def load_base(conn: Connection, peer: Peer, rows: dict[str, BaseRow],
              uuids: Iterable[str]) -> None:
    """Fill in the contents of the named base rows."""
    t = table_of(SyncBase)
    wanted = [u for u in uuids if u in rows and not rows[u].loaded]
    for start in range(0, len(wanted), BATCH):
        part = wanted[start:start + BATCH]
        for u, ancestor, there in conn.execute(
                select(type_coerce(t.c.record_uuid, String()), t.c.ancestor, t.c.there)
                .where(t.c.peer_id == peer.id, t.c.record_uuid.in_(part))):
            row = rows[u]
            row.ancestor, row.there, row.loaded = ancestor, there, True


def write_base(conn: Connection, peer: Peer, rows: Iterator[tuple[str, BaseRow]] |
               Iterable[tuple[str, BaseRow]], *, fresh: bool = False) -> int:
    """Put base rows (replacing those of the same records); `fresh`: none exist yet."""
    t = table_of(SyncBase)
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        if not fresh:
            conn.execute(delete(t).where(t.c.peer_id == peer.id,
                                         t.c.record_uuid.in_([b["record_uuid"] for b in batch])))
        conn.execute(insert(t), batch)
        batch.clear()

    for u, row in rows:
        there = row.there if row.there != row.ancestor else None
        batch.append({"peer_id": peer.id, "record_uuid": u, "kind": row.kind,
                      "here_version": row.here_version, "there_version": row.there_version,
                      "there_changed": row.there_changed,
                      "ancestor": row.ancestor, "there": there})
        count += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    return count
