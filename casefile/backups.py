"""Automatic rotating backups of a case file, kept apart from it in the user data folder.

    shelf = BackupShelf.for_case(case)
    if shelf.due(case):
        shelf.take(case)        # copied, opened and checked, then older ones pruned
    shelf.restore(shelf.entries()[0], Path("restored.casefile"))

Each case has its own folder, named by the case's UUID (never its title: a folder name is
seen by anyone who looks at the disk). A backup is named by the UTC time it was taken. A new
backup only joins the shelf after it has been opened and integrity-checked; only then are
older ones pruned, so a crash or a full disk mid-backup never costs an older good copy.

Retention (like `borg prune`): the newest `recent` backups, then the newest backup of each
of the last `daily` days, `weekly` weeks and `monthly` months that have one; then the oldest
are dropped while the shelf is over `max_bytes` (the newest is always kept).

Only the owner may read the shelf: its folders are 0700 and every backup 0600. A backup of
an encrypted case is encrypted, and the shelf of an encrypted case holds no plaintext copy:
`take()` re-encrypts any it finds (one an interrupted `encrypt_file` left). After the trash is
emptied, `retake_after_purge()` replaces every older backup with a fresh one, so nothing
purged survives on the shelf.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from casefile.copies import (
    BACKUP,
    PREMIGRATION,
    UNFINISHED,
    CopiesReport,
    is_plain,
    premigration_copies,
    remove_all,
    seal,
)
from casefile.db.durable import fsync_path
from casefile.errors import CaseFileError
from casefile.outputs import guard_output, held_elsewhere
from casefile.private_files import make_private, private_dir, shred

if TYPE_CHECKING:
    from casefile.case import CaseFile
    from casefile.services.base import Ref

BACKUP_DIR_ENV = "CASEFILE_BACKUP_DIR"
_STAMP = "%Y-%m-%dT%H%M%S.%fZ"
_SUFFIX = ".casefile"
# An unfinished copy untouched this long was abandoned (a backup writes it continuously).
LEFTOVER_AGE = timedelta(minutes=10)


@dataclass(frozen=True)
class Retention:
    """How many backups to keep: see the module's docstring."""

    recent: int = 8
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    max_bytes: int = 4 * 1024**3
    # While the case is being edited, at most one automatic backup in this interval.
    interval: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class BackupEntry:
    """One backup on the shelf."""

    path: Path
    taken_at: datetime  # UTC
    size: int


def default_root() -> Path:
    """Where every case's backups live: $CASEFILE_BACKUP_DIR, else the user data folder."""
    given = os.environ.get(BACKUP_DIR_ENV)
    if given:
        return Path(given)
    from platformdirs import user_data_path

    return user_data_path("Casefile", appauthor=False) / "backups"


def keep_set(entries: list[BackupEntry], retention: Retention) -> set[Path]:
    """The backups retention keeps (before the size limit), from entries newest first."""
    keep = {e.path for e in entries[: retention.recent]}
    periods: list[tuple[int, Callable[[datetime], object]]] = [
        (retention.daily, lambda t: t.date()),
        (retention.weekly, lambda t: t.isocalendar()[:2]),
        (retention.monthly, lambda t: (t.year, t.month)),
    ]
    for count, period_of in periods:
        seen: set[object] = set()
        for entry in entries:  # newest first: the first of each period is its newest
            period = period_of(entry.taken_at.astimezone())
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(entry.path)
    return keep


class BackupShelf:
    """The backups of one case file (found by the case's UUID)."""

    def __init__(self, folder: Path, retention: Retention | None = None) -> None:
        self.folder = folder
        self.retention = retention or Retention()

    @classmethod
    def for_case(cls, case: CaseFile, root: Path | None = None,
                 retention: Retention | None = None) -> BackupShelf:
        """The shelf of an open case, under `root` (default: `default_root()`)."""
        return cls((root or default_root()) / str(case.info().uuid), retention)

    def entries(self) -> list[BackupEntry]:
        """Every finished backup, newest first (unfinished leftovers are not listed)."""
        found: list[BackupEntry] = []
        if not self.folder.is_dir():
            return found
        for path in self.folder.iterdir():
            if not path.name.endswith(_SUFFIX):
                continue
            try:
                taken = datetime.strptime(path.name[: -len(_SUFFIX)], _STAMP).replace(tzinfo=UTC)
                size = path.stat().st_size
            except (ValueError, OSError):
                continue
            found.append(BackupEntry(path, taken, size))
        return sorted(found, key=lambda e: e.taken_at, reverse=True)

    def due(self, case: CaseFile, now: datetime | None = None) -> bool:
        """Whether an automatic backup is due: none yet, or the newest is older than the
        interval and the case has changed since it was taken."""
        entries = self.entries()
        if not entries:
            return True
        now = now or datetime.now(UTC)
        if now - entries[0].taken_at < self.retention.interval:
            return False
        return case.last_change() > entries[0].taken_at

    def take(self, case: CaseFile, now: datetime | None = None) -> BackupEntry:
        """Back the case up now (checked before it counts), then prune older backups. For an
        encrypted case, any plaintext backup still on the shelf is re-encrypted too."""
        entry = self._take(case, now)
        self.prune()
        passphrase = case._passphrase  # noqa: SLF001 - the open case's key, for its copies
        if passphrase is not None:
            plain = [(BACKUP, e.path) for e in self.entries() if is_plain(e.path)]
            if plain:
                seal(plain, None, passphrase)
        return entry

    def _take(self, case: CaseFile, now: datetime | None) -> BackupEntry:
        private_dir(self.folder, up_to=self.folder.parent.parent)
        self._remove_leftovers()
        now = now or datetime.now(UTC)
        path = self.folder / (now.strftime(_STAMP) + _SUFFIX)
        case.backup(path)
        make_private(path)
        return BackupEntry(path, now, path.stat().st_size)

    def retake_after_purge(self, case: CaseFile) -> tuple[BackupEntry | None, CopiesReport]:
        """After emptying the trash: take a fresh backup (checked), then overwrite and remove
        every older backup, unfinished copy and pre-migration copy of the case — they hold
        what was purged. Nothing is taken when there was nothing to clean."""
        older = [(BACKUP, e.path) for e in self.entries()]
        older += [(UNFINISHED, p) for p in self._stale_leftovers()]
        older += [(PREMIGRATION, p) for p in premigration_copies(case.path)]
        if not older:
            return None, CopiesReport()
        fresh = self._take(case, None)
        return fresh, remove_all([(w, p) for w, p in older if p != fresh.path])

    def unfinished(self) -> list[Path]:
        """Copies a crash or a full disk interrupted (or one still being written)."""
        return _unfinished(self.folder.iterdir()) if self.folder.is_dir() else []

    def prune(self) -> list[Path]:
        """Delete what retention and the size limit do not keep; returns what went."""
        entries = self.entries()
        keep = keep_set(entries, self.retention)
        kept = [e for e in entries if e.path in keep]
        total = sum(e.size for e in kept)
        while len(kept) > 1 and total > self.retention.max_bytes:
            total -= kept.pop().size  # the oldest
        keep = {e.path for e in kept}
        gone = [e.path for e in entries if e.path not in keep]
        for path in gone:
            path.unlink(missing_ok=True)
        return gone

    def restore(self, entry: BackupEntry, out: Path, *, replace: bool = False) -> Path:
        """Copy a backup to `out` as a case file of its own. An existing `out` is only
        replaced with `replace=True` (the caller has asked twice, and has closed `out` if it
        was open); a -wal/-journal a crash left beside it then goes too. Never over a file
        another Casefile window or program holds (`outputs.guard_output`): that would lose
        the holder's commits."""
        if out.exists() and not replace:
            raise CaseFileError(f"{out}: already exists; choose another name for the copy")
        if replace and not (out.is_file() and held_elsewhere(out)):
            # Nobody has it open and it is to be replaced whole: a -wal/-journal beside it is
            # a leftover of the file that goes (a crash), not a holder's commits.
            for stale in (Path(f"{out}-wal"), Path(f"{out}-journal")):
                stale.unlink(missing_ok=True)
        guard_output(out, [entry.path], instead="another name for the copy")
        part = out.with_name(out.name + ".part")
        try:
            shutil.copyfile(entry.path, part)
            fsync_path(part)
            os.replace(part, out)
            fsync_path(out.parent)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise CaseFileError(f"{out}: the backup could not be restored ({exc.strerror})"
                                ) from exc
        return out

    def _remove_leftovers(self) -> None:
        """Copies a crash or a full disk interrupted (never listed, never restored). Only
        stale ones: a recent one may be another backup of this case still being written."""
        for path in self._stale_leftovers():
            with contextlib.suppress(OSError):
                shred(path)

    def _stale_leftovers(self) -> list[Path]:
        stale = time.time() - LEFTOVER_AGE.total_seconds()
        found = []
        for path in self.unfinished():
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < stale:
                    found.append(path)
        return found


def _unfinished(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths
            if p.name.endswith((".part", ".unchecked", "-journal", ".rekey"))]


@dataclass(frozen=True)
class Purged:
    """What emptying the trash (or purging one deletion) did, backups included."""

    deletions: int
    fresh: BackupEntry | None
    copies: CopiesReport

    def text(self) -> str:
        """'3 earlier backups were removed; a fresh backup was taken', or ''."""
        parts = [self.copies.text()] if self.copies.text() else []
        if self.fresh is not None:
            parts.append("a fresh backup without what was purged was taken")
        return "; ".join(parts)


def purge_everywhere(case: CaseFile, entry: Ref | None = None, *, clean_backups: bool = True,
                     shelf: BackupShelf | None = None) -> Purged:
    """Empty the trash (or purge the one deletion `entry`) and, unless `clean_backups` is
    False, replace the case's older backups and pre-migration copies, which still hold what
    was purged, with one fresh backup. The case file's write-ahead log is folded in too, so
    no earlier version of a purged page stays in the `-wal` beside it."""
    if entry is None:
        deletions = case.trash.empty()
    else:
        case.trash.purge(entry)
        deletions = 1
    with contextlib.suppress(DBAPIError):  # housekeeping: a full disk keeps the -wal a while
        case._checkpoint()  # noqa: SLF001 - the same core, folding the purge into the file
    if not clean_backups:
        return Purged(deletions, None, CopiesReport())
    fresh, report = (shelf or BackupShelf.for_case(case)).retake_after_purge(case)
    return Purged(deletions, fresh, report)
