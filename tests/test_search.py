"""Full-text search: Latin, Cyrillic and Hangul found; nothing a user types ever raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.search import MARK_END, MARK_START, to_fts_query


@pytest.fixture
def indexed(case: CaseFile) -> CaseFile:
    case.sources.create(name="Yuri Petrov", role_title="timber trader", location="Khabarovsk")
    case.interviews.create(
        title="Рыбаки Сахалина",
        transcript="Мы возили рыбу из Южно-Сахалинска в Корсаков. Цены выросли втрое.")
    case.interviews.create(title="평양 인터뷰",
                           transcript="평양에서 온 상인은 국경 무역이 줄었다고 말했다.")
    case.documents.create(title="Straße und Brücke: Ökonomie", kind="report")
    case.claims.create(statement="Exports to China fell by 38 percent")
    return case


def kinds(case: CaseFile, query: str) -> list[str]:
    return [h.kind for h in case.search.search(query)]


def test_latin_words_and_phrases(indexed: CaseFile) -> None:
    assert kinds(indexed, "timber") == ["source"]
    assert kinds(indexed, '"fell by 38"') == ["claim"]
    assert kinds(indexed, "expor*") == ["claim"]
    assert kinds(indexed, "timber OR exports") == ["source", "claim"] or \
        sorted(kinds(indexed, "timber OR exports")) == ["claim", "source"]


def test_cyrillic_hyphenated_and_case_insensitive(indexed: CaseFile) -> None:
    assert kinds(indexed, "Южно-Сахалинск*") == ["interview"]
    assert kinds(indexed, "Южно-Сахалинска") == ["interview"]
    assert kinds(indexed, "ЦЕНЫ") == ["interview"]


def test_hangul_found_with_attached_particles(indexed: CaseFile) -> None:
    assert kinds(indexed, "평양") == ["interview"]
    assert kinds(indexed, "무역이") == ["interview"]


def test_diacritics_are_folded(indexed: CaseFile) -> None:
    assert kinds(indexed, "okonomie") == ["document"]
    assert kinds(indexed, "brucke") == ["document"]


def test_snippets_mark_the_match(indexed: CaseFile) -> None:
    [hit] = indexed.search.search("Корсаков")
    assert f"{MARK_START}Корсаков{MARK_END}" in hit.snippet
    assert ("Корсаков", True) in hit.snippet_parts()
    assert "[Корсаков]" in hit.snippet_marked()


def test_kind_filter(indexed: CaseFile) -> None:
    assert indexed.search.search("timber", kinds=["claim"]) == []
    assert len(indexed.search.search("timber", kinds=["source"])) == 1


@pytest.mark.parametrize("query", ['"', "*", "AND(", "NEAR/", "NEAR(a b", "OR", "AND", "NOT",
                                   "-", ")", "^", ":", "title:", '"unterminated', "a\"b",
                                   "'; DROP TABLE sources; --", "", "   ", "**", "\x00",
                                   "OR OR timber", "timber OR", "{col1 col2}: x", "NEAR/3"])
def test_hostile_queries_never_raise(indexed: CaseFile, query: str) -> None:
    hits = indexed.search.search(query)
    assert isinstance(hits, list)
    assert indexed.sources.count() == 1  # and nothing was harmed


def test_operators_inside_text_are_searched_as_words(indexed: CaseFile) -> None:
    assert kinds(indexed, 'timber"') == ["source"]
    assert kinds(indexed, "timber AND(") == []  # "and" is a required word, not syntax


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_text_is_a_safe_query(indexed: CaseFile, text: str) -> None:
    query = to_fts_query(text)
    assert query is None or isinstance(query, str)
    indexed.search.search(text)


def test_snippets_of_long_texts_are_a_window_around_the_match(case: CaseFile) -> None:
    filler = " ".join(["river"] * 3000)
    case.interviews.create(title="Long talk", transcript=(
        f"{filler} the Übergang at Blagoveshchensk closed early {filler}"))
    [hit] = case.search.search("blagoveshchensk", snippet_words=8)
    assert "[Blagoveshchensk]" in hit.snippet_marked()
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 10
    [accents] = case.search.search("Ubergang")  # FTS folds diacritics; its own snippet then
    assert "[Übergang]" in accents.snippet_marked()
    [prefix] = case.search.search("Blagovesh*")
    assert "[Blagoveshchensk]" in prefix.snippet_marked()
    [phrase] = case.search.search('"closed early"')
    assert "[closed early]" in phrase.snippet_marked()
