"""The benchmarks cannot rot: the small synthetic case is generated and one quick pass of every
benchmark runs (figures are printed, never asserted: speed is measured in benchmarks/). Each
benchmark checks that the work it timed succeeded, so a pass here means each did its work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile import CaseFile

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cache: Path) -> str:
    env = dict(os.environ, CASEFILE_BENCH_CACHE=str(cache), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


def test_the_small_case_has_a_hundredth_of_everything(cache: Path) -> None:
    out = run(["benchmarks/make_large_case.py", "--scale", "small"], cache)
    [path] = cache.glob("large-case-*-small.casefile")
    assert str(path) in out
    with CaseFile.open(path) as case:
        counts = case.summary().counts
        assert case.check().ok
        hits = case.search.search("zeppelin")
    assert counts["source"] == 50 and counts["interview"] == 20 and counts["photo"] == 200
    assert counts["quote"] == 200 and counts["excerpt"] == 200 and counts["claim"] == 200
    assert counts["evidence_link"] == 600 and counts["draft"] == 5
    assert len(hits) == 1  # the one rare word, in one interview


def test_one_quick_pass_of_every_benchmark(cache: Path, tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    out = run(["benchmarks/scale.py", "--scale", "small", "--runs", "1", "--json",
               str(figures)], cache)
    for number in ("1. open", "2. search", "3. list", "4. peak memory", "7. bundle",
                   "8. importing", "8. exporting", "9. open the last", "10. casefile claims",
                   "11. casefile check", "12. counts", "13. rebuild", "14. export",
                   "15. automatic backup", "16. open a format-7"):
        assert number in out
    data = json.loads(figures.read_text())
    assert data["memory small MB"] > 0 and data["import records/s"] > 0
    assert data["search other form (en) ms"] > 0  # stemming found the other form
    assert "ratio" in run(["benchmarks/photo_import.py", "--count", "3", "--runs", "1"], cache)
    assert "ratio" in run(["benchmarks/export_docx.py", "--runs", "1"], cache)
    assert "matched by text" in run(["benchmarks/review_text_match.py", "--filler", "300",
                                     "--runs", "1"], cache)
    assert "merge/import" in run(["benchmarks/merge.py", "--scale", "small", "--changes", "20"],
                                 cache)


def test_the_heartbeat_sees_a_stall_that_begins_before_its_first_tick(qapp: object) -> None:
    import time

    from benchmarks.harness import Heartbeat, pump

    with Heartbeat() as beat:
        time.sleep(0.2)  # the UI thread is busy from the start: no tick has happened yet
        pump(0.02)
    assert beat.stall_ms >= 190


def test_a_benchmark_whose_work_failed_fails(tmp_path: Path) -> None:
    from benchmarks.harness import BenchmarkFailedError, expect

    expect(True, "fine")
    with pytest.raises(BenchmarkFailedError, match="nothing written"):
        expect((tmp_path / "draft.docx").is_file(), "export: nothing written")
