"""The core hands out data: every public call returns read models, never an ORM object, and
nothing read from them afterwards can fail because a session closed."""

from __future__ import annotations

import dataclasses
import inspect as pyinspect
import typing
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from casefile import CaseFile
from casefile.db.base import Base
from casefile.errors import CaseFileError, RecordNotFoundError
from casefile.read_models import (
    DraftData,
    InterviewData,
    QuoteData,
    ReadModel,
    SourceData,
)
from casefile.read_models.build import _data_classes

SERVICES = ("team", "sources", "interviews", "quotes", "documents", "excerpts", "photos",
            "claims", "evidence", "requests", "drafts", "tags")


def orm_classes() -> list[type[Any]]:
    return [m.class_ for m in Base.registry.mappers]


def test_every_mapped_column_and_relationship_has_its_field() -> None:
    data = _data_classes()
    # Never handed out; the merge's bookkeeping leaves as casefile.sync's ConflictData and
    # PeerData, built from Core rows.
    skipped = {"Tagging", "RecordCount", "Thumbnail", "SyncReplica", "SyncPeer", "SyncBase",
               "MergeConflict"}
    for model in orm_classes():
        if model.__name__ in skipped:
            continue
        assert model.__name__ in data, f"{model.__name__} has no read model"
        mapper = inspect(model)
        names = {p.key for p in mapper.column_attrs} | {r.key for r in mapper.relationships}
        missing = names - data[model.__name__].FIELDS
        assert not missing, f"{data[model.__name__].__name__} lacks {sorted(missing)}"
        extra = data[model.__name__].FIELDS - names
        assert not extra, f"{data[model.__name__].__name__} has fields no column has: {extra}"


def no_orm(value: Any, where: str, seen: set[int] | None = None, depth: int = 0) -> int:
    """Walk a returned value; fail on any ORM instance; read every field of every read model
    (fetching what was not loaded). Returns how many read models it read."""
    seen = set() if seen is None else seen
    assert not isinstance(value, Base), f"{where} is an ORM object: {type(value).__name__}"
    if id(value) in seen or depth > 4:
        return 0
    seen.add(id(value))
    if isinstance(value, ReadModel):
        count = 1
        for name in sorted(type(value).FIELDS):
            count += no_orm(getattr(value, name), f"{where}.{name}", seen, depth + 1)
        for name, member in pyinspect.getmembers(type(value)):
            if isinstance(member, property):
                no_orm(getattr(value, name), f"{where}.{name}", seen, depth + 1)
        return count
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(no_orm(v, f"{where}[]", seen, depth + 1) for v in value)
    if isinstance(value, dict):
        return sum(no_orm(v, f"{where}{{}}", seen, depth + 1) for v in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(no_orm(getattr(value, f.name), f"{where}.{f.name}", seen, depth + 1)
                   for f in dataclasses.fields(value))
    if isinstance(value, Iterator):
        return sum(no_orm(v, f"{where}()", seen, depth + 1) for v in value)
    return 0


@pytest.fixture()
def case(sample: CaseFile) -> CaseFile:
    return sample


def test_the_three_calls_of_the_issue_return_their_values(case: CaseFile) -> None:
    draft = case.drafts.page()[0]
    quote = case.quotes.page()[0]
    byline = case.drafts.get(draft.uuid).byline
    assert byline and all(b.member.name for b in byline)
    assert case.quotes.get(quote.uuid).matches_transcript in (True, False)
    light = case.interviews.page(light=True)[0]
    assert "transcript" not in light.loaded()
    assert light.transcript == case.interviews.get(light.uuid).transcript != ""


def test_every_public_read_returns_data_that_reads_after_the_unit_of_work(
        case: CaseFile) -> None:
    read = 0
    for name in SERVICES:
        service = getattr(case, name)
        page = service.page(limit=5)
        read += no_orm(page, f"{name}.page()")
        if page:
            read += no_orm(service.get(page[0].uuid), f"{name}.get()")
        if hasattr(service, "long_fields"):
            read += no_orm(service.page(limit=3, light=True), f"{name}.page(light)")
    claim = case.claims.page(limit=1)[0]
    interview = case.interviews.page(limit=1)[0]
    draft = case.drafts.page(limit=1)[0]
    document = case.documents.page(limit=1)[0]
    calls = {
        "info": case.info(), "summary": case.summary(),
        "get_record": case.get_record("source", case.sources.page(limit=1)[0].uuid),
        "team.byline": case.team.byline(),
        "interviews.drifted_quotes": case.interviews.drifted_quotes(interview.uuid),
        "interviews.quote_spans": case.interviews.quote_spans(interview.uuid),
        "claims.summary": case.claims.summary(claim.uuid),
        "claims.summaries": case.claims.summaries(limit=5),
        "claims.rows": list(case.claims.rows()),
        "claims.attribution": case.claims.attribution(claim.uuid),
        "claims.briefs": case.claims.briefs([claim.uuid]),
        "claims.review_comments": case.claims.review_comments(claim.uuid),
        "claims.evidence_lines": case.claims.evidence_lines(claim.uuid),
        "evidence.for_claim": case.evidence.for_claim(claim.uuid),
        "requests.pending": case.requests.pending(),
        "drafts.versions": case.drafts.versions(draft.uuid),
        "drafts.check": case.drafts.check(draft.uuid),
        "drafts.review_comments": case.drafts.review_comments(draft.uuid),
        "excerpts.of_document": case.excerpts.of_document(document.uuid),
        "documents.stored_file": case.documents.stored_file(document.uuid),
        "trash.entries": case.trash.entries(),
        "audit.entries": case.audit.entries(limit=20),
        "search": case.search.search("trucks"),
        "tags.tag": case.tags.tag(claim, "checked"),
    }
    for where, value in calls.items():
        read += no_orm(value, where)
    assert read > 100  # the walk really read records, not empty lists


def test_writes_return_data_too(case: CaseFile) -> None:
    source = case.sources.create(name="Anna Kim", role_title="baker")
    assert isinstance(source, SourceData) and source.name == "Anna Kim"
    updated = case.sources.update(source.uuid, role_title="owner of a bakery")
    assert updated.role_title == "owner of a bakery" and source.role_title == "baker"
    interview = case.interviews.create(title="At the bakery", transcript="We bake at four.",
                                       interviewees=[source.uuid])
    assert isinstance(interview, InterviewData)
    assert [s.name for s in interview.interviewees] == ["Anna Kim"]
    quote = case.quotes.mark(interview.uuid, 0, 16, speaker=source.uuid)
    assert isinstance(quote, QuoteData) and quote.matches_transcript
    assert quote.interview.uuid == interview.uuid and quote.speaker.name == "Anna Kim"
    entry = case.trash.delete(quote)
    no_orm(entry, "trash.delete")
    assert entry.label.startswith('quote "')
    no_orm(case.quotes.page(), "quotes.page() after trash")
    draft = case.drafts.create(headline="Bakeries")
    assert isinstance(draft, DraftData)
    no_orm(case.drafts.snapshot(draft.uuid, "test"), "drafts.snapshot")
    no_orm(case.update_info(summary="A story about bread."), "update_info")


def test_a_read_model_is_frozen_comparable_and_hashable(case: CaseFile) -> None:
    source = case.sources.page(limit=1)[0]
    with pytest.raises(AttributeError, match="read-only"):
        source.name = "someone else"  # type: ignore[misc]
    again = case.sources.get(source.uuid)
    assert again == source and hash(again) == hash(source)
    changed = case.sources.update(source.uuid, notes=source.notes + " (checked)")
    assert changed != source
    assert {again, source} == {source}
    assert source.contacts is not case.sources.get(source.uuid).contacts  # copies, not shared


def test_a_field_read_after_the_record_was_purged_is_a_plain_error(case: CaseFile) -> None:
    interview = case.interviews.create(title="Gone", transcript="words")
    [light] = [i for i in case.interviews.page(light=True, limit=500)
               if i.uuid == interview.uuid]
    entry = case.trash.delete(interview)
    case.trash.purge(entry.uuid)
    with pytest.raises(RecordNotFoundError):
        _ = light.transcript
    assert issubclass(RecordNotFoundError, CaseFileError)


def test_a_field_read_after_the_case_closed_is_a_plain_error(tmp_path: Path) -> None:
    case = CaseFile.create(tmp_path / "c.casefile", title="T")
    case.interviews.create(title="A", transcript="long words")
    [light] = case.interviews.page(light=True)
    case.close()
    with pytest.raises(CaseFileError, match="closed"):
        _ = light.transcript
    assert light.title == "A"  # what was loaded stays readable


def test_quotes_match_their_transcript_in_a_page_without_loading_it(case: CaseFile) -> None:
    iv = case.interviews.create(title="Drift", transcript="Один два три. 한국어 문장.")
    good = case.quotes.mark(iv.uuid, 0, 13)
    hangul = case.quotes.mark(iv.uuid, 14, 21)
    assert hangul.text == "한국어 문장." and hangul.matches_transcript
    case.interviews.update(iv.uuid, transcript="Ноль. Один два три. 한국어 문장.")
    page = {q.uuid: q for q in case.quotes.page(limit=10_000)}
    assert "interview" not in page[good.uuid].loaded()
    assert not page[good.uuid].matches_transcript and not page[hangul.uuid].matches_transcript
    assert "interview" not in page[good.uuid].loaded()  # worked out in SQL, not fetched
    assert {q.uuid for q in case.interviews.drifted_quotes(iv.uuid)} == {good.uuid,
                                                                         hangul.uuid}
    assert case.quotes.get(good.uuid).matches_transcript is False


def public_returns(case: CaseFile) -> Iterator[tuple[str, Any]]:
    """(Owner.method, its return type) of every public method of the case and its services."""
    import casefile.models as models_module

    namespace = {**vars(models_module), "datetime": datetime, "uuid": uuid, "UTC": UTC}
    for owner in [case, *(getattr(case, n) for n in (*SERVICES, "trash", "audit", "blobs",
                                                         "search"))]:
        for name, member in pyinspect.getmembers(type(owner), pyinspect.isfunction):
            if name.startswith("_"):
                continue
            module = pyinspect.getmodule(member)
            hints = typing.get_type_hints(member, {**vars(module), **namespace})
            if "return" in hints:
                yield f"{type(owner).__name__}.{name}", hints["return"]


ORM_NAMES = {c.__name__ for c in orm_classes()}


def _mentions_orm(hint: Any) -> bool:
    if isinstance(hint, type):
        return issubclass(hint, Base)
    return any(_mentions_orm(a) for a in typing.get_args(hint))


def test_no_public_call_is_typed_to_return_an_orm_object(case: CaseFile) -> None:
    """The signatures say it too: a public method of a service or of the case never
    promises an ORM object (mypy holds callers to these types)."""
    offenders = [f"{where} -> {hint}" for where, hint in public_returns(case)
                 if _mentions_orm(hint)]
    assert offenders == []


def test_relationships_read_on_first_access_leave_the_trash_out(case: CaseFile) -> None:
    """A page row's quotes, read after the page, are the live ones, as `get()` shows."""
    interview = next(i for i in case.interviews.page(limit=50)
                     if len(case.interviews.get(i.uuid).quotes) >= 2)
    quote = case.interviews.get(interview.uuid).quotes[0]
    case.trash.delete(quote, cascade=True)
    assert "quotes" not in interview.loaded()
    assert quote.uuid not in {q.uuid for q in interview.quotes}
    assert {q.uuid for q in interview.quotes} == {
        q.uuid for q in case.interviews.get(interview.uuid).quotes}
    claim = next(c for c in case.claims.page(limit=50) if case.evidence.for_claim(c.uuid))
    link = case.evidence.for_claim(claim.uuid)[0]
    case.trash.delete(link)
    assert link.uuid not in {e.uuid for e in claim.evidence}


def test_a_detail_view_reads_its_nested_evidence_and_quotes_without_a_fetch_each(
        case: CaseFile, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.read_models.build import Reader

    fetched: list[str] = []
    real = Reader._fetch

    def counting(self: Reader, made: ReadModel, name: str) -> Any:
        fetched.append(f"{type(made).__name__}.{name}")
        return real(self, made, name)

    monkeypatch.setattr(Reader, "_fetch", counting)
    interview = max(case.interviews.page(limit=50),
                    key=lambda i: len(case.interviews.get(i.uuid).quotes))
    fetched.clear()
    detail = case.interviews.get(interview.uuid)
    assert len(detail.quotes) >= 2
    assert all(q.matches_transcript for q in detail.quotes)
    claim = max(case.claims.page(limit=50), key=lambda c: len(case.evidence.for_claim(c.uuid)))
    detail_claim = case.claims.get(claim.uuid)
    assert [e.target.label for e in detail_claim.evidence]
    quotes = [e.target for e in detail_claim.evidence if isinstance(e.target, QuoteData)]
    assert all(isinstance(q.matches_transcript, bool) for q in quotes)
    assert fetched == []


def test_a_json_list_field_read_later_is_a_value(case: CaseFile) -> None:
    from casefile.read_models.build import Reader

    source = case.sources.page(limit=1)[0]
    reader = Reader(case._store)
    assert reader._fetch(source, "contacts") == case.sources.get(source.uuid).contacts


def test_calls_that_take_a_record_take_its_read_model(case: CaseFile, tmp_path: Path) -> None:
    from casefile.export.docx_draft import export_draft

    source = case.sources.create(name="Someone Else")
    entry = case.trash.delete(source)
    case.trash.restore(entry)  # the entry as handed out, not its UUID
    assert case.sources.get(source).name == "Someone Else"
    draft = case.drafts.page(limit=1)[0]
    result = export_draft(case, draft, tmp_path / "d.docx", profile="clean",
                          allow_blocking=True)
    assert result.path.exists()


# Public calls the generic walk below leaves out: they write files, take long, or need
# arguments a record's UUID cannot stand for (each is walked by a test of its own).
NOT_WALKED = {"open_copy", "thumbnail", "delete", "restore", "purge", "empty", "reanchor",
              "accept_published", "export_csl", "import_csl", "verify", "read", "update",
              "create", "add", "add_file", "attach", "attach_file", "import_files", "mark",
              "remark", "set_published", "set_text", "snapshot", "tag", "untag", "names_for",
              "entries", "missing_thumbnails", "search", "version_as_of", "first_reference",
              "delete_many", "sortable", "page_key", "locate", "position_of", "count", "page",
              "summaries", "rows", "pending", "byline", "briefs",
              "find", "rename", "counts", "names"}  # tags by name, not a record


def test_every_public_call_that_takes_a_record_returns_data(case: CaseFile) -> None:
    """Not a hand-picked list: every public method of every service whose one required
    argument is a record is called with a record of its kind, and what it returns walked
    (a new method is covered the day it is written)."""
    called = []
    for name in SERVICES:
        service = getattr(case, name)
        rows = service.page(limit=1)
        if not rows:
            continue
        for method_name, method in pyinspect.getmembers(service, pyinspect.ismethod):
            if method_name.startswith("_") or method_name in NOT_WALKED:
                continue
            required = [p for p in pyinspect.signature(method).parameters.values()
                        if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD,
                                                              p.POSITIONAL_ONLY)]
            if len(required) != 1:
                continue
            try:
                value = method(rows[0].uuid)
            except CaseFileError:
                continue  # refused for this record: nothing returned
            no_orm(value, f"{name}.{method_name}()")
            called.append(f"{name}.{method_name}")
    for kind in ("source", "interview", "quote", "claim", "document", "photo"):
        record = case.service(kind).page(limit=1)[0]
        no_orm(case.get_record(kind, record.uuid), f"get_record({kind})")
        no_orm(case.references(kind, record.uuid), f"references({kind})")
    assert {"sources.related", "claims.attribution", "drafts.check",
            "interviews.quote_spans", "quotes.wording_difference"} <= set(called)


def test_no_public_call_returns_a_bare_any(case: CaseFile) -> None:
    """`Any` would let an ORM object through unseen by mypy (and by the signature test
    above); a public call says what it returns. Only a list's sort value (PageKey) and
    JSON (CSL items) are open by nature."""
    def bare_any(hint: Any) -> bool:
        return hint is Any or (typing.get_origin(hint) in (typing.Union, type(int | str))
                               and any(a is Any for a in typing.get_args(hint)))

    offenders = [where for where, hint in public_returns(case) if bare_any(hint)]
    assert offenders == []
