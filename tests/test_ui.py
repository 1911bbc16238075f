"""The desktop app starts on a case, shows it, and turns open errors into messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from casefile import CaseFile
from ui import app as app_module
from ui.main_window import MainWindow
from ui.navigator import CountRole, KindRole, NavigatorModel


def test_navigator_model_without_a_window(qtbot) -> None:
    model = NavigatorModel()
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.set_counts({"source": 8, "claim": 10, "trash": 1})
    assert model.rowCount() == 9
    rows = {model.data(model.index(r), KindRole): model.data(model.index(r), CountRole)
            for r in range(model.rowCount())}
    assert rows["source"] == 8 and rows["claim"] == 10 and rows["photo"] == 0
    assert model.data(model.index(0)) == "Sources  (8)"
    assert changed == [(0, 8)]


def test_main_window_shows_the_case(qtbot, sample: CaseFile, tmp_path: Path) -> None:
    window = MainWindow(sample)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Border trade on the Amur — sample.casefile — Casefile"
    model = window.navigator.model()
    labels = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert "Sources  (10)" in labels and "Claims  (15)" in labels and "Trash  (0)" in labels
    sample.sources.create(name="New source")  # through the core: the window hears of it
    qtbot.waitUntil(lambda: model.data(model.index(0)) == "Sources  (11)", timeout=2000)
    shot = tmp_path / "window.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 1000


def test_smoke_run_starts_and_exits_cleanly(qtbot, sample_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "case.casefile"
    copy.write_bytes(sample_file.read_bytes())
    shot = tmp_path / "smoke.png"
    assert app_module.main([str(copy), "--smoke", "--screenshot", str(shot)]) == 0
    assert shot.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.casefile", "smoke.png"]


def test_no_file_opens_the_sample_case(qtbot, tmp_path: Path, monkeypatch) -> None:
    """First run: no case to reopen, so the start screen; --smoke opens the sample case from
    it (as package-test does). The next start reopens that case, the one opened last."""
    from PySide6.QtCore import QSettings

    from ui.recent import last_case

    target = tmp_path / "data" / "Sample case.casefile"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(app_module, "default_case_path", lambda: target)
    ini = ["--settings", settings.fileName()]  # unattended runs never use the user's own
    shown = []
    monkeypatch.setattr(app_module.AppController, "show_start",
                        lambda self, note="", real=app_module.AppController.show_start:
                        shown.append(note) or real(self, note))
    assert app_module.main(["--smoke", *ini]) == 0
    assert shown == [""]  # the start screen, nothing to say on a first run
    with CaseFile.open(target) as case:
        assert case.info().title == "Border trade on the Amur"
    entry = last_case(settings)
    assert entry is not None and entry.path == target.resolve()
    settings.sync()
    assert app_module.main(["--smoke", *ini]) == 0  # second start reopens it: no start screen
    assert shown == [""]


def test_open_errors_become_messages_not_tracebacks(qtbot, case: CaseFile, tmp_path: Path,
                                                    monkeypatch, capsys) -> None:
    assert app_module.main([str(case.path), "--smoke"]) == 1
    assert "already open" in capsys.readouterr().err
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    junk = tmp_path / "junk.casefile"
    junk.write_text("not a case")
    assert app_module.main([str(junk)]) == 1
    assert shown and "not a Casefile case file" in shown[0]


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_app_version_and_help(flag: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        app_module.main([flag])
    assert info.value.code == 0
    assert capsys.readouterr().out


def test_about_lists_versions_of_everything(qtbot) -> None:
    from ui.main_window import about_text

    text = about_text()
    for name in ("Casefile", "Python", "SQLite", "SQLAlchemy", "python-docx", "Pillow", "Qt",
                 "PySide6"):
        assert f"{name}: " in text
    assert "not installed" not in text


def test_app_icon_ships_and_loads(qtbot) -> None:
    from PySide6.QtGui import QIcon

    from casefile.resources import resource_path

    icon = QIcon(str(resource_path("icons", "casefile.svg")))
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()


def test_f2_goes_to_the_first_field_of_the_record(sample, qtbot) -> None:
    from ui.prompts import ScriptedPrompts

    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.table.selectRow(0)
    window.focus_detail()
    qtbot.waitUntil(lambda: window.source_form.name.hasFocus() or
                    window.focusWidget() is window.source_form.name, timeout=2000)


@pytest.mark.parametrize(("program", "expected"), [("/opt/casefile/casefile", "casefile "),
                                                   ("/opt/casefile/casefile-app", "Casefile "),
                                                   ("C:/Casefile/casefile.exe", "casefile ")])
def test_one_program_is_the_cli_when_started_as_casefile(program: str, expected: str,
                                                         monkeypatch, capsys) -> None:
    import ui.__main__ as entry

    monkeypatch.setattr("sys.argv", [program, "--version"])
    with pytest.raises(SystemExit) as done:
        entry.run()
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(expected)


def test_installer_icons_are_rendered_from_the_svg() -> None:
    from PIL import Image

    from casefile.resources import resource_path

    with Image.open(resource_path("icons", "casefile.ico")) as ico:
        assert {(16, 16), (32, 32), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(resource_path("icons", "casefile.icns")) as icns:
        assert icns.size[0] >= 512
    with Image.open(resource_path("icons", "casefile.png")) as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
        assert png.getpixel((128, 128))[3] == 255 and png.getpixel((0, 0))[3] == 0
