"""Kill a worker at random moments, many times; nothing committed may be lost (CI: 50 kills;
`make stress`: 10,000)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from casefile import CaseFile
from tests.reliability import crash_harness

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def test_fifty_kills_lose_nothing_and_corrupt_nothing(tmp_path: Path) -> None:
    totals = crash_harness.run(50, seed=7, workdir=tmp_path)
    print(totals.line())
    assert totals.kills == 50 and totals.migrations_killed == 5
    assert totals.committed_ops > 100  # the children got real work done before dying
    assert (totals.lost_commits, totals.corrupt_files, totals.partial_exports) == (0, 0, 0), \
        totals.problems
    assert totals.problems == []


def test_the_verifier_notices_a_lost_commit(sample_file: Path, tmp_path: Path) -> None:
    case_path = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, case_path)
    log = tmp_path / "committed.jsonl"
    with CaseFile.open(case_path) as case:
        kept = case.sources.create(name="Source 1-1")
        gone = case.sources.create(name="Source 1-2")
        case.trash.delete(gone)
        case.trash.empty()  # as if the commit had never reached the disk
    log.write_text("".join(json.dumps(e) + "\n" for e in (
        {"op": "source", "uuid": str(kept.uuid), "name": "Source 1-1"},
        {"op": "source", "uuid": str(gone.uuid), "name": "Source 1-2"})))
    totals = crash_harness.Totals()
    crash_harness._verify(case_path, log, totals)
    assert totals.lost_commits == 1 and "Source 1-2" in totals.problems[0]
    assert totals.corrupt_files == 0


def test_an_edit_killed_between_commit_and_log_line_is_not_a_loss(sample_file: Path,
                                                                  tmp_path: Path) -> None:
    case_path = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, case_path)
    with CaseFile.open(case_path) as case:
        uid = str(case.sources.page()[0].uuid)
        case.sources.update(uid, location="second")  # committed; the log line never came
    log = tmp_path / "committed.jsonl"
    log.write_text("".join(json.dumps(e) + "\n" for e in (
        {"op": "in-flight", "uuid": uid, "value": "first"},
        {"op": "location", "uuid": uid, "value": "first"},
        {"op": "in-flight", "uuid": uid, "value": "second"})))
    totals = crash_harness.Totals()
    crash_harness._verify(case_path, log, totals)
    assert totals.lost_commits == 0, totals.problems
    log.write_text("".join(json.dumps(e) + "\n" for e in (
        {"op": "location", "uuid": uid, "value": "first"},)))
    crash_harness._verify(case_path, log, totals)
    assert totals.lost_commits == 1  # without the in-flight line it would be a loss


def test_the_verifier_notices_an_empty_or_damaged_backup_shelf(sample_file: Path,
                                                               tmp_path: Path) -> None:
    from casefile.backups import BackupShelf

    case_path = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, case_path)
    log = tmp_path / "committed.jsonl"
    log.write_text(json.dumps({"op": "shelf", "path": "x"}) + "\n")
    totals = crash_harness.Totals()
    crash_harness._verify(case_path, log, totals)  # logged, yet no backup listed
    assert totals.lost_commits == 1 and "all gone" in totals.problems[0]
    shelf = BackupShelf(tmp_path / "shelf")
    with CaseFile.open(case_path) as case:
        entry = shelf.take(case)
    with entry.path.open("r+b") as fh:  # damage the one backup listed
        fh.seek(entry.size // 2)
        fh.write(b"\x00" * 8192)
    totals = crash_harness.Totals()
    crash_harness._check_shelf(shelf.folder, "case", totals)
    assert totals.corrupt_files == 1 and "is damaged" in totals.problems[0]
