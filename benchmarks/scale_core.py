"""The benchmarks of `scale.py` that need no window: search, the claims command, check, counts,
bundles, the search-index rebuild and Word export by profile. Each asserts that what it timed
succeeded and produced what it should; floors are the same work done the plainest way."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (  # noqa: E402
    ROOT,
    expect,
    median_ms,
    peak_of_child,
    report_and_wait,
    scratch_copy,
    timed,
)
from benchmarks.make_large_case import QUERIES, path_for  # noqa: E402
from casefile import CaseFile  # noqa: E402

# -- 2. search ------------------------------------------------------------------------------

# The same ranked query the app runs, without FTS5's snippet() (the app cuts its snippets in
# Python and never asks FTS5 for one): like compared with like.
BARE = ("SELECT rowid, title FROM search_index WHERE search_index MATCH ? "
        "ORDER BY bm25(search_index, 4.0, 1.0) LIMIT 50")
# Word forms the text does not hold as typed ("truck": the text says "trucks"; "таможни": it
# says "таможня"): found only by stemming.
STEMMED = {"other form (en)": "truck", "other form (ru)": "таможни"}


def bench_search(scale: str, runs: int) -> dict[str, float]:
    """Ours (stemmed, snippets cut in Python) against the bare ranked FTS5 query of the same
    words (no stemming, no snippet()), and against ours with stemming off."""
    from casefile.db import driver
    from casefile.search import to_fts_query

    path = path_for(scale)
    figures: dict[str, float] = {}
    found: dict[str, int] = {}
    with CaseFile.open(path) as case:
        for name, query in {**QUERIES, **STEMMED}.items():
            hits = case.search.search(query, limit=50, snippet_words=10)  # warm
            found[name] = len(hits)
            expect(hits and all(h.snippet for h in hits), f"search {name}: no hits/snippets")
            figures[name] = median_ms(lambda q=query: case.search.search(
                q, limit=50, snippet_words=10), runs)
            unstemmed = len(case.search.search(query, limit=50, stemming=False))
            expect(unstemmed <= found[name], f"search {name}: stemming lost hits")
            figures[f"{name} unstemmed"] = median_ms(lambda q=query: case.search.search(
                q, limit=50, snippet_words=10, stemming=False), runs)
    raw = driver.connect(path)
    try:
        for name, query in {**QUERIES, **STEMMED}.items():
            fts = to_fts_query(query)
            raw.execute(BARE, (fts,)).fetchall()
            floor = median_ms(lambda q=fts: raw.execute(BARE, (q,)).fetchall(), runs)
            bare_hits = len(raw.execute(BARE, (fts,)).fetchall())
            expect(found[name] >= bare_hits, f"search {name}: {found[name]} hits, bare FTS5 "
                                             f"{bare_hits}")
            ratio = figures[name] / floor
            print(f"2. search, {name:15}: {figures[name]:6.1f} ms ({found[name]} hits; "
                  f"without stemming {figures[f'{name} unstemmed']:6.1f} ms); bare ranked "
                  f"FTS5 query, no stemming or snippet() {floor:6.1f} ms ({bare_hits} hits); "
                  f"ratio {ratio:.2f} (target < 50 ms, ≤ 1.5)")
            figures[f"{name} floor"] = floor
    finally:
        raw.close()
    return {f"search {k} ms": v for k, v in figures.items()}


# -- 10. the claims command -----------------------------------------------------------------

def _cli(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "casefile", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return (time.perf_counter() - start) * 1000, done


def bench_claims(scale: str, runs: int) -> dict[str, float]:
    path = path_for(scale)
    with CaseFile.open(path) as case:
        claims = case.claims.count()
    figures = {}
    for name, extra in (("all", ()), ("weak", ("--weak",))):
        times = []
        for _ in range(max(1, min(runs, 3))):
            ms, done = _cli("claims", str(path), *extra)
            expect(done.returncode == 0, f"claims {name}: {done.stderr[-400:]}")
            times.append(ms)
        lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
        if name == "all":
            expect(len(lines) >= claims, f"claims: {len(lines)} lines for {claims} claims")
        figures[f"claims {name} ms"] = statistics.median(times)
        print(f"10. casefile claims {' '.join(extra)}: {statistics.median(times):,.0f} ms for "
              f"{claims:,} claims, {len(lines):,} lines (target < 2,000 ms, process start "
              "included)")
    return figures


# -- 11. check ------------------------------------------------------------------------------

def bench_check(scale: str, _runs: int) -> dict[str, float]:
    path = path_for(scale)
    figures = {}
    for name, extra in (("full", ()), ("quick", ("--quick",))):
        ms, done = _cli("check", str(path), *extra)
        expect(done.returncode == 0, f"check {name}: {done.stdout[-400:]}{done.stderr[-400:]}")
        figures[f"check {name} ms"] = ms
        print(f"11. casefile check {' '.join(extra)}: {ms:,.0f} ms")
    return figures


# -- 12. counts -----------------------------------------------------------------------------

def bench_counts(scale: str, runs: int) -> dict[str, float]:
    """What every open, save and job end asks: the summary's counts and each list's total."""
    from sqlalchemy import text

    from ui.kinds import VIEWS

    path = path_for(scale)
    with CaseFile.open(path) as case:
        def refresh() -> dict[str, int]:
            counts = dict(case.summary().counts)
            for view in VIEWS:
                counts[f"list {view.key}"] = view.count(case)
            return counts

        counts = refresh()
        with case._store.read() as s:
            real = int(s.execute(text("SELECT count(*) FROM claims WHERE trash_id IS NULL"))
                       .scalar_one())
        expect(counts["claim"] == real == counts["list claim"],
               f"counts: claims {counts['claim']} / list {counts['list claim']} / real {real}")
        ms = median_ms(refresh, runs)
    print(f"12. counts for the summary and every list: {ms:.1f} ms")
    return {"counts ms": ms}


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


def bundle_child(scale: str, step: str, bundle: str) -> None:
    """Dump the case to `bundle`, or import `bundle` into a new case, then wait to be measured."""
    from casefile.bundle import dump_bundle, import_bundle

    target = Path(bundle)
    if step == "dump":
        with CaseFile.open(path_for(scale)) as case:
            ms, _ = timed(lambda: dump_bundle(case, target))
            counts = case.summary().counts
    else:
        with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp, \
                CaseFile.create(Path(tmp) / "imported.casefile", title="Import") as new:
            ms, _ = timed(lambda: import_bundle(new, target))
            counts = new.summary().counts
    report_and_wait({"ms": ms, "counts": counts})


def bench_bundle(scale: str, _runs: int) -> dict[str, float]:
    path = path_for(scale)
    with CaseFile.open(path) as case:
        counts = case.summary().counts
    records = sum(counts.values())
    with tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        bundle = str(Path(tmp) / "case.zip")
        dump_peak, dumped = peak_of_child(["--bundle-child", scale, "dump", bundle])
        import_peak, imported = peak_of_child(["--bundle-child", scale, "import", bundle])
        expect(imported["counts"] == counts,
               f"bundle: imported {imported['counts']}, the case has {counts}")
        rows, floor = floor_inserts(path, Path(tmp) / "floor.casefile")
        size = Path(bundle).stat().st_size / 1e6
    dump_rate = records / dumped["ms"] * 1000
    import_rate = records / imported["ms"] * 1000
    ratio = imported["ms"] / 1000 / floor  # the same rows written, import time over floor time
    print(f"7. bundle of {records:,} records ({path.stat().st_size / 1e6:.0f} MB case, "
          f"{size:.0f} MB bundle): dump {dumped['ms'] / 1000:.1f} s = {dump_rate:,.0f} records/s"
          f" (peak {dump_peak:.0f} MB), import {imported['ms'] / 1000:.1f} s = "
          f"{import_rate:,.0f} records/s (peak {import_peak:.0f} MB); floor: raw executemany of"
          f" the same {rows:,} rows {floor:.1f} s; import/floor {ratio:.2f} (target within 3)")
    return {"dump records/s": dump_rate, "import records/s": import_rate,
            "floor s": floor, "import ratio": ratio,
            "dump peak MB": dump_peak, "import peak MB": import_peak}


# -- 13. the search index rebuilt (the repair, and an upgrade that changes what it holds) ----

def bench_rebuild(scale: str, _runs: int) -> dict[str, float]:
    with scratch_copy(path_for(scale)) as copy, CaseFile.open(copy) as case:
        before = len(case.search.search(QUERIES["common word"], limit=50))
        ms, _ = timed(case.rebuild_search_index)
        after = len(case.search.search(QUERIES["common word"], limit=50))
        expect(before == after > 0, f"rebuild: {before} hits before, {after} after")
        expect(case.check().ok, "rebuild: the case does not check afterwards")
    print(f"13. rebuild the search index: {ms:,.0f} ms")
    return {"rebuild ms": ms}


# -- 14. Word export by profile --------------------------------------------------------------

def bench_export(scale: str, runs: int) -> dict[str, float]:
    """The clean and editor profiles of the longest draft: the editor's extra cost should
    follow the draft (its claims, sources and requests), not the case."""
    from docx import Document

    from casefile.export.docx_draft import export_draft

    figures = {}
    with scratch_copy(path_for(scale)) as copy, CaseFile.open(copy) as case, \
            tempfile.TemporaryDirectory(prefix="casefile-bench-") as tmp:
        longest = max(case.drafts.page(limit=100), key=lambda d: len(d.body))
        for profile in ("clean", "editor"):
            out = Path(tmp) / f"{profile}.docx"
            times = []
            for _ in range(max(1, min(runs, 3))):
                out.unlink(missing_ok=True)
                ms, result = timed(lambda p=profile, o=out: export_draft(
                    case, longest.uuid, o, profile=p, allow_blocking=True))
                times.append(ms)
            expect(result.path == out and out.is_file(), f"export {profile}: nothing written")
            text = "\n".join(p.text for p in Document(str(out)).paragraphs)
            expect(longest.headline in text, f"export {profile}: headline missing")
            figures[f"export {profile} ms"] = statistics.median(times)
        print(f"14. export the longest draft ({len(longest.body):,} characters): clean "
              f"{figures['export clean ms']:,.0f} ms, editor {figures['export editor ms']:,.0f}"
              " ms")
    return figures


# -- 16. opening a case from an older version ------------------------------------------------

# The columns step 10 adds (casefile/db/migrations/v10.sql).
STEP_10_COLUMNS = (("sources", "article"), ("sources", "role_form"),
                   ("quotes", "published_text"), ("quotes", "published_accepted"),
                   ("drafts", "published_on"), ("drafts", "author_tagline"),
                   ("team_members", "outlet"))
# Step 11 gives every table of records (and case_info) its version and last change.
STEP_11_COLUMNS = tuple(
    (table, column)
    for table in ("case_info", "team_members", "sources", "interviews", "quotes",
                  "attachments", "documents", "excerpts", "photos", "claims",
                  "evidence_links", "comment_requests", "drafts", "draft_versions",
                  "review_comments", "tags")
    for column in ("version", "changed_at", "changed_by", "changed_device"))


def rewind_to_7(path: Path) -> int:
    """Set a COPY back to format 7 (its tables are exactly those of 7 and 8; a format-12 copy
    first loses the tables of field copies, a format-11 one the columns step 11 adds, a
    format-10 one those step 10 adds, a format-9 one what step 9 adds: the `record_counts`
    table and its triggers); returns the format it had."""
    from casefile.db.driver import dbapi

    conn = dbapi.connect(str(path))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        expect(version in (7, 8, 9, 10, 11, 12),
               f"the cached case is at format {version}, not 7-12")
        if version == 12:  # the merge tables of field copies
            for table in ("merge_conflicts", "sync_base", "sync_peers", "sync_replica"):
                conn.execute(f'DROP TABLE IF EXISTS "{table}"')
        if version >= 11:
            for table, column in STEP_11_COLUMNS:
                conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        if version >= 10:
            for table, column in STEP_10_COLUMNS:
                conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        if version >= 9:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'count\\_%' ESCAPE '\\'")]
            for name in names:
                conn.execute(f'DROP TRIGGER "{name}"')
            conn.execute("DROP TABLE record_counts")
        conn.execute("PRAGMA user_version = 7")
        conn.commit()
    finally:
        conn.close()
    return version


def bench_upgrade(scale: str, _runs: int) -> dict[str, float]:
    """A format-7 copy opened through `upgrade_steps` (the copy taken first included): each
    step timed; the search index must not be refilled (steps 8 to 12 change nothing it holds)."""
    from casefile.case import upgrade_steps
    from casefile.db.migrations import CURRENT_VERSION

    figures: dict[str, float] = {}
    with scratch_copy(path_for(scale)) as copy:
        rewind_to_7(copy)
        start = time.perf_counter()
        steps = upgrade_steps(copy)
        marks = []
        while True:
            try:
                step, done, total = next(steps)
            except StopIteration as opened:
                case = opened.value
                break
            marks.append(f"{time.perf_counter() - start:.1f} s {step}")
        elapsed = (time.perf_counter() - start) * 1000
        with case:
            expect(case.summary().schema_version == CURRENT_VERSION, "upgrade: not finished")
            expect(case.search.search(QUERIES["rare word"]), "upgrade: the index finds nothing")
            backup = case.migration_backup
        if backup is not None:
            backup.unlink(missing_ok=True)
    figures["upgrade ms"] = elapsed
    print(f"16. open a format-7 copy (upgrade to {CURRENT_VERSION}, copy first included): "
          f"{elapsed:,.0f} ms — " + "; ".join(marks))
    return figures
