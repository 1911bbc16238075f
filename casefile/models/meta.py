"""Bookkeeping records: tags, the audit log and the trash."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from casefile.db.base import Base, Trashable
from casefile.db.types import UUIDText, utcnow


class Tag(Trashable, Base):
    """A label the reporter puts on any record ("follow up", "legal check")."""

    __tablename__ = "tags"
    KIND = "tag"
    LABEL_FIELD = "name"

    name: Mapped[str] = mapped_column(unique=True)
    color: Mapped[str] = mapped_column(default="")


class Tagging(Base):
    """A tag on a record, which is named by kind and UUID (tags reach every kind of record)."""

    __tablename__ = "taggings"

    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    record_uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText(), primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_taggings_record", "record_uuid"),)


class AuditEntry(Base):
    """One change to a record: when, by whom, what was done and which fields changed."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(default="")
    action: Mapped[str] = mapped_column(String(16))  # create, update, trash, restore, purge, …
    record_kind: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[uuid_mod.UUID | None] = mapped_column(UUIDText(), index=True)
    summary: Mapped[str] = mapped_column(default="")
    changes: Mapped[list[Any]] = mapped_column(default=list)  # names of changed fields


class TrashEntry(Base):
    """One deletion: the record the user deleted, plus everything trashed along with it."""

    __tablename__ = "trash"
    KIND = "trash"  # in `Changes` (not a record kind: RECORD_KINDS leaves it out)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(unique=True, default=uuid_mod.uuid4)
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(default="")
    record_kind: Mapped[str] = mapped_column(String(32))
    record_uuid: Mapped[uuid_mod.UUID] = mapped_column(UUIDText())
    label: Mapped[str] = mapped_column(default="")
    item_count: Mapped[int] = mapped_column(default=1)
