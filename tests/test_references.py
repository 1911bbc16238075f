"""What refers to a record: one answer (casefile.services.references) for the public call,
the trash's refusal and cascade, and a source's form."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

import pytest

from casefile import CaseFile, DeleteRefusedError, RecordNotFoundError, ValidationError
from casefile.db.base import Base
from casefile.services.references import LINKS, Reference
from tests.conftest import jpeg_bytes


@pytest.fixture
def story(case: CaseFile) -> dict[str, object]:
    petrov = case.sources.create(name="Yuri Petrov")
    anna = case.team.create(name="Anna Reporter")
    iv = case.interviews.create(title="Petrov at the yard", interviewees=[petrov.uuid],
                                interviewers=[anna.uuid],
                                held_at=datetime(2026, 3, 1, tzinfo=UTC),
                                transcript="We used to ship forty trucks a week. Now five.")
    quote = case.quotes.mark(iv.uuid, 0, 36, speaker=petrov.uuid)
    doc = case.documents.create(title="Yard ledger", publisher_source=petrov.uuid)
    photo = case.photos.add(jpeg_bytes(), "yard.jpg", caption="The yard", credit_source=petrov.uuid,
                            depicted=[petrov.uuid], credit_member=anna.uuid)
    claim = case.claims.create(statement="Timber shipments fell from forty trucks a week",
                               checked_by=anna.uuid)
    link = case.evidence.create(claim=claim.uuid, quote=quote.uuid)
    request = case.requests.create(source=petrov.uuid, subject="The ledger",
                                           claims=[claim.uuid])
    draft = case.drafts.create(headline="Trucks", byline=[anna.uuid])
    return {"petrov": petrov, "anna": anna, "iv": iv, "quote": quote, "doc": doc,
            "photo": photo, "claim": claim, "link": link, "request": request, "draft": draft}


def _pairs(refs: list[Reference]) -> list[tuple[str, str]]:
    return [(r.kind, r.field) for r in refs]


def test_a_source_lists_every_record_that_refers_to_it_with_the_field(
        case: CaseFile, story) -> None:
    refs = case.references("source", story["petrov"].uuid)
    assert _pairs(refs) == [("interview", "interviewees"), ("quote", "speaker"),
                            ("document", "publisher_source"), ("photo", "credit_source"),
                            ("photo", "depicted"), ("comment_request", "source")]
    assert refs[0] == Reference("interview", story["iv"].uuid,
                                'interview "Petrov at the yard"', "interviewees")


def test_a_team_member_lists_credits_checks_interviews_and_bylines(case: CaseFile, story) -> None:
    refs = case.references("team_member", story["anna"].uuid)
    assert sorted(_pairs(refs)) == [("claim", "checked_by"), ("draft", "byline"),
                                    ("interview", "interviewers"), ("photo", "credit_member")]
    assert {r.uuid for r in refs} == {story[k].uuid for k in ("claim", "draft", "iv", "photo")}


def test_evidence_is_named_by_the_claim_it_supports(case: CaseFile, story) -> None:
    [ref] = case.references("quote", story["quote"].uuid)
    assert (ref.kind, ref.uuid, ref.field) == ("evidence_link", story["link"].uuid, "quote")
    assert ref.label == 'evidence for claim "Timber shipments fell from forty trucks a week"'
    kinds = _pairs(case.references("claim", story["claim"].uuid))
    assert kinds == [("evidence_link", "claim"), ("comment_request", "claims")]
    assert _pairs(case.references("interview", story["iv"].uuid)) == [("quote", "interview")]


def test_references_are_plain_frozen_data_readable_after_close(tmp_path, story,
                                                               case: CaseFile) -> None:
    refs = case.references("source", story["petrov"].uuid)
    case.close()
    for ref in refs:
        assert dataclasses.is_dataclass(ref) and not isinstance(ref, Base)
        assert all(isinstance(v, str) for v in (ref.kind, ref.label, ref.field))
        assert isinstance(ref.uuid, uuid.UUID)
        with pytest.raises(dataclasses.FrozenInstanceError):
            ref.label = "x"  # type: ignore[misc]


def test_trashed_referrers_no_longer_refer(case: CaseFile, story) -> None:
    case.trash.delete(case.evidence.get(story["link"].uuid))
    assert case.references("quote", story["quote"].uuid) == []
    case.trash.delete(case.photos.get(story["photo"].uuid))
    assert "photo" not in {r.kind for r in case.references("source", story["petrov"].uuid)}


def test_unknown_kind_or_record_is_a_plain_error(case: CaseFile, story) -> None:
    with pytest.raises(ValidationError, match="no kind of record called 'sauce'"):
        case.references("sauce", story["petrov"].uuid)
    with pytest.raises(RecordNotFoundError):
        case.references("source", story["claim"].uuid)
    with pytest.raises(ValidationError):
        case.references("source", "not-a-uuid")


def test_the_trash_refuses_naming_each_dependant_once_from_the_same_answer(
        case: CaseFile, story) -> None:
    with pytest.raises(DeleteRefusedError) as info:
        case.trash.delete(case.sources.get(story["petrov"].uuid))
    assert info.value.dependants == [
        'interview "Petrov at the yard"', f'quote "{story["quote"].text}"',
        'document "Yard ledger"', 'photo "The yard"', 'comment request "The ledger"']
    with pytest.raises(DeleteRefusedError) as info:
        case.trash.delete(case.interviews.get(story["iv"].uuid))
    assert info.value.dependants == [
        'evidence for claim "Timber shipments fell from forty trucks a week"']


def test_cascade_takes_requests_and_evidence_but_leaves_team_references(
        case: CaseFile, story) -> None:
    entry = case.trash.delete(case.sources.get(story["petrov"].uuid), cascade=True)
    assert entry.item_count == 2  # the source and its request for comment
    assert case.requests.count() == 0
    assert case.interviews.count() == case.quotes.count() == 1  # referrers stay, not owned
    case.trash.delete(case.team.get(story["anna"].uuid))  # credits never block a deletion
    case.trash.restore(entry.uuid)
    assert case.requests.count() == 1


def test_the_source_form_lists_involvement_through_the_same_links(case: CaseFile, story) -> None:
    related = case.sources.related(story["petrov"].uuid)
    assert [(kind, uid) for kind, uid, _ in related] == [
        ("interview", story["iv"].uuid), ("quote", story["quote"].uuid),
        ("photo", story["photo"].uuid), ("document", story["doc"].uuid),
        ("claim", story["claim"].uuid), ("comment_request", story["request"].uuid)]


# References that are part of the record they point at, never listed apart from it.
NOT_REFERENCES = {
    "taggings.tag_id": "a tag on a record is the record's, listed by the tag service",
    "draft_versions.draft_id": "a draft's saved versions are its own history",
    "review_comments.draft_id": "an editor's comments are part of the draft",
}


def test_every_foreign_key_between_records_is_a_known_link() -> None:
    """A new reference column must be added to LINKS (else the trash and the forms would
    not see what refers to a record)."""
    from casefile.models import RECORD_KINDS

    records = {m.__table__.name for m in RECORD_KINDS.values()}  # type: ignore[attr-defined]
    links = {(link.model.__table__.name, link.via) for link in LINKS  # type: ignore[attr-defined]
             if link.table is None}
    missing = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name not in records:
                continue  # files and previews are not records
            name = f"{table.name}.{fk.parent.name}"
            covered = (table.name, fk.parent.name) in links or any(
                link.table is table for link in LINKS)
            if not covered and name not in NOT_REFERENCES:
                missing.append(name)
    assert missing == []
    assert len(links) > 10
