"""Three-way merge of long text fields (casefile/sync/text_merge.py): both sides' edits land
where they touch different paragraphs or sentences, overlapping ones are hunks naming both,
anchors are never cut or doubled, and a quote's words are found again after the edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casefile.claims.draft_text import DraftText
from casefile.sync.text_merge import (
    CHANGED_BOTH,
    PLACED_TWICE,
    Hunk,
    TextMerge,
    merge_text,
    reanchor,
)

LATIN = ["river", "trucks", "border", "customs", "waited", "days", "crossing", "market",
         "vegetables", "drivers", "Blagoveshchensk", "Heihe"]
CYRILLIC = ["река", "грузовики", "граница", "таможня", "ждали", "дней", "переправа", "рынок",
            "овощи", "водители", "Благовещенск", "Хэйхэ"]
HANGUL = ["강", "트럭이", "국경에서", "세관은", "시장", "채소", "운전사", "블라고베셴스크"]
HANGUL_ENDS = ["기다렸다", "닫혔다", "썩었다", "갔다", "말했다"]
EMOJI = ["🚚", "🌊", "👩\u200d🌾", "🇷🇺"]

CLAIM = "6f1c0a8e-1111-4222-8333-944445555666"
PHOTO = "9a2e41d0-1111-4222-8333-944445555666"


@st.composite
def sentence(draw: st.DrawFn, script: str) -> str:
    """A sentence the segmenter reads as one, in one script, emoji among its words."""
    if script == "ko":
        words = draw(st.lists(st.sampled_from(HANGUL + EMOJI), min_size=1, max_size=5))
        last = draw(st.sampled_from(HANGUL_ENDS))
    else:
        vocab = LATIN if script == "en" else CYRILLIC
        words = [draw(st.sampled_from(vocab)).capitalize()]
        words += draw(st.lists(st.sampled_from(vocab + EMOJI), max_size=4))
        last = draw(st.sampled_from(vocab))
    return " ".join([*words, last]) + draw(st.sampled_from(".!?"))


@dataclass
class Story:
    """A text as paragraphs of sentences, rendered with its own spacing and line ends."""

    paragraphs: list[list[str]]
    gaps: list[str]
    line_end: str
    trailing: bool
    claims: dict[int, str]  # the sentences bound to a claim (a draft body's anchors)

    def render(self, units: list[list[str]] | None = None) -> str:
        """The text; `units`, when given, is what each sentence became (flat order)."""
        paragraphs = self.paragraphs
        if units is not None:
            flat = iter(units)
            paragraphs = [[s for _ in p for s in next(flat)] for p in self.paragraphs]
        text = (self.line_end * 2).join(gap.join(p) for gap, p in zip(self.gaps, paragraphs,
                                                                          strict=True))
        return text + (self.line_end if self.trailing else "")

    @property
    def units(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]


def bound(words: str, claim: str) -> str:
    """A sentence whose words (not its full stop) are anchored to a claim."""
    return f"⟦claim:{claim}⟧{words[:-1]}⟦/claim⟧{words[-1]}"


@st.composite
def story(draw: st.DrawFn, anchored: bool = False) -> Story:
    scripts = draw(st.lists(st.sampled_from(["en", "ru", "ko"]), min_size=1, max_size=5))
    paragraphs = [draw(st.lists(sentence(s), min_size=1, max_size=4)) for s in scripts]
    flat = [s for p in paragraphs for s in p]
    assume(len(set(flat)) == len(flat))
    claims: dict[int, str] = {}
    if anchored:
        claims = {u: f"{u:08x}-1111-4222-8333-944445555666" for u in range(len(flat))
                  if draw(st.booleans())}
        flat = [bound(s, claims[u]) if u in claims else s for u, s in enumerate(flat)]
        flat.reverse()
        paragraphs = [[flat.pop() for _ in p] for p in paragraphs]
    gaps = [draw(st.sampled_from([" ", "  ", "\u00a0"])) for _ in paragraphs]
    return Story(paragraphs, gaps, draw(st.sampled_from(["\n", "\r\n"])), draw(st.booleans()),
                 claims)


def fresh(draw: Callable[[st.SearchStrategy[str]], str], taken: set[str]) -> str:
    """A sentence no text of the test holds yet."""
    new = draw(sentence(draw(st.sampled_from(["en", "ru", "ko"]))).filter(
        lambda s: s not in taken))
    taken.add(new)
    return new


@st.composite
def two_sides(draw: st.DrawFn, conflict: bool = False, anchored: bool = False
              ) -> tuple[Story, dict[int, list[str]], dict[int, list[str]], int | None]:
    """A story and each side's edits to different sentences: a sentence replaced, deleted,
    or followed by a new one. Deletions and insertions keep off the sentences next to any
    other edit (diff3 cannot tell which of the edits the gap between them went to). With
    `conflict`, one sentence both sides replaced differently, its index returned."""
    base = draw(story(anchored))
    n = len(base.units)
    taken = set(base.units) | {DraftText.parse(s).text for s in base.units}

    def edited(u: int) -> str:  # an anchored sentence's words change inside its anchor
        new = fresh(draw, taken)
        return bound(new, base.claims[u]) if u in base.claims else new

    sides: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})
    structural: tuple[set[int], set[int]] = (set(), set())
    both = None
    alone = {u for u, s in enumerate(base.units) if [s] in base.paragraphs}
    if conflict:
        both = draw(st.integers(0, n - 1))
        sides[0][both] = [edited(both)]
        sides[1][both] = [edited(both)]
    for u in draw(st.permutations(range(n))):
        side = draw(st.sampled_from([0, 1, None]))
        if side is None or u in sides[0] or u in sides[1]:
            continue
        near = {u - 1, u + 1}
        if near & (structural[0] | structural[1]):
            continue
        op = draw(st.sampled_from(["replace", "delete", "insert"]))
        if op == "delete" and u in alone:  # a paragraph is deleted with its blank line
            op = "replace"
        if near & {*sides[0], *sides[1]}:
            op = "replace"
        if op == "replace":
            sides[side][u] = [edited(u)]
        elif op == "delete":
            sides[side][u] = []
            structural[side].add(u)
        else:
            sides[side][u] = [base.units[u], fresh(draw, taken)]
            structural[side].add(u)
    return base, sides[0], sides[1], both


def apply(base: Story, *edits: dict[int, list[str]]) -> str:
    """The story with every edit made (the first given wins a sentence both edited)."""
    units = []
    for u, s in enumerate(base.units):
        done = next((e[u] for e in edits if u in e), [s])
        units.append(done)
    return base.render(units)


def check_hunks(result: TextMerge, base: str, mine: str, theirs: str) -> None:
    """Each hunk's pieces stand where it says, in order, none over another."""
    last = (0, 0, 0)
    for h in result.conflicts:
        assert base[h.base_start:h.base_end] == h.base
        assert mine[h.mine_start:h.mine_end] == h.mine
        assert theirs[h.theirs_start:h.theirs_end] == h.theirs
        assert (h.base_start, h.mine_start, h.theirs_start) >= last
        last = (h.base_end, h.mine_end, h.theirs_end)


# -- properties ------------------------------------------------------------------------------

ANY_TEXT = st.text(st.sampled_from(list("ab .!?\n\r\t") + ["Ж", "ы", "한", "🚚", "⟦", "⟧",
                                                            "\u00a0", "\u2028"]), max_size=60)


@given(ANY_TEXT, ANY_TEXT)
def test_one_side_changed_gives_that_side(base: str, edited: str) -> None:
    assert merge_text(base, edited, base) == TextMerge(edited, (), (edited,) if edited else ())
    assert merge_text(base, base, edited).text == edited
    assert merge_text(base, edited, edited).text == edited


@given(two_sides())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_edits_to_different_sentences_both_land(
        sides: tuple[Story, dict[int, list[str]], dict[int, list[str]], int | None]) -> None:
    story_, ours, yours, _ = sides
    base, mine, theirs = story_.render(), apply(story_, ours), apply(story_, yours)
    both = apply(story_, ours, yours)
    # Exactly base with both edit sets made: not a character lost, moved or invented.
    assert merge_text(base, mine, theirs).text == both
    assert merge_text(base, theirs, mine, language="ru").text == both
    # Merging again with a side that holds both: that text, or a conflict, never a third.
    assert merge_text(base, mine, both).text in (both, None)


@given(two_sides(anchored=True))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_edits_inside_and_beside_anchors_both_land(
        sides: tuple[Story, dict[int, list[str]], dict[int, list[str]], int | None]) -> None:
    story_, ours, yours, _ = sides
    base, mine, theirs = story_.render(), apply(story_, ours), apply(story_, yours)
    both = apply(story_, ours, yours)
    result = merge_text(base, mine, theirs)
    assert result.text == both
    kept = {story_.claims[u] for u in story_.claims if ours.get(u, [1]) and yours.get(u, [1])}
    assert {str(a.claim) for a in DraftText.parse(result.text).anchors} == kept
    assert len(DraftText.parse(result.text).anchors) == len(kept)


@given(two_sides(conflict=True, anchored=True))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_sentence_changed_differently_on_both_sides_is_one_hunk(
        sides: tuple[Story, dict[int, list[str]], dict[int, list[str]], int | None]) -> None:
    story_, ours, yours, both = sides
    assert both is not None
    base, mine, theirs = story_.render(), apply(story_, ours), apply(story_, yours)
    result = merge_text(base, mine, theirs)
    assert result.text is None
    assert [(h.base, h.mine, h.theirs, h.reason) for h in result.conflicts] == [
        (story_.units[both], ours[both][0], yours[both][0], CHANGED_BOTH)]
    check_hunks(result, base, mine, theirs)
    # Everything else of both sides is kept around the hunk, whichever side it is given.
    assert result.resolved(lambda h: h.mine) == apply(story_, ours, yours)
    assert result.resolved(lambda h: h.theirs) == apply(story_, yours, ours)


@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_hunks_name_their_places_in_any_text(base: str, mine: str, theirs: str) -> None:
    result = merge_text(base, mine, theirs)
    check_hunks(result, base, mine, theirs)
    assert (result.text is None) == bool(result.conflicts)
    if result.text is not None:
        assert result.resolved(lambda h: "") == result.text
    else:
        # Clean text and hunks alternate with nothing dropped: putting each hunk's base
        # back where both sides' clean edits are absent gives mine's or theirs' pieces.
        assert "".join(p.mine if isinstance(p, Hunk) else p
                       for p in result.pieces) == result.resolved(lambda h: h.mine)


@given(story(), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_reanchor_follows_moved_words_and_loses_deleted_ones(story_: Story,
                                                             data: st.DataObject) -> None:
    old = story_.render()
    n = len(story_.units)
    quoted = data.draw(st.integers(0, n - 1))
    words = story_.units[quoted]
    start = old.index(words)
    taken = set(story_.units)
    edits: dict[int, list[str]] = {}
    for u in range(n):
        if u != quoted and data.draw(st.booleans()):
            edits[u] = data.draw(st.sampled_from([[], [fresh(data.draw, taken)],
                                                  [story_.units[u], fresh(data.draw, taken)],
                                                  [fresh(data.draw, taken), story_.units[u]]]))
    new = apply(story_, edits)
    moved = apply(story_, {**edits, quoted: ["\0"]}).index("\0")  # where the sentence went
    assert new[moved:moved + len(words)] == words
    assert reanchor(old, new, start, start + len(words), words) == (moved, moved + len(words))
    gone = apply(story_, {**edits, quoted: []})
    found = reanchor(old, gone, start, start + len(words), words)
    if words in gone:  # inside a longer sentence: that is where the words now stand
        assert found is not None and gone[found[0]:found[1]] == words
    else:
        assert found is None


# -- a transcript corrected on two sides -----------------------------------------------------

TRANSCRIPT = "\n\n".join([
    "Q: When did the trucks start waiting at the crossing?",
    "A: In September. Galina Shvetz said the line reached the bridge. Nobody moved.",
    "Q: How long did you wait?",
    "A: Six days, sometimes more. The vegetables rotted in the heat.",
    "A: The customs post closed on 14 October. It opened again a week later.",
    "Q: Did anyone explain why?",
    "A: No one. Грузовики стояли у моста. 트럭이 국경에서 기다렸다.",
]) + "\n"


def test_a_name_fixed_here_and_a_date_fixed_there_both_land() -> None:
    mine = TRANSCRIPT.replace("Galina Shvetz", "Galina Shvets")
    theirs = TRANSCRIPT.replace("14 October", "16 October")
    result = merge_text(TRANSCRIPT, mine, theirs, language="en")
    assert result.conflicts == ()
    assert result.text == TRANSCRIPT.replace("Galina Shvetz", "Galina Shvets").replace(
        "14 October", "16 October")


def test_two_sentences_of_one_paragraph_fixed_on_two_sides_both_land() -> None:
    mine = TRANSCRIPT.replace("In September.", "In late September.")
    theirs = TRANSCRIPT.replace("Nobody moved.", "Nobody moved for hours.")
    result = merge_text(TRANSCRIPT, mine, theirs)
    assert result.text == TRANSCRIPT.replace("In September.", "In late September.").replace(
        "Nobody moved.", "Nobody moved for hours.")


def test_the_same_sentence_corrected_differently_is_a_conflict() -> None:
    sentence = "Galina Shvetz said the line reached the bridge."
    mine = TRANSCRIPT.replace(sentence, "Galina Shvets said the line reached the bridge.")
    theirs = TRANSCRIPT.replace(sentence, "Galina Shvetz said the line reached the river.")
    theirs = theirs.replace("14 October", "16 October")
    result = merge_text(TRANSCRIPT, mine, theirs)
    assert result.text is None
    [hunk] = result.conflicts
    assert (hunk.base, hunk.mine, hunk.theirs) == (
        sentence, "Galina Shvets said the line reached the bridge.",
        "Galina Shvetz said the line reached the river.")
    assert hunk.base_start == TRANSCRIPT.index(sentence)
    assert hunk.mine_start == mine.index(hunk.mine)
    assert hunk.theirs_start == theirs.index(hunk.theirs)
    # The lead's value stays until resolved; the date fix is not lost meanwhile.
    assert "16 October" in result.resolved(lambda h: h.mine)


def test_crlf_transcript_keeps_its_line_ends() -> None:
    base = TRANSCRIPT.replace("\n", "\r\n")
    mine = base.replace("Six days", "Seven days")
    theirs = base.replace("Did anyone", "Did somebody")
    result = merge_text(base, mine, theirs)
    assert result.text == base.replace("Six days", "Seven days").replace(
        "Did anyone", "Did somebody")
    assert result.text.count("\r\n") == base.count("\r\n")
    assert "\n" not in result.text.replace("\r\n", "")


def test_a_long_transcript_with_repeated_lines_merges_far_apart_edits() -> None:
    """Hundreds of blank lines and the same short answer many times (popular lines)."""
    lines = []
    for k in range(600):
        lines.append(f"Q: Question number {k} about the crossing?")
        lines.append("A: Yes." if k % 3 else f"A: The answer to {k} is long. It goes on.")
    base = "\n\n".join(lines) + "\n"
    mine = base.replace("answer to 30 is", "answer to thirty is").replace(
        "Question number 400 ", "Question 400 ")
    theirs = base.replace("answer to 33 is", "answer to thirty-three is").replace(
        "It goes on.\n\nQ: Question number 301", "It went on.\n\nQ: Question number 301")
    result = merge_text(base, mine, theirs)
    assert result.conflicts == ()
    assert result.text == mine.replace("answer to 33 is", "answer to thirty-three is").replace(
        "It goes on.\n\nQ: Question number 301", "It went on.\n\nQ: Question number 301")


def test_an_inserted_paragraph_and_a_deleted_one_both_land() -> None:
    mine = TRANSCRIPT.replace("Q: Did anyone explain why?\n\n", "")
    theirs = TRANSCRIPT.replace("Q: How long", "Q: [inaudible]\n\nQ: How long")
    assert merge_text(TRANSCRIPT, mine, theirs).text == mine.replace(
        "Q: How long", "Q: [inaudible]\n\nQ: How long")


def test_both_inserting_different_paragraphs_at_one_place_is_a_conflict() -> None:
    mine = TRANSCRIPT + "\nQ: Thank you.\n"
    theirs = TRANSCRIPT + "\nA: [end of recording]\n"
    result = merge_text(TRANSCRIPT, mine, theirs)
    assert result.text is None
    [hunk] = result.conflicts
    assert hunk.base == "" and "Thank you" in hunk.mine and "end of recording" in hunk.theirs
    assert hunk.base_start == len(TRANSCRIPT)


# -- draft bodies: anchors are never cut or doubled ------------------------------------------

BODY = (
    "Galina Shvets has been bringing vegetables across the Amur for 12 years. This fall, "
    f"⟦claim:{CLAIM}⟧her trucks have waited up to six days to cross⟦/claim⟧, she said. "
    "The queue stretches back to the city.\n\n"
    f"⟦photo:{PHOTO}⟧\n\n"
    "Exports fell by 38 percent, according to the statistics service. "
    "Customs officers declined to comment.")


def test_an_edit_inside_an_anchor_and_one_beside_it_both_land() -> None:
    mine = BODY.replace("up to six days", "up to seven days")
    theirs = BODY.replace("back to the city", "back to the town")
    result = merge_text(BODY, mine, theirs)
    assert result.text == mine.replace("back to the city", "back to the town")
    [anchor] = DraftText.parse(result.text).anchors
    assert DraftText.parse(result.text).anchor_text(anchor) == (
        "her trucks have waited up to seven days to cross")


def test_two_edits_inside_one_anchor_are_a_conflict() -> None:
    spanning = BODY.replace("⟦/claim⟧, she said. The queue stretches back",
                            ", she said. The queue stretches⟦/claim⟧ back")
    mine = spanning.replace("up to six days", "up to seven days")
    theirs = spanning.replace("The queue stretches", "The line stretches")
    result = merge_text(spanning, mine, theirs)
    assert result.text is None
    [hunk] = result.conflicts
    assert hunk.base.startswith("This fall, ⟦claim:") and hunk.base.endswith("back to the city.")
    for piece in (hunk.base, hunk.mine, hunk.theirs):  # the whole anchor, markers and all
        assert piece.count(f"⟦claim:{CLAIM}⟧") == 1 and piece.count("⟦/claim⟧") == 1


def test_an_anchor_added_in_a_sentence_the_other_side_edited_is_a_conflict() -> None:
    mine = BODY.replace("Exports fell by 38 percent",
                        f"⟦claim:{CLAIM.replace('6f1c', '07da')}⟧Exports fell by 38 percent"
                        "⟦/claim⟧")
    theirs = BODY.replace("38 percent", "39 percent")
    result = merge_text(BODY, mine, theirs)
    assert result.text is None
    assert [h.reason for h in result.conflicts] == [CHANGED_BOTH]


def test_an_anchor_moved_to_two_places_is_a_conflict_not_a_copy() -> None:
    anchored = ("This fall, ⟦claim:" + CLAIM + "⟧her trucks have waited up to six days to "
                "cross⟦/claim⟧, she said. ")
    assert anchored in BODY
    rest = BODY.replace(anchored, "")
    mine = rest.replace("Exports fell", anchored + "Exports fell")
    theirs = rest.replace("Customs officers", anchored + "Customs officers")
    result = merge_text(BODY, mine, theirs)
    assert result.text is None
    assert {h.reason for h in result.conflicts} == {PLACED_TWICE}
    assert all(CLAIM in h.mine or CLAIM in h.theirs for h in result.conflicts)
    # Each side's placement is its own hunk: kept as the lead has it, or as the copy has it.
    kept, taken = result.resolved(lambda h: h.mine), result.resolved(lambda h: h.theirs)
    assert kept.count(CLAIM) == taken.count(CLAIM) == 1
    assert anchored + "Exports fell" in kept and anchored + "Customs officers" in taken


def test_a_photo_moved_on_both_sides_to_different_places_is_a_conflict() -> None:
    photo = f"⟦photo:{PHOTO}⟧\n\n"
    rest = BODY.replace(photo, "")
    mine = photo + rest
    theirs = rest + "\n\n" + photo.rstrip()
    result = merge_text(BODY, mine, theirs)
    assert result.text is None
    assert PLACED_TWICE in {h.reason for h in result.conflicts}


def test_an_anchor_removed_here_and_a_sentence_edited_there_both_land() -> None:
    mine = BODY.replace(f"⟦claim:{CLAIM}⟧", "").replace("⟦/claim⟧", "")
    theirs = BODY.replace("declined to comment", "did not respond")
    result = merge_text(BODY, mine, theirs)
    assert result.text == mine.replace("declined to comment", "did not respond")
    assert DraftText.parse(result.text).anchors == ()


def test_an_escaped_bracket_is_never_cut() -> None:
    base = "A note ⟦⟦ here. Second sentence.\n"
    mine = base.replace("A note", "One note")
    theirs = base.replace("Second", "Another")
    assert merge_text(base, mine, theirs).text == "One note ⟦⟦ here. Another sentence.\n"


# -- reanchor: examples --------------------------------------------------------------------


def test_reanchor_prefers_the_occurrence_where_the_words_went() -> None:
    old = "Q: Were you there?\nA: Yes.\nQ: Did they pay?\nA: Yes.\nQ: How much?\n"
    start = old.index("Yes.", old.index("pay"))
    new = "Q: [intro]\n" + old.replace("Did they pay?", "Did they pay you?")
    assert reanchor(old, new, start, start + 4, "Yes.") == (
        new.index("Yes.", new.index("pay")), new.index("Yes.", new.index("pay")) + 4)


def test_reanchor_finds_words_whose_sentence_changed_around_them() -> None:
    old = "Intro line.\nHe said the trucks waited six days at the bridge.\nEnd.\n"
    start = old.index("the trucks waited")
    new = old.replace("He said", "Ivanov, the driver, said").replace("Intro line.", "Intro.")
    found = reanchor(old, new, start, start + 17, "the trucks waited")
    assert found == (new.index("the trucks waited"), new.index("the trucks waited") + 17)


def test_reanchor_in_a_transcript_on_one_long_line() -> None:
    old = " ".join(f"Sentence {k} is here." for k in range(2000))
    start = old.index("Sentence 1500 is")
    new = old.replace("Sentence 10 is", "Sentence ten is").replace("Sentence 1499 is",
                                                                   "The 1499th is")
    assert reanchor(old, new, start, start + 16, "Sentence 1500 is") == (
        new.index("Sentence 1500 is"), new.index("Sentence 1500 is") + 16)


@pytest.mark.parametrize("new", ["", "Something else entirely.", "Yes"])
def test_reanchor_returns_none_when_the_words_are_gone(new: str) -> None:
    assert reanchor("Q: Did they pay? A: Yes.", new, 20, 24, "Yes.") is None


def test_reanchor_follows_a_sentence_moved_elsewhere() -> None:
    old = "Q: Where?\nA: At the bridge. The trucks waited six days. Nobody came.\n"
    start = old.index("The trucks waited")
    new = ("A: The trucks waited six days.\nQ: Where?\nA: At the bridge. Nobody came.\n"
           "Q: And then?\n")
    assert reanchor(old, new, start, start + 17, "The trucks waited") == (3, 20)


def test_a_sentence_inserted_on_both_sides_and_edited_on_one_is_there_once() -> None:
    """The same insertion diffed one way on one side and the other way on the other must
    not come in twice; the side whose edits include the other's is taken."""
    base = "River trucks. Border days waited.\n"
    mine = "River trucks. Market drivers. Border days waited.\n"
    theirs = "River trucks. Market drivers. Border days closed.\n"
    assert merge_text(base, mine, theirs).text == theirs
    assert merge_text(base, theirs, mine).text == theirs
