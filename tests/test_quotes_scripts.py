"""Quotations and sentences in every script the reporters work in (issue 20): an altered quote
is found inside «…», „…“, ‘…’, 「…」, 『…』, ‹…›, »…«, 《…》 as inside “…” (the outer of nested
ones, apostrophes never taken for quote marks, French spaces inside guillemets), and drafts
are split into sentences in their own language (sentencex), Korean and Japanese included."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.claims.checker import Finding, QuoteRow, check_draft
from casefile.claims.draft_text import Anchor, DraftText
from casefile.claims.segments import language_of, quotations, sentences
from casefile.export.sourcing import draft_sentences

ROOT = Path(__file__).resolve().parent.parent
NNBSP, NBSP = "\u202f", "\u00a0"


def split(text: str, language: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text, language)]


def check(body: str, *stored: str | QuoteRow, language: str = "en") -> list[Finding]:
    return check_draft(DraftText.parse(body), {}, list(stored), [], [], language=language)


def quote_findings(body: str, *stored: str | QuoteRow, language: str = "en"
                   ) -> list[tuple[str, int, str]]:
    return [(f.kind, f.position, f.excerpt) for f in check(body, *stored, language=language)
            if f.kind.startswith("quote_")]


# -- a reporter's paragraph in each language ------------------------------------------------

RU_SAID = "Мы отправляли сорок машин в неделю, а теперь — «по пять»"
RU = ("Экспорт упал на 3.5 %, т. е. вдвое, сказал директор. «{q}», — сказал Петров. "
      "В 2026 г. очередь выросла… Никто не знал почему.")
DE_SAID = "Wir haben vierzig Lastwagen pro Woche verschickt."
DE = ("Die Exporte fielen z. B. um 3.5 Prozent. Dr. Müller sagte: „{q}“ Am 3. Mai war "
      "Schluss… Niemand wusste warum.")
FR_SAID = "Nous expédiions quarante camions par semaine."
FR = (f"Les exportations ont chuté de 3.5 %. M. Dupont a déclaré{NBSP}: «{NNBSP}{{q}}{NNBSP}» "
      "Le Dr. Martin n’était pas d’accord… Personne ne savait.")
KO_SAID = "우리는 일주일에 트럭 사십 대를 보냈다."
KO = ("수출이 3.5% 감소했다. 김철수 씨는 “{q}”라고 말했다. 정말일까? 아무도 몰랐다...")
JA_SAID = "週に四十台のトラックを『普通に』送っていた。"
JA = "輸出は3.5％減った。田中氏は「{q}」と述べた。本当だろうか？誰も知らなかった…"

CASES = {  # language: (paragraph, stored words, altered words, its sentences)
    "ru": (RU, RU_SAID, RU_SAID.replace("сорок", "пятьдесят"), [
        "Экспорт упал на 3.5 %, т. е. вдвое, сказал директор.",
        "«{q}», — сказал Петров.", "В 2026 г. очередь выросла…", "Никто не знал почему."]),
    "de": (DE, DE_SAID, DE_SAID.replace("vierzig", "fünfzig"), [
        "Die Exporte fielen z. B. um 3.5 Prozent.", "Dr. Müller sagte: „{q}“",
        "Am 3. Mai war Schluss…", "Niemand wusste warum."]),
    "fr": (FR, FR_SAID, FR_SAID.replace("quarante", "cinquante"), [
        "Les exportations ont chuté de 3.5 %.",
        f"M. Dupont a déclaré{NBSP}: «{NNBSP}{{q}}{NNBSP}»",
        "Le Dr. Martin n’était pas d’accord…", "Personne ne savait."]),
    "ko": (KO, KO_SAID, KO_SAID.replace("사십", "오십"), [
        "수출이 3.5% 감소했다.", "김철수 씨는 “{q}”라고 말했다.", "정말일까?", "아무도 몰랐다..."]),
    "ja": (JA, JA_SAID, JA_SAID.replace("四十", "五十"), [
        "輸出は3.5％減った。", "田中氏は「{q}」と述べた。", "本当だろうか？", "誰も知らなかった…"]),
}


@pytest.mark.parametrize("language", list(CASES))
def test_a_draft_paragraph_splits_into_its_sentences(language: str) -> None:
    paragraph, said, _altered, expected = CASES[language]
    text = paragraph.format(q=said)
    assert split(text, language) == [s.format(q=said) for s in expected]


@pytest.mark.parametrize("language", list(CASES))
def test_the_stored_quote_in_the_languages_marks_passes(language: str) -> None:
    paragraph, said, _altered, _sentences = CASES[language]
    assert quote_findings(paragraph.format(q=said), said, language=language) == []


@pytest.mark.parametrize("language", list(CASES))
def test_an_altered_quote_in_the_languages_marks_is_found(language: str) -> None:
    paragraph, said, altered, _sentences = CASES[language]
    text = paragraph.format(q=altered)
    opening = text.index(altered) - 1 - (text[text.index(altered) - 1] == NNBSP)
    [(kind, position, excerpt)] = quote_findings(text, "Unrelated words about timber.", said,
                                                 language=language)
    assert kind == "quote_differs"
    assert position == opening  # at the opening mark
    assert excerpt.strip(NNBSP) == altered  # the outer quotation, its inner quote within


def test_a_quote_in_translation_passes_in_any_marks() -> None:
    row = QuoteRow("We shipped forty trucks a week.", translation="Мы отправляли сорок "
                   "машин в неделю.", original_text="Wir haben vierzig Lastwagen verschickt.")
    for body in ("Он сказал: «Мы отправляли сорок машин в неделю».",
                 "Er sagte: „Wir haben vierzig Lastwagen verschickt.“",
                 "He said: ‘We shipped forty trucks a week.’"):
        assert quote_findings(body, row) == [], body


# -- the quotation spans --------------------------------------------------------------------

def test_low_quotes_are_matched_on_their_own_span() -> None:
    """„…“: the German closing mark is the English opening one; the span is „ to “."""
    text = "Er sagte: „Wir wussten nichts“, und dann „ging er nach Hause“. “Yes,” she said."
    assert [(text[q.start:q.end], q.words) for q in quotations(text)] == [
        ("„Wir wussten nichts“", "Wir wussten nichts"),
        ("„ging er nach Hause“", "ging er nach Hause"), ("“Yes,”", "Yes,")]


@pytest.mark.parametrize(("text", "words"), [
    ("»Wir wussten nichts«, sagte er.", ["Wir wussten nichts"]),
    ("Il a dit : « Nous ne savions rien. » Puis : ‹ non › et «oui».",
     [" Nous ne savions rien. ", " non ", "oui"]),
    ("Он сказал: «Мы „ничего“ не знали» и ушёл.", ["Мы „ничего“ не знали"]),
    ("Он сказал: «Мы «ничего» не знали» и ушёл.", ["Мы «ничего» не знали"]),
    ("田中氏は「知らなかった『本当に』」と述べた。", ["知らなかった『本当に』"]),
    ("他在《人民日报》上说：“我们不知道。”", ["人民日报", "我们不知道。"]),
    ("Han sa: ”Vi visste ingenting”, och gick.", ["Vi visste ingenting"]),
    ("Powiedział: „Nic nie wiedzieliśmy”.", ["Nic nie wiedzieliśmy"]),
])
def test_every_pair_and_nesting(text: str, words: list[str]) -> None:
    assert [q.words for q in quotations(text)] == words


@pytest.mark.parametrize("text", [
    "We don’t know, and the Ukrainians’ homes are gone since the ’90s.",
    "They played rock ’n’ roll at O’Brien’s until ’tis late; the students' fees rose.",
    "It's the teachers' union, and rock 'n' roll.",
])
def test_apostrophes_are_not_quote_marks(text: str) -> None:
    assert quotations(text) == []


def test_apostrophes_inside_a_single_quoted_quotation() -> None:
    text = "‘We played rock ’n’ roll in the Ukrainians’ homes, didn’t we,’ he said, don’t."
    [q] = quotations(text)
    assert q.words == "We played rock ’n’ roll in the Ukrainians’ homes, didn’t we,"
    assert text[q.end:] == " he said, don’t."


def test_a_quotation_continued_into_the_next_paragraph() -> None:
    """Newsroom style: no closing mark at the end of a quoted paragraph, the next opens
    again; each paragraph's part is checked."""
    text = "“We left the yard in March.\n\n“Then we came back for good,” she said."
    assert [q.words for q in quotations(text)] == ["We left the yard in March.",
                                                    "Then we came back for good,"]
    stored = "We left the yard in March. Then we came back for good."
    assert quote_findings(text, stored) == []
    altered = text.replace("March", "May")
    assert [k for k, _p, _e in quote_findings(altered, stored)] == ["quote_differs"]


def test_a_stray_mark_does_not_swallow_the_quotations_after_it() -> None:
    text = "The 'yard' as he said “we shipped forty” was closed."
    assert [q.words for q in quotations(text)] == ["yard", "we shipped forty"]
    assert [q.words for q in quotations("A “stray mark, then «Nous partons» et fin.")] == [
        "Nous partons"]


def test_quote_marks_and_french_spacing_are_never_a_difference() -> None:
    stored = 'He said "we are closing" and left.'
    for body in (f"«{NNBSP}He said “{NNBSP}we are closing{NNBSP}” and left.{NNBSP}»",
                 "„He said ‚we are closing‘ and left.“", "「He said 『we are closing』 and left.」",
                 "‹He said «we are closing» and left.›", "“He said ‘we are closing’ and left.”"):
        assert quote_findings(body, stored) == [], body


# -- Hypothesis: any marks around an altered quote ------------------------------------------

PAIRS = [("“", "”"), ('"', '"'), ("«", "»"), ("»", "«"), ("„", "“"), ("„", "”"), ("‘", "’"),
         ("‚", "‘"), ("‹", "›"), ("›", "‹"), ("「", "」"), ("『", "』"), ("《", "》"),
         ("«" + NNBSP, NNBSP + "»"), ("« ", " »"), ("'", "'")]
STORED = "We used to ship forty trucks a week in the drivers’ own cars, and now it’s five"
ALTERED = "We used to ship fifty trucks a week in the drivers’ own cars, and now it’s five"
LEADS = ["He said: ", "Он сказал: ", "Er sagte: ", "田中氏は", "김 씨는 ", ""]
TAILS = [" he said.", ", — сказал он.", "と述べた。", "라고 말했다.", ". Then he left."]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PAIRS), st.sampled_from(LEADS), st.sampled_from(TAILS),
       st.sampled_from([None, *PAIRS]))
def test_any_marks_around_an_altered_quote_are_found(pair: tuple[str, str], lead: str,
                                                     tail: str,
                                                     inner: tuple[str, str] | None) -> None:
    open_, close = pair
    altered, stored = ALTERED, STORED
    if inner is not None and inner[0] not in open_ and inner[1] not in close:
        # a nested quotation inside the outer one: part of it, not checked on its own
        altered = altered.replace("trucks a week", f"{inner[0]}trucks a week{inner[1]}")
        stored = stored.replace("trucks a week", "“trucks a week”")
    body = f"{lead}{open_}{altered}{close}{tail}"
    found = quote_findings(body, "Unrelated words about timber", stored)
    assert [(k, p) for k, p, _e in found] == [("quote_differs", len(lead))]
    assert quote_findings(body.replace("fifty", "forty"), stored) == []


# -- sentences: the contract every caller relies on -----------------------------------------

# Capitals beside every kind of space (a no-break, thin or paragraph-separator space before
# "." once crashed the library), CJK and Cyrillic, every end mark.
TEXT = st.text(alphabet=st.sampled_from(list("ab ABЯя.!?…。！？\n«»“”„「」'’,3" + NNBSP + NBSP
                                             + "\u2009\u2029")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["en", "ru", "de-AT", "fr", "ko", "ja", "", "pt_BR", "xx"]))
def test_sentences_are_offsets_into_the_text(text: str, language: str) -> None:
    spans = sentences(text, language)
    covered = [False] * len(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and "\n\n" not in piece
        covered[start:end] = [True] * (end - start)
        last = end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


def test_the_language_tag_is_read_for_its_language() -> None:
    assert [language_of(t) for t in ("de-AT", "pt_BR", "zh-Hant", "RU", "")] == [
        "de", "pt", "zh", "ru", ""]
    text = "Т. е. никто не знал. Иванов И. И. ушёл."
    assert split(text, "ru-RU") == split(text, "ru") == ["Т. е. никто не знал.",
                                                         "Иванов И. И. ушёл."]


def test_a_paragraph_in_another_script_is_read_in_that_scripts_language() -> None:
    """An English case quoting a Japanese paragraph, a Russian one quoting English."""
    text = "He left. 彼は「帰る。」と言った。本当？\n\nMr. Petrov left. Dr. Smith stayed."
    assert split(text, "en") == ["He left.", "彼は「帰る。」と言った。", "本当？",
                                 "Mr. Petrov left.", "Dr. Smith stayed."]
    assert split("Mr. Petrov left. Dr. Smith stayed.", "ru") == ["Mr. Petrov left.",
                                                                "Dr. Smith stayed."]
    assert split("Т. е. всё. Он ушёл.", "") == ["Т. е. всё.", "Он ушёл."]


def test_english_sentences_still_split_like_an_editor_reads() -> None:
    text = ("“We used to ship forty,” Mr. Petrov said. Exports fell 38.5 percent in Sept. "
            "2026. J. Smith agreed… He left! The U.S. Army came at 5 p.m. on Jan. 5.")
    assert split(text, "en") == ["“We used to ship forty,” Mr. Petrov said.",
                                 "Exports fell 38.5 percent in Sept. 2026.",
                                 "J. Smith agreed…", "He left!",
                                 "The U.S. Army came at 5 p.m. on Jan. 5."]


def test_a_korean_sentence_with_figures_is_flagged_alone() -> None:
    """No capitals in Hangul: the old splitter read the paragraph as one sentence."""
    body = "창고 책임자는 웃었다. 수출이 38% 감소했다. 그는 떠났다."
    found = [f for f in check(body, language="ko") if f.kind == "unattributed"]
    assert [(f.position, f.excerpt) for f in found] == [(body.index("수출"),
                                                         "수출이 38% 감소했다.")]


def test_the_exports_sentences_follow_the_language() -> None:
    assert draft_sentences("輸出は減った。田中氏は去った。", "ja") == ["輸出は減った。",
                                                                "田中氏は去った。"]


# -- a real case file: the case's language reaches the checker ------------------------------

def test_the_case_language_splits_the_draft_and_quotes_are_checked(tmp_path: Path) -> None:
    transcript = "田中です。週に四十台のトラックを送っていた。今は五台だけです。"
    with CaseFile.create(tmp_path / "ja.casefile", title="輸出", actor="tester") as case:
        case.update_info(language="ja")
        tanaka = case.sources.create(name="田中一郎")
        iv = case.interviews.create(title="田中", interviewees=[tanaka.uuid],
                                    transcript=transcript, language="ja")
        said = "週に四十台のトラックを送っていた。"
        start = transcript.index(said)
        case.quotes.mark(iv.uuid, start, start + len(said), speaker=tanaka.uuid)
        good = case.drafts.create(headline="輸出", body=f"田中氏は「{said}」と述べた。")
        assert case.drafts.check(good.uuid) == []
        altered = said.replace("四十", "五十")
        body = f"輸出は38％減った。田中氏は「{altered}」と述べた。"
        bad = case.drafts.create(headline="輸出", body=body)
        found = [(f.kind, f.position, f.excerpt) for f in case.drafts.check(bad.uuid)]
        assert found == [("unattributed", 0, "輸出は38％減った。"),
                         ("quote_differs", body.index("「"), altered)]


def test_the_benchmark_runs_and_checks_its_work() -> None:
    done = subprocess.run([sys.executable, "benchmarks/checker_text.py", "--words", "400",
                           "--quotes", "50", "--runs", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ja:" in done.stdout and "altered quotations found of" in done.stdout


# -- the closest stored quote, named however many there are --------------------------------

def _cover(part: str, whole: str) -> float:
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, whole, part, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(part)


VOCABULARY = ["we", "ship", "trucks", "forty", "fifty", "yard", "border", "never", "now", "a"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=8), min_size=1,
                max_size=25), st.data())
def test_an_altered_quote_names_the_stored_quote_it_is_closest_to(
        stored: list[list[str]], data: st.DataObject) -> None:
    """Exactly the quote a brute-force comparison picks (the first of equals), or none
    under 60 % (the search skips quotes that cannot be closer; answers are remembered)."""
    wordings = [" ".join(words) for words in stored]
    said = data.draw(st.sampled_from(wordings)).split()
    said[data.draw(st.integers(0, len(said) - 1))] = "zeppelin"
    quoted = " ".join(said)
    scores = [_cover(quoted, w) for w in wordings]
    for _twice in range(2):
        found = quote_findings(f"“{quoted}” he said.", *wordings)
        if max(scores) >= 0.6:
            best = wordings[scores.index(max(scores))]
            [(kind, _p, _e)] = found
            assert kind == "quote_differs"
            assert [f.message for f in check(f"“{quoted}” he said.", *wordings)
                    if f.kind == "quote_differs"] == [
                f"quotation differs from the stored quote “{best}”"]
        else:
            assert [k for k, _p, _e in found] == ["quote_unmatched"]


def test_a_remembered_answer_follows_the_stored_quotes() -> None:
    body = "“We shipped fifty trucks a week,” he said."
    first = [f.message for f in check(body, "We shipped forty trucks a week")]
    then = [f.message for f in check(body, "We shipped sixty trucks a week", "Unrelated.")]
    assert first == ["quotation differs from the stored quote “We shipped forty trucks a week”"]
    assert then == ["quotation differs from the stored quote “We shipped sixty trucks a week”"]


def test_names_and_titles_in_quote_marks_are_not_unmatched_quotations() -> None:
    """Russian sets company and newspaper names in guillemets after a word naming what they
    are, Chinese titles in 《…》: no warning for them; a scare-quoted word still gets one,
    and a short quotation close to a stored quote is still checked."""
    body = ("ООО «Ромашка» и компания «Газпром» написали в газете «Новая газета». "
            "他在《人民日报》上说。 He read the newspaper “Kommersant”. He called it a “sham”.")
    assert quote_findings(body, "Мы уходим отсюда навсегда", language="ru") == [
        ("quote_unmatched", body.index("“sham"), "sham")]
    assert [k for k, _p, _e in quote_findings("Он сказал: «Мы уходили отсюда навсегда».",
                                              "Мы уходим отсюда навсегда",
                                              language="ru")] == ["quote_differs"]


@pytest.mark.parametrize(("body", "stored", "language"), [
    ("He called it “Total Nonsense” and left.", "It is all true", "en"),
    ("The mayor said “We Will Stay” on Friday.", "We are leaving the town", "en"),
    ("Müller sagte: „Wir bleiben hier“ und ging.", "Wir gehen weg", "de"),
    ("Müller sagte: “Wir bleiben hier” und ging.", "Wir gehen weg", "de"),
    ("Министр сказал: «Я не уйду», и ушёл.", "Я уйду в отставку", "ru"),
    ("Он назвал это «Большой Ложью».", "Это правда", "ru"),
    ("田中氏は「辞めない」と述べた。", "辞任する", "ja"),
    ("田中氏は“辞任しない”と述べた。", "辞任する", "ja"),
    ("김 씨는 “사퇴 안 해”라고 말했다.", "사퇴하겠다", "ko"),
    ("他说：“绝不辞职”。", "我会辞职", "zh"),
])
def test_a_short_quotation_matching_no_stored_quote_is_warned_about(body: str, stored: str,
                                                                    language: str) -> None:
    """However short, capitalised or unspaced: only a name word before the marks or a
    title mark makes quote marks a name (a reversed or invented quote must not pass)."""
    [(kind, position, _excerpt)] = quote_findings(body, stored, language=language)
    assert kind in {"quote_unmatched", "quote_differs"}
    assert body[position] in "“„«「"


# -- the speaker's words inside the quote marks ---------------------------------------------

RU_STORED = "Мы отправляли сорок машин в неделю, а теперь отправляем пять."
FR_STORED = "Nous expédiions quarante camions par semaine, et maintenant nous en expédions cinq."


@pytest.mark.parametrize(("body", "stored", "language"), [
    ("«Мы отправляли сорок машин в неделю, — сказал Петров, — а теперь отправляем пять».",
     RU_STORED, "ru"),
    ("Директор был краток. «Мы не уйдём, — заявил он. — Это наша земля». Все молчали.",
     "Мы не уйдём. Это наша земля.", "ru"),
    ("« Nous expédiions quarante camions par semaine, a-t-il dit, et maintenant nous en "
     "expédions cinq. »", FR_STORED, "fr"),
    (f"«{NNBSP}Nous expédiions quarante camions par semaine, dit-elle, et maintenant nous en "
     f"expédions cinq.{NNBSP}»", FR_STORED, "fr"),
    ("« Nous expédiions quarante camions par semaine, a déclaré M. Dupont, et maintenant "
     "nous en expédions cinq. »", FR_STORED, "fr"),
])
def test_a_quotation_with_the_speakers_words_inside_its_marks(body: str, stored: str,
                                                               language: str) -> None:
    """«…, — сказал Петров, — …» and « …, a-t-il dit, … »: each part is the stored quote's;
    the attribution between them is not quoted words. An altered part is found where it
    begins."""
    assert quote_findings(body, stored, language=language) == []
    altered = body.replace("сорок", "пятьдесят").replace("уйдём", "сдадимся") \
        .replace("cinq", "six").replace("Это наша", "Это ваша")
    if "пятьдесят" in altered or "сдадимся" in altered:
        first_part = altered.index("«")
    else:
        first_part = altered.index(" et maintenant") + 1
    if "Это ваша" in altered:
        altered = body.replace("Это наша", "Это ваша")
        first_part = altered.index("Это ваша")
    [(kind, position, _excerpt)] = quote_findings(altered, "Unrelated words about timber.",
                                                  stored, language=language)
    assert (kind, position) == ("quote_differs", first_part)


INCISES = [", — сказал Петров, — ", ", — заявил он. — ", ", a-t-il dit, ", ", dit-elle, ",
           ", a déclaré M. Dupont, "]
FIRST, SECOND = "We used to ship forty trucks a week", "and now it’s only five"


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(PAIRS), st.sampled_from(INCISES), st.sampled_from(LEADS),
       st.sampled_from([None, 0, 1]))
def test_any_marks_around_a_quotation_with_the_speakers_words_inside(
        pair: tuple[str, str], incise: str, lead: str, altered: int | None) -> None:
    """Each part is checked on its own; the altered one (if any) is found where it begins."""
    open_, close = pair
    parts = [FIRST, SECOND]
    if altered is not None:
        parts[altered] = parts[altered].replace("forty", "fifty").replace("five", "six")
    body = f"{lead}{open_}{parts[0]}{incise}{parts[1]}{close} Then he left."
    found = [(k, p) for k, p, _e in quote_findings(body, "Unrelated words about timber",
                                                    f"{FIRST}, {SECOND}.")]
    if altered is None:
        assert found == []
    else:
        at = len(lead) if altered == 0 else body.index(parts[1])
        assert found == [("quote_differs", at)]


def test_a_dash_inside_a_russian_quotation_is_not_an_attribution() -> None:
    stored = "Это — наша земля, и мы — здесь навсегда."
    assert quote_findings(f"«{stored}», — сказал он.", stored, language="ru") == []
    altered = "«Это — наша земля, и мы — здесь ненадолго», — сказал он."
    assert [k for k, _p, _e in quote_findings(altered, stored, language="ru")] == [
        "quote_differs"]


# -- single quotes after a plural ------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("The minister called the protesters ‘thugs’ and ‘criminals’.", ["thugs", "criminals"]),
    ("He described them as ‘hooligans and thugs’ and ‘criminals’.",
     ["hooligans and thugs", "criminals"]),
    ("The minister dismissed the reports as ‘fake news’ and ‘lies’.", ["fake news", "lies"]),
    ("‘We met the Ukrainians’ he said, ‘and the Poles.’", ["We met the Ukrainians",
                                                          "and the Poles."]),
    ("The minister called them 'thugs' and 'criminals'.", ["thugs", "criminals"]),
    ("‘The Ukrainians’ homes are gone,’ he said, ‘all of them.’",
     ["The Ukrainians’ homes are gone,", "all of them."]),
])
def test_apostrophes_after_a_plural_close_a_single_quote_the_next_one_reopens(
        text: str, words: list[str]) -> None:
    assert [q.words for q in quotations(text)] == words


def test_an_altered_single_quoted_quotation_before_another_is_found() -> None:
    body = "He described them as ‘hooligans and thugs’ and ‘criminals’."
    assert [(k, p) for k, p, _e in quote_findings(body, "They are vandals and thugs",
                                                   "criminals")] == [
        ("quote_differs", body.index("‘"))]


def test_an_inch_mark_inside_a_straight_quoted_quotation() -> None:
    text = 'The buyer was clear. "We bought 24" screens," he said. A 27" one is here.'
    assert [q.words for q in quotations(text)] == ['We bought 24" screens,']
    assert [k for k, _p, _e in quote_findings(text.replace("screens", "monitors"),
                                              'We bought 24" screens.')] == ["quote_differs"]


# -- sentences the library ends too late or too early ---------------------------------------

@pytest.mark.parametrize(("text", "language", "expected"), [
    ("他说：“我们不知道。”出口下降了38%。", "zh", ["他说：“我们不知道。”", "出口下降了38%。"]),
    ("王先生说：“没问题！”李女士不同意。", "zh", ["王先生说：“没问题！”", "李女士不同意。"]),
    ("「辞めない。」田中氏はそう繰り返した。", "ja",
     ["「辞めない。」", "田中氏はそう繰り返した。"]),
    ("田中氏は「辞めない。」と述べた。山田氏は黙った。", "ja",
     ["田中氏は「辞めない。」と述べた。", "山田氏は黙った。"]),
    ("그는 “우리는 떠난다.”라고 말했다. 그녀는 침묵했다.", "ko",
     ["그는 “우리는 떠난다.”라고 말했다.", "그녀는 침묵했다."]),
    ("Der Umsatz stieg um 12 Prozent. 2026 fiel er wieder.", "de",
     ["Der Umsatz stieg um 12 Prozent.", "2026 fiel er wieder."]),
    ("Sie kauften Brot, Milch usw. Dann gingen sie. Milch usw. und Brot.", "de",
     ["Sie kauften Brot, Milch usw.", "Dann gingen sie.", "Milch usw. und Brot."]),
    ("Er kam auf Platz 3. Danach hörte er auf. Am 3. Mai kam er zurück.", "de",
     ["Er kam auf Platz 3.", "Danach hörte er auf.", "Am 3. Mai kam er zurück."]),
    ("Ils ont acheté du pain, du lait, etc. Puis ils sont partis.", "fr",
     ["Ils ont acheté du pain, du lait, etc.", "Puis ils sont partis."]),
    ("Купили хлеб, молоко и т. д. Потом ушли домой.", "ru",
     ["Купили хлеб, молоко и т. д.", "Потом ушли домой."]),
    ("Exports fell 38.5 percent in Sept. 2026. Then 2027 came.", "en",
     ["Exports fell 38.5 percent in Sept. 2026.", "Then 2027 came."]),
    ("Siehe S. 5 bzw. Nr. 12. Das reicht.", "de", ["Siehe S. 5 bzw. Nr. 12.", "Das reicht."]),
])
def test_sentences_end_where_an_editor_ends_them(text: str, language: str,
                                                 expected: list[str]) -> None:
    assert split(text, language) == expected


def test_a_figure_after_a_quoted_sentence_in_chinese_is_flagged() -> None:
    """The quotation's sentence is anchored to a claim; the figure after it is not."""
    body = "他说：“我们不知道。”出口下降了38%。"
    quote_end = body.index("出口")
    anchored = DraftText(body, (Anchor(0, quote_end, uuid.uuid4()),))
    found = [(f.kind, f.position) for f in check_draft(anchored, {}, ["我们不知道。"], [], [],
                                                      language="zh")
             if f.kind == "unattributed"]
    assert found == [("unattributed", quote_end)]


# -- a bug in the library never takes the checker down --------------------------------------

SPACES = ["\u00a0", "\u202f", "\u2009", "\u2002", "\u200a", "\u2028", "\u2029", "\u205f",
          "\u1680", "\u0085"]


@pytest.mark.parametrize("space", SPACES)
def test_a_capital_a_unicode_space_and_a_full_stop(space: str) -> None:
    """sentencex 1.0.32 panics (a Rust panic, a BaseException) on "Plan B\u00a0. Then."."""
    for text, language in ((f"Plan B{space}. Then.", "en"),
                           (f"Le bâtiment B{space}. Il est fermé.", "fr"),
                           (f"Il a dit le mot X{space}… Puis rien.", "fr"),
                           (f"Er wohnt in Haus B{space}. Dann.", "de")):
        spans = sentences(text, language)
        assert spans[0][0] == 0 and spans[-1][1] == len(text), (text, spans)
        assert all(a < b for a, b in spans), (text, spans)


def test_the_checker_and_the_export_survive_a_no_break_space(tmp_path: Path) -> None:
    body = "Exports fell. Plan B\u00a0. Exports fell 38 percent."
    with CaseFile.create(tmp_path / "nb.casefile", title="Exports", actor="tester") as case:
        draft = case.drafts.create(headline="Exports", body=body)
        found = [(f.kind, f.excerpt) for f in case.drafts.check(draft.uuid)]
    assert [k for k, e in found if "38 percent" in e] == ["unattributed"]
    assert draft_sentences(body, "en")[-1].endswith("Exports fell 38 percent.")


class _Panic(BaseException):
    """What pyo3 raises for a Rust panic: not an Exception."""


def test_a_library_crash_falls_back_to_the_rule_based_split(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sentencex  # type: ignore[import-untyped]

    def panics(_language: str, _text: str) -> list[dict[str, int]]:
        raise _Panic("end byte index 28 is not a char boundary")

    monkeypatch.setattr(sentencex, "get_sentence_boundaries", panics)
    text = ("Mr. Petrov left. Exports fell 38 percent! “Why?” he asked.\n\n"
            "輸出は減った。彼は去った。")
    assert split(text, "en") == ["Mr. Petrov left.", "Exports fell 38 percent!",
                                 "“Why?” he asked.", "輸出は減った。", "彼は去った。"]
    found = [f.kind for f in check("Exports fell. Exports fell 38 percent.")]
    assert found == ["unattributed"]


def test_an_interrupt_still_interrupts(monkeypatch: pytest.MonkeyPatch) -> None:
    import sentencex  # type: ignore[import-untyped]

    def interrupted(_language: str, _text: str) -> list[dict[str, int]]:
        raise KeyboardInterrupt

    monkeypatch.setattr(sentencex, "get_sentence_boundaries", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sentences("One. Two.", "en")


def test_a_findings_highlight_stops_at_a_cjk_sentence_end() -> None:
    """When a finding's excerpt is not found, the highlight runs to its sentence's end."""
    from ui.draft_checker import words_at

    text = "輸出は38％減った。田中氏は去った。"
    assert words_at(text, 0, "not in the text") == (0, text.index("。") + 1)
    assert words_at("Exports fell. He left.", 0, "") == (0, len("Exports fell."))
