"""Live-record counts kept by triggers (schema 9, issue 16): a summary and a list's length read
one small table instead of counting whole tables, and every path that writes records keeps
those counts equal to the rows."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event

from casefile import CaseFile
from casefile.bundle import dump_bundle, import_bundle
from casefile.db import driver
from casefile.db.migrations import CURRENT_VERSION
from casefile.recovery import recover
from casefile.resources import sample_bundle
from tests.conftest import FIXTURES

CLI = [sys.executable, "-m", "casefile"]
TABLES = {
    "team_member": "team_members", "source": "sources", "interview": "interviews",
    "quote": "quotes", "document": "documents", "excerpt": "excerpts", "photo": "photos",
    "attachment": "attachments", "claim": "claims", "evidence_link": "evidence_links",
    "comment_request": "comment_requests", "draft": "drafts", "tag": "tags",
}
SERVICES = {
    "team_member": "team", "source": "sources", "interview": "interviews", "quote": "quotes",
    "document": "documents", "excerpt": "excerpts", "photo": "photos", "claim": "claims",
    "evidence_link": "evidence", "comment_request": "requests", "draft": "drafts",
    "tag": "tags",
}


def real_counts(case: CaseFile) -> tuple[dict[str, int], int]:
    """Counted the slow way, straight from the rows."""
    with case._store.read() as s:
        conn = s.connection()
        counts = {kind: int(conn.exec_driver_sql(
            f"SELECT count(*) FROM {table} WHERE trash_id IS NULL").scalar_one())
            for kind, table in TABLES.items()}
        trash = int(conn.exec_driver_sql("SELECT count(*) FROM trash").scalar_one())
    return counts, trash


def assert_counts_right(case: CaseFile) -> dict[str, int]:
    counts, trash = real_counts(case)
    summary = case.summary()
    assert summary.counts == counts
    assert summary.in_trash == trash == case.trash.count()
    for kind, service in SERVICES.items():
        if hasattr(getattr(case, service), "count"):
            assert getattr(case, service).count() == counts[kind], kind
    assert case.check().ok
    return counts


@contextmanager
def statements(case: CaseFile) -> Iterator[list[str]]:
    """Every SQL statement the case runs inside the block."""
    seen: list[str] = []

    def listen(_conn, _cursor, statement, _params, _context, _many) -> None:  # noqa: ANN001
        seen.append(statement)

    event.listen(case._store.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(case._store.engine, "before_cursor_execute", listen)


def test_summary_and_list_lengths_count_no_table(sample: CaseFile) -> None:
    with statements(sample) as seen:
        summary = sample.summary()
        lengths = {kind: getattr(sample, service).count() for kind, service in SERVICES.items()}
        in_trash = sample.trash.count()
    counting = [s for s in seen if "count(" in s.lower()]
    assert counting == []  # before version 9: 14 full-table counts here, 13 more for lengths
    others = [s for s in seen if s != "BEGIN" and "case_info" not in s
              and "user_version" not in s]
    assert others and all("FROM record_counts" in s for s in others)
    assert summary.counts == real_counts(sample)[0]
    assert lengths == {kind: summary.counts[kind] for kind in lengths}
    assert in_trash == summary.in_trash


def test_counts_follow_create_trash_restore_purge_and_empty(sample: CaseFile) -> None:
    before = assert_counts_right(sample)
    src = sample.sources.create(name="Counted source")
    assert assert_counts_right(sample)["source"] == before["source"] + 1
    interview = sample.interviews.page(limit=1)[0]
    entry = sample.trash.delete(interview, cascade=True)  # takes its quotes and evidence
    after_trash = assert_counts_right(sample)
    assert after_trash["interview"] == before["interview"] - 1
    sample.trash.restore(entry.uuid)
    assert assert_counts_right(sample)["interview"] == before["interview"]
    gone = sample.trash.delete(sample.sources.get(src.uuid))
    sample.trash.purge(gone.uuid)
    assert assert_counts_right(sample)["source"] == before["source"]
    for claim in sample.claims.page(limit=2):
        sample.trash.delete(claim, cascade=True)
    sample.trash.delete(sample.drafts.page(limit=1)[0], cascade=True)
    assert_counts_right(sample)
    assert sample.trash.empty() > 0
    assert assert_counts_right(sample)["claim"] == before["claim"] - 2
    assert sample.trash.count() == 0


def test_a_bulk_update_outside_the_orm_is_counted(sample: CaseFile) -> None:
    with sample._store.write() as s:
        s.connection().exec_driver_sql("UPDATE quotes SET trash_id = NULL")  # already live
        s.connection().exec_driver_sql("DELETE FROM taggings")
        s.connection().exec_driver_sql("DELETE FROM tags")
    assert assert_counts_right(sample)["tag"] == 0


def test_counts_follow_a_bundle_import(case: CaseFile) -> None:
    import_bundle(case, sample_bundle())
    counts = assert_counts_right(case)
    assert counts["source"] > 0 and counts["claim"] > 0


def test_counts_follow_a_reimport_of_a_dumped_case(sample: CaseFile, tmp_path: Path) -> None:
    sample.trash.delete(sample.sources.create(name="Trashed before the dump"))
    bundle = dump_bundle(sample, tmp_path / "all.zip")
    with CaseFile.create(tmp_path / "copy.casefile", title="Copy") as copy:
        import_bundle(copy, bundle)
        assert assert_counts_right(copy) == real_counts(sample)[0]
        assert copy.trash.count() == sample.trash.count()


def test_counts_survive_a_search_index_rebuild(sample: CaseFile) -> None:
    before = assert_counts_right(sample)
    sample.rebuild_search_index()
    assert assert_counts_right(sample) == before


def test_recovery_rebuilds_the_counts(sample_file: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "wrong.casefile"
    shutil.copyfile(sample_file, damaged)
    conn = sqlite3.connect(damaged, isolation_level=None)
    conn.execute("UPDATE record_counts SET live = 999 WHERE kind = 'source'")
    conn.execute("DELETE FROM record_counts WHERE kind = 'photo'")
    conn.close()
    out = tmp_path / "recovered.casefile"
    recover(damaged, out)
    with CaseFile.open(out) as case, CaseFile.open(sample_file) as ref:
        assert assert_counts_right(case) == real_counts(ref)[0]
        case.sources.create(name="After recovery")  # the triggers are there
        assert assert_counts_right(case)["source"] == real_counts(ref)[0]["source"] + 1


@pytest.mark.parametrize("version", range(1, CURRENT_VERSION))
def test_counts_are_right_after_migrating_each_past_version(tmp_path: Path,
                                                            version: int) -> None:
    old = tmp_path / f"v{version}.casefile"
    shutil.copyfile(FIXTURES / f"v{version}.casefile", old)
    with CaseFile.open(old) as case:
        counts = assert_counts_right(case)
        assert counts["source"] >= 3
        trashed = case.trash.count()
        case.trash.delete(case.sources.create(name="After migration"))
        assert assert_counts_right(case) == counts
        assert case.trash.count() == trashed + 1


def wrong_counts_file(sample_file: Path, tmp_path: Path) -> Path:
    """What a bug (or a hand) could leave: a counts table that disagrees with the rows."""
    path = tmp_path / "miscounted.casefile"
    shutil.copyfile(sample_file, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE record_counts SET live = live + 5 WHERE kind = 'source'")
    conn.execute("UPDATE record_counts SET live = 3 WHERE kind = 'trash'")
    conn.close()
    return path


def test_check_reports_wrong_counts_and_recount_repairs_them(sample_file: Path,
                                                             tmp_path: Path) -> None:
    path = wrong_counts_file(sample_file, tmp_path)
    with CaseFile.open(path) as case:
        real, _ = real_counts(case)
        report = case.check()
        assert report.problems == [
            f"record counts: live source records counted as {real['source'] + 5}, "
            f"but there are {real['source']}",
            "record counts: deletions in the trash counted as 3, but there are 0"]
        assert not case.check(quick=True).ok  # the quick check compares them too
        case.recount()
        assert_counts_right(case)


def test_cli_check_names_wrong_counts_and_recount_fixes_them(sample_file: Path,
                                                             tmp_path: Path) -> None:
    path = wrong_counts_file(sample_file, tmp_path)
    found = subprocess.run([*CLI, "check", str(path)], capture_output=True, text=True,
                           timeout=120)
    assert found.returncode == 1
    assert "record counts: live source records counted as" in found.stdout
    assert f"casefile check {path} --recount" in found.stdout
    assert "Traceback" not in found.stdout + found.stderr
    fixed = subprocess.run([*CLI, "check", str(path), "--recount"], capture_output=True,
                           text=True, timeout=120)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "record counts" in fixed.stdout
    again = subprocess.run([*CLI, "check", str(path)], capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0


def test_counting_triggers_run_with_an_untrusted_schema(case: CaseFile) -> None:
    with case._store.read() as s:
        trusted = s.connection().exec_driver_sql("PRAGMA trusted_schema").scalar_one()
    if driver.untrusted_schema_works():
        assert trusted == 0
    case.sources.create(name="Yuri Petrov")
    case.trash.delete(case.sources.create(name="Gone"))
    assert case.summary().counts["source"] == 1 and case.summary().in_trash == 1


def test_a_new_file_and_a_migrated_one_count_with_the_same_triggers(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.casefile"
    CaseFile.create(fresh, title="Fresh").close()
    old = tmp_path / "v8.casefile"
    shutil.copyfile(FIXTURES / "v8.casefile", old)
    CaseFile.open(old).close()

    def counting(path: Path) -> set[tuple[str, str]]:
        conn = driver.connect(path)
        try:
            return {(n, " ".join(q.split())) for n, q in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE 'count%' "
                "OR name = 'record_counts'")}
        finally:
            conn.close()

    assert counting(fresh) == counting(old)
    assert len(counting(fresh)) == 3 * len(TABLES) + 2 + 1  # the trash's two, the table


@pytest.mark.skipif(not driver.encryption_available(), reason="needs the sqlcipher3 driver")
def test_counts_survive_encrypting_and_decrypting(sample_file: Path, tmp_path: Path) -> None:
    from casefile.encryption import decrypt_file, encrypt_file

    path = tmp_path / "secret.casefile"
    shutil.copyfile(sample_file, path)
    with CaseFile.open(path) as case:
        before = assert_counts_right(case)
    encrypt_file(path, "counted passphrase")
    with CaseFile.open(path, passphrase="counted passphrase") as case:
        assert assert_counts_right(case) == before
    decrypt_file(path, "counted passphrase")
    with CaseFile.open(path) as case:
        assert assert_counts_right(case) == before


def test_a_kept_count_that_is_not_a_number_is_counted_from_the_rows(tmp_path: Path) -> None:
    """A hand-edited file whose kept count is text or negative: the summary, the list's
    length and the trash's are counted from the rows instead of failing or going wrong."""
    path = tmp_path / "edited.casefile"
    with CaseFile.create(path, title="Edited") as case:
        for i in range(7):
            case.sources.create(name=f"Source {i}")
        entry = case.trash.delete(case.sources.page(limit=1)[0])
        assert entry is not None
    conn = driver.connect(path)
    conn.execute("UPDATE record_counts SET live = 'x' WHERE kind = 'source'")
    conn.execute("UPDATE record_counts SET live = -5 WHERE kind = 'trash'")
    conn.commit()
    conn.close()
    with CaseFile.open(path) as case:
        assert case.summary().counts["source"] == 6
        assert case.summary().in_trash == 1
        assert case.sources.count() == 6
        assert case.trash.count() == 1
        assert not case.check().ok  # and the check says the kept counts are wrong
