"""Salvaging a damaged case file: every record that can still be read goes into a new file.

    report = recover(Path("damaged.casefile"), Path("recovered.casefile"))
    print(report.text())

The damaged file is never written: the work is done on a copy (with its `-wal`). The new
file gets the damaged file's own table definitions (only those Casefile itself creates: a
trigger or view of the file's own is left out and reported), then each table's rows are read in
rowid ranges; a range that cannot be read is halved until the unreadable rows are pinned
down, so one damaged page costs only the rows on it. Stored files whose bytes no longer
match their SHA-256 are left out; rows whose required references were lost are dropped
(optional references are cleared). The search index is rebuilt, an older format is
migrated, and the result must pass `check()` before it is put at `out`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.db import driver, record_counts, schema_guard, search_index
from casefile.db.durable import fsync_path
from casefile.db.header import APPLICATION_ID, plain_sqlite
from casefile.db.migrations import CURRENT_VERSION
from casefile.errors import CaseFileError, PassphraseRequiredError

_MAGIC = b"SQLite format 3\x00"
CHUNK = 256  # rowids read per query while nothing fails
BIG_ROWS = {"blobs"}  # whole files: a few at a time
BIG_ROW_CHUNK = 4


@dataclass
class RecoveryReport:
    """What `recover` saved and what it could not."""

    out: Path
    recovered: dict[str, int] = field(default_factory=dict)  # table → rows copied
    unreadable: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # rowid ranges
    problems: list[str] = field(default_factory=list)
    header_repaired: bool = False
    # Tables whose last rowid could not be read: their last unreadable range is open-ended.
    open_ended: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        """True when nothing was lost."""
        return not self.unreadable and not self.problems

    def text(self) -> str:
        """The report as a reader would want it: what was saved, then what was not."""
        total = sum(self.recovered.values())
        lines = [f"recovered {total} rows into {self.out}"]
        if self.header_repaired:
            lines.append("  the file's header was damaged and has been repaired")
        for table, ranges in sorted(self.unreadable.items()):
            spans = [f"{a}" if a == b else f"{a}–{b}" for a, b in ranges[:8]]
            if table in self.open_ended and len(ranges) <= 8:
                spans[-1] = f"from {ranges[-1][0]} on"
            more = f" and {len(ranges) - 8} more ranges" if len(ranges) > 8 else ""
            lines.append(f"  {table}: rows {', '.join(spans)}{more} could not be read "
                         "(damaged pages)")
        lines += [f"  {p}" for p in self.problems]
        if self.complete:
            lines.append("  nothing was lost")
        return "\n".join(lines)


def recover(damaged: Path, out: Path, passphrase: str | None = None) -> RecoveryReport:
    """Copy every readable record of `damaged` into a new case file `out` (encrypted with
    the same passphrase if the damaged file was encrypted). Raises CaseFileError when nothing
    at all can be read (e.g. the file's list of tables is itself destroyed)."""
    if out.exists():
        raise CaseFileError(f"{out}: already exists; choose another name for the recovered file")
    if not damaged.is_file():
        raise CaseFileError(f"{damaged}: no such file")
    work = Path(tempfile.mkdtemp(prefix=".casefile-recover-", dir=out.parent))
    try:
        report = RecoveryReport(out)
        copy = work / "damaged.casefile"
        shutil.copyfile(damaged, copy)
        wal = Path(f"{damaged}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        key = None if _plain(copy) else passphrase
        if key is None and not _plain(copy):
            raise PassphraseRequiredError(damaged)
        report.header_repaired = key is None and _repair_header(copy)
        part = work / "recovered.casefile"
        _salvage(copy, part, key, report)
        _finish(part, key, report)
        os.replace(part, out)
        fsync_path(out.parent)
        return report
    except OSError as exc:
        raise CaseFileError(f"{out}: cannot be written ({exc.strerror})") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def needs_passphrase(path: Path) -> bool:
    """Whether recovering `path` needs its passphrase (it is an encrypted case file)."""
    return path.is_file() and not _plain(path)


def _plain(path: Path) -> bool:
    """Whether the file is plain SQLite, even with its magic overwritten: bytes 21–23 of
    every plain SQLite header are 64, 32, 32 (in an encrypted file they are ciphertext)."""
    with path.open("rb") as fh:
        return plain_sqlite(fh.read(24))


def _repair_header(path: Path) -> bool:
    """Put back the SQLite magic and a plausible page size if they were overwritten."""
    with path.open("r+b") as fh:
        head = bytearray(fh.read(100))
        if len(head) < 100:
            raise CaseFileError(f"{path.name}: too short to be a case file")
        changed = False
        if bytes(head[:16]) != _MAGIC:
            head[:16] = _MAGIC
            changed = True
        fixed = {18: (1, 2), 19: (1, 2), 20: (0,), 21: (64,), 22: (32,), 23: (32,)}
        for offset, allowed in fixed.items():  # format bytes every case file has
            if head[offset] not in allowed:
                head[offset] = allowed[-1]
                changed = True
        page_size = int.from_bytes(head[16:18], "big")
        if page_size != 1 and (page_size < 512 or page_size & (page_size - 1)):
            head[16:18] = (4096).to_bytes(2, "big")
            changed = True
        if changed:
            fh.seek(0)
            fh.write(head)
    return changed


def _key_reads(conn: Any) -> bool:
    """Whether the passphrase opens the file. A damaged page in the list of tables reads as
    'malformed' with the right key (a wrong key reads as 'not a database'): the key is right,
    and the list is read entry by entry after (`_schema`)."""
    try:
        return driver.check_key(conn)
    except driver.dbapi.DatabaseError as exc:
        if "malformed" in str(exc):
            return True
        raise


def _open_damaged(path: Path, key: str | None) -> tuple[Any, list[int]]:
    conn = driver.connect(path, key)
    # Read the list of tables leniently (an entry pointing past a truncated end would
    # otherwise make every query fail). This is our private copy; nothing is written.
    conn.execute("PRAGMA writable_schema = ON").fetchall()
    if key is not None and not _key_reads(conn):
        conn.close()
        raise CaseFileError(f"{path.name}: wrong passphrase, or the file's first page is "
                            "destroyed: nothing can be read")
    conn.execute("PRAGMA cell_size_check = ON").fetchall()
    garbled = [0]

    def text(raw: bytes) -> str:  # keep a garbled value, with � for its broken bytes
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            garbled[0] += 1
            return raw.decode("utf-8", "replace")

    conn.text_factory = text
    return conn, garbled


def _schema(src: Any, damaged: Path,
            report: RecoveryReport) -> tuple[list[tuple[str, str, str]], int, int]:
    """The damaged file's table definitions, read entry by entry (so a damaged page of the
    list costs only the entries on it), its format version and application id."""
    try:
        version = int(src.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(src.execute("PRAGMA application_id").fetchone()[0]) & 0xFFFFFFFF
    except driver.dbapi.Error:
        version, app_id = 0, 0
    lost: list[tuple[int, int]] = []
    rows: list[tuple[str, str, str]] = []
    high = _read(src, "SELECT max(rowid) FROM sqlite_master")
    high = 2000 if not isinstance(high, int) else high
    for batch in _readable(src, "sqlite_master", "type, name, sql", 1, high + 1, lost):
        rows += [(kind, name, sql) for _rowid, kind, name, sql in batch if sql]
    names = {name for kind, name, _sql in rows if kind == "table"}
    if not rows:
        raise CaseFileError(f"{damaged.name}: the list of tables is destroyed; nothing can "
                            "be recovered from this file — restore a backup")
    if "case_info" not in names and "sources" not in names:
        raise CaseFileError(f"{damaged.name}: not a Casefile case file (no case tables)")
    if lost:
        report.problems.append("part of the file's list of tables was damaged: tables listed "
                               "there could not be found")
    if version <= 0 or version > CURRENT_VERSION:
        version = CURRENT_VERSION
    return rows, version, app_id


def _is_search_part(name: str) -> bool:
    fts = search_index.FTS_TABLE
    return name == fts or name.startswith(fts + "_") or name.startswith("fts_")


def _current_schema() -> list[tuple[str, str, str]]:
    """This version's own tables and indexes (for a file of the current format, whose own
    definitions may be partly lost)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    import casefile.models  # noqa: F401 - registers every table
    from casefile.db.base import Base

    dialect = sqlite.dialect()
    out: list[tuple[str, str, str]] = []
    for table in Base.metadata.sorted_tables:
        out.append(("table", table.name, str(CreateTable(table).compile(dialect=dialect))))
        out += [("index", str(index.name), str(CreateIndex(index).compile(dialect=dialect)))
                for index in table.indexes]
    return out


def _salvage(copy: Path, part: Path, key: str | None, report: RecoveryReport) -> None:
    src, garbled = _open_damaged(copy, key)
    dst = driver.connect(part, key)
    try:
        found, version, app_id = _schema(src, copy, report)
        if app_id != APPLICATION_ID:
            report.problems.append("the file's Casefile stamp was damaged and has been restored")
        # A current file gets this version's own definitions; an older one its own, less
        # anything Casefile does not create (a case file is data, never code).
        clean, left_out = schema_guard.clean_definitions(found, version)
        report.problems += left_out
        rows = _current_schema() if version == CURRENT_VERSION else clean
        readable = {name for kind, name, _sql in found if kind == "table"}
        dst.isolation_level = None
        dst.execute("PRAGMA foreign_keys = OFF")
        dst.execute("BEGIN")
        tables = [n for kind, n, _s in rows if kind == "table" and not n.startswith("sqlite_")
                  and not _is_search_part(n)]
        for kind, name, sql in rows:
            if kind == "table" and name in tables:
                dst.execute(sql)
        if version < CURRENT_VERSION:  # the migration steps expect the search index
            dst.execute(search_index.CREATE_FTS)
        lossy = {name for name in tables if name not in readable}
        for name in tables:
            if name in readable:
                _copy_table(src, dst, name, report, garbled)
            else:
                report.problems.append(f"{name}: not found in the damaged list of tables; "
                                       "its rows are lost")
        _drop_bad_blobs(dst, report)
        lossy |= set(report.unreadable) | _repair_references(dst, report)
        if "sync_base" in tables:
            _forget_lost_bases(dst, report, lossy)
        for kind, name, sql in rows:
            if kind in ("index", "trigger", "view") and not _is_search_part(name):
                try:
                    dst.execute(sql)
                except driver.dbapi.Error as exc:  # garbled duplicates under a unique index
                    report.problems.append(f"{name} could not be rebuilt ({exc})")
        dst.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        dst.execute(f"PRAGMA user_version = {version}")
        dst.execute("COMMIT")
    except driver.dbapi.Error as exc:
        raise CaseFileError(f"{copy.name}: recovery stopped ({exc})") from exc
    finally:
        src.close()
        dst.close()


_FAILED = object()


def _read(src: Any, sql: str, *args: Any) -> Any:
    """One value, or _FAILED if the pages it needs cannot be read."""
    try:
        return src.execute(sql, args).fetchone()[0]
    except driver.dbapi.Error:
        return _FAILED


def _copy_table(src: Any, dst: Any, table: str, report: RecoveryReport,
                garbled_count: list[int]) -> None:
    try:
        have = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    except driver.dbapi.Error:
        have = set()
    cols = [r[1] for r in dst.execute(f'PRAGMA table_info("{table}")') if r[1] in have]
    names = ", ".join(f'"{c}"' for c in cols)
    insert = (f'INSERT OR IGNORE INTO "{table}" (rowid, {names}) '
              f"VALUES ({', '.join('?' * (len(cols) + 1))})")
    low = _read(src, f'SELECT min(rowid) FROM "{table}"')
    high = _read(src, f'SELECT max(rowid) FROM "{table}"')
    if low is None and high is None:  # read fine: the table is empty
        report.recovered[table] = 0
        return
    low = 1 if low is _FAILED or low is None else int(low)
    guessed = high is _FAILED or high is None
    high = _guess_high(src, table, low) if guessed else int(high)
    chunk = BIG_ROW_CHUNK if table in BIG_ROWS else CHUNK
    copied = 0
    lost: list[tuple[int, int]] = []
    for start in range(low, high + 1, chunk):
        for batch in _readable(src, table, names, start, min(start + chunk, high + 1), lost):
            for row in batch:
                try:
                    dst.execute(insert, row)
                    copied += 1
                except driver.dbapi.Error:  # a value garbled into breaking a constraint
                    lost.append((row[0], row[0]))
    report.recovered[table] = copied
    garbled, garbled_count[0] = garbled_count[0], 0
    if garbled:
        report.problems.append(f"{table}: {garbled} text values were garbled; their "
                               "unreadable bytes show as �")
    if lost:
        report.unreadable[table] = _merge(lost)
        if guessed and report.unreadable[table][-1][1] >= high:
            report.open_ended.add(table)


def _guess_high(src: Any, table: str, low: int) -> int:
    """The largest rowid worth trying when max(rowid) cannot be read."""
    seq = _read(src, "SELECT seq FROM sqlite_sequence WHERE name = ?", table)
    return int(seq) if isinstance(seq, int) else low + 100_000


def _readable(src: Any, table: str, names: str, start: int, stop: int,
              lost: list[tuple[int, int]]) -> Iterator[list[tuple[Any, ...]]]:
    """Rows with rowid in [start, stop), halving the range around what cannot be read."""
    # One rowid is a point lookup: a range scan steps onto the next page to see where it
    # ends, which fails when that page is the damaged one.
    where = "rowid = ?" if stop - start == 1 else "rowid >= ? AND rowid < ?"
    args = (start,) if stop - start == 1 else (start, stop)
    try:
        yield src.execute(f'SELECT rowid, {names} FROM "{table}" WHERE {where} ORDER BY rowid',
                          args).fetchall()
    except driver.dbapi.Error:
        if stop - start == 1:
            lost.append((start, start))
            return
        middle = (start + stop) // 2
        yield from _readable(src, table, names, start, middle, lost)
        yield from _readable(src, table, names, middle, stop, lost)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _drop_bad_blobs(dst: Any, report: RecoveryReport) -> None:
    bad = []
    for rowid, sha, data in dst.execute("SELECT id, sha256, data FROM blobs"):
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            bad.append((rowid, sha))
    for rowid, sha in bad:
        dst.execute("DELETE FROM blobs WHERE id = ?", (rowid,))
        report.problems.append(f"stored file {sha[:12]}… was damaged and is left out")


def _repair_references(dst: Any, report: RecoveryReport) -> set[str]:
    """Clear optional references to lost rows; drop rows whose required reference is lost
    (repeated, since a dropped row can orphan others). Returns the tables that lost rows."""
    dropped: dict[str, int] = {}
    cleared: dict[str, int] = {}
    for _round in range(50):
        problems = dst.execute("PRAGMA foreign_key_check").fetchall()
        if not problems:
            break
        for table, rowid, _parent, fkid in problems:
            fk = [r for r in dst.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fkid]
            column = fk[0][3] if fk else None
            notnull = {r[1]: bool(r[3]) for r in dst.execute(f'PRAGMA table_info("{table}")')}
            if column is not None and not notnull.get(column, True):
                dst.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))
                cleared[table] = cleared.get(table, 0) + 1
            else:
                dst.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                dropped[table] = dropped.get(table, 0) + 1
    for table, n in sorted(dropped.items()):
        report.recovered[table] = report.recovered.get(table, 0) - n
        report.problems.append(f"{table}: {n} rows left out because what they belong to "
                               "was lost")
    for table, n in sorted(cleared.items()):
        report.problems.append(f"{table}: {n} rows lost a link to a record that was lost")
    return set(dropped)


def _forget_lost_bases(dst: Any, report: RecoveryReport, lossy: set[str]) -> None:
    """Drop the merge base of each record the damage took (schema 12): kept, it would read
    as "purged here" and the next merge would carry the loss into the field copy; without
    it the copy's record comes back as new. Only when a table of records lost rows, and a
    record purged on purpose (its audit line says so) keeps its base, so that its purge
    still reaches the copy."""
    tables = [t for (t,) in dst.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if {"uuid", "version"} <= {r[1] for r in dst.execute(f'PRAGMA table_info("{t}")')}]
    if not lossy & set(tables):
        return
    present = " UNION ALL ".join(f'SELECT uuid FROM "{t}"' for t in sorted(tables))
    gone = dst.execute(
        "DELETE FROM sync_base WHERE here_version IS NOT NULL "
        f"AND record_uuid NOT IN ({present}) AND record_uuid NOT IN "
        "(SELECT record_uuid FROM audit_log WHERE action = 'purge' "
        "AND record_uuid IS NOT NULL)").rowcount
    if gone:
        report.recovered["sync_base"] = report.recovered.get("sync_base", 0) - gone
        report.problems.append(f"sync_base: {gone} merge bases of lost records left out, so "
                               "merging a field copy again brings those records back")


def _finish(part: Path, key: str | None, report: RecoveryReport) -> None:
    """Migrate, give the case a record if it lost its own, rebuild the search index, and
    check the whole result before it is trusted."""
    from sqlalchemy import select

    from casefile.case import CaseFile
    from casefile.db.connection import make_engine
    from casefile.db.session import Store
    from casefile.db.upgrade import migrate
    from casefile.models import CaseInfo

    engine = make_engine(part, key, check_schema=False)  # ours; checked by open below
    try:
        backup = migrate(engine, part, key)
        if backup is not None:
            backup.unlink(missing_ok=True)  # the damaged original is the "before"
        store = Store(engine, "recovery")
        with store.write() as s:
            if s.scalars(select(CaseInfo)).first() is None:
                s.add(CaseInfo(title="Recovered case"))
                report.problems.append("the case's own record (title, summary) was lost; "
                                       "the title is now “Recovered case”")
            search_index.install(s.connection())
            record_counts.install(s.connection())  # this version's own definitions lack them
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    with CaseFile.open(part, passphrase=key) as case:
        check = case.check()
    if not check.ok:
        raise CaseFileError("the recovered file failed its own check: " + "; ".join(
            check.problems[:3]))
