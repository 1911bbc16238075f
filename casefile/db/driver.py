"""The one SQLite library that opens case files in this process.

SQLCipher (through the `sqlcipher3` package, which links its own SQLite) reads plain and
encrypted files alike, so when it is installed it opens *every* case file and Python's own
`sqlite3` never touches one: two SQLite libraries on one file in one process would each keep
their own POSIX locks, and closing either could drop the other's. Without `sqlcipher3` the
standard `sqlite3` opens plain files and encrypted ones are refused with a clear message.

Encrypted files use SQLCipher 4's defaults: AES-256 in CBC mode with a random IV per page,
HMAC-SHA512 per page, the key derived by PBKDF2-HMAC-SHA512 with 256,000 iterations and a
random per-file salt (docs/security.md).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from casefile.errors import EncryptionUnavailableError

try:  # pragma: no cover - which branch runs depends on the installation
    from sqlcipher3 import dbapi2 as _sqlcipher
except ImportError:  # pragma: no cover
    _sqlcipher = None

BUSY_TIMEOUT_S = 0.25


def _choose() -> ModuleType:
    if os.environ.get("CASEFILE_SQLITE") == "stdlib" or _sqlcipher is None:
        import sqlite3  # only then: the frozen build leaves Python's own SQLite out

        return sqlite3
    chosen: ModuleType = _sqlcipher
    return chosen


dbapi: ModuleType = _choose()


def encryption_available() -> bool:
    """Whether encrypted case files can be created and opened here."""
    return _sqlcipher is not None and dbapi is _sqlcipher


def library_version() -> str:
    """'SQLite 3.53.4 (SQLCipher 4.19.0 community)' or 'SQLite 3.40.1'."""
    text = f"SQLite {dbapi.sqlite_version}"
    if encryption_available():
        conn = dbapi.connect(":memory:")
        try:
            cipher = conn.execute("PRAGMA cipher_version").fetchone()
        finally:
            conn.close()
        text += f" (SQLCipher {cipher[0]})" if cipher else ""
    return text


def quote(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no parameters)."""
    if "\x00" in passphrase:
        raise ValueError("a passphrase cannot contain a NUL character")
    return "'" + passphrase.replace("'", "''") + "'"


@functools.cache
def untrusted_schema_works() -> bool:
    """Whether the search triggers still work with `trusted_schema` off: SQLCipher's SQLite
    marks FTS5 safe for triggers; older SQLite (Python's own 3.40) does not, so there the
    setting stays on and the schema check (`schema_guard`) is the defence."""
    conn = dbapi.connect(":memory:")
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("CREATE VIRTUAL TABLE f USING fts5(a)")
        conn.execute("CREATE TABLE t(a)")
        conn.execute("CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN "
                     "INSERT INTO f(rowid, a) VALUES (new.rowid, new.a); END")
        conn.execute("INSERT INTO t VALUES ('x')")
    except dbapi.Error:
        return False
    finally:
        conn.close()
    return True


def connect(path: Path | str, passphrase: str | None = None) -> Any:
    """A DB-API connection to `path`, keyed when a passphrase is given, with
    `trusted_schema` off where the search index allows it. Nothing is read yet: the caller
    checks the key (see `check_key`) before anything could write."""
    if passphrase is not None and not encryption_available():
        raise EncryptionUnavailableError()
    conn = dbapi.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    if untrusted_schema_works():
        # Functions and virtual tables that could reach outside the file may not be used by
        # anything stored in it (views, triggers, CHECKs, defaults): a case file is data.
        conn.execute("PRAGMA trusted_schema = OFF").fetchall()
    if encryption_available():
        # SQLCipher logs a failed page check to stderr by default; the caller reports it.
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        if passphrase is not None:
            conn.execute(f"PRAGMA key = {quote(passphrase)}").fetchall()
    return conn


def check_key(conn: Any) -> bool:
    """Whether the connection can read its file (a wrong key reads as 'not a database')."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            return False
        raise
    return True


def is_encrypted_file(path: Path) -> bool:
    """Whether a file that is not plain SQLite could be an encrypted case file: whole pages of
    bytes that are not text. (Only the passphrase can tell it from random junk.)"""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    if size < 1024 or size % 512:
        return False
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
    return printable < len(head) * 0.9
