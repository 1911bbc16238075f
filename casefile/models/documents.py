"""Documents (statistics, customs data, filings, reports) and the excerpts cited from them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casefile.db.base import Base, Trashable
from casefile.models.enums import DocumentKind, enum_column
from casefile.models.media import Blob
from casefile.models.sources import Source


class Document(Trashable, Base):
    """A document; field names follow CSL-JSON where one exists (title, issued, URL, accessed)."""

    __tablename__ = "documents"
    KIND = "document"
    LABEL_FIELD = "title"

    kind: Mapped[DocumentKind] = mapped_column(
        enum_column(DocumentKind), default=DocumentKind.REPORT
    )
    title: Mapped[str]
    # CSL name objects: [{"family": "Ivanova", "given": "Olga"}, {"literal": "Federal Customs"}]
    authors: Mapped[list[Any]] = mapped_column(default=list)
    publisher: Mapped[str] = mapped_column(default="")
    # The source record for the publisher: a document and its publisher count as one source.
    publisher_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    # CSL-style partial dates as text: "2026", "2026-03" or "2026-03-14".
    issued: Mapped[str] = mapped_column(default="")
    url: Mapped[str] = mapped_column(default="")
    accessed: Mapped[str] = mapped_column(default="")
    identifier: Mapped[str] = mapped_column(default="")
    language: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    file_blob_id: Mapped[int | None] = mapped_column(ForeignKey("blobs.id"), index=True)
    file_name: Mapped[str] = mapped_column(default="")
    # Added in version 3: read from the attached PDF/DOCX, and CSL fields with no column here.
    page_count: Mapped[int | None]
    container_title: Mapped[str] = mapped_column(default="", server_default="")
    csl_extra: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    publisher_source: Mapped[Source | None] = relationship()
    file_blob: Mapped[Blob | None] = relationship()
    excerpts: Mapped[list[Excerpt]] = relationship(
        back_populates="document", order_by="Excerpt.id"
    )


class Excerpt(Trashable, Base):
    """A passage cited from a document, with where it stands (page 3, table 2, row "Primorye")."""

    __tablename__ = "excerpts"
    KIND = "excerpt"
    LABEL_FIELD = "text"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    locator: Mapped[str] = mapped_column(default="")
    text: Mapped[str]
    note: Mapped[str] = mapped_column(default="")

    document: Mapped[Document] = relationship(back_populates="excerpts")
