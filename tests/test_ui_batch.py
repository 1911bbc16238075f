"""Multi-select and batch edit (issue 19): Ctrl+A / Shift-click choose many rows, the batch
dialog sets caption, credit and people on every photo, tags go on many records, many records
go to the trash after one question and come back — each batch ONE transaction in the core and
ONE undo step; a big batch runs off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QProgressDialog,
    QPushButton,
)

from casefile import CaseFile
from casefile.commands import Batch, Update, UpdateMany
from casefile.errors import ValidationError
from tests.conftest import jpeg_bytes
from tests.ui_windows import case_window
from ui.main_window import MainWindow


def window(qtbot, case: CaseFile, tmp_path: Path, answers: list | None = None) -> MainWindow:
    """(Modifier keys left held by a test are released by tests/conftest.py.)"""
    return case_window(qtbot, case, tmp_path, answers)[0]


def test_a_batch_is_one_transaction_all_or_nothing(case: CaseFile) -> None:
    a, b = case.sources.create(name="A"), case.sources.create(name="B")
    changes = case.apply(UpdateMany("source", [a.uuid, b.uuid], {"role_title": "driver"}))
    assert changes.text() == "2 sources updated"
    with pytest.raises(ValidationError):
        case.apply(Batch((Update("source", a.uuid, {"role_title": "judge"}),
                          Update("source", b.uuid, {"no_such_field": 1}))))
    assert [s.role_title for s in case.sources.page()] == ["driver", "driver"]


def test_ctrl_a_then_batch_caption_and_credit_on_photos_undone_in_one_step(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    for i in range(3):
        case.photos.add(jpeg_bytes(color=(i * 60, 10, 10)), f"IMG_{i}.jpg", caption=f"old {i}")
    fixer = case.sources.create(name="Oksana Fixer")
    w = window(qtbot, case, tmp_path)
    w.show_kind("photo")
    w.grid.setFocus()
    qtbot.keyClick(w.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(w.lists.selected_records()) == 3
    qtbot.keyClick(w.grid, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = w.list_menus.menu
    assert menu is not None
    next(a for a in menu.actions() if a.objectName() == "batch").trigger()
    dialog = w.batch_editor
    caption = dialog.findChild(QLineEdit, "batch_caption")
    qtbot.keyClicks(caption, "Trucks queue at the Blagoveshchensk crossing")
    assert dialog.changes["caption"].isChecked()  # typing ticked "change"
    qtbot.keyClicks(dialog.credit.search, "Oksana")  # found by typing, not from a capped list
    qtbot.keyClick(dialog.credit.search, Qt.Key.Key_Return)
    assert dialog.credit.labels() == ["Oksana Fixer (source)"]
    assert dialog.changes["credit"].isChecked()
    qtbot.keyClicks(dialog.add_person.search, "Fixer")
    qtbot.keyClick(dialog.add_person.search, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    photos = case.photos.page()
    assert {p.caption for p in photos} == {"Trucks queue at the Blagoveshchensk crossing"}
    assert all(p.credit_source and p.credit_source.uuid == fixer.uuid for p in photos)
    assert all([d.uuid for d in p.depicted] == [fixer.uuid] for p in photos)
    assert w.undo_stack.count() == 1 and "3 photos" in w.undo_stack.undoText()
    w.undo_stack.undo()
    photos = case.photos.page()
    assert sorted(p.caption for p in photos) == ["old 0", "old 1", "old 2"]
    assert all(p.credit_source is None and not p.depicted for p in photos)
    w.undo_stack.redo()
    assert {p.caption for p in case.photos.page()} == {
        "Trucks queue at the Blagoveshchensk crossing"}


def test_shift_click_tag_many_sources_and_take_it_off(sample: CaseFile, qtbot,
                                                      tmp_path: Path) -> None:
    w = window(qtbot, sample, tmp_path, ["customs"])
    w.show_kind("source")
    table = w.table
    first = table.visualRect(w.list_model.index(0, 0)).center()
    third = table.visualRect(w.list_model.index(2, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, third)
    chosen = w.lists.selected_records()
    assert len(chosen) == 3
    w.list_menus.show_at(table, third)
    next(a for a in w.list_menus.menu.actions() if a.objectName() == "tag").trigger()
    before = {s.uuid: sample.tags.names_for(s) for s in chosen}
    assert all("customs" in sample.tags.names_for(s) for s in chosen)
    assert w.undo_stack.count() == 1
    w.undo_stack.undo()  # takes off only what the batch put on
    assert {s.uuid: sample.tags.names_for(s) for s in chosen} == {
        k: [n for n in v if n != "customs"] for k, v in before.items()}


def test_many_records_to_the_trash_after_one_question_and_back(case: CaseFile, qtbot,
                                                               tmp_path: Path) -> None:
    for name in ("Anna", "Boris", "Vera"):
        case.sources.create(name=name)
    w = window(qtbot, case, tmp_path, [True])
    w.show_kind("source")
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    w.delete_action.trigger()  # Edit → Delete (the Delete key's menu entry)
    asked = [m for kind, _t, m in w.prompts.shown if kind == "confirm"]
    assert asked == ["Move 3 sources to the trash?"]
    assert case.sources.count() == 0 and case.trash.count() == 3
    w.undo_stack.undo()  # one step brings all three back
    assert case.sources.count() == 3 and case.trash.count() == 0
    w.undo_stack.redo()
    assert case.sources.count() == 0
    w.show_kind("trash")
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    w.restore_selected()
    assert case.sources.count() == 3 and case.trash.count() == 0


def test_a_big_batch_runs_off_the_ui_thread_with_progress(case: CaseFile, qtbot,
                                                          tmp_path: Path) -> None:
    with case._store.write(bulk_audit=True):
        for i in range(260):
            case.sources.create(name=f"Driver {i:03d}")
    w = window(qtbot, case, tmp_path)
    w.show_kind("source")
    while w.list_model.canFetchMore():
        w.list_model.fetchMore()
    records = case.sources.page(limit=1000)
    with qtbot.waitSignal(w.job_finished, timeout=60_000):
        w.batch.tag("source", records, "drivers")
    qtbot.waitUntil(lambda: w.undo_stack.count() == 1, timeout=5_000)
    assert sum(1 for s in records if sample_has(case, s, "drivers")) == 260


def sample_has(case: CaseFile, record, tag: str) -> bool:
    return tag in case.tags.names_for(record)


def test_the_batch_dialog_names_a_protected_source_only_by_its_pseudonym(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    case.photos.add(jpeg_bytes(), "IMG_1.jpg")
    case.sources.create(name="Artyom Belov", ground_rules="confidential",
                        attribution_phrase="a customs broker")
    w = window(qtbot, case, tmp_path)
    w.show_kind("photo")
    w.grid.setFocus()
    qtbot.keyClick(w.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    w.list_menus.show_at(w.grid, None)
    next(a for a in w.list_menus.menu.actions() if a.objectName() == "batch").trigger()
    dialog = w.batch_editor
    for picker in (dialog.credit, dialog.add_person, dialog.remove_person):
        qtbot.keyClicks(picker.search, "customs")
        shown = [picker.results.item(i).text() for i in range(picker.results.count())]
        assert any("a customs broker" in t for t in shown), shown
        assert not any("Belov" in t or "Artyom" in t for t in shown)
    dialog.reject()


def many_sources(case: CaseFile, n: int) -> None:
    with case._store.write(bulk_audit=True):
        for i in range(n):
            case.sources.create(name=f"Driver {i:03d}")


def progress_shown() -> QProgressDialog:
    """The window-modal progress dialog, shown the moment a big batch starts (the batch
    holds the case's write lock: the window must not read meanwhile)."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QProgressDialog) and dialog.isVisible()
    return dialog


def test_ctrl_a_selects_the_whole_list_not_only_the_rows_read(case: CaseFile, qtbot,
                                                              tmp_path: Path) -> None:
    many_sources(case, 501)
    w = window(qtbot, case, tmp_path, [True])
    w.show_kind("source")
    assert w.list_model.rowCount() < 501  # only the first page is read
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(w.lists.selected_records()) == 501
    with qtbot.waitSignal(w.job_finished, timeout=60_000):
        w.delete_action.trigger()
        progress_shown()
    assert [m for k, _t, m in w.prompts.shown if k == "confirm"] == [
        "Move 501 sources to the trash?"]
    assert case.sources.count() == 0 and case.trash.count() == 501
    # The big batch's undo runs on a worker too, behind the same progress dialog.
    with qtbot.waitSignal(w.job_finished, timeout=60_000):
        w.undo_stack.undo()
        progress_shown()
        assert w.files.jobs  # on a worker, not on the UI thread
    assert case.sources.count() == 501 and case.trash.count() == 0
    with qtbot.waitSignal(w.job_finished, timeout=60_000):
        w.undo_stack.redo()
    assert case.sources.count() == 0 and w.undo_stack.canUndo()


def test_a_cancelled_big_batch_changes_nothing_and_leaves_no_undo_step(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    many_sources(case, 501)
    w = window(qtbot, case, tmp_path)
    w.show_kind("source")
    records = case.sources.page(limit=1000)
    with qtbot.waitSignal(w.job_finished, timeout=60_000):
        w.batch.tag("source", records, "drivers")
        cancel = progress_shown().findChild(QPushButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not any(sample_has(case, s, "drivers") for s in case.sources.page(limit=1000))
    assert w.undo_stack.count() == 0
    assert w.statusBar().currentMessage() == "Cancelled: nothing was changed."


def test_a_refused_batch_undo_leaves_the_batch_on_the_undo_stack(case: CaseFile, qtbot,
                                                                 tmp_path: Path) -> None:
    for name in ("Anna", "Boris", "Vera"):
        case.sources.create(name=name)
    w = window(qtbot, case, tmp_path, [True])
    w.show_kind("source")
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    w.delete_action.trigger()
    assert case.trash.count() == 3
    case.trash.purge(case.trash.entries(limit=1)[0].uuid)  # one deletion gone for good
    w.undo_stack.undo()
    errors = [m for k, _t, m in w.prompts.shown if k == "error"]
    assert len(errors) == 1
    assert case.sources.count() == 0 and case.trash.count() == 2  # all or nothing
    qtbot.waitUntil(lambda: w.undo_stack.index() == 1, timeout=2_000)
    assert w.undo_stack.undoText() == "delete 3 sources"  # still what the file holds
    assert not w.undo_stack.canRedo()


def test_deleting_several_claims_warns_for_each_anchored_one(sample: CaseFile, qtbot,
                                                             tmp_path: Path) -> None:
    # Yes to "Move 2 claims…"; each anchored claim then asks as it does alone: yes to the
    # first, no to the second.
    w = window(qtbot, sample, tmp_path, [True, True, False])
    w.show_kind("claim")
    model = w.list_model
    rows = {model.record(r)[0].statement: r for r in range(model.rowCount())}
    banks = next(r for text, r in rows.items() if text.startswith("Banks in the region"))
    other = next(r for r in rows.values() if r != banks)
    for row, keys in ((banks, Qt.KeyboardModifier.NoModifier),
                      (other, Qt.KeyboardModifier.ControlModifier)):
        qtbot.mouseClick(w.table.viewport(), Qt.MouseButton.LeftButton, keys,
                         w.table.visualRect(model.index(row, 0)).center())
    chosen = w.lists.selected_records()
    assert len(chosen) == 2
    w.delete_action.trigger()
    asked = [m for k, _t, m in w.prompts.shown if k == "confirm"]
    assert asked[0] == "Move 2 claims to the trash?"
    assert "This claim is anchored in one draft and has 3 pieces of evidence. " \
           "Move it to the trash?" in asked[1:]
    assert len(asked) == 3  # no further question about the links: the warning said so
    live = {c[0].uuid for c in sample.claims.summaries(limit=500)}
    assert chosen[0].uuid not in live and chosen[1].uuid in live  # "no" kept that one
