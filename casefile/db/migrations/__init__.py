"""Schema versions and the steps between them (a `user_version` scheme, as in calibre).

Each step takes a file from version N-1 to N inside one transaction, with foreign keys
off while it runs and `foreign_key_check` after. Steps are frozen once released: DDL in
`vN.sql`, data fix-ups in Python. After the last step the search triggers are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from sqlalchemy import Connection

CURRENT_VERSION = 8


def run_sql_file(conn: Connection, name: str) -> None:
    """Execute every statement of a packaged `.sql` step file."""
    script = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    raw = conn.connection.dbapi_connection
    assert raw is not None
    for statement in _statements(script):
        raw.execute(statement)


def _statements(script: str) -> list[str]:
    lines = [ln for ln in script.splitlines() if not ln.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _to_v2(conn: Connection) -> None:
    run_sql_file(conn, "v2.sql")


def _to_v3(conn: Connection) -> None:
    run_sql_file(conn, "v3.sql")


def _to_v4(conn: Connection) -> None:
    run_sql_file(conn, "v4.sql")


def _to_v5(conn: Connection) -> None:
    run_sql_file(conn, "v5.sql")


def _to_v6(conn: Connection) -> None:
    # No table changes: the search index starts overwriting what it deletes (FTS5
    # secure-delete). That raises the index's own format, which SQLite before 3.42 (and so a
    # Casefile before version 6) cannot read; hence a version of its own. The index is
    # rebuilt after the last step, which purges words of records deleted before.
    from casefile.db.search_index import enable_secure_delete

    enable_secure_delete(conn)


def _to_v7(conn: Connection) -> None:
    run_sql_file(conn, "v7.sql")


def _to_v8(conn: Connection) -> None:
    # No table changes: the audit log stops naming protected sources. Lines an older
    # version wrote are scrubbed once, here, with the identity matcher the exports use;
    # from now on every line is written without them (casefile/db/audit_privacy.py).
    from casefile.db.audit_privacy import scrub_log

    scrub_log(conn)


# STEPS[n] takes a file from version n-1 to version n.
STEPS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
}
