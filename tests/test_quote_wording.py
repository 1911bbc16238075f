"""A quote's published wording: the difference shown, acceptance and its lapse, and the
checker comparing a draft against the accepted wording (quote marks never a difference)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from casefile import CaseFile, ValidationError
from casefile.claims.checker import QuoteRow, check_draft
from casefile.claims.draft_text import DraftText
from casefile.claims.quote_wording import (
    fold_quotes,
    is_accepted,
    same_wording,
    wording_difference,
)
from casefile.models import Quote

TRANSCRIPT = ("Well, we are, um, we are going to close the yard in March. "
              "Мы закроем склад в марте.")
SAID = "we are, um, we are going to close the yard in March."
CLEANED = "we're going to close the yard in March."
APOSTROPHES = "'’‘ʼ′‚`´"
DOUBLES = '"“”″«»„'


def findings(case: CaseFile, body: str) -> list:
    draft = case.drafts.create(headline="Yards", body=body)
    return case.drafts.check(draft.uuid)


@pytest.fixture
def quote(case: CaseFile) -> Quote:
    petrov = case.sources.create(name="Yuri Petrov", short_name="Mr. Petrov")
    iv = case.interviews.create(title="Petrov", interviewees=[petrov.uuid],
                                transcript=TRANSCRIPT)
    start = TRANSCRIPT.index(SAID)
    return case.quotes.mark(iv.uuid, start, start + len(SAID), speaker=petrov.uuid)


# -- the difference shown -----------------------------------------------------------------

def test_the_difference_is_word_level_and_readable() -> None:
    q = QuoteRow(SAID, published_text=CLEANED)
    diff = wording_difference(q)
    assert diff.against == "transcript" and diff.changed
    assert diff.describe() == ["“we are, um, we are” → “we're”"]
    assert [c.kind for c in diff.changes] == ["changed", "same"]
    assert diff.changes[1].before == "going to close the yard in March."


def test_removed_and_added_words_are_named() -> None:
    diff = wording_difference(QuoteRow("so the the trucks stopped", published_text="so the "
                                       "trucks stopped coming"))
    assert diff.describe() == ["removed “the”", "added “coming”"]


def test_a_translation_is_compared_with_the_translation() -> None:
    q = QuoteRow("Мы закроем склад в марте.", translation="We will close the warehouse in "
                 "March.", published_text="We'll close the warehouse in March.")
    diff = wording_difference(q)
    assert diff.against == "translation"
    assert diff.describe() == ["“We will” → “We'll”"]


def test_no_published_wording_is_no_difference() -> None:
    assert not wording_difference(QuoteRow(SAID)).changed


@given(st.text(alphabet="ab '\"’‘“”ʼ′″«»„‚`´", min_size=1, max_size=30), st.data())
def test_quote_marks_are_never_a_difference(words: str, data: st.DataObject) -> None:
    """Any straight/curly variant of a wording is the same wording, in the difference shown
    and in acceptance."""
    swapped = "".join(
        data.draw(st.sampled_from(APOSTROPHES)) if c in APOSTROPHES else
        data.draw(st.sampled_from(DOUBLES)) if c in DOUBLES else c for c in words)
    assert fold_quotes(words) == fold_quotes(swapped)
    assert same_wording(words, swapped)
    assert not wording_difference(QuoteRow(words, published_text=swapped)).changed
    if words.strip():
        assert is_accepted(swapped, words)


# -- the service: set, accept, lapse ------------------------------------------------------

def test_published_wording_is_validated(case: CaseFile, quote: Quote) -> None:
    with pytest.raises(ValidationError):
        case.quotes.set_published(quote.uuid, "   \n")
    with pytest.raises(ValidationError):
        case.quotes.update(quote.uuid, published_text="  ")
    with pytest.raises(ValidationError):
        case.quotes.accept_published(quote.uuid)  # nothing to accept yet
    assert case.quotes.set_published(quote.uuid, f"  {CLEANED} ").published_text == CLEANED
    assert case.quotes.set_published(quote.uuid, "").published_text == ""


def test_acceptance_holds_while_the_wording_is_the_accepted_one(case: CaseFile,
                                                                  quote: Quote) -> None:
    case.quotes.set_published(quote.uuid, CLEANED)
    assert not case.quotes.published_accepted(quote.uuid)
    accepted = case.quotes.accept_published(quote.uuid)
    assert accepted.published_accepted == CLEANED
    assert case.quotes.published_accepted(quote.uuid)
    case.quotes.set_published(quote.uuid, CLEANED.replace("'", "’"))  # typography only
    assert case.quotes.published_accepted(quote.uuid)
    case.quotes.set_published(quote.uuid, "we're closing the yard in March.")
    assert not case.quotes.published_accepted(quote.uuid)
    assert case.quotes.get(quote.uuid).published_accepted == CLEANED  # what was accepted


def test_re_marking_the_quote_clears_its_acceptance(case: CaseFile, quote: Quote) -> None:
    case.quotes.set_published(quote.uuid, CLEANED)
    case.quotes.accept_published(quote.uuid)
    start = TRANSCRIPT.index(SAID)
    case.quotes.remark(quote.uuid, start, start + len(SAID))  # the same words: still holds
    assert case.quotes.published_accepted(quote.uuid)
    moved = case.quotes.remark(quote.uuid, start + len("we are, um, "), start + len(SAID))
    assert moved.text == "we are going to close the yard in March."
    assert moved.published_accepted == "" and not case.quotes.published_accepted(quote.uuid)
    with pytest.raises(ValidationError):
        case.quotes.remark(quote.uuid, 5, 10_000)


def test_undo_is_an_update_of_the_stored_fields(case: CaseFile, quote: Quote) -> None:
    """The UI undoes an acceptance by writing the field back, as it does any edit."""
    case.quotes.set_published(quote.uuid, CLEANED)
    case.quotes.accept_published(quote.uuid)
    case.quotes.update(quote.uuid, published_accepted="")
    assert not case.quotes.published_accepted(quote.uuid)


def test_wording_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    with CaseFile.create(path, title="W", actor="tester") as case:
        iv = case.interviews.create(title="I", transcript=SAID)
        q = case.quotes.mark(iv.uuid, 0, len(SAID))
        case.quotes.set_published(q.uuid, CLEANED)
        case.quotes.accept_published(q.uuid)
    with CaseFile.open(path, actor="tester") as case:
        assert case.quotes.published_accepted(q.uuid)
        assert case.quotes.wording_difference(q.uuid).describe() == [
            "“we are, um, we are” → “we're”"]


# -- the checker --------------------------------------------------------------------------

BODY = "“We’re going to close the yard in March,” Mr. Petrov said."


def test_a_cleaned_quote_blocks_until_accepted_then_passes(case: CaseFile, quote: Quote
                                                           ) -> None:
    before = [f for f in findings(case, BODY) if f.blocking]
    assert [f.kind for f in before] == ["quote_differs"]
    assert "published wording" not in before[0].message
    case.quotes.set_published(quote.uuid, CLEANED)
    # the quote is recognised (no "unattributed" for the name beside it), but not accepted
    unaccepted = findings(case, BODY)
    assert [f.kind for f in unaccepted] == ["quote_differs"] and unaccepted[0].blocking
    assert "published wording" in unaccepted[0].message
    assert "is not accepted" in unaccepted[0].message
    case.quotes.accept_published(quote.uuid)
    assert findings(case, BODY) == []
    # the transcript words, and a part of the published wording, still count
    assert findings(case, "“We are going to close the yard,” he said.") == []
    assert findings(case, "“going to close the yard,” he said.") == []


def test_a_changed_published_wording_is_no_longer_accepted(case: CaseFile, quote: Quote
                                                           ) -> None:
    case.quotes.set_published(quote.uuid, CLEANED)
    case.quotes.accept_published(quote.uuid)
    case.quotes.set_published(quote.uuid, "we're going to shut the yard in March.")
    found = findings(case, "“We're going to shut the yard in March,” he said.")
    assert [f.kind for f in found] == ["quote_differs"] and found[0].blocking
    assert "no longer accepted" in found[0].message
    # the old accepted wording is not accepted either: it is not the published one any more
    assert "quote_differs" in [f.kind for f in findings(case, BODY)]


def test_re_marking_makes_the_checker_ask_again(case: CaseFile, quote: Quote) -> None:
    case.quotes.set_published(quote.uuid, CLEANED)
    case.quotes.accept_published(quote.uuid)
    start = TRANSCRIPT.index(SAID)
    case.quotes.remark(quote.uuid, start + len("we are, um, "), start + len(SAID))
    found = findings(case, BODY)
    assert [f.kind for f in found] == ["quote_differs"] and "not accepted" in found[0].message


def test_translation_and_original_still_match(case: CaseFile, quote: Quote) -> None:
    case.quotes.update(quote.uuid, translation="We will close the warehouse in March.",
                       original_text="Мы закроем склад в марте.")
    assert findings(case, "“We will close the warehouse in March,” he said. "
                          "He said: “Мы закроем склад в марте.”") == []


def test_the_check_reads_quote_rows_not_objects(case: CaseFile, quote: Quote) -> None:
    """The checker's performance shape: 20,000 quotes are read as columns."""
    case.quotes.set_published(quote.uuid, CLEANED)
    case.quotes.accept_published(quote.uuid)
    draft = case.drafts.create(headline="Yards", body=BODY)
    loaded: list[object] = []

    def on_load(target: object, _context: object) -> None:
        loaded.append(target)

    event.listen(Quote, "load", on_load)
    try:
        assert case.drafts.check(draft.uuid) == []
    finally:
        event.remove(Quote, "load", on_load)
    assert loaded == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(APOSTROPHES), min_size=1, max_size=1),
       st.sampled_from([("“", "”"), ('"', '"')]), st.booleans())
def test_quote_marks_never_make_a_finding(apostrophe: list[str], marks: tuple[str, str],
                                          curly_stored: bool) -> None:
    """Whatever apostrophe the draft or the stored wording uses, an accepted wording
    matches (pure checker over rows)."""
    stored = CLEANED.replace("'", "’") if curly_stored else CLEANED
    row = QuoteRow(SAID, published_text=stored, published_accepted=CLEANED)
    open_, close = marks
    words = f"We{apostrophe[0]}re going to close the yard in March"
    text = DraftText.parse(f"{open_}{words},{close} he said.")
    assert check_draft(text, {}, [row], [], []) == []
    pending = QuoteRow(SAID, published_text=stored)
    assert [f.kind for f in check_draft(text, {}, [pending], [], [])] == ["quote_differs"]


def test_plain_words_are_still_accepted_by_the_pure_checker() -> None:
    text = DraftText.parse("“we are going to close the yard,” he said.")
    assert check_draft(text, {}, [SAID], [], []) == []


# -- review of issue 17: the acceptance is of the words it was made from ---------------------

TRANSLATED = "We will close the warehouse in March, it's decided."


@pytest.fixture
def translated(case: CaseFile) -> Quote:
    """A quote of the Russian sentence, with a translation and a published wording of it
    the reporter accepted."""
    iv = case.interviews.create(title="Petrov", transcript=TRANSCRIPT)
    start = TRANSCRIPT.index("Мы")
    q = case.quotes.mark(iv.uuid, start, len(TRANSCRIPT), translation=TRANSLATED,
                         original_text="Мы закроем склад в марте.")
    case.quotes.set_published(q.uuid, "We'll close the warehouse in March, it's decided.")
    case.quotes.accept_published(q.uuid)
    assert case.quotes.wording_difference(q.uuid).against == "translation"
    assert case.quotes.published_accepted(q.uuid)
    return q


@pytest.mark.parametrize("field", ["translation", "original_text"])
def test_changing_what_the_wording_was_made_from_clears_the_acceptance(
        case: CaseFile, translated: Quote, field: str) -> None:
    case.quotes.update(translated.uuid, **{field: "We shall shut the depot in spring."})
    assert not case.quotes.published_accepted(translated.uuid)
    assert case.quotes.get(translated.uuid).published_accepted == ""
    found = findings(case, 'He said: "We\'ll close the warehouse in March, it\'s decided."')
    assert [f.kind for f in found] == ["quote_differs"]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(apostrophe=st.sampled_from(list(APOSTROPHES)), spaces=st.sampled_from([" ", "  "]))
def test_typography_in_the_translation_is_no_change(case: CaseFile, translated: Quote,
                                                    apostrophe: str, spaces: str) -> None:
    case.quotes.update(translated.uuid,
                       translation=TRANSLATED.replace(" ", spaces, 1).replace("'", apostrophe))
    assert case.quotes.published_accepted(translated.uuid)


def test_an_edit_that_sets_the_acceptance_itself_keeps_it(case: CaseFile,
                                                          translated: Quote) -> None:
    """Undo writes the fields back together: the acceptance given in the same edit holds."""
    accepted = case.quotes.get(translated.uuid).published_accepted
    case.quotes.update(translated.uuid, translation="Other words.",
                       published_accepted=accepted)
    assert case.quotes.published_accepted(translated.uuid)


def test_other_fields_leave_the_acceptance_alone(case: CaseFile, translated: Quote) -> None:
    case.quotes.update(translated.uuid, notes="checked with the interpreter")
    assert case.quotes.published_accepted(translated.uuid)


@pytest.mark.parametrize("blank", ["   ", "\n\t", "\u2028"])
def test_a_blank_published_wording_imports_as_none(case: CaseFile, quote: Quote,
                                                   tmp_path: Path, blank: str) -> None:
    import json

    from casefile.bundle import dump_bundle, import_bundle

    bundle = dump_bundle(case, tmp_path / "b.json")
    doc = json.loads(bundle.read_text(encoding="utf-8"))
    [row] = [q for iv in doc["interviews"] for q in iv.get("quotes", [])]
    row["published_text"] = blank
    bundle.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with CaseFile.create(tmp_path / "other.casefile", title="Other") as other:
        import_bundle(other, bundle)
        imported = other.quotes.get(quote.uuid)
        assert imported.published_text == ""
        assert not other.quotes.published_accepted(quote.uuid)
        assert not other.quotes.wording_difference(quote.uuid).changed


def test_a_printed_wording_far_from_its_translation_is_still_diffed_against_it() -> None:
    """Never a difference against words in another language: the translation is what the
    story's language has of the quote."""
    from types import SimpleNamespace

    from casefile.claims.quote_wording import wording_difference

    quote = SimpleNamespace(text="Мы стоим.", translation="We stand still in line for days.",
                            original_text="", published_text="We're standing.")
    difference = wording_difference(quote)
    assert difference.against == "translation"
    assert "Мы" not in difference.describe()
