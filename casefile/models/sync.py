"""Field copies and merging (schema version 12): which copies a case file knows of, the
state both sides last agreed on, record by record, and the conflicts a merge left open.

These are bookkeeping, not records a reporter edits: they carry no version and are never
part of a bundle (docs/merge.md)."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from casefile.db.base import Base
from casefile.db.types import UUIDText, utcnow


class SyncReplica(Base):
    """This file's own identity among the copies of one case (one row, made when the file
    first takes part in a copy or a merge). A field copy has the case's UUID but a replica
    of its own, so the lead can tell its copies apart."""

    __tablename__ = "sync_replica"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), unique=True, default=uuid_mod.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


class SyncPeer(Base):
    """Another file of the same case this one merges with: a field copy made from it
    (`relation` "copy") or the case it was copied from ("origin")."""

    __tablename__ = "sync_peers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), unique=True, default=uuid_mod.uuid4)
    replica: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), unique=True)  # the peer's
    relation: Mapped[str] = mapped_column(String(16))  # "copy" | "origin"
    label: Mapped[str] = mapped_column(default="")  # "Field copy for Anna Li (Vladivostok)"
    member_uuid: Mapped[uuid_mod.UUID | None] = mapped_column(UUIDText())
    # What the copy leaves out (the share policy and the chosen interviews and claims):
    # applied to everything that goes from the origin to the copy, on every merge.
    policy: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_merged_at: Mapped[datetime | None]
    merges: Mapped[int] = mapped_column(default=0)


class SyncBase(Base):
    """One record as both sides last agreed on it: the base of a three-way merge.

    `ancestor` is the record's content in this file's terms at the last agreement;
    `there` the peer's content as last seen, when it differs (a protected name the copy
    only saw as a pseudonym; a value the lead kept in a conflict). The versions let a
    merge skip, without loading them, records neither side has changed since."""

    __tablename__ = "sync_base"

    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peers.id", ondelete="CASCADE"),
                                         primary_key=True)
    record_uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    here_version: Mapped[int | None]  # None: no longer in this file (purged)
    there_version: Mapped[int | None]  # None: no longer in the peer
    # The peer's `changed_at` then: with the version, what tells a record changed there —
    # a peer restored from a backup counts versions again from an older state.
    there_changed: Mapped[str] = mapped_column(default="")
    ancestor: Mapped[dict[str, Any] | None]
    there: Mapped[dict[str, Any] | None]

    # A merge reads every record's versions, never the contents it does not need: from
    # this index alone, not the pages of JSON beside them.
    __table_args__ = (Index("ix_sync_base_versions", "peer_id", "record_uuid", "kind",
                            "here_version", "there_version", "there_changed"),)


class MergeConflict(Base):
    """A field both sides changed differently (or a record deleted on one side and edited
    on the other): both values kept, the lead's in place until someone decides."""

    __tablename__ = "merge_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), unique=True, default=uuid_mod.uuid4)
    peer_id: Mapped[int | None] = mapped_column(ForeignKey("sync_peers.id", ondelete="SET NULL"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    record_kind: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText())
    field: Mapped[str] = mapped_column(default="")  # "" : the record as a whole
    reason: Mapped[str] = mapped_column(default="")
    # Values as JSON (the field's content form, casefile/sync/content.py): {"v": value}.
    base: Mapped[dict[str, Any] | None]
    mine: Mapped[dict[str, Any] | None]
    theirs: Mapped[dict[str, Any] | None]
    their_author: Mapped[str] = mapped_column(default="")
    their_changed_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open|kept|taken|edited
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str] = mapped_column(default="")
    # The field's value just before the resolution, so it can be undone.
    undo_value: Mapped[dict[str, Any] | None]

    __table_args__ = (Index("ix_merge_conflicts_record", "record_uuid"),
                      Index("ix_merge_conflicts_status", "status"))
