"""The merge engine case by case: what comes in, what conflicts, what the base remembers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from casefile import CaseFile
from casefile.errors import CaseFileError
from casefile.redaction import RedactionPolicy
from casefile.sync import make_field_copy, merge_cases

TRANSCRIPT = ("We used to ship forty trucks a week across the river.\n\n"
              "Since March the bank stopped taking our payments.\n\n"
              "Now we pay through a cousin in Heihe, at a loss.")


def _jpeg(color: str = "red") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 12), color).save(buf, "JPEG")
    return buf.getvalue()


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[CaseFile]:
    c = CaseFile.create(tmp_path / "lead.casefile", title="Border trade", actor="lead")
    owner = c.sources.create(name="Yuri Petrov", role_title="trader")
    c.sources.create(name="Artyom Belov", ground_rules="confidential",
                     attribution_phrase="a customs officer", notes="met at the port")
    iv = c.interviews.create(title="Petrov in Blagoveshchensk", transcript=TRANSCRIPT,
                             interviewees=[owner.uuid])
    q = c.quotes.create(interview=iv.uuid, text="forty trucks a week",
                        span_start=TRANSCRIPT.index("forty"),
                        span_end=TRANSCRIPT.index("forty") + len("forty trucks a week"))
    claim = c.claims.create(statement="Traders ship less since March.")
    c.evidence.create(claim=claim.uuid, quote=q.uuid)
    c.photos.add(_jpeg(), "crossing.jpg", caption="Trucks at the crossing")
    yield c
    c.close()


def _copy(lead: CaseFile, tmp_path: Path, name: str = "copy.casefile",
          **options: object) -> CaseFile:
    made = make_field_copy(lead, tmp_path / name, **options)  # type: ignore[arg-type]
    return CaseFile.open(made.path, actor=name.split(".")[0])


def test_changes_on_one_side_come_in_with_their_author(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path, "anna.casefile")
    src = lead.sources.page(limit=10)[0]
    copy.sources.update(src.uuid, role_title="runs a trading firm")
    new = copy.sources.create(name="Galina Shvets", role_title="economist")
    iv = lead.interviews.page(limit=1)[0]
    copy.interviews.update(iv.uuid, interviewees=[*[s.uuid for s in
                                                  copy.interviews.get(iv.uuid).interviewees],
                                                  new.uuid])
    report = merge_cases(lead, copy)
    assert report.changed == 3, report.lines()
    assert lead.sources.get(src.uuid).role_title == "runs a trading firm"
    assert lead.sources.get(src.uuid).changed_by == "anna"
    assert {s.name for s in lead.interviews.get(iv.uuid).interviewees} == {
        "Yuri Petrov", "Galina Shvets"}
    assert not report.conflicts
    assert lead.check().ok
    again = merge_cases(lead, copy)
    assert again.changed == 0 and not again.conflicts
    lines = [e for e in lead.audit.entries(limit=50) if e.actor == "anna"]
    assert lines, "the audit log names the contributor"
    copy.close()


def test_both_changed_a_field_differently_is_a_conflict_the_lead_keeps(
        lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    photo = lead.photos.page(limit=1)[0]
    lead.photos.update(photo.uuid, caption="Lead's caption")
    copy.photos.update(photo.uuid, caption="Copy's caption")
    report = merge_cases(lead, copy)
    assert [(c.field, c.mine, c.theirs) for c in report.conflicts] == [
        ("caption", "Lead's caption", "Copy's caption")]
    assert lead.photos.get(photo.uuid).caption == "Lead's caption"
    again = merge_cases(lead, copy)
    assert again.changed == 0 and not again.conflicts
    assert lead.merges.open_count() == 1
    c = lead.merges.conflicts()[0]
    lead.merges.resolve(c.uuid, "theirs")
    assert lead.photos.get(photo.uuid).caption == "Copy's caption"
    lead.merges.reopen(c.uuid)
    assert lead.photos.get(photo.uuid).caption == "Lead's caption"
    lead.merges.resolve(c.uuid, "edit", "Trucks queue at the Blagoveshchensk crossing")
    assert lead.photos.get(photo.uuid).caption.startswith("Trucks queue")
    assert lead.merges.open_count() == 0
    copy.close()


def test_trashed_in_the_copy_but_captioned_here_is_a_conflict(lead: CaseFile,
                                                               tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    photo = lead.photos.page(limit=1)[0]
    lead.photos.update(photo.uuid, caption="Captioned by the lead")
    copy.trash.delete(copy.photos.get(photo.uuid), cascade=True)
    report = merge_cases(lead, copy)
    assert [c.field for c in report.conflicts] == ["trashed"]
    assert lead.photos.get(photo.uuid).caption == "Captioned by the lead"
    copy.close()


def test_trash_and_restore_travel(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    photo = lead.photos.page(limit=1)[0]
    entry = copy.trash.delete(copy.photos.get(photo.uuid), cascade=True)
    report = merge_cases(lead, copy)
    assert report.trashed["photo"] == 1, report.lines()
    assert lead.photos.page(limit=5) == []
    copy.trash.restore(entry.uuid)
    report = merge_cases(lead, copy)
    assert report.restored["photo"] == 1, report.lines()
    assert lead.photos.get(photo.uuid).caption == "Trucks at the crossing"
    assert lead.check().ok
    copy.close()


def test_transcript_corrected_in_different_paragraphs_merges(lead: CaseFile,
                                                            tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    iv = lead.interviews.page(limit=1)[0]
    lead.interviews.update(iv.uuid, transcript=TRANSCRIPT.replace("Heihe", "Heihe (China)"))
    copy.interviews.update(iv.uuid, transcript="Before that: " + TRANSCRIPT.replace(
        "March", "early March"))
    report = merge_cases(lead, copy)
    assert not report.conflicts, report.lines()
    merged = lead.interviews.get(iv.uuid).transcript
    assert "Heihe (China)" in merged and "early March" in merged
    assert merged.startswith("Before that: ")
    quote = lead.quotes.page(limit=1)[0]
    assert merged[quote.span_start:quote.span_end] == quote.text
    copy.close()


def test_new_records_come_in_with_their_files(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    src = copy.sources.create(name="Li Wei", role_title="driver")
    iv = copy.interviews.create(title="Driver in Heihe", transcript="The queue is two days.",
                                interviewees=[src.uuid])
    q = copy.quotes.create(interview=iv.uuid, text="two days", span_start=13, span_end=21)
    claim = lead.claims.page(limit=1)[0]
    copy.evidence.create(claim=claim.uuid, quote=q.uuid)
    copy.photos.add(_jpeg("blue"), "queue.jpg", caption="The queue")
    copy.tags.tag(copy.claims.get(claim.uuid), "legal check")
    report = merge_cases(lead, copy)
    assert report.created["interview"] == 1 and report.created["photo"] == 1, report.lines()
    assert len(lead.evidence.for_claim(claim.uuid)) == 2
    assert "legal check" in lead.tags.names_for(lead.claims.get(claim.uuid))
    assert lead.check().ok
    assert merge_cases(lead, copy).changed == 0
    copy.close()


def test_the_copy_receives_the_leads_changes(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    claim = lead.claims.page(limit=1)[0]
    lead.claims.update(claim.uuid, statement="Traders ship a third less since March.")
    made = lead.sources.create(name="Embassy of China", kind="official_body")
    report = merge_cases(copy, lead)
    assert report.changed == 2, report.lines()
    assert copy.claims.get(claim.uuid).statement.startswith("Traders ship a third")
    assert copy.sources.get(made.uuid).name == "Embassy of China"
    # and merged back: nothing the lead does not already have
    back = merge_cases(lead, copy)
    assert back.changed == 0 and not back.conflicts, back.lines()
    copy.close()


def test_a_shared_copy_withholds_and_never_overwrites_protected(lead: CaseFile,
                                                              tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path, policy=RedactionPolicy())
    raw = (tmp_path / "copy.casefile").read_bytes()
    assert b"Artyom" not in raw and b"Belov" not in raw and b"met at the port" not in raw
    belov = [s for s in lead.sources.page(limit=10) if s.name == "Artyom Belov"][0]
    seen = copy.sources.get(belov.uuid)
    assert "Belov" not in seen.name
    copy.sources.update(belov.uuid, ground_rules="on_record", name="A customs officer")
    report = merge_cases(lead, copy)
    fields = {c.field for c in report.conflicts}
    assert "ground_rules" in fields and "name" in fields, report.lines()
    assert lead.sources.get(belov.uuid).name == "Artyom Belov"
    assert lead.sources.get(belov.uuid).ground_rules.value == "confidential"
    lead.sources.update(belov.uuid, notes="Artyom Belov called again")
    merge_cases(copy, lead)
    copy.close()
    raw = (tmp_path / "copy.casefile").read_bytes()
    assert b"Belov" not in raw


def test_unrelated_files_are_refused(lead: CaseFile, tmp_path: Path) -> None:
    other = CaseFile.create(tmp_path / "other.casefile", title="Other", actor="x")
    with pytest.raises(CaseFileError):
        merge_cases(lead, other)
    other.close()


def test_a_shared_copy_receives_new_photos_cleaned(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path, policy=RedactionPolicy())
    photo = lead.photos.add(_jpeg("green"), "customs.jpg", caption="The customs shed")
    report = merge_cases(copy, lead)
    assert report.created["photo"] == 1, report.lines()
    seen = copy.photos.get(photo.uuid)
    assert seen.caption == "The customs shed"
    with Image.open(copy.photos.open_copy(photo.uuid)) as img:  # its file came in whole
        assert img.size == (16, 12) and not img.getexif().get(0x8825)  # and without GPS
    assert copy.check().ok
    again = merge_cases(copy, lead)
    assert again.changed == 0 and not again.conflicts, again.lines()
    assert merge_cases(lead, copy).changed == 0
    copy.close()


def test_a_copy_of_some_interviews_holds_only_those(lead: CaseFile, tmp_path: Path) -> None:
    other = lead.interviews.create(title="Banker, off the record", transcript="No comment.")
    kept = [iv.uuid for iv in lead.interviews.page(limit=10) if iv.uuid != other.uuid]
    copy = _copy(lead, tmp_path, interviews=kept)
    assert [iv.uuid for iv in copy.interviews.page(limit=10)] == kept
    lead.interviews.update(other.uuid, transcript="Still no comment.")
    assert merge_cases(copy, lead).changed == 0
    assert [iv.uuid for iv in copy.interviews.page(limit=10)] == kept
    copy.interviews.update(kept[0], notes="checked with the fixer")
    report = merge_cases(lead, copy)
    assert report.changed == 1 and lead.interviews.get(other.uuid).transcript == \
        "Still no comment."
    copy.close()


def test_an_encrypted_case_gives_an_encrypted_copy(tmp_path: Path) -> None:
    from casefile.db.driver import encryption_available

    if not encryption_available():
        pytest.skip("SQLCipher is not installed")
    lead = CaseFile.create(tmp_path / "lead.casefile", title="Secret", actor="lead",
                           passphrase="correct horse battery")
    lead.sources.create(name="Someone")
    made = make_field_copy(lead, tmp_path / "copy.casefile")
    assert b"SQLite format 3" not in made.path.read_bytes()[:16]
    copy = CaseFile.open(made.path, passphrase="correct horse battery")
    assert [s.name for s in copy.sources.page(limit=5)] == ["Someone"]
    copy.close()
    lead.close()


def test_what_the_copy_took_from_the_lead_is_not_its_own_change(lead: CaseFile,
                                                                tmp_path: Path) -> None:
    """A transcript the lead's share policy withholds once its source turns confidential
    reaches the copy as a placeholder; merged back, the placeholder never replaces it."""
    copy = _copy(lead, tmp_path, policy=RedactionPolicy())
    assert merge_cases(lead, copy).changed == 0
    petrov = [s for s in lead.sources.page(limit=10) if s.name == "Yuri Petrov"][0]
    lead.sources.update(petrov.uuid, ground_rules="confidential",
                        attribution_phrase="a trader in Blagoveshchensk")
    iv = lead.interviews.page(limit=1)[0]
    merge_cases(copy, lead)
    assert "forty trucks a week across" not in copy.interviews.get(iv.uuid).transcript
    back = merge_cases(lead, copy)
    assert lead.interviews.get(iv.uuid).transcript == TRANSCRIPT, back.lines()
    assert lead.sources.get(petrov.uuid).name == "Yuri Petrov", back.lines()
    copy.close()


def test_the_leads_later_edit_after_sending_is_kept(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    claim = lead.claims.page(limit=1)[0]
    lead.claims.update(claim.uuid, statement="First wording.")
    merge_cases(copy, lead)
    lead.claims.update(claim.uuid, statement="Second wording.")
    report = merge_cases(lead, copy)
    assert not report.conflicts, report.lines()
    assert lead.claims.get(claim.uuid).statement == "Second wording."
    copy.close()


def test_trashed_here_and_edited_there_is_a_conflict_that_keeps_the_edits(
        lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    claim = lead.claims.page(limit=1)[0]
    lead.trash.delete(lead.claims.get(claim.uuid), cascade=True)
    copy.claims.update(claim.uuid, statement="Traders ship a third less.")
    report = merge_cases(lead, copy)
    assert [(c.field, c.reason) for c in report.conflicts] == [
        ("trashed", "trashed here, edited in the other file")]
    lead.merges.resolve(report.conflicts[0].uuid, "theirs")
    back = lead.claims.get(claim.uuid)
    assert back.statement == "Traders ship a third less."
    copy.close()


def test_the_leads_decision_reaches_the_copy(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    claim = lead.claims.page(limit=1)[0]
    lead.claims.update(claim.uuid, statement="The lead's wording.")
    copy.claims.update(claim.uuid, statement="Olga's wording.")
    (conflict,) = merge_cases(lead, copy).conflicts
    lead.merges.resolve(conflict.uuid, "mine")
    report = merge_cases(copy, lead)
    assert not report.conflicts, report.lines()
    assert copy.claims.get(claim.uuid).statement == "The lead's wording."
    assert merge_cases(lead, copy).changed == 0
    copy.close()


def test_a_copy_never_loosens_ground_rules_silently(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    iv = lead.interviews.page(limit=1)[0]
    quote = lead.quotes.page(limit=1)[0]
    belov = [s for s in lead.sources.page(limit=10) if s.name == "Artyom Belov"][0]
    lead.interviews.update(iv.uuid, ground_rules="off_record")
    merge_cases(copy, lead)
    copy.interviews.update(iv.uuid, ground_rules="background")
    copy.quotes.update(quote.uuid, ground_rules="on_record")
    copy.sources.update(belov.uuid, ground_rules="background")
    report = merge_cases(lead, copy)
    assert {(c.record_kind, c.field) for c in report.conflicts} == {
        ("interview", "ground_rules"), ("quote", "ground_rules"), ("source", "ground_rules")}
    assert lead.interviews.get(iv.uuid).ground_rules.value == "off_record"
    assert lead.quotes.get(quote.uuid).ground_rules is None
    assert lead.sources.get(belov.uuid).ground_rules.value == "confidential"
    copy.close()


def test_a_copy_restored_from_a_backup_still_brings_its_edits(lead: CaseFile,
                                                               tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    saved = tmp_path / "backup.casefile"
    copy.backup(saved)
    claim = lead.claims.page(limit=1)[0]
    copy.claims.update(claim.uuid, statement="First edit.")
    merge_cases(lead, copy)
    copy.close()
    (tmp_path / "copy.casefile").unlink()
    saved.rename(tmp_path / "copy.casefile")
    copy = CaseFile.open(tmp_path / "copy.casefile", actor="copy")
    copy.claims.update(claim.uuid, statement="Second edit, after the backup.")
    report = merge_cases(lead, copy)
    assert lead.claims.get(claim.uuid).statement == "Second edit, after the backup.", \
        report.lines()
    copy.close()


def test_a_tag_made_on_both_sides_settles(lead: CaseFile, tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    claim = lead.claims.page(limit=1)[0]
    photo = lead.photos.page(limit=1)[0]
    lead.tags.tag(lead.claims.get(claim.uuid), "legal check")
    copy.tags.tag(copy.photos.get(photo.uuid), "legal check")
    merge_cases(lead, copy)
    merge_cases(copy, lead)
    for _round in range(2):
        assert merge_cases(lead, copy).changed == 0
        assert merge_cases(copy, lead).changed == 0
    for c in (lead, copy):
        assert "legal check" in c.tags.names_for(c.claims.get(claim.uuid))
        assert "legal check" in c.tags.names_for(c.photos.get(photo.uuid))
    copy.close()


def test_new_evidence_here_goes_to_the_trash_with_a_photo_the_copy_deleted(
        lead: CaseFile, tmp_path: Path) -> None:
    """In the same deletion (restored with it) and named in the report, never silently."""
    copy = _copy(lead, tmp_path)
    photo = lead.photos.page(limit=1)[0]
    copy.trash.delete(copy.photos.get(photo.uuid), cascade=True)
    copy.trash.empty()
    claim = lead.claims.create(statement="The queue is two days long.")
    new_link = lead.evidence.create(claim=claim.uuid, photo=photo.uuid)
    report = merge_cases(lead, copy)
    assert report.trashed["evidence_link"] == 1 and report.trashed["photo"] == 1, \
        report.lines()
    assert any(str(new_link.uuid) in n and "in the trash with it" in n for n in report.notes)
    assert lead.evidence.for_claim(claim.uuid) == []
    (entry,) = lead.trash.entries()
    lead.trash.restore(entry.uuid)
    assert [e.target.uuid for e in lead.evidence.for_claim(claim.uuid)] == [photo.uuid]
    copy.close()


def test_a_long_text_conflict_still_takes_the_clean_edits(lead: CaseFile,
                                                         tmp_path: Path) -> None:
    copy = _copy(lead, tmp_path)
    iv = lead.interviews.page(limit=1)[0]
    lead.interviews.update(iv.uuid, transcript=TRANSCRIPT.replace("forty", "fourty"))
    copy.interviews.update(iv.uuid, transcript=TRANSCRIPT.replace("forty", "40").replace(
        "Heihe", "Heihe (China)"))
    report = merge_cases(lead, copy)
    (conflict,) = report.conflicts
    now = lead.interviews.get(iv.uuid).transcript
    assert "fourty" in now and "Heihe (China)" in now
    assert "40 trucks" in conflict.theirs and "Heihe (China)" in conflict.theirs
    lead.merges.resolve(conflict.uuid, "theirs")
    assert "40 trucks" in lead.interviews.get(iv.uuid).transcript
    copy.close()


def test_a_cancelled_copy_leaves_nothing_in_the_lead(lead: CaseFile, tmp_path: Path) -> None:
    from casefile.sync import copy_steps

    steps = copy_steps(lead, tmp_path / "never.casefile")
    for _item in steps:
        pass  # runs to the end: every step given
    assert len(lead.merges.peers()) == 1
    cancelled = copy_steps(lead, tmp_path / "cancelled.casefile")
    items = [next(cancelled) for _ in range(3)]
    assert items[-1][0].startswith("Recording")
    cancelled.close()
    assert not (tmp_path / "cancelled.casefile").exists()
    assert len(lead.merges.peers()) == 1
