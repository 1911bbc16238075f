"""The toolbar: icons for the common actions, the menus' own actions (so enabled states
agree), tooltips naming shortcuts, icons readable on light and dark, the search box in it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon
from PySide6.QtWidgets import QToolButton

from casefile import CaseFile
from tests.ui_windows import case_window
from ui.main_window import MainWindow
from ui.palette import dark_palette, light_palette
from ui.window_toolbar import action_icon

ICONS = ("new-record", "import-photos", "add-document", "delete", "undo", "redo",
         "claims-board", "export-draft", "save-search")


window_for = case_window


def button(window: MainWindow, icon: str) -> QToolButton:
    found = window.toolbar.findChild(QToolButton, f"tool-{icon}")
    assert found is not None, icon
    return found


def menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None:
            found += menu.actions()
    return found


def test_toolbar_buttons_are_the_menus_actions(case: CaseFile, qtbot, tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, case, tmp_path)
    in_menus = menu_actions(window)
    for icon in ICONS:
        entry = button(window, icon).defaultAction()
        assert not entry.icon().isNull(), icon
        assert entry in in_menus, icon  # "Save this search" too (finding 10)
    assert button(window, "new-record").defaultAction() is window.new_action
    assert button(window, "undo").defaultAction() is window.undo_action
    assert button(window, "claims-board").defaultAction() is window.board_action
    assert window.toolbar.isAncestorOf(window.search_field)
    out = Path("/tmp/b19/png")
    if out.is_dir():
        window.grab().save(str(out / "p4_toolbar.png"))


def test_tooltips_name_the_shortcuts(case: CaseFile, qtbot, tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, case, tmp_path)
    new_keys = window.new_action.shortcut().toString()
    assert new_keys and button(window, "new-record").toolTip() == f"New record ({new_keys})"
    undo_keys = window.undo_action.shortcut().toString()
    assert button(window, "undo").toolTip() == f"Undo ({undo_keys})"
    photos = window.import_action.shortcut().toString()
    assert button(window, "import-photos").toolTip() == f"Import photos ({photos})"


def test_enabled_states_follow_the_menus(case: CaseFile, qtbot, tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, case, tmp_path, ["Yuri Petrov"])
    undo, redo = button(window, "undo"), button(window, "redo")
    assert not undo.isEnabled() and not redo.isEnabled()
    qtbot.mouseClick(button(window, "new-record"), Qt.MouseButton.LeftButton)
    assert [s.name for s in case.sources.page()] == ["Yuri Petrov"]
    assert undo.isEnabled() and window.undo_action.isEnabled()
    assert not redo.isEnabled()
    # A record with nothing typed in it since: undone without a question.
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert case.sources.count() == 0
    assert redo.isEnabled() and window.redo_action.isEnabled()
    window.undo_action.setEnabled(False)  # whatever disables the menu entry, the button too
    assert not undo.isEnabled()
    save = button(window, "save-search")
    assert not save.isEnabled()
    window.search("Petrov")
    assert save.isEnabled()
    window.show_kind("source")
    assert not save.isEnabled()


def _ink(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> QColor:
    """The darkest or lightest opaque pixel of an icon: its ink."""
    image = icon.pixmap(20, 20, mode).toImage()
    inks = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 200]
    assert inks
    return inks[len(inks) // 2]


@contextmanager
def palette(app_palette):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.palette()
    app.setPalette(app_palette)
    try:
        yield
    finally:
        app.setPalette(before)


def test_icons_read_on_light_and_dark(qtbot) -> None:
    with palette(light_palette()):
        light = _ink(action_icon("delete"))
    with palette(dark_palette()):
        dark = _ink(action_icon("delete"))
        for name in ICONS:
            assert not action_icon(name).isNull()
    assert light.lightness() < 100 < dark.lightness()
    hidpi = action_icon("undo").pixmap(QSize(20, 20), 2.0)
    assert hidpi.width() == 40 and hidpi.devicePixelRatio() == 2.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_disabled_buttons_look_disabled(case: CaseFile, qtbot, tmp_path: Path,
                                        theme: str) -> None:
    """Finding 7: under the Light and Dark themes a disabled button's icon is dimmed."""
    with palette(light_palette() if theme == "light" else dark_palette()):
        window, _prompts = window_for(qtbot, case, tmp_path)
        undo = button(window, "undo")
        assert not undo.isEnabled()
        shown = undo.grab().toImage()
        ground = QColor(shown.pixelColor(1, 1))
        inks = [shown.pixelColor(x, y) for x in range(shown.width())
                for y in range(shown.height())
                if abs(shown.pixelColor(x, y).lightness() - ground.lightness()) > 20]
        ink = max(inks, key=lambda c: abs(c.lightness() - ground.lightness()))
        enabled = _ink(action_icon("undo"))
        # Dimmed: nearer the button's ground than the enabled ink is.
        assert abs(ink.lightness() - ground.lightness()) < \
            abs(enabled.lightness() - ground.lightness()) - 40, (ink.name(), enabled.name())


def test_delete_tooltip_has_one_pair_of_brackets(case: CaseFile, qtbot,
                                                 tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, case, tmp_path)
    keys = window.delete_action.shortcut().toString()
    assert button(window, "delete").toolTip() == f"Move to the trash ({keys})"


def test_icons_repaint_when_the_theme_changes(case: CaseFile, qtbot, tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, case, tmp_path)
    with palette(light_palette()):
        qtbot.wait(10)
        on_light = _ink(window.delete_action.icon())
    with palette(dark_palette()):
        qtbot.wait(10)
        on_dark = _ink(window.delete_action.icon())
    assert on_light.lightness() < 100 < on_dark.lightness()
