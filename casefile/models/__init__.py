"""The case file's records, as typed SQLAlchemy models."""

from typing import cast

from sqlalchemy import Index, Table

from casefile.db.base import Base, Record, Trashable
from casefile.models.case import CaseInfo, TeamMember
from casefile.models.claims import (
    Claim,
    CommentRequest,
    Draft,
    DraftByline,
    DraftVersion,
    EvidenceLink,
    ReviewComment,
    comment_request_claims,
)
from casefile.models.counts import RecordCount
from casefile.models.documents import Document, Excerpt
from casefile.models.enums import (
    Article,
    ClaimStatus,
    DocumentKind,
    DraftStatus,
    GroundRules,
    Medium,
    Relation,
    RequestStatus,
    RoleForm,
    SourceKind,
    TeamRole,
)
from casefile.models.interviews import (
    Interview,
    Quote,
    interview_interviewees,
    interview_interviewers,
)
from casefile.models.media import Attachment, Blob, Photo, Thumbnail, photo_depicted
from casefile.models.meta import AuditEntry, Tag, Tagging, TrashEntry
from casefile.models.sources import Source
from casefile.models.sync import MergeConflict, SyncBase, SyncPeer, SyncReplica

# Every kind of record by its kind name, in the order a case is shown and bundled.
RECORD_KINDS: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (
        TeamMember,
        Source,
        Interview,
        Quote,
        Attachment,
        Document,
        Excerpt,
        Photo,
        Claim,
        EvidenceLink,
        CommentRequest,
        Draft,
        Tag,
    )
}

# Each trash index holds only trashed rows (schema version 7): a full index of a column that
# is NULL for nearly every row lured SQLite's planner into scanning whole tables for the
# `trash_id IS NULL` every live-record query carries.
for _model in RECORD_KINDS.values():
    if issubclass(_model, Trashable):
        _table = cast(Table, getattr(_model, "__table__"))  # noqa: B009 - typed by cast
        Index(f"ix_{_table.name}_trash_id", _table.c.trash_id,
              sqlite_where=_table.c.trash_id.is_not(None))
# Photos are listed by capture time.
_photos = cast(Table, Photo.__table__)
Index("ix_photos_taken_at", _photos.c.taken_at, _photos.c.id)

__all__ = [
    "RECORD_KINDS",
    "Attachment",
    "AuditEntry",
    "Base",
    "Blob",
    "Article",
    "CaseInfo",
    "Claim",
    "ClaimStatus",
    "CommentRequest",
    "DocumentKind",
    "Document",
    "Draft",
    "DraftByline",
    "DraftVersion",
    "DraftStatus",
    "EvidenceLink",
    "Excerpt",
    "GroundRules",
    "Interview",
    "Medium",
    "MergeConflict",
    "Photo",
    "Quote",
    "Record",
    "RecordCount",
    "Relation",
    "ReviewComment",
    "RequestStatus",
    "RoleForm",
    "Source",
    "SourceKind",
    "SyncBase",
    "SyncPeer",
    "SyncReplica",
    "Tag",
    "Tagging",
    "TeamMember",
    "TeamRole",
    "Thumbnail",
    "Trashable",
    "TrashEntry",
    "comment_request_claims",
    "interview_interviewees",
    "interview_interviewers",
    "photo_depicted",
]
