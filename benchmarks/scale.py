"""Does Casefile feel the same with a long investigation as with the sample? Benchmarks on the
synthetic case of `make_large_case.py`, each printing its figures, its target or floor, and
the ratio.

    .venv/bin/python benchmarks/scale.py --scale small|large [--runs 5] [--only open,search]

1. open — open the file and show the main window with the first page of every list drawn
   (offscreen); compared with the small case (target: large/small ≤ 1.5, under 1 s).
2. search — top 50 with snippets for a common word, a rare word, a phrase, a Cyrillic word,
   against the bare FTS5 query on the same index (target: median < 50 ms, ≤ 1.5x the floor).
3. lists — show and scroll through the first 2,000 rows of sources, the photo grid and claims
   with their support summaries: the longest UI-thread stall (a QTimer heartbeat; target
   < 100 ms) and the slowest page of rows (target < 50 ms).
4. memory — peak RSS after visiting every view and scrolling each list, in a fresh process
   (target < 400 MB, large/small < 1.3).
7. bundle — dump and import of the whole case, records per second, against raw `executemany`
   inserts of the same rows (target within 3x).
8. responsiveness — the longest UI stall while importing 200 photos and while exporting a
   large draft in the app (target < 100 ms).
(5 and 6, photo import and export, are `photo_import.py` and `export_docx.py`.)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.make_large_case import QUERIES, jpeg, path_for  # noqa: E402
from casefile import CaseFile  # noqa: E402

LIST_ROWS = 2000


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


class Heartbeat:
    """A 5 ms QTimer; the longest gap between its ticks is the longest UI-thread stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            self.longest = max(self.longest, now - self.last)
        self.last = now

    def __enter__(self) -> Heartbeat:
        self.last, self.longest = 0.0, 0.0
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
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


def window_for(case: CaseFile) -> Any:
    from ui.app import freeze_startup_objects
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    window = MainWindow(case, ScriptedPrompts())
    window.resize(1280, 800)
    window.show()
    freeze_startup_objects()  # as the app does once its window is up
    return window


# -- 1. open --------------------------------------------------------------------------------

def open_once(path: Path) -> float:
    from ui.kinds import VIEWS

    app()
    start = time.perf_counter()
    case = CaseFile.open(path)
    window = window_for(case)
    for view in VIEWS:
        window.show_kind(view.key)
        pump()
    elapsed = time.perf_counter() - start
    window.close()
    case.close()
    pump()
    return elapsed * 1000


def bench_open(scale: str, runs: int) -> dict[str, float]:
    figures = {}
    for name in dict.fromkeys(["small", scale]):
        path = path_for(name)
        open_once(path)  # warm the page cache: both read from memory
        figures[name] = statistics.median(open_once(path) for _ in range(runs))
    ratio = figures[scale] / figures["small"]
    print(f"1. open + window + first page of every list: small {figures['small']:.0f} ms, "
          f"{scale} {figures[scale]:.0f} ms; ratio {ratio:.2f} (target ≤ 1.5, under 1000 ms)")
    return {"open_small_ms": figures["small"], f"open_{scale}_ms": figures[scale],
            "open_ratio": ratio}


# -- 2. search ------------------------------------------------------------------------------

BARE = ("SELECT rowid, title, snippet(search_index, -1, '[', ']', '…', 10) FROM search_index "
        "WHERE search_index MATCH ? ORDER BY bm25(search_index, 4.0, 1.0) LIMIT 50")


def bench_search(scale: str, runs: int) -> dict[str, float]:
    from casefile.db import driver

    path = path_for(scale)
    figures: dict[str, float] = {}
    raw = driver.connect(path)
    try:
        with CaseFile.open(path) as case:
            for name, query in QUERIES.items():
                case.search.search(query, limit=50, snippet_words=10)  # warm
                ours = median_ms(lambda q=query: case.search.search(q, limit=50,
                                                                    snippet_words=10), runs)
                figures[name] = ours
        for name, query in QUERIES.items():
            raw.execute(BARE, (query,)).fetchall()
            floor = median_ms(lambda q=query: raw.execute(BARE, (q,)).fetchall(), runs)
            ratio = figures[name] / floor
            print(f"2. search, {name:13}: {figures[name]:6.1f} ms; bare FTS5 {floor:6.1f} ms; "
                  f"ratio {ratio:.2f} (target < 50 ms, ≤ 1.5)")
            figures[f"{name} floor"] = floor
    finally:
        raw.close()
    return {f"search {k} ms": v for k, v in figures.items()}


# -- 3. lists -------------------------------------------------------------------------------

def scroll_through(window: Any, key: str, rows: int) -> tuple[float, float, int]:
    """(longest stall ms, slowest page ms, rows shown) scrolling `key`'s list to `rows`."""
    window.show_kind(key)
    pump(0.05)
    view = window.grid if key == "photo" else window.table
    model = view.model()
    pages: list[float] = []
    original = model.fetchMore

    def timed(*args: Any) -> None:
        start = time.perf_counter()
        original(*args)
        pages.append((time.perf_counter() - start) * 1000)

    model.fetchMore = timed
    with Heartbeat() as beat:
        while model.rowCount() < min(rows, model.total):
            bar = view.verticalScrollBar()
            for step in range(10):
                bar.setValue(bar.minimum() + (bar.maximum() - bar.minimum()) * step // 10)
                pump(0.002)
            view.scrollToBottom()
            pump(0.01)
        pump(0.3)  # thumbnails arriving from the worker
    return beat.stall_ms, max(pages, default=0.0), model.rowCount()


def bench_lists(scale: str, _runs: int) -> dict[str, float]:
    app()
    figures = {}
    with CaseFile.open(path_for(scale)) as case:
        window = window_for(case)
        pump(0.2)
        for key in ("source", "photo", "claim"):
            stall, page, shown = scroll_through(window, key, LIST_ROWS)
            print(f"3. list {key:7}: {shown} rows; longest stall {stall:.0f} ms (target < 100); "
                  f"slowest page {page:.0f} ms (target < 50)")
            figures[f"list {key} stall ms"], figures[f"list {key} page ms"] = stall, page
        window.close()
        pump()
    return figures


# -- 4. memory ------------------------------------------------------------------------------

def memory_child(scale: str) -> None:
    from ui.kinds import VIEWS

    app()
    with CaseFile.open(path_for(scale)) as case:
        window = window_for(case)
        for view in VIEWS:
            window.show_kind(view.key)
            pump(0.02)
        for key in ("source", "photo", "claim", "interview", "document"):
            scroll_through(window, key, LIST_ROWS)
        window.close()
        pump()
    print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}),
          flush=True)
    os._exit(0)  # skip interpreter teardown: Qt objects' destructors are not measured


def bench_memory(scale: str, _runs: int) -> dict[str, float]:
    peaks = {}
    for name in dict.fromkeys(["small", scale]):
        done = subprocess.run([sys.executable, __file__, "--memory-child", name],
                              capture_output=True, text=True, check=True)
        peaks[name] = json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]
    ratio = peaks[scale] / peaks["small"]
    print(f"4. peak memory after every view and scrolling: small {peaks['small']:.0f} MB, "
          f"{scale} {peaks[scale]:.0f} MB; ratio {ratio:.2f} (target < 400 MB, < 1.3)")
    return {"memory small MB": peaks["small"], f"memory {scale} MB": peaks[scale],
            "memory ratio": ratio}


# -- 7. bundle ------------------------------------------------------------------------------

def _rows(path: Path) -> tuple[list[tuple[str, str]], dict[str, list[tuple[Any, ...]]]]:
    """The file's table definitions and every row of its ordinary tables."""
    from casefile.db import driver

    conn = driver.connect(path)
    try:
        schema = [(n, s) for n, s in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
            "'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid")]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_index%'")]
        return schema, {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    finally:
        conn.close()


def floor_inserts(path: Path, out: Path) -> tuple[int, float]:
    """(rows, seconds) to executemany every row into an empty file of the same schema
    (search triggers included: the import maintains the index too)."""
    from casefile.db import driver

    schema, data = _rows(path)
    conn = driver.connect(out)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = OFF")
    for name, sql in schema:
        if not name.startswith("search_index_"):  # made by the index's own CREATE
            conn.execute(sql)
    start = time.perf_counter()
    with conn:
        for table, rows in data.items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
    seconds = time.perf_counter() - start
    conn.close()
    return sum(len(r) for r in data.values()), seconds


def bench_bundle(scale: str, _runs: int) -> dict[str, float]:
    from casefile.bundle import dump_bundle, import_bundle

    path = path_for(scale)
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        bundle = Path(tmp) / "case.zip"
        with CaseFile.open(path) as case:
            records = sum(case.summary().counts.values())
            start = time.perf_counter()
            dump_bundle(case, bundle)
            dumped = time.perf_counter() - start
        start = time.perf_counter()
        with CaseFile.create(Path(tmp) / "imported.casefile", title="Import") as target:
            import_bundle(target, bundle)
        imported = time.perf_counter() - start
        rows, floor = floor_inserts(path, Path(tmp) / "floor.casefile")
    dump_rate, import_rate, floor_rate = records / dumped, records / imported, rows / floor
    print(f"7. bundle of {records:,} records ({bundle_size(path)}): dump {dump_rate:,.0f} "
          f"records/s, import {import_rate:,.0f} records/s; floor (raw executemany of "
          f"{rows:,} rows) {floor_rate:,.0f} rows/s; import ratio {floor_rate / import_rate:.2f}"
          " (target within 3)")
    return {"dump records/s": dump_rate, "import records/s": import_rate,
            "floor rows/s": floor_rate, "import ratio": floor_rate / import_rate}


def bundle_size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.0f} MB case"


# -- 8. responsiveness ---------------------------------------------------------------------

def bench_responsive(scale: str, _runs: int) -> dict[str, float]:
    import random

    from ui.export_dialog import ExportOptions

    app()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        copy = Path(tmp) / "case.casefile"
        shutil.copyfile(path_for(scale), copy)
        card = Path(tmp) / "card"
        card.mkdir()
        rng = random.Random(8)
        for i in range(200):
            (card / f"NEW_{i:03d}.jpg").write_bytes(jpeg(900_000 + i, rng))
        with CaseFile.open(copy) as case:
            window = window_for(case)
            window.show_kind("photo")
            pump(0.2)
            window.prompts.answers.extend([None] * 5)
            finished: list[Any] = []
            window.job_finished.connect(lambda title, result: finished.append(title))
            with Heartbeat() as beat:
                window.import_photos([card])
                while not finished:
                    pump(0.01)
            figures["import stall ms"] = beat.stall_ms
            print(f"8. importing 200 photos in the app: longest stall {beat.stall_ms:.0f} ms "
                  "(target < 100)")
            drafts = case.drafts.page(limit=100)
            longest = max(drafts, key=lambda d: len(d.body))
            window.show_kind("draft")
            pump(0.1)
            row = [d.uuid for d in window.list_model._rows].index(longest.uuid)
            window.table.selectRow(row)
            pump(0.1)
            finished.clear()
            if any(f.blocking for f in case.drafts.check(longest.uuid)):
                window.prompts.answers.append(True)  # "Export anyway?" — yes
            with Heartbeat() as beat:
                window.export_draft(ExportOptions(Path(tmp) / "draft.docx", "editor", True,
                                                  False))
                while not finished:
                    pump(0.01)
            figures["export stall ms"] = beat.stall_ms
            print(f"8. exporting a {len(longest.body):,}-character draft in the app: longest "
                  f"stall {beat.stall_ms:.0f} ms (target < 100)")
            window.close()
            pump()
    return figures


BENCHES = {"open": bench_open, "search": bench_search, "lists": bench_lists,
           "memory": bench_memory, "bundle": bench_bundle, "responsive": bench_responsive}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "large"], default="small")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated: " + ",".join(BENCHES))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    path_for("small")
    path_for(args.scale)
    chosen = args.only.split(",") if args.only else list(BENCHES)
    figures: dict[str, float] = {}
    for name in chosen:
        figures.update(BENCHES[name](args.scale, args.runs))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
