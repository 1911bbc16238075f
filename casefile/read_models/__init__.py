"""Read models: what the core hands out. Frozen values, safe to keep after any unit of work.

`case.sources.get(uuid)` returns a `SourceData`, `case.interviews.page()` a list of
`InterviewData`, and so on for every kind: the same names as the columns and relationships of
docs/file-format.md. See base.py for what is loaded and what is read on first access.
"""

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
from casefile.read_models.base import ReadModel
from casefile.read_models.records import (
    AttachmentData,
    AuditEntryData,
    BlobData,
    CaseInfoData,
    ClaimData,
    CommentRequestData,
    DocumentData,
    DraftBylineData,
    DraftData,
    DraftVersionData,
    EvidenceLinkData,
    ExcerptData,
    InterviewData,
    PhotoData,
    QuoteData,
    ReviewCommentData,
    SourceData,
    TagData,
    TeamMemberData,
    TrashEntryData,
)

__all__ = [
    "Article",
    "ClaimStatus",
    "DocumentKind",
    "DraftStatus",
    "GroundRules",
    "Medium",
    "Relation",
    "RequestStatus",
    "RoleForm",
    "SourceKind",
    "TeamRole",
    "ReadModel",
    "TeamMemberData",
    "SourceData",
    "InterviewData",
    "QuoteData",
    "AttachmentData",
    "DocumentData",
    "ExcerptData",
    "PhotoData",
    "ClaimData",
    "EvidenceLinkData",
    "CommentRequestData",
    "DraftData",
    "DraftBylineData",
    "DraftVersionData",
    "ReviewCommentData",
    "TagData",
    "TrashEntryData",
    "AuditEntryData",
    "CaseInfoData",
    "BlobData",
]
