"""Schema versions and the steps between them (a `user_version` scheme, as in calibre).

Each step takes a file from version N-1 to N inside one transaction, with foreign keys
off while it runs and `foreign_key_check` after. Steps are frozen once released: DDL in
`vN.sql`, data fix-ups in Python. After the last step the search triggers are rebuilt,
and the index refilled only if a step changed what it holds (CHANGES_INDEX). The
runner, with progress and cancel, is casefile/db/upgrade.py.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from sqlalchemy import Connection

CURRENT_VERSION = 12


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


def _to_v9(conn: Connection) -> None:
    # A table of live-record counts kept by triggers, filled once here: a summary or a
    # list's length reads it instead of counting whole tables (casefile/db/record_counts.py).
    # What the search index holds does not change.
    from casefile.db.record_counts import run_step_script

    run_step_script(conn, "v9.sql")


def _to_v10(conn: Connection) -> None:
    run_sql_file(conn, "v10.sql")


def _to_v11(conn: Connection) -> None:
    # Every record's version and last change (who, when, on which device): existing ones
    # start at version 1, changed at their updated_at by the case's creator. The search
    # index's update triggers are dropped before the fill (made again after the last step).
    run_sql_file(conn, "v11.sql")


def _to_v12(conn: Connection) -> None:
    # Field copies and merging: four empty tables of bookkeeping (replica, peers, the base
    # of each record, merge conflicts). No record changes; a file takes part once a copy
    # is made from it or merged into it (casefile/sync).
    run_sql_file(conn, "v12.sql")


# STEPS[n] takes a file from version n-1 to version n.
STEPS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
    8: _to_v8,
    9: _to_v9,
    10: _to_v10,
    11: _to_v11,
    12: _to_v12,
}

# Whether step n changes what the search index holds, so the index must be refilled after
# it (a refill drops and rebuilds the whole index: seconds on a large case). Every step
# says so here; one missing counts as True. A step that changes no indexed column, row or
# row id (tables or columns the index does not read, indexes, audit lines) says False: the
# search triggers are made again after any migration anyway.
CHANGES_INDEX: dict[int, bool] = {
    2: True,  # claims, requests for comment and drafts start being indexed
    3: False,  # columns and a table the index does not read
    4: False,  # the same
    5: False,  # review comments: not indexed
    6: True,  # secure-delete on: the refill purges words of records deleted before
    7: False,  # trash indexes made partial: no indexed column or row changes
    8: False,  # audit lines rewritten: the audit log is not indexed
    9: False,  # record counts kept by triggers: nothing indexed changes
    10: False,  # new columns the index does not read
    11: False,  # versions and authors: columns the index does not read
    12: False,  # field copies and merges: new tables the index does not read
}
