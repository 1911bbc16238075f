"""Interviews, their transcripts, and the quotes marked in them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casefile.db.base import Base, Trashable
from casefile.db.types import LocalDateTime
from casefile.models.case import TeamMember
from casefile.models.enums import GroundRules, Medium, enum_column
from casefile.models.media import Attachment
from casefile.models.sources import Source

interview_interviewees = Table(
    "interview_interviewees",
    Base.metadata,
    Column("interview_id", ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
)

interview_interviewers = Table(
    "interview_interviewers",
    Base.metadata,
    Column("interview_id", ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("team_member_id", ForeignKey("team_members.id", ondelete="CASCADE"), primary_key=True),
)


class Interview(Trashable, Base):
    """One conversation with one or more sources, with its transcript."""

    __tablename__ = "interviews"
    KIND = "interview"
    LABEL_FIELD = "title"

    title: Mapped[str] = mapped_column(default="")
    # Local time with its offset, as it was where the interview happened.
    held_at: Mapped[datetime | None] = mapped_column(LocalDateTime())
    place_name: Mapped[str] = mapped_column(default="")
    place_lat: Mapped[float | None]
    place_lon: Mapped[float | None]
    medium: Mapped[Medium] = mapped_column(enum_column(Medium), default=Medium.IN_PERSON)
    language: Mapped[str] = mapped_column(default="")
    interpreter: Mapped[str] = mapped_column(default="")
    ground_rules: Mapped[GroundRules] = mapped_column(
        enum_column(GroundRules), default=GroundRules.ON_RECORD
    )
    transcript: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")

    interviewees: Mapped[list[Source]] = relationship(
        secondary=interview_interviewees, order_by=Source.id
    )
    interviewers: Mapped[list[TeamMember]] = relationship(
        secondary=interview_interviewers, order_by=TeamMember.id
    )
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="interview", order_by="Quote.span_start"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="interview", order_by=Attachment.id
    )


class Quote(Trashable, Base):
    """Exact words from a transcript, tied to their character span so drift can be caught."""

    __tablename__ = "quotes"
    KIND = "quote"
    LABEL_FIELD = "text"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str]
    # Python string indices into the transcript: transcript[span_start:span_end] == text.
    span_start: Mapped[int]
    span_end: Mapped[int]
    audio_offset_ms: Mapped[int | None]
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    ground_rules: Mapped[GroundRules | None] = mapped_column(enum_column(GroundRules))
    # The words in the story's language, when the transcript is in another language.
    translation: Mapped[str] = mapped_column(default="")
    # When the transcript is itself a translation: the words as spoken, and their language.
    original_text: Mapped[str] = mapped_column(default="")
    original_language: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    # Version 10: the words as the story prints them (lightly cleaned, or translated), and the
    # published wording the reporter accepted; the acceptance holds while the two are equal.
    published_text: Mapped[str] = mapped_column(default="", server_default="")
    published_accepted: Mapped[str] = mapped_column(default="", server_default="")

    interview: Mapped[Interview] = relationship(back_populates="quotes")
    speaker: Mapped[Source | None] = relationship()

    @property
    def matches_transcript(self) -> bool:
        """False when the transcript was edited so the span no longer holds the quoted words."""
        return self.interview.transcript[self.span_start : self.span_end] == self.text
