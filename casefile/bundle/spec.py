"""How each kind of record maps onto the bundle's JSON: one table of specs drives dump,
import and the JSON Schema, so the three cannot disagree."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import ColumnProperty

from casefile.db.base import STAMP_FIELDS, Record
from casefile.models import (
    Attachment,
    Claim,
    CommentRequest,
    Document,
    Draft,
    DraftVersion,
    EvidenceLink,
    Excerpt,
    Interview,
    Photo,
    Quote,
    ReviewComment,
    Source,
    Tag,
    TeamMember,
)

FORMAT = "casefile-bundle"
FORMAT_VERSION = 1
# Never carried in a bundle: local keys and bookkeeping rebuilt on import — among them each
# record's version and last change (schema 11): imported records are new in the case they
# go to (version 1, signed by the importer there), and a bundle sent out never says which
# device changed what.
_SKIP = {"id", "trash_id"} | STAMP_FIELDS


@dataclass(frozen=True)
class Spec:
    """One kind of record in the bundle."""

    key: str
    model: type[Record]
    refs: dict[str, type[Record]] = field(default_factory=dict)  # one UUID
    lists: dict[str, type[Record]] = field(default_factory=dict)  # list of UUIDs
    children: tuple[tuple[str, Spec, str], ...] = ()  # (JSON key, spec, parent attribute)
    file_attr: str | None = None  # relationship holding the stored file
    file_required: bool = False

    def scalar_columns(self) -> list[Any]:
        """Columns carried as plain values (not keys, references or files)."""
        cols = []
        for prop in inspect(self.model).column_attrs:
            assert isinstance(prop, ColumnProperty)
            col = prop.columns[0]
            if prop.key in _SKIP or col.foreign_keys:
                continue
            if self.model is Quote and prop.key in ("span_start", "span_end"):
                continue
            cols.append(col)
        return cols


QUOTE = Spec("quotes", Quote, refs={"speaker": Source})
ATTACHMENT = Spec("attachments", Attachment, file_attr="blob", file_required=True)
EXCERPT = Spec("excerpts", Excerpt)
EVIDENCE = Spec(
    "evidence",
    EvidenceLink,
    refs={"quote": Quote, "excerpt": Excerpt, "photo": Photo, "document": Document,
          "interview": Interview},
)

TOP: tuple[Spec, ...] = (
    Spec("team", TeamMember),
    Spec("sources", Source),
    Spec(
        "interviews",
        Interview,
        lists={"interviewees": Source, "interviewers": TeamMember},
        children=(("quotes", QUOTE, "interview"), ("attachments", ATTACHMENT, "interview")),
    ),
    Spec(
        "documents",
        Document,
        refs={"publisher_source": Source},
        children=(("excerpts", EXCERPT, "document"),),
        file_attr="file_blob",
    ),
    Spec(
        "photos",
        Photo,
        refs={"credit_member": TeamMember, "credit_source": Source},
        lists={"depicted": Source},
        file_attr="blob",
        file_required=True,
    ),
    Spec("claims", Claim, refs={"checked_by": TeamMember},
         children=(("evidence", EVIDENCE, "claim"),)),
    Spec("comment_requests", CommentRequest, refs={"source": Source}, lists={"claims": Claim}),
    Spec("drafts", Draft, children=(
        ("versions", Spec("versions", DraftVersion), "draft"),
        ("review_comments", Spec("review_comments", ReviewComment, refs={"claim": Claim}),
         "draft"),
    )),
    Spec("tags", Tag),
)


def all_specs() -> list[Spec]:
    """Every spec, parents before children."""
    out: list[Spec] = []
    for spec in TOP:
        out.append(spec)
        out += [child for _k, child, _a in spec.children]
    return out


def to_json_value(value: Any) -> Any:
    """A column value as JSON (ISO text for times, the value for enums, text for UUIDs)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value
