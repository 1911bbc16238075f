"""`casefile check` streams the stored files in one query, one file in memory at a time, and
`check --quick` trades depth for time — saying what it skips (issue 16)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

from sqlalchemy import event

from casefile import CaseFile

CLI = [sys.executable, "-m", "casefile"]


def tampered(sample_file: Path, tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "tampered.casefile"
    shutil.copyfile(sample_file, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()
    return path


FIRST = "(SELECT min(id) FROM blobs)"
SAME_SIZE = f"UPDATE blobs SET data = zeroblob(length(data)) WHERE id = {FIRST}"
TRUNCATED = f"UPDATE blobs SET data = substr(data, 1, 10) WHERE id = {FIRST}"


def test_full_check_finds_a_changed_byte_quick_check_does_not(sample_file: Path,
                                                              tmp_path: Path) -> None:
    with CaseFile.open(tampered(sample_file, tmp_path, SAME_SIZE)) as case:
        full = case.check()
        quick = case.check(quick=True)
    [problem] = full.problems
    assert "has changed: its bytes now hash to" in problem
    # What --quick does not find, by design: the same number of different bytes.
    assert quick.ok and quick.quick and quick.blobs_checked == full.blobs_checked > 0


def test_quick_check_finds_a_stored_file_that_changed_size(sample_file: Path,
                                                           tmp_path: Path) -> None:
    with CaseFile.open(tampered(sample_file, tmp_path, TRUNCATED)) as case:
        [problem] = case.check(quick=True).problems
        [full] = case.check().problems
    assert "has changed: it now holds 10 bytes, not the" in problem
    assert "its bytes now hash to" in full and "(10 bytes)" in full


def test_quick_check_still_finds_a_broken_reference(sample_file: Path, tmp_path: Path) -> None:
    path = tampered(sample_file, tmp_path, "PRAGMA foreign_keys = OFF",
                    "UPDATE quotes SET interview_id = 99999 WHERE id = (SELECT min(id) FROM "
                    "quotes)")
    with CaseFile.open(path) as case:
        problems = case.check(quick=True).problems
    assert [p for p in problems if p.startswith("broken reference: table quotes")]


def test_the_full_check_reads_the_stored_files_in_one_query(sample: CaseFile) -> None:
    seen: list[str] = []

    def listen(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        seen.append(" ".join(statement.split()))

    event.listen(sample._store.engine, "before_cursor_execute", listen)
    try:
        report = sample.check()
    finally:
        event.remove(sample._store.engine, "before_cursor_execute", listen)
    assert report.ok and report.blobs_checked > 1
    reads = [s for s in seen if "FROM blobs" in s]
    # Before: one query for the ids, then one session and one query per stored file.
    assert reads == ["SELECT count(*) FROM blobs",
                     "SELECT id, sha256, size, data FROM blobs WHERE id > ? ORDER BY id"]
    assert "PRAGMA integrity_check" in seen and "PRAGMA quick_check" not in seen
    assert [s for s in seen if "'integrity-check'" in s]  # the search index against the rows


def test_the_quick_check_runs_quick_check_and_reads_no_file_bytes(sample: CaseFile) -> None:
    seen: list[str] = []
    event.listen(sample._store.engine, "before_cursor_execute",
                 lambda *a: seen.append(" ".join(a[2].split())))
    report = sample.check(quick=True)
    assert report.ok
    assert "PRAGMA quick_check" in seen and "PRAGMA integrity_check" not in seen
    assert not [s for s in seen if "integrity-check" in s]  # the search index's own check
    assert [s for s in seen if "FROM blobs" in s] == [
        "SELECT count(*) FROM blobs",
        "SELECT id, sha256, size, length(data) FROM blobs WHERE id > ? ORDER BY id"]


def test_the_check_lets_go_of_the_case_between_batches(case: CaseFile, monkeypatch) -> None:
    """A batch per VERIFY_BATCH_BYTES of files, each a query of its own: other threads get the
    case's lock in between, and every file is still checked once, in order."""
    from casefile.services import blobs

    with case._store.write() as s:
        stored = [case.blobs._put(s, os.urandom(1000) + bytes([i])).sha256 for i in range(10)]
    monkeypatch.setattr(blobs, "VERIFY_BATCH_BYTES", 3000)
    seen: list[str] = []
    event.listen(case._store.engine, "before_cursor_execute",
                 lambda *a: seen.append(" ".join(a[2].split())))
    with case._store.write() as s:  # one changed file, in the third batch
        s.connection().exec_driver_sql(
            "UPDATE blobs SET data = zeroblob(1001) WHERE sha256 = ?", (stored[7],))
    found = [(done, total, p.sha256 if p else None) for done, total, p in case.blobs.verify()]
    assert found == [(n, 10, stored[7] if n == 8 else None) for n in range(1, 11)]
    assert len([s for s in seen if s.startswith("SELECT id, sha256")]) == 4  # 3 + 3 + 3 + 1


def test_the_check_holds_one_stored_file_in_memory_at_a_time(case: CaseFile) -> None:
    size = 1 << 20
    with case._store.write() as s:
        for _ in range(12):
            case.blobs._put(s, os.urandom(size))
    tracemalloc.start()
    try:
        progress = [(done, total) for done, total, problem in case.blobs.verify()
                    if problem is None]
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert progress == [(n, 12) for n in range(1, 13)]
    assert peak < 4 * size  # all rows at once would be 12 MB


def test_cli_quick_check_says_what_it_skipped(sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.casefile"
    shutil.copyfile(sample_file, path)
    quick = subprocess.run([*CLI, "check", str(path), "--quick"], capture_output=True,
                           text=True, timeout=120)
    assert quick.returncode == 0, quick.stderr
    assert quick.stdout.startswith("ok (quick check):")
    assert "sizes checked; not their hashes nor the search index against the records: run " \
        "without --quick for those" in quick.stdout
    as_json = subprocess.run([*CLI, "check", str(path), "--quick", "--json"],
                             capture_output=True, text=True, timeout=120)
    data = json.loads(as_json.stdout)
    assert data["ok"] is True and data["quick"] is True and data["files_checked"] > 0
    helped = subprocess.run([*CLI, "check", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert "quick_check instead of" in " ".join(helped.stdout.split())
    assert "a changed byte in a file of the same size is not found" in " ".join(
        helped.stdout.split())
    assert "the search index is not compared with the records" in " ".join(
        helped.stdout.split())
    full = subprocess.run([*CLI, "check", str(path)], capture_output=True, text=True,
                          timeout=120)
    assert full.returncode == 0 and "stored files verified" in full.stdout
