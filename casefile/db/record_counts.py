"""Counts of live records without scanning the tables (schema version 9).

`record_counts` holds one row per counted kind; triggers on each counted table keep it in
step with every insert, delete and move to or from the trash, whoever makes them (the ORM,
bulk SQL, a bundle import, recovery). The triggers are plain SQL — no functions, nothing a
`trusted_schema = OFF` connection refuses — and are part of the schema the hostile-schema
check expects (casefile/db/schema_guard.py), so a file whose triggers differ is refused.

A migration that rebuilds a counted table drops its triggers: such a step must `install`
them again (which also recounts).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

COUNTS_TABLE = "record_counts"
# A kept count a reader may trust; anything else is counted from the rows.
VALID = "typeof(live) = 'integer' AND live >= 0"
TRASH_KIND = "trash"
# Counted tables by kind name (live rows: `trash_id IS NULL`); "trash" counts every row of
# the trash table. The order is the order `casefile info` lists them.
COUNTED: dict[str, str] = {
    "team_member": "team_members",
    "source": "sources",
    "interview": "interviews",
    "quote": "quotes",
    "document": "documents",
    "excerpt": "excerpts",
    "photo": "photos",
    "attachment": "attachments",
    "claim": "claims",
    "evidence_link": "evidence_links",
    "comment_request": "comment_requests",
    "draft": "drafts",
    "tag": "tags",
}
TRIGGER_PREFIX = "count_"


def _bump(kind: str, delta: str) -> str:
    return f"UPDATE {COUNTS_TABLE} SET live = live {delta} WHERE kind = '{kind}';"


def trigger_ddl() -> list[str]:
    """The CREATE TRIGGER statements that keep `record_counts` current: exactly those
    migrations/v9.sql installs (tests/test_counts.py compares a new file with a migrated
    one), so changing them needs a schema step of its own."""
    out: list[str] = []
    for kind, table in COUNTED.items():
        name = f"{TRIGGER_PREFIX}{table}"
        out += [
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} WHEN new.trash_id IS NULL "
            f"BEGIN {_bump(kind, '+ 1')} END",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} WHEN old.trash_id IS NULL "
            f"BEGIN {_bump(kind, '- 1')} END",
            f"CREATE TRIGGER {name}_au AFTER UPDATE OF trash_id ON {table} "
            "WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) "
            f"BEGIN {_bump(kind, '+ CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END')} END",
        ]
    out += [
        f"CREATE TRIGGER {TRIGGER_PREFIX}trash_ai AFTER INSERT ON trash "
        f"BEGIN {_bump(TRASH_KIND, '+ 1')} END",
        f"CREATE TRIGGER {TRIGGER_PREFIX}trash_ad AFTER DELETE ON trash "
        f"BEGIN {_bump(TRASH_KIND, '- 1')} END",
    ]
    return out


def real_counts_sql() -> str:
    """One statement giving (kind, real count) for every counted kind, by counting rows."""
    parts = [f"SELECT '{kind}', count(*) FROM {table} WHERE trash_id IS NULL"
             for kind, table in COUNTED.items()]
    parts.append(f"SELECT '{TRASH_KIND}', count(*) FROM trash")
    return " UNION ALL ".join(parts)


def install(conn: Connection) -> None:
    """(Re)create the counting triggers and set every count from the rows themselves: for a
    new file, and to repair a file whose counts went wrong (`casefile check` finds that)."""
    names = conn.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'count\\_%' "
        "ESCAPE '\\'")).scalars()
    for name in list(names):
        conn.execute(text(f'DROP TRIGGER "{name}"'))
    for ddl in trigger_ddl():
        conn.execute(text(ddl))
    recount(conn)


def recount(conn: Connection) -> None:
    """Set every count from the rows (one scan of each counted table)."""
    conn.execute(text(f"DELETE FROM {COUNTS_TABLE}"))
    conn.execute(text(f"INSERT INTO {COUNTS_TABLE} (kind, live) {real_counts_sql()}"))


def stored(conn: Connection) -> dict[str, int]:
    """The counts as kept (one read of a table of 14 rows). A value that is not a count (a
    hand-edited file) is left out, so the caller counts that kind from its rows instead."""
    return {str(k): int(n) for k, n in conn.execute(
        text(f"SELECT kind, live FROM {COUNTS_TABLE} WHERE {VALID}"))}


def mismatches(conn: Connection) -> list[str]:
    """Each count that differs from the rows, as a plain phrase; [] when all agree."""
    kept = stored(conn)
    problems: list[str] = []
    for kind, real in conn.execute(text(real_counts_sql())):
        what = "deletions in the trash" if kind == TRASH_KIND else f"live {kind} records"
        have = kept.get(str(kind))
        if have is None:
            problems.append(f"record counts: no count of {what} (there are {real})")
        elif have != real:
            problems.append(f"record counts: {what} counted as {have}, but there are {real}")
    for kind in sorted(set(kept) - set(COUNTED) - {TRASH_KIND}):
        problems.append(f"record counts: a count of {kind!r}, which is not a kind of record")
    return problems


def run_step_script(conn: Connection, name: str) -> None:
    """Execute a packaged migration script whose statements may hold `;` (trigger bodies):
    split where a statement is complete, as SQLite's own tokenizer sees it."""
    from importlib import resources

    from casefile.db import driver  # the app's one driver (Python's sqlite3 is not bundled)

    script = resources.files("casefile.db.migrations").joinpath(name).read_text(
        encoding="utf-8")
    raw = conn.connection.dbapi_connection
    assert raw is not None
    pending = ""
    for line in script.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line + "\n"
        if driver.dbapi.complete_statement(pending):
            raw.execute(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"{name}: the last statement is incomplete")
