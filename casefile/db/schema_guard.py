"""A case file is data, never code: its schema must be exactly one Casefile creates.

SQLite stores triggers and views in the file itself and runs them on the next read or edit,
so a hand-made file could carry code (a trigger copying a confidential source's name into a
document, a view that never ends, one that wipes links). Before anything reads a record, the
file's `sqlite_master` — one read, which runs nothing — is compared, object by object
(type, name, table and SQL with runs of whitespace folded), with what this version of
Casefile creates for the file's format version:

- the current format: a new file built in memory exactly as `create_schema` builds one,
  plus every older format taken forward by the migration chain (`migrate`, then the search
  triggers reinstalled), since a migrated file's tables read differently (ALTER TABLE
  appends columns at the end);
- an older format N (a file about to be migrated): `migrations/schema-vN.sql`, the schema a
  version-N file has exactly as that release wrote it (frozen, like the steps), plus every
  older recorded schema taken to N by the chain.

The expected sets are built in memory once per process and version: the schema of a new
file first (tens of milliseconds), the migrated forms only for a file that is not exactly that.
Anything extra, missing or different is a difference; `refuse_hostile` turns them into a
HostileSchemaError before the file is migrated, searched or read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from casefile.db import driver
from casefile.db.header import APPLICATION_ID
from casefile.db.migrations import CURRENT_VERSION, STEPS
from casefile.errors import HostileSchemaError

# SQLite's own tables (AUTOINCREMENT, ANALYZE / PRAGMA optimize): allowed, with their own SQL.
SQLITE_OWN = {
    "sqlite_sequence": "CREATE TABLE sqlite_sequence(name,seq)",
    "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}


@dataclass(frozen=True)
class SchemaObject:
    """One row of `sqlite_master`, its SQL normalised for comparison."""

    type: str
    name: str
    table: str
    sql: str | None


def normalise(sql: str | None) -> str | None:
    """The SQL with every run of whitespace folded to one space (SQLite keeps the text as
    typed; an ALTER TABLE may add spacing of its own)."""
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def read_schema(conn: Any) -> list[SchemaObject]:
    """Every object in the file: one read of `sqlite_master` on a DB-API connection."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [SchemaObject(str(t), str(n), str(tb), normalise(q)) for t, n, tb, q in rows]


@dataclass(frozen=True)
class Expected:
    """What Casefile creates for one format version: every acceptable form of each object,
    and the names every such file has."""

    forms: dict[str, frozenset[SchemaObject]]
    required: frozenset[str]


def _is_search_part(name: str) -> bool:
    return name.startswith(("search_index", "fts_"))


def recorded_script(version: int) -> str:
    """The packaged schema of an older format, as that release wrote it."""
    name = f"schema-v{version}.sql"
    return resources.files("casefile.db.migrations").joinpath(name).read_text(encoding="utf-8")


def recorded_versions() -> list[int]:
    """The older formats whose schema is packaged (looked up by name: a frozen build's
    resources need not list their folder)."""
    folder = resources.files("casefile.db.migrations")
    return [v for v in range(1, CURRENT_VERSION) if folder.joinpath(f"schema-v{v}.sql").is_file()]


def _in_memory(build: Any) -> list[SchemaObject]:
    """Run `build(engine, raw)` on a new in-memory database; return the schema it left."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    raw = driver.dbapi.connect(":memory:", check_same_thread=False)
    raw.isolation_level = None
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool,
                           module=driver.dbapi)
    try:
        build(engine, raw)
        return read_schema(raw)
    finally:
        engine.dispose()
        raw.close()


@functools.cache
def _lineage(start: int, target: int) -> tuple[SchemaObject, ...]:
    """The recorded schema of format `start`, taken to `target` by the migration chain (and,
    for the current format, the search index reinstalled, as `migrate` does)."""
    from casefile.db import search_index

    def build(engine: Any, raw: Any) -> None:
        raw.executescript(recorded_script(start))
        with engine.connect() as conn, conn.begin():
            for step in range(start + 1, target + 1):
                STEPS[step](conn)
            if target == CURRENT_VERSION and start < target:
                search_index.install(conn)

    return tuple(_in_memory(build))


def _fresh() -> list[SchemaObject]:
    """A new case file's schema, built the way `CaseFile.create` builds it."""
    from casefile.db.schema import create_schema

    return _in_memory(lambda engine, _raw: create_schema(engine))


@functools.cache
def _as_made(version: int) -> frozenset[SchemaObject]:
    """The schema of a file made new at format `version` (most files match it exactly)."""
    return frozenset(_fresh() if version == CURRENT_VERSION else _lineage(version, version))


@functools.cache
def expected(version: int) -> Expected:
    """Every form Casefile gives each object in a file of format `version` (cached)."""
    variants: list[list[SchemaObject]] = [list(_as_made(version))]
    for start in recorded_versions():
        if start < version:
            objects = list(_lineage(start, version))
            if version != CURRENT_VERSION:  # that release reinstalled its own search index
                objects = [o for o in objects if not _is_search_part(o.name)]
            variants.append(objects)
    forms: dict[str, set[SchemaObject]] = {}
    for objects in variants:
        for obj in objects:
            forms.setdefault(obj.name, set()).add(obj)
    # Every name the first form has (the chained forms leave the search index to it).
    base = frozenset(o.name for o in variants[0])
    search = {n for n in base if _is_search_part(n)}
    required = base.intersection(*({o.name for o in v} | search for v in variants[1:]))
    return Expected({k: frozenset(v) for k, v in forms.items()}, required)


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _label(obj: SchemaObject) -> str:
    where = f" on {obj.table}" if obj.type in ("trigger", "index") else ""
    return f"{_a(obj.type)} '{obj.name}'{where}"


def _sqlite_own(obj: SchemaObject) -> bool:
    return obj.type == "table" and obj.sql is not None and SQLITE_OWN.get(obj.name) == obj.sql


def differences(conn: Any, version: int) -> list[str]:
    """Each way the file's schema differs from what Casefile creates for `version`, as a
    plain phrase ("a trigger 'x' on sources that Casefile does not create"); [] if none."""
    if version not in range(1, CURRENT_VERSION + 1):
        return [f"format version {version}, which this version of Casefile does not know"]
    found = read_schema(conn)
    mine = {o for o in found if not _sqlite_own(o)}
    if mine == _as_made(version):
        return []  # the common case, without building the migrated forms
    if version == CURRENT_VERSION:
        # A file made by an older release and brought forward is exactly that release's
        # schema migrated: try those one at a time, newest first (each costs an in-memory
        # build of the chain), before building every form for the messages below.
        for start in sorted(recorded_versions(), reverse=True):
            if start < version and mine == frozenset(_lineage(start, version)):
                return []
    want = expected(version)
    problems: list[str] = []
    seen: set[str] = set()
    for obj in found:
        seen.add(obj.name)
        if _sqlite_own(obj):
            continue
        forms = want.forms.get(obj.name)
        if forms is None:
            problems.append(f"{_label(obj)} that Casefile does not create")
        elif obj not in forms:
            kinds = {f.type for f in forms}
            if obj.type not in kinds:
                problems.append(f"{_label(obj)} where Casefile creates "
                                f"{' or '.join(_a(k) for k in sorted(kinds))}")
            else:
                problems.append(f"{_label(obj)} whose definition is not the one Casefile "
                                "creates")
    for name in sorted(want.required - seen):
        if name.startswith("sqlite_"):  # SQLite's own index of a table: the table says it
            continue
        kind = next(iter(want.forms[name])).type
        problems.append(f"no {kind} '{name}' (every case file of format {version} has one)")
    return problems


def refuse_hostile(conn: Any, path: Path) -> None:
    """Raise HostileSchemaError unless the file's schema is exactly one Casefile creates.
    Reads only the header and `sqlite_master`, so nothing in the file runs. A file that is
    not a case file, or of a format this version cannot read, is left to the checks that
    refuse those (their messages are clearer)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0]) & 0xFFFFFFFF
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id != APPLICATION_ID or not 1 <= version <= CURRENT_VERSION:
        return
    problems = differences(conn, version)
    if problems:
        raise HostileSchemaError(path, problems)


def clean_definitions(rows: list[tuple[str, str, str]],
                      version: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """For recovery: the (type, name, sql) rows of a damaged file, with every object
    Casefile does not create for `version` left out (each named in the second list), and
    each table or index that is lost or altered taken from the recorded schema instead."""
    want = expected(version)
    known = {(o.type, o.name, o.sql) for forms in want.forms.values() for o in forms}
    kept: list[tuple[str, str, str]] = []
    left_out: list[str] = []
    for kind, name, sql in rows:
        if (kind, name, normalise(sql)) in known:
            kept.append((kind, name, sql))
        elif not name.startswith("sqlite_"):
            left_out.append(f"{_a(kind)} '{name}' that Casefile does not create was left out")
    names = {name for _kind, name, _sql in kept}
    kept += [(kind, name, sql) for kind, name, sql in _reference(version)
             if name not in names and kind in ("table", "index")]
    return kept, left_out


@functools.cache
def _reference(version: int) -> tuple[tuple[str, str, str], ...]:
    """Format `version` as Casefile creates it, as (type, name, sql) rows in order: the
    recorded schema of an older format, a new file's for the current one."""
    captured: list[tuple[str, str, str]] = []

    def build(engine: Any, raw: Any) -> None:
        if version == CURRENT_VERSION:
            from casefile.db.schema import create_schema

            create_schema(engine)
        else:
            raw.executescript(recorded_script(version))
        captured.extend((t, n, q) for t, n, q in raw.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "ORDER BY rowid").fetchall())

    _in_memory(build)
    return tuple(captured)
