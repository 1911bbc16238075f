"""Automatic rotating backups: each checked before it counts, pruned by retention and size,
restorable as a copy — and a failed backup never costs an older one."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.backups import BackupEntry, BackupShelf, Retention, keep_set
from casefile.errors import CaseFileError, PassphraseRequiredError

PASS = "correct horse battery"


def shelf_of(case: CaseFile, tmp_path: Path, **retention: object) -> BackupShelf:
    return BackupShelf.for_case(case, tmp_path / "backups", Retention(**retention))  # type: ignore[arg-type]


def test_a_backup_is_a_checked_case_file_named_by_time_not_title(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    case.update_info(title="Confidential: the Blagoveshchensk broker")
    case.sources.create(name="Kept in the backup")
    shelf = shelf_of(case, tmp_path)
    entry = shelf.take(case)
    assert shelf.entries() == [entry]
    assert entry.path.parent.name == str(case.info().uuid)  # no title in any path
    assert "broker" not in str(entry.path).lower()
    with CaseFile.open(entry.path) as copy:
        assert [s.name for s in copy.sources.page()] == ["Kept in the backup"]
        assert copy.check().ok


def test_an_encrypted_case_has_encrypted_backups(tmp_path: Path) -> None:
    with CaseFile.create(tmp_path / "secret.casefile", title="T", passphrase=PASS) as case:
        case.sources.create(name="Marta Quell")
        entry = shelf_of(case, tmp_path).take(case)
    assert b"Marta Quell" not in entry.path.read_bytes()
    with pytest.raises(PassphraseRequiredError):
        CaseFile.open(entry.path)
    with CaseFile.open(entry.path, passphrase=PASS) as copy:
        assert copy.sources.count() == 1


def test_a_backup_failing_its_check_never_replaces_older_ones(case: CaseFile, tmp_path: Path,
                                                              monkeypatch) -> None:
    import casefile.case as case_module

    shelf = shelf_of(case, tmp_path, recent=1, daily=0, weekly=0, monthly=0)
    good = shelf.take(case, now=datetime(2026, 1, 1, tzinfo=UTC))
    case.sources.create(name="Edited after")

    def damaged(path: Path, *_a: object, **_k: object) -> None:
        raise CaseFileError(f"{path}: the backup failed its integrity check")

    monkeypatch.setattr(case_module, "verify_copy", damaged)
    with pytest.raises(CaseFileError, match="integrity check"):
        shelf.take(case, now=datetime(2026, 1, 2, tzinfo=UTC))
    # The older backup is still there (retention 1 would have pruned it), nothing half-made.
    assert shelf.entries() == [good]
    assert sorted(p.name for p in shelf.folder.iterdir()) == [good.path.name]


def test_leftovers_of_an_interrupted_backup_are_never_listed_and_are_cleared(
        case: CaseFile, tmp_path: Path) -> None:
    shelf = shelf_of(case, tmp_path)
    shelf.folder.mkdir(parents=True)
    hour_ago = time.time() - 3600
    for name in ("2026-01-01T000000.000000Z.casefile.unchecked",
                 "2026-01-01T000000.000000Z.casefile.unchecked.part", "notes.txt"):
        (shelf.folder / name).write_bytes(b"half a file")
        os.utime(shelf.folder / name, (hour_ago, hour_ago))
    in_progress = shelf.folder / "2026-01-02T000000.000000Z.casefile.unchecked.part"
    in_progress.write_bytes(b"another backup still being written")
    assert shelf.entries() == []
    shelf.take(case)
    assert sorted(p.name for p in shelf.folder.iterdir() if p.suffix != ".casefile") == [
        in_progress.name, "notes.txt"]  # abandoned copies gone, a fresh one left alone


def _fake(folder: Path, when: datetime, size: int = 10) -> BackupEntry:
    path = folder / (when.strftime("%Y-%m-%dT%H%M%S.%fZ") + ".casefile")
    path.write_bytes(b"x" * size)
    return BackupEntry(path, when, size)


def test_retention_keeps_recent_daily_weekly_monthly(tmp_path: Path) -> None:
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    # A backup every 6 hours for two years, newest first.
    entries = [BackupEntry(tmp_path / f"{i}.casefile", now - timedelta(hours=6 * i), 1)
               for i in range(4 * 730)]
    rule = Retention(recent=8, daily=12, weekly=10, monthly=9)
    kept = keep_set(entries, rule)
    kept_entries = [e for e in entries if e.path in kept]
    assert all(e.path in kept for e in entries[:8])  # the newest eight
    days = {e.taken_at.astimezone().date() for e in kept_entries}
    for back in range(12):  # the newest backup of each of the last 12 days is kept
        day = (now - timedelta(days=back)).astimezone().date()
        newest_that_day = next(e for e in entries if e.taken_at.astimezone().date() == day)
        assert newest_that_day.path in kept and day in days
    months = {(e.taken_at.astimezone().year, e.taken_at.astimezone().month)
              for e in kept_entries}
    assert len(months) == 9  # nine months reach back; nothing older than that survives
    oldest_kept = min(e.taken_at for e in kept_entries)
    assert now - oldest_kept < timedelta(days=9 * 31)
    assert len(kept) <= 8 + 12 + 10 + 9


def test_prune_deletes_what_retention_drops_and_respects_the_size_limit(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    made = [_fake(folder, now - timedelta(days=d), size=100) for d in range(40)]
    shelf = BackupShelf(folder, Retention(recent=2, daily=5, weekly=0, monthly=0))
    gone = shelf.prune()
    assert [e.path for e in shelf.entries()] == [e.path for e in made[:5]]
    assert len(gone) == 35
    small = BackupShelf(folder, Retention(recent=5, daily=0, weekly=0, monthly=0,
                                          max_bytes=250))
    small.prune()
    assert [e.path for e in small.entries()] == [e.path for e in made[:2]]
    tiny = BackupShelf(folder, Retention(recent=5, daily=0, weekly=0, monthly=0, max_bytes=1))
    tiny.prune()  # over the limit on its own: the newest is kept all the same
    assert [e.path for e in tiny.entries()] == [made[0].path]


def test_a_backup_is_due_on_open_and_then_only_after_changes_and_the_interval(
        case: CaseFile, tmp_path: Path) -> None:
    shelf = shelf_of(case, tmp_path, interval=timedelta(minutes=15))
    assert shelf.due(case)
    taken = shelf.take(case)
    later = taken.taken_at + timedelta(minutes=20)
    assert not shelf.due(case, now=taken.taken_at + timedelta(minutes=1))
    assert not shelf.due(case, now=later)  # nothing changed since
    case.sources.create(name="A change")
    assert not shelf.due(case, now=taken.taken_at + timedelta(minutes=5))  # too soon
    assert shelf.due(case, now=later)


def test_reading_does_not_count_as_a_change(case: CaseFile, tmp_path: Path) -> None:
    shelf = shelf_of(case, tmp_path)
    taken = shelf.take(case)
    case.sources.page()
    case.summary()
    with case._store.write():  # a unit of work that changes nothing
        pass
    assert not shelf.due(case, now=taken.taken_at + timedelta(hours=2))


def test_restore_is_a_copy_and_never_overwrites_without_being_told(case: CaseFile,
                                                                   tmp_path: Path) -> None:
    case.sources.create(name="Before")
    shelf = shelf_of(case, tmp_path)
    entry = shelf.take(case)
    case.sources.create(name="After")
    out = tmp_path / "restored.casefile"
    shelf.restore(entry, out)
    with CaseFile.open(out) as copy:
        assert [s.name for s in copy.sources.page()] == ["Before"]
    with pytest.raises(CaseFileError, match="already exists"):
        shelf.restore(entry, out)
    Path(f"{out}-wal").write_bytes(b"a stale log of the file being replaced")
    shelf.restore(entry, out, replace=True)
    assert not Path(f"{out}-wal").exists()
    with CaseFile.open(out) as copy:
        assert copy.check().ok
    assert sorted(s.name for s in case.sources.page()) == ["After", "Before"]


def test_cli_lists_takes_and_restores(case: CaseFile, tmp_path: Path, monkeypatch,
                                      capsys) -> None:
    from casefile.cli import main

    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(tmp_path / "cli-backups"))
    path = case.path
    case.sources.create(name="In the backup")
    case.close()
    assert main(["backups", str(path), "--take"]) == 0
    assert "1 backups in" in capsys.readouterr().out
    out = tmp_path / "again.casefile"
    assert main(["backups", str(path), "--restore", "1", "--out", str(out)]) == 0
    with CaseFile.open(out) as copy:
        assert copy.sources.count() == 1
    assert main(["backups", str(path), "--restore", "7", "--out", str(tmp_path / "x")]) == 1
    assert "no single backup" in capsys.readouterr().err
