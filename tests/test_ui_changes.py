"""The window follows the changes the core reports: records edited, trashed, restored and
imported through the core — on the UI thread or a worker — show in the list, the navigator
and the open record without any refresh call; a burst of commits is one reload; a view of
an unrelated kind is left alone; a panel's own save does not clobber what is being typed."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt

from casefile import CaseFile
from casefile.bundle import import_bundle
from casefile.changes import Changes, Touched
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.table_model import UuidRole
from ui.window_lists import list_affected

WAIT = 5_000


def window_on_source(qtbot, case: CaseFile, name: str) -> tuple[MainWindow, str]:
    """A window listing the sources with `name` selected (its form on the right)."""
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_kind("source")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == name)
    window.table.selectRow(row)
    assert window.detail_stack.currentWidget() is window.source_form
    return window, str(model.record(row).uuid)


def row_text(window: MainWindow, record: str, column: int = 0) -> str | None:
    """What the list shows for a record now (None if it is not listed)."""
    model = window.list_model
    row = model.loaded_row(record)
    return None if row is None else model.data(model.index(row, column))


def counts(window: MainWindow) -> list[str]:
    model = window.navigator_model
    return [model.data(model.index(r)) for r in range(model.rowCount())]


def resets(model) -> list[int]:
    """A list that grows by one each time `model` is reset (read again)."""
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_an_edit_through_the_core_shows_in_the_list_and_the_open_record(
        sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    form = window.source_form
    location_column = 4
    assert row_text(window, petrov, location_column) == "Khabarovsk"
    sample.sources.update(petrov, location="Blagoveshchensk")  # not through the window
    qtbot.waitUntil(lambda: row_text(window, petrov, location_column) == "Blagoveshchensk",
                    timeout=WAIT)
    assert form.location.text() == "Blagoveshchensk"  # the open record read again
    rows = window.table.selectionModel().selectedRows()  # and it is still the one selected
    assert [r.data(UuidRole) for r in rows] == [petrov]
    # a column derived from another kind: the interviews list shows interviewees' names
    window.show_kind("interview")
    with_petrov = next(str(window.list_model.record(r).uuid)
                       for r in range(window.list_model.rowCount())
                       if "Yuri Petrov" in row_text(window, str(window.list_model.record(r)
                                                                .uuid), 2))
    sample.sources.update(petrov, name="Yuri A. Petrov")
    qtbot.waitUntil(lambda: "Yuri A. Petrov" in row_text(window, with_petrov, 2),
                    timeout=WAIT)


def test_an_edit_committed_on_a_worker_thread_reaches_the_ui_thread(
        sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    delivered: list[tuple[threading.Thread, Changes]] = []
    window.changes.changed.connect(
        lambda changes: delivered.append((threading.current_thread(), changes)))
    worker = threading.Thread(
        target=lambda: sample.sources.update(petrov, role_title="Former customs officer"))
    worker.start()
    worker.join()
    assert not delivered  # nothing touched the widgets from the worker
    qtbot.waitUntil(lambda: row_text(window, petrov, 3) == "Former customs officer",
                    timeout=WAIT)
    assert window.source_form.role.text() == "Former customs officer"
    assert delivered and all(t is threading.main_thread() for t, _c in delivered)
    assert delivered[0][1].touched("source", petrov)


def test_trash_and_restore_through_the_core_update_list_counts_and_panel(
        sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    assert "Sources  (10)" in counts(window) and "Trash  (0)" in counts(window)
    entry = sample.trash.delete(sample.sources.get(petrov), cascade=True)
    qtbot.waitUntil(lambda: "Sources  (9)" in counts(window), timeout=WAIT)
    assert "Trash  (1)" in counts(window)
    assert row_text(window, petrov) is None and window.list_model.rowCount() == 9
    assert window.detail_stack.currentIndex() == 0  # the trashed record is no longer shown
    window.show_kind("trash")
    assert window.list_model.rowCount() == 1
    sample.trash.restore(entry.uuid)
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 0, timeout=WAIT)  # trash view
    assert "Sources  (10)" in counts(window) and "Trash  (0)" in counts(window)
    window.show_kind("source")
    assert row_text(window, petrov) == "Yuri Petrov"


def test_a_bundle_imported_through_the_core_or_the_window_shows(case: CaseFile, qtbot,
                                                                tmp_path: Path) -> None:
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind("source")
    assert window.list_model.rowCount() == 0 and "Sources  (0)" in counts(window)
    first = tmp_path / "first.json"
    first.write_text(json.dumps({
        "format": "casefile-bundle", "format_version": 1, "case": {"title": "x"},
        "sources": [{"name": "Olga Ivanova", "kind": "person"},
                    {"name": "Amur Port Authority", "kind": "organisation"}]}),
        encoding="utf-8")
    assert import_bundle(case, first) == 2  # the core, no window involved
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 2, timeout=WAIT)
    assert "Sources  (2)" in counts(window)
    second = tmp_path / "second.json"
    second.write_text(json.dumps({
        "format": "casefile-bundle", "format_version": 1, "case": {"title": "x"},
        "sources": [{"name": "Harbin Freight", "kind": "organisation"}]}), encoding="utf-8")
    window.prompts.answers.append(second)
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.import_bundle()  # File → Import bundle…: on a worker
    assert window.list_model.rowCount() == 3  # delivered before the job's end is shown
    assert "Sources  (3)" in counts(window)
    names = {window.list_model.record(r).name for r in range(3)}
    assert names == {"Olga Ivanova", "Amur Port Authority", "Harbin Freight"}


def test_a_burst_of_commits_is_one_reload(sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    reloads = resets(window.list_model)
    recounts: list[int] = []
    window.navigator_model.dataChanged.connect(lambda *_a: recounts.append(1))
    for i in range(50):
        sample.sources.update(petrov, location=f"Checkpoint {i}")
    qtbot.waitUntil(lambda: row_text(window, petrov, 4) == "Checkpoint 49", timeout=WAIT)
    qtbot.wait(50)  # nothing else is on its way
    assert reloads == [1] and recounts == [1]
    assert window.source_form.location.text() == "Checkpoint 49"


def test_a_change_to_an_unrelated_kind_leaves_the_list_alone(sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    reloads = resets(window.list_model)
    shown: list[object] = []
    window.source_form.name.textChanged.connect(shown.append)
    window.board_action.trigger()  # the claims board is shown: claims are not drafts
    board = resets(window.board.model)
    draft = sample.drafts.page(limit=1)[0]
    sample.drafts.update(draft.uuid, headline="A new headline")
    qtbot.waitUntil(lambda: window.changes.pending() == Changes(), timeout=WAIT)
    qtbot.wait(20)
    assert reloads == [] and board == [] and shown == []
    # … and a change to what the board derives from does reach it
    sample.sources.update(petrov, notes="met again in May")
    qtbot.waitUntil(lambda: board == [1], timeout=WAIT)
    assert list_affected("claim", Changes(created=frozenset(
        {Touched("evidence_link", sample.evidence.page(limit=1)[0].uuid)})))
    assert not list_affected("source", Changes(bulk=frozenset({"draft"})))


def test_the_panels_own_save_does_not_clobber_what_is_being_typed(sample: CaseFile,
                                                                  qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    form = window.source_form
    form.role.setText("Deputy head of customs (typing…)")  # typed, not yet saved
    form.location.setText("Khabarovsk krai")
    form.location.editingFinished.emit()  # this field saves: the core reports the change
    qtbot.wait(20)
    assert sample.sources.get(petrov).location == "Khabarovsk krai"
    assert row_text(window, petrov, 4) == "Khabarovsk krai"
    assert form.role.text() == "Deputy head of customs (typing…)"
    assert form.location.text() == "Khabarovsk krai"


def test_the_list_keeps_its_selection_and_scroll_position(case: CaseFile, qtbot) -> None:
    for i in range(240):
        case.sources.create(name=f"Source {i:03d}")
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_kind("source")
    model = window.list_model
    target = str(case.sources.page(order_by="name", offset=220, limit=1)[0].uuid)
    assert window.open_record("source", target)
    top = window.table.indexAt(QPoint(2, 2)).data(UuidRole)
    assert top is not None and top != str(model.record(0).uuid)
    case.sources.update(target, location="Zeya")
    qtbot.waitUntil(lambda: row_text(window, target, 4) == "Zeya", timeout=WAIT)
    assert window.table.indexAt(QPoint(2, 2)).data(UuidRole) == top
    rows = window.table.selectionModel().selectedRows()
    assert [r.data(UuidRole) for r in rows] == [target]
    assert window.source_form.location.text() == "Zeya"


def test_undo_of_an_edit_shows_through_the_change_report(sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    form = window.source_form
    form.location.setText("Khabarovsk krai")
    form.location.editingFinished.emit()
    window.undo_action.trigger()
    assert form.location.text() == "Khabarovsk" and row_text(window, petrov, 4) == "Khabarovsk"
    window.redo_action.trigger()
    assert form.location.text() == "Khabarovsk krai"


def test_a_closed_window_stops_listening(sample: CaseFile, qtbot) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    heard: list[Changes] = []
    window.changes.changed.connect(heard.append)
    window.close()
    sample.sources.update(petrov, location="Svobodny")
    qtbot.wait(30)
    assert heard == [] and window.changes.pending() == Changes()


def test_the_window_still_draws(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    window, petrov = window_on_source(qtbot, sample, "Yuri Petrov")
    sample.sources.update(petrov, location="Blagoveshchensk")
    qtbot.waitUntil(lambda: window.source_form.location.text() == "Blagoveshchensk",
                    timeout=WAIT)
    window.table.selectionModel().select(
        window.list_model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    model = window.list_model
    location = next(c for c in range(model.columnCount())
                    if model.headerData(c, Qt.Orientation.Horizontal) == "Location")
    # Petrov's own row shows the change (he was in Khabarovsk), not only the form.
    assert row_text(window, petrov, location) == "Blagoveshchensk"
    image = window.grab().toImage()
    shot = tmp_path / "changes.png"
    assert image.save(str(shot))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert image.width() > 600 and len(colours) > 20  # drawn, not a blank window
