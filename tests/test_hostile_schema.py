"""A case file is data, never code (issue 15, item 6): a hand-made file whose schema carries
triggers, views or objects of its own is refused before anything in it can run — unchanged,
with a plain message — `check` names the difference, and `recover` salvages the records
without the code."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.db import driver, schema_guard
from casefile.db.migrations import CURRENT_VERSION
from casefile.errors import CaseFileError, HostileSchemaError
from casefile.recovery import recover
from tests.conftest import FIXTURES, file_state

CLI = [sys.executable, "-m", "casefile"]

# (a) every new source's name copied into a document's URL (which goes out in the export).
LEAK = ("CREATE TRIGGER leak AFTER INSERT ON sources BEGIN "
        "UPDATE documents SET url = url || '#' || new.name; END")
# (b) a table replaced by a view that never ends (`info` counts the tags).
ENDLESS = ("CREATE VIEW tags AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
           "SELECT n AS id, NULL AS trash_id FROM r")
# (c) every evidence link deleted on the next edit of a claim.
WIPE = ("CREATE TRIGGER wipe AFTER UPDATE ON claims BEGIN DELETE FROM evidence_links; END")

HOSTILE = {
    "trigger-leak": ([LEAK], "a trigger 'leak' on sources"),
    "endless-view": (["PRAGMA foreign_keys = OFF", "DROP TABLE tags", ENDLESS], "a view 'tags'"),
    "trigger-wipe": ([WIPE], "a trigger 'wipe' on claims"),
    "extra-index": (["CREATE INDEX ix_spy ON sources (name)"], "an index 'ix_spy'"),
    "extra-table": (["CREATE TABLE exfil (x TEXT)"], "a table 'exfil'"),
}


def tamper(path: Path, *statements: str) -> None:
    """What an attacker does: plain SQLite on the closed file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert not side.exists()


def hostile_copy(sample_file: Path, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.casefile"
    shutil.copyfile(sample_file, path)
    tamper(path, *HOSTILE[name][0])
    return path


def run_cli(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=Path(__file__).parent.parent)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_unchanged_and_check_names_it(
        sample_file: Path, tmp_path: Path, name: str) -> None:
    path = hostile_copy(sample_file, tmp_path, name)
    before = file_state(path)
    with pytest.raises(HostileSchemaError) as caught:
        CaseFile.open(path)
    message = str(caught.value)
    assert HOSTILE[name][1] in message and str(path) in message
    assert "data, never code" in message and "not changed" in message
    assert "casefile recover" in message
    assert file_state(path) == before
    # The command line: exit 1 (refused), never 2 (a bug), the object named, no traceback.
    # `info` on the endless view would hang if anything read the view.
    for command in ("check", "info"):
        done = run_cli(command, path, timeout=60)
        assert done.returncode == 1, done.stderr
        assert HOSTILE[name][1] in done.stderr and "Traceback" not in done.stderr
    assert file_state(path) == before


def test_an_old_format_file_with_a_trigger_is_refused_before_its_migration(
        tmp_path: Path) -> None:
    path = tmp_path / "v3.casefile"
    shutil.copyfile(FIXTURES / "v3.casefile", path)
    tamper(path, LEAK)
    before = file_state(path)
    with pytest.raises(HostileSchemaError, match="a trigger 'leak' on sources"):
        CaseFile.open(path)
    assert file_state(path) == before  # not migrated, no backup beside it, not even WAL
    done = run_cli("check", path)
    assert done.returncode == 1 and "trigger 'leak'" in done.stderr
    assert file_state(path) == before


def test_a_redefined_table_and_a_missing_search_trigger_are_differences(
        sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "altered.casefile"
    shutil.copyfile(sample_file, path)
    tamper(path, "ALTER TABLE sources ADD COLUMN spare TEXT", "DROP TRIGGER fts_sources_ad")
    with pytest.raises(HostileSchemaError) as caught:
        CaseFile.open(path)
    assert "a table 'sources' whose definition is not the one Casefile creates" in str(
        caught.value)
    assert "no trigger 'fts_sources_ad'" in str(caught.value)


def test_every_fixture_and_a_new_file_still_open_and_check_clean(tmp_path: Path) -> None:
    for version in range(1, CURRENT_VERSION):
        path = tmp_path / f"v{version}.casefile"
        shutil.copyfile(FIXTURES / f"v{version}.casefile", path)
        with CaseFile.open(path) as case:  # migrated to the current format
            assert case.check().ok
        with CaseFile.open(path) as case:  # and opened again, migrated
            assert case.check().ok
    new = tmp_path / "new.casefile"
    CaseFile.create(new, title="Border trade").close()
    with CaseFile.open(new) as case:
        case.sources.create(name="Yuri Petrov")
        assert case.check().ok
    # SQLite's own statistics tables (ANALYZE, PRAGMA optimize) are not the file's code.
    conn = driver.connect(new)  # this SQLite's ANALYZE (SQLCipher's also writes sqlite_stat4)
    for sql in ("CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT)", "DROP TABLE t",
                "ANALYZE"):
        conn.execute(sql)
    conn.commit()
    conn.close()
    with CaseFile.open(new) as case:
        assert case.check().ok


PASS = "amur river at dawn"


@pytest.mark.skipif(not driver.encryption_available(), reason="needs the sqlcipher3 driver")
def test_an_encrypted_file_with_a_trigger_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "secret.casefile"
    CaseFile.create(path, title="Border trade", passphrase=PASS).close()
    conn = driver.connect(path, PASS)
    conn.execute(WIPE)
    conn.commit()
    conn.close()
    before = file_state(path)
    with pytest.raises(HostileSchemaError, match="a trigger 'wipe' on claims"):
        CaseFile.open(path, passphrase=PASS)
    assert file_state(path) == before


def test_the_recorded_schemas_are_the_fixtures_and_cover_every_older_format(
        tmp_path: Path) -> None:
    assert schema_guard.recorded_versions() == list(range(1, CURRENT_VERSION))
    for version in schema_guard.recorded_versions():
        copy = tmp_path / f"v{version}.casefile"  # reading a WAL file writes beside it
        shutil.copyfile(FIXTURES / f"v{version}.casefile", copy)
        conn = driver.connect(copy)
        try:
            assert schema_guard.differences(conn, version) == []
        finally:
            conn.close()


def test_check_is_not_fooled_by_code_added_after_the_file_was_opened(sample: CaseFile) -> None:
    with sample._store.write() as s:
        s.connection().exec_driver_sql(WIPE)
    report = sample.check()
    assert not report.ok
    assert "schema: a trigger 'wipe' on claims that Casefile does not create" in report.problems


def test_the_search_index_works_with_an_untrusted_schema(case: CaseFile) -> None:
    with case._store.read() as s:
        trusted = s.connection().exec_driver_sql("PRAGMA trusted_schema").scalar_one()
    assert trusted == (0 if driver.untrusted_schema_works() else 1)
    if driver.encryption_available():  # SQLCipher's SQLite: FTS5 is safe for triggers
        assert trusted == 0
    src = case.sources.create(name="Yuri Petrov", notes="met at the Blagoveshchensk bridge")
    assert [h.uuid for h in case.search.search("Blagoveshchensk")] == [src.uuid]
    case.sources.update(src.uuid, notes="moved to Heihe")
    assert [h.uuid for h in case.search.search("Heihe")] == [src.uuid]
    assert case.search.search("Blagoveshchensk") == []


def test_recover_salvages_the_records_without_the_code(sample_file: Path,
                                                       tmp_path: Path) -> None:
    path = hostile_copy(sample_file, tmp_path, "trigger-leak")
    out = tmp_path / "clean.casefile"
    report = recover(path, out)
    assert "a trigger 'leak' that Casefile does not create was left out" in report.problems
    with CaseFile.open(out) as case, CaseFile.open(sample_file.parent / sample_file.name) as ref:
        assert case.summary().counts == ref.summary().counts
        assert case.check().ok
        case.sources.create(name="New confidential source", ground_rules="confidential",
                            attribution_phrase="a customs officer")
        urls = [d.url for d in case.documents.page(limit=100)]
        assert all("New confidential" not in u for u in urls)


def test_recover_of_an_old_format_file_leaves_its_trigger_out(tmp_path: Path) -> None:
    path = tmp_path / "v2.casefile"
    shutil.copyfile(FIXTURES / "v2.casefile", path)
    tamper(path, WIPE, ENDLESS.replace("VIEW tags", "VIEW spy"))
    out = tmp_path / "clean.casefile"
    report = recover(path, out)
    assert "a trigger 'wipe' that Casefile does not create was left out" in report.problems
    assert "a view 'spy' that Casefile does not create was left out" in report.problems
    with CaseFile.open(out) as case:
        assert case.summary().counts["evidence_link"] == 3
        claim = case.claims.page(limit=10)[0]
        case.claims.update(claim.uuid, notes="checked again")
        assert case.summary().counts["evidence_link"] == 3


def test_the_app_shows_the_refusal_as_a_plain_message(qtbot, sample_file: Path,
                                                      tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.controller import AppController
    from ui.prompts import ScriptedPrompts

    path = hostile_copy(sample_file, tmp_path, "trigger-wipe")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(ScriptedPrompts(), settings)
    assert controller.open_path(path) is None and controller.windows == []
    [(kind, title, message)] = controller.prompts.shown
    assert kind == "error" and title == "Cannot open case file"
    assert "a trigger 'wipe' on claims" in message and "data, never code" in message
    assert "Traceback" not in message


@pytest.mark.skipif(not driver.encryption_available(), reason="needs the sqlcipher3 driver")
def test_encrypting_a_hostile_file_keeps_nothing_of_it(sample_file: Path,
                                                       tmp_path: Path) -> None:
    from casefile.encryption import encrypt_file

    path = hostile_copy(sample_file, tmp_path, "trigger-leak")
    before = file_state(path)
    with pytest.raises(CaseFileError, match="trigger 'leak'"):
        encrypt_file(path, PASS)
    assert file_state(path) == before


@pytest.mark.parametrize("version", range(1, CURRENT_VERSION))
def test_recover_of_a_clean_old_format_file_is_complete(tmp_path: Path, version: int) -> None:
    # Before: every file older than format 6 failed in the migration step that needs the
    # search index (recovery left the index to be rebuilt after the steps).
    path = tmp_path / f"v{version}.casefile"
    shutil.copyfile(FIXTURES / f"v{version}.casefile", path)
    report = recover(path, tmp_path / "out.casefile")
    assert report.complete, report.text()
    with CaseFile.open(tmp_path / "out.casefile") as case:
        assert case.check().ok
        assert case.summary().counts["source"] >= 3


# Casefile's own counting triggers (schema 9) are expected; the same name with another body
# (here: every new source's name copied into a document, while still counting) is not.
COUNT_LEAK = ("CREATE TRIGGER count_sources_ai AFTER INSERT ON sources WHEN new.trash_id IS NULL "
              "BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'source'; "
              "UPDATE documents SET url = new.name; END")


def test_a_counting_trigger_with_another_body_is_refused(sample_file: Path,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "counting-leak.casefile"
    shutil.copyfile(sample_file, path)
    with CaseFile.open(path):
        pass  # Casefile's own counting triggers are accepted
    tamper(path, "DROP TRIGGER count_sources_ai", COUNT_LEAK)
    before = file_state(path)
    with pytest.raises(HostileSchemaError, match="a trigger 'count_sources_ai' on sources "
                                                 "whose definition is not the one Casefile"):
        CaseFile.open(path)
    assert file_state(path) == before


def test_a_missing_counting_trigger_is_refused(sample_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "uncounted.casefile"
    shutil.copyfile(sample_file, path)
    tamper(path, "DROP TRIGGER count_trash_ad")
    with pytest.raises(HostileSchemaError, match="no trigger 'count_trash_ad'"):
        CaseFile.open(path)
