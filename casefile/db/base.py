"""Declarative base and the columns every record shares (id, uuid, timestamps, version, trash)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Integer, MetaData, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from casefile.db.types import ISODate, UTCDateTime, UUIDText, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table; maps Python types to the case file's column types."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: UUIDText(),
        datetime: UTCDateTime(),
        date: ISODate(),
        str: Text(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


# What a row written without its stamp (raw SQL) says it was changed at: a readable moment
# no real change has. ALTER TABLE can only add a NOT NULL column with a constant default.
NEVER = "1970-01-01T00:00:00.000000+00:00"
# The columns that say which change a record is at (schema 11); written only by the one
# write path (casefile/db/session.py), never set by hand.
STAMP_FIELDS = frozenset({"version", "changed_at", "changed_by", "changed_device"})


class Versioned:
    """Mixin for rows whose every change is counted and signed (schema 11): `version` goes
    up by one with each committed change, `changed_at`/`changed_by`/`changed_device` say
    when, by whom (the store's actor) and on which installation (casefile/device.py). The
    foundation for merging copies of a case record by record."""

    version: Mapped[int] = mapped_column(default=1, server_default=text("1"), sort_order=-4)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=NEVER,
                                                 sort_order=-3)
    changed_by: Mapped[str] = mapped_column(default="", server_default="", sort_order=-2)
    changed_device: Mapped[str] = mapped_column(default="", server_default="", sort_order=-1)


class Record(Versioned):
    """Mixin for user-visible records: integer key for joins, UUID for identity across files."""

    KIND: ClassVar[str] = ""
    LABEL_FIELD: ClassVar[str] = "uuid"

    # sort_order puts the shared columns first in each table, where a reader looks for them.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-8)
    uuid: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4, sort_order=-7)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, sort_order=-6)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, sort_order=-5)

    def __init__(self, **kwargs: Any) -> None:
        # Apply column defaults now, not at flush, so a new record can be validated
        # (and has its UUID) before it is written.
        for col in self.__table__.columns:  # type: ignore[attr-defined]
            default = col.default
            if col.key in kwargs or default is None:
                continue
            if default.is_scalar:
                kwargs[col.key] = default.arg
            elif default.is_callable:
                kwargs[col.key] = default.arg(None)
        super().__init__(**kwargs)

    @property
    def label(self) -> str:
        """A short human name for messages ('source "Yuri Petrov"')."""
        value = getattr(self, self.LABEL_FIELD, None) or str(self.uuid)
        text = " ".join(str(value).split())
        if len(text) > 60:
            text = text[:57] + "…"
        return f'{self.KIND.replace("_", " ")} "{text}"'


class Trashable(Record):
    """A record that goes to the trash (and can come back) instead of being deleted."""

    @declared_attr
    def trash_id(cls) -> Mapped[int | None]:  # noqa: N805 - declared_attr receives the class
        # Indexed only where set (models/__init__.py): see migrations/v7.sql for why.
        return mapped_column(ForeignKey("trash.id"))
