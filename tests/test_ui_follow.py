"""The window follows what the core reports without losing the user's place or work: a row
chosen while the record being left saves shows the new record; a stream of commits is a
few deliveries, not one per commit; each panel follows the records it shows but does not
own; a change made elsewhere to the open record is not overwritten by what the panel showed
before; the photo grid, the claims board and search results keep selection and scroll; a
status message is not covered by the counts."""

from __future__ import annotations

import io
import threading
import time

from PIL import Image
from PySide6.QtGui import QTextCursor

from casefile import CaseFile
from casefile.read_models import GroundRules, RequestStatus
from ui.autosave import typing_waits
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.record_drag import PairRole
from ui.search_view import HitRole

WAIT = 5_000


def window(qtbot, case: CaseFile) -> MainWindow:
    shown = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


# -- 1. choosing a row while the record being left saves ---------------------------------


def test_a_row_chosen_while_the_source_left_saves_its_notes_is_the_one_shown(
        sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    w.show_kind("source")
    model, form = w.list_model, w.source_form
    w.table.selectRow(1)
    left = form.record
    form.notes.setPlainText("typed notes, saved when the form is left")
    w.table.selectRow(4)  # the click on another row: leaving the source saves its notes
    qtbot.wait(50)
    chosen = model.record(4)
    assert form.record is not None and form.record.uuid == chosen.uuid
    assert form.name.text() == chosen.name
    assert sample.sources.get(left.uuid).notes == "typed notes, saved when the form is left"
    form.location.setText("Svobodny")  # the next edit lands on the record shown
    form.location.editingFinished.emit()
    assert sample.sources.get(chosen.uuid).location == "Svobodny"
    assert sample.sources.get(left.uuid).location != "Svobodny"


def test_a_request_left_with_a_typed_answer_shows_the_next_one(sample: CaseFile,
                                                              qtbot) -> None:
    w = window(qtbot, sample)
    w.show_kind("comment_request")
    model, panel = w.list_model, w.request_panel
    w.table.selectRow(0)
    left = panel.record
    panel.answer.setPlainText("We decline to comment.")
    w.table.selectRow(1)
    qtbot.wait(50)
    assert panel.record.uuid == model.record(1).uuid
    assert sample.requests.get(left.uuid).answer_text == "We decline to comment."


# -- 2. a stream of commits is delivered a few times -------------------------------------


def test_a_hundred_commits_on_a_worker_are_a_few_deliveries(case: CaseFile, qtbot) -> None:
    source = case.sources.create(name="Olga Ivanova")
    w = window(qtbot, case)
    w.show_kind("source")
    delivered: list[int] = []
    w.changes.changed.connect(lambda _c: delivered.append(1))
    started = time.monotonic()

    def commits() -> None:
        for i in range(100):
            case.sources.update(source.uuid, location=f"Place {i:03d}")

    worker = threading.Thread(target=commits)
    worker.start()
    while worker.is_alive():
        qtbot.wait(5)  # the UI thread turns while the worker commits
    took = time.monotonic() - started
    model = w.list_model
    qtbot.waitUntil(lambda: model.data(model.index(0, 4)) == "Place 099", timeout=WAIT)
    assert delivered, "the changes were delivered"
    assert len(delivered) < 10, (len(delivered), took)


def test_flush_delivers_at_once_even_right_after_a_delivery(case: CaseFile, qtbot) -> None:
    source = case.sources.create(name="Olga Ivanova")
    w = window(qtbot, case)
    w.show_kind("source")
    case.sources.update(source.uuid, location="Zeya")
    qtbot.waitUntil(lambda: w.list_model.data(w.list_model.index(0, 4)) == "Zeya",
                    timeout=WAIT)
    case.sources.update(source.uuid, location="Tynda")  # within the throttle's pause
    w.changes.flush()
    assert w.list_model.data(w.list_model.index(0, 4)) == "Tynda"


# -- 3. panels follow the records they show and do not own -------------------------------


def test_the_interview_panel_follows_its_interviewees_name(sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    interview = next(i for i in (sample.interviews.get(x.uuid)
                                 for x in sample.interviews.page(limit=100))
                     if any(s.ground_rules is GroundRules.ON_RECORD for s in i.interviewees))
    person = next(s for s in interview.interviewees if s.ground_rules is GroundRules.ON_RECORD)
    assert w.open_record("interview", str(interview.uuid))
    sample.sources.update(person.uuid, name="Renamed Person")
    panel = w.interview_panel
    qtbot.waitUntil(lambda: "Renamed Person" in panel.people.text(), timeout=WAIT)
    assert "Renamed Person" in panel.meta.text()


def test_the_photo_and_request_panels_follow_a_source_renamed(sample: CaseFile,
                                                             qtbot) -> None:
    w = window(qtbot, sample)
    photo = next(p for p in (sample.photos.get(x.uuid) for x in sample.photos.page(limit=100))
                 if p.depicted)
    assert w.open_record("photo", str(photo.uuid))
    sample.sources.update(photo.depicted[0].uuid, name="Depicted Renamed")
    qtbot.waitUntil(lambda: "Depicted Renamed" in w.photo_panel.depicted.text(),
                    timeout=WAIT)
    request = sample.requests.get(sample.requests.page(limit=1)[0].uuid)
    assert w.open_record("comment_request", str(request.uuid))
    sample.sources.update(request.source.uuid, name="Addressee Renamed")
    qtbot.waitUntil(lambda: w.request_panel.recipient.labels() == ["Addressee Renamed"],
                    timeout=WAIT)


def test_the_source_forms_involved_in_list_follows_a_trashed_interview(
        sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    source, interview = next(
        (s, r[1]) for s in sample.sources.page(limit=100)
        for r in sample.sources.related(s.uuid) if r[0] == "interview")
    assert w.open_record("source", str(source.uuid))
    form = w.source_form
    assert form.related.count() == len(sample.sources.related(source.uuid))
    sample.trash.delete(sample.interviews.get(interview), cascade=True)
    qtbot.waitUntil(lambda: form.related.count() == len(sample.sources.related(source.uuid)),
                    timeout=WAIT)
    assert all(str(interview) != form.related.item(i).data(PairRole)[1]
               for i in range(form.related.count()))


def test_the_draft_tagline_follows_its_byline_member(sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    draft = sample.drafts.get(sample.drafts.page(limit=5)[0].uuid)
    assert w.open_record("draft", str(draft.uuid))
    sample.team.update(draft.byline[0].member.uuid, base_city="Vladivostok")
    qtbot.waitUntil(lambda: "Vladivostok" in w.draft_panel.tagline.placeholderText(),
                    timeout=WAIT)
    assert w.draft_panel.tagline.placeholderText() == sample.drafts.tagline(
        draft.uuid, generated=True)


# -- 4. a change made elsewhere to the open record survives --------------------------------


def test_a_headline_changed_elsewhere_survives_typing_in_the_body(sample: CaseFile,
                                                                 qtbot) -> None:
    w = window(qtbot, sample)
    draft = sample.drafts.page(limit=5)[0]
    assert w.open_record("draft", str(draft.uuid))
    panel = w.draft_panel
    cursor = panel.body.textCursor()
    cursor.setPosition(50)
    panel.body.setTextCursor(cursor)
    panel.body.insertPlainText(" TYPED ")  # the autosave's pause is running
    assert typing_waits(panel)
    sample.drafts.update(draft.uuid, headline="Headline from elsewhere")
    qtbot.waitUntil(lambda: panel.headline.text() == "Headline from elsewhere", timeout=WAIT)
    qtbot.wait(50)
    stored = sample.drafts.get(draft.uuid)
    assert stored.headline == "Headline from elsewhere"
    assert " TYPED " in stored.body  # the typing was kept, and saved
    assert " TYPED " in panel.current_text().serialize()
    assert panel.body.textCursor().position() == 57  # the editor was not refilled
    panel.save()  # leaving it later writes nothing over the headline either
    assert sample.drafts.get(draft.uuid).headline == "Headline from elsewhere"


def test_a_status_changed_elsewhere_survives_a_typed_answer(sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    request = sample.requests.get(sample.requests.page(limit=1)[0].uuid)
    assert w.open_record("comment_request", str(request.uuid))
    panel = w.request_panel
    other = next(s for s in RequestStatus if s is not request.status)
    panel.answer.setPlainText("Typed, not yet saved")
    sample.requests.update(request.uuid, status=other)
    qtbot.waitUntil(lambda: panel.status.currentData() == other.value, timeout=WAIT)
    stored = sample.requests.get(request.uuid)
    assert stored.status is other and stored.answer_text == "Typed, not yet saved"
    panel.show_record(request)  # the stale record it was given: read again after the save
    assert panel.status.currentData() == other.value
    assert sample.requests.get(request.uuid).status is other


def test_a_team_member_shown_again_is_read_after_its_notes_are_saved(sample: CaseFile,
                                                                    qtbot) -> None:
    w = window(qtbot, sample)
    member = sample.team.page(limit=1)[0]
    assert w.open_record("team_member", str(member.uuid))
    panel = w.team_panel
    panel.notes.setPlainText("Typed notes")
    sample.team.update(member.uuid, base_city="Heihe")
    panel.show_record(member)  # the record as it was before the change elsewhere
    stored = sample.team.get(member.uuid)
    assert stored.base_city == "Heihe" and stored.notes == "Typed notes"
    assert panel.base_city.text() == "Heihe"


# -- 5-7. the grid, the board and search results keep their place --------------------------


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((32, 24), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def test_the_photo_grid_keeps_its_scroll_position_after_an_edit(case: CaseFile,
                                                                qtbot) -> None:
    ids = [case.photos.add(jpeg(), f"p{i:03d}.jpg", caption=f"Photo {i:03d}").uuid
           for i in range(260)]
    w = window(qtbot, case)
    w.resize(1200, 720)
    w.show_kind("photo")
    target = str(ids[200])
    assert w.open_record("photo", target)
    qtbot.wait(800)
    bar = w.grid.verticalScrollBar()
    before = bar.value()
    assert before > 0
    case.photos.update(target, caption="Edited caption")
    qtbot.waitUntil(lambda: w.photo_panel.caption.text() == "Edited caption", timeout=WAIT)
    qtbot.wait(500)  # the grid lays its icons out again, in batches
    assert bar.value() == before
    assert [i.row() for i in w.grid.selectionModel().selectedRows()] == [200]


def test_the_claims_board_keeps_its_selection_and_scroll(case: CaseFile, qtbot) -> None:
    for i in range(120):
        case.claims.create(statement=f"Claim number {i:03d}")
    source = case.sources.create(name="Somebody")
    w = window(qtbot, case)
    w.board_action.trigger()
    view = w.board.view
    model = view.model()
    while model.canFetchMore():
        model.fetchMore()
    view.selectRow(100)
    view.scrollTo(model.index(100, 0))
    qtbot.wait(50)
    before = view.verticalScrollBar().value()
    assert before > 0
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    case.sources.update(source.uuid, notes="a note")  # a kind support derives from
    qtbot.waitUntil(lambda: bool(resets), timeout=WAIT)
    assert view.verticalScrollBar().value() == before
    assert [i.row() for i in view.selectionModel().selectedRows()] == [100]


def test_search_results_are_asked_again_only_for_a_kind_they_show(sample: CaseFile,
                                                                  qtbot) -> None:
    w = window(qtbot, sample)
    w.search("customs")
    results = w.table.model()
    kinds = {h.kind for h in results.hits}
    assert "team_member" not in kinds and "source" in kinds
    sample.team.update(sample.team.page(limit=1)[0].uuid, notes="x")
    qtbot.wait(300)
    assert w.table.model() is results  # not asked again
    row = next(r for r, h in enumerate(results.hits) if h.kind == "source")
    hit = results.hits[row]
    w.table.selectRow(row)
    sample.sources.update(hit.uuid, notes="customs customs customs")
    qtbot.waitUntil(lambda: w.table.model() is not results, timeout=WAIT)
    rows = w.table.selectionModel().selectedRows()
    assert [(r.data(HitRole).kind, r.data(HitRole).uuid) for r in rows] == [
        (hit.kind, hit.uuid)]


# -- 8. a status message is not covered by the counts ------------------------------------


def test_a_status_message_stays_when_a_change_updates_the_counts(sample: CaseFile,
                                                                 qtbot) -> None:
    w = window(qtbot, sample)
    claim = sample.claims.create(statement="Trucks wait at the border for days.")
    photo = sample.photos.page(limit=1)[0]
    assert w.link_dropped(claim.uuid, [("photo", str(photo.uuid))])
    message = w.statusBar().currentMessage()
    assert message.startswith("Linked 1")
    qtbot.wait(300)  # the link's own change delivered
    sample.sources.create(name="Olga Ivanova")  # and then one made elsewhere
    navigator = w.navigator_model
    qtbot.waitUntil(lambda: any("Sources  (11)" in navigator.data(navigator.index(r))
                                for r in range(navigator.rowCount())), timeout=WAIT)
    assert w.statusBar().currentMessage() == message


def test_the_transcript_typed_stays_when_the_interview_changes_elsewhere(
        sample: CaseFile, qtbot) -> None:
    w = window(qtbot, sample)
    interview = sample.interviews.page(limit=1)[0]
    assert w.open_record("interview", str(interview.uuid))
    panel = w.interview_panel
    cursor = panel.transcript.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    panel.transcript.setTextCursor(cursor)
    panel.transcript.insertPlainText(" Typed.")
    sample.sources.update(interview.interviewees[0].uuid, location="Zeya")
    qtbot.wait(300)
    assert panel.transcript.toPlainText().endswith(" Typed.")
