"""One SQLAlchemy engine per open case file: one connection, durable pragmas, one writer.

Pragmas are set on every connection by a SQLAlchemy `connect` event, in the driver's
autocommit mode (`isolation_level = None`; Python 3.11's sqlite3 has no `autocommit`):
- `locking_mode=EXCLUSIVE`: this process holds the file's lock from open to close, so a
  second process is refused at once (and WAL needs no `-shm` file).
- `journal_mode=WAL` + `synchronous=FULL`: a commit is on disk when it returns.
- `foreign_keys=ON`: references are enforced.
- `secure_delete=ON`: deleted content is overwritten, not left in free pages.
- `trusted_schema=OFF` (set by the driver, where FTS5 allows it): views and triggers stored
  in a file cannot call functions or virtual tables that are not marked safe.
Before any of these (with the lock held) the file's schema is compared with what Casefile
creates, so a file carrying triggers or views of its own is refused unchanged.
The connection comes from `casefile.db.driver` (SQLCipher when installed, for plain and
encrypted files alike).
The driver's own transaction handling stays off and SQLAlchemy emits BEGIN itself, so
reads and writes in one session see one consistent snapshot.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from casefile.db import driver
from casefile.db.schema_guard import refuse_hostile
from casefile.db.session import disk_trouble
from casefile.errors import (
    CaseFileError,
    CaseFileLockedError,
    DamagedCaseFileError,
    HostileSchemaError,
    WrongPassphraseError,
    is_damage,
)

PRAGMAS = (
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    # Deleted rows are overwritten with zeros, not left in free pages (emptying the trash
    # means the text is gone from the file).
    "PRAGMA secure_delete = ON",
)


def _apply_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    for pragma in PRAGMAS:
        dbapi_connection.execute(pragma).fetchall()
    # Take the write lock now; in EXCLUSIVE mode it is kept until the connection closes.
    dbapi_connection.execute("BEGIN IMMEDIATE")
    dbapi_connection.execute("COMMIT")


def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path, passphrase: str | None = None, *,
                check_schema: bool = True) -> Engine:
    """An engine over exactly one connection to `path`, opened (and locked) now; keyed with
    `passphrase` for an encrypted file.

    The key is checked, and the schema compared with what Casefile creates
    (`schema_guard`), before any pragma could write, so a wrong passphrase or a file that
    carries code changes nothing. Raises WrongPassphraseError, HostileSchemaError,
    CaseFileLockedError if another process holds the file, and a CaseFileError naming the
    file for anything else that stops it opening. `check_schema=False` only for a file this
    process is building itself (a recovery's new file, before its search index exists).
    """
    if path.exists() and not os.access(path, os.W_OK):
        raise CaseFileError(f"{path}: the file is read-only; copy it somewhere you can write "
                            "to, or change its permissions")

    def connect() -> Any:
        conn = driver.connect(path, passphrase)
        try:
            if passphrase is not None and not driver.check_key(conn):
                raise WrongPassphraseError(path)
            # Before any pragma could write (journal_mode) and anything reads a record.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
            if check_schema:
                refuse_hostile(conn, path)
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool,
                           module=driver.dbapi)
    event.listen(engine, "connect", _apply_pragmas)
    event.listen(engine, "begin", _begin)
    try:
        with engine.connect():
            pass
    except (WrongPassphraseError, HostileSchemaError):
        engine.dispose()
        raise
    except (DBAPIError, driver.dbapi.Error) as exc:
        engine.dispose()
        orig = getattr(exc, "orig", exc)
        text = str(orig)
        if "locked" in text or "busy" in text:
            raise CaseFileLockedError(path) from exc
        if isinstance(orig, driver.dbapi.DatabaseError) and is_damage(orig):
            raise DamagedCaseFileError(path, text) from exc
        trouble = disk_trouble(orig)
        if trouble:
            raise CaseFileError(f"{path}: cannot be opened: {trouble}. Nothing in it was "
                                "changed; make room or copy it to another disk") from exc
        raise CaseFileError(f"{path}: cannot be opened ({text})") from exc
    return engine
