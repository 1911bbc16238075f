"""Working by keyboard: distinct menu mnemonics (English and Russian), no key bound twice, a
visible focus ring, Tab into a list selecting a row, and the Help → Keyboard shortcuts sheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from casefile import CaseFile
from ui import i18n
from ui.controller import AppController
from ui.focus import FocusKeeper, install, ring_color
from ui.kinds import VIEWS
from ui.main_window import MainWindow
from ui.palette import dark_palette
from ui.prompts import ScriptedPrompts
from ui.shortcuts_sheet import ShortcutsSheet, plain


def mnemonic(text: str) -> str | None:
    """The letter after a single & ("Chec&k" → "k"), lower case; None without one."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].lower() if 0 <= at < len(cleaned) - 1 else None


def duplicates(entries: list[QAction]) -> dict[str, list[str]]:
    """The mnemonics used by more than one visible entry of one menu (or of the menu bar)."""
    letters: dict[str, list[str]] = {}
    for entry in entries:
        if entry.isSeparator() or not entry.isVisible():
            continue
        text = entry.menu().title() if isinstance(entry.menu(), QMenu) else entry.text()
        letter = mnemonic(text)
        if letter is None:
            continue
        letters.setdefault(letter, []).append(text)
    return {k: v for k, v in letters.items() if len(v) > 1}


def walk(menu: QMenu, path: str) -> Iterator[tuple[str, QMenu]]:
    yield path, menu
    for entry in menu.actions():
        sub = entry.menu()
        if isinstance(sub, QMenu):
            yield from walk(sub, f"{path} › {sub.title()}")


def make_window(qtbot, case: CaseFile, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    prompts = ScriptedPrompts([])
    controller = AppController(prompts, settings)
    window = MainWindow(case, prompts, controller=controller, settings=settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def menu_problems(window: MainWindow) -> list[str]:
    bar = window.menuBar()
    problems = [f"menu bar: {v}" for v in duplicates(bar.actions()).values()]
    problems += [f"menu bar: “{a.text()}” has no mnemonic" for a in bar.actions()
                 if isinstance(a.menu(), QMenu) and mnemonic(a.menu().title()) is None]
    for entry in bar.actions():
        top = entry.menu()
        assert isinstance(top, QMenu)
        for path, menu in walk(top, top.title()):
            menu.aboutToShow.emit()  # Open Recent and other menus filled as they open
            problems += [f"{path}: {v}" for v in duplicates(menu.actions()).values()]
    return problems


def list_menu_problems(window: MainWindow) -> list[str]:
    """The right-click menus of every list, for one record and for several."""
    problems = []
    for view in VIEWS:
        window.show_kind(view.key)
        model = window.list_model
        if model is None or model.rowCount() == 0:
            continue
        window.current_view().selectAll()
        records = window.lists.selected_records()
        for chosen in (records[:1], records):
            menu = window.list_menus.build(view.key, chosen)
            problems += [f"{view.key} list menu: {v}"
                         for v in duplicates(menu.actions()).values()]
            menu.deleteLater()
    return problems


def test_every_menu_and_submenu_has_distinct_mnemonics(sample: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&File" in titles and "&Help" in titles
    file_menu = window.menuBar().actions()[0].menu()
    assert any(plain(a.text()) == "Open Recent" for a in file_menu.actions())  # a controller
    assert menu_problems(window) == []
    assert list_menu_problems(window) == []


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    i18n.install_translator(qapp, "ru")
    try:
        yield
    finally:
        i18n.install_translator(qapp, "en")


def test_the_russian_menus_have_distinct_mnemonics_too(sample: CaseFile, qtbot, tmp_path: Path,
                                                      russian: None) -> None:
    window = make_window(qtbot, sample, tmp_path)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&Файл" and "&Справка" in titles
    assert menu_problems(window) == []
    assert list_menu_problems(window) == []


Scope = tuple[str, list[QWidget]]  # ("window", []) or ("widget"/"children", widgets)


def scope_of(context: Qt.ShortcutContext, widgets: list[QWidget]) -> Scope:
    if context == Qt.ShortcutContext.WidgetShortcut:
        return "widget", widgets
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return "children", widgets
    return "window", []


def overlap(a: Scope, b: Scope) -> bool:
    """Whether one key press could reach both (then Qt runs neither)."""
    if a[0] == "window" or b[0] == "window":
        return True
    return any(x is y or (a[0] == "children" and x.isAncestorOf(y))
               or (b[0] == "children" and y.isAncestorOf(x)) for x in a[1] for y in b[1])


def key_bindings(window: MainWindow) -> list[tuple[str, str, Scope]]:
    """(key, what, where it works) for every action and QShortcut in the window."""
    bound: list[tuple[str, str, Scope]] = []
    actions = {id(a): a for a in window.findChildren(QAction)}
    for widget in [window, *window.findChildren(QWidget)]:
        actions.update({id(a): a for a in widget.actions()})
    for entry in actions.values():
        widgets = [w for w in entry.associatedObjects()
                   if isinstance(w, QWidget) and not isinstance(w, QMenu)]
        for key in entry.shortcuts():
            bound.append((key.toString(QKeySequence.SequenceFormat.PortableText),
                          plain(entry.text()) or entry.objectName(),
                          scope_of(entry.shortcutContext(), widgets)))
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        bound.append((shortcut.key().toString(QKeySequence.SequenceFormat.PortableText),
                      f"QShortcut of {type(owner).__name__}",
                      scope_of(shortcut.context(), [owner] if isinstance(owner, QWidget)
                               else [])))
    return [b for b in bound if b[0]]


def test_no_two_actions_share_a_key(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    bound = key_bindings(window)
    assert ("Ctrl+Z", "Undo") in [(k, w.split(" ")[0]) for k, w, _s in bound]
    clashes = [(k1, w1, w2) for i, (k1, w1, s1) in enumerate(bound)
               for k2, w2, s2 in bound[i + 1:] if k1 == k2 and overlap(s1, s2)]
    # Qt answers a key held by two actions with neither ("Ambiguous shortcut overload"):
    # the Redo of Ctrl+Shift+Z and StandardKey.Redo, the same keys on Linux, was one.
    assert clashes == []


def test_redo_answers_ctrl_shift_z(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    keys = [k.toString() for k in window.redo_action.shortcuts()]
    assert len(keys) == len(set(keys)) and "Ctrl+Shift+Z" in keys


def tab_to(window: MainWindow, target: QWidget, presses: int = 40) -> None:
    for _ in range(presses):
        if QApplication.focusWidget() is target:
            return
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName() or target}")


def test_tab_into_a_list_selects_a_row_and_the_form_shows_it(sample: CaseFile, qtbot,
                                                            tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    window.show_kind("source")
    window.table.clearSelection()
    window.table.setCurrentIndex(window.table.model().index(-1, -1))
    assert not window.table.selectionModel().hasSelection()
    window.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
    tab_to(window, window.table)
    rows = window.table.selectionModel().selectedRows()
    assert len(rows) == 1 and rows[0].row() == 0
    first = window.table.model().index(0, 0).data()
    assert window.detail_stack.currentWidget() is window.source_form
    assert window.source_form.name.text() in first  # the form shows the row chosen


def test_only_tab_into_a_list_selects_a_row(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    """Focus from code, the window coming back and a popup closing leave a cleared selection
    cleared (the form beside it stays empty); Tab in selects a row."""
    window = make_window(qtbot, sample, tmp_path)
    window.show_kind("source")
    window.table.clearSelection()
    window.table.setCurrentIndex(window.table.model().index(-1, -1))
    window.table.setFocus()  # from code
    window.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
    window.table.setFocus(Qt.FocusReason.ActiveWindowFocusReason)  # the window re-activated
    window.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
    window.table.setFocus(Qt.FocusReason.PopupFocusReason)  # a popup closed
    assert QApplication.focusWidget() is window.table
    assert not window.table.selectionModel().hasSelection()
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    window.activateWindow()  # back to the window, the list still focused in it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not window.table.selectionModel().hasSelection()
    window.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
    tab_to(window, window.table)
    assert len(window.table.selectionModel().selectedRows()) == 1


def ring_pixel(window: MainWindow, target: QWidget) -> QColor:
    keeper = QApplication.instance().findChild(FocusKeeper)
    assert keeper is not None and keeper.ring is not None
    ring = keeper.ring
    assert ring.isVisible() and ring.target is target
    host = ring.parentWidget()
    assert not isinstance(host, QSplitter)  # a splitter would take the ring for a pane
    assert ring.geometry() == QRect(target.mapTo(host, QPoint(0, 0)), target.size())
    image = window.grab().toImage()
    left = ring.mapTo(window, ring.rect().topLeft())
    return QColor(image.pixel(left.x(), left.y() + ring.height() // 2))


def close_to(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) < 40 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_focused_list_and_field_carry_a_ring_in_light_and_dark(sample: CaseFile, qtbot,
                                                                  tmp_path: Path,
                                                                  qapp) -> None:
    window = make_window(qtbot, sample, tmp_path)
    window.show_kind("source")
    window.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
    tab_to(window, window.table)
    light = ring_color()
    assert close_to(ring_pixel(window, window.table), light)
    QTest.keyClick(window.table, Qt.Key.Key_Tab)
    field = QApplication.focusWidget()
    assert field is not window.table and field is not None
    if field.parentWidget() is not None:
        assert close_to(ring_pixel(window, field), light)
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        window.search_field.setFocus(Qt.FocusReason.TabFocusReason)
        dark = ring_color()
        assert dark.name() != light.name() and dark.lightness() > light.lightness()
        assert close_to(ring_pixel(window, window.search_field), dark)
        window.grab().save(str(tmp_path / "dark.png"))
    finally:
        qapp.setPalette(before)


def test_a_button_is_ringed_by_tab_but_not_when_clicked(qtbot) -> None:
    install()
    form = QWidget()
    qtbot.addWidget(form)
    field, button = QLineEdit(form), QPushButton("Go", form)
    layout = QVBoxLayout(form)
    layout.addWidget(field)
    layout.addWidget(button)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    keeper = QApplication.instance().findChild(FocusKeeper)
    assert keeper is not None and keeper.ring is not None
    assert keeper.ring.target is field and keeper.ring.isVisible()
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button and keeper.ring.target is button
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    assert keeper.ring.target is field
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is button and not keeper.ring.isVisible()


def test_help_opens_a_sheet_made_from_the_window_itself(sample: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_F1)
    [sheet] = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, ShortcutsSheet) and w.isVisible()]
    rows = sheet.rows()
    native = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert ("Edit", "Undo", native) in [(g, w.split(" ")[0], k) for g, w, k in rows]
    assert ("File", "Import photos", "Ctrl+Shift+I") in rows
    assert any(w == "Find" and k == "Ctrl+F" for _g, w, k in rows)
    assert any(k == "Down" and "search box" in w for _g, w, k in rows)
    assert not any("&" in w for _g, w, _k in rows)
    sheet.close()
    # Never stale: a key added after the window was built shows on the next sheet.
    extra = QAction("&Tidy the notes", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+T"))
    window.menuBar().actions()[0].menu().addAction(extra)
    assert ("File", "Tidy the notes", "Ctrl+Alt+T") in ShortcutsSheet(window).rows()


def test_a_field_in_a_splitter_is_ringed_without_becoming_a_pane(qtbot) -> None:
    install()
    form = QWidget()
    qtbot.addWidget(form)
    splitter = QSplitter(form)
    left, right = QLineEdit(), QLineEdit()
    splitter.addWidget(left)
    splitter.addWidget(right)
    QVBoxLayout(form).addWidget(splitter)
    form.resize(400, 60)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    left.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(left, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is right
    assert splitter.count() == 2  # the ring is no third pane
    keeper = QApplication.instance().findChild(FocusKeeper)
    assert keeper is not None and keeper.ring is not None
    assert keeper.ring.target is right and keeper.ring.isVisible()
    assert keeper.ring.parentWidget() is form
    assert keeper.ring.geometry() == QRect(right.mapTo(form, QPoint(0, 0)), right.size())


def panel_mnemonics(window: MainWindow) -> list[tuple[str, str]]:
    """(letter, text) for every Alt+letter the shown window answers outside its menus: visible
    buttons, labels with a buddy, group boxes and tab titles."""
    found: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        found += [(letter, text) for text in texts if (letter := mnemonic(text)) is not None]
    return found


def mnemonic_clashes(window: MainWindow) -> list[str]:
    """Per view, with its first record shown: letters a panel shares with the menu bar (Alt
    would open the menu, or neither) or with another of its own controls."""
    bar = {mnemonic(a.menu().title()) for a in window.menuBar().actions()
           if isinstance(a.menu(), QMenu)}
    problems = []
    for view in VIEWS:
        window.show_kind(view.key)
        model = window.list_model
        if model is not None and model.rowCount():
            window.lists.select(0)
        QApplication.processEvents()
        seen: dict[str, list[str]] = {}
        for letter, text in panel_mnemonics(window):
            if letter in bar:
                problems.append(f"{view.key}: “{text}” takes the menu bar's Alt+{letter}")
            seen.setdefault(letter, []).append(text)
        problems += [f"{view.key}: Alt+{k} is {v}" for k, v in seen.items() if len(v) > 1]
    return problems


def test_no_panel_control_shares_an_alt_letter_with_the_menu_bar(sample: CaseFile, qtbot,
                                                                tmp_path: Path) -> None:
    window = make_window(qtbot, sample, tmp_path)
    window.show_kind("interview")
    window.lists.select(0)
    assert panel_mnemonics(window)  # the walk finds the interview panel's buttons
    assert mnemonic_clashes(window) == []


def test_no_russian_panel_control_shares_an_alt_letter_with_the_menu_bar(
        sample: CaseFile, qtbot, tmp_path: Path, russian: None) -> None:
    window = make_window(qtbot, sample, tmp_path)
    window.show_kind("interview")
    window.lists.select(0)
    texts = [text for _, text in panel_mnemonics(window)]
    assert "Перево&д" in texts  # Russian, and the walk finds the panel's controls
    assert mnemonic_clashes(window) == []


def test_the_photo_batch_dialog_has_one_control_per_alt_letter(sample: CaseFile,
                                                               qtbot) -> None:
    from ui.batch_dialog import BatchEditDialog

    dialog = BatchEditDialog(sample, "photo", 2)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    seen: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            seen.setdefault(letter, []).append(text)
    assert "y" in seen and "a" in seen  # Appl&y to all, &Add a person
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_a_recent_file_with_an_ampersand_keeps_it(sample: CaseFile, qtbot,
                                                  tmp_path: Path) -> None:
    """"R&D.casefile" in File → Open Recent reads so, not "RD" with an Alt+D."""
    from ui.recent import remember

    window = make_window(qtbot, sample, tmp_path)
    assert window.controller is not None
    path = tmp_path / "R&D.casefile"
    path.write_bytes(b"")
    remember(window.controller.settings, path)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.toolTip() == str(path))
    assert entry.text() == "R&&D.casefile" and mnemonic(entry.text()) is None
    assert entry.iconText() == "R&D.casefile"  # what the menu shows
