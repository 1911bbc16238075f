"""The fixed vocabularies of a case file; stored as their lowercase text values."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from sqlalchemy import Enum


class TextEnum(enum.StrEnum):
    """An enum whose stored and bundled form is its value."""


class SourceKind(TextEnum):
    """What a source is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    OFFICIAL_BODY = "official_body"


class GroundRules(TextEnum):
    """The terms under which a source gave information, from most to least attributable."""

    ON_RECORD = "on_record"
    BACKGROUND = "background"  # not for attribution: use the attribution phrase
    DEEP_BACKGROUND = "deep_background"  # usable, never attributed
    OFF_RECORD = "off_record"  # not usable in print
    CONFIDENTIAL = "confidential"  # identity protected: pseudonym only

    @property
    def may_name(self) -> bool:
        """Whether the source may be named in print under these rules."""
        return self is GroundRules.ON_RECORD

    @property
    def needs_phrase(self) -> bool:
        """Whether a pseudonym or attribution phrase is required to cite the source."""
        return self in (GroundRules.BACKGROUND, GroundRules.CONFIDENTIAL)


class Article(TextEnum):
    """The article a source's name takes in print ("the Embassy of Japan", "Sberbank"):
    `auto` decides by rule (casefile/claims/names.py), the others are the reporter's choice."""

    AUTO = "auto"
    THE = "the"
    A = "a"
    AN = "an"
    NONE = "none"


class RoleForm(TextEnum):
    """How a person's role follows their name: "Yuri Petrov, owner of a timber yard"
    (appositive) or "Anna Kim, who runs a bakery in Tver" (relative); `auto` reads it from
    how the role is written."""

    AUTO = "auto"
    APPOSITIVE = "appositive"
    RELATIVE = "relative"


class TeamRole(TextEnum):
    """A team member's part in the story."""

    REPORTER = "reporter"
    CONTRIBUTOR = "contributor"
    FIXER = "fixer"
    TRANSLATOR = "translator"
    PHOTOGRAPHER = "photographer"
    EDITOR = "editor"


class Medium(TextEnum):
    """How an interview was held."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    MESSAGING = "messaging"
    EMAIL = "email"


class DocumentKind(TextEnum):
    """What a document is; maps onto CSL types for citations."""

    REPORT = "report"
    DATASET = "dataset"
    STATISTICS = "statistics"
    COURT_RECORD = "court_record"
    NEWS_ARTICLE = "news_article"
    WEB_PAGE = "web_page"
    LETTER = "letter"
    # Legal instruments (version 10): laws and resolutions (CSL "legislation"), court rulings
    # (CSL "legal_case") and treaties (CSL "treaty"); the issuing body is the publisher.
    LEGISLATION = "legislation"
    COURT_RULING = "court_ruling"
    TREATY = "treaty"
    OTHER = "other"


class ClaimStatus(TextEnum):
    """How far a claim has been verified."""

    UNVERIFIED = "unverified"
    SUPPORTED = "supported"
    NEEDS_SECOND_SOURCE = "needs_second_source"
    DISPUTED = "disputed"
    REFUTED = "refuted"


class Relation(TextEnum):
    """What a piece of evidence does for a claim."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


class RequestStatus(TextEnum):
    """Where a request for comment stands."""

    PENDING = "pending"
    ANSWERED = "answered"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"


class DraftStatus(TextEnum):
    """Where a draft stands in the editing process."""

    WRITING = "writing"
    WITH_EDITOR = "with_editor"
    FINAL = "final"


def enum_column(cls: type[enum.Enum]) -> Enum:
    """A text column holding an enum's values, without a CHECK (new values need no rebuild)."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
        values_callable=lambda e: [m.value for m in e],
    )


E = TypeVar("E", bound=enum.Enum)


def parse_enum(cls: type[E], value: Any) -> E:
    """Turn user or bundle text into an enum member, with a message listing the choices."""
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(str(m.value) for m in cls)
        raise ValueError(f"{value!r} is not one of: {choices}") from None
