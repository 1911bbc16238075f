"""Sources: people, organisations and official bodies, with the ground rules they spoke under."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Mapped, mapped_column

from casefile.db.base import Base, Trashable
from casefile.models.enums import Article, GroundRules, RoleForm, SourceKind, enum_column


class Source(Trashable, Base):
    """Someone or some body the story draws on or is about."""

    __tablename__ = "sources"
    KIND = "source"
    LABEL_FIELD = "name"

    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind), default=SourceKind.PERSON)
    name: Mapped[str]
    role_title: Mapped[str] = mapped_column(default="")
    affiliation: Mapped[str] = mapped_column(default="")
    # [{"kind": "phone", "value": "+7 …"}, {"kind": "signal", "value": "…"}]
    contacts: Mapped[list[Any]] = mapped_column(default=list)
    location: Mapped[str] = mapped_column(default="")
    languages: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(default="")
    ground_rules: Mapped[GroundRules] = mapped_column(
        enum_column(GroundRules), default=GroundRules.ON_RECORD
    )
    # Used whenever the source may not be named: "a business owner in Blagoveshchensk".
    attribution_phrase: Mapped[str] = mapped_column(default="")
    # Second reference: "Mr. Dyakov", "the ministry".
    short_name: Mapped[str] = mapped_column(default="")
    # Version 10: the article the name takes, and how the role follows the name in print.
    article: Mapped[Article] = mapped_column(enum_column(Article), default=Article.AUTO,
                                             server_default="auto")
    role_form: Mapped[RoleForm] = mapped_column(enum_column(RoleForm), default=RoleForm.AUTO,
                                                server_default="auto")

    @property
    def is_protected(self) -> bool:
        """True when the source's real name must never leave the case file."""
        return not self.ground_rules.may_name
