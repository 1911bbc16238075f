"""Every past schema version, kept as a fixture, migrates forward with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from casefile import CaseFile
from casefile.db.driver import dbapi
from casefile.db.migrations import CURRENT_VERSION
from tests.conftest import FIXTURES, file_state

PAST_VERSIONS = list(range(1, CURRENT_VERSION))


def fixture_copy(tmp_path: Path, version: int) -> Path:
    path = tmp_path / f"old-v{version}.casefile"
    shutil.copyfile(FIXTURES / f"v{version}.casefile", path)
    return path


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    return fixture_copy(tmp_path, 1)


def row_counts(path: Path) -> dict[str, int]:
    conn = dbapi.connect(f"file:{path}?immutable=1", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_index%'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_every_past_version_has_a_fixture() -> None:
    assert sorted(p.name for p in FIXTURES.glob("v*.casefile")) == sorted(
        f"v{v}.casefile" for v in PAST_VERSIONS)


@pytest.mark.parametrize("version", PAST_VERSIONS)
def test_each_past_version_migrates_with_every_row_kept(tmp_path: Path, version: int) -> None:
    old = fixture_copy(tmp_path, version)
    before = row_counts(old)
    with CaseFile.open(old) as case:
        assert case.summary().schema_version == CURRENT_VERSION
        assert case.check().ok
    after = row_counts(old)
    assert {t: after[t] for t in before} == before  # the audit log aside, nothing added or lost
    fresh = tmp_path / "fresh.casefile"
    CaseFile.create(fresh, title="Fresh").close()
    assert schema_shape(old) == schema_shape(fresh)


def schema_shape(path: Path) -> dict[str, Any]:
    """Tables with their columns, keys and indexes, plus trigger names: what a migration must
    reproduce (column order aside, since ALTER TABLE appends)."""
    conn = dbapi.connect(path)
    try:
        shape: dict[str, Any] = {}
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for t in tables:
            cols = sorted((r[1], r[2].upper(), r[3], r[5]) for r in conn.execute(
                f"PRAGMA table_info('{t}')"))
            fks = sorted((r[2], r[3], r[4], r[6]) for r in conn.execute(
                f"PRAGMA foreign_key_list('{t}')"))
            idx = sorted((r[1], r[2], r[4]) for r in conn.execute(  # name, unique, partial
                f"PRAGMA index_list('{t}')"))
            shape[t] = (cols, fks, idx)
        shape["triggers"] = sorted(r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'"))
        return shape
    finally:
        conn.close()


def test_fixture_is_really_version_1() -> None:
    conn = dbapi.connect(f"file:{FIXTURES / 'v1.casefile'}?immutable=1", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()


def test_v1_migrates_with_nothing_lost(v1: Path) -> None:
    with CaseFile.open(v1, actor="tester") as case:
        assert case.summary().schema_version == CURRENT_VERSION
        assert case.info().title == "Version 1 fixture: timber exports"
        names = sorted(s.name for s in case.sources.page())
        assert names == ["Artyom Belov", "National Statistics Service", "Yuri Petrov"]
        petrov = next(s for s in case.sources.page() if s.name == "Yuri Petrov")
        assert petrov.contacts == [{"kind": "phone", "value": "+7 900 000 0101"}]
        [interview] = case.interviews.page()
        assert "Южно-Сахалинск" in interview.transcript
        assert interview.held_at is not None and interview.held_at.utcoffset() is not None
        [quote] = case.quotes.page()
        assert quote.text == "We used to ship forty trucks a week"
        [doc] = case.documents.page()
        assert doc.issued == "2026-10-30"
        [photo] = case.photos.page()
        assert photo.caption == "Bridge at dawn"
        assert case.tags.names_for(petrov) == ["follow up"]
        [entry] = case.trash.entries()
        assert entry.label == 'source "Deleted source"'
        assert len(case.audit.entries(limit=100)) >= 12
        # The new tables work on the migrated file.
        claim = case.claims.create(statement="Exports fell by 38 percent.")
        case.evidence.create(claim=claim.uuid, quote=quote.uuid)
        assert [h.kind for h in case.search.search("Южно-Сахалинск")] == ["interview"]
        assert case.search.search("Exports fell")
        assert case.check().ok
        case.trash.restore(entry.uuid)
        assert "Deleted source" in [s.name for s in case.sources.page()]


def test_migration_keeps_a_backup_of_the_old_version(v1: Path) -> None:
    original, _ = file_state(v1)
    with CaseFile.open(v1) as case:
        backup = case.migration_backup
    assert backup is not None and backup.exists() and backup.parent == v1.parent
    conn = dbapi.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM sources").fetchone() == (4,)
    conn.close()
    # Opening again migrates nothing and takes no second backup.
    with CaseFile.open(v1) as case:
        assert case.migration_backup is None
    assert original is not None


def test_v2_migrates_with_claims_and_files_intact(tmp_path: Path) -> None:
    with CaseFile.open(fixture_copy(tmp_path, 2)) as case:
        [claim] = case.claims.page()
        links = case.evidence.for_claim(claim.uuid)
        assert sorted(link.relation.value for link in links) == ["context", "supports",
                                                                 "supports"]
        [request] = case.requests.page()
        assert request.answer_text == "Within legal limits."
        [doc] = case.documents.page()
        assert doc.page_count is None and doc.container_title == "" and doc.csl_extra == {}
        assert case.tags.names_for(claim) == ["legal check"]
        assert case.trash.count() == 1
        [photo] = case.photos.page()
        assert len(case.photos.thumbnail(photo.uuid, 256)) > 100  # made on first use


def test_a_failed_migration_leaves_the_file_as_it_was(v1: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.db import migrations

    def broken(conn: Any) -> None:
        migrations.run_sql_file(conn, "v2.sql")
        raise RuntimeError("power cut in the middle of the step")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    with pytest.raises(RuntimeError):
        CaseFile.open(v1)
    conn = dbapi.connect(v1)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "claims" not in tables
    conn.close()
    monkeypatch.undo()
    with CaseFile.open(v1) as case:
        assert case.summary().schema_version == CURRENT_VERSION


def test_version_6_gets_trash_indexes_the_planner_cannot_misuse(tmp_path: Path) -> None:
    old = fixture_copy(tmp_path, 6)
    with CaseFile.open(old) as case:
        names = {s.name for s in case.sources.page(limit=100)}
        assert "Added by version 6" in names
        with case._store.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM sources WHERE trash_id IS NULL "
                "AND id IN (1, 2)"))
            trash = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM sources WHERE trash_id = 1"))
    assert "ix_sources_trash_id" not in plan  # live rows are found by their key
    assert "ix_sources_trash_id" in trash  # the trash still has its index


def test_version_7_logs_lose_the_protected_names_they_hold(tmp_path: Path) -> None:
    """Version 7 wrote a protected source's name into the audit log ("source “Ilya
    Tarkovsky-Lind”", an interview's title); the step to format 8 scrubs every such line
    once, with the matcher the exports use."""
    old = fixture_copy(tmp_path, 7)
    conn = dbapi.connect(old)
    before = [r[0] for r in conn.execute("SELECT summary FROM audit_log")]
    conn.close()
    assert [s for s in before if "Tarkovsky" in s]  # the fixture holds them
    with CaseFile.open(old) as case:
        assert case.summary().schema_version == CURRENT_VERSION
        summaries = [e.summary for e in case.audit.entries(limit=10_000)]
        [source] = [s for s in case.sources.page(limit=100) if "Tarkovsky" in s.name]
    assert not [s for s in summaries if "Tarkovsky" in s or "Ilya" in s]
    assert 'source "a customs clerk"' in summaries
    assert 'interview "Interview with a customs clerk"' in summaries
    assert source.notes == "Added by version 7"


def test_version_8_gets_record_counts_that_match_its_rows(tmp_path: Path) -> None:
    """The step to format 9 adds the counts table and fills it from the rows; the version-8
    fixture's content (its log naming no protected source) comes through unchanged."""
    old = fixture_copy(tmp_path, 8)
    with CaseFile.open(old) as case:
        summary = case.summary()
        names = {s.name for s in case.sources.page(limit=100)}
        summaries = [e.summary for e in case.audit.entries(limit=10_000)]
    assert summary.schema_version == CURRENT_VERSION
    assert {"Added by version 8", "Marta Vossberg"} <= names
    assert summary.counts["source"] == len(names) == 7
    assert summary.in_trash == 2
    assert not [s for s in summaries if "Vossberg" in s]
    assert 'source "a port official"' in summaries


def test_version_9_gets_the_sourcing_columns_with_their_defaults(tmp_path: Path) -> None:
    """The step to format 10 adds a source's article and role form, a quote's published
    wording, a draft's publication date and tagline and a member's outlet, all empty or
    'auto'; the version-9 fixture's counts come through."""
    old = fixture_copy(tmp_path, 9)
    with CaseFile.open(old) as case:
        summary = case.summary()
        sources = {s.name: s for s in case.sources.page(limit=100)}
        quote = case.quotes.page(limit=1)[0]
        draft = case.drafts.page(limit=1)[0]
        member = case.team.page(limit=1)[0]
    assert summary.schema_version == CURRENT_VERSION
    added = sources["Added by version 9"]
    assert (added.role_title, added.article.value, added.role_form.value) == (
        "runs a bakery in Tver", "auto", "auto")
    assert summary.counts["source"] == len(sources) == 8
    assert (quote.published_text, quote.published_accepted) == ("", "")
    assert (draft.published_on, draft.author_tagline) == (None, "")
    assert member.outlet == ""


def test_version_10_records_start_at_version_1_by_the_case_creator(tmp_path: Path) -> None:
    """The step to format 11 gives every record (and the case's own row) a version and its
    last change: version 1, changed when it was last updated, by the case's creator (the
    first "create" line's author: "fixture" — not the later "fixture-v10" who added a
    source), on no known device; the next edit counts from there."""
    from sqlalchemy import select

    from casefile.models import RECORD_KINDS, CaseInfo, DraftVersion, ReviewComment

    models: list[type[Any]] = [*RECORD_KINDS.values(), DraftVersion, ReviewComment, CaseInfo]
    old = fixture_copy(tmp_path, 10)
    with CaseFile.open(old, actor="reporter") as case:
        assert case.summary().schema_version == CURRENT_VERSION
        with case._store.read() as s:
            rows = [r for model in models
                    for r in s.scalars(select(model).execution_options(include_trashed=True))]
            stamps = {(r.version, r.changed_by, r.changed_device) for r in rows}
            assert all(r.changed_at == r.updated_at for r in rows)
            added = next(r for r in rows if getattr(r, "name", "") == "Added by version 10")
        assert stamps == {(1, "fixture", "")}
        assert {type(r) for r in rows} == set(models)  # every table has rows to check
        edited = case.sources.update(added.uuid, notes="edited after the upgrade")
        with case._store.read() as s:
            from casefile.models import Source

            again = s.scalars(select(Source).where(Source.uuid == edited.uuid)).one()
            assert (again.version, again.changed_by) == (2, "reporter")
            assert again.changed_device != ""
        # Nothing the search index holds changed (it was not refilled): still found.
        assert case.search.search("harbour pilot")
        assert case.check().ok


def test_version_10_without_a_creator_in_its_log_signs_nobody(tmp_path: Path) -> None:
    """A file whose log has no "create" line (a hand-trimmed log) gets '' as the author."""
    old = fixture_copy(tmp_path, 10)
    conn = dbapi.connect(old)
    conn.execute("DELETE FROM audit_log WHERE action = 'create'")
    conn.commit()
    conn.close()
    with CaseFile.open(old) as case, case._store.read() as s:
        by = {r[0] for r in s.connection().exec_driver_sql(
            "SELECT changed_by FROM sources UNION SELECT changed_by FROM case_info")}
    assert by == {""}


SYNC_TABLES = ("sync_replica", "sync_peers", "sync_base", "merge_conflicts")


def merge_schema(path: Path) -> set[tuple[str, str, str, str]]:
    """The merge tables and their indexes exactly as the file holds them (whitespace folded)."""
    from casefile.db.schema_guard import normalise

    conn = dbapi.connect(f"file:{path}?immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN "
            f"({', '.join('?' * len(SYNC_TABLES))})", SYNC_TABLES).fetchall()
    finally:
        conn.close()
    return {(t, n, tb, normalise(q) or "") for t, n, tb, q in rows}


def test_version_11_gets_empty_merge_tables_and_keeps_everything(tmp_path: Path) -> None:
    """The step to format 12 adds the four field-copy tables, empty and exactly as a new file
    makes them; the version-11 fixture's rows, versions and authors come through untouched
    (its source "Added by version 11" was edited once, by "fixture-v11", on a device)."""
    from sqlalchemy import select

    from casefile.models import Source

    old = fixture_copy(tmp_path, 11)
    before = row_counts(old)
    assert not set(SYNC_TABLES) & set(before)
    with CaseFile.open(old, actor="reporter") as case:
        assert case.summary().schema_version == CURRENT_VERSION
        assert case.migration_backup is not None
        with case._store.read() as s:
            stamps = {r.name: (r.version, r.changed_by, r.changed_device != "", r.role_title)
                      for r in s.scalars(select(Source).execution_options(
                          include_trashed=True))}
        assert case.search.search("river pilot")
        assert case.check().ok
    assert stamps["Added by version 11"] == (2, "fixture-v11", True, "river pilot")
    assert stamps["Added by version 10"] == (1, "fixture", False, "harbour pilot")
    after = row_counts(old)
    assert after == {**before, **dict.fromkeys(SYNC_TABLES, 0)}
    fresh = tmp_path / "fresh.casefile"
    CaseFile.create(fresh, title="Fresh").close()
    assert len(merge_schema(fresh)) == len(SYNC_TABLES) + 3 + 5  # 3 indexes, 5 autoindexes
    assert merge_schema(old) == merge_schema(fresh)
    assert schema_shape(old) == schema_shape(fresh)


def test_the_merge_tables_of_a_migrated_file_take_rows_and_keep_their_keys(
        tmp_path: Path) -> None:
    """What the merge writes goes into a migrated file as into a new one: one replica row at
    most, a peer's base rows go with it, its conflicts stay (their peer cleared)."""
    import uuid

    from sqlalchemy import delete, func, select
    from sqlalchemy.exc import IntegrityError

    from casefile.models import MergeConflict, SyncBase, SyncPeer, SyncReplica

    old = fixture_copy(tmp_path, 11)
    with CaseFile.open(old) as case:
        source = case.sources.page(limit=1)[0]
        with case._store.write() as s:
            s.add(SyncReplica())
            peer = SyncPeer(replica=uuid.uuid4(), relation="copy", label="Field copy for Anna",
                            policy={"interviews": None})
            s.add(peer)
            s.flush()
            s.add(SyncBase(peer_id=peer.id, record_uuid=source.uuid, kind="source",
                           here_version=2, there_version=1, ancestor={"name": source.name},
                           there=None))
            s.add(MergeConflict(peer_id=peer.id, record_kind="source", record_uuid=source.uuid,
                                field="notes", reason="changed on both sides",
                                base={"v": ""}, mine={"v": "a"}, theirs={"v": "b"}))
        with pytest.raises(IntegrityError), case._store.write() as s:
            s.add(SyncReplica(id=2))
        with case._store.write() as s:
            s.execute(delete(SyncPeer))
        with case._store.read() as s:
            assert s.scalar(select(func.count()).select_from(SyncBase)) == 0
            conflict = s.scalars(select(MergeConflict)).one()
            assert (conflict.peer_id, conflict.theirs, conflict.status) == (None, {"v": "b"},
                                                                           "open")
            assert s.scalar(select(func.count()).select_from(SyncReplica)) == 1
        assert case.check().ok


def _sync_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = dbapi.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in SYNC_TABLES}
    finally:
        conn.close()


def test_recovery_keeps_the_merge_tables_and_forgets_only_the_bases_of_lost_records(
        tmp_path: Path) -> None:
    """A damaged field copy, recovered, still knows its origin: replica, peer and conflicts
    come through whole. The base of a record the damage took is left out (else the next merge
    would read it as purged here and purge it in the other file too); the base of a record
    purged on purpose stays, and so do the others."""
    import uuid

    from casefile.models import MergeConflict, SyncBase, SyncPeer, SyncReplica
    from casefile.recovery import recover

    path = tmp_path / "copy.casefile"
    with CaseFile.create(path, title="Field copy") as case:
        made = [case.sources.create(name=f"Person {i}", notes="n" * 250,
                                    contacts=[{"kind": "phone", "value": f"MARK{i:04d}Z"}])
                for i in range(120)]
        gone = case.sources.create(name="Purged on purpose")
        case.trash.delete(gone)
        assert case.trash.empty() == 1
        with case._store.write() as s:
            s.add(SyncReplica())
            peer = SyncPeer(replica=uuid.uuid4(), relation="origin", label="Lead's case")
            s.add(peer)
            s.flush()
            for src in [*made, gone]:
                s.add(SyncBase(peer_id=peer.id, record_uuid=src.uuid, kind="source",
                               here_version=1, there_version=1, ancestor={"n": 1}, there=None))
            s.add(MergeConflict(peer_id=peer.id, record_kind="source", record_uuid=made[0].uuid,
                                field="notes", reason="changed on both sides"))
    before = _sync_rows(path)
    data = bytearray(path.read_bytes())
    page = data.index(b"MARK0060Z") // 4096 * 4096
    data[page:page + 4096] = b"\x00" * 4096
    damaged = tmp_path / "damaged.casefile"
    damaged.write_bytes(bytes(data))
    out = tmp_path / "recovered.casefile"
    report = recover(damaged, out)
    after = _sync_rows(out)
    with CaseFile.open(out) as case:
        kept = {s.uuid for s in case.sources.page(limit=1000)}
        assert case.check().ok
    lost = {s.uuid for s in made} - kept
    assert 0 < len(lost) < len(made)
    for table in ("sync_replica", "sync_peers", "merge_conflicts"):
        assert after[table] == before[table]
    bases = {uuid.UUID(row[1]) for row in after["sync_base"]}
    assert bases == {s.uuid for s in made} - lost | {gone.uuid}
    assert f"sync_base: {len(lost)} merge bases of lost records left out" in report.text()
