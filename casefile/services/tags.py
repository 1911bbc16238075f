"""Tags: labels on any record.

A tag put on a record, or taken off it, changes that record: its version goes up and it is
signed (casefile/db/session.py), as with any edit of it, and `Changes` lists it as updated
(the tag itself too, when putting it on creates it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from casefile.db.session import bump
from casefile.errors import ValidationError
from casefile.models import RECORD_KINDS, Tag, Tagging
from casefile.read_models import TagData
from casefile.services.base import RecordService


def _changed(s: Any, record: Any) -> None:
    """Count the tagging as a change of the tagged record."""
    model = RECORD_KINDS.get(record.KIND)
    if model is not None:
        bump(s, model, model.uuid == record.uuid)


class TagService(RecordService[Tag, TagData]):
    """Create tags and put them on (or take them off) any record."""

    model = Tag
    default_order = "name"

    def tag(self, record: Any, name: str) -> TagData:
        """Put the tag `name` on a record (an ORM record or its read model), creating the
        tag if needed."""
        name = " ".join(name.split())
        if not name:
            raise ValidationError("tag: a name is required")
        with self._store.write() as s:
            tag = s.scalars(select(Tag).where(Tag.name == name)).one_or_none()
            if tag is None:
                tag = Tag(name=name)
                s.add(tag)
                s.flush()
            exists = s.get(Tagging, (tag.id, record.uuid))
            if exists is None:
                s.add(Tagging(tag_id=tag.id, record_uuid=record.uuid, record_kind=record.KIND))
                _changed(s, record)
            return self._data(tag)

    def untag(self, record: Any, name: str) -> None:
        """Take the tag `name` off a record."""
        with self._store.write() as s:
            tag_ids = select(Tag.id).where(Tag.name == name)
            result = s.execute(
                delete(Tagging).where(
                    Tagging.record_uuid == record.uuid, Tagging.tag_id.in_(tag_ids)
                )
            )
            if getattr(result, "rowcount", 0):
                _changed(s, record)

    def names_for(self, record: Any) -> list[str]:
        """The tags on a record, by name."""
        with self._store.read() as s:
            stmt = (
                select(Tag.name)
                .join(Tagging, Tagging.tag_id == Tag.id)
                .where(Tagging.record_uuid == record.uuid)
                .order_by(Tag.name)
            )
            return list(s.scalars(stmt))
