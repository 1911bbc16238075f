"""The case itself and the team that reports it."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime
from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from casefile.db.base import Base, Trashable, Versioned
from casefile.db.types import utcnow
from casefile.models.enums import TeamRole, enum_column


class CaseInfo(Versioned, Base):
    """The single row describing the story this file is about (versioned like a record,
    schema 11: its title and house style are edited too)."""

    __tablename__ = "case_info"
    KIND = "case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(unique=True, default=uuid_mod.uuid4)
    title: Mapped[str]
    slug: Mapped[str] = mapped_column(default="")
    summary: Mapped[str] = mapped_column(default="")
    language: Mapped[str] = mapped_column(default="en")
    desk: Mapped[str] = mapped_column(default="")
    # Version 4: the newsroom's house style for attributions (see casefile.claims.style).
    house_style: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TeamMember(Trashable, Base):
    """A reporter, contributor, fixer, translator or photographer working on the story."""

    __tablename__ = "team_members"
    KIND = "team_member"
    LABEL_FIELD = "name"

    name: Mapped[str]
    role: Mapped[TeamRole] = mapped_column(enum_column(TeamRole), default=TeamRole.REPORTER)
    base_city: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    # Version 10: the outlet they report for, when not the house style's ("" = that one).
    outlet: Mapped[str] = mapped_column(default="", server_default="")
    notes: Mapped[str] = mapped_column(default="")
    # 1, 2, … for the case's byline order; None when not on the byline.
    byline_position: Mapped[int | None]
