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
    FileOpenEvents(host, lambda path: controller.open_path(path, in_place=False))
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
    FileOpenEvents(host, lambda path: controller.open_path(path, in_place=False))
    QApplication.sendEvent(host, QFileOpenEvent(str(bad)))
    prompts = controller.prompts
    assert isinstance(prompts, ScriptedPrompts)
    qtbot.waitUntil(lambda: bool(prompts.shown))
    assert "notes.casefile" in " ".join(str(m) for m in prompts.shown)
    assert controller.windows == []


def test_other_events_pass_through(qtbot) -> None:
    opened: list[Path] = []
    host = QObject()
    FileOpenEvents(host, opened.append)
    QApplication.sendEvent(host, QFileOpenEvent(""))  # no file, no URL: not ours to take
    qtbot.wait(20)
    assert opened == []
