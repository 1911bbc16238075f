"""The benchmarks cannot rot: the small synthetic case is generated and one quick pass of every
benchmark runs (figures are printed, never asserted: speed is measured in benchmarks/)."""

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
                   "8. importing", "8. exporting"):
        assert number in out
    data = json.loads(figures.read_text())
    assert data["memory small MB"] > 0 and data["import records/s"] > 0
    assert "ratio" in run(["benchmarks/photo_import.py", "--count", "3", "--runs", "1"], cache)
    assert "ratio" in run(["benchmarks/export_docx.py", "--runs", "1"], cache)
