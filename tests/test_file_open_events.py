"""A file the desktop hands the running app (macOS: a double-clicked .casefile arrives as a
QFileOpenEvent) opens in a window of its own; a bad one is said, not a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from ui.controller import AppController
from ui.file_open_events import FileOpenEvents
from ui.prompts import ScriptedPrompts


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[AppController]:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    made = AppController(ScriptedPrompts(), settings)
    yield made
    for window in list(made.windows):
        window.close()
    made.close_start_screen()


def test_a_file_open_event_opens_the_case_in_a_window(qtbot, controller: AppController,
                                                       sample_file: Path, tmp_path: Path
                                                       ) -> None:
    story = tmp_path / "border story.casefile"
    story.write_bytes(sample_file.read_bytes())
    host = QObject()
    FileOpenEvents(host).release(lambda path: controller.open_path(path, in_place=False))
    assert QApplication.sendEvent(host, QFileOpenEvent(str(story)))  # taken, not passed on
    qtbot.waitUntil(lambda: len(controller.windows) == 1)
    assert controller.windows[0].case.path.resolve() == story.resolve()
    # The same file again (a second double-click) raises that window, opens no other.
    QApplication.sendEvent(host, QFileOpenEvent(QUrl.fromLocalFile(str(story))))
    qtbot.wait(50)
    assert len(controller.windows) == 1


def test_a_bad_file_is_said_and_nothing_opens(qtbot, controller: AppController,
                                              tmp_path: Path) -> None:
    bad = tmp_path / "notes.casefile"
    bad.write_text("not a case file")
    host = QObject()
    FileOpenEvents(host).release(lambda path: controller.open_path(path, in_place=False))
    QApplication.sendEvent(host, QFileOpenEvent(str(bad)))
    prompts = controller.prompts
    assert isinstance(prompts, ScriptedPrompts)
    qtbot.waitUntil(lambda: bool(prompts.shown))
    assert "notes.casefile" in " ".join(str(m) for m in prompts.shown)
    assert controller.windows == []


def test_other_events_pass_through(qtbot) -> None:
    opened: list[Path] = []
    host = QObject()
    events = FileOpenEvents(host)
    events.release(opened.append)
    # No file, no URL: not ours to take (passed on), while a file is taken.
    assert not events.eventFilter(host, QFileOpenEvent(""))
    assert events.eventFilter(host, QFileOpenEvent("/cases/a.casefile"))
    qtbot.waitUntil(lambda: opened == [Path("/cases/a.casefile")])


def test_held_events_wait_for_the_launch_then_open_at_once(qtbot) -> None:
    opened: list[Path] = []
    host = QObject()
    events = FileOpenEvents(host)
    QApplication.sendEvent(host, QFileOpenEvent("/cases/a.casefile"))
    QApplication.sendEvent(host, QFileOpenEvent("/cases/b.casefile"))
    qtbot.wait(20)
    assert opened == []  # held: the launch decides what opens first
    assert events.release(opened.append) == [Path("/cases/a.casefile"),
                                             Path("/cases/b.casefile")]
    QApplication.sendEvent(host, QFileOpenEvent("/cases/c.casefile"))
    qtbot.waitUntil(lambda: opened == [Path("/cases/c.casefile")])
    assert events.release(opened.append) == []


def test_an_app_launched_by_opening_a_file_opens_that_file_not_the_sample(
        qtbot, sample_file: Path, tmp_path: Path, monkeypatch) -> None:
    """The macOS launch: the double-clicked file arrives as the app's first event; it is the
    window that opens (not the case opened last, not the start screen's sample)."""
    from casefile.case import CaseFile
    from ui import app as app_module

    story = tmp_path / "clicked.casefile"
    story.write_bytes(sample_file.read_bytes())
    monkeypatch.setattr(app_module, "default_case_path",
                        lambda: tmp_path / "data" / "Sample case.casefile")
    opened: list[Path] = []
    real = AppController.show_case

    def spy(self: AppController, case: CaseFile, replacing: object = None) -> object:
        opened.append(case.path)
        return real(self, case, replacing)  # type: ignore[arg-type]

    monkeypatch.setattr(AppController, "show_case", spy)
    QApplication.postEvent(QApplication.instance(), QFileOpenEvent(str(story)))
    assert app_module.main(["--first-window"]) == 0
    assert [p.resolve() for p in opened] == [story.resolve()]
