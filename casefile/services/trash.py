"""The trash: deleting moves records (and what belongs to them) aside, restorable until emptied.

A deletion is one TrashEntry; every record it took has `trash_id` set to it. Records that
evidence depends on are not trashed unless the caller asks to cascade, which trashes the
evidence links too. Emptying the trash deletes for good and drops files nothing uses.

Purging here leaves the automatic backups as they were, still holding what was purged;
`casefile.backups.purge_everywhere` purges and then replaces them with one fresh backup (the
app does that unless the reporter unticks it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casefile.db import audit_privacy
from casefile.db.base import Record, Trashable
from casefile.db.record_counts import TRASH_KIND, VALID
from casefile.db.session import Store
from casefile.errors import CaseFileError, DeleteRefusedError, RecordNotFoundError
from casefile.models import (
    RECORD_KINDS,
    Attachment,
    AuditEntry,
    Blob,
    CommentRequest,
    Document,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    Source,
    Tagging,
    TrashEntry,
    interview_interviewees,
    photo_depicted,
)
from casefile.models.claims import EVIDENCE_TARGETS, Claim
from casefile.models.counts import RecordCount
from casefile.services.base import Ref, as_uuid

# What goes to the trash along with a record: (owner model, child model, child's FK column).
OWNED = (
    (Interview, Quote, Quote.interview_id),
    (Interview, Attachment, Attachment.interview_id),
    (Document, Excerpt, Excerpt.document_id),
    (Claim, EvidenceLink, EvidenceLink.claim_id),
)
# A record that cannot come back while its parent is in the trash.
PARENTS: tuple[tuple[type[Trashable], Any, type[Trashable]], ...] = (
    (Quote, Quote.interview_id, Interview),
    (Attachment, Attachment.interview_id, Interview),
    (Excerpt, Excerpt.document_id, Document),
    (EvidenceLink, EvidenceLink.claim_id, Claim),
    (CommentRequest, CommentRequest.source_id, Source),
)


def _live(s: Session, stmt: Any) -> list[Any]:
    return list(s.scalars(stmt))


class TrashService:
    """Moves records to the trash and back, and empties it."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- deleting ------------------------------------------------------------------------

    def delete(self, record: Trashable, *, cascade: bool = False) -> TrashEntry:
        """Trash a record and what it owns; refused if evidence depends on it (unless cascade)."""
        with self._store.write() as s:
            obj = s.scalars(
                select(type(record)).where(type(record).uuid == record.uuid)
            ).one_or_none()
            if obj is None:
                raise RecordNotFoundError(record.KIND.replace("_", " "), record.uuid)
            return self._delete_in(s, obj, cascade=cascade)

    def delete_many(self, records: list[Trashable], *, label: str,
                    cascade: bool = False) -> TrashEntry:
        """Trash several records as one deletion (one entry, restored together), e.g. undoing
        an import. Records already in the trash are left where they are."""
        if not records:
            raise CaseFileError("nothing to delete")
        with self._store.write() as s:
            objs = []
            for record in records:
                obj = s.scalars(
                    select(type(record)).where(type(record).uuid == record.uuid)
                ).one_or_none()
                if obj is not None:
                    objs.append(obj)
            if not objs:
                raise CaseFileError(f"{label}: the records are already in the trash")
            return self._trash_batch(s, objs, cascade=cascade, label=label)

    def _delete_in(self, s: Session, obj: Trashable, *, cascade: bool) -> TrashEntry:
        """Trash inside the caller's transaction."""
        return self._trash_batch(s, [obj], cascade=cascade, label=obj.label)

    def _trash_batch(self, s: Session, objs: list[Trashable], *, cascade: bool,
                     label: str) -> TrashEntry:
        obj = objs[0]
        batch: list[Trashable] = list(objs)
        for owner, child, fk in OWNED:
            for item in objs:
                if isinstance(item, owner):
                    batch += _live(s, select(child).where(fk == item.id))
        dependants = self._evidence_on(s, batch)
        others: list[str] = []
        followers: list[Trashable] = []
        for item in objs:
            more, follow = self._source_dependants(s, item)
            others += more
            followers += [f for f in follow if f not in followers]
        if (dependants or others) and not cascade:
            evidence = [f'evidence for claim "{_short(d.claim.statement)}"' for d in dependants]
            raise DeleteRefusedError(label, evidence + others)
        batch += [d for d in dependants if d not in batch]
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
        summary = _audit_label(s, obj) if label == obj.label else label
        s.add(AuditEntry(actor=self._store.actor, action="trash", record_kind=obj.KIND,
                         record_uuid=obj.uuid, summary=summary,
                         changes=[f"{i.KIND} {i.uuid}" for i in batch[1:]]))
        s.flush()
        return entry

    def _evidence_on(self, s: Session, batch: list[Trashable]) -> list[EvidenceLink]:
        conds = []
        for name in EVIDENCE_TARGETS:
            ids = [b.id for b in batch if name == b.KIND]
            if ids:
                conds.append(getattr(EvidenceLink, f"{name}_id").in_(ids))
        if not conds:
            return []
        links = _live(s, select(EvidenceLink).where(or_(*conds)))
        return [link for link in links if link not in batch]

    def _source_dependants(self, s: Session, obj: Trashable) -> tuple[list[str], list[Trashable]]:
        """For a source: what refers to it, and the requests for comment that go with it."""
        if not isinstance(obj, Source):
            return [], []
        sid = obj.id
        refs: list[Record] = []
        refs += _live(s, select(Interview).where(
            Interview.id.in_(select(interview_interviewees.c.interview_id)
                             .where(interview_interviewees.c.source_id == sid))))
        refs += _live(s, select(Quote).where(Quote.speaker_id == sid))
        refs += _live(s, select(Document).where(Document.publisher_source_id == sid))
        refs += _live(s, select(Photo).where(or_(
            Photo.credit_source_id == sid,
            Photo.id.in_(
                select(photo_depicted.c.photo_id).where(photo_depicted.c.source_id == sid)
            ),
        )))
        requests = _live(s, select(CommentRequest).where(CommentRequest.source_id == sid))
        return [r.label for r in refs + requests], list(requests)

    # -- listing, restoring, emptying ----------------------------------------------------

    def entries(self, *, offset: int = 0, limit: int = 100) -> list[TrashEntry]:
        """What is in the trash, newest first."""
        with self._store.read() as s:
            stmt = select(TrashEntry).order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
            return list(s.scalars(stmt.offset(offset).limit(limit)))

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
                s.execute(update(model).where(model.trash_id == entry.id).values(trash_id=None))
            kind = RECORD_KINDS.get(entry.record_kind)
            record = None if kind is None else s.scalars(
                select(kind).execution_options(include_trashed=True)
                .where(kind.uuid == entry.record_uuid)).one_or_none()
            s.add(AuditEntry(actor=self._store.actor, action="restore",
                             record_kind=entry.record_kind, record_uuid=entry.record_uuid,
                             summary=entry.label if record is None else _audit_label(s, record)))
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
                    s.add(AuditEntry(actor=self._store.actor, action="purge",
                                     record_kind=model.KIND, record_uuid=uid))
                s.execute(delete(model).where(model.trash_id.in_(ids)))
            # Deleting means gone: the log keeps that something was done, not what it said.
            for start in range(0, len(purged), 500):
                s.execute(update(AuditEntry).where(
                    AuditEntry.record_uuid.in_(purged[start:start + 500])).values(summary=""))
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


def _audit_label(s: Session, record: Record) -> str:
    """The record's label as the audit log may hold it (no protected source named)."""
    return audit_privacy.label(record, audit_privacy.matcher_for(s))


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


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"
