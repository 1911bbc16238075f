"""Source protection in the app: encrypted case files through dialogs, a log that never holds
record contents, and no network — ever — from the app or the command line."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from casefile import CaseFile
from casefile.db import driver
from ui.controller import AppController
from ui.prompts import ScriptedPrompts

PASS = "amur river at dawn"
needs_cipher = pytest.mark.skipif(not driver.encryption_available(),
                                  reason="the sqlcipher3 driver is not installed")


def controller_with(tmp_path: Path, answers: list) -> AppController:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppController(ScriptedPrompts(answers), settings)


def close_all(controller: AppController) -> None:
    for window in list(controller.windows):
        window.close()


@needs_cipher
def test_an_encrypted_case_opens_after_the_passphrase_dialog(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    CaseFile.create(path, title="Border trade", passphrase=PASS).close()
    controller = controller_with(tmp_path, ["amur river at dusk", PASS])
    window = controller.open_path(path)
    assert window is not None and "(encrypted)" in window.windowTitle()
    asked = [e for e in controller.prompts.shown if e[0] == "passphrase"]
    assert len(asked) == 2 and asked[1][2].startswith("Wrong passphrase")
    assert all(PASS not in " ".join(e) for e in controller.prompts.shown)
    assert window.crypt_action.text().startswith("Remove encr")
    close_all(controller)
    cancelled = controller_with(tmp_path, [None])
    assert cancelled.open_path(path) is None and cancelled.windows == []


@needs_cipher
def test_new_encrypted_case_and_encrypt_then_decrypt_from_the_menu(qtbot,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    controller = controller_with(tmp_path, [path, "Border trade", True, PASS, PASS])
    window = controller.new_case()
    assert window is not None and window.case.encrypted
    assert not path.read_bytes().startswith(b"SQLite format 3")
    window.case.sources.create(name="Yuri Petrov")
    # Remove the encryption (confirm, current passphrase), then put it back (twice).
    controller.prompts.answers.extend([True, PASS])
    plain = controller.convert(window, encrypt=False)
    assert plain is not None and not plain.case.encrypted
    assert path.read_bytes().startswith(b"SQLite format 3")
    controller.prompts.answers.extend([PASS, PASS])
    again = controller.convert(plain, encrypt=True)
    assert again is not None and again.case.encrypted
    assert again.case.sources.page()[0].name == "Yuri Petrov"
    assert len(controller.windows) == 1
    controller.prompts.answers.extend([PASS, "a different one"])  # typos: nothing changes
    assert controller.convert(again, encrypt=True) is None
    close_all(controller)


def test_the_log_never_holds_record_contents(qtbot, app_log: Path, sample: CaseFile) -> None:
    import logging

    from sqlalchemy.exc import IntegrityError

    from ui.errors import install_excepthook
    from ui.tasks import Job

    log_path = app_log
    prompts = ScriptedPrompts()
    hook = install_excepthook(prompts)
    name = sample.sources.page()[0].name
    try:
        try:
            raise IntegrityError("INSERT INTO sources (name) VALUES (?)", (name,), None)
        except IntegrityError as inner:
            raise ValueError(f"could not save {name}") from inner
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)

    def failing(_cancel):
        raise RuntimeError(f"transcript said: {sample.interviews.page()[0].transcript[:80]}")
        yield  # pragma: no cover

    job = Job(failing)
    with qtbot.waitSignal(job.signals.failed, timeout=10_000):
        job.run()
    for handler in logging.getLogger("casefile").handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "ValueError" in text and "IntegrityError" in text and "RuntimeError" in text
    assert name not in text and "transcript said" not in text
    assert sample.interviews.page()[0].transcript[:40] not in text
    assert prompts.shown[0][0] == "error" and name not in prompts.shown[0][2]


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python code could reach the network fails loudly and is recorded."""
    attempts: list[str] = []

    def refuse(what):
        def call(*args, **_kwargs):
            attempts.append(f"{what} {args[1:] if what == 'connect' else args}")
            raise OSError(f"test: no network ({what})")
        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def test_the_command_line_never_touches_the_network(no_network, tmp_path: Path,
                                                    capsys) -> None:
    from casefile.cli import main

    case = tmp_path / "story.casefile"
    steps = [
        ["demo", case], ["info", case], ["search", case, "trucks"], ["claims", case],
        ["check-draft", case], ["export", case, "--out", tmp_path / "d.docx", "--allow-blocking"],
        ["import-review", case, tmp_path / "d.docx"], ["dump", case, "--out", tmp_path / "b.zip"],
        ["new", tmp_path / "copy.casefile", "--title", "Copy"],
        ["import", tmp_path / "copy.casefile", tmp_path / "b.zip"],
        ["export-csl", case, "--out", tmp_path / "refs.json"], ["check", case],
        ["backup", case, "--out", tmp_path / "backup.casefile"],
    ]
    for step in steps:
        code = main([str(a) for a in step])
        assert code in (0, 1), (step, capsys.readouterr())
    assert (tmp_path / "d.docx").exists() and (tmp_path / "copy.casefile").exists()
    assert no_network == []


def test_the_app_never_touches_the_network(no_network, qtbot, sample: CaseFile,
                                           tmp_path: Path) -> None:
    from ui.export_dialog import ExportOptions
    from ui.kinds import VIEWS
    from ui.main_window import MainWindow

    window = MainWindow(sample, ScriptedPrompts([True, False]))  # export anyway; folder: no
    qtbot.addWidget(window)
    window.show()
    for view in VIEWS:
        window.show_kind(view.key)
        if window.list_model is not None and window.list_model.rowCount():
            window.current_view().setCurrentIndex(window.list_model.index(0, 0))
    window.search("trucks")
    window.show_kind("draft")
    window.table.selectRow(0)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.export_draft(ExportOptions(tmp_path / "draft.docx"))
    assert no_network == []
    # Qt's own network and SQL modules are never loaded (its SQL plugin would be a second
    # SQLite library on the case file).
    assert "PySide6.QtNetwork" not in sys.modules and "PySide6.QtSql" not in sys.modules


@pytest.mark.parametrize("where", ["caption", "body"])
def test_a_refused_export_shows_the_words_in_their_record(qtbot, sample: CaseFile,
                                                          tmp_path: Path, where: str) -> None:
    """The refusal says where the name is, and "Show me" opens that record with the words
    selected: the photo's caption, or the draft's text at the name."""
    from casefile.claims.draft_text import DraftText
    from ui.export_dialog import ExportOptions
    from ui.main_window import MainWindow

    [draft] = sample.drafts.page()
    attack = "Ar\u00adtyom Be\u200blov"
    if where == "caption":
        photo_id = DraftText.parse(draft.body).photos[0]
        sample.photos.update(photo_id, caption=f"The post, with {attack} on duty")
    else:
        sample.drafts.update(draft.uuid, body=draft.body + f"\n\nAs {attack} put it.")
    # caption: "Export anyway" (the sample's deliberate findings), then "Show me" on the
    # refusal; body: the checker's finding already says no override helps — "Show me".
    prompts = ScriptedPrompts([True, True] if where == "caption" else [True])
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    out = tmp_path / "draft.docx"
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.export_draft(ExportOptions(out))
    assert not out.exists()
    refusal = prompts.shown[-1]
    assert "the confidential source's name" in refusal[2]
    assert ("Ar⟨U+00AD⟩tyom Be⟨U+200B⟩lov" if where == "caption" else attack) in refusal[2]
    if where == "caption":
        assert "in the caption of photo" in refusal[2]
        assert window.current_kind == "photo"
        assert window.photo_panel.caption.selectedText() == attack
    else:
        assert "cannot be exported until the name is replaced" in refusal[2]
        assert len([m for m in prompts.shown if m[0] == "confirm"]) == 1  # no "Export anyway"
        assert window.current_kind == "draft"
        assert window.draft_panel.body.textCursor().selectedText() == attack
    window.close()
