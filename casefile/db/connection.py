"""One SQLAlchemy engine per open case file: one connection, durable pragmas, one writer.

Pragmas (set on every connection, in the driver's autocommit mode):
- `locking_mode=EXCLUSIVE`: this process holds the file's lock from open to close, so a
  second process is refused at once (and WAL needs no `-shm` file).
- `journal_mode=WAL` + `synchronous=FULL`: a commit is on disk when it returns.
- `foreign_keys=ON`: references are enforced.
The driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself,
so reads and writes in one session see one consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from casefile.errors import CaseFileLockedError, NotACaseFileError

PRAGMAS = (
    "PRAGMA locking_mode = EXCLUSIVE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)
BUSY_TIMEOUT_S = 0.25


def raw_connect(path: Path) -> sqlite3.Connection:
    """Open the file with every pragma applied, translating lock and damage errors."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma).fetchall()
        # Take the write lock now; in EXCLUSIVE mode it is kept until close.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise CaseFileLockedError(path) from exc
        raise NotACaseFileError(path, f"it cannot be opened ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotACaseFileError(path, f"it is damaged ({exc})") from exc
    return conn


def make_engine(path: Path) -> Engine:
    """An engine over exactly one connection to `path` (the pool never opens a second)."""
    first = raw_connect(path)
    used = False

    def creator() -> sqlite3.Connection:
        nonlocal used
        if used:  # StaticPool only asks again after dispose(); reopen then.
            return raw_connect(path)
        used = True
        return first

    engine = create_engine("sqlite://", creator=creator, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine
