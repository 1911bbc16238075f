"""The fuzz corpus in CI (small counts; `make stress` runs 1,000 images and 200 .docx), and
the crashes it found, pinned as plain regression tests."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.review import ReviewError, import_review

ROOT = Path(__file__).resolve().parents[2]


def test_mutated_images_and_documents_are_imported_or_rejected_cleanly() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.fuzz_corpus", "--images", "120", "--docx",
         "30", "--timeout", "60", "--json"], cwd=ROOT, capture_output=True, text=True,
        timeout=900, check=False)
    totals = json.loads(done.stdout.strip().splitlines()[-1])
    for corpus in totals:
        assert corpus["crashes"] == 0 and corpus["hangs"] == 0, corpus["failures"]
        assert corpus["accepted"] + corpus["rejected"] == corpus["files"]
        assert corpus["accepted"] > 0 and corpus["rejected"] > 0  # the mutations bite
    assert [t["files"] for t in totals] == [120, 30]
    assert done.returncode == 0, done.stderr


def _corrupt_deflate(data: bytes, member: str) -> bytes:
    """Overwrite the middle of one member's compressed bytes (its CRC is now wrong, and
    its deflate stream may be invalid)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    b = bytearray(data)
    for i in range(start + 20, start + min(info.compress_size, 220)):
        b[i] = 0xFF ^ b[i]
    return bytes(b)


def test_a_docx_with_a_broken_deflate_stream_is_a_review_error(sample: CaseFile,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    export_draft(sample, sample.drafts.page()[0].uuid, out, allow_blocking=True)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_corrupt_deflate(out.read_bytes(), "word/document.xml"))
    with pytest.raises(ReviewError, match="damaged|not a Word document"):
        import_review(sample, bad)


def test_a_bundle_with_a_broken_deflate_stream_lists_the_problem(sample: CaseFile,
                                                                 tmp_path: Path) -> None:
    from casefile.bundle import dump_bundle, import_bundle
    from casefile.errors import BundleError

    out = tmp_path / "bundle.zip"
    dump_bundle(sample, out)
    with zipfile.ZipFile(out) as z:
        member = max(z.infolist(), key=lambda i: i.compress_size).filename
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_corrupt_deflate(out.read_bytes(), member))
    with CaseFile.create(tmp_path / "target.casefile", title="T") as target:
        with pytest.raises(BundleError):
            import_bundle(target, bad)
        assert target.sources.count() == 0  # nothing half-imported
