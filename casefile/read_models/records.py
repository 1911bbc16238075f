"""One frozen read model per kind of record (and per table a public call reads).

Fields are the columns of docs/file-format.md under their own names; relationships are read
models too (a tuple for a list). `tests/test_read_models.py` checks every mapped column and
relationship has its field here, so a new column cannot be forgotten.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

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

# The names a piece of evidence can be, in the order an evidence link is read.
EVIDENCE_TARGETS = ("quote", "excerpt", "photo", "document", "interview")


class TeamMemberData(ReadModel):
    """A member of the reporting team (byline, credit, interviewer)."""

    MODEL = 'TeamMember'
    KIND = 'team_member'
    LABEL_FIELD = 'name'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    name: str
    role: TeamRole
    base_city: str
    email: str
    outlet: str
    notes: str
    byline_position: int | None
    trash_id: int | None


class SourceData(ReadModel):
    """A person or body the story draws on or is about, with its ground rules."""

    MODEL = 'Source'
    KIND = 'source'
    LABEL_FIELD = 'name'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    kind: SourceKind
    name: str
    role_title: str
    affiliation: str
    contacts: list[Any]
    location: str
    languages: list[Any]
    notes: str
    ground_rules: GroundRules
    attribution_phrase: str
    short_name: str
    article: Article
    role_form: RoleForm
    trash_id: int | None

    @property
    def is_protected(self) -> bool:
        """True when the source's real name must never leave the case file."""
        return not self.ground_rules.may_name


class InterviewData(ReadModel):
    """An interview: when, where, under which rules, its transcript and quotes."""

    MODEL = 'Interview'
    KIND = 'interview'
    LABEL_FIELD = 'title'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    title: str
    held_at: datetime | None
    place_name: str
    place_lat: float | None
    place_lon: float | None
    medium: Medium
    language: str
    interpreter: str
    ground_rules: GroundRules
    transcript: str
    notes: str
    trash_id: int | None
    interviewees: tuple[SourceData, ...]
    interviewers: tuple[TeamMemberData, ...]
    quotes: tuple[QuoteData, ...]
    attachments: tuple[AttachmentData, ...]


class QuoteData(ReadModel):
    """Words marked in a transcript; `matches_transcript` is False once it drifted."""

    MODEL = 'Quote'
    KIND = 'quote'
    LABEL_FIELD = 'text'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    interview_id: int
    text: str
    span_start: int
    span_end: int
    audio_offset_ms: int | None
    speaker_id: int | None
    ground_rules: GroundRules | None
    translation: str
    original_text: str
    original_language: str
    notes: str
    published_text: str
    published_accepted: str
    trash_id: int | None
    interview: InterviewData
    speaker: SourceData | None

    @property
    def matches_transcript(self) -> bool:
        """False when the transcript was edited so the span no longer holds the quoted
        words (worked out in the unit of work that read the quote where it could be)."""
        known = self.__dict__.get("_matches")
        if known is not None:
            return bool(known)
        return self.interview.transcript[self.span_start:self.span_end] == self.text


class AttachmentData(ReadModel):
    """A file attached to an interview (a recording, notes)."""

    MODEL = 'Attachment'
    KIND = 'attachment'
    LABEL_FIELD = 'file_name'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    interview_id: int
    blob_id: int
    file_name: str
    description: str
    trash_id: int | None
    blob: BlobData
    interview: InterviewData


class DocumentData(ReadModel):
    """A document (statistics, customs data, a filing) and its citation fields."""

    MODEL = 'Document'
    KIND = 'document'
    LABEL_FIELD = 'title'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    kind: DocumentKind
    title: str
    authors: list[Any]
    publisher: str
    publisher_source_id: int | None
    issued: str
    url: str
    accessed: str
    identifier: str
    language: str
    notes: str
    file_blob_id: int | None
    file_name: str
    page_count: int | None
    container_title: str
    csl_extra: dict[str, Any]
    trash_id: int | None
    publisher_source: SourceData | None
    file_blob: BlobData | None
    excerpts: tuple[ExcerptData, ...]


class ExcerptData(ReadModel):
    """A passage cited from a document."""

    MODEL = 'Excerpt'
    KIND = 'excerpt'
    LABEL_FIELD = 'text'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    document_id: int
    locator: str
    text: str
    note: str
    trash_id: int | None
    document: DocumentData


class PhotoData(ReadModel):
    """A photo with what its EXIF says, its caption, credit and the people in it."""

    MODEL = 'Photo'
    KIND = 'photo'
    LABEL_FIELD = 'caption'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    blob_id: int
    file_name: str
    caption: str
    credit_member_id: int | None
    credit_source_id: int | None
    taken_at: datetime | None
    gps_lat: float | None
    gps_lon: float | None
    gps_alt: float | None
    camera_make: str
    camera_model: str
    lens: str
    width: int | None
    height: int | None
    orientation: int | None
    place_name: str
    rights_note: str
    exif: dict[str, Any]
    trash_id: int | None
    blob: BlobData
    credit_member: TeamMemberData | None
    credit_source: SourceData | None
    depicted: tuple[SourceData, ...]


class ClaimData(ReadModel):
    """A statement the story makes and its verification status."""

    MODEL = 'Claim'
    KIND = 'claim'
    LABEL_FIELD = 'statement'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    statement: str
    status: ClaimStatus
    checked_by_id: int | None
    checked_at: datetime | None
    notes: str
    attribution_override: str
    trash_id: int | None
    checked_by: TeamMemberData | None
    evidence: tuple[EvidenceLinkData, ...]


class EvidenceLinkData(ReadModel):
    """A claim's link to one piece of evidence (`target`)."""

    MODEL = 'EvidenceLink'
    KIND = 'evidence_link'
    LABEL_FIELD = 'note'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    claim_id: int
    relation: Relation
    note: str
    quote_id: int | None
    excerpt_id: int | None
    photo_id: int | None
    document_id: int | None
    interview_id: int | None
    trash_id: int | None
    claim: ClaimData
    quote: QuoteData | None
    excerpt: ExcerptData | None
    photo: PhotoData | None
    document: DocumentData | None
    interview: InterviewData | None

    @property
    def target(self) -> QuoteData | ExcerptData | PhotoData | DocumentData | InterviewData:
        """The one piece of evidence this link points at."""
        for name in EVIDENCE_TARGETS:
            if self.__dict__.get(f"{name}_id") is not None or name in self.__dict__ and \
                    self.__dict__[name] is not None:
                return getattr(self, name)  # type: ignore[no-any-return]
        raise AssertionError("evidence link without a target")  # the CHECK forbids this


class CommentRequestData(ReadModel):
    """A request for comment sent to a source about some claims."""

    MODEL = 'CommentRequest'
    KIND = 'comment_request'
    LABEL_FIELD = 'subject'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    source_id: int
    subject: str
    asked_at: datetime | None
    channel: str
    deadline: datetime | None
    status: RequestStatus
    answer_text: str
    answered_at: datetime | None
    notes: str
    trash_id: int | None
    source: SourceData
    claims: tuple[ClaimData, ...]


class DraftData(ReadModel):
    """A draft of the story."""

    MODEL = 'Draft'
    KIND = 'draft'
    LABEL_FIELD = 'headline'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    headline: str
    dek: str
    dateline_place: str
    dateline_country: str
    body: str
    contributor_line: str
    status: DraftStatus
    published_on: date | None
    author_tagline: str
    trash_id: int | None
    byline: tuple[DraftBylineData, ...]
    versions: tuple[DraftVersionData, ...]


class DraftBylineData(ReadModel):
    """One name on a draft's byline, in order."""

    MODEL = 'DraftByline'

    draft_id: int
    team_member_id: int
    position: int
    member: TeamMemberData


class DraftVersionData(ReadModel):
    """A snapshot of a draft (what an editor received, and when)."""

    MODEL = 'DraftVersion'
    KIND = 'draft_version'
    LABEL_FIELD = 'reason'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    draft_id: int
    actor: str
    reason: str
    snapshot: dict[str, Any]
    draft: DraftData


class ReviewCommentData(ReadModel):
    """An editor's comment read back from a reviewed Word file."""

    MODEL = 'ReviewComment'
    KIND = 'review_comment'
    LABEL_FIELD = 'text'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    draft_id: int
    claim_id: int | None
    author: str
    written_at: str
    text: str
    anchored_text: str
    source_file: str
    version_uuid: str
    draft: DraftData
    claim: ClaimData | None


class TagData(ReadModel):
    """A tag records can carry."""

    MODEL = 'Tag'
    KIND = 'tag'
    LABEL_FIELD = 'name'

    id: int
    uuid: UUID
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str
    name: str
    color: str
    trash_id: int | None


class TrashEntryData(ReadModel):
    """One deletion in the trash: what went, when, by whom."""

    MODEL = 'TrashEntry'
    KIND = 'trash'

    id: int
    uuid: UUID
    deleted_at: datetime
    actor: str
    record_kind: str
    record_uuid: UUID
    label: str
    item_count: int


class AuditEntryData(ReadModel):
    """A line of the audit log (never naming a protected source)."""

    MODEL = 'AuditEntry'

    id: int
    at: datetime
    actor: str
    action: str
    record_kind: str
    record_uuid: UUID | None
    summary: str
    changes: list[Any]


class CaseInfoData(ReadModel):
    """The case itself: title, summary, language, desk, house style."""

    MODEL = 'CaseInfo'
    KIND = 'case'

    id: int
    uuid: UUID
    title: str
    slug: str
    summary: str
    language: str
    desk: str
    house_style: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str


class BlobData(ReadModel):
    """A stored file's facts (SHA-256, size, type); `data` is read when first asked."""

    MODEL = 'Blob'

    id: int
    sha256: str
    size: int
    media_type: str
    data: bytes
    created_at: datetime
