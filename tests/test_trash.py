"""The trash: deleted records hide everywhere, come back intact, and go only when emptied."""

from __future__ import annotations

import pytest

from casefile import CaseFile, CaseFileError, DeleteRefusedError
from tests.conftest import jpeg_bytes


@pytest.fixture
def story(case: CaseFile) -> dict:
    petrov = case.sources.create(name="Yuri Petrov")
    iv = case.interviews.create(title="Petrov at the yard", interviewees=[petrov.uuid],
                                transcript="We used to ship forty trucks a week. Now five.")
    quote = case.quotes.mark(iv.uuid, 0, 36, speaker=petrov.uuid)
    other = case.quotes.mark(iv.uuid, 37, 46)
    claim = case.claims.create(statement="Timber shipments fell from forty trucks a week")
    link = case.evidence.create(claim=claim.uuid, quote=quote.uuid)
    return {"petrov": petrov, "iv": iv, "quote": quote, "other": other, "claim": claim,
            "link": link}


def test_deleting_evidence_in_use_is_refused_naming_the_claim(case: CaseFile, story) -> None:
    with pytest.raises(DeleteRefusedError) as info:
        case.trash.delete(case.quotes.get(story["quote"].uuid))
    assert "Timber shipments fell" in str(info.value)
    assert case.quotes.count() == 2
    assert case.trash.count() == 0


def test_deleting_an_interview_whose_quotes_are_evidence_is_refused(case: CaseFile, story) -> None:
    with pytest.raises(DeleteRefusedError, match="evidence for claim"):
        case.trash.delete(case.interviews.get(story["iv"].uuid))


def test_source_with_references_is_refused_naming_them(case: CaseFile, story) -> None:
    with pytest.raises(DeleteRefusedError) as info:
        case.trash.delete(case.sources.get(story["petrov"].uuid))
    assert 'interview "Petrov at the yard"' in str(info.value)


def test_cascade_trashes_dependants_and_restore_brings_all_back(case: CaseFile, story) -> None:
    entry = case.trash.delete(case.interviews.get(story["iv"].uuid), cascade=True)
    assert entry.item_count == 4  # interview, two quotes, one evidence link
    assert case.interviews.count() == case.quotes.count() == case.evidence.count() == 0
    assert case.claims.count() == 1
    assert {h.kind for h in case.search.search("trucks")} == {"claim"}
    [listed] = case.trash.entries()
    assert listed.label == 'interview "Petrov at the yard"'
    case.trash.restore(entry.uuid)
    assert (case.interviews.count(), case.quotes.count(), case.evidence.count()) == (1, 2, 1)
    assert {h.kind for h in case.search.search("trucks")} == {"interview", "quote", "claim"}
    assert case.trash.count() == 0
    assert case.check().ok


def test_restore_waits_for_a_trashed_parent(case: CaseFile, story) -> None:
    lone = case.trash.delete(case.quotes.get(story["other"].uuid))
    parent = case.trash.delete(case.interviews.get(story["iv"].uuid), cascade=True)
    with pytest.raises(CaseFileError, match="restore that first"):
        case.trash.restore(lone.uuid)
    case.trash.restore(parent.uuid)
    case.trash.restore(lone.uuid)
    assert case.quotes.count() == 2


def test_emptying_the_trash_deletes_for_good_and_drops_unused_files(case: CaseFile) -> None:
    keep = case.photos.add(jpeg_bytes(color=(1, 2, 3)), "keep.jpg")
    gone = case.photos.add(jpeg_bytes(color=(200, 2, 3)), "gone.jpg")
    case.tags.tag(gone, "bin me")
    case.trash.delete(case.photos.get(gone.uuid))
    with case._store.read() as s:
        blobs_before = s.connection().exec_driver_sql("SELECT count(*) FROM blobs").scalar()
    assert blobs_before == 2  # a trashed photo keeps its file until the trash is emptied
    assert case.trash.empty() == 1
    with case._store.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM photos").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM taggings").scalar() == 0
    assert [p.uuid for p in case.photos.page()] == [keep.uuid]
    assert [e.action for e in case.audit.entries(record=gone.uuid)][0] == "purge"
    assert case.check().ok


def test_trashed_records_are_hidden_from_get_and_lists(case: CaseFile) -> None:
    src = case.sources.create(name="Hidden")
    case.trash.delete(src)
    from casefile import RecordNotFoundError

    with pytest.raises(RecordNotFoundError):
        case.sources.get(src.uuid)
    assert case.sources.page() == []
    assert case.summary().in_trash == 1


def test_several_records_go_to_the_trash_as_one_deletion(case: CaseFile, story) -> None:
    photos = [case.photos.add(jpeg_bytes(color=(i * 40, 0, 0)), f"p{i}.jpg") for i in range(3)]
    case.trash.delete(photos[2])  # deleted on its own first: stays in its own entry
    entry = case.trash.delete_many(photos, label="import of 3 photo(s)")
    assert entry.label == "import of 3 photo(s)" and entry.item_count == 2
    assert case.photos.count() == 0 and case.trash.count() == 2
    case.trash.restore(entry.uuid)
    assert case.photos.count() == 2
    with pytest.raises(DeleteRefusedError, match="evidence for claim"):
        case.trash.delete_many([case.quotes.get(story["quote"].uuid)], label="quotes")
    with pytest.raises(CaseFileError, match="nothing to delete"):
        case.trash.delete_many([], label="nothing")
