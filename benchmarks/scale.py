"""Does Casefile feel the same with a long investigation as with the sample? Benchmarks on the
synthetic case of `make_large_case.py`, each printing its figures, its target or floor, and
the ratio — and each failing, instead of printing, if the work it timed did not succeed.

    .venv/bin/python benchmarks/scale.py --scale small|large [--runs 5] [--only open,search]

1. open — open the file and show the main window with the first page of every list drawn
   (offscreen); compared with the small case (target: large/small ≤ 1.5, under 1 s).
2. search — top 50 with snippets for a common word, a rare word, a phrase, a Cyrillic word and
   two word forms found only by stemming, against the same ranked FTS5 query without stemming
   or snippet() (target: median < 50 ms, ≤ 1.5x that floor).
3. lists — show and scroll through the first 2,000 rows of sources, the photo grid and claims
   with their support summaries: the longest UI-thread stall (a QTimer heartbeat; target
   < 100 ms) and the slowest page of rows (target < 50 ms).
4. memory — peak RSS after visiting every view and scrolling each list, in a child process whose
   VmHWM is read from outside (target < 400 MB, large/small < 1.3).
7. bundle — dump and import of the whole case, records per second and each one's peak memory,
   against raw `executemany` inserts of the same rows (target within 3x).
8. responsive — the longest UI stall while importing 200 photos and while exporting the longest
   draft in the app (target < 100 ms); the photos must arrive and the .docx be written.
9. deep — opening the last claim, photo and source of their lists as a search hit does
   (target < 100 ms on the UI thread).
10. claims — `casefile claims` and `--weak` over the whole case (target < 2 s).
11. check — `casefile check` and `check --quick`.
12. counts — the summary's counts and every list's total (run at every open, save, job end).
13. rebuild — the search index rebuilt from the records (the repair; an upgrade that changes
    what the index holds).
14. export — Word export of the longest draft, clean and editor profiles.
15. backup — the longest UI stall while the app's automatic backup runs (target < 100 ms).
16. upgrade — opening a case written by an older version (format 7), progress steps timed.
17. sorting — a large list sorted by a column that is not its own order (sources by location,
    photos by caption, claims by status): the first page and the row 90% of the way down, each
    read by key (target < 50 ms).
18. batch — one caption on 1,000 photos and one tag on 1,000 sources, each one unit of work
    (target < 10 s each; the app runs them on a worker with a progress bar).
(5 and 6, photo import and export against bare libraries, are `photo_import.py` and
`export_docx.py`.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import scale_core, scale_lists, scale_ui  # noqa: E402
from benchmarks.make_large_case import path_for  # noqa: E402

BENCHES: dict[str, Callable[[str, int], dict[str, float]]] = {
    "open": scale_ui.bench_open, "search": scale_core.bench_search,
    "lists": scale_ui.bench_lists, "memory": scale_ui.bench_memory,
    "bundle": scale_core.bench_bundle, "responsive": scale_ui.bench_responsive,
    "deep": scale_ui.bench_deep, "claims": scale_core.bench_claims,
    "check": scale_core.bench_check, "counts": scale_core.bench_counts,
    "rebuild": scale_core.bench_rebuild, "export": scale_core.bench_export,
    "backup": scale_ui.bench_backup, "upgrade": scale_core.bench_upgrade,
    "sorting": scale_lists.bench_sorting, "batch": scale_lists.bench_batch,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "large"], default="small")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated: " + ",".join(BENCHES))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    parser.add_argument("--bundle-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        scale_ui.memory_child(args.memory_child)
        return 0
    if args.bundle_child:
        scale_core.bundle_child(*args.bundle_child)
        return 0
    path_for("small")
    path_for(args.scale)
    chosen = args.only.split(",") if args.only else list(BENCHES)
    unknown = [c for c in chosen if c not in BENCHES]
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)}")
    figures: dict[str, float] = {}
    for name in chosen:
        figures.update(BENCHES[name](args.scale, args.runs))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
