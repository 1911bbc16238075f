"""Upgrading an older case file: progress, cancel (the file left byte for byte as it was),
the search index refilled only when a step changes what it holds, and a fast refill that
still leaves no word of a purged record in the file."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event, text

from casefile import CaseFile
from casefile.case import upgrade_steps
from casefile.db import migrations
from casefile.db.driver import dbapi
from casefile.db.migrations import CHANGES_INDEX, CURRENT_VERSION, STEPS
from casefile.db.search_index import BY_CODE, FTS_TABLE, INDEXED, KIND_SLOTS
from casefile.db.upgrade import UpgradeCancelledError, needs_refill
from tests.conftest import FIXTURES, file_state

PAST_VERSIONS = list(range(1, CURRENT_VERSION))


def fixture_copy(tmp_path: Path, version: int) -> Path:
    path = tmp_path / f"old-v{version}.casefile"
    shutil.copyfile(FIXTURES / f"v{version}.casefile", path)
    return path


def drain(steps: Any) -> tuple[list[tuple[str, int, int]], CaseFile]:
    seen: list[tuple[str, int, int]] = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as opened:
            return seen, opened.value


@pytest.fixture
def statements() -> Any:
    """Every SQL statement any engine runs during the test (through SQLAlchemy)."""
    seen: list[str] = []

    def record(_conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_every_step_says_whether_it_changes_the_index() -> None:
    assert set(CHANGES_INDEX) == set(STEPS)


@pytest.mark.parametrize("version", PAST_VERSIONS)
def test_upgrade_reports_progress_and_leaves_a_working_index(tmp_path: Path,
                                                             version: int) -> None:
    path = fixture_copy(tmp_path, version)
    seen, case = drain(upgrade_steps(path, actor="tester"))
    with case:
        assert case.summary().schema_version == CURRENT_VERSION
        assert case.migration_backup is not None and case.migration_backup.exists()
        totals = {total for _step, _done, total in seen}
        assert len(totals) == 1 and seen[0][1] == 0
        assert [done for _s, done, _t in seen] == sorted(done for _s, done, _t in seen)
        assert all(done < total for _s, done, total in seen)
        assert seen[0][0].startswith("copying")
        # Exactly the live records are in the index, and search finds old ones.
        with case._store.read() as s:
            conn = s.connection()
            indexed = {r[0] for r in conn.exec_driver_sql(f"SELECT rowid FROM {FTS_TABLE}")}
            live: set[int] = set()
            for k in INDEXED:
                live |= {r[0] * KIND_SLOTS + k.code for r in conn.exec_driver_sql(
                    f"SELECT id FROM {k.table} WHERE trash_id IS NULL")}
        assert indexed == live and live
        for source in case.sources.page(limit=20):
            word = max(source.name.split(), key=len)
            hits = case.search.search(word, kinds=["source"], stemming=False)
            assert source.uuid in [h.uuid for h in hits], source.name
        assert case.check().ok


def test_a_current_file_reports_nothing(tmp_path: Path) -> None:
    CaseFile.create(tmp_path / "new.casefile", title="New").close()
    seen, case = drain(upgrade_steps(tmp_path / "new.casefile"))
    case.close()
    assert seen == [] and case.migration_backup is None


def file_content(path: Path, exact: bool) -> tuple[str | None, list[str]]:
    """`file_state`; unless `exact`, blind to the four header fields any open of a file in
    rollback-journal mode rewrites (formats 1-5 were written so): SQLite switches it to WAL
    (bytes 18-19) and stamps its change counter and version (24-27, 92-99). A file already in
    WAL mode (every file since format 6) is compared byte for byte."""
    import hashlib

    if exact:
        return file_state(path)
    data = path.read_bytes()
    kept = data[:18] + data[20:24] + data[28:92] + data[100:]
    return hashlib.sha256(kept).hexdigest(), file_state(path)[1]


def in_wal_mode(path: Path) -> bool:
    return path.read_bytes()[18:20] == b"\x02\x02"


def count_yields(path: Path) -> int:
    seen, case = drain(upgrade_steps(path))
    case.close()
    return len(seen)


@pytest.mark.parametrize("version", [1, 5, CURRENT_VERSION - 1])
def test_cancel_at_any_step_leaves_the_file_byte_for_byte(tmp_path: Path, version: int) -> None:
    (tmp_path / "probe").mkdir()
    probe = fixture_copy(tmp_path / "probe", version)
    steps_in_all = count_yields(probe)
    for stop_after in range(1, steps_in_all + 1):
        folder = tmp_path / f"at-{stop_after}"
        folder.mkdir()
        path = fixture_copy(folder, version)
        exact = in_wal_mode(path)
        assert exact == (version >= 6)
        before = file_content(path, exact)
        cancel = threading.Event()
        steps = upgrade_steps(path, cancel=cancel)
        with pytest.raises(UpgradeCancelledError, match="cancelled"):
            for _ in range(stop_after):
                next(steps)
            cancel.set()
            next(steps)
        assert file_content(path, exact) == before, f"cancelled after step {stop_after}"
        with CaseFile.open(path) as case:  # and it still opens (and upgrades) afterwards
            assert case.summary().schema_version == CURRENT_VERSION


@pytest.mark.parametrize("version", [1, CURRENT_VERSION - 1])
def test_closing_the_generator_also_leaves_the_file_as_it_was(tmp_path: Path,
                                                             version: int) -> None:
    path = fixture_copy(tmp_path, version)
    exact = in_wal_mode(path)
    before = file_content(path, exact)
    steps = upgrade_steps(path)
    for _ in range(3):
        next(steps)
    steps.close()
    assert file_content(path, exact) == before


def test_cancel_stops_a_long_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel is seen inside a statement (SQLite's progress handler), not only between
    steps: a step that would run for minutes stops at once."""
    path = fixture_copy(tmp_path, CURRENT_VERSION - 1)
    before = file_state(path)
    cancel = threading.Event()

    def endless(conn: Connection) -> None:
        cancel.set()  # as if the user pressed Cancel while this runs
        conn.exec_driver_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                             "SELECT count(*) FROM n").fetchall()

    monkeypatch.setitem(migrations.STEPS, CURRENT_VERSION, endless)
    with pytest.raises(UpgradeCancelledError):
        drain(upgrade_steps(path, cancel=cancel))
    assert file_state(path) == before


def test_steps_that_change_nothing_indexed_do_not_refill(tmp_path: Path,
                                                        statements: list[str]) -> None:
    version = max(v for v in PAST_VERSIONS if not needs_refill(v))
    assert version >= 6  # 7, 8 and 9 change nothing the index holds
    path = fixture_copy(tmp_path, version)
    seen, case = drain(upgrade_steps(path))
    with case:
        assert not [s for s in statements if s.startswith((f"INSERT INTO {FTS_TABLE}(rowid",
                                                           f"DROP TABLE IF EXISTS {FTS_TABLE}"))]
        assert "search triggers" in [step for step, _d, _t in seen]
        assert not [step for step, _d, _t in seen if step.startswith("search index")]
        assert case.check().ok
        [source] = [s for s in case.sources.page(limit=100) if "Added by version" in s.notes
                    or "Added by version" in s.name][:1]
        assert case.search.search(source.name.split()[-1], stemming=False)


def test_a_file_from_before_secure_delete_is_refilled(tmp_path: Path,
                                                     statements: list[str]) -> None:
    path = fixture_copy(tmp_path, 5)
    seen, case = drain(upgrade_steps(path))
    case.close()
    assert [s for s in statements if f"DROP TABLE IF EXISTS {FTS_TABLE}" in s]
    assert [step for step, _d, _t in seen if step == "search index: interviews"]
    # Dropped and made again, not emptied row by row.
    assert not [s for s in statements if s.strip().startswith(f"DELETE FROM {FTS_TABLE}")]


SECRET = "Quixotrandelwort"


def raw_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_fast_rebuild_leaves_no_word_of_a_purged_record(tmp_path: Path) -> None:
    path = tmp_path / "purge.casefile"
    with CaseFile.create(path, title="Purge") as case:
        with case._store.write() as s:  # an index that keeps deleted entries (as before v6)
            s.execute(text(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('secure-delete', 0)"))
        for i in range(30):
            case.interviews.create(title=f"Filler {i}", transcript="border trucks " * 50)
        doomed = case.interviews.create(title="Doomed", transcript=f"the {SECRET} papers")
        case.trash.delete(doomed)
        case.trash.empty()
    assert SECRET.lower().encode() in raw_bytes(path)  # the index kept it
    with CaseFile.open(path) as case:
        case.rebuild_search_index()
        assert case.search.search("trucks")
        assert not case.search.search(SECRET)
    assert SECRET.lower().encode() not in raw_bytes(path)
    assert SECRET.encode() not in raw_bytes(path)
    conn = dbapi.connect(path)
    assert conn.execute(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'secure-delete'"
                        ).fetchone() == (1,)
    conn.close()


def test_by_code_covers_every_kind() -> None:
    assert sorted(BY_CODE) == sorted(k.code for k in INDEXED)


def test_the_command_line_prints_the_upgrade(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = fixture_copy(tmp_path, CURRENT_VERSION - 1)
    done = subprocess.run([sys.executable, "-m", "casefile", "search", str(path), "timber"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if "upgrading" in ln]
    assert lines and lines[0].endswith(f"(1 of {len(lines)})")
    assert "Traceback" not in done.stderr
    again = subprocess.run([sys.executable, "-m", "casefile", "search", str(path), "timber"],
                           capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0 and "upgrading" not in again.stderr
