"""Every copy of a case file kept by Casefile, brought under the case's protection.

The copies are the automatic backups on the shelf (`backups.BackupShelf`), unfinished copies a
crash left there, and the copies taken before a schema migration, beside the file
(`NAME.vN-backup-STAMP.casefile`). When a case is encrypted (or its passphrase changes), a
plaintext copy would undo the point of it, so each copy is either re-encrypted with the new
passphrase — converted into a new file, checked (`db.verify.verify_copy`: integrity, stamp and
version, schema, case record, search index, every table's row count), then swapped in
atomically and the old bytes overwritten — or, if that cannot be done, its bytes are
overwritten and it is removed. The result says which, per kind of copy.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.db import driver
from casefile.db.durable import fsync_path
from casefile.db.header import APPLICATION_ID, SQLITE_MAGIC
from casefile.db.verify import table_counts, verify_copy
from casefile.errors import CaseFileError
from casefile.private_files import make_private, new_private_file, overwrite_fd, shred

BACKUP = "earlier backup"
PREMIGRATION = "pre-migration copy"
UNFINISHED = "unfinished copy"

ENCRYPTED = "encrypted"
REKEYED = "re-encrypted with the new passphrase"
REMOVED = "removed"
KEPT = "left as it was (encrypted with an earlier passphrase)"
FAILED = "not removed"


@dataclass
class CopiesReport:
    """What happened to each copy: (kind of copy, outcome, path)."""

    done: list[tuple[str, str, Path]] = field(default_factory=list)

    def add(self, what: str, outcome: str, path: Path) -> None:
        """Record one copy's outcome."""
        self.done.append((what, outcome, path))

    def count(self, outcome: str, what: str | None = None) -> int:
        """How many copies (of one kind, if given) had this outcome."""
        return sum(1 for w, o, _p in self.done if o == outcome and what in (None, w))

    @property
    def failed(self) -> list[Path]:
        """Plaintext copies that are still there (a sentence for each is in `text()`)."""
        return [p for _w, o, p in self.done if o == FAILED]

    def text(self) -> str:
        """'3 earlier backups were encrypted; 1 pre-migration copy was removed', or ''."""
        counts = Counter((w, o) for w, o, _p in self.done)
        parts = []
        for (what, outcome), n in counts.items():
            if outcome == FAILED:
                continue  # named one by one below
            noun = what if n == 1 else what.replace("copy", "copies").replace("backup",
                                                                              "backups")
            parts.append(f"{n} {noun} {'was' if n == 1 else 'were'} {outcome}")
        for path in self.failed:
            parts.append(f"{path} could not be encrypted or removed: remove it by hand")
        return "; ".join(parts)


_PREMIGRATION = re.compile(r"\.v\d+-backup-\d{8}T\d{6}Z")


def premigration_copies(path: Path) -> list[Path]:
    """The copies taken before migrating `path`, beside it (see `db.schema.backup_path_for`)."""
    if not path.parent.is_dir():
        return []
    prefix, suffix = path.stem, path.suffix
    found = []
    for candidate in path.parent.iterdir():
        name = candidate.name
        if (name.startswith(prefix) and name.endswith(suffix) and candidate.is_file()
                and _PREMIGRATION.fullmatch(name[len(prefix): len(name) - len(suffix)])):
            found.append(candidate)
    return sorted(found)


def is_plain(path: Path) -> bool:
    """Whether `path` is a plain (unencrypted) SQLite file: anyone can read it."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def case_uuid(conn: Any) -> str | None:
    """The case's UUID from an open DB-API connection (names its backup shelf)."""
    try:
        row = conn.execute("SELECT uuid FROM case_info LIMIT 1").fetchone()
    except driver.dbapi.Error:
        return None
    return str(row[0]) if row else None


def seal(copies: list[tuple[str, Path]], old_key: str | None, new_key: str,
         report: CopiesReport | None = None) -> CopiesReport:
    """Put every copy under `new_key`: plain ones and ones `old_key` opens are re-encrypted;
    what cannot be re-encrypted is overwritten and removed; copies encrypted under some other
    passphrase are left as they are."""
    report = report if report is not None else CopiesReport()
    for what, path in copies:
        if what == UNFINISHED:
            _remove(report, what, path)
            continue
        plain = is_plain(path)
        key = None if plain else old_key
        if key is None and not plain:
            report.add(what, KEPT, path)
            continue
        try:
            rekey(path, key, new_key)
        except _WrongKeyError:
            report.add(what, KEPT, path)
        except (CaseFileError, OSError, driver.dbapi.Error):
            _remove(report, what, path)
        else:
            report.add(what, ENCRYPTED if plain else REKEYED, path)
    return report


def remove_all(copies: list[tuple[str, Path]],
               report: CopiesReport | None = None) -> CopiesReport:
    """Overwrite and remove every copy (after a purge: they hold what was purged)."""
    report = report if report is not None else CopiesReport()
    for what, path in copies:
        _remove(report, what, path)
    return report


def _remove(report: CopiesReport, what: str, path: Path) -> None:
    try:
        shred(path)
    except OSError:
        report.add(what, FAILED, path)
    else:
        report.add(what, REMOVED, path)


class _WrongKeyError(Exception):
    pass


def export_into(source: Any, part: Path, key: str, version: int) -> None:
    """Convert the open connection `source` into `part`, a new 0600 file (created before
    SQLite writes it: SQLite keeps the mode of a file that exists), under `key` ('' for a
    plain file), with Casefile's stamp and `version`. The caller checks it (`verify_copy`)
    and, on any failure, `shred`s `part`: a decrypted one is plaintext."""
    new_private_file(part)
    source.execute(f"ATTACH DATABASE {driver.quote(str(part))} AS converted "
                   f"KEY {driver.quote(key)}")
    source.execute("SELECT sqlcipher_export('converted')").fetchall()
    source.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
    source.execute(f"PRAGMA converted.user_version = {version}")
    source.execute("DETACH DATABASE converted")


def rekey(path: Path, old_key: str | None, new_key: str) -> None:
    """Re-encrypt one copy under `new_key` in place: a new file beside it, checked, then
    renamed over it; the replaced file's bytes are overwritten before they are let go."""
    part = path.with_name(path.name + ".rekey")
    shred(part)
    source = driver.connect(path, old_key)
    try:
        if not driver.check_key(source):
            raise _WrongKeyError()
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(source.execute("PRAGMA application_id").fetchone()[0]) & 0xFFFFFFFF
        if app_id != APPLICATION_ID:
            raise CaseFileError(f"{path}: not a case file")
        counts = table_counts(source)
        try:
            export_into(source, part, new_key, version)
            verify_copy(part, new_key, what="re-encrypted copy", version=version,
                        counts=counts)
            fsync_path(part)
        except BaseException:
            shred(part)
            raise
    finally:
        source.close()
    fd = os.open(path, os.O_WRONLY)
    try:
        os.replace(part, path)
        fsync_path(path.parent)
        overwrite_fd(fd)  # the replaced file, still open: its plaintext goes now
    finally:
        os.close(fd)
    make_private(path)
    for stale in (Path(f"{path}-wal"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            shred(stale)
