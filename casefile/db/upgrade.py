"""Bringing an older case file to the current format, one reported step at a time.

`migration_steps` is a generator: it yields (step, done, total) between the parts of the
work so a window can show progress and a command line can print it, and it can be stopped —
by closing the generator or by setting `cancel` (checked between steps and, through SQLite's
progress handler, inside long statements). Every step runs in one transaction, so a stopped
or failed upgrade leaves the file exactly as it was; the copy taken first is then removed,
since it is the same as the file.

The search index is refilled only when a step changes what it holds (`CHANGES_INDEX` in
casefile/db/migrations); otherwise only its triggers are made again (a rebuilt table loses
them), which takes no time whatever the size of the case.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from casefile.db import driver, search_index
from casefile.db.migrations import CHANGES_INDEX, CURRENT_VERSION, STEPS
from casefile.errors import CaseFileError

Progress = tuple[str, int, int]  # (what is being done, steps done, steps in all)
PROGRESS_OPS = 20_000  # SQLite VM instructions between two looks at `cancel`


class UpgradeCancelledError(CaseFileError):
    """The user stopped the upgrade; the file was left exactly as it was."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(f"{path}: the upgrade to format {CURRENT_VERSION} was cancelled; the "
                         f"file was left as it was (format {version}) and was not opened")
        self.path = path


def needs_refill(version: int) -> bool:
    """Whether taking a file from `version` to the current format changes what the search
    index holds (a step not declared in CHANGES_INDEX is assumed to)."""
    return any(CHANGES_INDEX.get(step, True) for step in range(version + 1, CURRENT_VERSION + 1))


def migration_steps(engine: Engine, path: Path, passphrase: str | None = None, *,
                    cancel: threading.Event | None = None
                    ) -> Generator[Progress, None, Path | None]:
    """Bring the file to CURRENT_VERSION, yielding progress; returns the copy taken first
    (None if the file was current). Raises UpgradeCancelledError when `cancel` is set."""
    from casefile.db.schema import (
        _stamp,
        _stopped_by_the_disk,
        backup_path_for,
        online_backup,
        schema_version,
    )

    with engine.connect() as conn:
        version = schema_version(conn)
    if version == CURRENT_VERSION:
        return None
    stop = cancel or threading.Event()
    refill = needs_refill(version)
    steps = list(range(version + 1, CURRENT_VERSION + 1))
    index_parts = len(search_index.INDEXED) + 2 if refill else 1  # see install_steps
    total = 1 + len(steps) + 1 + index_parts
    done = 0
    backup = backup_path_for(path, version)
    committed = False
    try:
        yield "copying the file before the upgrade", done, total
        _check(stop, path, version)
        try:
            online_backup(engine, backup, passphrase, stop)
        except CaseFileError:
            if stop.is_set():
                raise UpgradeCancelledError(path, version) from None
            raise
        done += 1
        with engine.connect() as conn:
            # Pragmas go straight to the driver: through SQLAlchemy they would open a
            # transaction, and foreign_keys cannot change inside one.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.set_progress_handler(lambda: 1 if stop.is_set() else 0, PROGRESS_OPS)
            try:
                with _cancelled_as(stop, path, version), \
                        _stopped_by_the_disk(path, version, backup), conn.begin():
                    for target in steps:
                        yield f"format {target}", done, total
                        _check(stop, path, version)
                        STEPS[target](conn)
                        done += 1
                    yield "checking references", done, total
                    _check(stop, path, version)
                    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise CaseFileError(
                            f"{path}: migration to format {CURRENT_VERSION} found broken "
                            f"references ({len(problems)}); the file was left at format "
                            f"{version}, and a copy is at {backup}")
                    done += 1
                    for part in search_index.install_steps(conn, refill=refill):
                        yield (f"search index: {part}" if refill else "search triggers",
                               done, total)
                        _check(stop, path, version)
                        done += 1
                    _stamp(conn, CURRENT_VERSION)
                committed = True
            finally:
                raw.set_progress_handler(None, 0)
                raw.execute("PRAGMA foreign_keys = ON")
    except (UpgradeCancelledError, GeneratorExit, KeyboardInterrupt):
        # Stopped by the user (Cancel, Ctrl+C): nothing changed, so the copy is the file
        # itself — unless the stop came after the commit: then the copy is the only older
        # one and stays. (After a failure the copy stays too: the message names it.)
        if not committed:
            backup.unlink(missing_ok=True)
        raise
    return backup


def _check(stop: threading.Event, path: Path, version: int) -> None:
    if stop.is_set():
        raise UpgradeCancelledError(path, version)


@contextmanager
def _cancelled_as(stop: threading.Event, path: Path, version: int) -> Iterator[None]:
    """Turn SQLite's "interrupted" (the progress handler saw `cancel`) into the plain
    UpgradeCancelledError; the transaction inside has rolled back by then."""
    try:
        yield
    except (DBAPIError, driver.dbapi.OperationalError):
        if stop.is_set():
            raise UpgradeCancelledError(path, version) from None
        raise


def migrate(engine: Engine, path: Path, passphrase: str | None = None) -> Path | None:
    """Bring the file to CURRENT_VERSION; return the backup taken first (None if current).
    The steps, with progress and cancel, are `casefile.db.upgrade.migration_steps`."""
    steps = migration_steps(engine, path, passphrase)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            backup: Path | None = finished.value
            return backup
