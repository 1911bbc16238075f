"""What every benchmark shares: medians, the UI heartbeat, the event pump, a window over a case,
a peak-memory reading taken from outside the measured process, and `expect` — a benchmark
whose work failed must fail, never print a figure for work that was not done."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


class BenchmarkFailedError(AssertionError):
    """The timed work did not succeed (or did not produce what it should)."""


def expect(condition: object, what: str) -> None:
    """Fail the benchmark, saying what went wrong, unless `condition` holds."""
    if not condition:
        raise BenchmarkFailedError(what)


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(milliseconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


class Heartbeat:
    """A 5 ms QTimer on the UI thread; the longest gap between its ticks — counted from the
    moment it starts, and up to the moment it stops — is the longest UI-thread stall. (A
    stall that begins before the first tick or is still going on at the end counts too.)"""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1

    def __enter__(self) -> Heartbeat:
        self.longest, self.ticks = 0.0, 0
        self.timer.start()
        self.last = time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.longest = max(self.longest, time.perf_counter() - self.last)
        self.timer.stop()

    @property
    def stall_ms(self) -> float:
        return max(0.0, self.longest * 1000 - 5)


def pump(seconds: float = 0.0) -> None:
    """Let the event loop run (paint, timers, worker signals) for a while."""
    deadline = time.perf_counter() + seconds
    qt = app()
    qt.processEvents()
    while time.perf_counter() < deadline:
        qt.processEvents()
        time.sleep(0.001)


def pump_until(done: Callable[[], bool], what: str, timeout: float = 600.0) -> None:
    """Pump until `done()`; a job that never finishes fails the benchmark."""
    deadline = time.perf_counter() + timeout
    while not done():
        expect(time.perf_counter() < deadline, f"{what}: not finished after {timeout:.0f} s")
        pump(0.01)


def window_for(case: Any) -> Any:
    from ui.app import freeze_startup_objects
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    window = MainWindow(case, ScriptedPrompts())
    window.resize(1280, 800)
    window.show()
    freeze_startup_objects()  # as the app does once its window is up
    return window


@contextmanager
def scratch_copy(path: Path) -> Iterator[Path]:
    """A private copy of a cached case (benchmarks that write, migrate or back up never touch
    the cache), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        yield copy


def vm_hwm_mb(pid: int) -> float:
    """The peak resident memory of process `pid` (VmHWM: that process alone, since its exec)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise BenchmarkFailedError(f"no VmHWM for process {pid}")


def peak_of_child(args: list[str]) -> tuple[float, dict[str, Any]]:
    """Run `python benchmarks/scale.py ARGS` in a child and read its peak memory from outside:
    the child does its work, prints one JSON line and waits; the parent reads the child's
    VmHWM from /proc, then lets it exit. (The child's own `ru_maxrss` would include this
    process's memory at fork.)"""
    child = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "scale.py"), *args],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             cwd=ROOT)
    assert child.stdout is not None and child.stdin is not None
    try:
        line = ""
        for line in child.stdout:
            if line.startswith("{"):
                break
        expect(line.startswith("{"), f"child {args} ended without reporting")
        report = json.loads(line)
        peak = vm_hwm_mb(child.pid)
        child.stdin.write("\n")
        child.stdin.flush()
    finally:
        child.stdin.close()
        code = child.wait(timeout=120)
    expect(code == 0, f"child {args} failed with exit code {code}")
    return peak, report


def report_and_wait(report: dict[str, Any]) -> None:
    """The child's side of `peak_of_child`: say what was done, then wait to be measured."""
    print(json.dumps(report), flush=True)
    sys.stdin.readline()
