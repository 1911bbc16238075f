"""Creating a new case file's schema, and bringing an older one up to date."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from casefile.db import driver, search_index
from casefile.db.base import Base
from casefile.db.header import APPLICATION_ID
from casefile.db.migrations import CURRENT_VERSION, STEPS
from casefile.db.session import disk_trouble
from casefile.errors import CaseFileError
from casefile.private_files import new_private_file


def create_schema(engine: Engine) -> None:
    """Lay out every table, the search index and its triggers, and stamp the file as ours."""
    import casefile.models  # noqa: F401 - registers every table on Base.metadata

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        search_index.install(conn)
        _stamp(conn, CURRENT_VERSION)


def _stamp(conn: Connection, version: int) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def schema_version(conn: Connection) -> int:
    """The file's schema version (`PRAGMA user_version`)."""
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def backup_path_for(path: Path, from_version: int) -> Path:
    """Where the pre-migration copy goes: beside the file, named for the old version."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.v{from_version}-backup-{stamp}{path.suffix}")


BACKUP_STEP_PAGES = 1024


def online_backup(engine: Engine, target: Path, passphrase: str | None = None,
                  stop: threading.Event | None = None) -> None:
    """Copy the open file with SQLite's online backup API (consistent, even mid-session).
    The copy of an encrypted file is encrypted with the same passphrase. Setting `stop`
    abandons the copy between steps (CaseFileError, nothing left behind)."""

    def step(_status: int, _remaining: int, _total: int) -> None:
        if stop is not None and stop.is_set():
            raise CaseFileError(f"{target}: the backup was stopped (the case file is closing)")

    tmp = target.with_name(target.name + ".part")
    try:
        new_private_file(tmp)  # 0600 whatever the umask: a copy can name sources
        with engine.connect() as conn:
            src = conn.connection.dbapi_connection
            assert src is not None
            dest = driver.connect(tmp, passphrase)
            try:
                # In steps of 4 MB: between steps other threads' reads and writes get the
                # connection (SQLite carries their changes into the copy, or starts again).
                src.backup(dest, pages=BACKUP_STEP_PAGES, progress=step, sleep=0.002)
                dest.execute("PRAGMA journal_mode = DELETE").fetchall()
            finally:
                dest.close()
        tmp.replace(target)
    except CaseFileError:
        tmp.unlink(missing_ok=True)
        raise
    except (driver.dbapi.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
        trouble = disk_trouble(exc)
        reason = f"{trouble}: no copy was made" if trouble else str(exc)
        raise CaseFileError(f"{target}: {reason}") from exc


def migrate(engine: Engine, path: Path, passphrase: str | None = None) -> Path | None:
    """Bring the file to CURRENT_VERSION; return the backup taken first (None if current)."""
    with engine.connect() as conn:
        version = schema_version(conn)
    if version == CURRENT_VERSION:
        return None
    backup = backup_path_for(path, version)
    online_backup(engine, backup, passphrase)
    with engine.connect() as conn:
        # Pragmas go straight to the driver: through SQLAlchemy they would open a transaction,
        # and foreign_keys cannot change inside one.
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with _stopped_by_the_disk(path, version, backup), conn.begin():
                for target in range(version + 1, CURRENT_VERSION + 1):
                    STEPS[target](conn)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise CaseFileError(
                        f"{path}: migration to format {CURRENT_VERSION} found broken references "
                        f"({len(problems)}); the file was left at format {version}, "
                        f"and a copy is at {backup}"
                    )
                search_index.install(conn)
                _stamp(conn, CURRENT_VERSION)
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    return backup


@contextmanager
def _stopped_by_the_disk(path: Path, version: int, backup: Path) -> Iterator[None]:
    """A full or failing disk mid-migration: the transaction rolled back, say so plainly."""
    try:
        yield
    except DBAPIError as exc:
        trouble = disk_trouble(exc)
        if trouble is None:
            raise
        raise CaseFileError(f"{path}: the migration to format {CURRENT_VERSION} stopped: "
                            f"{trouble}. The file was left at format {version}; a copy is at "
                            f"{backup}") from exc


def table_names(conn: Connection) -> list[str]:
    """Every ordinary table in the file (for checks and tests)."""
    rows = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    )
    return sorted(r[0] for r in rows)
