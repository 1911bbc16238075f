"""What each navigator section lists: its columns, and how its rows are paged from the core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from casefile.case import CaseFile
from casefile.claims.support import SupportSummary
from casefile.read_models import (
    ClaimData,
    CommentRequestData,
    InterviewData,
    PhotoData,
    RequestStatus,
    SourceData,
)
from ui.i18n import number, short_datetime, translate
from ui.pagers import ClaimPager, OffsetPager, Pager, ServicePager
from ui.palette import color
from ui.table_model import Column


def tr(text: str) -> str:
    """Mark a user-visible string for translation (ui/i18n.py picks the language)."""
    return translate(text)


def _when(value: datetime | None) -> str:
    return short_datetime(value) if value else ""


def _enum(value: Enum | None) -> str:
    # The humanised values of the core's enums are in the catalogue (ui/i18n_catalog.py).
    return tr(str(value.value).replace("_", " ")) if value is not None else ""


def overdue(record: CommentRequestData, now: datetime | None = None) -> bool:
    """A pending request whose deadline has passed."""
    if record.status is not RequestStatus.PENDING or record.deadline is None:
        return False
    deadline = record.deadline
    if deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=UTC)
    return deadline < (now or datetime.now(UTC))


def _overdue_color(record: CommentRequestData) -> str | None:
    return color("problem") if overdue(record) else None


def _deadline(record: CommentRequestData) -> str:
    text = _when(record.deadline)
    return f"{text}  ({tr('overdue')})" if overdue(record) else text


def _weak(row: tuple[ClaimData, SupportSummary]) -> str | None:
    return color("weak") if row[1].weak else None


def _public(source: SourceData | None) -> str:
    # ui.pickers imports this module (tr): the one naming rule is fetched when first used.
    from ui.pickers import public_label
    return public_label(source)


def _source_name(record: SourceData) -> str:
    # The reporter's own index of sources (opening a row shows the real name to edit): the
    # name stays, marked; everywhere else a protected source is its pseudonym (_public).
    return f"{record.name}  [{tr('protected')}]" if record.is_protected else record.name


def _protected(record: SourceData) -> str | None:
    return color("protected") if record.is_protected else None


# The columns below read only what the service's `page_loads` loads with a page (a list
# must never read one row's relationship in a query of its own): interviewees, a photo's
# credit, a request's source. tests/test_ui_columns.py holds them to it.
def _interviewees(record: InterviewData) -> str:
    return ", ".join(_public(s) for s in record.interviewees)


def _credit(record: PhotoData) -> str:
    """A team member, or a source (a protected one by its pseudonym, never its name)."""
    if record.credit_member:
        return record.credit_member.name
    return _public(record.credit_source)


def _addressee(record: CommentRequestData) -> str:
    """The recipient, a protected one by its pseudonym (the list can be seen and copied)."""
    return _public(record.source)


@dataclass(frozen=True)
class KindView:
    """A section of the navigator."""

    key: str
    title: str
    columns: tuple[Column, ...]
    fetch: Callable[[CaseFile, int, int], list[Any]]  # by offset (scripts, the trash)
    count: Callable[[CaseFile], int]
    # Rows fetched at a time: claims carry their evidence (about ten objects a row), so a
    # smaller page keeps each fetch well under 50 ms on an old laptop.
    page_size: int = 200
    # How the list reads by key (jumping to any record at once); None: by offset.
    pager: Callable[[CaseFile], Pager] | None = None

    def pager_for(self, case: CaseFile) -> Pager:
        """The pager the app's list of this kind reads through."""
        if self.pager is not None:
            return self.pager(case)
        return OffsetPager(lambda offset, limit: self.fetch(case, offset, limit),
                           lambda: self.count(case))


def _service_view(key: str, title: str, service: str, columns: tuple[Column, ...],
                  order: str | None = None, descending: bool = False) -> KindView:
    return KindView(
        key, title, columns,
        lambda case, offset, limit: getattr(case, service).page(
            offset=offset, limit=limit, order_by=order, descending=descending, light=True),
        lambda case: getattr(case, service).count(),
        pager=lambda case: ServicePager(getattr(case, service), order, descending),
    )


VIEWS: tuple[KindView, ...] = (
    _service_view("source", tr("Sources"), "sources", (
        Column(tr("Name"), _source_name, "name", _protected),
        Column(tr("Kind"), lambda r: _enum(r.kind), "kind"),
        Column(tr("Ground rules"), lambda r: _enum(r.ground_rules), "ground_rules"),
        Column(tr("Role"), lambda r: r.role_title, "role_title"),
        Column(tr("Location"), lambda r: r.location, "location"),
    )),
    _service_view("interview", tr("Interviews"), "interviews", (
        Column(tr("Title"), lambda r: r.title, "title"),
        Column(tr("Held"), lambda r: _when(r.held_at), "held_at"),
        Column(tr("With"), _interviewees),
        Column(tr("Place"), lambda r: r.place_name, "place_name"),
        Column(tr("Medium"), lambda r: _enum(r.medium), "medium"),
    )),
    _service_view("photo", tr("Photos"), "photos", (
        Column(tr("Caption"), lambda r: r.caption, "caption"),
        Column(tr("Taken"), lambda r: _when(r.taken_at), "taken_at"),
        Column(tr("Place"), lambda r: r.place_name, "place_name"),
        Column(tr("Credit"), _credit),
        Column(tr("Camera"), lambda r: f"{r.camera_make} {r.camera_model}".strip(),
               "camera_make"),
    )),
    _service_view("document", tr("Documents"), "documents", (
        Column(tr("Title"), lambda r: r.title, "title"),
        Column(tr("Kind"), lambda r: _enum(r.kind), "kind"),
        Column(tr("Publisher"), lambda r: r.publisher, "publisher"),
        Column(tr("Issued"), lambda r: r.issued, "issued"),
    )),
    KindView("claim", tr("Claims"), (
        Column(tr("Statement"), lambda r: r[0].statement, "statement", _weak),
        Column(tr("Status"), lambda r: _enum(r[0].status), "status", _weak),
        Column(tr("Support"), lambda r: r[1].describe(), "support", _weak),
    ), lambda case, offset, limit: case.claims.summaries(offset=offset, limit=limit),
        lambda case: case.claims.count(), page_size=30,
        pager=lambda case: ClaimPager(case.claims)),
    _service_view("comment_request", tr("Requests for comment"), "requests", (
        Column(tr("Subject"), lambda r: r.subject, "subject", _overdue_color),
        Column(tr("To"), _addressee, "addressee", _overdue_color),
        Column(tr("Deadline"), _deadline, "deadline", _overdue_color),
        Column(tr("Status"), lambda r: _enum(r.status), "status", _overdue_color),
    )),
    _service_view("draft", tr("Drafts"), "drafts", (
        Column(tr("Headline"), lambda r: r.headline, "headline"),
        Column(tr("Status"), lambda r: _enum(r.status), "status"),
        Column(tr("Updated"), lambda r: _when(r.updated_at), "updated_at"),
    )),
    _service_view("team_member", tr("Team"), "team", (
        Column(tr("Name"), lambda r: r.name, "name"),
        Column(tr("Role"), lambda r: _enum(r.role), "role"),
        Column(tr("Based in"), lambda r: r.base_city, "base_city"),
        Column(tr("Byline"), lambda r: str(r.byline_position or ""), "byline_position"),
    )),
    KindView("trash", tr("Trash"), (
        Column(tr("Deleted"), lambda r: r.label),
        Column(tr("Items"), lambda r: number(r.item_count)),
        Column(tr("When"), lambda r: _when(r.deleted_at)),
        Column(tr("By"), lambda r: r.actor),
    ), lambda case, offset, limit: case.trash.entries(offset=offset, limit=limit),
        lambda case: case.trash.count()),
)
BY_KEY = {v.key: v for v in VIEWS}
