"""Hostile text in every text field, in draft bodies with anchors, in CSL-JSON and in search:
huge strings, NUL, lone surrogates, right-to-left marks, control characters. Each is stored
exactly or refused with a CaseFileError — never another exception, never a partial write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile, CaseFileError

NASTY = ["\x00", "\ud800", "\udfff", "\u202e", "\u200f", "\x1b[31m", "\x07", "\r\n", "\ufeff",
         "\U0010ffff", "⟦claim:", "⟦/claim⟧", "⟦photo:x⟧", "'; DROP TABLE sources; --", "%s",
         "ﷺ", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̲͙"]
hostile = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=200),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=6).map("".join),
    st.builds(lambda s, n: s * n, st.sampled_from(["ab", "я", "\u202e"]),
              st.integers(1, 300_000)),
)
FIELDS = [("sources", "name"), ("sources", "notes"), ("sources", "attribution_phrase"),
          ("interviews", "title"), ("interviews", "transcript"), ("documents", "title"),
          ("documents", "publisher"), ("claims", "statement"), ("claims", "notes"),
          ("drafts", "headline"), ("drafts", "body"), ("team", "name")]
SLOW = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> CaseFile:
    case = CaseFile.create(tmp_path_factory.mktemp("hostile") / "c.casefile", title="Hostile")
    case.sources.create(name="Anchor source")
    yield case
    assert case.check().ok
    case.close()


@SLOW
@given(field=st.sampled_from(FIELDS), text=hostile)
def test_every_text_field_stores_exactly_or_refuses_cleanly(shared: CaseFile, field, text) -> None:
    service_name, name = field
    service = getattr(shared, service_name)
    required = {"sources": "name", "interviews": "title", "documents": "title",
                "claims": "statement", "drafts": "headline", "team": "name"}[service_name]
    fields = {required: "Placeholder"} | {name: text}
    count = service.count()
    try:
        record = service.create(**fields)
    except CaseFileError:
        assert service.count() == count  # nothing half-written
        return
    assert getattr(service.get(record.uuid), name) == text


@SLOW
@given(query=hostile)
def test_any_search_input_returns_results_or_nothing(shared: CaseFile, query: str) -> None:
    try:
        hits = shared.search.search(query, limit=5)
    except CaseFileError:
        return
    assert isinstance(hits, list)


@SLOW
@given(items=st.lists(st.dictionaries(
    st.sampled_from(["id", "type", "title", "publisher", "issued", "URL", "author", "note",
                     "container-title", "accessed", "DOI", "page"]),
    st.one_of(hostile, st.integers(), st.none(), st.lists(hostile, max_size=3),
              st.dictionaries(st.sampled_from(["family", "given", "date-parts", "literal"]),
                              st.one_of(hostile, st.lists(st.lists(st.integers(-5, 3000),
                                                                   max_size=3), max_size=2)),
                              max_size=3)),
    max_size=8), max_size=4))
def test_csl_json_imports_item_by_item_or_not_at_all(shared: CaseFile, items,
                                                    tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("csl") / "items.json"
    try:
        path.write_text(json.dumps(items), encoding="utf-8", errors="surrogatepass")
    except UnicodeEncodeError:
        return
    count = shared.documents.count()
    try:
        report = shared.documents.import_csl(path)
    except CaseFileError:
        assert shared.documents.count() == count
        return
    assert shared.documents.count() == count + len(report.created)
    assert len(report.documents) + len(report.skipped) == len(items)


def test_a_huge_transcript_round_trips(tmp_path: Path) -> None:
    text = ("Вопрос: как дела? \u202e" + "слово " * 400_000)[:2_500_000]
    with CaseFile.create(tmp_path / "c.casefile", title="T") as case:
        iv = case.interviews.create(title="Long", transcript=text)
        assert case.interviews.get(iv.uuid).transcript == text
        assert case.search.search("дела")
