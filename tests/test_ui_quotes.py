"""Quotes first-class in the interview panel: the list (speaker, ground rules, original,
translation, drift), a click that selects the quote's words in the transcript,
`select_quote` and opening a quote from elsewhere, trimmed spans, the transcript's
right-click menu, and quotes under "Involved in" on the source — real widgets, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from casefile import CaseFile
from casefile.errors import ValidationError
from casefile.models import GroundRules
from ui.interview_panel import InterviewPanel, py_index, qt_position
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

PNG = Path("/tmp/b19/png")
TRANSCRIPT = ("Q: How is business?\nPetrov: We used to ship forty trucks a week. Now it is "
              "four.\nQ: And the bank?\nPetrov: The bank stopped the payments in September.\n"
              "Галина:  Фура стоит на той стороне по пять дней. \n")
FIRST = "We used to ship forty trucks a week."
SECOND = "The bank stopped the payments in September."
CYRILLIC = "Фура стоит на той стороне по пять дней."


@pytest.fixture
def story(case: CaseFile):
    """An interview with two interviewees and two quotes, one with a translation."""
    petrov = case.sources.create(name="Yuri Petrov")
    galina = case.sources.create(name="Galina Shvets")
    iv = case.interviews.create(title="Petrov at the yard", transcript=TRANSCRIPT,
                                interviewees=[petrov.uuid, galina.uuid])
    at = TRANSCRIPT.index(FIRST)
    first = case.quotes.mark(iv.uuid, at, at + len(FIRST), speaker=petrov.uuid)
    at = TRANSCRIPT.index(SECOND)
    second = case.quotes.mark(iv.uuid, at, at + len(SECOND), translation="Банк остановил",
                              ground_rules=GroundRules.BACKGROUND)
    return {"petrov": petrov, "galina": galina, "iv": iv, "first": first, "second": second}


def new_window(qtbot, case: CaseFile) -> MainWindow:
    """A window with its own settings (no column or sort state from another test), active."""
    settings = QSettings(str(Path(case.path).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(case, ScriptedPrompts(), settings=settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def interview_window(qtbot, case: CaseFile) -> tuple[MainWindow, InterviewPanel]:
    window = new_window(qtbot, case)
    window.show_kind("interview")
    window.table.selectRow(0)
    panel = window.interview_panel
    assert window.detail_stack.currentWidget() is panel
    return window, panel


def type_text(widget, text: str) -> None:
    """Real key presses for any text (QTest's keyClicks knows only ASCII keys)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def selected_words(panel: InterviewPanel) -> str:
    return panel.transcript.textCursor().selectedText()


def test_the_quote_list_shows_each_quote_with_speaker_rules_and_translation(
        case: CaseFile, story, qtbot) -> None:
    _window, panel = interview_window(qtbot, case)
    table = panel.quote_list
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert rows == [[f"“{FIRST}”", "Yuri Petrov", "—", ""],
                    [f"“{SECOND}”", "(the interviewee)", "Background", "Банк остановил"]]
    assert table.item(0, 2).toolTip() == "As the interview"
    assert table.item(1, 2).toolTip() == "Background (not for attribution)"
    # the transcript edited under the first quote: the list marks it as drifted
    edited = TRANSCRIPT.replace("forty", "fifty")
    panel.transcript.setPlainText(edited)
    panel.save()
    assert table.item(0, 0).text().startswith("⚠ ")
    assert "No longer matches" in table.item(0, 0).toolTip()
    assert not table.item(1, 0).text().startswith("⚠")
    if PNG.is_dir():
        _window.grab().save(str(PNG / "p6-interview-quotes.png"))


def test_clicking_a_quote_selects_its_words_in_the_transcript(case: CaseFile, story,
                                                             qtbot) -> None:
    _window, panel = interview_window(qtbot, case)
    table = panel.quote_list
    rect = table.visualItemRect(table.item(1, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected_words(panel) == SECOND
    assert panel.wording.quote is not None and panel.wording.quote.uuid == story["second"].uuid
    assert panel.quote_fields.quote is not None
    assert panel.quote_fields.translation.toPlainText() == "Банк остановил"
    assert table.currentRow() == 1  # the list keeps the focus and the row
    # moving in the list with the keys follows too
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Up)
    assert selected_words(panel) == FIRST
    assert panel.quote_fields.speaker.labels() == ["Yuri Petrov"]


def test_the_cursor_in_a_quote_selects_its_row(case: CaseFile, story, qtbot) -> None:
    _window, panel = interview_window(qtbot, case)
    cursor = panel.transcript.textCursor()
    cursor.setPosition(qt_position(TRANSCRIPT, TRANSCRIPT.index(SECOND) + 4))
    panel.transcript.setTextCursor(cursor)
    assert panel.quote_list.currentRow() == 1
    cursor.setPosition(0)
    panel.transcript.setTextCursor(cursor)
    assert panel.quote_list.currentRow() == -1 and panel.quote_fields.quote is None


def test_the_quote_fields_save_speaker_rules_original_and_translation(
        case: CaseFile, story, qtbot) -> None:
    window, panel = interview_window(qtbot, case)
    assert panel.select_quote(story["second"].uuid)
    fields = panel.quote_fields
    fields.speaker.search.setFocus()
    qtbot.keyClicks(fields.speaker.search, "galina")
    QTest.keyClick(fields.speaker.search, Qt.Key.Key_Return)
    fields.rules.setCurrentIndex(fields.rules.findText("Off the record"))
    fields.translation.setFocus()
    fields.translation.selectAll()
    qtbot.keyClicks(fields.translation, "The bank stopped paying")
    fields.original.setFocus()
    type_text(fields.original, "  Банк остановил платежи ")
    QTest.keyClick(fields.original, Qt.Key.Key_Return)
    stored = case.quotes.get(story["second"].uuid)
    assert stored.speaker is not None and stored.speaker.name == "Galina Shvets"
    assert stored.ground_rules is GroundRules.OFF_RECORD
    assert stored.translation == "The bank stopped paying"
    assert stored.original_text == "Банк остановил платежи"
    window.changes.flush()
    row = [panel.quote_list.item(1, c).text() for c in range(4)]
    assert row == [f"“{SECOND}”", "Galina Shvets", "Off record", "The bank stopped paying"]
    fields.rules.setCurrentIndex(fields.rules.findText("As the interview"))
    assert case.quotes.get(story["second"].uuid).ground_rules is None
    window.undo_action.trigger()  # each change is one step of undo
    assert case.quotes.get(story["second"].uuid).ground_rules is GroundRules.OFF_RECORD


def test_select_quote_and_opening_a_quote_from_elsewhere(case: CaseFile, story,
                                                         qtbot) -> None:
    window, panel = interview_window(qtbot, case)
    other = case.interviews.create(title="Another", transcript="Nothing to see here.")
    stray = case.quotes.mark(other.uuid, 0, 7)
    assert not panel.select_quote(stray.uuid)  # not this interview's
    assert panel.select_quote(story["second"].uuid)
    assert selected_words(panel) == SECOND and panel.tabs.currentIndex() == 0
    window.show_kind("source")
    assert window.open_record("quote", str(story["first"].uuid))
    assert window.detail_stack.currentWidget() is panel
    assert panel.record is not None and panel.record.uuid == story["iv"].uuid
    assert selected_words(panel) == FIRST and window.focusWidget() is panel.transcript
    assert window.open_record("quote", str(stray.uuid))
    assert panel.record.uuid == other.uuid and selected_words(panel) == "Nothing"


@pytest.mark.parametrize(("before", "after"), [
    ("   ", "  \n"), ("\n\t ", ""), ("", " \u00a0\n"), ("\u3000", "\n\n")])
def test_a_quote_made_from_a_sloppy_selection_is_trimmed(case: CaseFile, before: str,
                                                        after: str) -> None:
    words = "Фура стоит на той стороне — «по пять дней»."
    transcript = f"Q: Где фура?{before}{words}{after}Q: Спасибо."
    iv = case.interviews.create(title="Галина", transcript=transcript)
    start = transcript.index(words) - len(before)
    end = transcript.index(words) + len(words) + len(after)
    quote = case.quotes.mark(iv.uuid, start, end)
    assert quote.text == words
    assert transcript[quote.span_start:quote.span_end] == words and quote.matches_transcript
    moved = case.quotes.remark(quote.uuid, start, end)  # marked anew: trimmed the same way
    assert (moved.span_start, moved.span_end) == (quote.span_start, quote.span_end)
    spaces = case.interviews.create(title="Gap", transcript="Yes. \n\u00a0 No.")
    with pytest.raises(ValidationError, match="no words"):
        case.quotes.mark(spaces.uuid, 4, 8)  # only spaces and a line break: refused


def test_making_a_quote_in_the_panel_trims_the_selection(case: CaseFile, story,
                                                         qtbot) -> None:
    _window, panel = interview_window(qtbot, case)
    text = panel.transcript.toPlainText()
    start = text.index("Галина:") + len("Галина:")  # two spaces before, a space and \n after
    end = text.index(CYRILLIC) + len(CYRILLIC) + 2
    cursor = panel.transcript.textCursor()
    cursor.setPosition(qt_position(text, start))
    cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
    panel.transcript.setTextCursor(cursor)
    panel.transcript.setFocus()
    QTest.keyClick(panel.transcript, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(panel.transcript, Qt.Key.Key_Right)  # the keys let go (no Ctrl held on)
    made = [q for q in case.quotes.of_interview(story["iv"].uuid) if q.text == CYRILLIC]
    assert len(made) == 1 and made[0].matches_transcript
    assert panel.quote_list.rowCount() == 3
    assert panel.quote_list.item(2, 0).text() == f"“{CYRILLIC}”"


def test_the_transcript_menu_keeps_the_standard_actions_and_makes_a_quote(
        case: CaseFile, story, qtbot) -> None:
    _window, panel = interview_window(qtbot, case)
    text = panel.transcript.toPlainText()
    at = text.index("Now it is four.")
    cursor = panel.transcript.textCursor()
    cursor.setPosition(qt_position(text, at))
    cursor.setPosition(qt_position(text, at + len("Now it is four.")),
                       QTextCursor.MoveMode.KeepAnchor)
    panel.transcript.setTextCursor(cursor)
    viewport = panel.transcript.viewport()
    where = QPoint(20, 10)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                       viewport.mapToGlobal(where)))
    menu = panel.context_menu
    assert menu is not None and menu.isVisible()
    texts = [a.text().replace("&", "").split("\t")[0] for a in menu.actions()
             if not a.isSeparator()]
    for standard in ("Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All"):
        assert standard in texts
    make = next(a for a in menu.actions() if a.text() == panel.make_quote_action.text())
    assert make.isEnabled()
    copy = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Copy"))
    copy.trigger()
    assert QApplication.clipboard().text() == "Now it is four."
    make.trigger()
    menu.hide()
    assert any(q.text == "Now it is four." for q in case.quotes.of_interview(story["iv"].uuid))


def test_quotes_are_listed_under_involved_in_on_the_source(case: CaseFile, story,
                                                           qtbot) -> None:
    window = new_window(qtbot, case)
    window.show_kind("source")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == "Galina Shvets")
    window.table.selectRow(row)
    related = window.source_form.related
    labels = [related.item(i).text() for i in range(related.count())]
    # no speaker of its own: the words of the interviewees, so listed for Galina too
    assert labels[0].startswith("Interview")
    assert [label for label in labels if label.startswith("Quote")] == [
        f'Quote "{SECOND}"']
    quote_item = next(related.item(i) for i in range(related.count())
                      if related.item(i).text().startswith("Quote"))
    related.itemActivated.emit(quote_item)  # opens the interview at the quote
    assert window.detail_stack.currentWidget() is window.interview_panel
    assert selected_words(window.interview_panel) == SECOND
    petrov = [label for _k, _u, label in case.sources.related(story["petrov"].uuid)]
    assert sum(label.lower().startswith("quote") for label in petrov) == 2  # his own and the shared


def test_utf16_positions_round_trip_for_the_list_selection() -> None:
    text = "😀 Фура — «по пять дней»"
    for index in range(len(text) + 1):
        assert py_index(text, qt_position(text, index)) == index


def test_the_quote_at_the_cursor_is_linked_to_a_claim_from_the_menu(case: CaseFile, story,
                                                                     qtbot) -> None:
    claim = case.claims.create(statement="Petrov's exports fell tenfold.")
    window, panel = interview_window(qtbot, case)
    window.prompts.answers.append(0)  # the one claim
    assert panel.select_quote(story["first"].uuid)
    menu = panel.context_menu_at(QPoint(10, 10))
    link = next(a for a in menu.actions() if a is panel.link_action)
    assert link.isEnabled()
    link.trigger()
    lines = case.claims.evidence_lines(claim.uuid)
    assert [x.kind for x in lines] == ["quote"] and FIRST[:20] in lines[0].text
    window.undo_action.trigger()  # one step takes the link back
    assert case.claims.evidence_lines(claim.uuid) == []


def test_a_confidential_speaker_shows_by_pseudonym_in_the_list_and_the_picker(
        case: CaseFile, story, qtbot) -> None:
    secret = case.sources.create(name="Olga Tarasova", ground_rules=GroundRules.CONFIDENTIAL,
                                 attribution_phrase="a customs broker")
    case.quotes.update(story["first"].uuid, speaker=secret.uuid)
    window, panel = interview_window(qtbot, case)
    table = panel.quote_list
    cells = [table.item(r, c).text() for r in range(table.rowCount())
             for c in range(table.columnCount())]
    assert not any("Tarasova" in c or "Olga" in c for c in cells)
    assert table.item(0, 1).text() == "🔒 a customs broker"
    assert table.item(0, 2).text() == "🔒 Confidential"  # not "—": the speaker's own rules
    assert "Olga Tarasova" in table.item(0, 1).toolTip()  # only where the reporter hovers
    rect = table.visualItemRect(table.item(0, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    picker = panel.quote_fields.speaker
    assert picker.labels() == ["🔒 a customs broker"]
    shown = [w.text() for w in picker.findChildren(QLabel) if w.isVisible()]
    assert not any("Tarasova" in t for t in shown)
    # taken off (✕: the interviewee's words), then found again by what the reporter knows
    QTest.mouseClick(picker.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert case.quotes.get(story["first"].uuid).speaker is None
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "olga")
    matches = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert matches == ["🔒 a customs broker"]
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert case.quotes.get(story["first"].uuid).speaker.uuid == secret.uuid
    if PNG.is_dir():
        window.grab().save(str(PNG / "p6-quote-confidential.png"))


def test_any_source_of_a_large_case_can_be_the_speaker_found_by_typing(
        case: CaseFile, story, qtbot, monkeypatch) -> None:
    for n in range(520):
        case.sources.create(name=f"Filler Person {n:03d}")
    far = case.sources.create(name="Zinaida Vorobyova")  # added last, past any first page
    read: list[int] = []
    page = type(case.sources).page

    def counting(self, **kw):
        read.append(kw.get("limit", 100))
        return page(self, **kw)

    monkeypatch.setattr(type(case.sources), "page", counting)
    window, panel = interview_window(qtbot, case)
    assert panel.select_quote(story["second"].uuid)
    for key in (story["first"].uuid, story["second"].uuid):  # moving through the quotes
        panel.select_quote(key)  # reads no list of sources
    assert not any(n >= 500 for n in read)
    picker = panel.quote_fields.speaker
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "Zinaida")
    assert picker.results.item(0).text() == "Zinaida Vorobyova"
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    stored = case.quotes.get(story["second"].uuid).speaker
    assert stored is not None and stored.uuid == far.uuid
    # interviewees come first among the matches
    picker.remove(str(far.uuid))
    assert case.quotes.get(story["second"].uuid).speaker is None
    qtbot.keyClicks(picker.search, "e")
    assert picker.results.item(0).text() in ("Yuri Petrov", "Galina Shvets")
    window.close()
