"""The request-for-comment form (ui/request_panel.py) and its start (ui/new_request.py):
recipient chosen or created on the spot, sent, channel, deadline with its picker, overdue in
red in the form and the list, the claims it concerns — each reaching the file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.new_request import NewRequestDialog
from ui.palette import qcolor
from ui.prompts import ScriptedPrompts

MOSCOW = timezone(timedelta(hours=3))


def request_window(qtbot, case: CaseFile, pick) -> tuple[MainWindow, int]:
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("comment_request")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if pick(model.record(r)))
    window.table.selectRow(row)
    assert window.detail_stack.currentWidget() is window.request_panel
    return window, row


def text_colour(window: MainWindow, row: int) -> QColor | None:
    model = window.list_model
    value = model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
    return QColor(value) if value is not None else None


def test_overdue_is_red_in_the_form_and_the_list(case: CaseFile, qtbot) -> None:
    ministry = case.sources.create(name="Ministry of Transport")
    late = case.requests.create(source=ministry.uuid, subject="Border queues",
                                deadline=datetime.now(UTC) - timedelta(days=2))
    window, row = request_window(qtbot, case, lambda r: r.uuid == late.uuid)
    panel = window.request_panel
    red = qcolor("problem")
    assert panel.deadline.edit.palette().color(QPalette.ColorRole.Text) == red
    assert panel.overdue_note.isVisible() and "Overdue" in panel.overdue_note.text()
    assert text_colour(window, row) == red
    note = panel.overdue_note  # whole, not "…passed without an" (finding 16)
    metrics = note.fontMetrics()
    assert metrics.horizontalAdvance(note.text()) <= note.contentsRect().width() or \
        note.height() >= 2 * metrics.lineSpacing()
    panel.grab().save("/tmp/b19/png/p5_request_overdue.png")
    # A later deadline, typed: no longer overdue, in the form and (after the change) the list
    panel.deadline.set_value(datetime.now(MOSCOW).replace(second=0, microsecond=0))
    panel.deadline.edit.setFocus()
    panel.deadline.edit.setSelectedSection(panel.deadline.edit.Section.YearSection)
    qtbot.keyClicks(panel.deadline.edit, str(datetime.now().year + 1))
    qtbot.keyClick(panel.deadline.edit, Qt.Key.Key_Return)
    stored = case.requests.get(late.uuid)
    assert stored.deadline.year == datetime.now().year + 1
    assert stored.deadline.utcoffset() == timedelta(hours=3)
    assert not panel.overdue_note.isVisible()
    assert panel.deadline.edit.palette().color(QPalette.ColorRole.Text) != red
    window.changes.flush()
    assert text_colour(window, row) != red


def test_an_answer_is_not_overdue_and_gets_its_time(case: CaseFile, qtbot) -> None:
    bank = case.sources.create(name="Amur Commerce Bank")
    late = case.requests.create(source=bank.uuid, subject="Closures",
                                deadline=datetime.now(UTC) - timedelta(hours=1))
    window, _row = request_window(qtbot, case, lambda r: r.uuid == late.uuid)
    panel = window.request_panel
    assert panel.overdue_note.isVisible()
    panel.status.setFocus()
    while panel.status.currentData() != "answered":
        qtbot.keyClick(panel.status, Qt.Key.Key_Down)
    stored = case.requests.get(late.uuid)
    assert stored.status.value == "answered" and stored.answered_at is not None
    assert not panel.overdue_note.isVisible()


def test_sent_channel_and_deadline_reach_the_file(case: CaseFile, qtbot) -> None:
    bank = case.sources.create(name="Amur Commerce Bank")
    request = case.requests.create(source=bank.uuid, subject="Closures")
    window, _row = request_window(qtbot, case, lambda r: r.uuid == request.uuid)
    panel = window.request_panel
    assert panel.deadline.value() is None and panel.deadline.edit.text() == "not set"
    assert panel.deadline.zone_text()  # the zone it will be in, shown beside it
    qtbot.mouseClick(panel.asked_at.now_button, Qt.MouseButton.LeftButton)
    sent = case.requests.get(request.uuid).asked_at
    assert sent is not None and abs(sent - datetime.now(UTC)) < timedelta(minutes=2)
    line = panel.channel.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "Telegram, the press secretary")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert case.requests.get(request.uuid).channel == "Telegram, the press secretary"
    panel.channel.setFocus()
    panel.channel.showPopup()
    view = panel.channel.view()
    index = panel.channel.findText("press office")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(panel.channel.model().index(index, 0)).center())
    assert case.requests.get(request.uuid).channel == "press_office"  # the key, any language
    assert panel.channel.currentText() == "press office"
    qtbot.mouseClick(panel.deadline.now_button, Qt.MouseButton.LeftButton)
    assert case.requests.get(request.uuid).deadline is not None
    qtbot.mouseClick(panel.deadline.clear_button, Qt.MouseButton.LeftButton)
    assert case.requests.get(request.uuid).deadline is None


def test_the_claims_a_request_concerns_are_saved(case: CaseFile, qtbot) -> None:
    bank = case.sources.create(name="Amur Commerce Bank")
    closures = case.claims.create(statement="The bank closed six branches in Khabarovsk.")
    case.claims.create(statement="Vegetable prices rose 44 percent.")
    request = case.requests.create(source=bank.uuid, subject="Closures")
    window, _row = request_window(qtbot, case, lambda r: r.uuid == request.uuid)
    panel = window.request_panel
    qtbot.keyClicks(panel.claims.search, "branches")
    shown = [panel.claims.results.item(r).text() for r in range(panel.claims.results.count())]
    assert shown == ["The bank closed six branches in Khabarovsk."]
    qtbot.keyClick(panel.claims.search, Qt.Key.Key_Return)
    assert [c.uuid for c in case.requests.get(request.uuid).claims] == [closures.uuid]
    qtbot.mouseClick(panel.claims.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert case.requests.get(request.uuid).claims == ()


def test_the_recipient_changed_by_typing_and_never_left_empty(case: CaseFile, qtbot) -> None:
    bank = case.sources.create(name="Amur Commerce Bank")
    request = case.requests.create(source=bank.uuid, subject="Closures")
    window, _row = request_window(qtbot, case, lambda r: r.uuid == request.uuid)
    panel = window.request_panel
    assert panel.recipient.labels() == ["Amur Commerce Bank"]
    qtbot.mouseClick(panel.recipient.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert "needs someone" in panel.problem.text()
    assert panel.recipient.labels() == ["Amur Commerce Bank"]
    qtbot.keyClicks(panel.recipient.search, "Central Bank of Russia")
    qtbot.keyClick(panel.recipient.search, Qt.Key.Key_Return)  # created on the spot
    stored = case.requests.get(request.uuid)
    assert stored.source.name == "Central Bank of Russia"
    assert panel.recipient.labels() == ["Central Bank of Russia"]


def new_request_dialog(qtbot, window: MainWindow) -> NewRequestDialog:
    """Edit → New record… in the requests: the dialog it opens (not exec()'d: the test goes
    on, so a failing assertion fails the test instead of hanging it)."""
    window.new_action.trigger()
    dialog = window.new_request_dialog
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert QApplication.activeModalWidget() is dialog
    return dialog


def fill_new_request(qtbot, dialog: NewRequestDialog, name: str, subject: str) -> None:
    """Answer the new-request dialog with real keys."""
    qtbot.keyClicks(dialog.recipient.search, name)
    qtbot.keyClick(dialog.recipient.search, Qt.Key.Key_Return)
    dialog.subject.setFocus()
    qtbot.keyClicks(dialog.subject, subject)
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)


def test_new_request_with_a_recipient_created_on_the_spot(case: CaseFile, qtbot) -> None:
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind("comment_request")
    dialog = new_request_dialog(qtbot, window)
    fill_new_request(qtbot, dialog, "Ministry of Transport", "Queues at the Heihe crossing")
    qtbot.waitUntil(lambda: case.requests.count() == 1)
    [request] = case.requests.page()
    assert request.source.name == "Ministry of Transport"
    assert request.subject == "Queues at the Heihe crossing" and request.asked_at is not None
    panel = window.request_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.recipient.labels() == ["Ministry of Transport"]
    assert panel.sentence.text() == ("Ministry of Transport did not immediately respond "
                                     "to a request for comment.")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.deadline.edit)  # the cursor
    window.undo_action.trigger()  # the request…
    window.undo_action.trigger()  # …and the source made for it: both undoable
    window.changes.flush()
    assert case.requests.count() == 0 and case.sources.count() == 0


def test_new_request_cancelled_leaves_no_new_source(case: CaseFile, qtbot) -> None:
    """A recipient typed as new and then Cancel: nothing is left in the file (finding 9)."""
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind("comment_request")
    dialog = new_request_dialog(qtbot, window)
    qtbot.keyClicks(dialog.recipient.search, "Vera Nikolaeva")
    qtbot.keyClick(dialog.recipient.search, Qt.Key.Key_Return)
    assert dialog.recipient.labels() == ["Vera Nikolaeva (new source)"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert case.sources.count() == 0 and case.requests.count() == 0
    assert not window.undo_stack.canUndo()


def test_new_request_to_an_existing_source_and_cancel(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind("comment_request")
    before = sample.requests.count()
    sources = sample.sources.count()
    dialog = new_request_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert sample.requests.count() == before
    dialog = new_request_dialog(qtbot, window)
    fill_new_request(qtbot, dialog, "amur commerce", "Branch closures in Khabarovsk")
    qtbot.waitUntil(lambda: sample.requests.count() == before + 1)
    assert sample.sources.count() == sources
    assert window.request_panel.recipient.labels() == ["Amur Commerce Bank"]
    assert window.request_panel.sentence.text() == (
        "Amur Commerce Bank did not immediately respond to a request for comment.")


def test_a_recipient_made_in_the_form_is_undone_with_its_creation(case: CaseFile,
                                                                  qtbot) -> None:
    """A source created on the spot in the request form is an undo step (finding 9)."""
    bank = case.sources.create(name="Amur Commerce Bank")
    request = case.requests.create(source=bank.uuid, subject="Closures")
    window, _row = request_window(qtbot, case, lambda r: r.uuid == request.uuid)
    panel = window.request_panel
    qtbot.keyClicks(panel.recipient.search, "Central Bank of Russia")
    qtbot.keyClick(panel.recipient.search, Qt.Key.Key_Return)
    assert case.requests.get(request.uuid).source.name == "Central Bank of Russia"
    assert case.sources.count() == 2
    window.undo_action.trigger()  # the recipient back…
    window.undo_action.trigger()  # …and the source made here gone
    window.changes.flush()
    assert case.requests.get(request.uuid).source.name == "Amur Commerce Bank"
    assert [s.name for s in case.sources.page()] == ["Amur Commerce Bank"]


def test_overdue_red_follows_a_theme_switch(case: CaseFile, qtbot) -> None:
    """Light → Dark with the form open: the deadline and the note take the dark theme's red
    (finding 12), and back."""
    from ui.palette import DARK, LIGHT, apply_theme

    ministry = case.sources.create(name="Ministry of Transport")
    late = case.requests.create(source=ministry.uuid, subject="Border queues",
                                deadline=datetime.now(UTC) - timedelta(days=2))
    app = QApplication.instance()
    apply_theme(app, "light")
    try:
        window, _row = request_window(qtbot, case, lambda r: r.uuid == late.uuid)
        panel = window.request_panel
        text = QPalette.ColorRole.Text
        assert panel.deadline.edit.palette().color(text) == QColor(LIGHT["problem"])
        apply_theme(app, "dark")
        qtbot.waitUntil(lambda: panel.deadline.edit.palette().color(text)
                        == QColor(DARK["problem"]), timeout=2000)
        assert DARK["problem"] in panel.overdue_note.styleSheet()
        panel.grab().save("/tmp/b19/png/p5_request_overdue_dark.png")
    finally:
        apply_theme(app, "system")
