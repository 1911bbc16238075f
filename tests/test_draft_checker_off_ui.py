"""The draft checker never runs on the UI thread, and never holds the store while it matches.

On a long investigation the checker reads every quote and source and takes most of a second:
run on the UI thread when a draft was opened, saved, or re-selected at the end of the Word
export, it froze the window for ~800 ms (issue 16, benchmarks/scale.py "responsive")."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import casefile.services.claims as claims_service
from casefile import CaseFile
from ui.export_dialog import ExportOptions
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts


def _record_checker_threads(case: CaseFile, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    threads: list[int] = []
    check = case.drafts.check

    def recording(ref: Any) -> Any:
        threads.append(threading.get_ident())
        return check(ref)

    monkeypatch.setattr(case.drafts, "check", recording)
    return threads


def _window(case: CaseFile, qtbot: Any, answers: list[Any] | None = None) -> MainWindow:
    window = MainWindow(case, ScriptedPrompts(answers))
    qtbot.addWidget(window)
    window.show()
    window.show_kind("draft")
    return window


def test_opening_a_draft_checks_it_on_a_worker(sample: CaseFile, qtbot: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    [draft] = sample.drafts.page()
    expected = [f.message for f in sample.drafts.check(draft.uuid)]
    threads = _record_checker_threads(sample, monkeypatch)
    window = _window(sample, qtbot)
    assert window.open_record("draft", str(draft.uuid))
    panel = window.draft_panel
    qtbot.waitUntil(lambda: panel.findings.count() == len(expected), timeout=30_000)
    shown = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert expected and [t.removeprefix("BLOCKING: ") for t in shown] == expected
    assert threads and threading.get_ident() not in threads


def test_the_word_export_never_checks_on_the_ui_thread(sample: CaseFile, qtbot: Any,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    [draft] = sample.drafts.page()
    blocking = any(f.blocking for f in sample.drafts.check(draft.uuid))
    threads = _record_checker_threads(sample, monkeypatch)
    window = _window(sample, qtbot, ([True] if blocking else []) + [False])
    assert window.open_record("draft", str(draft.uuid))
    finished: list[Any] = []
    window.job_finished.connect(lambda title, result: finished.append(result))
    out = tmp_path / "draft.docx"
    window.export_draft(ExportOptions(out, "editor", True, False))
    qtbot.waitUntil(lambda: bool(finished), timeout=60_000)
    qtbot.waitUntil(lambda: len(threads) >= 3, timeout=30_000)
    assert out.is_file()
    # the panel's check on opening, the export's own, the panel's after the list reload
    assert threading.get_ident() not in threads
    qtbot.waitUntil(lambda: window.draft_panel.findings.count() > 0, timeout=30_000)


def test_the_checker_matches_with_the_store_free(sample: CaseFile,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[bool] = []
    check_draft = claims_service.check_draft

    def watching(*args: Any) -> Any:
        held.append(sample._store._lock.held())
        return check_draft(*args)

    monkeypatch.setattr(claims_service, "check_draft", watching)
    [draft] = sample.drafts.page()
    assert sample.drafts.check(draft.uuid)
    assert held == [False]


def test_a_stale_check_does_not_overwrite_a_newer_one(sample: CaseFile, qtbot: Any) -> None:
    window = _window(sample, qtbot)
    [draft] = sample.drafts.page()
    assert window.open_record("draft", str(draft.uuid))
    panel = window.draft_panel
    panel.run_checker()  # two runs in flight: only the later one's findings are shown
    seen: list[Any] = []
    panel.checked.connect(seen.append)
    qtbot.waitUntil(lambda: not panel.checking(), timeout=30_000)
    assert len(seen) == 1
