"""Claims and the evidence behind them, requests for comment, and drafts (schema version 2)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casefile.db.base import Base, Record, Trashable
from casefile.db.types import ISODate, LocalDateTime
from casefile.models.case import TeamMember
from casefile.models.documents import Document, Excerpt
from casefile.models.enums import (
    ClaimStatus,
    DraftStatus,
    Relation,
    RequestStatus,
    enum_column,
)
from casefile.models.interviews import Interview, Quote
from casefile.models.media import Photo
from casefile.models.sources import Source

EVIDENCE_TARGETS = ("quote", "excerpt", "photo", "document", "interview")


class Claim(Trashable, Base):
    """A statement the story makes, as it will read in print, and how far it is verified."""

    __tablename__ = "claims"
    KIND = "claim"
    LABEL_FIELD = "statement"

    statement: Mapped[str]
    status: Mapped[ClaimStatus] = mapped_column(
        enum_column(ClaimStatus), default=ClaimStatus.UNVERIFIED
    )
    checked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL"), index=True
    )
    checked_at: Mapped[datetime | None]
    notes: Mapped[str] = mapped_column(default="")
    # Version 4: the reporter's own wording of the attribution, kept over the generated one.
    attribution_override: Mapped[str] = mapped_column(default="", server_default="")

    checked_by: Mapped[TeamMember | None] = relationship()
    evidence: Mapped[list[EvidenceLink]] = relationship(
        back_populates="claim", order_by="EvidenceLink.id"
    )


class EvidenceLink(Trashable, Base):
    """Ties a claim to exactly one piece of evidence, with real foreign keys for each kind."""

    __tablename__ = "evidence_links"
    KIND = "evidence_link"
    LABEL_FIELD = "note"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    relation: Mapped[Relation] = mapped_column(enum_column(Relation), default=Relation.SUPPORTS)
    note: Mapped[str] = mapped_column(default="")
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), index=True
    )
    excerpt_id: Mapped[int | None] = mapped_column(
        ForeignKey("excerpts.id", ondelete="CASCADE"), index=True
    )
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )

    claim: Mapped[Claim] = relationship(back_populates="evidence")
    quote: Mapped[Quote | None] = relationship()
    excerpt: Mapped[Excerpt | None] = relationship()
    photo: Mapped[Photo | None] = relationship()
    document: Mapped[Document | None] = relationship()
    interview: Mapped[Interview | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(quote_id IS NOT NULL) + (excerpt_id IS NOT NULL) + (photo_id IS NOT NULL)"
            " + (document_id IS NOT NULL) + (interview_id IS NOT NULL) = 1",
            name="one_target",
        ),
    )

    @property
    def target(self) -> Quote | Excerpt | Photo | Document | Interview:
        """The one piece of evidence this link points at."""
        for name in EVIDENCE_TARGETS:
            value = getattr(self, name)
            if value is not None:
                return value  # type: ignore[no-any-return]
        raise AssertionError("evidence link without a target")  # the CHECK forbids this


comment_request_claims = Table(
    "comment_request_claims",
    Base.metadata,
    Column("request_id", ForeignKey("comment_requests.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)


class CommentRequest(Trashable, Base):
    """A request for comment (right of reply) sent to someone the story is about."""

    __tablename__ = "comment_requests"
    KIND = "comment_request"
    LABEL_FIELD = "subject"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    subject: Mapped[str] = mapped_column(default="")
    asked_at: Mapped[datetime | None] = mapped_column(LocalDateTime())
    channel: Mapped[str] = mapped_column(default="")
    deadline: Mapped[datetime | None] = mapped_column(LocalDateTime())
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus), default=RequestStatus.PENDING
    )
    answer_text: Mapped[str] = mapped_column(default="")
    answered_at: Mapped[datetime | None] = mapped_column(LocalDateTime())
    notes: Mapped[str] = mapped_column(default="")

    source: Mapped[Source] = relationship()
    claims: Mapped[list[Claim]] = relationship(secondary=comment_request_claims, order_by=Claim.id)


class DraftByline(Base):
    """A team member on a draft's byline, in order."""

    __tablename__ = "draft_byline"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    team_member_id: Mapped[int] = mapped_column(
        ForeignKey("team_members.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(default=0)

    member: Mapped[TeamMember] = relationship()


class Draft(Trashable, Base):
    """A version of the story being written; the body's anchor format is in docs/draft-format.md."""

    __tablename__ = "drafts"
    KIND = "draft"
    LABEL_FIELD = "headline"

    headline: Mapped[str] = mapped_column(default="")
    dek: Mapped[str] = mapped_column(default="")
    dateline_place: Mapped[str] = mapped_column(default="")
    dateline_country: Mapped[str] = mapped_column(default="")
    body: Mapped[str] = mapped_column(default="")
    contributor_line: Mapped[str] = mapped_column(default="")
    status: Mapped[DraftStatus] = mapped_column(
        enum_column(DraftStatus), default=DraftStatus.WRITING
    )
    # Version 10: when the story runs, and the author tagline printed at its foot ("" = the
    # one generated from the byline's roles and bases, casefile/claims/tagline.py).
    published_on: Mapped[date | None] = mapped_column(ISODate())
    author_tagline: Mapped[str] = mapped_column(default="", server_default="")

    byline: Mapped[list[DraftByline]] = relationship(
        order_by=DraftByline.position, cascade="all, delete-orphan"
    )
    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", order_by="DraftVersion.id", cascade="all, delete-orphan"
    )


class DraftVersion(Record, Base):
    """A frozen copy of a draft, taken each time it is exported (version 4)."""

    __tablename__ = "draft_versions"
    KIND = "draft_version"
    LABEL_FIELD = "reason"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"),
                                          index=True)
    actor: Mapped[str] = mapped_column(default="")
    reason: Mapped[str] = mapped_column(default="")
    # Headline, dek, byline names, dateline, body (with anchors), contributor line, status.
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)

    draft: Mapped[Draft] = relationship(back_populates="versions")


class ReviewComment(Record, Base):
    """A comment an editor made on an exported draft, read back from their .docx (v5)."""

    __tablename__ = "review_comments"
    KIND = "review_comment"
    LABEL_FIELD = "text"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"),
                                          index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"),
                                                 index=True)
    author: Mapped[str] = mapped_column(default="")
    written_at: Mapped[str] = mapped_column(default="")  # as the reviewer's program wrote it
    text: Mapped[str] = mapped_column(default="")
    anchored_text: Mapped[str] = mapped_column(default="")
    source_file: Mapped[str] = mapped_column(default="")
    version_uuid: Mapped[str] = mapped_column(default="")  # the export the editor reviewed

    draft: Mapped[Draft] = relationship()
    claim: Mapped[Claim | None] = relationship()
