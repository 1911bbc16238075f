"""The interview panel's published wording: the quote at the cursor takes a wording, shows
its difference from the transcript words and is accepted with one button, undoably —
real widgets, offscreen, through the core service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from casefile import CaseFile
from ui.interview_panel import qt_position
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

TRANSCRIPT = ("Q: How is business?\nPetrov: Well, we are, um, we are going to close the yard "
              "in March. Nobody buys timber now.")
SAID = "we are, um, we are going to close the yard in March."
SHOT = Path("/tmp/b17/quote-wording.png")


def panel_at_quote(qtbot, case: CaseFile):
    petrov = case.sources.create(name="Yuri Petrov", short_name="Mr. Petrov")
    iv = case.interviews.create(title="Petrov at the yard", interviewees=[petrov.uuid],
                                transcript=TRANSCRIPT)
    start = TRANSCRIPT.index(SAID)
    quote = case.quotes.mark(iv.uuid, start, start + len(SAID), speaker=petrov.uuid)
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_kind("interview")
    window.table.selectRow(0)
    panel = window.interview_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.wording.quote is None  # the cursor is at the start, outside the quote
    cursor = panel.transcript.textCursor()
    cursor.setPosition(qt_position(TRANSCRIPT, start + 5))
    panel.transcript.setTextCursor(cursor)
    return window, panel, quote


def test_the_quote_at_the_cursor_takes_an_accepted_wording(case: CaseFile, qtbot) -> None:
    window, panel, quote = panel_at_quote(qtbot, case)
    box = panel.wording
    assert box.quote is not None and box.quote.uuid == quote.uuid
    assert SAID in box.words.text()
    assert not box.accept_button.isEnabled()  # nothing to accept yet
    box.edit.setPlainText("we’re going to close the yard in March.")
    # the difference is shown as typed, word level; the curly apostrophe is no change
    assert "<s" in box.difference.text() and "we’re" in box.difference.text()
    assert box.difference.toolTip() == "“we are, um, we are” → “we’re”"
    assert "Not accepted" in box.state.text() and box.accept_button.isEnabled()
    box.accept_button.click()
    stored = case.quotes.get(quote.uuid)
    assert stored.published_text == "we’re going to close the yard in March."
    assert case.quotes.published_accepted(quote.uuid)
    assert "Accepted" in box.state.text() and not box.accept_button.isEnabled()
    # a straight apostrophe is the same wording: still accepted
    box.edit.setPlainText("we're going to close the yard in March.")
    assert "Accepted" in box.state.text()
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    box.edit.setPlainText("we’re closing the yard in March.")
    assert "accept it again" in box.state.text() and box.accept_button.isEnabled()
    QApplication.processEvents()  # lay the wrapped labels out before the picture
    assert window.grab().save(str(SHOT))
    panel.transcript.setFocus()  # leaving the box saves the wording typed
    box.save()
    assert case.quotes.get(quote.uuid).published_text == "we’re closing the yard in March."
    assert not case.quotes.published_accepted(quote.uuid)


def test_wording_edits_and_acceptance_undo(case: CaseFile, qtbot) -> None:
    window, panel, quote = panel_at_quote(qtbot, case)
    box = panel.wording
    box.edit.setPlainText("we're going to close the yard in March.")
    box.accept_button.click()  # saves, then accepts: two edits on the undo stack
    assert case.quotes.published_accepted(quote.uuid)
    window.undo_action.trigger()
    assert not case.quotes.published_accepted(quote.uuid)
    assert case.quotes.get(quote.uuid).published_text == "we're going to close the yard in March."
    assert panel.wording.quote is not None and panel.wording.quote.uuid == quote.uuid
    assert "Not accepted" in panel.wording.state.text()
    window.undo_action.trigger()
    assert case.quotes.get(quote.uuid).published_text == ""
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert case.quotes.published_accepted(quote.uuid)
    assert "Accepted" in panel.wording.state.text()


def test_a_blank_wording_is_refused_beside_the_box(case: CaseFile, qtbot) -> None:
    _window, panel, quote = panel_at_quote(qtbot, case)
    panel.wording.edit.setPlainText("   ")
    assert panel.wording.save()  # blank typed = cleared: nothing stored, nothing refused
    assert case.quotes.get(quote.uuid).published_text == ""
    panel.wording.edit.setPlainText("we're going to close the yard.")
    panel.save()  # leaving the record saves the box too
    assert case.quotes.get(quote.uuid).published_text == "we're going to close the yard."
    cursor = panel.transcript.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    panel.transcript.setTextCursor(cursor)  # out of the quote
    assert panel.wording.quote is None and not panel.wording.edit.isEnabled()
