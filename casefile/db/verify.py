"""Checking a copy of a case file before it is trusted: a converted file before it replaces
the original, a backup before it replaces an older one, a recovered file before it is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casefile.db import driver, schema_guard
from casefile.db.header import APPLICATION_ID
from casefile.errors import CaseFileError


def table_counts(conn: Any) -> dict[str, int]:
    """Rows in every ordinary table (the search index's own tables excluded)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def verify_copy(path: Path, key: str | None, *, what: str, version: int | None = None,
                counts: dict[str, int] | None = None) -> None:
    """Open `path` with its own key and raise CaseFileError ("the {what} …") unless it reads
    back whole: integrity check, Casefile stamp and version, a schema exactly as Casefile
    creates it (nothing of its own to run), the case record, the search index, and (when
    given) the same row count in every table."""
    try:
        conn = driver.connect(path, key)
    except driver.dbapi.Error as exc:
        raise CaseFileError(f"{path}: the {what} cannot be opened ({exc})") from exc
    try:
        if not driver.check_key(conn):
            raise CaseFileError(f"{path}: the {what} cannot be read back")
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise CaseFileError(f"{path}: the {what} failed its integrity check")
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0]) & 0xFFFFFFFF
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != APPLICATION_ID or found <= 0 or (version is not None and found != version):
            raise CaseFileError(f"{path}: the {what} lost its Casefile stamp or version")
        hostile = schema_guard.differences(conn, found)
        if hostile:
            raise CaseFileError(f"{path}: the {what} contains {hostile[0]}")
        if conn.execute("SELECT count(*) FROM case_info").fetchone()[0] != 1:
            raise CaseFileError(f"{path}: the {what} has no case record")
        if counts is not None and table_counts(conn) != counts:
            raise CaseFileError(f"{path}: the {what} does not hold every record")
        conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
    except driver.dbapi.Error as exc:
        raise CaseFileError(f"{path}: the {what} is damaged ({exc})") from exc
    finally:
        conn.close()


def _utf8_ok(raw: bytes | None) -> bool:
    if raw is None:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def garbled_text(conn: Any) -> list[str]:
    """Rows whose text is no longer valid UTF-8 (a damaged page that SQLite's own integrity
    check cannot see); one line per table that has any."""
    conn.create_function("casefile_utf8_ok", 1, _utf8_ok, deterministic=True)
    found: list[str] = []
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'search_index%'")]
    for table in tables:
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                if r[2].upper() not in ("BLOB", "INTEGER", "FLOAT", "REAL", "BOOLEAN")]
        if not cols:
            continue
        bad = " OR ".join(f'NOT casefile_utf8_ok(CAST("{c}" AS BLOB))' for c in cols)
        rows = [r[0] for r in conn.execute(f'SELECT rowid FROM "{table}" WHERE {bad} LIMIT 21')]
        if rows:
            more = " and more" if len(rows) > 20 else ""
            found.append(f"garbled text in table {table}, rows "
                         f"{', '.join(map(str, rows[:20]))}{more}")
    return found
