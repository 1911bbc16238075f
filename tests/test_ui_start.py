"""A start and a home: the start screen, the last case reopened at launch, new cases in
Documents opening in the window the user is in, and windows that fit the screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from casefile import CaseFile
from ui import app as app_module
from ui.controller import AppController
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.recent import recent_entries, remember
from ui.start_screen import StartScreen
from ui.window_fit import fitted

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
def copies(sample_file: Path, tmp_path: Path) -> list[Path]:
    """Two case files to open: copies of the sample."""
    out = []
    for name in ("amur.casefile", "ports.casefile"):
        path = tmp_path / "cases" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(sample_file.read_bytes())
        out.append(path)
    return out


@pytest.fixture
def controller(settings: QSettings, tmp_path: Path) -> Iterator[AppController]:
    made = AppController(ScriptedPrompts(), settings,
                         sample_path=lambda: tmp_path / "data" / "Sample case.casefile")
    yield made
    for window in list(made.windows):
        window.close()
    made.close_start_screen()


def script(controller: AppController, *answers: object) -> ScriptedPrompts:
    prompts = controller.prompts
    assert isinstance(prompts, ScriptedPrompts)
    prompts.answers.extend(answers)
    return prompts


def item_point(screen: StartScreen, row: int) -> QPoint:
    item = screen.recent.topLevelItem(row)
    assert item is not None
    return screen.recent.visualItemRect(item).center()


def double_click(screen: StartScreen, row: int) -> None:
    """A double click on a row of the recent cases (a press first, as a mouse makes)."""
    viewport, where = screen.recent.viewport(), item_point(screen, row)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      where)


def released(path: Path) -> bool:
    """The case file is closed (another open of it succeeds)."""
    with CaseFile.open(path):
        return True


def test_start_screen_new_case_in_documents(qtbot, controller: AppController, tmp_path: Path,
                                            monkeypatch) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda _where: str(documents))
    screen = controller.show_start()
    qtbot.addWidget(screen)
    assert screen.empty.isVisible() and not screen.recent.isVisible()
    assert "No case opened yet" in screen.empty.text()
    shoot(screen, "start-first-run")
    target = documents / "Casefile" / "Border story.casefile"
    prompts = script(controller, target, "Border story", False)
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    # The file dialog was offered Documents/Casefile (made for it), not the working folder.
    save = next(s for s in prompts.shown if s[0] == "save")
    assert save[2] == str(documents / "Casefile" / "Untitled.casefile")
    [window] = controller.windows
    assert window.case.path == target and window.case.info().title == "Border story"
    assert controller.start_screen is None and not screen.isVisible()


def test_start_screen_open_and_sample(qtbot, controller: AppController, copies: list[Path],
                                      tmp_path: Path) -> None:
    screen = controller.show_start()
    qtbot.addWidget(screen)
    script(controller, copies[0])
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    [window] = controller.windows
    assert window.case.path == copies[0] and not screen.isVisible()
    window.close()
    screen = controller.show_start()
    qtbot.addWidget(screen)
    qtbot.mouseClick(screen.sample_button, Qt.MouseButton.LeftButton)
    [window] = controller.windows
    sample = tmp_path / "data" / "Sample case.casefile"
    assert window.case.path == sample and sample.exists()
    assert window.windowTitle().startswith("Border trade on the Amur — Sample case.casefile")


def test_recent_cases_open_by_double_click_and_missing_ones_are_greyed(
        qtbot, controller: AppController, settings: QSettings, copies: list[Path]) -> None:
    gone = copies[1].with_name("moved away.casefile")
    gone.write_bytes(copies[1].read_bytes())
    for path in (copies[0], gone, copies[1]):
        remember(settings, path)
    gone.unlink()
    screen = controller.show_start()
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    shoot(screen, "start-recent")
    names = [screen.recent.topLevelItem(r).text(0) for r in range(3)]  # type: ignore[union-attr]
    assert names == ["ports", "moved away", "amur"]
    missing = screen.recent.topLevelItem(1)
    assert missing is not None and missing.text(2) == "Not found"
    assert missing.foreground(0).color() != screen.recent.topLevelItem(0).foreground(0).color()  # type: ignore[union-attr]
    double_click(screen, 1)
    assert controller.windows == [] and "moved away.casefile" in screen.note.text()
    assert screen.note.isVisible()
    qtbot.keyClick(screen.recent, Qt.Key.Key_Delete)  # off the list; no file touched
    assert [e.path.name for e in recent_entries(settings)] == ["ports.casefile",
                                                                "amur.casefile"]
    double_click(screen, 1)
    [window] = controller.windows
    assert window.case.path == copies[0].resolve()
    assert [e.path.name for e in recent_entries(settings)][0] == "amur.casefile"


def test_launch_reopens_the_last_case(qtbot, controller: AppController, settings: QSettings,
                                      copies: list[Path]) -> None:
    remember(settings, copies[1])
    remember(settings, copies[0])
    first = app_module.reopen_last(controller, unattended=False)
    assert isinstance(first, MainWindow) and first.case.path == copies[0].resolve()
    assert controller.start_screen is None


def test_launch_with_the_last_case_gone_says_so_on_the_start_screen(
        qtbot, controller: AppController, settings: QSettings, copies: list[Path]) -> None:
    remember(settings, copies[1])
    remember(settings, copies[0])
    copies[0].unlink()
    first = app_module.reopen_last(controller, unattended=False)
    assert isinstance(first, StartScreen) and controller.windows == []
    qtbot.addWidget(first)
    assert first.note.isVisible()
    assert "could not be found" in first.note.text() and "amur.casefile" in first.note.text()
    assert controller.prompts.shown == []  # type: ignore[attr-defined]  # quietly: no box
    shoot(first, "start-last-gone")


def test_smoke_without_a_last_case_goes_through_the_start_screen(
        qtbot, settings: QSettings, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "data" / "Sample case.casefile"
    monkeypatch.setattr(app_module, "default_case_path", lambda: target)
    ini = ["--settings", settings.fileName()]
    made: list[StartScreen] = []
    real = StartScreen.__init__

    def spy(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        real(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(StartScreen, "__init__", spy)
    assert app_module.main(["--smoke", *ini]) == 0
    assert len(made) == 1 and target.exists()
    settings.sync()
    assert app_module.main(["--first-window", *ini]) == 0  # reopens the sample: no start screen
    assert len(made) == 1


def test_unattended_runs_never_touch_the_users_settings_or_last_case(
        qtbot, tmp_path: Path, copies: list[Path], monkeypatch) -> None:
    """--smoke / --first-window on a reporter's machine: their recent list, preferences and
    last case are neither read nor changed; a private, empty set is used and removed."""
    users = QSettings(str(tmp_path / "users.ini"), QSettings.Format.IniFormat)
    remember(users, copies[0])
    users.setValue("preferences/theme", "dark")
    users.sync()
    before = Path(users.fileName()).read_bytes()
    asked: list[str] = []
    monkeypatch.setattr(app_module, "app_settings", lambda: asked.append("read") or users)
    sample = tmp_path / "data" / "Sample case.casefile"
    monkeypatch.setattr(app_module, "default_case_path", lambda: sample)
    opened: list[Path] = []
    real = AppController.show_case
    monkeypatch.setattr(AppController, "show_case", lambda self, case, replacing=None:
                        opened.append(case.path) or real(self, case, replacing))
    scratch: list[Path] = []
    made = app_module.make_private_dir
    monkeypatch.setattr(app_module, "make_private_dir", lambda: scratch.append(made()) or
                        scratch[-1])
    assert app_module.main(["--smoke"]) == 0
    assert opened == [sample]  # from the start screen: their last case not reopened
    assert app_module.main(["--first-window"]) == 0  # again empty: the start screen only
    assert opened == [sample]
    assert app_module.main([str(copies[1]), "--smoke"]) == 0
    assert asked == [] and Path(users.fileName()).read_bytes() == before
    assert len(scratch) == 3 and not any(folder.exists() for folder in scratch)


def test_a_missing_case_stays_on_the_list_until_removed(
        qtbot, controller: AppController, settings: QSettings, copies: list[Path],
        tmp_path: Path) -> None:
    """A case on a USB drive that is not plugged in is not forgotten because another case
    was opened: it stays, shown as not found, until the reporter removes it."""
    stick = tmp_path / "usb" / "border.casefile"
    stick.parent.mkdir()
    stick.write_bytes(copies[0].read_bytes())
    remember(settings, stick)
    stick.parent.rename(tmp_path / "unplugged")
    window = controller.open_path(copies[0])
    assert window is not None
    window.close()
    assert controller.open_path(copies[1]) is not None
    entries = recent_entries(settings)
    assert [e.path.name for e in entries] == ["ports.casefile", "amur.casefile",
                                              "border.casefile"]
    assert not entries[2].exists
    for window in list(controller.windows):
        window.close()
    screen = controller.show_start()
    qtbot.addWidget(screen)
    missing = screen.recent.topLevelItem(2)
    assert missing is not None and missing.text(2) == "Not found"
    screen.recent.setCurrentItem(missing)
    qtbot.mouseClick(screen.remove_button, Qt.MouseButton.LeftButton)
    assert [e.path.name for e in recent_entries(settings)] == ["ports.casefile",
                                                                "amur.casefile"]
    (tmp_path / "unplugged").rename(stick.parent)  # plugged in again: still its file
    assert stick.exists()


def test_new_and_open_from_a_case_window_take_its_place(
        qtbot, controller: AppController, copies: list[Path], tmp_path: Path,
        monkeypatch) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    window = controller.open_path(copies[0])
    assert window is not None
    area = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(QRect(area.left() + 20, area.top() + 40, 640, 500))
    where = window.geometry()
    window.interview_panel  # noqa: B018 - the window is fully built
    new_action = next(a for a in window.findChildren(type(window.undo_action))
                      if a.text() == "&New case file…")
    fresh = documents / "Casefile" / "Fresh.casefile"
    script(controller, fresh, "Fresh story", False)
    new_action.trigger()
    [second] = controller.windows
    assert second is not window and second.case.path == fresh
    assert second.geometry() == where and not window.isVisible()
    assert released(copies[0])  # the old case was closed
    # File → Open… from that window: again in its place.
    script(controller, copies[1])
    second.files.open_dialog()
    [third] = controller.windows
    assert third.case.path == copies[1] and third.geometry() == where
    assert released(fresh)
    # File → Open Recent from that window: again in its place.
    third.files.fill_recent(third.recent_menu)
    entry = next(a for a in third.recent_menu.actions() if a.text() == "Fresh.casefile")
    entry.trigger()
    [fourth] = controller.windows
    assert fourth.case.path == fresh.resolve() and fourth.geometry() == where
    assert released(copies[1])
    third = fourth
    # A file that will not open leaves the window as it was.
    junk = tmp_path / "junk.casefile"
    junk.write_text("not a case")
    assert controller.open_path(junk, third) is None
    assert controller.windows == [third] and third.isVisible()


def test_windows_fit_the_screen(qtbot, controller: AppController, settings: QSettings,
                                copies: list[Path]) -> None:
    small = QRect(0, 0, 1024, 700)
    # The default size on a 1024×700 screen: shrunk to it, the title bar kept on it.
    got = fitted(QRect(100, 80, 1200, 720), small)
    assert got.width() == 1024 and got.bottom() <= small.bottom()
    assert got.top() >= 32 and got.left() == 0
    # A position saved on a second monitor since unplugged: moved back on.
    got = fitted(QRect(2500, 1400, 900, 600), small)
    assert small.contains(got) and got.size().width() == 900
    # A real window from the controller on the (offscreen, 800×800) screen.
    window = controller.open_path(copies[0])
    assert window is not None
    area = window.screen().availableGeometry()
    assert area.contains(window.geometry())
    # Its place is kept for the next window — moved back if it is now off-screen.
    window.setGeometry(QRect(area.left() + 10, area.top() + 50, 700, 700))
    window.close()
    again = controller.open_path(copies[1])
    assert again is not None and again.geometry() == QRect(area.left() + 10,
                                                           area.top() + 50, 700, 700)
    again.move(area.right() + 400, area.bottom() + 300)
    again.close()
    third = controller.open_path(copies[0])
    assert third is not None and area.contains(third.geometry())


def test_icons_are_drawn_at_the_screens_pixel_ratio(qtbot) -> None:
    """What Casefile does for high-DPI screens: its line icons are drawn from the vector at
    the device's pixel ratio (150 %: 1.5 × as many pixels), never a 1x bitmap scaled up."""
    from PySide6.QtCore import QSize

    from casefile.resources import resource_path
    from ui.palette import themed_icon

    icon = themed_icon(resource_path("icons", "actions", "delete.svg"))
    for ratio, side in ((1.0, 20), (1.5, 30), (2.0, 40)):
        pixmap = icon.pixmap(QSize(20, 20), ratio)
        assert pixmap.size() == QSize(side, side) and pixmap.devicePixelRatio() == ratio
    sharp = icon.pixmap(QSize(20, 20), 2.0).toImage()
    blown_up = icon.pixmap(QSize(20, 20), 1.0).toImage().scaled(40, 40)
    assert sharp.convertToFormat(blown_up.format()) != blown_up  # drawn again, finer
    inked = [sharp.pixelColor(x, y).alpha() for x in range(40) for y in range(40)]
    assert sum(a == 255 for a in inked) > 20 and any(0 < a < 255 for a in inked)
