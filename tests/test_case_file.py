"""Creating, opening and closing case files; refusing every kind of bad file untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from casefile import (
    CaseFile,
    CaseFileError,
    CaseFileLockedError,
    NewerFormatError,
    NotACaseFileError,
    PassphraseRequiredError,
)
from casefile.db.driver import dbapi
from casefile.db.header import APPLICATION_ID
from casefile.db.migrations import CURRENT_VERSION
from tests.conftest import file_state


def test_create_open_close_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Border trade", summary="Trucks", language="en") as case:
        case.sources.create(name="Yuri Petrov")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.casefile"]
    with CaseFile.open(path) as case:
        info = case.info()
        assert (info.title, info.summary, info.language) == ("Border trade", "Trucks", "en")
        assert [s.name for s in case.sources.page()] == ["Yuri Petrov"]
        assert info.created_at.tzinfo is not None


def test_file_is_stamped_as_ours_with_durable_settings(case: CaseFile) -> None:
    with case._store.read() as s:
        conn = s.connection()
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == CURRENT_VERSION
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("locking_mode") == "exclusive"


def test_committed_edit_is_on_disk_before_close(case: CaseFile, tmp_path: Path) -> None:
    case.sources.create(name="Galina Shvets")
    # A consistent copy taken while the case is open holds the commit.
    copy = case.backup(tmp_path / "copy.casefile")
    conn = dbapi.connect(copy)
    assert conn.execute("SELECT name FROM sources").fetchall() == [("Galina Shvets",)]
    conn.close()


def test_create_refuses_existing_file_and_empty_title(tmp_path: Path) -> None:
    existing = tmp_path / "x.casefile"
    existing.write_text("keep me")
    with pytest.raises(CaseFileError, match="already exists"):
        CaseFile.create(existing, title="X")
    assert existing.read_text() == "keep me"
    with pytest.raises(CaseFileError, match="title"):
        CaseFile.create(tmp_path / "y.casefile", title="  ")
    assert not (tmp_path / "y.casefile").exists()


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()


def _truncated(path: Path, tmp_path: Path, keep: float) -> None:
    src = tmp_path / "whole.casefile"
    with CaseFile.create(src, title="T") as c:
        for i in range(200):
            c.sources.create(name=f"Source {i}", notes="x" * 500)
    data = src.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _newer(path: Path, tmp_path: Path) -> None:
    CaseFile.create(path, title="From the future").close()
    conn = dbapi.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 7}")
    conn.close()


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (lambda p, t: p.write_text("Dear editor,\nhere are my notes.\n"), "not a database"),
        (lambda p, t: p.write_bytes(b""), "empty"),
        (lambda p, t: p.write_bytes(b"SQLite for"), "truncated"),
        # Whole pages of bytes that are not text may be an encrypted case file: only the
        # passphrase can tell, so the error asks for it and says it may not be a case file.
        (lambda p, t: p.write_bytes(bytes(range(256)) * 40), "encrypted (or it is not a case"),
        (lambda p, t: _other_sqlite(p), "not one made by Casefile"),
        (lambda p, t: _truncated(p, t, 0.5), "truncated"),
        (lambda p, t: _truncated(p, t, 0.01), "truncated"),
        (lambda p, t: _newer(p, t), "newer version of Casefile"),
    ],
    ids=["text", "empty", "short", "binary-junk", "other-sqlite", "truncated-half",
         "truncated-header", "newer-version"],
)
def test_bad_files_are_refused_and_never_modified(tmp_path: Path, maker, message: str) -> None:
    path = tmp_path / "bad.casefile"
    maker(path, tmp_path)
    before = file_state(path)
    with pytest.raises((NotACaseFileError, NewerFormatError, PassphraseRequiredError)) as info:
        CaseFile.open(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert file_state(path) == before


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotACaseFileError, match="no such file"):
        CaseFile.open(tmp_path / "nope.casefile")
    with pytest.raises(NotACaseFileError, match="folder"):
        CaseFile.open(tmp_path)


def test_newer_file_error_names_versions(tmp_path: Path) -> None:
    path = tmp_path / "future.casefile"
    _newer(path, tmp_path)
    with pytest.raises(NewerFormatError) as info:
        CaseFile.open(path)
    assert info.value.file_version == CURRENT_VERSION + 7


def test_second_writer_in_same_process_is_refused(case: CaseFile) -> None:
    before = case.summary().counts
    with pytest.raises(CaseFileLockedError, match="already open"):
        CaseFile.open(case.path)
    case.sources.create(name="Still writable")
    assert case.summary().counts["source"] == before["source"] + 1


def test_second_process_is_refused_then_allowed_after_close(case: CaseFile) -> None:
    cmd = [sys.executable, "-m", "casefile.cli", "info", str(case.path)]
    busy = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert busy.returncode == 1
    assert "already open" in busy.stderr
    assert len(busy.stderr.strip().splitlines()) == 1
    case.close()
    free = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert free.returncode == 0, free.stderr
    assert "Test case" in free.stdout


def test_backup_is_a_valid_case_file(case: CaseFile, tmp_path: Path) -> None:
    case.sources.create(name="Kept in backup")
    out = case.backup(tmp_path / "backup.casefile")
    case.sources.create(name="After the backup")
    with CaseFile.open(out) as copy:
        assert [s.name for s in copy.sources.page()] == ["Kept in backup"]
    with pytest.raises(CaseFileError, match="cannot overwrite"):
        case.backup(case.path)


def test_check_passes_on_a_sound_file_and_finds_a_tampered_blob(case: CaseFile) -> None:
    from tests.conftest import jpeg_bytes

    photo = case.photos.add(jpeg_bytes(), "a.jpg", caption="Bridge")
    assert case.check().ok
    with case._store.write() as s:
        s.connection().exec_driver_sql(
            "UPDATE blobs SET data = zeroblob(10) WHERE id = ?", (photo.blob_id,))
    report = case.check()
    assert not report.ok
    assert any("has changed" in p for p in report.problems)


def test_work_after_close_is_refused_not_crashed(tmp_path: Path) -> None:
    import threading

    case = CaseFile.create(tmp_path / "c.casefile", title="T", actor="t")
    case.sources.create(name="A")
    started, release = threading.Event(), threading.Event()

    def slow_reader() -> None:  # a preview worker still reading when the window closes
        with case._store.read() as s:
            started.set()
            release.wait(5)
            s.execute(text("SELECT count(*) FROM sources")).scalar()

    worker = threading.Thread(target=slow_reader)
    worker.start()
    started.wait(5)
    closer = threading.Thread(target=case.close)
    closer.start()
    release.set()
    worker.join(5)
    closer.join(5)  # close waited for the read to finish, then released the file
    assert not closer.is_alive() and case.closed
    with pytest.raises(CaseFileError, match="has been closed"):
        case.sources.count()
