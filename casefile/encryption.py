"""Encrypting a plain case file, or decrypting an encrypted one, through a new file.

The file is converted into `NAME.part` beside it while the original stays open and locked (so
no other program can change it meanwhile); the new file is opened with its own key, checked
(`integrity_check`, every table's row count, the stamp and version) and only then moved over
the original in one atomic rename. Any failure leaves the original exactly as it was and
removes the part file. Neither direction migrates the schema: the next open does that.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from casefile.db import driver
from casefile.db.header import APPLICATION_ID, read_header
from casefile.db.migrations import CURRENT_VERSION
from casefile.db.verify import fsync_path, table_counts, verify_copy
from casefile.errors import (
    CaseFileError,
    CaseFileLockedError,
    EncryptionUnavailableError,
    NewerFormatError,
    NotACaseFileError,
    WrongPassphraseError,
)


def encrypt_file(path: Path | str, passphrase: str) -> Path:
    """Encrypt a plain case file in place (via a verified new file)."""
    from casefile.case import check_passphrase

    check_passphrase(passphrase)
    return _convert(Path(path), None, passphrase)


def decrypt_file(path: Path | str, passphrase: str) -> Path:
    """Turn an encrypted case file back into a plain one (via a verified new file)."""
    return _convert(Path(path), passphrase, "")


def change_passphrase(path: Path | str, old: str, new: str) -> Path:
    """Re-encrypt a case file under a new passphrase (via a verified new file)."""
    from casefile.case import check_passphrase

    check_passphrase(new)
    return _convert(Path(path), old, new)


def _convert(path: Path, src_key: str | None, dst_key: str) -> Path:
    if not driver.encryption_available():
        raise EncryptionUnavailableError()
    header = read_header(path)
    if src_key is None and header.encrypted:
        raise CaseFileError(f"{path}: the file is already encrypted")
    if src_key is not None and not header.encrypted:
        raise CaseFileError(f"{path}: the file is not encrypted")
    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-journal")):
        leftover.unlink(missing_ok=True)
    source = _lock(path, src_key)
    try:
        version, counts = _facts(source, path)
        try:
            source.execute(f"ATTACH DATABASE {driver.quote(str(part))} AS converted "
                           f"KEY {driver.quote(dst_key)}")
            source.execute("SELECT sqlcipher_export('converted')").fetchall()
            source.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
            source.execute(f"PRAGMA converted.user_version = {version}")
            source.execute("DETACH DATABASE converted")
            verify_copy(part, dst_key or None, what="converted file", version=version,
                        counts=counts)
            fsync_path(part)
            # Fold the original's write-ahead log in and delete it (the lock stays held), so
            # no -wal of the old file is left beside the new one.
            source.execute("PRAGMA journal_mode = DELETE").fetchall()
            os.replace(part, path)
            fsync_path(path.parent)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    finally:
        source.close()
    return path


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


