"""Services for each kind of record: validation, paging, links and the audit log."""

from __future__ import annotations

from datetime import datetime

import pytest

from casefile import CaseFile, RecordNotFoundError, ValidationError
from casefile.models import ClaimStatus, GroundRules
from tests.conftest import jpeg_bytes


def test_every_record_gets_uuid_and_utc_timestamps(case: CaseFile) -> None:
    src = case.sources.create(name="Yuri Petrov")
    assert src.uuid is not None
    assert src.created_at.utcoffset().total_seconds() == 0
    again = case.sources.get(str(src.uuid))
    assert again.uuid == src.uuid and again.created_at == src.created_at


def test_update_changes_fields_and_updated_at(case: CaseFile) -> None:
    src = case.sources.create(name="Yuri Petrov")
    updated = case.sources.update(src.uuid, role_title="timber trader", ground_rules="background",
                                  attribution_phrase="a timber trader in Khabarovsk")
    assert updated.ground_rules is GroundRules.BACKGROUND
    assert updated.updated_at >= src.updated_at
    assert case.sources.get(src.uuid).role_title == "timber trader"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "X", "ground_rules": "confidential"}, "pseudonym or attribution phrase"),
        ({"name": "X", "ground_rules": "background"}, "pseudonym or attribution phrase"),
        ({"name": "X", "ground_rules": "secret"}, "is not one of: on_record"),
        ({"name": "X", "favourite_colour": "red"}, "no field 'favourite_colour'"),
        ({"name": "X", "notes": "a\x00b"}, "NUL"),
        ({"name": "X", "notes": "bad \ud800 surrogate"}, "lone surrogate"),
        ({"name": "X", "languages": "ru"}, "languages must be list"),
        ({"name": "   "}, "name is required"),
        ({}, "name is required"),
    ],
)
def test_source_validation(case: CaseFile, fields: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        case.sources.create(**fields)
    assert case.sources.count() == 0


def test_utc_fields_refuse_naive_datetimes(case: CaseFile) -> None:
    claim = case.claims.create(statement="Exports fell.")
    with pytest.raises(ValidationError, match="time zone"):
        case.claims.update(claim.uuid, checked_at=datetime(2026, 11, 1, 9, 0))


def test_quotes_must_match_their_span_and_drift_is_flagged(case: CaseFile) -> None:
    iv = case.interviews.create(title="Petrov", transcript="We used to ship forty trucks a week.")
    with pytest.raises(ValidationError, match="outside the transcript"):
        case.quotes.mark(iv.uuid, 10, 500)
    with pytest.raises(ValidationError, match="does not match"):
        case.quotes.create(interview=iv.uuid, text="ship fifty", span_start=11, span_end=21)
    quote = case.quotes.mark(iv.uuid, 11, 28)
    assert quote.text == "ship forty trucks"
    assert case.interviews.drifted_quotes(iv.uuid) == []
    case.interviews.update(iv.uuid, transcript="We used to ship fifty trucks a week.")
    [drifted] = case.interviews.drifted_quotes(iv.uuid)
    assert drifted.uuid == quote.uuid
    assert case.quotes.get(quote.uuid).text == "ship forty trucks"  # never silently changed


def test_links_by_uuid_are_resolved_and_checked(case: CaseFile) -> None:
    petrov = case.sources.create(name="Yuri Petrov")
    maria = case.team.create(name="Maria Lindqvist", byline_position=1)
    iv = case.interviews.create(title="Petrov", interviewees=[petrov.uuid],
                                interviewers=[maria.uuid])
    with case._store.read() as s:
        loaded = case.interviews._load(s, iv.uuid)
        assert [p.name for p in loaded.interviewees] == ["Yuri Petrov"]
        assert [m.name for m in loaded.interviewers] == ["Maria Lindqvist"]
    with pytest.raises(ValidationError, match="no source with id"):
        case.interviews.create(title="Ghost", interviewees=["00000000-0000-4000-8000-000000000000"])
    with pytest.raises(ValidationError, match="not a record id"):
        case.interviews.create(title="Ghost", interviewees=["not-a-uuid"])
    assert [m.name for m in case.team.byline()] == ["Maria Lindqvist"]


def test_evidence_links_need_exactly_one_target(case: CaseFile) -> None:
    claim = case.claims.create(statement="Exports fell", status="needs_second_source")
    assert claim.status is ClaimStatus.NEEDS_SECOND_SOURCE
    doc = case.documents.create(title="Trade statistics", kind="statistics")
    ex = case.excerpts.create(document=doc.uuid, text="minus 38%", locator="table 4")
    with pytest.raises(ValidationError, match="exactly one"):
        case.evidence.create(claim=claim.uuid)
    with pytest.raises(ValidationError, match="exactly one"):
        case.evidence.create(claim=claim.uuid, excerpt=ex.uuid, document=doc.uuid)
    link = case.evidence.create(claim=claim.uuid, excerpt=ex.uuid, relation="supports")
    [loaded] = case.evidence.for_claim(claim.uuid)
    assert loaded.uuid == link.uuid and loaded.target.text == "minus 38%"


def test_pages_are_sorted_and_sliced_in_sql(case: CaseFile) -> None:
    for name in ["Charlie", "alpha", "Bravo", "delta", "Echo"]:
        case.sources.create(name=name)
    assert case.sources.count() == 5
    first = [s.name for s in case.sources.page(limit=2)]
    rest = [s.name for s in case.sources.page(offset=2, limit=10)]
    assert len(first + rest) == 5 and set(first).isdisjoint(rest)
    assert [s.name for s in case.sources.page(order_by="created_at", descending=True)][0] == "Echo"
    with pytest.raises(ValidationError, match="cannot sort"):
        case.sources.page(order_by="no_such_column")


def test_unknown_record_is_a_clear_error(case: CaseFile) -> None:
    with pytest.raises(RecordNotFoundError, match="no source with id"):
        case.sources.get("00000000-0000-4000-8000-000000000000")


def test_photos_store_original_bytes_once(case: CaseFile) -> None:
    from casefile.services.photos import DuplicatePhotoError

    data = jpeg_bytes((120, 80))
    a = case.photos.add(data, "IMG_1.JPG", caption="Bridge")
    with pytest.raises(DuplicatePhotoError, match="IMG_1 copy.JPG: a duplicate") as info:
        case.photos.add(data, "IMG_1 copy.JPG", caption="Same bytes")
    assert info.value.existing == a.uuid
    assert (a.width, a.height) == (120, 80)
    with case._store.read() as s:
        sha = case.photos._load(s, a.uuid).blob.sha256
    assert case.blobs.read(sha) == data
    assert case.photos.count() == 1
    with pytest.raises(ValidationError, match="not an image Casefile can read"):
        case.photos.add(b"not an image", "notes.txt")


def test_tags_on_any_record(case: CaseFile) -> None:
    src = case.sources.create(name="Yuri Petrov")
    claim = case.claims.create(statement="Exports fell")
    case.tags.tag(src, "follow up")
    case.tags.tag(claim, "follow up")
    case.tags.tag(claim, " legal   check ")
    assert case.tags.names_for(claim) == ["follow up", "legal check"]
    case.tags.untag(claim, "follow up")
    assert case.tags.names_for(claim) == ["legal check"]
    assert case.tags.names_for(src) == ["follow up"]


def test_audit_log_records_who_did_what_to_which_record(case: CaseFile) -> None:
    src = case.sources.create(name="Yuri Petrov")
    case.sources.update(src.uuid, role_title="timber trader", notes="met at the yard")
    entry = case.trash.delete(case.sources.get(src.uuid))
    case.trash.restore(entry.uuid)
    log = case.audit.entries(record=src.uuid)
    assert [e.action for e in reversed(log)] == ["create", "update", "trash", "restore"]
    update = next(e for e in log if e.action == "update")
    assert update.changes == ["notes", "role_title"]
    assert all(e.actor == "tester" for e in log)
    assert all(e.record_kind == "source" for e in log)
    assert log[0].at.utcoffset().total_seconds() == 0


def test_case_info_can_be_edited(case: CaseFile) -> None:
    case.update_info(summary="Trade collapse on the Amur", desk="Foreign")
    assert case.info().desk == "Foreign"
    with pytest.raises(ValidationError):
        case.update_info(title=" ")
    with pytest.raises(ValidationError):
        case.update_info(owner="me")


def test_interview_attachments_and_document_files(case: CaseFile) -> None:
    iv = case.interviews.create(title="Shvets")
    att = case.interviews.attach(iv.uuid, b"%PDF-1.4 notes", "notes.pdf", "scanned notes")
    assert att.file_name == "notes.pdf"
    with case._store.read() as s:
        [loaded] = case.interviews._load(s, iv.uuid).attachments
        assert loaded.blob.media_type == "application/pdf" and loaded.blob.size == 14
    doc = case.documents.create(title="Customs data", kind="dataset")
    case.documents.attach_file(doc.uuid, b"week,trucks\n40,412\n", "crossings.csv")
    with case._store.read() as s:
        blob = case.documents._load(s, doc.uuid).file_blob
        assert blob is not None and blob.media_type == "text/csv"
        assert case.blobs.read(blob.sha256) == b"week,trucks\n40,412\n"
    with pytest.raises(ValidationError, match="file name"):
        case.interviews.attach(iv.uuid, b"x", " ")
    assert case.check().ok


def test_a_full_disk_is_a_clear_error_and_loses_nothing_committed(case: CaseFile) -> None:
    from casefile import CaseFileError

    kept = case.sources.create(name="Committed before the disk filled")
    with case._store.write() as s:
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()
        s.connection().exec_driver_sql(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(CaseFileError, match="the disk is full: the last change was not saved"):
        case.sources.create(name="Too big", notes="x" * 200_000)
    assert [s.name for s in case.sources.page()] == [kept.name]
    assert case.check().ok


def test_a_light_page_leaves_long_text_out_and_get_reads_it(case: CaseFile) -> None:
    iv = case.interviews.create(title="Long", transcript="words " * 10_000)
    [light] = case.interviews.page(light=True)
    assert "transcript" not in light.loaded() and light.title == "Long"
    # Left out of the page, read when asked (in a unit of work of its own), never an error.
    assert light.transcript == "words " * 10_000 and "transcript" in light.loaded()
    [full] = case.interviews.page()
    assert len(full.transcript) == 60_000
    assert case.interviews.get(iv.uuid).transcript == full.transcript
