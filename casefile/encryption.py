"""Encrypting a plain case file, or decrypting an encrypted one, through a new file.

The file is converted into `NAME.part` beside it (created 0600 before SQLite writes it) while
the original stays open and locked (so no other program can change it meanwhile); the new file
is opened with its own key, checked (`db.verify.verify_copy`: integrity, stamp and version,
schema, case record, search index, every table's row count) and only then moved over the
original in one atomic rename (`copies.export_into` does the converting, for the case's
copies too). Any failure leaves the original exactly as it was and overwrites and
removes the part file. Neither direction migrates the schema: the next open does that.

Afterwards the case's other copies follow (`casefile.copies`): encrypting re-encrypts every
automatic backup and pre-migration copy with the new passphrase (or, failing that, overwrites
and removes it), and changing the passphrase re-encrypts those the old one opens. Decrypting
leaves them as they are: they stay encrypted and open with the passphrase they were taken
under; backups taken after it are plain, like the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.copies import (
    BACKUP,
    FAILED,
    PREMIGRATION,
    UNFINISHED,
    CopiesReport,
    case_uuid,
    export_into,
    seal,
)
from casefile.db import driver
from casefile.db.durable import fsync_path
from casefile.db.header import APPLICATION_ID, read_header
from casefile.db.migrations import CURRENT_VERSION
from casefile.db.verify import table_counts, verify_copy
from casefile.errors import (
    CaseFileError,
    CaseFileLockedError,
    EncryptionUnavailableError,
    NewerFormatError,
    NotACaseFileError,
    WrongPassphraseError,
)
from casefile.private_files import overwrite_fd, shred


@dataclass(frozen=True)
class Converted:
    """A converted case file, and what happened to its backups and pre-migration copies."""

    path: Path
    copies: CopiesReport = field(default_factory=CopiesReport)

    def text(self) -> str:
        """What happened to the copies, as a sentence ('' when there were none)."""
        return self.copies.text()


def encrypt_file(path: Path | str, passphrase: str, *,
                 backup_root: Path | None = None) -> Converted:
    """Encrypt a plain case file in place (via a verified new file), then every backup and
    pre-migration copy of it (`backup_root`: the shelf's root, default `default_root()`)."""
    from casefile.case import check_passphrase

    check_passphrase(passphrase)
    return _convert(Path(path), None, passphrase, backup_root)


def decrypt_file(path: Path | str, passphrase: str, *,
                 backup_root: Path | None = None) -> Converted:
    """Turn an encrypted case file back into a plain one (via a verified new file); its
    earlier backups stay encrypted."""
    return _convert(Path(path), passphrase, "", backup_root)


def change_passphrase(path: Path | str, old: str, new: str, *,
                      backup_root: Path | None = None) -> Converted:
    """Re-encrypt a case file under a new passphrase (via a verified new file), and the
    backups and pre-migration copies the old passphrase opens."""
    from casefile.case import check_passphrase

    check_passphrase(new)
    return _convert(Path(path), old, new, backup_root)


def _convert(path: Path, src_key: str | None, dst_key: str,
             backup_root: Path | None) -> Converted:
    if not driver.encryption_available():
        raise EncryptionUnavailableError()
    header = read_header(path)
    if src_key is None and header.encrypted:
        raise CaseFileError(f"{path}: the file is already encrypted")
    if src_key is not None and not header.encrypted:
        raise CaseFileError(f"{path}: the file is not encrypted")
    part = path.with_name(path.name + ".part")
    source = _lock(path, src_key)
    try:
        version, counts = _facts(source, path)
        uuid = case_uuid(source)
        # A part file an interrupted conversion left (the lock says none is running now):
        # a decryption's is plaintext, so its bytes go too.
        shred(part)
        try:
            export_into(source, part, dst_key, version)
            verify_copy(part, dst_key or None, what="converted file", version=version,
                        counts=counts)
            fsync_path(part)
            # Fold the original's write-ahead log in and delete it (the lock stays held), so
            # no -wal of the old file is left beside the new one.
            source.execute("PRAGMA journal_mode = DELETE").fetchall()
            old = os.open(path, os.O_WRONLY)
            try:
                os.replace(part, path)
                fsync_path(path.parent)
                if src_key is None:  # the replaced plaintext, still open: overwrite it
                    overwrite_fd(old)
            finally:
                os.close(old)
        except BaseException:
            shred(part)  # overwritten, then removed (gone if it was renamed)
            raise
        if dst_key:
            return Converted(path, _seal_copies(path, uuid, src_key, dst_key, backup_root))
    finally:
        source.close()
    return Converted(path)


def _seal_copies(path: Path, uuid: str | None, src_key: str | None, dst_key: str,
                 backup_root: Path | None) -> CopiesReport:
    """The case is converted by now: a folder that cannot be read is reported, not raised."""
    try:
        copies = copies_of(path, uuid, backup_root)
    except OSError as exc:
        report = CopiesReport()
        report.add("folder of copies", FAILED, Path(exc.filename or path.parent))
        return report
    return seal(copies, src_key, dst_key)


def copies_of(path: Path, uuid: str | None, backup_root: Path | None = None
              ) -> list[tuple[str, Path]]:
    """Every copy of the case file at `path` that Casefile made: its shelf's backups and
    unfinished copies (by the case's UUID), and its pre-migration copies."""
    from casefile.backups import BackupShelf, default_root
    from casefile.copies import premigration_copies

    found: list[tuple[str, Path]] = []
    if uuid:
        shelf = BackupShelf((backup_root or default_root()) / uuid)
        found += [(BACKUP, e.path) for e in shelf.entries()]
        found += [(UNFINISHED, p) for p in shelf.unfinished()]
    return found + [(PREMIGRATION, p) for p in premigration_copies(path)]


def _lock(path: Path, key: str | None) -> Any:
    """The original, opened and locked for the whole conversion (nothing else may write)."""
    conn = driver.connect(path, key)
    try:
        if key is not None and not driver.check_key(conn):
            raise WrongPassphraseError(path)
        conn.isolation_level = None
        conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    except driver.dbapi.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise CaseFileLockedError(path) from exc
        raise CaseFileError(f"{path}: cannot be opened ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _facts(conn: Any, path: Path) -> tuple[int, dict[str, int]]:
    """The file's schema version and every table's row count (checked again after)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id != APPLICATION_ID:
        raise NotACaseFileError(path, "it is a database, but not one made by Casefile")
    if version > CURRENT_VERSION:
        raise NewerFormatError(path, version, CURRENT_VERSION)
    return version, table_counts(conn)


