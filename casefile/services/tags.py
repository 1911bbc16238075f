"""Tags: labels on any record.

A tag put on a record, or taken off it, changes that record: its version goes up and it is
signed (casefile/db/session.py), as with any edit of it, and `Changes` lists it as updated
— and the tag as touched (created, when putting it on creates it), so a view of tags and
their counts follows taggings only, not every edit of a record.

Names are one tag however they are capitalised: "Legal" put on a record reuses "legal".
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select

from casefile.db.session import bump, change_log
from casefile.errors import ValidationError
from casefile.models import RECORD_KINDS, Tag, Tagging, TrashEntry
from casefile.read_models import TagData
from casefile.services.base import RecordService


class TagInTrashError(ValidationError):
    """A new tag would take the name of one in the trash (restoring that one brings its
    records back, so the names would clash). `entry`: the trash entry holding it, to
    restore (the old tag back, on its records) or purge (gone for good) before trying
    again; `records`: how many records it was on."""

    def __init__(self, name: str, entry: uuid.UUID, records: int) -> None:
        super().__init__(f"the tag {name!r} is in the trash")
        self.name, self.entry, self.records = name, entry, records


def _named(s: Any, name: str, *, trashed: bool = False) -> Tag | None:
    """The live (or trashed) tag called `name`, capitals aside; the exact spelling first."""
    stmt = select(Tag)
    if trashed:
        stmt = stmt.where(Tag.trash_id.is_not(None)).execution_options(include_trashed=True)
    found = [t for t in s.scalars(stmt) if t.name.casefold() == name.casefold()]
    return next((t for t in found if t.name == name), found[0] if found else None)


def _refuse_trashed(s: Any, name: str) -> None:
    """A tag in the trash keeps its name: say which trash entry holds it."""
    trashed = _named(s, name, trashed=True)
    if trashed is not None:
        entry = s.get(TrashEntry, trashed.trash_id)
        records = int(s.scalar(select(func.count()).select_from(Tagging)
                               .where(Tagging.tag_id == trashed.id)) or 0)
        raise TagInTrashError(trashed.name, entry.uuid, records)


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
            tag = _named(s, name)
            if tag is None:
                _refuse_trashed(s, name)
                tag = Tag(name=name)
                s.add(tag)
                s.flush()
            exists = s.get(Tagging, (tag.id, record.uuid))
            if exists is None:
                s.add(Tagging(tag_id=tag.id, record_uuid=record.uuid, record_kind=record.KIND))
                _changed(s, record)
                change_log(s).note("update", Tag.KIND, tag.uuid)
            return self._data(tag)

    def untag(self, record: Any, name: str) -> None:
        """Take the tag `name` off a record."""
        with self._store.write() as s:
            tag = _named(s, name)
            if tag is None:
                return
            result = s.execute(
                delete(Tagging).where(
                    Tagging.record_uuid == record.uuid, Tagging.tag_id == tag.id
                )
            )
            if getattr(result, "rowcount", 0):
                _changed(s, record)
                change_log(s).note("update", Tag.KIND, tag.uuid)

    def names_for(self, record: Any) -> list[str]:
        """The tags on a record, by name."""
        with self._store.read() as s:
            stmt = (
                select(Tag.name)
                .join(Tagging, Tagging.tag_id == Tag.id)
                .where(Tagging.record_uuid == record.uuid)
            )
            return sorted(s.scalars(stmt), key=str.casefold)  # as the tag pane orders them

    def find(self, name: str) -> TagData | None:
        """The live tag of that name (capitals aside), or None."""
        with self._store.read() as s:
            tag = _named(s, name)
            return self._data(tag) if tag is not None else None

    def names(self) -> list[str]:
        """Every live tag's name, in alphabetical order (for completion)."""
        with self._store.read() as s:
            return sorted(s.scalars(select(Tag.name)), key=str.casefold)

    def counts(self, kind: str | None = None) -> list[tuple[str, int]]:
        """Each tag with how many live records carry it — of `kind` only (tags on none of
        them left out), or of every kind (every tag, unused ones with 0). One grouped
        count per kind of record tagged, never a walk through the records."""
        totals: dict[str, int] = {}
        with self._store.read() as s:
            kinds = [kind] if kind else sorted(
                s.scalars(select(Tagging.record_kind).distinct()))
            for k in kinds:
                model = RECORD_KINDS.get(k)
                if model is None:
                    continue
                stmt = (select(Tag.name, func.count())
                        .join(Tagging, Tagging.tag_id == Tag.id)
                        .join(model, model.uuid == Tagging.record_uuid)
                        .where(Tagging.record_kind == k)
                        .group_by(Tag.name))
                for name, n in s.execute(stmt):
                    totals[name] = totals.get(name, 0) + int(n)
            if kind is None:
                for name in s.scalars(select(Tag.name)):
                    totals.setdefault(name, 0)
        return sorted(totals.items(), key=lambda pair: pair[0].casefold())

    def rename(self, old: str, new: str) -> TagData:
        """Give a tag a new name; every record carrying it now carries the new name.
        Refused when another tag already has that name, capitals aside (live or in the
        trash); "legal" may become "Legal"."""
        new = " ".join(new.split())
        if not new:
            raise ValidationError("tag: a name is required")
        found = self.find(old)
        if found is None:
            raise ValidationError(f"there is no tag {old!r}")
        if new == old:
            return found
        taken = self.find(new)
        if taken is not None and taken.uuid != found.uuid:
            raise ValidationError(f"a tag {taken.name!r} already exists")
        with self._store.read() as s:
            _refuse_trashed(s, new)
        return self.update(found.uuid, name=new)
