"""Every field saves as you type: a debounced save without leaving the field, the "Saved
10:42:03" indicator, one undo step per field typed in, and the dead-battery test — the app
killed mid-typing and the text found in the file. Real widgets, real key events."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from casefile import CaseFile
from ui.autosave import DELAY_MS, flush_typing, typing_waits
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

CHILD = Path(__file__).parent / "typing_child.py"


def window_on(qtbot, case: CaseFile, tmp_path: Path, kind: str, pick) -> MainWindow:
    """A window listing `kind`, the first row for which `pick(record)` holds selected."""
    window = MainWindow(case, ScriptedPrompts(),
                        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus moves as it does for a user
    window.show_kind(kind)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if pick(model.record(r)))
    window.current_view().setCurrentIndex(model.index(row, 0))
    return window


def type_into(qtbot, field: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Click into the field, go to its end and type, as a user would."""
    qtbot.mouseClick(field.viewport() if isinstance(field, QPlainTextEdit) else field,
                     Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier
                   if isinstance(field, QPlainTextEdit) else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClicks(field, text)


def test_source_notes_save_while_the_field_keeps_focus(sample: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    window = window_on(qtbot, sample, tmp_path, "source", lambda s: s.name == "Yuri Petrov")
    notes = window.source_form.notes
    key = window.source_form.record.uuid
    type_into(qtbot, notes, "Met at the yard gate")
    assert window.save_indicator.text() == "Saving…"
    qtbot.waitUntil(lambda: sample.sources.get(key).notes == "Met at the yard gate",
                    timeout=DELAY_MS * 4)
    assert notes.hasFocus()  # never left the field
    assert window.save_indicator.text().startswith("Saved ")
    assert any(ch.isdigit() for ch in window.save_indicator.text())


def test_typing_a_sentence_in_bursts_is_one_undo_step(sample: CaseFile, qtbot,
                                                      tmp_path: Path) -> None:
    window = window_on(qtbot, sample, tmp_path, "source", lambda s: s.name == "Yuri Petrov")
    key = window.source_form.record.uuid
    before = window.undo_stack.count()
    for burst, total in (("He ships", "He ships"), (" five loads", "He ships five loads"),
                         (" a week.", "He ships five loads a week.")):
        type_into(qtbot, window.source_form.notes, burst)
        qtbot.waitUntil(lambda t=total: sample.sources.get(key).notes == t,
                        timeout=DELAY_MS * 4)
    assert window.undo_stack.count() == before + 1
    assert window.undo_action.text() == "&Undo edit notes of Yuri Petrov"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sample.sources.get(key).notes == ""


def test_request_answer_and_team_notes_save_as_typed(sample: CaseFile, qtbot,
                                                     tmp_path: Path) -> None:
    window = window_on(qtbot, sample, tmp_path, "comment_request",
                       lambda r: r.subject.startswith("Yuan payments"))
    key = window.request_panel.record.uuid
    type_into(qtbot, window.request_panel.answer, "We do not comment.")
    qtbot.waitUntil(lambda: sample.requests.get(key).answer_text == "We do not comment.",
                    timeout=DELAY_MS * 4)
    window.show_kind("team_member")
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    member = window.team_panel.record.uuid
    type_into(qtbot, window.team_panel.notes, "On leave in May")
    qtbot.waitUntil(lambda: sample.team.get(member).notes.endswith("On leave in May"),
                    timeout=DELAY_MS * 4)


def test_a_line_saves_as_typed_and_a_refusal_keeps_the_text(sample: CaseFile, qtbot,
                                                            tmp_path: Path) -> None:
    window = window_on(qtbot, sample, tmp_path, "source", lambda s: s.name == "Yuri Petrov")
    form = window.source_form
    key = form.record.uuid
    type_into(qtbot, form.role, "yard owner")
    qtbot.waitUntil(lambda: sample.sources.get(key).role_title.endswith("yard owner"),
                    timeout=DELAY_MS * 4)
    # The name emptied: the core refuses, the form says why and keeps what is typed.
    qtbot.mouseClick(form.name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.name, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: form.problem.text() != "", timeout=DELAY_MS * 4)
    assert form.name.text() == ""
    assert sample.sources.get(key).name == "Yuri Petrov"


def test_leaving_the_record_saves_what_waits(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    """Typing waits for its pause (the saver's, nothing else's): leaving the record saves
    every field with typing waiting — notes, a line, a quote's translation — at once."""
    window = window_on(qtbot, sample, tmp_path, "source", lambda s: s.name == "Yuri Petrov")
    key = window.source_form.record.uuid
    type_into(qtbot, window.source_form.notes, "Call back Friday")
    assert typing_waits(window) and window.save_indicator.text() == "Saving…"
    window.show_kind("claim")  # long before the pause is over
    assert not typing_waits(window)
    assert sample.sources.get(key).notes == "Call back Friday"
    assert window.save_indicator.text().startswith("Saved ")
    window.show_kind("interview")
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    panel = window.interview_panel
    quote = next(q for q in sample.quotes.page(limit=100)
                 if q.interview.uuid == panel.record.uuid)
    assert panel.select_quote(quote.uuid)
    type_into(qtbot, panel.quote_fields.translation, " (checked)")
    assert typing_waits(window) and window.save_indicator.text() == "Saving…"
    window.show_kind("source")  # the quote's translation, too
    assert sample.quotes.get(quote.uuid).translation.endswith("(checked)")
    assert window.save_indicator.text().startswith("Saved ")


def test_a_record_loaded_is_not_saved_again(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    """Filling a form is not typing: no save, no "Saving…", no undo step."""
    window = window_on(qtbot, sample, tmp_path, "source", lambda s: s.name == "Artyom Belov")
    qtbot.wait(DELAY_MS * 2)
    assert window.undo_stack.count() == 0
    assert window.save_indicator.text() == ""
    window.show_kind("draft")  # a draft's body is built, not typed: nothing waits
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    assert not typing_waits(window) and window.save_indicator.text() == ""


def killed_child(sample_file: Path, tmp_path: Path, kind: str, name: str, text: str,
                 *extra: str) -> Path:
    """Run tests/typing_child.py on a copy of the sample, SIGKILL it once it has typed;
    the case file it leaves."""
    path = tmp_path / "killed.casefile"
    path.write_bytes(sample_file.read_bytes())
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(tmp_path / "s.ini"), kind, name, text,
         *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        line = child.stdout.readline() if child.stdout is not None else ""
        assert line.strip() == "typed", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    return path


def notes_of(path: Path, name: str) -> str:
    reopened = CaseFile.open(path, actor="tester")
    try:
        return next(s.notes for s in reopened.sources.page(limit=50) if s.name == name)
    finally:
        reopened.close()


@pytest.mark.parametrize(("kind", "name", "read"), [
    ("source", "Yuri Petrov", lambda c, n: next(
        s.notes for s in c.sources.page(limit=50) if s.name == n)),
    ("comment_request", "Yuan payments for small business clients", lambda c, n: next(
        r.answer_text for r in c.requests.page(limit=50) if r.subject == n)),
])
def test_killed_mid_typing_the_text_is_in_the_file(sample_file: Path, tmp_path: Path,
                                                   kind: str, name: str, read) -> None:
    """A dead battery: the app is SIGKILLed while the cursor is still in the field."""
    text = "Typed before the battery died"
    path = killed_child(sample_file, tmp_path, kind, name, text)
    reopened = CaseFile.open(path, actor="tester")
    try:
        assert read(reopened, name).endswith(text)
    finally:
        reopened.close()


def test_killed_after_undoing_in_the_box_the_text_is_gone(sample_file: Path,
                                                          tmp_path: Path) -> None:
    """Typed, saved, taken back with the box's own Ctrl+Z, then killed: the file holds the
    notes as they were, not the words taken back."""
    path = killed_child(sample_file, tmp_path, "source", "Yuri Petrov", "secret plan",
                        "undo")
    assert "secret plan" not in notes_of(path, "Yuri Petrov")


def test_closing_the_window_saves_what_waits(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    """Typing a draft's dateline and contributor line waits for the one saver (shown as
    "Saving…"); closing the window before the pause saves both."""
    window = window_on(qtbot, sample, tmp_path, "draft", lambda _d: True)
    panel = window.draft_panel
    draft = panel.record.uuid
    type_into(qtbot, panel.facts.place, "Heihe")
    assert typing_waits(panel.facts.place)  # (saved when the next field is clicked)
    type_into(qtbot, panel.facts.contributor, " Anna Kim contributed reporting.")
    assert typing_waits(panel.facts.contributor)
    assert window.save_indicator.text() == "Saving…"
    window.close()  # before the debounce
    stored = sample.drafts.get(draft)
    assert stored.dateline_place.endswith("Heihe")
    assert stored.contributor_line.endswith(" Anna Kim contributed reporting.")


def test_quote_and_draft_fields_wait_in_the_one_saver(sample: CaseFile, qtbot,
                                                      tmp_path: Path) -> None:
    """The quote's original and translation and the draft's dateline save as every field
    does: "Saving…" while they wait, and a toolbar Undo (no focus taken) saves them first."""
    window = window_on(qtbot, sample, tmp_path, "interview", lambda _i: True)
    panel = window.interview_panel
    quote = next(q for q in sample.quotes.page(limit=100)
                 if q.interview.uuid == panel.record.uuid)
    assert panel.select_quote(quote.uuid)
    type_into(qtbot, panel.quote_fields.original, " [sic]")
    assert window.save_indicator.text() == "Saving…"
    flush_typing(window)  # what leaving, closing and undo do first
    assert sample.quotes.get(quote.uuid).original_text.endswith("[sic]")
    assert window.save_indicator.text().startswith("Saved ")
    window.show_kind("draft")
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    place = window.draft_panel.facts.place
    was = sample.drafts.get(window.draft_panel.record.uuid).dateline_place
    type_into(qtbot, place, "X")
    assert window.save_indicator.text() == "Saving…"
    qtbot.waitUntil(lambda: sample.drafts.get(window.draft_panel.record.uuid)
                    .dateline_place == was + "X", timeout=DELAY_MS * 4)
    qtbot.waitUntil(lambda: window.save_indicator.text().startswith("Saved "),
                    timeout=DELAY_MS * 4)
    assert place.hasFocus()


@pytest.mark.parametrize(("kind", "pick", "field", "read"), [
    ("source", lambda s: s.name == "Yuri Petrov", lambda w: w.source_form.notes,
     lambda c, w: c.sources.get(w.source_form.record.uuid).notes),
    ("team_member", lambda _m: True, lambda w: w.team_panel.notes,
     lambda c, w: c.team.get(w.team_panel.record.uuid).notes),
    ("comment_request", lambda r: r.subject.startswith("Yuan payments"),
     lambda w: w.request_panel.answer,
     lambda c, w: c.requests.get(w.request_panel.record.uuid).answer_text),
    ("interview", lambda _i: True, lambda w: w.interview_panel.details.widgets["notes"],
     lambda c, w: c.interviews.get(w.interview_panel.record.uuid).notes),
])
def test_undoing_in_the_box_back_to_the_text_as_loaded_is_saved(
        sample: CaseFile, qtbot, tmp_path: Path, kind: str, pick, field, read) -> None:
    """Ctrl+Z in a text box, back to the text it was loaded with (Qt clears the box's
    modified flag there), is typing too: saved after the pause, without leaving."""
    window = window_on(qtbot, sample, tmp_path, kind, pick)
    box = field(window)
    if kind == "interview":  # the notes are on the Details tab
        tabs = window.interview_panel.tabs
        qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton,
                         pos=tabs.tabBar().tabRect(1).center())
    loaded = box.toPlainText()
    type_into(qtbot, box, " secret plan")
    qtbot.waitUntil(lambda: read(sample, window) == loaded + " secret plan",
                    timeout=DELAY_MS * 4)
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == loaded and box.hasFocus()
    assert window.save_indicator.text() == "Saving…"
    qtbot.waitUntil(lambda: read(sample, window) == loaded, timeout=DELAY_MS * 4)


def test_a_transcript_saved_as_typed_shows_saved(sample: CaseFile, qtbot,
                                                 tmp_path: Path) -> None:
    """The transcript keeps its own undo (not the window's stack), and still says Saved."""
    window = window_on(qtbot, sample, tmp_path, "interview", lambda _i: True)
    panel = window.interview_panel
    key = panel.record.uuid
    type_into(qtbot, panel.transcript, " Q: And then?")
    assert window.save_indicator.text() == "Saving…"
    qtbot.waitUntil(lambda: sample.interviews.get(key).transcript.endswith(" Q: And then?"),
                    timeout=DELAY_MS * 4)
    qtbot.waitUntil(lambda: window.save_indicator.text().startswith("Saved "),
                    timeout=DELAY_MS * 4)
