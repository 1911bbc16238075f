"""Search finds the forms of a plain word (Snowball stemmers over the index's vocabulary);
a quoted phrase stays exact, and nothing is found that is not in a record."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from casefile import CaseFile, search_stems
from casefile.search import MARK_END, MARK_START, to_fts_query
from casefile.search_stems import MAX_FORMS, fold, language_code, languages_for


@pytest.fixture
def worded(case: CaseFile) -> CaseFile:
    # The languages the case is in come from its records: each language's stemmer is used.
    case.interviews.create(title="Border officials", language="en",
                           transcript="The consulate stopped issuing visas to drivers in May.")
    case.interviews.create(title="Водители", language="ru",
                           transcript="Они работают на складе у границы до темноты.")
    case.documents.create(title="Die Häuser am Zollamt", kind="report", language="de")
    case.interviews.create(title="Entretien", language="fr",
                           transcript="Les villes frontalières ont perdu leurs marchés.")
    case.sources.create(name="Dmitri Kovalenko", role_title="freight broker",
                        ground_rules="confidential", attribution_phrase="a freight broker")
    return case


def kinds(case: CaseFile, query: str, stemming: bool = True) -> list[str]:
    return sorted(h.kind for h in case.search.search(query, stemming=stemming))


def test_english_singular_finds_plural(worded: CaseFile) -> None:
    assert kinds(worded, "visas") == ["interview"]
    assert kinds(worded, "visa", stemming=False) == []  # what the issue reported
    assert kinds(worded, "visa") == ["interview"]
    assert kinds(worded, "Visa") == ["interview"]


def test_russian_infinitive_finds_present_tense(worded: CaseFile) -> None:
    assert kinds(worded, "работать", stemming=False) == []
    assert kinds(worded, "работать") == ["interview"]


def test_german_and_french_forms(worded: CaseFile) -> None:
    # "Haus" is stemmed like "Häuser", which the index holds folded as "hauser".
    assert kinds(worded, "Haus") == ["document"]
    assert kinds(worded, "ville") == ["interview"]
    assert kinds(worded, "marché") == ["interview"]
    assert kinds(worded, "ville", stemming=False) == []


def test_a_quoted_phrase_is_not_expanded(worded: CaseFile) -> None:
    assert kinds(worded, '"visa"') == []
    assert kinds(worded, '"issuing visas"') == ["interview"]
    assert kinds(worded, '"issuing visa"') == []


def test_words_in_no_record_find_nothing(worded: CaseFile) -> None:
    for query in ("zeppelin", "visualisation", "работник", "visage", "visa zeppelin"):
        assert kinds(worded, query) == [], query


def test_every_word_must_still_match(worded: CaseFile) -> None:
    assert kinds(worded, "visa drivers") == ["interview"]
    assert kinds(worded, "visa temnota") == []
    assert kinds(worded, "visa OR ville") == ["interview", "interview"]
    assert kinds(worded, "visa* OR работать") == ["interview", "interview"]


def test_snippet_marks_the_form_that_matched(worded: CaseFile) -> None:
    [hit] = worded.search.search("visa")
    assert f"{MARK_START}visas{MARK_END}" in hit.snippet
    [hit] = worded.search.search("работать")
    assert f"{MARK_START}работают{MARK_END}" in hit.snippet
    [hit] = worded.search.search("haus")
    assert f"{MARK_START}Häuser{MARK_END}" in hit.title + hit.snippet


def test_a_protected_source_is_found_as_without_stemming(worded: CaseFile) -> None:
    # Search is local and shows what the file holds; stemming changes nothing about how
    # a confidential source is found.
    for query in ("Kovalenko", "Dmitri Kovalenko", "freight broker"):
        with_forms = [(h.kind, h.uuid, h.title) for h in worded.search.search(query)]
        without = [(h.kind, h.uuid, h.title)
                   for h in worded.search.search(query, stemming=False)]
        assert with_forms == without and with_forms, query


def test_query_building_keeps_syntax_safe() -> None:
    forms = {"visa": ["visas"], "ville": ["villes"]}.get

    def lookup(word: str) -> list[str]:
        return forms(word.lower()) or []

    assert to_fts_query("visa", lookup) == '("visa" OR "visas")'
    assert to_fts_query("visa drivers", lookup) == '("visa" OR "visas") AND "drivers"'
    assert to_fts_query("visa OR ville", lookup) == '("visa" OR "visas") OR ("ville" OR "villes")'
    assert to_fts_query('"visa"', lookup) == '"visa"'
    assert to_fts_query("visa*", lookup) == '"visa"*'
    assert to_fts_query("visa,", lookup) == '("visa," OR "visas")'
    assert to_fts_query("a b", lookup) == '"a" "b"'  # unchanged without forms


def test_folding_matches_the_index() -> None:
    assert fold("Häuser") == "hauser"
    assert fold("Café") == "cafe"
    assert fold("ЁЛКА йод") == "ёлка йод"  # unicode61 keeps these Cyrillic letters
    assert languages_for("visa") == ("english",)
    assert languages_for("visa", {"de", "fr", "ru"}) == ("english", "german", "french")
    assert languages_for("работать", {"en"}) == ("russian",)  # the usual one for its script
    assert languages_for("работать", {"en", "sr"}) == ("serbian",)
    assert language_code("ru-RU") == "ru" and language_code("German") == "de"
    assert language_code("Klingon") is None


def test_expansion_is_capped_and_reads_no_whole_vocabulary(
        case: CaseFile, monkeypatch: pytest.MonkeyPatch) -> None:
    case.interviews.create(title="Towns", transcript="The cities of the north.")
    case.interviews.create(title="Town", transcript="A city of the south.")
    case.interviews.create(title="People", transcript="A citizen of nowhere.")  # not a form
    statements: list[str] = []
    event.listen(case._store.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    assert kinds(case, "cities") == ["interview", "interview"]  # "city", not "citizen"
    vocab = [s for s in statements if "search_vocab" in s and "SELECT" in s]
    assert vocab and all("term >= " in s and "term < " in s for s in vocab)  # a range only
    monkeypatch.setattr(search_stems, "MAX_FORMS", 0)
    assert kinds(case, "cities") == ["interview"]  # the exact word, always
    assert MAX_FORMS > 0


def test_search_inside_a_read_of_the_callers_own(worded: CaseFile) -> None:
    with worded._store.read():  # the word forms' vocabulary is made in that read
        assert kinds(worded, "visa") == ["interview"]
        assert kinds(worded, "работать") == ["interview"]
    assert kinds(worded, "visa") == ["interview"]  # and, once outside, for good
    with worded._store.read():
        assert kinds(worded, "ville") == ["interview"]


def test_only_the_cases_languages_stem_a_word(case: CaseFile) -> None:
    """Every Latin stemmer on every word would make false friends: to the French stemmer
    "visa" and "vise" are one word. In a case with no French they stay apart."""
    case.documents.create(title="A bench vise", kind="report")
    assert kinds(case, "visa") == []
    case.interviews.create(title="Entretien", language="fr", transcript="Il vise le poste.")
    assert kinds(case, "visa") == ["document", "interview"]  # now the case is French too
