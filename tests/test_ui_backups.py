"""The safety net in the app: automatic backups, the Backups list, restoring as a copy (and
over the open file only after two confirmations), recovering a damaged file, checking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from casefile import CaseFile
from ui.controller import AppController
from ui.prompts import ScriptedPrompts


@pytest.fixture
def controller(tmp_path: Path, monkeypatch) -> AppController:
    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(tmp_path / "backups"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = AppController(ScriptedPrompts(), settings)
    yield made
    for window in list(made.windows):
        window.close()


def open_case(controller: AppController, tmp_path: Path, *names: str):
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Border trade") as case:
        for name in names:
            case.sources.create(name=name)
    return controller.open_path(path)


def backed_up(qtbot, window) -> object:
    with qtbot.waitSignal(window.auto_backup.taken, timeout=20_000) as signal:
        window.auto_backup.tick()
    return signal.args[0]


def test_the_app_backs_up_on_open_and_after_edits(qtbot, controller, tmp_path: Path) -> None:
    window = open_case(controller, tmp_path, "Yuri Petrov")
    first = backed_up(qtbot, window)
    assert "Backed up at" in window.statusBar().currentMessage()
    with CaseFile.open(first.path) as copy:
        assert copy.sources.page()[0].name == "Yuri Petrov"
    window.auto_backup.tick()  # nothing changed, and too soon: no second backup
    assert window.auto_backup.job is None
    assert len(window.auto_backup.shelf.entries()) == 1


def test_backups_list_and_restore_as_a_copy(qtbot, controller, tmp_path: Path) -> None:
    window = open_case(controller, tmp_path, "Before")
    entry = backed_up(qtbot, window)
    window.case.sources.create(name="After")
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.restore_button.isEnabled()
    out = tmp_path / "copy.casefile"
    controller.prompts.answers.extend([out, True])  # where to, then "open it now?"
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        dialog.restore_selected()
    suggested = [e for e in controller.prompts.shown if e[0] == "save"][-1][2]
    assert "story (backup " in suggested and suggested.endswith(".casefile")
    assert len(controller.windows) == 2
    restored = controller.windows[-1].case
    assert restored.path == out
    assert [s.name for s in restored.sources.page()] == ["Before"]
    assert entry.path.exists()  # restoring copies; the backup stays on the shelf
    dialog.close()


def test_restoring_over_the_open_file_needs_two_yeses(qtbot, controller,
                                                      tmp_path: Path) -> None:
    window = open_case(controller, tmp_path, "Before")
    entry = backed_up(qtbot, window)
    window.case.sources.create(name="After")
    path = window.case.path
    controller.prompts.answers.extend([path, True, False])  # the second "no" stops it
    window.restore_backup(entry)
    assert controller.windows == [window]
    assert window.case.sources.count() == 2
    controller.prompts.answers.extend([path, True, True])
    window.restore_backup(entry)
    assert len(controller.windows) == 1 and controller.windows[0] is not window
    reopened = controller.windows[0]
    assert [s.name for s in reopened.case.sources.page()] == ["Before"]
    # The file as it was just before is the newest backup, so this too can be undone.
    newest = reopened.start_auto_backup().shelf.entries()[0]
    with CaseFile.open(newest.path) as copy:
        assert copy.sources.count() == 2


def test_a_damaged_file_offers_recovery_and_opens_the_result(qtbot, controller,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "damaged.casefile"
    with CaseFile.create(path, title="Border trade") as case:
        case.sources.create(name="Yuri Petrov")
    with path.open("r+b") as fh:
        fh.write(b"\xff" * 16)  # the header's magic is gone
    out = tmp_path / "damaged (recovered).casefile"
    controller.prompts.answers.extend([True, out, True])  # recover? where? open it?
    assert controller.open_path(path) is None or controller.windows
    shown = controller.prompts.shown
    assert "the case file is damaged" in shown[0][2]
    assert any("nothing was lost" in e[2] for e in shown)
    assert len(controller.windows) == 1
    assert controller.windows[0].case.sources.page()[0].name == "Yuri Petrov"


def test_check_case_file_from_the_menu(qtbot, controller, tmp_path: Path) -> None:
    window = open_case(controller, tmp_path, "Yuri Petrov")
    with qtbot.waitSignal(window.job_finished, timeout=20_000):
        window.check_case_file()
    assert controller.prompts.shown[-1][0] == "info"
    assert "No problems" in controller.prompts.shown[-1][2]


def test_closing_during_a_backup_leaves_nothing_half_made(qtbot, controller,
                                                          tmp_path: Path, monkeypatch) -> None:
    import os

    from casefile.db import schema

    # Small steps (2 ms apart): the copy of ~24 MB lasts seconds, so the close surely comes
    # mid-copy, however fast or busy the machine (a fast one finished first, now and then).
    monkeypatch.setattr(schema, "BACKUP_STEP_PAGES", 8)
    window = open_case(controller, tmp_path)
    for i in range(12):  # ~24 MB of stored files: a backup of several steps
        data = tmp_path / f"scan{i}.pdf"
        data.write_bytes(os.urandom(2 * 1024 * 1024))
        window.case.documents.add_file(data, title=f"Scan {i}")
    auto = window.auto_backup
    outcomes: list[str] = []
    job = auto.take_now()
    job.signals.finished.connect(lambda _r: outcomes.append("finished"))
    job.signals.failed.connect(outcomes.append)
    qtbot.waitUntil(lambda: any(p.name.endswith(".part") for p in auto.shelf.folder.iterdir())
                    if auto.shelf.folder.exists() else False, timeout=20_000)
    window.close()  # mid-copy: stops the backup between steps, then closes the file
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    assert "stopped" in outcomes[0] or "closed" in outcomes[0], outcomes
    assert list(auto.shelf.folder.iterdir()) == []  # no copy, finished or not, left behind
    with CaseFile.open(window.case.path) as again:  # the case itself closed cleanly
        assert again.check().ok
