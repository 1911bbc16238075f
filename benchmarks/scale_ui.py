"""The benchmarks of `scale.py` that drive the real window (offscreen): open, lists, memory,
opening a deep record, and the UI's responsiveness while jobs run. Each checks that what it
timed was done (rows shown, the record selected, the photos imported, the .docx written)."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (  # noqa: E402
    Heartbeat,
    app,
    expect,
    peak_of_child,
    pump,
    pump_until,
    report_and_wait,
    scratch_copy,
    window_for,
)
from benchmarks.make_large_case import jpeg, path_for  # noqa: E402
from casefile import CaseFile  # noqa: E402

LIST_ROWS = 2000


# -- 1. open --------------------------------------------------------------------------------

def open_once(path: Path) -> float:
    from ui.kinds import VIEWS

    app()
    start = time.perf_counter()
    case = CaseFile.open(path)
    window = window_for(case)
    shown = {}
    for view in VIEWS:
        window.show_kind(view.key)
        pump()
        shown[view.key] = window.current_view().model().rowCount()
    elapsed = time.perf_counter() - start
    counts = case.summary().counts
    for key, rows in shown.items():
        if counts.get(key):
            expect(rows > 0, f"open: the {key} list showed no rows of {counts[key]}")
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


# -- 3. lists -------------------------------------------------------------------------------

def scroll_through(window: Any, key: str, rows: int) -> tuple[float, float, int]:
    """(longest stall ms, slowest page ms, rows shown) scrolling `key`'s list to `rows`."""
    window.show_kind(key)
    pump(0.05)
    view = window.current_view()
    model = view.model()
    pages: list[float] = []
    original = model.fetchMore

    def fetch_timed(*args: Any) -> None:
        start = time.perf_counter()
        original(*args)
        pages.append((time.perf_counter() - start) * 1000)

    model.fetchMore = fetch_timed
    wanted = min(rows, model.total)
    with Heartbeat() as beat:
        while model.rowCount() < wanted:
            bar = view.verticalScrollBar()
            for step in range(10):
                bar.setValue(bar.minimum() + (bar.maximum() - bar.minimum()) * step // 10)
                pump(0.002)
            view.scrollToBottom()
            pump(0.01)
        pump(0.3)  # thumbnails arriving from the worker
    shown = model.rowCount()
    expect(shown >= wanted, f"list {key}: {shown} rows shown of the {wanted} scrolled to")
    return beat.stall_ms, max(pages, default=0.0), shown


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
    """Visit every view and scroll each list, then wait to have the peak read from outside."""
    from ui.kinds import VIEWS

    app()
    shown = {}
    with CaseFile.open(path_for(scale)) as case:
        window = window_for(case)
        for view in VIEWS:
            window.show_kind(view.key)
            pump(0.02)
        for key in ("source", "photo", "claim", "interview", "document"):
            shown[key] = scroll_through(window, key, LIST_ROWS)[2]
        window.close()
        pump()
        report_and_wait({"rows": shown})


def bench_memory(scale: str, _runs: int) -> dict[str, float]:
    peaks = {}
    for name in dict.fromkeys(["small", scale]):
        peaks[name], report = peak_of_child(["--memory-child", name])
        expect(sum(report["rows"].values()) > 0, f"memory {name}: no rows were scrolled")
    ratio = peaks[scale] / peaks["small"]
    print(f"4. peak memory (VmHWM of the child, read from outside) after every view and "
          f"scrolling: small {peaks['small']:.0f} MB, {scale} {peaks[scale]:.0f} MB; ratio "
          f"{ratio:.2f} (target < 400 MB, < 1.3)")
    return {"memory small MB": peaks["small"], f"memory {scale} MB": peaks[scale],
            "memory ratio": ratio}


# -- 9. opening a record at any depth --------------------------------------------------------

def _deepest(case: CaseFile, key: str) -> str:
    """The UUID of the last record of `key`'s list, in the list's own order."""
    from ui.kinds import BY_KEY

    view = BY_KEY[key]
    total = view.count(case)
    expect(total > 0, f"deep record: no {key} records")
    [row] = view.fetch(case, total - 1, 1)
    record = row[0] if isinstance(row, tuple) else row
    return str(record.uuid)


def bench_deep(scale: str, runs: int) -> dict[str, float]:
    """Open the last claim and the last photo the way a search hit does (the window's
    `open_record`): the longest stall, which is the whole wait, since it runs on the UI thread."""
    from ui.main_window import UuidRole

    app()
    figures = {}
    with CaseFile.open(path_for(scale)) as case:
        window = window_for(case)
        pump(0.2)
        for key in ("claim", "photo", "source"):
            target = _deepest(case, key)
            stalls = []
            for _ in range(runs):
                window.show_kind("draft")  # leave the list, as after a search
                pump(0.05)
                with Heartbeat() as beat:
                    opened = window.open_record(key, target)
                    pump(0.01)
                stalls.append(beat.stall_ms)
                view = window.current_view()
                expect(opened and view.currentIndex().data(UuidRole) == target,
                       f"deep record: the last {key} was not selected")
            figures[f"deep {key} ms"] = statistics.median(stalls)
            print(f"9. open the last {key} from a search hit: {figures[f'deep {key} ms']:.0f} ms"
                  " on the UI thread (target < 100)")
        window.close()
        pump()
    return figures


# -- 8. responsiveness ---------------------------------------------------------------------

def bench_responsive(scale: str, _runs: int) -> dict[str, float]:
    from docx import Document

    from ui.export_dialog import ExportOptions

    app()
    figures = {}
    with scratch_copy(path_for(scale)) as copy, \
            tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        card = Path(tmp) / "card"
        card.mkdir()
        rng = random.Random(8)
        for i in range(200):
            (card / f"NEW_{i:03d}.jpg").write_bytes(jpeg(900_000 + i, rng))
        with CaseFile.open(copy) as case:
            photos_before = case.photos.count()
            window = window_for(case)
            window.show_kind("photo")
            pump(0.2)
            window.prompts.answers.extend([None] * 5)
            finished: list[Any] = []
            window.job_finished.connect(lambda title, result: finished.append((title, result)))
            with Heartbeat() as beat:
                window.import_photos([card])
                pump_until(lambda: bool(finished), "photo import")
            figures["import stall ms"] = beat.stall_ms
            added = case.photos.count() - photos_before
            expect(added == 200, f"photo import: {added} photos added of 200")
            print(f"8. importing 200 photos in the app: longest stall {beat.stall_ms:.0f} ms "
                  "(target < 100)")
            drafts = case.drafts.page(limit=100)
            longest = max(drafts, key=lambda d: len(d.body))
            window.show_kind("draft")
            pump(0.1)
            expect(window.open_record("draft", str(longest.uuid)), "export: draft not selected")
            pump(0.1)
            finished.clear()
            window.prompts.answers.clear()  # whatever the import did not ask
            if any(f.blocking for f in case.drafts.check(longest.uuid)):
                window.prompts.answers.append(True)  # "Export anyway?" — yes
            window.prompts.answers.append(False)  # "Show it in its folder?" — no
            out = Path(tmp) / "draft.docx"
            with Heartbeat() as beat:
                window.export_draft(ExportOptions(out, "editor", True, False))
                pump_until(lambda: bool(finished), "export")
            figures["export stall ms"] = beat.stall_ms
            expect(out.is_file(), f"export: no .docx written ({finished})")
            text = "\n".join(p.text for p in Document(str(out)).paragraphs)
            expect(longest.headline in text, "export: the draft's headline is not in the .docx")
            print(f"8. exporting a {len(longest.body):,}-character draft in the app: longest "
                  f"stall {beat.stall_ms:.0f} ms (target < 100)")
            window.close()
            pump()
    return figures


# -- 15. the automatic backup ----------------------------------------------------------------

def bench_backup(scale: str, _runs: int) -> dict[str, float]:
    """The longest UI stall while the app's automatic backup copies and checks the case
    (benchmarks/backup_stall.py; it fails unless the copy is made, opens and checks)."""
    from benchmarks.backup_stall import bench_backup_stall

    figures = bench_backup_stall(path_for(scale))
    print(f"15. automatic backup in the app: longest stall {figures['backup_stall_ms']:.0f} ms "
          f"(scrolling alone {figures['scroll_alone_stall_ms']:.0f} ms; target < 100)")
    return figures
