"""Tags: labels on any record."""

from __future__ import annotations

from sqlalchemy import delete, select

from casefile.db.base import Record
from casefile.errors import ValidationError
from casefile.models import Tag, Tagging
from casefile.services.base import RecordService


class TagService(RecordService[Tag]):
    """Create tags and put them on (or take them off) any record."""

    model = Tag
    default_order = "name"

    def tag(self, record: Record, name: str) -> Tag:
        """Put the tag `name` on a record, creating the tag if needed."""
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
            return tag

    def untag(self, record: Record, name: str) -> None:
        """Take the tag `name` off a record."""
        with self._store.write() as s:
            tag_ids = select(Tag.id).where(Tag.name == name)
            s.execute(
                delete(Tagging).where(
                    Tagging.record_uuid == record.uuid, Tagging.tag_id.in_(tag_ids)
                )
            )

    def names_for(self, record: Record) -> list[str]:
        """The tags on a record, by name."""
        with self._store.read() as s:
            stmt = (
                select(Tag.name)
                .join(Tagging, Tagging.tag_id == Tag.id)
                .where(Tagging.record_uuid == record.uuid)
                .order_by(Tag.name)
            )
            return list(s.scalars(stmt))
