"""Every record counts its changes and says who made the last one, whatever path made it
(schema 11, casefile/db/session.py): the same record edited through each path advances by
one, signed by the actor on this device; a failed write leaves it as it was; and each
path's `Changes` name what it touched."""

from __future__ import annotations

import getpass
import json
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from casefile import CaseFile, ValidationError
from casefile.bundle import dump_bundle, import_bundle, to_document
from casefile.changes import Changes, Touched
from casefile.claims.draft_text import DraftText
from casefile.commands import Create, ImportBundle, Purge, Restore, SetTag, Trash, Update
from casefile.models import RECORD_KINDS, CaseInfo, DraftVersion
from tests.conftest import jpeg_bytes

DEVICE = "test-device-1"


class Stamp(NamedTuple):
    version: int
    changed_at: datetime
    changed_by: str
    changed_device: str


def stamp_of(case: CaseFile, model: Any, ref: Any) -> Stamp:
    """A record's version and last change, read inside a unit of work (trashed or not)."""
    with case._store.read() as s:
        obj = s.scalars(select(model).where(model.uuid == uuid.UUID(str(ref)))
                        .execution_options(include_trashed=True)).one()
        return Stamp(obj.version, obj.changed_at, obj.changed_by, obj.changed_device)


def kind(name: str) -> Any:
    return RECORD_KINDS[name]


@pytest.fixture
def vcase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CaseFile]:
    monkeypatch.setenv("CASEFILE_DEVICE_ID", DEVICE)
    c = CaseFile.create(tmp_path / "v.casefile", title="Versions", actor="maria")
    yield c
    c.close()


def advances(case: CaseFile, name: str, ref: Any, edit: Callable[[], Any],
             by: str = "maria") -> Stamp:
    """Run `edit`; the record went up by exactly one version and is signed now."""
    model = kind(name) if isinstance(name, str) else name
    before = stamp_of(case, model, ref)
    edit()
    after = stamp_of(case, model, ref)
    assert after.version == before.version + 1, (name, before, after)
    assert after.changed_at > before.changed_at
    assert (after.changed_by, after.changed_device) == (by, DEVICE)
    return after


def stays(case: CaseFile, name: str, ref: Any, edit: Callable[[], Any]) -> None:
    """Run `edit`; the record is exactly as it was (version and stamp)."""
    model = kind(name) if isinstance(name, str) else name
    before = stamp_of(case, model, ref)
    edit()
    assert stamp_of(case, model, ref) == before


# -- new records --------------------------------------------------------------------------


def test_a_new_record_is_version_1_signed_by_the_actor_on_this_device(vcase: CaseFile) -> None:
    source = vcase.sources.create(name="Yuri Petrov")
    got = stamp_of(vcase, kind("source"), source.uuid)
    assert (got.version, got.changed_by, got.changed_device) == (1, "maria", DEVICE)
    assert got.changed_at.utcoffset() is not None
    info = vcase.info()
    case_row = stamp_of(vcase, CaseInfo, info.uuid)
    assert (case_row.version, case_row.changed_by, case_row.changed_device) == (1, "maria",
                                                                               DEVICE)


def test_the_stamp_cannot_be_set_by_hand(vcase: CaseFile) -> None:
    source = vcase.sources.create(name="Yuri Petrov")
    for field, value in (("version", 99), ("changed_by", "someone else"),
                         ("changed_device", "x"), ("changed_at", datetime.now().astimezone())):
        with pytest.raises(ValidationError):
            vcase.sources.update(source.uuid, **{field: value})
        with pytest.raises(ValidationError):
            vcase.sources.create(name="Other", **{field: value})
    assert stamp_of(vcase, kind("source"), source.uuid).version == 1


# -- each path ----------------------------------------------------------------------------


def test_service_update_and_command_each_advance_by_one(vcase: CaseFile) -> None:
    source = vcase.sources.create(name="Yuri Petrov")
    advances(vcase, "source", source.uuid,
             lambda: vcase.sources.update(source.uuid, notes="met twice"))
    advances(vcase, "source", source.uuid,
             lambda: vcase.apply(Update("source", source.uuid, {"notes": "met three times"})))
    # The same values again change nothing, so nothing is counted.
    stays(vcase, "source", source.uuid,
          lambda: vcase.sources.update(source.uuid, notes="met three times"))


def test_the_case_record_advances_when_edited(vcase: CaseFile) -> None:
    info = vcase.info()
    advances(vcase, CaseInfo, info.uuid, lambda: vcase.update_info(summary="Timber exports"))


def test_links_a_record_holds_change_it_and_links_to_it_do_not(vcase: CaseFile) -> None:
    """A record's own links (many-to-many it declares, many-to-one it holds, a draft's
    byline) are part of it; a record of another kind pointing at it is not."""
    src = vcase.sources.create(name="Yuri Petrov")
    other = vcase.sources.create(name="Artyom Belov")
    member = vcase.team.create(name="Maria Lindqvist")
    interview = vcase.interviews.create(title="Petrov", transcript="We shipped forty trucks.")
    advances(vcase, "interview", interview.uuid,
             lambda: vcase.interviews.update(interview.uuid, interviewees=[src.uuid]))
    advances(vcase, "interview", interview.uuid,
             lambda: vcase.interviews.update(interview.uuid, interviewers=[member.uuid]))
    # The source an interview names is not changed by being named.
    stays(vcase, "source", other.uuid,
          lambda: vcase.interviews.update(interview.uuid, interviewees=[src.uuid, other.uuid]))

    quote = vcase.quotes.create(interview=interview.uuid, text="forty trucks",
                                span_start=11, span_end=23)
    advances(vcase, "quote", quote.uuid,
             lambda: vcase.quotes.update(quote.uuid, speaker=src.uuid))
    # A new quote does not change its interview (nor a new evidence link its claim).
    claim = vcase.claims.create(statement="Exports fell.")
    stays(vcase, "interview", interview.uuid,
          lambda: vcase.quotes.create(interview=interview.uuid, text="We shipped",
                                      span_start=0, span_end=10))
    link = []
    stays(vcase, "claim", claim.uuid,
          lambda: link.append(vcase.evidence.create(claim=claim.uuid, quote=quote.uuid)))
    got = stamp_of(vcase, kind("evidence_link"), link[0].uuid)
    assert (got.version, got.changed_by) == (1, "maria")

    request = vcase.requests.create(source=src.uuid, subject="Exports")
    advances(vcase, "comment_request", request.uuid,
             lambda: vcase.requests.update(request.uuid, claims=[claim.uuid]))
    stays(vcase, "claim", claim.uuid, lambda: None)

    draft = vcase.drafts.create(headline="Timber")
    advances(vcase, "draft", draft.uuid,
             lambda: vcase.drafts.update(draft.uuid, byline=[member.uuid]))
    stays(vcase, "team_member", member.uuid, lambda: None)

    photo = vcase.photos.add(jpeg_bytes(), "bridge.jpg")
    advances(vcase, "photo", photo.uuid,
             lambda: vcase.photos.update(photo.uuid, depicted=[src.uuid]))
    advances(vcase, "photo", photo.uuid,
             lambda: vcase.photos.update(photo.uuid, caption="Bridge at dawn"))
    advances(vcase, "photo", photo.uuid,
             lambda: vcase.photos.update(photo.uuid, credit_member=member.uuid))


def test_tagging_changes_the_tagged_record(vcase: CaseFile) -> None:
    src = vcase.sources.create(name="Yuri Petrov")
    advances(vcase, "source", src.uuid, lambda: vcase.tags.tag(src, "follow up"))
    stays(vcase, "source", src.uuid, lambda: vcase.tags.tag(src, "follow up"))  # already on
    advances(vcase, "source", src.uuid, lambda: vcase.tags.untag(src, "follow up"))
    stays(vcase, "source", src.uuid, lambda: vcase.tags.untag(src, "follow up"))  # not on
    advances(vcase, "source", src.uuid,
             lambda: vcase.apply(SetTag("source", src.uuid, "legal check")))
    advances(vcase, "source", src.uuid,
             lambda: vcase.apply(SetTag("source", src.uuid, "legal check", on=False)))


def test_quote_and_draft_operations_advance(vcase: CaseFile) -> None:
    interview = vcase.interviews.create(title="Petrov", transcript="We shipped forty trucks.")
    quote = vcase.quotes.create(interview=interview.uuid, text="forty trucks",
                                span_start=11, span_end=23)
    advances(vcase, "quote", quote.uuid, lambda: vcase.quotes.remark(quote.uuid, 0, 10))
    advances(vcase, "quote", quote.uuid,
             lambda: vcase.quotes.set_published(quote.uuid, "We shipped"))
    advances(vcase, "quote", quote.uuid, lambda: vcase.quotes.accept_published(quote.uuid))

    draft = vcase.drafts.create(headline="Timber", body="Exports fell.")
    advances(vcase, "draft", draft.uuid,
             lambda: vcase.drafts.set_text(draft.uuid, DraftText.parse("Exports fell again.")))
    # A snapshot is a record of its own (version 1); the draft it copies is unchanged.
    made: list[Any] = []
    stays(vcase, "draft", draft.uuid,
          lambda: made.append(vcase.drafts.snapshot(draft.uuid, "before the edit")))
    with vcase._store.read() as s:
        [version] = s.scalars(select(DraftVersion))
        assert (version.version, version.changed_by, version.changed_device) == (
            1, "maria", DEVICE)


def test_trash_and_restore_each_advance_what_they_move(vcase: CaseFile) -> None:
    """Trash and restore change a record's state (tombstones a merge must see): the record
    and everything that went with it advance, each once."""
    interview = vcase.interviews.create(title="Petrov", transcript="We shipped forty trucks.")
    quote = vcase.quotes.create(interview=interview.uuid, text="forty trucks",
                                span_start=11, span_end=23)
    before_q = stamp_of(vcase, kind("quote"), quote.uuid)
    entry: list[Any] = []
    advances(vcase, "interview", interview.uuid,
             lambda: entry.append(vcase.trash.delete(vcase.interviews.get(interview.uuid))))
    assert stamp_of(vcase, kind("quote"), quote.uuid).version == before_q.version + 1
    advances(vcase, "interview", interview.uuid, lambda: vcase.trash.restore(entry[0].uuid))
    assert stamp_of(vcase, kind("quote"), quote.uuid).version == before_q.version + 2
    # Through commands too.
    advances(vcase, "interview", interview.uuid,
             lambda: vcase.apply(Trash("interview", interview.uuid)))
    [again] = vcase.trash.entries()
    advances(vcase, "interview", interview.uuid, lambda: vcase.apply(Restore(again.uuid)))


def test_one_unit_of_work_counts_one_change(vcase: CaseFile) -> None:
    """Several edits of a record committed together are one change of it."""
    src = vcase.sources.create(name="Yuri Petrov")

    def together() -> None:
        with vcase._store.write():
            vcase.sources.update(src.uuid, notes="one")
            vcase.sources.update(src.uuid, notes="two")
            vcase.tags.tag(src, "follow up")

    advances(vcase, "source", src.uuid, together)


def test_a_failed_write_counts_nothing(vcase: CaseFile) -> None:
    src = vcase.sources.create(name="Yuri Petrov")
    info = vcase.info()

    def refused() -> None:
        with pytest.raises(ValidationError):
            vcase.sources.update(src.uuid, name="   ")

    def rolled_back() -> None:
        with pytest.raises(RuntimeError), vcase._store.write():
            vcase.sources.update(src.uuid, notes="changed, then the power went")
            vcase.tags.tag(src, "follow up")
            raise RuntimeError("power cut")

    stays(vcase, "source", src.uuid, refused)
    stays(vcase, "source", src.uuid, rolled_back)
    stays(vcase, CaseInfo, info.uuid, lambda: pytest.raises(
        ValidationError, vcase.update_info, title="  "))
    assert vcase.sources.get(src.uuid).notes == ""
    # And the next real change counts from where it was.
    got = advances(vcase, "source", src.uuid,
                   lambda: vcase.sources.update(src.uuid, notes="met"))
    assert got.version == 2


def test_an_edit_is_one_update_statement(vcase: CaseFile) -> None:
    """The stamp rides in the edit's own UPDATE: the search triggers (which fire on any
    UPDATE of the row) run once per edit, as before schema 11."""
    src = vcase.sources.create(name="Yuri Petrov")
    statements: list[str] = []
    with vcase._store.read() as s:
        raw = s.connection().connection.dbapi_connection
    assert raw is not None
    raw.set_trace_callback(statements.append)
    try:
        vcase.sources.update(src.uuid, notes="met twice")
    finally:
        raw.set_trace_callback(None)
    # (SQLite traces a statement again as each of its triggers runs: count distinct ones.)
    updates = {q for q in statements if q.lstrip().upper().startswith("UPDATE SOURCES")}
    assert len(updates) == 1, updates
    [update] = updates
    assert "version=2" in update and "notes='met twice'" in update


# -- bundles and the command line ---------------------------------------------------------


def _filled(case: CaseFile) -> dict[str, Any]:
    src = case.sources.create(name="Yuri Petrov")
    interview = case.interviews.create(title="Petrov", transcript="We shipped forty trucks.",
                                       interviewees=[src.uuid])
    case.quotes.create(interview=interview.uuid, text="forty trucks", span_start=11,
                       span_end=23)
    case.tags.tag(src, "follow up")
    return {"source": src.uuid, "interview": interview.uuid}


def test_imported_records_are_new_here_signed_by_the_importer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_DEVICE_ID", "their-laptop")
    with CaseFile.create(tmp_path / "theirs.casefile", title="Theirs", actor="ilya") as theirs:
        made = _filled(theirs)
        theirs.sources.update(made["source"], notes="edited there, several times")
        theirs.sources.update(made["source"], notes="edited there again")
        bundle = dump_bundle(theirs, tmp_path / "theirs.zip")
        doc, _files = to_document(theirs)
    # The bundle carries no versions or devices.
    text = json.dumps(doc)
    assert "their-laptop" not in text and '"changed_by"' not in text and '"version"' not in text

    monkeypatch.setenv("CASEFILE_DEVICE_ID", DEVICE)
    with CaseFile.create(tmp_path / "mine.casefile", title="Mine", actor="maria") as mine:
        got: list[Changes] = []
        unsubscribe = mine.subscribe(got.append)
        import_bundle(mine, bundle)
        unsubscribe()
        for name in ("source", "interview", "quote", "tag"):
            with mine._store.read() as s:
                rows = list(s.scalars(select(kind(name))))
                assert rows, name
                assert {(r.version, r.changed_by, r.changed_device) for r in rows} == {
                    (1, "maria", DEVICE)}, name
        [changes] = got
        assert {"source", "interview", "quote", "tag"} <= changes.kinds
        assert Touched("source", made["source"]) in changes.created


def test_a_bundle_tagging_a_record_of_the_case_changes_it(vcase: CaseFile,
                                                          tmp_path: Path) -> None:
    src = vcase.sources.create(name="Yuri Petrov")
    doc, _files = to_document(vcase)
    doc = {k: v for k, v in doc.items() if k not in ("sources",)}
    doc["tags"] = [{"uuid": str(uuid.uuid4()), "name": "from the desk", "color": "",
                    "created_at": "2026-12-01T10:00:00+00:00",
                    "updated_at": "2026-12-01T10:00:00+00:00", "records": [str(src.uuid)]}]
    path = tmp_path / "tagging.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    changes: list[Changes] = []
    advances(vcase, "source", src.uuid, lambda: changes.append(
        vcase.apply(ImportBundle(path))))
    assert Touched("source", src.uuid) in changes[0].updated
    assert vcase.tags.names_for(src) == ["from the desk"]


def test_the_command_line_signs_as_the_user_on_this_device(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.cli import main

    monkeypatch.setenv("CASEFILE_DEVICE_ID", "their-laptop")
    with CaseFile.create(tmp_path / "theirs.casefile", title="Theirs", actor="ilya") as theirs:
        _filled(theirs)
        bundle = dump_bundle(theirs, tmp_path / "theirs.zip")
    monkeypatch.setenv("CASEFILE_DEVICE_ID", DEVICE)
    target = tmp_path / "mine.casefile"
    CaseFile.create(target, title="Mine", actor="maria").close()
    assert main(["import", str(target), str(bundle)]) == 0
    with CaseFile.open(target) as mine, mine._store.read() as s:
        rows = list(s.scalars(select(kind("source"))))
        assert {(r.version, r.changed_by, r.changed_device) for r in rows} == {
            (1, getpass.getuser(), DEVICE)}
    # An export takes a draft version (a record of its own), signed the same way.
    with CaseFile.open(target, actor="maria") as mine:
        draft = mine.drafts.create(headline="Timber", body="Exports fell.")
    assert main(["export", str(target), "--out", str(tmp_path / "story.docx")]) == 0
    with CaseFile.open(target) as mine, mine._store.read() as s:
        [version] = s.scalars(select(DraftVersion))
        assert (version.version, version.changed_by, version.changed_device) == (
            1, getpass.getuser(), DEVICE)
        kept = stamp_of(mine, kind("draft"), draft.uuid)
        assert (kept.version, kept.changed_by) == (1, "maria")  # the draft is as it was


# -- what each path reports -------------------------------------------------------------------


def test_changes_name_what_trash_restore_purge_and_tags_touched(vcase: CaseFile) -> None:
    interview = vcase.interviews.create(title="Petrov", transcript="We shipped forty trucks.")
    quote = vcase.quotes.create(interview=interview.uuid, text="forty trucks",
                                span_start=11, span_end=23)
    trashed = vcase.apply(Trash("interview", interview.uuid))
    [entry] = vcase.trash.entries()
    assert {Touched("interview", interview.uuid), Touched("quote", quote.uuid)} <= \
        trashed.updated
    assert Touched("trash", entry.uuid) in trashed.created

    restored = vcase.apply(Restore(entry.uuid))
    assert {Touched("interview", interview.uuid), Touched("quote", quote.uuid)} <= \
        restored.updated
    assert Touched("trash", entry.uuid) in restored.deleted

    vcase.apply(Trash("interview", interview.uuid))
    [entry] = vcase.trash.entries()
    purged = vcase.apply(Purge(entry.uuid))
    assert {Touched("interview", interview.uuid), Touched("quote", quote.uuid),
            Touched("trash", entry.uuid)} <= purged.deleted
    assert not purged.updated

    src = vcase.sources.create(name="Yuri Petrov")
    tagged = vcase.apply(SetTag("source", src.uuid, "follow up"))
    [tag] = vcase.tags.page()
    assert Touched("source", src.uuid) in tagged.updated
    assert Touched("tag", tag.uuid) in tagged.created
    untagged = vcase.apply(SetTag("source", src.uuid, "follow up", on=False))
    # The tag is reported as touched (not changed: no version bump), so a tag pane
    # counts again on a tagging only, never on an edit of the record's fields.
    assert untagged.updated == {Touched("source", src.uuid), Touched("tag", tag.uuid)}
    assert vcase.tags.get(tag.uuid).version == tag.version
    created = vcase.apply(Create("source", {"name": "Artyom Belov"}))
    assert created.kinds == {"source"}


def test_audit_lines_are_written_by_one_function(vcase: CaseFile) -> None:
    """Every line — the session's, trash's, restore's, purge's, an import's — carries the
    store's actor (they are all written by `audit()`)."""
    src = vcase.sources.create(name="Yuri Petrov")
    entry = vcase.trash.delete(vcase.sources.get(src.uuid))
    vcase.trash.restore(entry.uuid)
    entry = vcase.trash.delete(vcase.sources.get(src.uuid))
    vcase.trash.purge(entry.uuid)
    actions = [(e.action, e.actor) for e in vcase.audit.entries(limit=100)]
    assert {a for a, _ in actions} >= {"create", "trash", "restore", "purge"}
    assert {who for _, who in actions} == {"maria"}


# -- the device id ----------------------------------------------------------------------------


def test_the_device_id_is_random_kept_and_overridable(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile import device

    monkeypatch.delenv(device.ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    device.forget()
    try:
        first = device.device_id()
        assert device.config_path().read_text(encoding="utf-8").strip() == first
        device.forget()
        assert device.device_id() == first  # kept across runs
        # Random, not the machine's: not its MAC address, and a fresh one each install.
        assert f"{uuid.getnode():012x}" not in first
        assert device.new_id() != first
        monkeypatch.setenv(device.ENV, "newsroom-laptop-7")
        assert device.device_id() == "newsroom-laptop-7"
        monkeypatch.setenv(device.ENV, "not\nan id")  # a line of text is not an id
        assert device.device_id() == first
        # A config folder that cannot be written: one id for this process, none stored.
        monkeypatch.delenv(device.ENV)
        blocked = tmp_path / "blocked"
        blocked.write_text("a file where the folder should be", encoding="utf-8")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))
        device.forget()
        own = device.device_id()
        assert own != first and device.device_id() == own
        # A damaged stored id is replaced.
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        device.config_path().write_text("\x00garbage\n", encoding="utf-8")
        device.forget()
        fresh = device.device_id()
        assert fresh != first and device.config_path().read_text().strip() == fresh
    finally:
        device.forget()


def test_the_store_signs_with_its_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setenv("CASEFILE_DEVICE_ID", "desk-a")
    path = tmp_path / "c.casefile"
    with CaseFile.create(path, title="Devices", actor="maria") as case:
        src = case.sources.create(name="Yuri Petrov")
        assert case._store.device == "desk-a"
    monkeypatch.setenv("CASEFILE_DEVICE_ID", "desk-b")
    with CaseFile.open(path, actor="ilya") as case:
        case.sources.update(src.uuid, notes="from the other desk")
        got = stamp_of(case, kind("source"), src.uuid)
    assert (got.version, got.changed_by, got.changed_device) == (2, "ilya", "desk-b")


# -- any sequence of edits ----------------------------------------------------------------------

_OPS = st.lists(st.one_of(
    st.tuples(st.just("notes"), st.sampled_from(["", "met", "met twice"])),
    st.tuples(st.just("tag"), st.sampled_from(["a", "b"])),
    st.tuples(st.just("untag"), st.sampled_from(["a", "b"])),
    st.tuples(st.just("trash"), st.none()),
    st.tuples(st.just("restore"), st.none()),
), max_size=8)


@settings(max_examples=20, deadline=None)
@given(ops=_OPS)
def test_the_version_counts_exactly_the_changes_that_happened(ops: list[tuple[str, Any]]
                                                              ) -> None:
    """Whatever mix of edits, tags and trips to the trash a record goes through, its version
    is 1 plus the number of them that changed it; the ones that changed nothing (the same
    notes again, a tag it has, a tag it lacks taken off) count for nothing."""
    with tempfile.TemporaryDirectory() as folder:
        case = CaseFile.create(Path(folder) / "h.casefile", title="H", actor="maria")
        try:
            src = case.sources.create(name="Yuri Petrov")
            expected, notes, tags, entry = 1, "", set(), None
            for op, arg in ops:
                if op == "notes" and entry is None:
                    case.sources.update(src.uuid, notes=arg)
                    expected += arg != notes
                    notes = arg
                elif op == "tag" and entry is None:
                    case.tags.tag(case.sources.get(src.uuid), arg)
                    expected += arg not in tags
                    tags.add(arg)
                elif op == "untag" and entry is None:
                    case.tags.untag(case.sources.get(src.uuid), arg)
                    expected += arg in tags
                    tags.discard(arg)
                elif op == "trash" and entry is None:
                    entry = case.trash.delete(case.sources.get(src.uuid)).uuid
                    expected += 1
                elif op == "restore" and entry is not None:
                    case.trash.restore(entry)
                    entry = None
                    expected += 1
            assert stamp_of(case, kind("source"), src.uuid).version == expected
        finally:
            case.close()


def test_a_record_made_and_changed_in_one_unit_of_work_is_at_version_1(tmp_path: Path) -> None:
    from casefile import CaseFile

    with CaseFile.create(tmp_path / "v.casefile", title="T") as case:
        with case._store.write():
            a = case.sources.create(name="A")
            case.sources.update(a.uuid, notes="n")
        with case._store.write():
            b = case.sources.create(name="B")
            case.tags.tag(b, "t")
        assert case.sources.get(a.uuid).version == 1
        assert case.sources.get(b.uuid).version == 1
        case.sources.update(a.uuid, notes="again")
        assert case.sources.get(a.uuid).version == 2


def test_apply_returns_its_own_changes_when_a_subscriber_writes(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from casefile import CaseFile
    from casefile.commands import Update

    with CaseFile.create(tmp_path / "s.casefile", title="T") as case:
        src = case.sources.create(name="Source")
        other = case.sources.create(name="Other")
        seen: list[Changes] = []

        def writing(changes: Changes) -> None:
            seen.append(changes)
            if changes.touched("source", src.uuid):
                case.sources.update(other.uuid, notes=f"seen {len(seen)}")

        case.subscribe(writing)
        returned = case.apply(Update("source", src.uuid, {"notes": "edited"}))
        assert returned.touched("source", src.uuid)
        assert not returned.touched("source", other.uuid)
        # The subscriber's own write was delivered after, not inside, the first report.
        assert [c.touched("source", other.uuid) for c in seen] == [False, True]

        def always(changes: Changes) -> None:  # a subscriber that writes on every change
            case.sources.update(other.uuid, notes=f"again {other.uuid} {len(seen)}")
            seen.append(changes)

        from casefile.db.session import MAX_ROUNDS

        before = case.sources.get(other.uuid).version
        case.subscribe(always)
        case.sources.update(src.uuid, notes="once more")  # stopped, not recursing forever
        # One round per delivery, each writing at most twice (both subscribers).
        assert 0 < case.sources.get(other.uuid).version - before <= 2 * MAX_ROUNDS
        assert "kept writing" in caplog.text
