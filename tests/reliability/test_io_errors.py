"""A failing disk (EIO on writes and syncs) during an edit, a photo import, a backup, a
migration and an export: each is refused with a plain sentence, nothing is half-written, and
the case file opens afterwards with every earlier commit.

The failure comes from `eio_shim.c`, preloaded into a child process: after `n` more writes
to files in the test's folder, every write and fsync there fails with EIO — at a different
moment of the operation for each `n`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.db.header import read_header
from casefile.db.migrations import CURRENT_VERSION
from tests.test_photos import photo_bytes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MOMENTS = [0, 1, 3, 8, 25]  # writes allowed before the disk fails
PLAIN = ("disk is full or failing", "disk is full", "cannot be written",
         "Input/output error", "could not be")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="LD_PRELOAD fault injection is Linux-only")


@pytest.fixture(scope="session")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the fault-injection shim")
    out = tmp_path_factory.mktemp("shim") / "eio_shim.so"
    subprocess.run([compiler, "-shared", "-fPIC", "-O1", "-o", str(out),
                    str(HERE / "eio_shim.c"), "-ldl"], check=True)
    return out


def failing_disk(shim: Path, folder: Path, after: int, setup: str, work: str) -> dict:
    """Run `setup`, arm the shim, run `work`; report what the child saw."""
    script = textwrap.dedent("""
        import ctypes, json, sys
        from casefile import CaseFile, CaseFileError
        disk = ctypes.CDLL(None)
        result = {"outcome": "done", "message": ""}
        %s
        disk.casefile_eio_arm(%d)
        try:
        %s
        except CaseFileError as exc:
            result = {"outcome": "refused", "message": str(exc)}
        except Exception as exc:
            result = {"outcome": "crashed", "message": type(exc).__name__ + ": " + str(exc)}
        result["failures"] = disk.casefile_eio_failures()
        disk.casefile_eio_disarm()
        print(json.dumps(result))
    """) % (setup, after, textwrap.indent(work, "    "))  # noqa: UP031 - code in code
    env = dict(os.environ, LD_PRELOAD=str(shim), CASEFILE_EIO_MATCH=str(folder),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["outcome"] != "crashed", result
    if result["outcome"] == "refused":
        assert any(p in result["message"] for p in PLAIN), result["message"]
        assert "Traceback" not in result["message"]
    return result


@pytest.fixture
def case_file(sample_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "disk"
    folder.mkdir()
    path = folder / "case.casefile"
    shutil.copyfile(sample_file, path)
    return path


BASELINE = "Committed before the disk failed"


def opened(path: Path) -> str:
    return (f"case = CaseFile.open({str(path)!r})\n"
            f"case.sources.create(name={BASELINE!r})")


def reopen(path: Path) -> CaseFile:
    case = CaseFile.open(path)
    assert case.check().ok
    assert BASELINE in {s.name for s in case.sources.page(limit=500)}
    return case


@pytest.mark.parametrize("after", MOMENTS)
def test_an_edit_on_a_failing_disk(shim: Path, case_file: Path, after: int) -> None:
    result = failing_disk(shim, case_file.parent, after, opened(case_file),
                          'case.sources.create(name="During", notes="x" * 300_000)')
    with reopen(case_file) as case:
        during = [s for s in case.sources.page(limit=500) if s.name == "During"]
        # Whole or not at all (a commit whose sync failed may still have reached the disk).
        assert during == [] or len(during[0].notes) == 300_000
        assert during or result["outcome"] == "refused"  # never lost silently


@pytest.mark.parametrize("after", MOMENTS)
def test_a_photo_import_on_a_failing_disk(shim: Path, case_file: Path, tmp_path: Path,
                                          after: int) -> None:
    card = tmp_path / "card"  # outside the failing folder: the card reads fine
    card.mkdir()
    for i in range(3):
        (card / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 70, 10, 10),
                                                        size=(1200, 900)))
    with CaseFile.open(case_file) as case:
        photos = case.photos.count()
    work = (f"events = list(case.photos.import_files([{str(card)!r}]))\n"
            "bad = [e.message for e in events if e.outcome == 'rejected']\n"
            "result = {'outcome': 'refused' if bad else 'done', 'message': ' | '.join(bad)}")
    result = failing_disk(shim, case_file.parent, after, opened(case_file), work)
    with reopen(case_file) as case:
        assert photos <= case.photos.count() <= photos + 3  # check() hashed each one
        assert case.photos.count() == photos + 3 or result["outcome"] == "refused"


@pytest.mark.parametrize("after", MOMENTS)
def test_a_backup_on_a_failing_disk(shim: Path, case_file: Path, after: int) -> None:
    out = case_file.parent / "copy.casefile"
    result = failing_disk(shim, case_file.parent, after, opened(case_file),
                          f"case.backup({str(out)!r})")
    if result["outcome"] == "refused":
        assert not out.exists()
        assert [p.name for p in case_file.parent.iterdir()
                if p.name.startswith("copy")] == []
    else:  # the copy was made before the disk failed (closing met the failure)
        with CaseFile.open(out) as copy:
            assert copy.check().ok
    reopen(case_file).close()


# Opening, the copy taken before migrating, the migration's own writes, its commit.
@pytest.mark.parametrize("after", [0, 40, 120, 160, 200])
def test_a_migration_on_a_failing_disk(shim: Path, tmp_path: Path, after: int) -> None:
    folder = tmp_path / "disk"
    folder.mkdir()
    old = folder / "old.casefile"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "v1.casefile", old)
    failing_disk(shim, folder, after, "", f"CaseFile.open({str(old)!r}).close()")
    # Still the old version, or wholly the new one — and it opens (migrating if need be).
    assert read_header(old).user_version in (1, CURRENT_VERSION)
    with CaseFile.open(old) as case:
        assert case.check().ok and case.sources.count() == 3


@pytest.mark.parametrize("after", MOMENTS)
def test_an_export_on_a_failing_disk(shim: Path, case_file: Path, after: int) -> None:
    out = case_file.parent / "draft.docx"
    work = ("from casefile.export.docx_draft import export_draft\n"
            f"export_draft(case, case.drafts.page()[0].uuid, {str(out)!r}, allow_blocking=True)")
    result = failing_disk(shim, case_file.parent, after, opened(case_file), work)
    if result["outcome"] == "refused":
        assert not out.exists()
    else:
        assert out.stat().st_size > 0
    assert [p.name for p in case_file.parent.iterdir() if p.suffix == ".part"] == []
    reopen(case_file).close()
