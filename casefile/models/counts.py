"""Live records per kind, kept by triggers (schema version 9; casefile/db/record_counts.py)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casefile.db.base import Base


class RecordCount(Base):
    """How many live records of one kind the file holds (`kind` "trash": deletions in the
    trash). Counting the tables instead scans them: the trash indexes are partial, so a
    `count(*) ... WHERE trash_id IS NULL` reads every row."""

    __tablename__ = "record_counts"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    live: Mapped[int]
