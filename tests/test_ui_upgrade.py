"""Opening an older case file in the app: the upgrade runs on a worker with a progress dialog,
and Cancel leaves the file as it was."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from sqlalchemy import Connection

from casefile import CaseFile
from casefile.db import migrations
from casefile.db.migrations import CURRENT_VERSION
from tests.conftest import FIXTURES, file_state
from ui import upgrade_dialog
from ui.controller import AppController
from ui.prompts import ScriptedPrompts

OLD = CURRENT_VERSION - 1  # written in WAL mode, like every file since format 6


def old_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.casefile"
    shutil.copyfile(FIXTURES / f"v{OLD}.casefile", path)
    return path


def controller(tmp_path: Path) -> tuple[AppController, ScriptedPrompts]:
    prompts = ScriptedPrompts([])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppController(prompts, settings), prompts


def test_an_old_file_opens_upgraded_with_its_progress_shown(qtbot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    path = old_copy(tmp_path)
    shown: list[tuple[str, int, int]] = []
    original = upgrade_dialog.UpgradeProgress.on_progress

    def watch(self: upgrade_dialog.UpgradeProgress, item: tuple[str, int, int]) -> None:
        original(self, item)
        assert self.dialog is not None and self.dialog.isVisible()
        shown.append(item)

    monkeypatch.setattr(upgrade_dialog.UpgradeProgress, "on_progress", watch)
    app, prompts = controller(tmp_path)
    case = app.open_case_file(path)
    assert case is not None
    with case:
        assert case.summary().schema_version == CURRENT_VERSION
    assert shown and shown[0][0].startswith("copying") and prompts.shown == []


def test_cancel_leaves_the_file_as_it_was(qtbot, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = old_copy(tmp_path)
    before = file_state(path)
    original = upgrade_dialog.UpgradeProgress.on_progress
    pressed = threading.Event()
    last_step = migrations.STEPS[CURRENT_VERSION]

    def slow_step(conn: Connection) -> None:  # the last step waits for the button
        assert pressed.wait(20)
        last_step(conn)

    def press_cancel(self: upgrade_dialog.UpgradeProgress, item: tuple[str, int, int]) -> None:
        original(self, item)
        if item[0] == f"format {CURRENT_VERSION}" and self.dialog is not None:
            self.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
            pressed.set()

    monkeypatch.setitem(migrations.STEPS, CURRENT_VERSION, slow_step)
    monkeypatch.setattr(upgrade_dialog.UpgradeProgress, "on_progress", press_cancel)
    app, prompts = controller(tmp_path)
    assert app.open_case_file(path) is None
    assert file_state(path) == before and prompts.shown == []


def test_a_current_file_opens_without_a_worker(qtbot, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.casefile"
    CaseFile.create(path, title="New").close()
    monkeypatch.setattr(upgrade_dialog.UpgradeProgress, "run", lambda self: pytest.fail())
    app, _prompts = controller(tmp_path)
    case = app.open_case_file(path)
    assert case is not None
    case.close()


def test_errors_from_the_worker_are_the_usual_messages(qtbot, tmp_path: Path) -> None:
    path = old_copy(tmp_path)
    path.write_bytes(path.read_bytes()[:4096] + b"\0" * 8192)  # damaged after the header
    app, prompts = controller(tmp_path)
    prompts.answers.append(False)  # no recovery, thanks
    assert app.open_case_file(path) is None
    assert prompts.shown and prompts.shown[0][1] == "Cannot open case file"


def test_an_encrypted_file_opens_through_the_worker_with_its_passphrase(
        qtbot, tmp_path: Path) -> None:
    from casefile.db.driver import encryption_available

    if not encryption_available():
        pytest.skip("SQLCipher is not installed")
    path = tmp_path / "locked.casefile"
    CaseFile.create(path, title="Locked", passphrase="correct horse battery").close()
    app, prompts = controller(tmp_path)
    prompts.answers.extend(["wrong passphrase", "correct horse battery"])
    case = app.open_case_file(path)
    assert case is not None
    with case:
        assert case.info().title == "Locked"
    assert [kind for kind, _t, _m in prompts.shown] == ["passphrase", "passphrase"]
