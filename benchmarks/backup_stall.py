"""Does the window freeze while the app backs a case up? The app's own automatic backup (the
worker job of `ui/auto_backup.py`) runs on a copy of a case while the UI thread scrolls the
sources list; a 5 ms heartbeat on the UI thread gives the longest stall, split
by phase: copying pages (which takes turns with the lists on the file's one connection) and
checking the copy (its own connection). Target: no stall over 100 ms.

    .venv/bin/python benchmarks/backup_stall.py --scale small|large
    .venv/bin/python benchmarks/backup_stall.py --case path/to/story.casefile

The backup must succeed, or the benchmark fails: the job finishes, the copy is on the
shelf, opens, passes its check and holds the same records as the case.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.harness import (  # noqa: E402
    Heartbeat,
    app,
    expect,
    pump,
    pump_until,
    scratch_copy,
    window_for,
)
from benchmarks.make_large_case import path_for  # noqa: E402
from casefile import CaseFile  # noqa: E402

TARGET_MS = 100.0
BASELINE_TICKS = 600  # scrolling alone, for comparison (a few seconds)


class Phases:
    """When the copy and the check of the copy began and ended (perf_counter seconds)."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}

    def wrap(self, module: Any, name: str, phase: str) -> None:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.marks[f"{phase} start"] = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.marks[f"{phase} end"] = time.perf_counter()

        setattr(module, name, timed)

    def of(self, when: float) -> str:
        for phase in ("copy", "check"):
            start, end = self.marks.get(f"{phase} start"), self.marks.get(f"{phase} end")
            if start is not None and start <= when <= (end or float("inf")):
                return phase
        return "other"


def over(gaps: list[tuple[float, float]], ms: float) -> int:
    """How many of the gaps were longer than `ms`."""
    return sum(1 for _end, gap in gaps if gap * 1000 - 5 > ms)


class GapLog(Heartbeat):
    """The heartbeat, also keeping each long gap with the moment it ended."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[tuple[float, float]] = []  # (end, seconds)

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self.last > 0.02:
            self.gaps.append((now, now - self.last))
        super()._tick()


def scroll_a_little(window: Any, tick: int) -> None:
    """What a reader does while waiting: move up and down the sources list, now and then to
    its end (which loads the next page of rows)."""
    view = window.current_view()
    bar = view.verticalScrollBar()
    if tick % 20 == 0:
        view.scrollToBottom()
    else:
        span = bar.maximum() - bar.minimum()
        bar.setValue(bar.minimum() + span * (tick * 7 % 20) // 20)


def timed_pages(window: Any) -> list[float]:
    """The milliseconds of each page of rows the sources list loads from now on."""
    model = window.current_view().model()
    original = model.fetchMore
    pages: list[float] = []

    def fetch_timed(*args: Any) -> None:
        start = time.perf_counter()
        original(*args)
        pages.append((time.perf_counter() - start) * 1000)

    model.fetchMore = fetch_timed
    return pages


def lock_waits(case: CaseFile) -> list[float]:
    """The milliseconds the UI thread waits for the store's lock each time, from now on."""
    lock = case._store._lock  # noqa: SLF001 - measuring, not using, the store's lock
    original = lock.acquire
    waits: list[float] = []

    def acquire_timed() -> None:
        start = time.perf_counter()
        original()
        if threading.current_thread() is threading.main_thread():
            waits.append((time.perf_counter() - start) * 1000)

    try:
        lock.acquire = acquire_timed  # type: ignore[method-assign]
    except AttributeError:  # a plain RLock (before issue 16) cannot be measured this way
        waits.append(float("nan"))
    return waits


def bench_backup_stall(path: Path) -> dict[str, float]:
    """Figures for one app backup of a copy of `path` while its lists are scrolled."""
    import casefile.case as case_module
    from casefile.backups import BACKUP_DIR_ENV

    app()
    with scratch_copy(path) as copy, tempfile.TemporaryDirectory(prefix="bk-") as shelf_dir:
        os.environ[BACKUP_DIR_ENV] = shelf_dir
        CaseFile.open(copy).close()  # an older format is brought up to date first, untimed
        phases = Phases()
        phases.wrap(case_module, "online_backup", "copy")
        phases.wrap(case_module, "verify_copy", "check")
        case = CaseFile.open(copy)
        try:
            window = window_for(case)
            auto = window.start_auto_backup()
            auto.timer.stop()  # only the backup started below runs
            window.show_kind("source")
            pump(0.5)
            pages = timed_pages(window)
            with GapLog() as alone:  # the same scrolling with no backup: the floor
                alone_start = time.perf_counter()
                for tick in range(BASELINE_TICKS):
                    scroll_a_little(window, tick)
                    pump(0.005)
                alone_s = time.perf_counter() - alone_start
            alone_page_ms = max(pages, default=0.0)
            window.show_kind("source")  # a fresh list: its pages are loaded again
            pump(0.5)
            pages = timed_pages(window)
            waits = lock_waits(case)
            outcome: list[Any] = []
            with GapLog() as beat:
                start = time.perf_counter()
                job = auto.take_now()
                expect(job is not None, "the backup did not start")
                job.signals.finished.connect(lambda items: outcome.append(items))
                job.signals.failed.connect(lambda message: outcome.append(message))
                tick = 0
                while not outcome:
                    scroll_a_little(window, tick)
                    tick += 1
                    pump(0.005)
                    expect(time.perf_counter() - start < 1800, "the backup took over 30 min")
                elapsed = time.perf_counter() - start
                pump_until(lambda: auto.job is None, "the backup job")
            expect(isinstance(outcome[0], list), f"the backup failed: {outcome[0]}")
            entry = outcome[0][0]
            expect(entry.path.is_file(), f"{entry.path}: the backup is not on the shelf")
            counts = case.summary().counts
            backup_page_ms = max(pages, default=0.0)
            lock_wait_ms = max(waits, default=0.0)
            pages_loaded = len(pages)
            window.close()
        finally:
            case.close()
        with CaseFile.open(entry.path) as backup:
            expect(backup.summary().counts == counts,
                   "the backup does not hold the same records as the case")
            expect(backup.check().ok, "the backup fails its check")
        by_phase: dict[str, float] = {"copy": 0.0, "check": 0.0, "other": 0.0}
        long_ones: dict[str, int] = dict.fromkeys(by_phase, 0)
        for end, gap in beat.gaps:
            phase = phases.of(end - gap / 2)
            by_phase[phase] = max(by_phase[phase], gap * 1000 - 5)
            long_ones[phase] += gap * 1000 - 5 > TARGET_MS
        marks = phases.marks
        copy_s = marks["copy end"] - marks["copy start"]
        check_s = marks["check end"] - marks["check start"]
        size_mb = entry.size / 1e6
    figures = {
        "backup_stall_ms": beat.stall_ms, "scroll_alone_stall_ms": alone.stall_ms,
        "backup_stalls_over_100ms_per_min": over(beat.gaps, TARGET_MS) * 60 / elapsed,
        "alone_stalls_over_100ms_per_min": over(alone.gaps, TARGET_MS) * 60 / alone_s,
        "slowest_page_backup_ms": backup_page_ms, "slowest_page_alone_ms": alone_page_ms,
        "ui_lock_wait_ms": lock_wait_ms,
        "backup_stall_copy_ms": by_phase["copy"], "backup_stall_check_ms": by_phase["check"],
        "backup_stall_other_ms": by_phase["other"],
        **{f"backup_stalls_over_100ms_{k}": float(n) for k, n in long_ones.items()},
        "backup_s": elapsed, "backup_copy_s": copy_s, "backup_check_s": check_s,
        "backup_mb": size_mb, "backup_scroll_ticks": tick,
        "backup_pages_loaded": pages_loaded,
    }
    verdict = "ok" if beat.stall_ms < TARGET_MS else "MISSED"
    print(f"backup of {size_mb:.0f} MB in the app: {elapsed:.1f} s (copy {copy_s:.1f} s, check "
          f"{check_s:.1f} s), scrolling the sources list all along ({pages_loaded} pages "
          "of rows loaded)")
    print(f"  longest UI stall {beat.stall_ms:.0f} ms (copy {by_phase['copy']:.0f}, check "
          f"{by_phase['check']:.0f}, other {by_phase['other']:.0f}); stalls over "
          f"{TARGET_MS:.0f} ms: {figures['backup_stalls_over_100ms_per_min']:.1f}/min (copy "
          f"{long_ones['copy']}, check {long_ones['check']}, other {long_ones['other']}); slowest "
          f"page of rows {backup_page_ms:.0f} ms; longest UI-thread wait for the store's lock "
          f"{lock_wait_ms:.0f} ms")
    print(f"  the same scrolling without a backup ({alone_s:.1f} s): longest stall "
          f"{alone.stall_ms:.0f} ms; stalls over {TARGET_MS:.0f} ms: "
          f"{figures['alone_stalls_over_100ms_per_min']:.1f}/min; slowest page "
          f"{alone_page_ms:.0f} ms")
    print(f"  target: no stall over {TARGET_MS:.0f} ms during a backup: {verdict}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--scale", choices=["small", "large"], default="small")
    which.add_argument("--case", type=Path, help="a case file of your own (copied first)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    figures = bench_backup_stall(args.case or path_for(args.scale))
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
