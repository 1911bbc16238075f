"""Keyset paging in the core: a page after (or before) a row's key is exactly the slice offset
paging gives, for every sort the app offers, with ties and NULLs; a record's position is one
COUNT served by an index, never a walk through the list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from casefile import CaseFile
from casefile.errors import RecordNotFoundError
from tests.conftest import jpeg_bytes
from ui.kinds import VIEWS
from ui.pagers import ClaimPager, ServicePager

SERVICES = {"source": "sources", "interview": "interviews", "photo": "photos",
            "document": "documents", "comment_request": "requests", "draft": "drafts",
            "team_member": "team", "claim": "claims"}


def offered_sorts() -> list[tuple[str, str | None]]:
    """(service, sort field) for every list the app reads by key: its own order and each
    column's sort field."""
    out: list[tuple[str, str | None]] = []
    for view in VIEWS:
        if view.key not in SERVICES or view.key == "claim":
            continue
        out.append((SERVICES[view.key], None))
        out += [(SERVICES[view.key], c.sort_field) for c in view.columns if c.sort_field]
    return out


def walk_forward(service: Any, order: str | None, descending: bool, size: int) -> list[Any]:
    rows: list[Any] = []
    key = None
    while True:
        page = service.page(after=key, limit=size, order_by=order, descending=descending,
                            light=True)
        rows += page
        if len(page) < size:
            return rows
        key = service.page_key(page[-1], order)


def walk_backward(service: Any, order: str | None, descending: bool, size: int,
                  last: Any) -> list[Any]:
    rows = [last]
    key = service.page_key(last, order)
    while True:
        page = service.page(before=key, limit=size, order_by=order, descending=descending,
                            light=True)
        rows = page + rows
        if len(page) < size:
            return rows
        key = service.page_key(page[0], order)


def assert_keyset_matches_offset(service: Any, order: str | None, descending: bool) -> None:
    every = service.page(limit=100_000, order_by=order, descending=descending)
    expected = [r.uuid for r in every]
    assert len(expected) == service.count()
    for size in (1, 3, 7):
        assert [r.uuid for r in walk_forward(service, order, descending, size)] == expected
        if every:
            assert [r.uuid for r in walk_backward(service, order, descending, size,
                                                  every[-1])] == expected
    for position, record in enumerate(every):
        assert service.position_of(record.uuid, order_by=order,
                                   descending=descending) == position, (order, descending)
        # Offset paging agrees at every depth, and a page read again from its first row.
        assert [r.uuid for r in service.page(offset=position, limit=1, order_by=order,
                                             descending=descending)] == [record.uuid]
        assert [r.uuid for r in service.page(
            after=service.page_key(record, order), inclusive=True, limit=3, order_by=order,
            descending=descending)] == expected[position:position + 3]


@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_the_app_offers_pages_by_key_as_by_offset(sample: CaseFile,
                                                             descending: bool) -> None:
    for service_name, order in offered_sorts():
        assert_keyset_matches_offset(getattr(sample, service_name), order, descending)


@pytest.fixture
def ties(case: CaseFile) -> CaseFile:
    """Sources with equal names and roles, interviews and requests with equal and missing
    times, some of each in the trash."""
    base = datetime(2026, 5, 1, 9, 0)
    with case._store.write(bulk_audit=True):
        people = [case.sources.create(name=["Li", "Anna", "Li", "Zhou"][i % 4],
                                      role_title=["", "driver", "driver"][i % 3])
                  for i in range(23)]
        for i in range(19):
            held = None if i % 3 == 0 else base + timedelta(days=i % 4)
            case.interviews.create(title=f"Talk {i % 5}", held_at=held,
                                   place_name=["", "Heihe"][i % 2])
            case.requests.create(source=people[i].uuid, subject=f"About {i % 2}",
                                 asked_at=None if i % 4 == 0 else base,
                                 deadline=None if i % 2 else base + timedelta(hours=i % 3))
    for doomed in (people[5], case.interviews.page(limit=1)[0]):
        case.trash.delete(doomed, cascade=True)
    return case


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("service", "order"), [
    ("sources", None), ("sources", "role_title"), ("sources", "kind"),
    ("interviews", None), ("interviews", "title"), ("interviews", "place_name"),
    ("requests", None), ("requests", "deadline"), ("requests", "status"),
])
def test_keyset_paging_with_ties_and_nulls(ties: CaseFile, service: str, order: str | None,
                                           descending: bool) -> None:
    assert_keyset_matches_offset(getattr(ties, service), order, descending)


def test_claims_list_pages_by_key(case: CaseFile) -> None:
    with case._store.write(bulk_audit=True):
        made = [case.claims.create(statement=f"Claim {i}") for i in range(17)]
    case.trash.delete(made[4])
    every = [c.uuid for c, _s in case.claims.summaries(limit=1000)]
    assert len(every) == 16
    pager = ServicePager(case.claims)
    rows: list[Any] = []
    key = None
    while True:
        page = case.claims.summaries(after=key, limit=5)
        rows += [c.uuid for c, _s in page]
        if len(page) < 5:
            break
        key = case.claims.page_key(page[-1][0])
    assert rows == every
    last = case.claims.get(every[-1])
    before = case.claims.summaries(before=case.claims.page_key(last), limit=4)
    assert [c.uuid for c, _s in before] == every[-5:-1]
    assert pager.locate(str(every[-1])) == (15, case.claims.page_key(last))
    claims_pager = ClaimPager(case.claims)
    from_fifth = claims_pager.after(claims_pager.key(case.claims.summaries(limit=5)[4]), 3,
                                    inclusive=True)
    assert [c.uuid for c, _s in from_fifth] == every[4:7]


def test_a_record_not_in_the_list_has_no_position(case: CaseFile) -> None:
    source = case.sources.create(name="Gone")
    case.trash.delete(source)
    with pytest.raises(RecordNotFoundError):
        case.sources.position_of(source.uuid)
    assert ServicePager(case.sources).locate(str(source.uuid)) is None


def test_a_position_is_one_count_served_by_the_index(case: CaseFile) -> None:
    """Opening a deep photo counts the rows before it through ix_photos_taken_at (a range of
    the index, not a scan of the table); claims through their primary key."""
    with case._store.write(bulk_audit=True):
        photos = [case.photos.add(jpeg_bytes(color=(i, 2 * i, 40)), f"p{i}.jpg")
                  for i in range(6)]
        claims = [case.claims.create(statement=f"c{i}") for i in range(6)]
    for i, photo in enumerate(photos):  # capture times with ties, as a camera card has
        case.photos.update(photo.uuid, taken_at=datetime(2026, 5, 1 + i // 2, tzinfo=UTC))
    seen: list[tuple[str, Any]] = []

    def spy(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any,
            _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(case._store.engine, "before_cursor_execute", spy)
    try:
        case.photos.position_of(photos[-1].uuid)
        case.claims.position_of(claims[-1].uuid)
    finally:
        event.remove(case._store.engine, "before_cursor_execute", spy)
    counts = [(s, p) for s, p in seen if "count(" in s.lower()]
    assert len(seen) == 4 and len(counts) == 2  # a key and a count each
    raw = case._store.engine.raw_connection()
    try:
        plans = [" ".join(str(row[-1]) for row in raw.execute(
            "EXPLAIN QUERY PLAN " + s, p).fetchall()) for s, p in counts]
    finally:
        raw.close()
    assert "ix_photos_taken_at" in plans[0] and "SCAN photos" not in plans[0], plans[0]
    assert "PRIMARY KEY" in plans[1] and "SCAN claims" not in plans[1], plans[1]
    assert all("OFFSET" not in s.upper() for s, _p in seen)
