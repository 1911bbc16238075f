"""Right-click menus on the lists and the trash, item-type icons, sharp previews on high-DPI
screens, and empty views that say what to do next (issue 19)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QListView

from casefile import CaseFile
from casefile.models import GroundRules
from tests.conftest import jpeg_bytes
from tests.ui_windows import case_window
from ui.main_window import MainWindow
from ui.photo_grid import ICON, PhotoGridModel


def window(qtbot, case: CaseFile, tmp_path: Path, answers: list | None = None) -> MainWindow:
    """(Modifier keys left held by a test are released by tests/conftest.py.)"""
    return case_window(qtbot, case, tmp_path, answers)[0]


def choose_row(w: MainWindow, row: int) -> None:
    """Select one row, whatever modifier state an earlier key event left behind."""
    flags = QItemSelectionModel.SelectionFlag
    w.table.selectionModel().select(w.list_model.index(row, 0),
                                    flags.ClearAndSelect | flags.Rows)
    w.table.selectionModel().setCurrentIndex(w.list_model.index(row, 0), flags.NoUpdate)


def entries(w: MainWindow) -> dict[str, object]:
    return {a.objectName(): a for a in w.list_menus.menu.actions() if a.objectName()}


def test_right_click_menu_and_copy_never_leaks_a_protected_name(sample: CaseFile, qtbot,
                                                                 tmp_path: Path) -> None:
    w = window(qtbot, sample, tmp_path)
    w.show_kind("source")
    model = w.list_model
    row = next(r for r in range(model.rowCount())
               if model.record(r).ground_rules is not GroundRules.ON_RECORD)
    record = model.record(row)
    at = w.table.visualRect(model.index(row, 0)).center()
    viewport = w.table.viewport()  # a right-click: Qt sends the view this event
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                       viewport.mapToGlobal(at)))
    assert w.lists.selected_records()[0].uuid == record.uuid  # the row under it chosen
    names = entries(w)
    assert {"open", "copy", "link", "tag", "batch", "trash"} <= set(names)
    names["copy"].trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied == record.attribution_phrase and record.name not in copied


def test_shift_f10_in_the_trash_restores_and_deletes_for_good(case: CaseFile, qtbot,
                                                              tmp_path: Path) -> None:
    kept, gone = case.sources.create(name="Kept"), case.sources.create(name="Gone")
    case.trash.delete(kept)
    case.trash.delete(gone)
    w = window(qtbot, case, tmp_path, [True])
    w.show_kind("trash")
    w.table.setFocus()
    choose_row(w, 0)  # newest first: "Gone"
    qtbot.keyClick(w.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    names = entries(w)
    assert set(names) == {"restore", "purge"}
    names["purge"].trigger()
    assert w.prompts.shown[-1][0] == "confirm" and "cannot be undone" in w.prompts.shown[-1][2]
    assert case.trash.count() == 1
    qtbot.wait(50)
    assert w.list_model.rowCount() == 1  # the trash list follows the purge
    choose_row(w, 0)
    qtbot.keyClick(w.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    entries(w)["restore"].trigger()
    assert [s.name for s in case.sources.page()] == ["Kept"], w.prompts.shown


def test_link_to_claim_from_the_menu_finds_the_claim_by_typing(sample: CaseFile, qtbot,
                                                               tmp_path: Path) -> None:
    w = window(qtbot, sample, tmp_path)
    w.show_kind("document")
    choose_row(w, 0)
    claim = sample.claims.page(limit=1)[0]
    before = len(sample.claims.evidence_lines(claim.uuid))
    w.list_menus.show_at(w.table, None)
    entries(w)["link"].trigger()
    dialog = w.list_menus.claim_choice
    assert dialog is not None and dialog.isVisible() and not dialog.ok.isEnabled()
    search = dialog.picker.search
    qtbot.keyClicks(search, " ".join(claim.statement.split()[:4]))
    qtbot.keyClick(search, Qt.Key.Key_Return)  # the first match
    assert dialog.picker.uuids() == [str(claim.uuid)]
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert len(sample.claims.evidence_lines(claim.uuid)) == before + 1


def test_copy_puts_the_whole_text_on_the_clipboard(case: CaseFile, qtbot,
                                                   tmp_path: Path) -> None:
    statement = ("Customs records show that 412 lorries crossed at Blagoveshchensk in "
                 "March, twice the number the ministry reported")
    case.claims.create(statement=statement)
    w = window(qtbot, case, tmp_path)
    w.show_kind("claim")
    choose_row(w, 0)
    w.list_menus.show_at(w.table, None)
    entries(w)["copy"].trigger()
    assert QGuiApplication.clipboard().text() == statement  # not 'claim "Customs rec…"'


def test_a_photo_menu_opens_a_private_copy_of_its_file(case: CaseFile, qtbot, monkeypatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setattr("ui.list_menus.has_viewer", lambda _path: True)  # a desktop with one
    data = jpeg_bytes(color=(200, 30, 30))
    case.photos.add(data, "IMG_0042.jpg")
    w = window(qtbot, case, tmp_path)
    opened: list[str] = []
    w.list_menus.open_url = lambda url: opened.append(url.toLocalFile()) or True
    w.show_kind("photo")
    w.grid.setFocus()
    w.grid.setCurrentIndex(w.list_model.index(0, 0))
    w.list_menus.show_at(w.grid, None)
    entries(w)["open_file"].trigger()
    assert len(opened) == 1 and opened[0].endswith("IMG_0042.jpg")
    assert Path(opened[0]).read_bytes() == data  # the file as imported, not a preview
    case.close()
    assert not Path(opened[0]).exists()  # the copy goes with the case


def test_empty_views_say_what_to_do_next(case: CaseFile, qtbot, tmp_path: Path) -> None:
    w = window(qtbot, case, tmp_path)
    w.show_kind("photo")
    hint = w.grid.viewport().findChild(QLabel, "emptyHint")
    assert hint.isVisible() and "Import photos" in hint.text() and "Ctrl+Shift+I" in hint.text()
    w.show_kind("trash")
    hint = w.table.viewport().findChild(QLabel, "emptyHint")
    assert hint.isVisible() and hint.text() == "The trash is empty."
    case.sources.create(name="Someone")
    w.show_kind("source")
    assert not hint.isVisible()
    w.search("zzyzx")
    assert hint.isVisible() and hint.text().startswith("No matches for “zzyzx”")


def test_rows_carry_item_type_icons(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    w = window(qtbot, sample, tmp_path)
    for kind in ("source", "document", "claim", "team_member"):
        w.show_kind(kind)
        icon = w.list_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.pixmap(16, 16).isNull(), kind
        image = icon.pixmap(16, 16).toImage()
        assert any(image.pixelColor(x, y).alpha() for x in range(16) for y in range(16))
        assert w.list_model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is None


def test_previews_are_sharp_on_a_high_dpi_screen(case: CaseFile, qtbot, tmp_path: Path,
                                                 monkeypatch) -> None:
    case.photos.add(jpeg_bytes(size=(800, 600)), "big.jpg")
    monkeypatch.setattr(QListView, "devicePixelRatioF", lambda _self: 2.0)
    w = window(qtbot, case, tmp_path)
    w.show_kind("photo")
    model = w.list_model
    assert isinstance(model, PhotoGridModel) and model.ratio == 2.0
    key = str(model.record(0).uuid)
    with qtbot.waitSignal(model.thumbnail_ready, timeout=10_000):
        model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    pixmap = model._icons[key].pixmap(ICON * 2, ICON * 2)
    assert max(pixmap.width(), pixmap.height()) >= ICON * 2 - 1  # 320 px, not 160 blown up
