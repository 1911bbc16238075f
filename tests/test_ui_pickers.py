"""The shared pickers (ui/pickers.py): date-time fields that can be empty and show their
zone, and the searchable multi-select of sources — driven with real keys and clicks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QWidget

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.pickers import DateField, DateTimeField, PeoplePicker, offset_text
from ui.prompts import ScriptedPrompts

VLADIVOSTOK = timezone(timedelta(hours=10))


def test_offsets_are_written_as_reporters_read_them() -> None:
    assert offset_text(timedelta(hours=10)) == "UTC+10"
    assert offset_text(timedelta(hours=5, minutes=30)) == "UTC+5:30"
    assert offset_text(timedelta(hours=-3)) == "UTC\u22123"
    assert offset_text(timedelta(0)) == "UTC"


def test_a_loaded_moment_comes_back_exactly_with_its_offset(qtbot) -> None:
    field = DateTimeField()
    qtbot.addWidget(field)
    assert field.value() is None and field.edit.text() == "not set"
    held = datetime(2026, 11, 12, 14, 30, 5, 123456, tzinfo=VLADIVOSTOK)
    field.set_value(held)
    assert field.value() == held and field.value().utcoffset() == timedelta(hours=10)
    assert field.edit.text() == "2026-11-12 14:30"
    assert "UTC+10" in field.zone_text()
    camera = datetime(2026, 11, 12, 9, 0)  # a camera clock of unknown zone stays naive
    field.set_value(camera)
    assert field.value() == camera and field.value().tzinfo is None
    assert "unknown" in field.zone_text()


def test_clear_button_and_now_button_by_mouse(qtbot) -> None:
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    edits: list[bool] = []
    field.edited.connect(lambda: edits.append(True))
    field.set_value(datetime(2026, 3, 14, 10, 30, tzinfo=UTC))
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.value() is None and field.edit.text() == "not set" and edits
    qtbot.mouseClick(field.now_button, Qt.MouseButton.LeftButton)
    value = field.value()
    assert value is not None and value.tzinfo is not None
    assert abs(value - datetime.now(UTC)) < timedelta(minutes=2)


def test_a_typed_time_in_another_zone(qtbot) -> None:
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.set_value(datetime(2026, 3, 14, 10, 30, tzinfo=UTC))
    field.zone.setCurrentIndex(field.zone.findData(10 * 60))
    assert field.value() == datetime(2026, 3, 14, 10, 30, tzinfo=VLADIVOSTOK)
    field.edit.setFocus()
    field.edit.setSelectedSection(field.edit.Section.HourSection)
    qtbot.keyClicks(field.edit, "15")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == datetime(2026, 3, 14, 15, 30, tzinfo=VLADIVOSTOK)


def test_date_field_today_and_clear(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    assert field.value() is None and not field.zone.isVisible()
    qtbot.mouseClick(field.now_button, Qt.MouseButton.LeftButton)
    assert field.value() == datetime.now().date()
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.value() is None


def test_interview_held_at_picked_and_cleared_in_the_file(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("interview")
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    panel = window.interview_panel
    uid = panel.record.uuid
    stored = sample.interviews.get(uid).held_at
    held = panel.details.widgets["held_at"]
    assert isinstance(held, DateTimeField)
    assert held.value() == stored  # the sample's own offset, exactly
    assert offset_text(stored.utcoffset()) in held.zone_text()
    panel.tabs.setCurrentIndex(1)
    qtbot.mouseClick(held.clear_button, Qt.MouseButton.LeftButton)
    assert sample.interviews.get(uid).held_at is None
    held.set_value(datetime(2026, 3, 14, 10, 30, tzinfo=VLADIVOSTOK))
    held.edit.setFocus()
    held.edit.setSelectedSection(held.edit.Section.MinuteSection)
    qtbot.keyClicks(held.edit, "45")
    qtbot.keyClick(held.edit, Qt.Key.Key_Return)
    assert sample.interviews.get(uid).held_at.isoformat() == "2026-03-14T10:45:00+10:00"
    window.undo_action.trigger()  # (edits close together may undo as one step)
    window.changes.flush()
    undone = sample.interviews.get(uid).held_at
    assert undone in (None, stored) and held.value() == undone
    panel.grab().save("/tmp/b19/png/p5_interview_details.png")


HOSTS: list[QWidget] = []


def picker_on(qtbot, case: CaseFile) -> PeoplePicker:
    host = QWidget()
    qtbot.addWidget(host)
    HOSTS[:] = [host]  # kept alive for the test
    picker = PeoplePicker(case, host)
    host.resize(420, 300)
    host.show()
    return picker


def shown_texts(widget: QWidget) -> list[str]:
    """Every text a widget shows (labels, list rows, boxes) — not its tooltips."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [box.text() for box in widget.findChildren(QLineEdit)]
    for view in widget.findChildren(QListWidget):
        texts += [view.item(r).text() for r in range(view.count())]
    return texts


def test_people_picker_filters_adds_removes_by_keys_and_clicks(sample: CaseFile,
                                                               qtbot) -> None:
    picker = picker_on(qtbot, sample)
    seen: list[list[str]] = []
    picker.changed.connect(seen.append)
    qtbot.keyClicks(picker.search, "amur")
    shown = [picker.results.item(r).text() for r in range(picker.results.count())]
    assert "Amur Commerce Bank" in shown and not any("Embassy" in t for t in shown)
    assert shown[-1] == "Create “amur” as a new source"
    row = shown.index("Amur Commerce Bank")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    for _ in range(row):
        qtbot.keyClick(picker.results, Qt.Key.Key_Down)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert picker.labels() == ["Amur Commerce Bank"] and picker.search.text() == ""
    qtbot.keyClicks(picker.search, "embassy")
    item = picker.results.item(0)
    rect = picker.results.visualItemRect(item)
    qtbot.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(picker.labels()) == 2 and "Embassy" in picker.labels()[1]
    qtbot.mouseClick(picker.remove_buttons()[0], Qt.MouseButton.LeftButton)
    assert len(picker.labels()) == 1 and "Embassy" in picker.labels()[0]
    assert len(seen) == 3 and seen[-1] == picker.uuids()


def test_a_protected_source_shows_its_pseudonym_with_a_lock(sample: CaseFile,
                                                            qtbot) -> None:
    secret = sample.sources.create(name="Olga Secretname", ground_rules="confidential",
                                   attribution_phrase="a customs broker in Heihe")
    picker = picker_on(qtbot, sample)
    qtbot.keyClicks(picker.search, "Secretname")  # found by the real name the reporter knows
    assert picker.results.item(0).text() == "🔒 a customs broker in Heihe"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.uuids() == [str(secret.uuid)]
    assert picker.labels() == ["🔒 a customs broker in Heihe"]
    assert not any("Secretname" in t for t in shown_texts(picker))
    qtbot.keyClicks(picker.search, "olga secretname")  # the whole real name: no duplicate
    assert not any("Create" in picker.results.item(r).text()
                   for r in range(picker.results.count()))
    picker.search.clear()


def test_create_a_new_source_on_the_spot(case: CaseFile, qtbot) -> None:
    picker = picker_on(qtbot, case)
    qtbot.keyClicks(picker.search, "Vera Nikolaeva")
    assert picker.results.item(0).text() == "Create “Vera Nikolaeva” as a new source"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert [s.name for s in case.sources.page()] == ["Vera Nikolaeva"]
    assert picker.labels() == ["Vera Nikolaeva"]


def test_interviewees_picked_and_removed_reach_the_file(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("interview")
    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    panel = window.interview_panel
    panel.tabs.setCurrentIndex(1)
    uid = panel.record.uuid
    before = [s.name for s in sample.interviews.get(uid).interviewees]
    qtbot.keyClicks(panel.people.search, "Amur Commerce")
    qtbot.keyClick(panel.people.search, Qt.Key.Key_Return)
    names = [s.name for s in sample.interviews.get(uid).interviewees]
    assert names == [*before, "Amur Commerce Bank"] or \
        sorted(names) == sorted([*before, "Amur Commerce Bank"])
    last = panel.people.remove_buttons()[-1]
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
    assert sorted(s.name for s in sample.interviews.get(uid).interviewees) == sorted(before)
    window.undo_action.trigger()  # back to before the removal (or before the add with it)
    window.changes.flush()
    names = [s.name for s in sample.interviews.get(uid).interviewees]
    assert sorted(panel.people.labels()) == sorted(names)


def test_one_public_label_names_a_protected_source_everywhere(case: CaseFile, qtbot) -> None:
    """The pickers, the New request dialog, the requests list's "To", the photos' credit
    and the interviews' "With" all name a protected source the same way — its pseudonym
    with a lock — and never by its real or short name (findings 6 and 7)."""
    from ui.kinds import BY_KEY
    from ui.new_request import NewRequestDialog
    from ui.pickers import public_label

    phrased = case.sources.create(name="Artyom Belov", short_name="Belov",
                                  ground_rules="confidential",
                                  attribution_phrase="a port official")
    bare = case.sources.create(name="Ivan Dyakov", short_name="Mr. Dyakov",
                               ground_rules="deep_background")
    open_ = case.sources.create(name="Vera Open")
    assert public_label(phrased) == "🔒 a port official"
    assert public_label(bare) == "🔒 protected source"
    assert public_label(open_) == "Vera Open"
    picker = picker_on(qtbot, case)
    qtbot.keyClicks(picker.search, "Dyakov")
    assert picker.results.item(0).text() == "🔒 protected source"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.labels() == ["🔒 protected source"]
    assert not any("Dyakov" in t for t in shown_texts(picker))
    dialog = NewRequestDialog(case)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.recipient.search, "Belov")
    qtbot.keyClick(dialog.recipient.search, Qt.Key.Key_Return)
    assert dialog.recipient.labels() == ["🔒 a port official"]
    assert not any("Belov" in t for t in shown_texts(dialog))
    request = case.requests.create(source=bare.uuid, subject="Queues")
    to = next(c for c in BY_KEY["comment_request"].columns if c.title == "To")
    row = case.requests.page(light=True)[0]
    assert row.uuid == request.uuid and to.text(row) == "🔒 protected source"
    interview = case.interviews.create(title="At the port", interviewees=[phrased.uuid,
                                                                          open_.uuid])
    with_ = next(c for c in BY_KEY["interview"].columns if c.title == "With")
    assert with_.text(case.interviews.get(interview.uuid)) == "🔒 a port official, Vera Open"


# -- dates: summer time, fixed offsets, typing into an empty field ---------------------------

@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is Europe/Berlin (summer time from 2026-03-29 02:00 to 03:00)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()  # the zone the tests ran in, back
    time.tzset()


def test_a_time_in_a_summer_time_gap_is_kept(berlin, qtbot) -> None:
    """02:30 UTC on the night Berlin skips 02:00–03:00 shows as 02:30 and one Up stores
    02:31 UTC — not 03:30 / 03:31 (finding 4)."""
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.set_value(datetime(2026, 3, 29, 2, 30, tzinfo=UTC))
    assert field.edit.text() == "2026-03-29 02:30" and field.zone_text() == "UTC"
    field.edit.setFocus()
    field.edit.setSelectedSection(field.edit.Section.MinuteSection)
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.edit.text() == "2026-03-29 02:31"
    assert field.value() == datetime(2026, 3, 29, 2, 31, tzinfo=UTC)


def test_a_loaded_offset_stays_fixed_across_summer_time(berlin, qtbot) -> None:
    """A Cairo +02:00 in July (Berlin's summer offset too) moved to December stays +02:00,
    and is not labelled as Berlin's (finding 5)."""
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.set_value(datetime(2026, 7, 10, 12, 0, tzinfo=timezone(timedelta(hours=2))))
    assert field.zone_text() == "UTC+2"
    field.edit.setFocus()
    field.edit.setSelectedSection(field.edit.Section.MonthSection)
    qtbot.keyClicks(field.edit, "12")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.value() == datetime(2026, 12, 10, 12, 0, tzinfo=timezone(timedelta(hours=2)))


def test_the_system_zone_says_the_offset_of_the_date_shown(berlin, qtbot) -> None:
    """A moment entered here is in the system zone; its label and offset follow the date
    shown: UTC+1 in January, UTC+2 in July (finding 5)."""
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "2026-01-15 10:00")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.zone_text() == "UTC+1 (Europe/Berlin)"
    assert field.value().utcoffset() == timedelta(hours=1)
    field.edit.setSelectedSection(field.edit.Section.MonthSection)
    qtbot.keyClicks(field.edit, "07")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.zone_text() == "UTC+2 (Europe/Berlin)"
    assert field.value() == datetime(2026, 7, 15, 10, 0, tzinfo=timezone(timedelta(hours=2)))


def test_a_date_is_typed_into_an_empty_field(qtbot) -> None:
    """Starting from "not set": the typed date and time is what is stored (finding 8)."""
    field = DateTimeField()
    qtbot.addWidget(field)
    field.show()
    edits: list[bool] = []
    field.edited.connect(lambda: edits.append(True))
    assert field.value() is None and field.edit.text() == "not set"
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "2026-05-01 10:00")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    wall = datetime(2026, 5, 1, 10, 0)
    assert field.value() == wall.replace(tzinfo=timezone(wall.astimezone().utcoffset()))
    assert edits and field.edit.text() == "2026-05-01 10:00"
    day = DateField()
    qtbot.addWidget(day)
    day.show()
    day.edit.setFocus()
    qtbot.keyClicks(day.edit, "2026-02-12")
    qtbot.keyClick(day.edit, Qt.Key.Key_Return)
    assert day.value() == date(2026, 2, 12)


def test_a_deadline_typed_into_the_empty_field_reaches_the_file(case: CaseFile,
                                                                qtbot) -> None:
    bank = case.sources.create(name="Amur Commerce Bank")
    request = case.requests.create(source=bank.uuid, subject="Closures")
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.open_record("comment_request", str(request.uuid))
    deadline = window.request_panel.deadline
    assert deadline.edit.text() == "not set"
    deadline.edit.setFocus()
    qtbot.keyClicks(deadline.edit, "2026-05-01 18:00")
    qtbot.keyClick(deadline.edit, Qt.Key.Key_Return)
    stored = case.requests.get(request.uuid).deadline
    assert stored is not None and stored.replace(tzinfo=None) == datetime(2026, 5, 1, 18, 0)


def test_issued_typed_slowly_shows_no_refusal_mid_word(case: CaseFile, qtbot) -> None:
    """"Feb 2026" typed with pauses past the autosave's wait: "F", "Feb 2"… are never
    saved nor refused; Enter stores "2026-02"."""
    from ui.autosave import DELAY_MS

    document = case.documents.create(title="Customs letter", kind="letter")
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.open_record("document", str(document.uuid))
    panel = window.document_panel
    issued = panel.details.widgets["issued"]
    assert isinstance(issued, QLineEdit)
    issued.setFocus()
    for key in "Feb 2026":
        qtbot.keyClicks(issued, key)
        qtbot.wait(DELAY_MS + 150)
        assert panel.problem.text() == "", issued.text()
        assert case.documents.get(document.uuid).issued == ""
    qtbot.keyClick(issued, Qt.Key.Key_Return)
    assert case.documents.get(document.uuid).issued == "2026-02"
    assert panel.problem.text() == ""
    issued.selectAll()
    qtbot.keyClicks(issued, "Mar 2026")  # left for another record: saved on the way out
    window.save_panels()
    assert case.documents.get(document.uuid).issued == "2026-03"
