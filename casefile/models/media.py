"""Stored files (content-addressed blobs), interview attachments and photos."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, ForeignKey, LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casefile.db.base import Base, Trashable
from casefile.db.types import LocalDateTime, utcnow
from casefile.models.case import TeamMember
from casefile.models.sources import Source

if TYPE_CHECKING:
    from casefile.models.interviews import Interview


class Blob(Base):
    """File bytes stored once per SHA-256, shared by every record that refers to them."""

    __tablename__ = "blobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    media_type: Mapped[str] = mapped_column(default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Thumbnail(Base):
    """A JPEG preview of a stored image, made once so browsing never decodes an original."""

    __tablename__ = "thumbnails"

    blob_id: Mapped[int] = mapped_column(
        ForeignKey("blobs.id", ondelete="CASCADE"), primary_key=True
    )
    max_side: Mapped[int] = mapped_column(primary_key=True)
    width: Mapped[int]
    height: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Trashable, Base):
    """A file kept with an interview: audio, scanned notes, a screenshot of a chat."""

    __tablename__ = "attachments"
    KIND = "attachment"
    LABEL_FIELD = "file_name"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"), index=True)
    file_name: Mapped[str]
    description: Mapped[str] = mapped_column(default="")

    blob: Mapped[Blob] = relationship()
    interview: Mapped[Interview] = relationship(back_populates="attachments")


photo_depicted = Table(
    "photo_depicted",
    Base.metadata,
    Column("photo_id", ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
)


class Photo(Trashable, Base):
    """A photo: the original bytes untouched, plus what it shows and who took it."""

    __tablename__ = "photos"
    KIND = "photo"
    LABEL_FIELD = "caption"

    blob_id: Mapped[int] = mapped_column(ForeignKey("blobs.id"), index=True)
    file_name: Mapped[str] = mapped_column(default="")
    caption: Mapped[str] = mapped_column(default="")
    credit_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL"), index=True
    )
    credit_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    # Local time as the camera recorded it; naive when the camera gave no offset.
    taken_at: Mapped[datetime | None] = mapped_column(LocalDateTime())
    gps_lat: Mapped[float | None]
    gps_lon: Mapped[float | None]
    gps_alt: Mapped[float | None]
    camera_make: Mapped[str] = mapped_column(default="")
    camera_model: Mapped[str] = mapped_column(default="")
    lens: Mapped[str] = mapped_column(default="")
    width: Mapped[int | None]
    height: Mapped[int | None]
    orientation: Mapped[int | None]
    place_name: Mapped[str] = mapped_column(default="")
    rights_note: Mapped[str] = mapped_column(default="")
    exif: Mapped[dict[str, Any]] = mapped_column(default=dict)

    blob: Mapped[Blob] = relationship()
    credit_member: Mapped[TeamMember | None] = relationship()
    credit_source: Mapped[Source | None] = relationship()
    depicted: Mapped[list[Source]] = relationship(secondary=photo_depicted, order_by=Source.id)
