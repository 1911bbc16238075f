"""The published bundle schema is as strict as import (issue 20, "The bundle's own docs").

Every dump the suite can make is checked by an independent validator — `jsonschema` with its
own format checker, whose `date-time` is rfc3339-validator's, not Casefile's — and hostile
bundles are refused alike by that validator and by import's own rules. Import's first step is
this schema (`read_bundle` -> `schema_problems`), so "import refuses it" is judged with that
step switched off: otherwise every schema refusal would be an import refusal by construction.
Where the schema is deliberately stricter than import's own rules, the test names the case
(SCHEMA_ONLY) and docs/bundle-format.md says so.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import casefile.bundle.load
from casefile import BundleError, CaseFile
from casefile.bundle import dump_bundle, import_bundle, to_document
from casefile.bundle.schema import load_schema
from casefile.bundle.schema_check import schema_problems
from casefile.redaction import RedactionPolicy
from casefile.resources import sample_bundle
from casefile.sample import create_sample_case

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = load_schema()
STRICT = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
LOOSE = Draft202012Validator(SCHEMA)  # no format assertions: the pattern alone


def strict_problems(doc: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in STRICT.iter_errors(doc)]


def test_the_independent_validator_really_checks_date_times() -> None:
    # rfc3339-validator installed: without it jsonschema skips "date-time" silently.
    assert "date-time" in Draft202012Validator.FORMAT_CHECKER.checkers
    moment = SCHEMA["$defs"]["claim"]["properties"]["created_at"]
    assert {"format": "date-time"} in moment["anyOf"]
    assert Draft202012Validator(moment, format_checker=Draft202012Validator.FORMAT_CHECKER
                                ).is_valid("2024-02-29T10:00:00+00:00")
    # 2026 has no February 29th: the format alone says so (so the check is real) ...
    formats_only = Draft202012Validator({"format": "date-time"},
                                        format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert formats_only.is_valid("2024-02-29T10:00:00+00:00")
    assert not formats_only.is_valid("2026-02-29T10:00:00+00:00")
    # ... and so does the schema's pattern, for a validator with formats off and for a time
    # to the minute, which RFC 3339 (the format) has no form for.
    for text in ("2026-02-29T10:00:00+00:00", "2026-02-29T10:00Z", "2100-02-29T10:00Z"):
        assert not Draft202012Validator(moment).is_valid(text), text
    for text in ("2024-02-29T10:00Z", "2000-02-29T10:00:00Z", "2026-11-27T22:59+00:00"):
        assert Draft202012Validator(moment).is_valid(text), text


def test_blank_is_what_python_strips_for_either_validator() -> None:
    name = SCHEMA["$defs"]["source"]["properties"]["name"]
    python, compiled = Draft202012Validator(name), jsonschema_rs.Draft202012Validator(name)
    spaces = [chr(c) for c in range(0x3100) if chr(c).isspace()]  # none lies above
    assert len(spaces) == 29
    for ch in spaces:
        assert not python.is_valid(ch * 2) and not compiled.is_valid(ch), hex(ord(ch))
    for text in ("\ufeff", "\u200b", " x "):  # ECMA-262 calls U+FEFF a space; Python not
        assert python.is_valid(text) and compiled.is_valid(text), repr(text)


# -- every dump the suite can make --------------------------------------------------------

def _bundle_json(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        doc: dict[str, Any] = json.loads(zf.read("bundle.json"))
    return doc


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Dumps of the sample case (complete and shared), of every older-format fixture after
    its migration, and of the v10 fixture made to hold everything: draft versions, review
    comments, a house style, the trash, local times with and without an offset."""
    folder = tmp_path_factory.mktemp("dumps")
    out: dict[str, dict[str, Any]] = {}
    with create_sample_case(folder / "sample.casefile", actor="tester") as sample:
        sample.trash.delete(sample.sources.create(name="Will be trashed"))
        out["sample"] = _bundle_json(dump_bundle(sample, folder / "sample.zip"))
        out["sample shared"] = _bundle_json(
            dump_bundle(sample, folder / "shared.zip", RedactionPolicy()))
        json_form = dump_bundle(sample, folder / "folder.json")
        out["sample folder form"] = json.loads(json_form.read_text(encoding="utf-8"))
    for fixture in sorted(FIXTURES.glob("v*.casefile")):
        copy_path = folder / fixture.name
        shutil.copy(fixture, copy_path)
        with CaseFile.open(copy_path, actor="tester") as case:
            if fixture.name == "v10.casefile":
                _add_everything(case)
                out[fixture.stem] = _bundle_json(dump_bundle(case, folder / "v10.zip"))
                out["v10 zip"] = {"path": str(folder / "v10.zip")}
            else:
                out[fixture.stem] = to_document(case)[0]
    return out


def _add_everything(case: CaseFile) -> None:
    tver = timezone(timedelta(hours=3))
    lmt = timezone(timedelta(hours=5, minutes=53, seconds=28))  # a zone's old mean time
    case.interviews.create(title="Naive clock", held_at=datetime(2026, 11, 3, 9, 15))
    case.interviews.create(title="Tver", held_at=datetime(2026, 11, 4, 14, 30, tzinfo=tver))
    case.interviews.create(title="Mean time", held_at=datetime(1899, 5, 1, 8, 0, tzinfo=lmt))
    case.requests.create(subject="Toll figures", source=case.sources.page()[0].uuid,
                         asked_at=datetime(2026, 11, 5, 10, 0, tzinfo=tver),
                         deadline=datetime(2026, 11, 7, 18, 0))
    draft = case.drafts.page()[0]
    case.drafts.snapshot(draft.uuid, "before the editor's pass")


def test_the_fixture_dump_holds_every_member_the_docs_describe(
        dumps: dict[str, dict[str, Any]]) -> None:
    doc = dumps["v10"]
    assert doc["case"]["house_style"] == {"courtesy_titles": False, "verb": "says",
                                          "date_style": "uk"}
    assert any(d["versions"] for d in doc["drafts"])
    assert any(d["review_comments"] for d in doc["drafts"])
    assert doc["trash"] and any("trash" in s for s in doc["sources"])
    held = {i["title"]: i["held_at"] for i in doc["interviews"]}
    assert held["Naive clock"] == "2026-11-03T09:15:00"
    assert held["Tver"] == "2026-11-04T14:30:00+03:00"
    assert held["Mean time"] == "1899-05-01T08:00:00+05:53:28"


@pytest.mark.parametrize("name", ["sample", "sample shared", "sample folder form",
                                  *[f"v{n}" for n in range(1, 11)]])
def test_every_dump_passes_the_independent_validator(dumps: dict[str, dict[str, Any]],
                                                     name: str) -> None:
    assert strict_problems(dumps[name]) == []


def test_the_checked_in_sample_bundle_passes_the_independent_validator() -> None:
    # Written by this code base (`casefile demo` + `dump`, before the schema was made strict):
    # the stricter schema still takes it. Bundles older releases wrote: tests below.
    doc = json.loads(sample_bundle().read_text(encoding="utf-8"))
    assert strict_problems(doc) == []


def _record_count(doc: dict[str, Any]) -> int:
    """The records a bundle holds (children too), as import counts them."""
    def count(node: Any) -> int:
        if isinstance(node, list):
            return sum(count(item) for item in node)
        if isinstance(node, dict) and "uuid" in node:
            return 1 + sum(count(v) for k, v in node.items() if isinstance(v, list))
        return 0
    return sum(count(doc.get(key, [])) for key in doc if key not in ("case", "trash"))


def test_the_fixture_dump_imports_into_an_empty_case(dumps: dict[str, dict[str, Any]],
                                                     tmp_path: Path) -> None:
    # The whole zip, with its photos, documents and attachments.
    bundle = tmp_path / "v10.zip"
    shutil.copy(Path(dumps["v10 zip"]["path"]), bundle)
    doc = _bundle_json(bundle)
    with CaseFile.create(tmp_path / "c.casefile", title="Empty") as target:
        imported = import_bundle(target, bundle)
        assert target.check().ok
        again = to_document(target)[0]
    assert imported == _record_count(doc) > 30
    assert doc["photos"] and doc["documents"]
    for key in ("photos", "documents", "interviews", "claims", "tags", "drafts"):
        assert ({r["uuid"] for r in again[key]} == {r["uuid"] for r in doc[key]}), key
    assert len(again["trash"]) == len(doc["trash"])


# -- hostile bundles: refused by both ----------------------------------------------------

def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def base_doc() -> dict[str, Any]:
    """A small bundle with no files that both the schema and import take."""
    return {
        "format": "casefile-bundle", "format_version": 1,
        "exported_at": "2026-11-27T22:59:01.123456+00:00",
        "case": {"title": "Base", "house_style": {"verb": "says", "outlet": "The Ledger"}},
        "team": [{"uuid": uid(1), "name": "Maria Lindqvist", "byline_position": 1}],
        "sources": [{"uuid": uid(2), "name": "Yuri Petrov"},
                    {"uuid": uid(3), "name": "A broker", "ground_rules": "confidential",
                     "attribution_phrase": "a customs broker"}],
        "interviews": [{"uuid": uid(4), "title": "Yard", "transcript": "Forty trucks a week.",
                        "held_at": "2026-11-03T09:15:00",
                        "quotes": [{"uuid": uid(5), "text": "Forty trucks",
                                    "span": {"start": 0, "end": 12}, "speaker": uid(2)}]}],
        "claims": [{"uuid": uid(6), "statement": "Forty trucks a week cross.",
                    "status": "supported", "checked_at": "2026-11-04T10:00:00Z",
                    "evidence": [{"uuid": uid(7), "quote": uid(5), "relation": "supports"}]}],
        "comment_requests": [{"uuid": uid(8), "subject": "Trucks", "source": uid(2),
                              "claims": [uid(6)], "deadline": "2026-11-07T18:00:00+03:00"}],
        "drafts": [{"uuid": uid(9), "headline": "Trucks", "byline": [uid(1)],
                    "published_on": "2026-11-30",
                    "versions": [{"uuid": uid(10), "actor": "tester", "reason": "saved",
                                  "snapshot": {"headline": "Trucks"},
                                  "created_at": "2026-11-28T00:00:29.350609+00:00"}],
                    "review_comments": [{"uuid": uid(11), "author": "Night editor",
                                         "written_at": "2026-11-20T21:14:00Z",
                                         "text": "Second source?", "claim": uid(6)}]}],
        "tags": [{"uuid": uid(12), "name": "verified", "records": [uid(6)]}],
        "trash": [{"uuid": uid(13), "deleted_at": "2026-11-28T00:00:29.302561+00:00",
                   "record_kind": "source", "record_uuid": uid(14)}],
    }


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


_DELETE = object()
EVIDENCE = ("claims", 0, "evidence", 0)

HOSTILE: dict[str, tuple[tuple[Any, ...], Any]] = {
    "two evidence targets": ((*EVIDENCE, "interview"), uid(4)),
    "no evidence target": ((*EVIDENCE, "quote"), None),
    "a moment without an offset": (("claims", 0, "checked_at"), "2026-11-04T10:00:00"),
    "a moment with a space for T": (("claims", 0, "created_at"), "2026-11-04 10:00:00Z"),
    "February 29th of 2026": (("claims", 0, "checked_at"), "2026-02-29T10:00:00Z"),
    "a 13th month": (("interviews", 0, "held_at"), "2026-13-03T09:15:00"),
    "a leap second": (("case", "created_at"), "2016-12-31T23:59:60Z"),  # Python has none
    "a date for a local time": (("interviews", 0, "held_at"), "2026-11-03"),
    "an hour without minutes": (("claims", 0, "checked_at"), "2026-11-04T10Z"),
    "a moment in ISO 8601's basic form": (("claims", 0, "checked_at"), "20261104T100000Z"),
    "a date for a date-time": (("trash", 0, "deleted_at"), "2026-11-28"),
    "a bad published date": (("drafts", 0, "published_on"), "2026-04-31"),
    "a bad exported_at": (("exported_at",), "yesterday"),
    "a uuid that is not one": (("sources", 0, "uuid"), "not-a-uuid"),
    "an upper-case uuid": (("team", 0, "uuid"), "0000000A-0000-4000-A000-00000000000B"),
    "a reference that is not a uuid": (("interviews", 0, "quotes", 0, "speaker"), "Yuri"),
    "an unknown claim status": (("claims", 0, "status"), "probably"),
    "an unknown trashed kind": (("trash", 0, "record_kind"), "spaceship"),
    "a blank name": (("sources", 0, "name"), "  \u3000"),
    "a byline position of 0": (("team", 0, "byline_position"), 0),
    "a confidential source without a phrase": (("sources", 1, "attribution_phrase"),
                                                _DELETE),
    "a confidential source with a blank phrase": (("sources", 1, "attribution_phrase"),
                                                  "\u00a0"),
    "a request with no source": (("comment_requests", 0, "source"), None),
    "a request missing its source": (("comment_requests", 0, "source"), _DELETE),
    "a house style verb import does not know": (("case", "house_style", "verb"), "shouts"),
    "a house style outlet of two lines": (("case", "house_style", "outlet"), "The\nLedger"),
    "an unknown field on a review comment": (("drafts", 0, "review_comments", 0, "mood"),
                                             "cross"),
}


# Where the schema is deliberately stricter than import's own rules: what import alone does
# with each (docs/bundle-format.md, "The schema, and what only import checks"). "taken": its
# own rules let it in, so the schema is its only guard — time shapes RFC 3339 has no form for
# that `datetime.fromisoformat` parses (earlier imports took them), the `exported_at` it never
# reads, a trashed kind it would have written as given, a key it would have ignored. "fails":
# its code assumes the schema ran and stops on a bare error, writing nothing — a reference or
# uuid that is not a UUID, a value outside an enumeration.
SCHEMA_ONLY: dict[str, str] = {
    "a moment with a space for T": "taken",
    "a date for a local time": "taken",
    "an hour without minutes": "taken",
    "a moment in ISO 8601's basic form": "taken",
    "a bad exported_at": "taken",
    "an unknown trashed kind": "taken",
    "an unknown field on a review comment": "taken",
    "a reference that is not a uuid": "fails",
    "an unknown claim status": "fails",
}


@pytest.fixture(scope="module")
def empty_case_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("empty") / "empty.casefile"
    CaseFile.create(path, title="Target", actor="tester").close()
    return path.read_bytes()


def import_problems(doc: dict[str, Any], folder: Path, empty: bytes) -> list[str] | None:
    """What import says of `doc` (None: it was imported) — the case unchanged if refused."""
    bundle = folder / "b.json"
    bundle.write_text(json.dumps(doc), encoding="utf-8")
    target = folder / "target.casefile"
    target.write_bytes(empty)
    with CaseFile.open(target, actor="tester") as case:
        before = to_document(case)[0]
        try:
            import_bundle(case, bundle)
        except BundleError as exc:
            assert exc.problems
            after = to_document(case)[0]
            assert {**after, "exported_at": ""} == {**before, "exported_at": ""}
            return exc.problems
    return None


def import_alone(doc: dict[str, Any], folder: Path, empty: bytes) -> str:
    """What import's own rules make of `doc`, its schema step switched off: "taken",
    "refused" (a BundleError with problems) or "fails" (any other error) — the case unchanged
    unless taken."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(casefile.bundle.load, "schema_problems", lambda _doc: [])
        try:
            problems = import_problems(doc, folder, empty)
        except BundleError:
            raise
        except Exception:  # noqa: BLE001 - what the test is about
            fresh = folder / "fresh.casefile"
            fresh.write_bytes(empty)
            assert _contents(folder / "target.casefile") == _contents(fresh)
            return "fails"
    return "taken" if problems is None else "refused"


def _contents(path: Path) -> dict[str, Any]:
    with CaseFile.open(path, actor="tester") as case:
        return {**to_document(case)[0], "exported_at": ""}


def test_the_base_bundle_passes_both(tmp_path: Path, empty_case_bytes: bytes) -> None:
    doc = base_doc()
    assert strict_problems(doc) == []
    assert import_problems(doc, tmp_path, empty_case_bytes) is None


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_bundle_is_refused_by_the_schema_and_by_import(
        name: str, tmp_path: Path, empty_case_bytes: bytes) -> None:
    path, value = HOSTILE[name]
    doc = _set(base_doc(), path, value)
    assert strict_problems(doc), f"the schema takes {name}"
    assert import_problems(doc, tmp_path, empty_case_bytes) is not None, f"import takes {name}"
    # Import's own rules, without the schema step: they refuse it too, or it is one of the
    # named exceptions and import alone does just what SCHEMA_ONLY says (so the list is
    # exact: an exception that stops being one fails here too).
    assert import_alone(doc, tmp_path, empty_case_bytes) == SCHEMA_ONLY.get(name, "refused")


@pytest.mark.parametrize(("name", "expected"), [
    ("two evidence targets", "claims[0].evidence[0]: give exactly one of quote, excerpt,"),
    ("a moment without an offset", "claims[0].checked_at: '2026-11-04T10:00:00' is not an "
                                   "ISO 8601 date-time with a time zone offset"),
    ("February 29th of 2026", "claims[0].checked_at: '2026-02-29T10:00:00Z' is not an ISO"),
    ("a 13th month", "interviews[0].held_at: '2026-13-03T09:15:00' is not an ISO 8601"),
    ("a uuid that is not one", "sources[0].uuid: 'not-a-uuid' is not a UUID"),
    ("a blank name", "sources[0].name: name is required"),
    ("a byline position of 0", "team[0].byline_position: a byline position counts from 1"),
    ("a confidential source without a phrase",
     "sources[1].attribution_phrase: required for a source under ground rules "
     "'confidential'"),
    ("a request missing its source",
     "comment_requests[0].source: a comment request needs its source"),
    ("an unknown claim status", "claims[0].status: 'probably' is not one of"),
])
def test_the_schema_refuses_in_the_words_import_uses(name: str, expected: str, tmp_path: Path,
                                                     empty_case_bytes: bytes) -> None:
    path, value = HOSTILE[name]
    problems = import_problems(_set(base_doc(), path, value), tmp_path, empty_case_bytes)
    assert problems is not None
    assert any(p.startswith(expected) for p in problems), problems
    assert len(problems) == 1, problems  # one problem, said once


def test_times_older_casefiles_wrote_are_all_still_taken(tmp_path: Path,
                                                         empty_case_bytes: bytes) -> None:
    doc = base_doc()
    doc["interviews"][0]["held_at"] = "1899-05-01T08:00:00+05:53:28"  # Python's LMT offset
    doc["claims"][0]["checked_at"] = "2026-11-04T10:00:00.5+00:00"
    doc["comment_requests"][0]["deadline"] = "2026-11-07T18:00:00.123456"
    assert strict_problems(doc) == []
    assert import_problems(doc, tmp_path, empty_case_bytes) is None


@pytest.mark.parametrize("value", ["2026-11-03T09:15", "2026-11-27T22:59+00:00",
                                   "2026-11-27T22:59Z", "2024-02-29T22:59-05:00"])
def test_a_time_to_the_minute_is_taken_as_the_old_docs_allowed(
        value: str, tmp_path: Path, empty_case_bytes: bytes) -> None:
    # ISO 8601 (all the earlier docs asked for) has it, RFC 3339 has not; import has always
    # parsed it. Taken for a moment and for a local time, by the schema, by the independent
    # validator with formats on, by the compiled one, and by import.
    doc = base_doc()
    doc["interviews"][0]["held_at"] = value
    if not value.endswith(("T09:15", "22:59")):  # a moment needs its offset
        doc["exported_at"] = doc["claims"][0]["checked_at"] = value
    assert strict_problems(doc) == []
    assert jsonschema_rs.Draft202012Validator(SCHEMA, validate_formats=True).is_valid(doc)
    assert import_problems(doc, tmp_path, empty_case_bytes) is None
    with CaseFile.open(tmp_path / "target.casefile", actor="tester") as case:
        held = to_document(case)[0]["interviews"][0]["held_at"]
    assert held == datetime.fromisoformat(value).isoformat()  # stored with its seconds


# -- the other way round: what the schema refuses, import's own rules refuse -------------
#
# Each value keeps the JSON type the base bundle has at its place: a value of the wrong type
# is the schema's alone to refuse (import's code takes the structure as checked).

VALUES = [
    0, -1, 3, "", " ", "x", "2026-11-04T10:00:00", "2026-11-04T10:00:00Z",
    "2026-02-29T10:00:00+03:00", "2026-11-04", "2026-11-04T10:00", "2026-11-04 10:00:00Z",
    uid(99), uid(2), uid(6), "supports", "confidential", "on_record", "pending", "source",
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


SCALAR_PATHS = [p for p in list(_paths(base_doc()))[1:]
                if isinstance(_at(base_doc(), p), (str, int))]
MUTATIONS = [(p, v) for p in SCALAR_PATHS for v in VALUES
             if type(v) is type(_at(base_doc(), p)) and v != _at(base_doc(), p)]


def expected_alone(path: tuple[Any, ...], value: Any, words: list[str]) -> set[str]:
    """What import alone may do with a bundle the schema refuses (SCHEMA_ONLY's rules)."""
    if path in {("format",), ("format_version",), ("exported_at",), ("case", "title")} or \
            path[0] == "trash" and path[-1] == "record_kind":
        return {"taken"}  # the bundle's identity, a member import never reads, an empty title
    if any(" is not an ISO 8601 date-time" in w for w in words):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return {"refused"}
        local = not any("with a time zone offset" in w for w in words)
        return {"taken"} if local or parsed.tzinfo else {"refused"}
    if any(" is not a UUID" in w or " is not one of " in w for w in words):
        return {"refused", "fails"}
    return {"refused"}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=st.sampled_from(MUTATIONS))
def test_whatever_the_schema_refuses_import_refuses(mutation: tuple[tuple[Any, ...], Any],
                                                    tmp_path_factory: pytest.TempPathFactory,
                                                    empty_case_bytes: bytes) -> None:
    path, value = mutation
    doc = _set(base_doc(), path, value)
    if strict_problems(doc):
        words = schema_problems(doc)
        outcome = import_alone(doc, tmp_path_factory.mktemp("m"), empty_case_bytes)
        assert outcome in expected_alone(path, value, words), (path, value, words)


# -- records Hypothesis makes through the services -----------------------------------------

OFFSETS = st.one_of(st.none(), st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))), st.just(UTC))
TIMES = st.builds(lambda d, tz: d.replace(tzinfo=tz),
                  st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
                  OFFSETS)
NAMES = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
                max_size=12).filter(lambda s: s.strip())


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, rules=st.sampled_from(["on_record", "background", "confidential",
                                          "off_record"]),
       held=st.one_of(st.none(), TIMES), asked=st.one_of(st.none(), TIMES),
       status=st.sampled_from(["unverified", "supported", "disputed"]))
def test_records_hypothesis_makes_dump_to_what_the_schema_takes(
        name: str, rules: str, held: datetime | None, asked: datetime | None, status: str,
        tmp_path_factory: pytest.TempPathFactory, empty_case_bytes: bytes) -> None:
    folder = tmp_path_factory.mktemp("h")
    (folder / "c.casefile").write_bytes(empty_case_bytes)
    with CaseFile.open(folder / "c.casefile", actor="tester") as case:
        source = case.sources.create(name=name, ground_rules=rules,
                                     attribution_phrase="a port official")
        interview = case.interviews.create(title=name, transcript=f"{name} said it.",
                                           held_at=held, interviewees=[source.uuid])
        quote = case.quotes.mark(interview.uuid, 0, len(name))
        claim = case.claims.create(statement=f"{name} said it.", status=status)
        case.evidence.create(claim=claim.uuid, quote=quote.uuid)
        case.requests.create(subject=name, source=source.uuid, asked_at=asked)
        case.trash.delete(case.team.create(name=name))
        doc = json.loads(dump_bundle(case, folder / "b.json").read_text(encoding="utf-8"))
    assert strict_problems(doc) == []
    assert import_problems(doc, folder, empty_case_bytes) is None


# -- bundles older releases wrote ----------------------------------------------------------

OLD_BUNDLES = sorted((FIXTURES / "bundles").glob("*.zip"))


def test_the_old_release_bundles_are_checked_in() -> None:
    assert [p.name for p in OLD_BUNDLES] == ["7df6aee.zip", "9a80d77.zip"]


@pytest.mark.parametrize("bundle", OLD_BUNDLES, ids=[p.stem for p in OLD_BUNDLES])
def test_a_bundle_an_older_release_wrote_validates_and_imports(bundle: Path,
                                                               tmp_path: Path) -> None:
    doc = _bundle_json(bundle)
    assert strict_problems(doc) == []
    assert jsonschema_rs.Draft202012Validator(SCHEMA, validate_formats=True).is_valid(doc)
    with CaseFile.create(tmp_path / "c.casefile", title="Empty", actor="tester") as target:
        imported = import_bundle(target, bundle)
        assert target.check().ok
        again = to_document(target)[0]
    assert imported == _record_count(doc) > 30
    for key in ("sources", "interviews", "photos", "documents", "claims", "drafts"):
        assert {r["uuid"] for r in again[key]} == {r["uuid"] for r in doc.get(key, [])}, key
