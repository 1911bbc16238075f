"""Creating a new case file's schema, and bringing an older one up to date."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from casefile.db import driver, record_counts, search_index
from casefile.db.base import Base
from casefile.db.durable import fsync_path
from casefile.db.header import APPLICATION_ID
from casefile.db.migrations import CURRENT_VERSION
from casefile.db.session import Store, disk_trouble
from casefile.errors import CaseFileError
from casefile.private_files import new_private_file


def create_schema(engine: Engine) -> None:
    """Lay out every table, the search index and its triggers, and stamp the file as ours."""
    import casefile.models  # noqa: F401 - registers every table on Base.metadata

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        search_index.install(conn)
        record_counts.install(conn)
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


# Pages copied per step of a backup (1 MB at 4 KiB pages). The store's lock is held for one
# step at a time, so a step is the longest a list or an edit waits for a running backup:
# on the 973 MB benchmark case a step takes 1 ms (median), 17 ms (p99); at 4 MB, 12-16 and
# 24-30 ms. Smaller steps cost nothing when no one is waiting (the lock stays held).
BACKUP_STEP_PAGES = 256


@contextmanager
def _source(source: Engine | Store) -> Iterator[tuple[Any, Callable[[], None]]]:
    """The connection to copy from, and what to do between steps."""
    if isinstance(source, Store):  # an open case: take turns with its other work
        with source.in_steps() as (raw, between):
            yield raw, between
        return
    with source.connect() as conn:  # a file no one else uses yet (migrating as it opens)
        raw = conn.connection.dbapi_connection
        assert raw is not None
        yield raw, lambda: None


def online_backup(source: Engine | Store, target: Path, passphrase: str | None = None,
                  stop: threading.Event | None = None) -> None:
    """Copy the open file with SQLite's online backup API (consistent, even mid-session).
    From a Store, the copy takes turns with the store's other work, one step at a time
    (`Store.in_steps`): it never uses the shared connection while another thread does, and
    never commits or rolls it back. The copy of an encrypted file is encrypted with the same
    passphrase. Setting `stop` abandons the copy between steps (CaseFileError, nothing left
    behind)."""

    def step(_status: int, _remaining: int, _total: int) -> None:
        between()
        if stop is not None and stop.is_set():
            raise CaseFileError(f"{target}: the backup was stopped (the case file is closing)")

    tmp = target.with_name(target.name + ".part")
    try:
        new_private_file(tmp)  # 0600 whatever the umask: a copy can name sources
        dest = driver.connect(tmp, passphrase)
        try:
            # Before the store's lock is taken: the copy is synced once at the end (outside
            # the lock), not at its commit — the last step committing with the lock held
            # while SQLite fsynced a gigabyte froze the window; and the first write derives
            # an encrypted copy's key (PBKDF2, about half a second) here, not in a step.
            dest.execute("PRAGMA synchronous = OFF").fetchall()
            dest.execute("PRAGMA user_version = 0").fetchall()
            with _source(source) as (src, between):
                src.backup(dest, pages=BACKUP_STEP_PAGES, progress=step, sleep=0.002)
            dest.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            dest.close()
        fsync_path(tmp)
        tmp.replace(target)
        fsync_path(target.parent)
    except CaseFileError:
        tmp.unlink(missing_ok=True)
        raise
    except (driver.dbapi.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
        trouble = disk_trouble(exc)
        reason = f"{trouble}: no copy was made" if trouble else str(exc)
        raise CaseFileError(f"{target}: {reason}") from exc


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
