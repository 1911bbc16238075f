"""Case settings (title, summary, language, desk, house style) reach the file and the
window; Preferences switch the theme live, set the export profile and the backup folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from casefile import CaseFile
from ui.case_settings import STYLE_PAGE, CaseSettingsDialog
from ui.controller import AppController
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.palette import apply_theme, is_dark
from ui.preferences import PreferencesDialog, backup_folder, export_profile
from ui.prompts import ScriptedPrompts

PNG = Path("/tmp/b19/png")


def shoot(widget, name: str) -> None:
    """A picture for a person to look at (only where the folder exists)."""
    QApplication.processEvents()
    if PNG.is_dir():
        widget.grab().save(str(PNG / f"p2-{name}.png"))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, case: CaseFile, settings: QSettings) -> Iterator[MainWindow]:
    made = MainWindow(case, ScriptedPrompts(), settings=settings)
    qtbot.addWidget(made)
    made.resize(1024, 700)
    made.show()
    yield made


@pytest.fixture(autouse=True)
def system_theme() -> Iterator[None]:
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")


def menu_action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def retype(qtbot, field, text: str) -> None:
    """Select all in a field and type over it, as a person does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_case_settings_edit_title_summary_language_desk(qtbot, window: MainWindow,
                                                        case: CaseFile) -> None:
    menu_action(window, "Case se&ttings…").trigger()
    dialog = window.findChild(CaseSettingsDialog)
    assert isinstance(dialog, CaseSettingsDialog) and dialog.isVisible()
    assert dialog.tabs.currentIndex() == 0 and dialog.title.text() == "Test case"
    retype(qtbot, dialog.title, "Grain convoys on the Amur")
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Who moves the grain.")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.summary, "And who is paid.")
    # The summary saves as it is typed (a moment after typing stops), title already left.
    qtbot.waitUntil(lambda: case.info().summary == "Who moves the grain.\nAnd who is paid.",
                    timeout=3000)
    assert case.info().title == "Grain convoys on the Amur"
    dialog.language.setFocus()
    qtbot.keyClicks(dialog.language, "Russian")
    assert dialog.language.currentText() == "Russian (ru)"
    assert case.info().language == "ru"
    dialog.desk.setFocus()
    qtbot.keyClicks(dialog.desk, "Foreign")
    shoot(dialog, "case-settings")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing keeps what is still typed
    assert not dialog.isVisible()
    info = case.info()
    assert (info.title, info.language, info.desk) == ("Grain convoys on the Amur", "ru",
                                                      "Foreign")
    window.changes.flush()
    assert window.windowTitle().startswith("Grain convoys on the Amur — test.casefile")
    assert window.heading.text() == "Grain convoys on the Amur"
    assert window.overview.text() == "Who moves the grain.\nAnd who is paid."


def test_an_empty_title_is_refused_and_said(qtbot, window: MainWindow, case: CaseFile) -> None:
    dialog = window.edit_case_settings()
    qtbot.addWidget(dialog)
    retype(qtbot, dialog.title, "   ")
    qtbot.waitUntil(lambda: "needs a title" in dialog.problem.text(), timeout=3000)
    assert case.info().title == "Test case"
    dialog.close()
    assert case.info().title == "Test case"


def test_house_style_is_a_page_of_the_case_settings(qtbot, window: MainWindow,
                                                    case: CaseFile) -> None:
    menu_action(window, "House st&yle…").trigger()
    dialog = window.findChild(CaseSettingsDialog)
    assert isinstance(dialog, CaseSettingsDialog)
    assert dialog.tabs.currentIndex() == STYLE_PAGE
    shoot(dialog, "case-settings-house-style")
    dialog.house.verb.setFocus()
    qtbot.keyClicks(dialog.house.verb, "says")
    retype(qtbot, dialog.outlet, "The Northern Ledger")
    dialog.close()
    style = case.house_style()
    assert style.verb == "says" and style.outlet == "The Northern Ledger"


def test_preferences_theme_switches_the_palette_live(qtbot, window: MainWindow,
                                                     settings: QSettings) -> None:
    shortcut = menu_action(window, "Pre&ferences…").shortcut()
    assert not shortcut.isEmpty()
    clashes = [a.text() for a in window.findChildren(QAction)
               if a.text() != "Pre&ferences…" and shortcut in a.shortcuts()]
    assert clashes == []
    menu_action(window, "Pre&ferences…").trigger()
    dialog = window.findChild(PreferencesDialog)
    assert isinstance(dialog, PreferencesDialog) and dialog.isVisible()
    assert not is_dark()
    dialog.theme.setFocus()
    qtbot.keyClicks(dialog.theme, "Dark")
    assert is_dark()
    qtbot.waitUntil(lambda: window.palette().color(window.backgroundRole()).lightness() < 100,
                    timeout=2000)  # the open window is redrawn dark, not only new ones
    assert settings.value("preferences/theme") == "dark"
    shoot(window, "dark-window")
    shoot(dialog, "preferences-dark")
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Up)  # Light
    assert dialog.theme.currentText() == "Light" and not is_dark()
    assert settings.value("preferences/theme") == "light"
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Up)
    assert dialog.theme.currentText() == "Follow the system"
    assert settings.value("preferences/theme") == "system"


def test_preferences_export_profile_and_language(qtbot, window: MainWindow,
                                                 settings: QSettings, tmp_path: Path) -> None:
    dialog = window.edit_preferences()
    qtbot.addWidget(dialog)
    dialog.profile.setFocus()
    qtbot.keyClicks(dialog.profile, "Clean")
    assert export_profile(settings) == "clean"
    export = ExportDialog(tmp_path / "story", window)
    qtbot.addWidget(export)
    assert export.profile.currentData() == "clean"
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_End)
    assert dialog.language.currentText() == "Русский"
    assert settings.value("preferences/language") == "ru"
    assert "next start" in dialog.language_note.text()
    shoot(dialog, "preferences")


def test_backup_folder_is_used_by_the_next_automatic_backup(qtbot, settings: QSettings,
                                                            sample_file: Path,
                                                            tmp_path: Path) -> None:
    chosen = tmp_path / "Backups on the USB stick"
    chosen.mkdir()
    dialog = PreferencesDialog(settings, choose_folder=lambda _parent, _title: chosen)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(type(dialog.reset_folder), "prefBrowse"),
                     Qt.MouseButton.LeftButton)
    assert backup_folder(settings) == chosen and dialog.folder.text() == str(chosen)
    # A folder that cannot be written to is refused, and said.
    dialog.choose_folder = lambda _parent, _title: tmp_path / "no such folder"
    qtbot.mouseClick(dialog.findChild(type(dialog.reset_folder), "prefBrowse"),
                     Qt.MouseButton.LeftButton)
    assert "cannot be written" in dialog.problem.text() and backup_folder(settings) == chosen
    copy = tmp_path / "amur.casefile"
    copy.write_bytes(sample_file.read_bytes())
    controller = AppController(ScriptedPrompts(), settings)
    window = controller.open_path(copy)
    assert window is not None and window.auto_backup is not None
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.auto_backup.taken, timeout=30_000) as taken:
        window.auto_backup.take_now()
    entry = taken.args[0]
    assert entry.path.parent == chosen / str(window.case.info().uuid)
    assert entry.path.exists()
    window.close()
    qtbot.mouseClick(dialog.reset_folder, Qt.MouseButton.LeftButton)
    assert backup_folder(settings) is None and dialog.folder.text() == ""


def test_the_theme_chosen_is_applied_at_the_next_start(qtbot, settings: QSettings,
                                                       sample_file: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    from ui import app as app_module

    copy = tmp_path / "amur.casefile"
    copy.write_bytes(sample_file.read_bytes())
    settings.setValue("preferences/theme", "dark")
    settings.sync()
    assert not is_dark()
    assert app_module.main([str(copy), "--first-window", "--settings", settings.fileName()]) == 0
    assert is_dark()


def test_a_new_backup_folder_reaches_the_window_already_open(
        qtbot, settings: QSettings, sample_file: Path, tmp_path: Path) -> None:
    """Preferences say "From the next backup on": the case open now too, not only the next."""
    copy = tmp_path / "amur.casefile"
    copy.write_bytes(sample_file.read_bytes())
    controller = AppController(ScriptedPrompts(), settings)
    window = controller.open_path(copy)
    assert window is not None and window.auto_backup is not None
    qtbot.addWidget(window)
    chosen = tmp_path / "Backups on the USB stick"
    chosen.mkdir()
    dialog = window.edit_preferences()
    qtbot.addWidget(dialog)
    dialog.choose_folder = lambda _parent, _title: chosen
    qtbot.mouseClick(dialog.findChild(type(dialog.reset_folder), "prefBrowse"),
                     Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.auto_backup.taken, timeout=30_000) as taken:
        window.auto_backup.take_now()
    assert taken.args[0].path.parent == chosen / str(window.case.info().uuid)
    qtbot.mouseClick(dialog.reset_folder, Qt.MouseButton.LeftButton)  # back to the default
    assert window.auto_backup.shelf.folder.parent != chosen
    window.close()


def test_a_theme_switch_recolours_what_is_already_shown(qtbot, window: MainWindow,
                                                        case: CaseFile) -> None:
    """Labels styled by ui/palette.py (a problem in red) and sheets naming palette roles take
    the new theme's colours at once — read from the widgets after Dark is picked."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLabel

    from casefile.resources import resource_path
    from ui.palette import DARK, LIGHT, themed_icon

    settings_dialog = CaseSettingsDialog(case, window)
    qtbot.addWidget(settings_dialog)
    settings_dialog.show()
    problem = settings_dialog.problem
    problem.setText("A case needs a title")
    hint = QLabel("Nothing here yet", window)
    hint.setStyleSheet("color: palette(placeholder-text);")
    hint.show()
    prefs = window.edit_preferences()
    qtbot.addWidget(prefs)
    icon = themed_icon(resource_path("icons", "actions", "undo.svg"))  # one object, kept

    def icon_ink(icon: QIcon) -> set[str]:
        image = icon.pixmap(QSize(24, 24)).toImage()
        return {image.pixelColor(x, y).name() for x in range(24) for y in range(24)
                if image.pixelColor(x, y).alpha() == 255}

    def ink(label: QLabel) -> str:
        QApplication.processEvents()
        return label.palette().color(label.foregroundRole()).name()

    prefs.theme.setFocus()
    qtbot.keyClick(prefs.theme, Qt.Key.Key_Down)
    assert prefs.theme.currentText() == "Light" and ink(problem) == LIGHT["problem"]
    qtbot.keyClick(prefs.theme, Qt.Key.Key_Down)
    assert prefs.theme.currentText() == "Dark" and is_dark()
    assert ink(problem) == DARK["problem"] and ink(prefs.problem) == DARK["problem"]
    assert ink(hint) == QApplication.palette().color(QApplication.palette().ColorRole
                                                     .PlaceholderText).name()
    assert icon_ink(icon) == {"#e6e6e6"}  # the dark palette's text colour
    shoot(settings_dialog, "case-settings-dark")
    qtbot.keyClick(prefs.theme, Qt.Key.Key_Up)
    assert ink(problem) == LIGHT["problem"] and icon_ink(icon) == {"#1a1a1a"}


def test_case_languages_are_named_in_the_interface_language(qtbot, case: CaseFile,
                                                            monkeypatch) -> None:
    """The list of languages goes through tr(): a Russian interface lists "Русский (ru)"."""
    from ui import case_settings

    monkeypatch.setattr(case_settings, "tr", lambda text: f"«{text}»")
    dialog = CaseSettingsDialog(case)
    qtbot.addWidget(dialog)
    texts = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert "«Russian» (ru)" in texts and "«English» (en)" in texts
    assert all(t.startswith("«") for t in texts if t != case.info().language)
