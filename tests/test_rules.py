"""Each rule once: the services and the bundle loader refuse the same values through the
same rule functions (casefile.services.rules), and every file and preview goes into a case
through one place (casefile.services.blobs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from casefile import BundleError, CaseFile, ValidationError
from casefile.bundle import import_bundle
from casefile.models import Blob, Thumbnail
from casefile.services import rules
from casefile.services.blobs import blob_row, preview_rows
from tests.conftest import jpeg_bytes

U = "00000000-0000-4000-8000-0000000000{:02x}".format


def _doc(**lists: Any) -> dict[str, Any]:
    return {"format": "casefile-bundle", "format_version": 1, "case": {"title": "T"}, **lists}


def _problems(case: CaseFile, tmp_path: Path, doc: dict[str, Any]) -> list[str]:
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BundleError) as info:
        import_bundle(case, path)
    return info.value.problems


# (what the service is asked, the message it refuses with, a bundle breaking the same rule,
# the problem the loader lists)
SAME_RULE = {
    "a team member without a name": (
        lambda c: c.team.create(name="  "), "team member: name is required",
        _doc(team=[{"uuid": U(1), "name": "  "}]), "team[0].name: name is required"),
    "a byline position of 0": (
        lambda c: c.team.create(name="Anna", byline_position=0),
        "team member: a byline position counts from 1",
        _doc(team=[{"uuid": U(1), "name": "Anna", "byline_position": 0}]),
        "team[0].byline_position: a byline position counts from 1"),
    "a source without a name": (
        lambda c: c.sources.create(name=""), "source: name is required",
        _doc(sources=[{"uuid": U(2), "name": ""}]), "sources[0].name: name is required"),
    "a confidential source without a phrase": (
        lambda c: c.sources.create(name="Oksana", ground_rules="confidential"),
        "need a pseudonym or attribution phrase",
        _doc(sources=[{"uuid": U(2), "name": "Oksana", "ground_rules": "confidential"}]),
        "sources[0].attribution_phrase: required for a source under ground rules"),
    "a NUL in a text": (
        lambda c: c.sources.create(name="Yuri\x00"), "source: name contains a NUL character",
        _doc(sources=[{"uuid": U(2), "name": "Yuri\x00"}]),
        "sources[0].name: contains a NUL character"),
    "evidence with no target": (
        lambda c: c.evidence.create(claim=c.claims.create(statement="S").uuid),
        "evidence link: give exactly one of",
        _doc(claims=[{"uuid": U(3), "statement": "S",
                      "evidence": [{"uuid": U(4)}]}]),
        "claims[0].evidence[0]: give exactly one of"),
}


@pytest.mark.parametrize("name", list(SAME_RULE))
def test_the_service_and_the_bundle_refuse_by_the_same_rule(case: CaseFile, tmp_path: Path,
                                                             name: str) -> None:
    ask, refusal, doc, problem = SAME_RULE[name]
    with pytest.raises(ValidationError, match=refusal.replace("(", r"\(")):
        ask(case)
    problems = _problems(case, tmp_path, doc)
    assert any(p.startswith(problem) for p in problems), problems


def test_a_quote_span_is_judged_alike(case: CaseFile, tmp_path: Path) -> None:
    iv = case.interviews.create(title="Yard", transcript="Forty trucks a week.")
    with pytest.raises(ValidationError, match="outside the transcript"):
        case.quotes.mark(iv.uuid, 5, 500)
    interview = {"uuid": U(5), "title": "Yard", "transcript": "Forty trucks a week.",
                 "quotes": [{"uuid": U(6), "text": "Forty", "span": {"start": 0, "end": 500}},
                            {"uuid": U(7), "text": "Fifty", "span": {"start": 0, "end": 5}},
                            {"uuid": U(8), "text": "", "span": {"start": 3, "end": 3}}]}
    problems = _problems(case, tmp_path, _doc(interviews=[interview]))
    assert any(p.startswith("interviews[0].quotes[0].span: end 500 beyond") for p in problems)
    assert any(p.startswith("interviews[0].quotes[1].text: does not match") for p in problems)
    assert any(p.startswith("interviews[0].quotes[2].span: start 3 must be before end 3")
               for p in problems), problems


@pytest.mark.parametrize(("start", "end", "length", "expected"), [
    (0, 5, 5, None), (0, 6, 5, "beyond"), (-1, 2, 5, "beyond"), (3, 3, 5, "reversed"),
    (4, 2, 5, "reversed"), (None, 2, 5, "beyond")])
def test_span_problem(start: int | None, end: int | None, length: int,
                      expected: str | None) -> None:
    assert rules.span_problem(start, end, length) == expected


def test_text_problem_takes_every_bad_string_and_no_good_one() -> None:
    assert rules.text_problem("plain") is None
    assert rules.text_problem("Петров — «да»") is None
    assert rules.text_problem("a\x00b") == rules.NUL
    assert rules.text_problem("\ud800") == rules.LONE_SURROGATE
    assert rules.text_problem("Пе\ud800") == rules.LONE_SURROGATE


def test_the_phrase_rule_takes_enum_values_text_and_nothing() -> None:
    assert rules.needs_attribution_phrase("background", " ")
    assert not rules.needs_attribution_phrase("background", "a customs broker")
    assert not rules.needs_attribution_phrase(None, "")
    assert not rules.needs_attribution_phrase("on_record", None)


def test_evidence_targets_rule() -> None:
    assert rules.evidence_target_problem({"quote": "x"}) is None
    assert rules.evidence_target_problem({}) == rules.ONE_EVIDENCE_TARGET
    assert rules.evidence_target_problem({"quote": "x", "photo": "y"}) is not None


# -- files and previews go in through one place -------------------------------------------

def _counts(case: CaseFile) -> tuple[int, int]:
    with case._store.read() as s:
        return (int(s.scalar(select(func.count()).select_from(Blob)) or 0),
                int(s.scalar(select(func.count()).select_from(Thumbnail)) or 0))


def test_the_same_bytes_are_stored_once_whichever_way_they_come(case: CaseFile,
                                                                tmp_path: Path) -> None:
    data = jpeg_bytes()
    photo = case.photos.add(data, "yard.jpg")
    blobs, thumbs = _counts(case)
    assert blobs == 1 and thumbs >= 1
    iv = case.interviews.create(title="Yard")
    case.interviews.attach(iv.uuid, data, "yard-again.jpg")
    doc = case.documents.create(title="Ledger")
    case.documents.attach_file(doc.uuid, data, "scan.jpg")
    assert _counts(case) == (blobs, thumbs)  # one blob, its previews once
    assert case.photos.thumbnail(photo.uuid)  # previews still served from the cache


def test_the_bulk_rows_are_the_services_rows() -> None:
    row = blob_row(b"abc", None)
    assert row["media_type"] == "application/octet-stream" and row["size"] == 3
    assert row["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert blob_row(b"abc", "text/plain", "given")["sha256"] == "given"  # hashed once
    previews = [(256, 4, 3, b"a"), (1024, 8, 6, b"b")]
    assert [r["max_side"] for r in preview_rows(7, previews, have=[256])] == [1024]
    assert preview_rows(7, previews, have=[256, 1024]) == []
