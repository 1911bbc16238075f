"""The full-text index: one FTS5 table kept in step with the records by triggers.

Each indexed row's rowid is `record_id * 16 + kind_code`, so a trigger can update or
remove it by rowid (no scan), and a search hit names its record without a join.
Trashed records are left out of the index and come back when restored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text

from casefile.db import driver

FTS_TABLE = "search_index"
KIND_SLOTS = 16


@dataclass(frozen=True)
class IndexedKind:
    """How one table feeds the index: a title column and the columns joined into the body."""

    code: int
    kind: str
    table: str
    title: str
    body: tuple[str, ...]


INDEXED: tuple[IndexedKind, ...] = (
    IndexedKind(
        1,
        "source",
        "sources",
        "name",
        ("role_title", "affiliation", "attribution_phrase", "short_name", "location", "notes"),
    ),
    IndexedKind(2, "team_member", "team_members", "name", ("base_city", "notes")),
    IndexedKind(3, "interview", "interviews", "title", ("place_name", "transcript", "notes")),
    IndexedKind(4, "quote", "quotes", "text", ("translation", "original_text", "notes")),
    IndexedKind(5, "document", "documents", "title", ("publisher", "identifier", "notes")),
    IndexedKind(6, "excerpt", "excerpts", "text", ("locator", "note")),
    IndexedKind(7, "photo", "photos", "caption", ("place_name", "rights_note", "file_name")),
    IndexedKind(8, "claim", "claims", "statement", ("notes",)),
    IndexedKind(9, "comment_request", "comment_requests", "subject", ("answer_text", "notes")),
    IndexedKind(10, "draft", "drafts", "headline", ("dek", "body")),
    IndexedKind(11, "attachment", "attachments", "file_name", ("description",)),
)
BY_CODE = {k.code: k for k in INDEXED}
BY_KIND = {k.kind: k for k in INDEXED}

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def _body_sql(prefix: str, cols: tuple[str, ...]) -> str:
    return " || char(10) || ".join(f"coalesce({prefix}.{c}, '')" for c in cols)


def _triggers(k: IndexedKind) -> list[str]:
    rowid = f"{{p}}.id * {KIND_SLOTS} + {k.code}"
    insert = (
        f"INSERT INTO {FTS_TABLE}(rowid, title, body) SELECT {rowid.format(p='new')}, "
        f"coalesce(new.{k.title}, ''), {_body_sql('new', k.body)} WHERE new.trash_id IS NULL;"
    )
    delete = f"DELETE FROM {FTS_TABLE} WHERE rowid = {rowid.format(p='old')};"
    name = f"fts_{k.table}"
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {k.table} BEGIN {insert} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {k.table} BEGIN {delete} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE ON {k.table} BEGIN {delete} {insert} END",
    ]


def install(conn: Connection, *, refill: bool = True) -> None:
    """(Re)create the index table and every trigger, and (with `refill`) fill the index again
    from the records.

    Run after creating a file and after a migration, so triggers always match the current
    tables (a table rebuild in a migration drops its triggers). A migration that changes
    nothing the index holds passes `refill=False`: only the triggers are made again.
    """
    for _part in install_steps(conn, refill=refill):
        pass


def install_steps(conn: Connection, *, refill: bool = True) -> Iterator[str]:
    """`install`, yielding a name before each part of the work (for progress): "triggers",
    then, with `refill`, "emptying" and each kind of record as it is indexed."""
    yield "triggers"
    conn.execute(text(CREATE_FTS))
    existing = conn.execute(
        text(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'fts\\_%' ESCAPE '\\'"
        )
    ).scalars()
    for name in list(existing):
        conn.execute(text(f'DROP TRIGGER "{name}"'))
    for k in INDEXED:
        for ddl in _triggers(k):
            conn.execute(text(ddl))
    enable_secure_delete(conn)
    if refill:
        yield from rebuild_steps(conn)


def secure_delete_supported() -> bool:
    """FTS5 can overwrite deleted entries (SQLite 3.42+; SQLCipher's SQLite has it)."""
    return tuple(driver.dbapi.sqlite_version_info) >= (3, 42, 0)


def secure_delete_on(conn: Connection) -> bool:
    """Whether the index overwrites what it deletes (a setting stored in the file)."""
    row = conn.execute(
        text(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'secure-delete'")).first()
    return bool(row and row[0])


def enable_secure_delete(conn: Connection) -> bool:
    """Make the index overwrite deleted entries, so a purged record's words leave the file.
    Returns whether it is on. (It raises the index's format version: SQLite before 3.42
    cannot read such an index, which is one more reason one driver opens every case file.)"""
    if not secure_delete_supported():
        return False
    if not secure_delete_on(conn):
        conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) "
                          "VALUES ('secure-delete', 1)"))
    return True


def rebuild(conn: Connection) -> None:
    """Empty the index and fill it again from every live record."""
    for _part in rebuild_steps(conn):
        pass


def rebuild_steps(conn: Connection) -> Iterator[str]:
    """`rebuild`, yielding a name before each part: "emptying", then each kind of record.

    The index is dropped and made again, not emptied with DELETE: with FTS5 secure-delete on,
    a DELETE rewrites the index's pages row by row (21.5 s of a 33 s upgrade on a case of
    10 M words; dropping and refilling takes 2 s). The dropped pages are overwritten with
    zeros (`PRAGMA secure_delete`, set on every connection and again here), so no word of a
    record purged earlier stays anywhere in the file; the new index has secure-delete on.
    """
    yield "emptying"
    conn.exec_driver_sql("PRAGMA secure_delete = ON").fetchall()
    conn.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    conn.execute(text(CREATE_FTS))
    enable_secure_delete(conn)
    for k in INDEXED:
        yield k.table
        conn.execute(
            text(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body) "
                f"SELECT t.id * {KIND_SLOTS} + {k.code}, coalesce(t.{k.title}, ''), "
                f"{_body_sql('t', k.body)} FROM {k.table} AS t WHERE t.trash_id IS NULL"
            )
        )
