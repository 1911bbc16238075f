"""The window stays responsive while a Word export runs on a worker (issue 16).

What froze it was the garbage collector, not python-docx: the export keeps the case's claims,
links and protected identities alive, its allocations set off a full collection every second
or so, and each walked the whole heap holding the GIL (100–300 ms on the large benchmark
case). The export and its checker now run with full passes deferred, and every job with a
1 ms GIL switch interval. Speed is not asserted here: that no full pass starts during the
export, that the interpreter's settings come back however a job ends, and that the export
still writes its file."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casefile import CaseFile

# Enough surviving containers to set off a full pass in any test process (a full pass
# waits for the old generation to grow by a quarter).
SURVIVORS = 1_500_000


@pytest.fixture
def full_passes() -> Iterator[list[str]]:
    """The thread name of every full (generation 2) collection while the test runs."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(threading.current_thread().name)

    gc.callbacks.append(note)
    # The suite collects on the main thread only (tests/conftest.py, as the app does); here
    # the automatic collector runs, so that a deferred full pass is really put to the test.
    gc.enable()
    try:
        yield seen
    finally:
        gc.disable()
        gc.callbacks.remove(note)


def _allocating(then: Any = None) -> Any:
    """Work that builds a large live heap, as the export of a long investigation does."""
    def work(*args: Any, **kwargs: Any) -> Any:
        heap = [[] for _ in range(SURVIVORS)]
        result = then(*args, **kwargs) if then is not None else [len(heap)]
        del heap
        return result
    return work


def _run(job: Any, qtbot: Any) -> list[Any]:
    """Start a job on the pool and wait for what it reports (its items, or its message)."""
    from PySide6.QtCore import QThreadPool

    got: list[Any] = []
    job.signals.finished.connect(got.append)
    job.signals.failed.connect(got.append)
    QThreadPool.globalInstance().start(job)
    qtbot.waitUntil(lambda: bool(got), timeout=60_000)
    return got


def test_a_job_that_builds_a_large_heap_sets_off_full_collections(qtbot, full_passes) -> None:
    """The control: without deferral the same work does set one off (so the test below can
    see what it claims to prevent)."""
    from ui.tasks import Job

    assert _run(Job(_allocating()), qtbot) == [[SURVIVORS]]
    assert full_passes


def test_no_full_collection_runs_while_a_deferring_job_works(qtbot, full_passes) -> None:
    from ui.tasks import Job

    before = gc.get_threshold()
    assert _run(Job(_allocating(), defer_full_gc=True), qtbot) == [[SURVIVORS]]
    assert full_passes == []
    assert gc.get_threshold() == before


def test_the_settings_come_back_when_a_job_fails_and_when_jobs_overlap(qtbot) -> None:
    from PySide6.QtCore import QThreadPool

    from ui.tasks import JOB_SWITCH_INTERVAL, Job

    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    inside: list[tuple[Any, float]] = []
    release = threading.Event()
    started = threading.Event()

    def long(_cancel: Any) -> list[int]:
        started.set()
        release.wait(30)
        inside.append((gc.get_threshold(), sys.getswitchinterval()))
        return [1]

    def failing(_cancel: Any) -> list[int]:
        inside.append((gc.get_threshold(), sys.getswitchinterval()))
        raise RuntimeError("boom")

    first = Job(long, defer_full_gc=True)
    QThreadPool.globalInstance().start(first)
    try:
        assert started.wait(30)
        assert _run(Job(failing, defer_full_gc=True), qtbot)[0].startswith("The job stopped")
        # The failed job ended while the first still ran: the first keeps its settings.
        assert gc.get_threshold()[2] > thresholds[2] * 1000
    finally:
        release.set()
        QThreadPool.globalInstance().waitForDone(30_000)
    assert [(t[:2], i) for t, i in inside] == [(thresholds[:2], JOB_SWITCH_INTERVAL)] * 2
    assert all(t[2] > thresholds[2] * 1000 for t, _ in inside)
    assert gc.get_threshold() == thresholds and sys.getswitchinterval() == interval


def test_the_window_exports_with_full_collections_deferred(
        sample: CaseFile, qtbot, tmp_path: Path, full_passes,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the window as a reporter does it (checker, "Export anyway", export): no full
    pass starts on any thread while the checker or the export works, and the file is written.
    Both here also build the large heap of a long investigation."""
    import casefile.export.docx_draft as docx_draft
    from ui.export_dialog import ExportOptions
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    during: list[tuple[bool, list[str]]] = []  # (on the UI thread, full passes meanwhile)

    def watched(work: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = len(full_passes)
            try:
                return _allocating(work)(*args, **kwargs)
            finally:
                during.append((threading.current_thread() is threading.main_thread(),
                               full_passes[start:]))
        return run

    monkeypatch.setattr(docx_draft, "export_draft", watched(docx_draft.export_draft))
    monkeypatch.setattr(sample.drafts, "check", watched(sample.drafts.check))
    out = tmp_path / "for the editor.docx"
    prompts = ScriptedPrompts([True, False])  # Export anyway; "Show it in its folder?" no
    thresholds = gc.get_threshold()  # before any job: opening the draft starts its check
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    with qtbot.waitSignal(window.job_finished, timeout=120_000) as blocker:
        window.export_draft(ExportOptions(out))
    assert blocker.args[1][0].path == out and out.exists()
    assert window.pool.waitForDone(60_000)  # the panel's check of the re-selected draft
    # The checker's job, then the export's (which checks again), and the draft panel's own
    # checks (on opening, after the list reload) — all on workers: no full pass in any.
    on_workers = [passes for on_ui, passes in during if not on_ui]
    assert len(on_workers) >= 3 and not any(on_workers) and len(on_workers) == len(during), \
        during
    # The last job hands the collector back when its finish reaches the UI thread.
    qtbot.waitUntil(lambda: gc.get_threshold() == thresholds and not window.jobs,
                    timeout=30_000)
