"""The trash: deleting moves records (and what belongs to them) aside, restorable until emptied.

A deletion is one TrashEntry; every record it took has `trash_id` set to it. Records that
evidence depends on are not trashed unless the caller asks to cascade, which trashes the
evidence links too. Emptying the trash deletes for good and drops files nothing uses.

Purging here leaves the automatic backups as they were, still holding what was purged;
`casefile.backups.purge_everywhere` purges and then replaces them with one fresh backup (the
app does that unless the reporter unticks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casefile.db.base import Trashable
from casefile.db.record_counts import TRASH_KIND, VALID
from casefile.db.session import Store, audit, bump, change_log
from casefile.errors import CaseFileError, DeleteRefusedError, RecordNotFoundError
from casefile.models import (
    RECORD_KINDS,
    Attachment,
    AuditEntry,
    Blob,
    Document,
    EvidenceLink,
    Photo,
    Tagging,
    TrashEntry,
)
from casefile.models.counts import RecordCount
from casefile.read_models import ReadModel, TrashEntryData
from casefile.read_models.build import Reader
from casefile.services.base import Ref, as_uuid
from casefile.services.references import LINKS, describe, referrers

# A record that cannot come back while its parent is in the trash.
# What goes to the trash with a record (casefile.services.references: owned, or following
# it) comes back only with it.
PARENTS: tuple[tuple[type[Trashable], Any, type[Trashable]], ...] = tuple(
    (link.model, getattr(link.model, link.via), link.target)  # type: ignore[misc]
    for link in LINKS if link.owned or link.follows)


def _model_of(record: Trashable | ReadModel) -> type[Trashable]:
    """The ORM class of a record given as its read model (or as an ORM object, inside)."""
    model = RECORD_KINDS.get(record.KIND) if isinstance(record, ReadModel) else type(record)
    if model is None or not issubclass(model, Trashable):
        raise CaseFileError(f"a {record.KIND or 'record'} cannot go to the trash")
    return model


class TrashService:
    """Moves records to the trash and back, and empties it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._reader = Reader(store)

    # -- deleting ------------------------------------------------------------------------

    def delete(self, record: Trashable | ReadModel, *, cascade: bool = False
               ) -> TrashEntryData:
        """Trash a record (its read model) and what it owns; refused if evidence depends on
        it (unless cascade). The entry it made, to restore it by."""
        with self._store.write() as s:
            model = _model_of(record)
            obj = s.scalars(select(model).where(model.uuid == record.uuid)).one_or_none()
            if obj is None:
                raise RecordNotFoundError(record.KIND.replace("_", " "), record.uuid)
            return self._reader.data(  # type: ignore[no-any-return]
                self._delete_in(s, obj, cascade=cascade))

    def delete_many(self, records: Sequence[Trashable | ReadModel], *, label: str,
                    cascade: bool = False) -> TrashEntryData:
        """Trash several records as one deletion (one entry, restored together), e.g. undoing
        an import. Records already in the trash are left where they are."""
        if not records:
            raise CaseFileError("nothing to delete")
        with self._store.write() as s:
            objs = []
            for record in records:
                model = _model_of(record)
                obj = s.scalars(select(model).where(model.uuid == record.uuid)).one_or_none()
                if obj is not None:
                    objs.append(obj)
            if not objs:
                raise CaseFileError(f"{label}: the records are already in the trash")
            return self._reader.data(  # type: ignore[no-any-return]
                self._trash_batch(s, objs, cascade=cascade, label=label))

    def _delete_in(self, s: Session, obj: Trashable, *, cascade: bool) -> TrashEntry:
        """Trash inside the caller's transaction."""
        return self._trash_batch(s, [obj], cascade=cascade, label=obj.label)

    def _trash_batch(self, s: Session, objs: list[Trashable], *, cascade: bool,
                     label: str) -> TrashEntry:
        obj = objs[0]
        batch: list[Trashable] = list(objs)
        batch += [f.record for f in referrers(s, objs, only="owned") if f.record not in batch]
        # What refers to the batch (casefile.services.references): the evidence on it, in
        # the order it was linked, then what else keeps it out of the trash.
        found = [f for f in referrers(s, batch, only="blocks") if f.record not in batch]
        evidence = sorted({id(f.record): f.record for f in found
                           if isinstance(f.record, EvidenceLink)}.values(), key=lambda r: r.id)
        others = list({id(f.record): f.record for f in found
                       if not isinstance(f.record, EvidenceLink)}.values())
        if (evidence or others) and not cascade:
            raise DeleteRefusedError(label, [describe(r) for r in evidence + others])
        followers = [f.record for f in found if f.link.follows]
        batch += [d for d in evidence if d not in batch]
        batch += [f for f in followers if f not in batch]
        entry = TrashEntry(
            actor=self._store.actor,
            record_kind=obj.KIND,
            record_uuid=obj.uuid,
            label=label,
            item_count=len(batch),
        )
        s.add(entry)
        s.flush()
        for item in batch:
            item.trash_id = entry.id
        audit(s, "trash", obj, summary=None if label == obj.label else label,
              changes=[f"{i.KIND} {i.uuid}" for i in batch[1:]])
        s.flush()
        return entry

    # -- listing, restoring, emptying ----------------------------------------------------

    def entries(self, *, offset: int = 0, limit: int = 100) -> list[TrashEntryData]:
        """What is in the trash, newest first."""
        with self._store.read() as s:
            stmt = select(TrashEntry).order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
            return self._reader.many(list(s.scalars(stmt.offset(offset).limit(limit))))

    def count(self) -> int:
        """How many deletions the trash holds (kept by triggers, schema 9)."""
        with self._store.read() as s:
            kept = s.scalar(select(RecordCount.live).where(RecordCount.kind == TRASH_KIND,
                                                          text(VALID)))
            if kept is not None:
                return int(kept)
            return int(s.scalar(select(func.count(TrashEntry.id))) or 0)

    def restore(self, entry_ref: Ref) -> None:
        """Bring back everything one deletion took, unless a parent is itself in the trash."""
        with self._store.write() as s:
            entry = self._entry(s, entry_ref)
            for model, fk, parent in PARENTS:
                blocked = s.scalars(
                    select(parent).execution_options(include_trashed=True).where(
                        parent.id.in_(select(fk).where(model.trash_id == entry.id)),
                        parent.trash_id.is_not(None),
                        parent.trash_id != entry.id,
                    )
                ).first()
                if blocked is not None:
                    raise CaseFileError(
                        f"cannot restore {entry.label}: it belongs to {blocked.label}, "
                        "which is in the trash; restore that first"
                    )
            for model in _trashable_models():
                bump(s, model, model.trash_id == entry.id, trash_id=None)  # a change: signed
            kind = RECORD_KINDS.get(entry.record_kind)
            record = None if kind is None else s.scalars(
                select(kind).execution_options(include_trashed=True)
                .where(kind.uuid == entry.record_uuid)).one_or_none()
            audit(s, "restore", record, kind=entry.record_kind, ref=entry.record_uuid,
                  summary=entry.label if record is None else None)
            s.delete(entry)

    def purge(self, entry_ref: Ref) -> None:
        """Delete one deletion's records for good."""
        with self._store.write() as s:
            self._purge_ids(s, [self._entry(s, entry_ref).id])

    def empty(self) -> int:
        """Delete everything in the trash for good; returns how many deletions were purged."""
        with self._store.write() as s:
            ids = list(s.scalars(select(TrashEntry.id)))
            self._purge_ids(s, ids)
            return len(ids)

    def _purge_ids(self, s: Session, ids: list[int]) -> None:
        if not ids:
            return
        try:
            purged = []
            for model in _trashable_models():
                doomed = select(model.uuid).execution_options(include_trashed=True)
                uids = list(s.scalars(doomed.where(model.trash_id.in_(ids))))
                purged += uids
                for uid in uids:
                    audit(s, "purge", kind=model.KIND, ref=uid)
                    change_log(s).note("delete", model.KIND, uid)
                s.execute(delete(model).where(model.trash_id.in_(ids)))
            # Deleting means gone: the log keeps that something was done, not what it said.
            for start in range(0, len(purged), 500):
                s.execute(update(AuditEntry).where(
                    AuditEntry.record_uuid.in_(purged[start:start + 500])).values(summary=""))
            for uid in s.scalars(select(TrashEntry.uuid).where(TrashEntry.id.in_(ids))):
                change_log(s).note("delete", TrashEntry.KIND, uid)
            s.execute(delete(TrashEntry).where(TrashEntry.id.in_(ids)))
            s.flush()
        except IntegrityError as exc:
            raise CaseFileError(
                "cannot empty the trash: a record still in use refers to something in it "
                f"({exc.orig})"
            ) from exc
        _drop_orphans(s)

    def _entry(self, s: Session, ref: Ref) -> TrashEntry:
        key = as_uuid(ref)
        entry = s.scalars(select(TrashEntry).where(TrashEntry.uuid == key)).one_or_none()
        if entry is None:
            raise RecordNotFoundError("trash entry", key)
        return entry


def _trashable_models() -> list[type[Trashable]]:
    # Children before parents, so a purge never trips a reference.
    order = ["evidence_link", "quote", "attachment", "excerpt", "comment_request", "claim",
             "interview", "document", "photo", "draft", "source", "team_member", "tag"]
    models = [RECORD_KINDS[k] for k in order]
    assert set(order) == set(RECORD_KINDS), "every record kind must be purgeable"
    return models  # type: ignore[return-value]


def _drop_orphans(s: Session) -> None:
    """Remove tags on records that no longer exist, and files nothing refers to."""
    alive = [select(m.uuid) for m in RECORD_KINDS.values()]
    s.execute(delete(Tagging).where(~or_(*[Tagging.record_uuid.in_(q) for q in alive])))
    used = or_(
        exists().where(Photo.blob_id == Blob.id),
        exists().where(Attachment.blob_id == Blob.id),
        exists().where(Document.file_blob_id == Blob.id),
    )
    s.execute(delete(Blob).where(~used).execution_options(include_trashed=True))

