"""A full disk: each operation says so plainly, the case file stays consistent and keeps every
commit made before, and it opens again once there is room. SQLite's `max_page_count` makes the
case file full; a file-size limit (RLIMIT_FSIZE, in a child process) fills the disk for files
written beside it (backups, exports)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casefile import CaseFile, CaseFileError
from casefile.db.header import read_header
from tests.test_photos import photo_bytes

FULL = "the disk is full: the last change was not saved"


def fill(case: CaseFile) -> None:
    """No room for even one more page."""
    with case._store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}").fetchall()


@pytest.fixture
def full_case(sample_file: Path, tmp_path: Path):
    path = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, path)
    case = CaseFile.open(path)
    before = case.sources.create(name="Committed before the disk filled").uuid
    fill(case)
    yield case, path, before
    case.close()


def reopen_and_check(path: Path, before) -> CaseFile:
    case = CaseFile.open(path)
    assert case.check().ok
    assert case.sources.get(before).name == "Committed before the disk filled"
    return case


def test_an_edit_on_a_full_disk_is_refused_plainly(full_case) -> None:
    case, path, before = full_case
    sources = case.sources.count()
    with pytest.raises(CaseFileError, match=FULL):
        case.sources.create(name="Too much", notes="x" * 200_000)
    with pytest.raises(CaseFileError, match=FULL):
        case.interviews.update(case.interviews.page()[0].uuid, transcript="y" * 300_000)
    assert case.sources.count() == sources  # nothing half-written
    case.close()  # closing on a full disk does not fail either
    with reopen_and_check(path, before) as again:
        assert again.sources.count() == sources


def test_a_photo_import_on_a_full_disk_reports_each_file(full_case, tmp_path: Path) -> None:
    case, path, before = full_case
    folder = tmp_path / "card"
    folder.mkdir()
    for i in range(3):
        (folder / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 70, 10, 10),
                                                          size=(1600, 1200)))
    photos = case.photos.count()
    events = list(case.photos.import_files([folder]))
    assert [e.outcome for e in events] == ["rejected"] * 3
    assert all(FULL in e.message for e in events)
    assert case.photos.count() == photos
    case.close()
    reopen_and_check(path, before).close()


def with_file_size_limit(limit: int, before: str, work: str) -> subprocess.CompletedProcess:
    """Run `before`, then `work` in a child whose files cannot grow past `limit` bytes (as if
    the disk filled); the child prints 'refused: …' for a CaseFileError, exits 2 on anything
    else."""
    script = "\n".join([
        "import resource, signal, sys",
        f"sys.path.insert(0, {str(Path(__file__).parents[2])!r})",
        "from casefile import CaseFile, CaseFileError",
        before,
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)",
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))",
        "try:",
        *("    " + line for line in work.splitlines()),
        "except CaseFileError as exc:",
        "    print('refused:', exc)",
        "except Exception as exc:",
        "    print('crashed:', type(exc).__name__, exc)",
        "    sys.exit(2)",
    ])
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)


def test_a_migration_on_a_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    old = tmp_path / "old.casefile"
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "v1.casefile", old)
    # Room for nothing as large as the file: the copy taken before migrating cannot be made.
    done = with_file_size_limit(old.stat().st_size - 1, "",
                                f"CaseFile.open({str(old)!r}).close()")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("refused:") and "disk is full" in done.stdout, done.stdout
    assert read_header(old).user_version == 1  # not migrated half-way: still version 1
    assert [p.name for p in tmp_path.iterdir()] == ["old.casefile"]  # no partial backup
    with CaseFile.open(old) as case:  # with room again, it migrates and nothing was lost
        assert case.check().ok and case.sources.count() == 3


@pytest.mark.parametrize("what", ["backup", "export"])
def test_a_copy_that_fills_the_disk_leaves_no_partial_file(what: str, sample_file: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, path)
    out = tmp_path / ("copy.casefile" if what == "backup" else "draft.docx")
    work = (f"case.backup({str(out)!r})" if what == "backup" else
            "from casefile.export.docx_draft import export_draft\n"
            f"export_draft(case, case.drafts.page()[0].uuid, {str(out)!r}, allow_blocking=True)")
    done = with_file_size_limit(30_000, f"case = CaseFile.open({str(path)!r})", work)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("refused:"), done.stdout
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    with CaseFile.open(path) as case:
        assert case.check().ok
