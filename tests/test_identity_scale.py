"""The identity matcher at the scale of a long investigation (issue 16): thousands of
protected sources, many sharing the words of their names ("Olga Source 3", "Olga Source 7"),
found with one automaton per key set — and finding exactly what the matcher found before it,
which looked every key length up at every word start (the oracle below, kept as it was)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casefile.identity as identity_mod
from casefile.identity import (
    MIN_INFLECTED,
    MIN_LOOSE,
    Hit,
    Identity,
    IdentityMatcher,
    _email_local,
    _non_overlapping,
    _phone_digits,
    _phone_text,
)
from casefile.identity_keys import SUFFIXES, Key
from casefile.identity_text import ASCII_LOOKALIKE, Compact, compact, loose_word, loosen, words
from casefile.models import GroundRules, Source, SourceKind

# ---- the oracle: the matcher's candidate search before the automaton ----------------------


class OracleKeySet:
    """Folded keys looked up at every word start, every key length in turn."""

    def __init__(self, keys: list[Key]) -> None:
        self.by_length: dict[int, dict[str, list[Key]]] = {}
        for k in keys:
            self.by_length.setdefault(len(k.folded), {}).setdefault(k.folded, []).append(k)
        self.lengths = sorted(self.by_length, reverse=True)
        self.prefixes = {k.folded[:2] for k in keys}

    def positions(self, text: str, starts: Iterable[int], ends: set[int] | frozenset[int],
                  hard: list[int] | None = None) -> list[tuple[int, int, Key, bool]]:
        from bisect import bisect_left, bisect_right

        def ending(end: int, k: Key) -> int | None:
            if not k.inflects or end in begins:
                return None
            for stop in range(end + 1, min(end + 5, len(text)) + 1):
                if stop in ends:
                    return stop if text[end:stop] in SUFFIXES else None
            return None

        def crossing(start: int, end: int, k: Key) -> bool:
            if not hard:
                return True
            inside = hard[bisect_right(hard, start):bisect_left(hard, end)]
            if not inside or all(p - start in k.breaks for p in inside):
                return True
            cuts = [start, *inside, end]
            return all(b - a == 1 for a, b in zip(cuts, cuts[1:], strict=False))

        out = []
        starts = list(starts)
        begins = set(starts)
        for start in starts:
            if text[start:start + 2] not in self.prefixes:
                continue
            for length in self.lengths:
                end = start + length
                for k in self.by_length[length].get(text[start:end], ()):
                    stop = end if end in ends and not k.stem else ending(end, k)
                    if stop is not None and crossing(start, end, k):
                        out.append((start, stop, k, stop != end))
        return out

    def hits(self, stream: Compact, text: str) -> list[Hit]:
        out = []
        for start, end, k, ending in self.positions(stream.text, sorted(stream.starts),
                                                    stream.ends, sorted(stream.hard)):
            a, b = stream.span(start, end)
            out.append(Hit(a, b, text[a:b], k.identity, ending))
        return out


_ORACLE_KEYS: dict[int, tuple[IdentityMatcher, tuple[OracleKeySet, OracleKeySet,
                                                      list[tuple[str, Identity]]]]] = {}


def oracle_keys(m: IdentityMatcher) -> tuple[OracleKeySet, OracleKeySet,
                                             list[tuple[str, Identity]]]:
    known = _ORACLE_KEYS.get(id(m))
    if known is None or known[0] is not m:
        _ORACLE_KEYS.clear()
        known = _ORACLE_KEYS[id(m)] = (m, _oracle_keys(m))
    return known[1]


def _oracle_keys(m: IdentityMatcher) -> tuple[OracleKeySet, OracleKeySet,
                                              list[tuple[str, Identity]]]:
    keys: list[Key] = []
    phones = []
    for ident in m.identities:
        digits = _phone_digits(ident.text, "phone") if ident.part == "contact details" else ""
        if digits:
            phones.append((digits, ident))
        exact = compact(_email_local(ident.text) or ident.text)
        if not exact.text:
            continue
        inflects = ident.part in ("name", "name part", "second reference") \
            and len(exact.text) >= MIN_INFLECTED
        keys.append(Key(exact.text, ident, False, exact.hard, inflects=inflects))
        if inflects and exact.text[-1] in "aeiouy" and len(exact.text) > MIN_INFLECTED:
            keys.append(Key(exact.text[:-1], ident, False, exact.hard, stem=True,
                            inflects=True))
        loose = loosen(exact)
        if loose.text != exact.text and len(exact.text) >= 3 and (
                len(loose.text) >= MIN_LOOSE or len(loose.text) == len(exact.text)):
            keys.append(Key(loose.text, ident, True, loose.hard))
    return (OracleKeySet([k for k in keys if not k.loose]),
            OracleKeySet([k for k in keys if k.loose]), phones)


def _stream(folded: list[str]) -> tuple[str, list[int], set[int]]:
    starts, pos = [], 0
    for w in folded:
        starts.append(pos)
        pos += len(w)
    return "".join(folded), starts, {a + len(w) for a, w in zip(starts, folded, strict=True)}


def oracle_written_as_a_name(m: IdentityMatcher, text: str, hit: Hit) -> bool:
    """IdentityMatcher._written_as_a_name as it was."""
    import re

    from casefile.frequent_words import is_frequent, is_word
    from casefile.identity import _TITLES, COMMON_SHORT
    from casefile.identity_text import key

    if hit.identity.part not in ("name part", "second reference", "name"):
        return True
    if hit.ending and is_word(hit.words) and key(hit.words) != key(hit.identity.text):
        return False
    folded = key(hit.identity.text)
    short = folded in COMMON_SHORT
    if hit.identity.part == "name" or not (short or is_frequent(hit.identity.text)):
        return True
    if not hit.words[:1].isupper() or (short and not hit.words.isalpha()) \
            or (short and hit.words.isupper() and len(hit.words) > 1 and text.isupper()):
        return False
    shouted = len(hit.words) > 1 and hit.words.isupper() and not text.isupper()
    if not shouted:
        own = {key(i.text) for i in m.identities if i.source == hit.identity.source}
        stems = {k[:4] for k in own if len(k) >= 4}
        before = re.search(r"(\w+)[ \u00a0]+$", text[:hit.start])
        after = re.match(r"[ \u00a0]+(\w+)", text[hit.end:])
        for word_m in (before, after):
            if word_m is None:
                continue
            word = word_m.group(1)
            f = key(word)
            if word[:1].isupper() and f not in own and f[:4] not in stems \
                    and f not in _TITLES:
                return False
    if not short:
        return True
    before_text = text[:hit.start].rstrip(" \t\u00a0\"“‘'([")
    if not before_text:
        return False
    if before_text.endswith("."):
        title = re.search(r"(\w+)\.$", before_text)
        return title is not None and key(title.group(1)) in _TITLES
    return before_text[-1] not in "!?:;\n\r—–-•"


def oracle_find(m: IdentityMatcher, text: str) -> list[Hit]:
    """IdentityMatcher.find as it was: every key of every identity a hit of its own, each
    hit checked by the rules, then the overlaps merged."""
    if not text or not m.identities:
        return []
    exact, loose, phones = oracle_keys(m)
    may = False
    for skeleton in (False, True):
        if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
            break
        folded = words(text, skeleton=skeleton)
        if exact.positions(*_stream(folded)) or (loose.lengths and loose.positions(
                *_stream([loose_word(w)[0] for w in folded]))):
            may = True
            break
    found: list[Hit] = []
    if may:
        for skeleton in (False, True):
            if skeleton and text.isascii() and not ASCII_LOOKALIKE.search(text):
                break
            stream = compact(text, skeleton=skeleton)
            found += exact.hits(stream, text)
            if loose.lengths:
                found += [replace(h, ending=True) for h in loose.hits(loosen(stream), text)]
    digits_text, origin = _phone_text(text)
    import re
    for run_m in identity_mod._DIGIT_RUN.finditer(digits_text):
        run = re.sub(r"\D", "", run_m.group(0))
        for digits, ident in phones:
            if digits in run:
                a, b = origin[run_m.start()], origin[run_m.end() - 1] + 1
                found.append(Hit(a, b, text[a:b], ident))
    found = [h for h in found if not m._inside_allowed(text, h)
             and oracle_written_as_a_name(m, text, h)]
    found += m._encoded_hits(text)  # decoded text goes through find(): compared by itself
    return _non_overlapping(found, text)


# ---- generated sources and texts -----------------------------------------------------------

FIRST = ["Olga", "Anna", "Li", "Wang", "Yuri", "Said", "He", "Ana", "Marta", "Оксана", "Kim"]
LAST = ["Source", "Lima", "Li", "Lia", "Post", "Oyelaran-Brück", "Журавлёва", "Petrov",
        "Petrova", "Ojelaran", "Oyelaran", "Min-jun"]
NUMBER = st.one_of(st.just(""), st.sampled_from(["3", "30", "33", "7", "77", "101", "1011"]))
RULES = [GroundRules.CONFIDENTIAL, GroundRules.BACKGROUND, GroundRules.ON_RECORD]


@st.composite
def a_source(draw: st.DrawFn) -> Source:
    name = " ".join(x for x in (draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST)),
                                draw(NUMBER)) if x)
    contacts = draw(st.lists(st.sampled_from([
        {"kind": "phone", "value": "+7 914 555-01-99"}, {"kind": "phone", "value": "8 914 555"
                                                                              "-02-77"},
        {"kind": "email", "value": "marta.ob@proton.me"}, {"kind": "telegram",
                                                         "value": "@olga_77"}]), max_size=2))
    s = Source(name=name, ground_rules=draw(st.sampled_from(RULES)), contacts=contacts,
               attribution_phrase=draw(st.sampled_from(["", "a trader", "an official"])),
               short_name=draw(st.sampled_from(["", "the official", "Mr. Diakov", "Ms. Lima"])),
               kind=SourceKind.PERSON, notes=draw(st.sampled_from(
                   ["", "Meets at the Heihe ferry terminal on Fridays."])))
    s.uuid = uuid.UUID(int=draw(st.integers(0, 2**64)))
    return s


TOKENS = st.sampled_from([
    *FIRST, *LAST, "3", "30", "33", "7", "77", "101", "1011", "the", "said", "at", "Heihe",
    "ferry", "terminal", "Fridays", "customs", "post", "Hong", "Kong", "Mr.", "Diakov",
    "Diakova", "Дьякову", "Olgas", "Petrovoy", "LIMA", "O y e l a r a n", "Оуеlаrаn",
    "Oyela\u00adran", "0lga", "+7 914 555-01-99", "89145550277", "marta.ob@proton.me",
    "@olga_77", "%D0%9E%D0%BA%D1%81%D0%B0%D0%BD%D0%B0", "&#79;lga", ",", ".", ";", "—", "\n",
])
TEXT = st.lists(TOKENS, max_size=16).map(" ".join)


@given(st.lists(a_source(), min_size=1, max_size=8), st.lists(TEXT, min_size=1, max_size=4))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_automaton_finds_exactly_what_the_old_matcher_found(sources: list[Source],
                                                                texts: list[str]) -> None:
    m = IdentityMatcher.for_sources(sources)
    for text in texts:
        assert m.find(text) == oracle_find(m, text), text


def test_the_oracle_and_the_matcher_agree_on_the_sample_corpus() -> None:
    """A fixed corpus beside the generated one: hundreds of sources sharing their words."""
    sources = synthetic_sources(400)
    m = IdentityMatcher.for_sources(sources)
    for text in corpus(sources):
        assert m.find(text) == oracle_find(m, text), text


# ---- thousands of sources -----------------------------------------------------------------

def synthetic_sources(n: int) -> list[Source]:
    """As benchmarks/make_large_case.py makes them: every fourth on background."""
    out = []
    for i in range(n):
        protected = i % 4 == 3
        s = Source(name=f"{['Yuri', 'Olga', 'Li', 'Wang', 'Anna'][i % 5]} Source {i}",
                   ground_rules=GroundRules.BACKGROUND if protected else GroundRules.ON_RECORD,
                   attribution_phrase="a trader in Blagoveshchensk" if protected else "",
                   kind=SourceKind.PERSON, short_name="", role_title="trader",
                   contacts=[{"kind": "phone", "value": f"+7 914 555-{i // 100:02d}-{i % 100:02d}"}]
                   if protected else [], notes="")
        s.uuid = uuid.UUID(int=i + 1)
        out.append(s)
    return out


def corpus(sources: list[Source]) -> list[str]:
    texts = [f"{s.name}, trader — pending. {s.name} did not answer." for s in sources[::7]]
    texts += ["Source 3 said so.", "Olga and Anna met at the Source.", "Li Source 3a",
              "call +7 914 555-00-03 or 8 914 555 01 07", "Olga Sources",
              "Maria Source said so.", "SOURCE 11 SAID SO", "Wang Source 77's phone"]
    return texts


def test_a_thousand_sources_sharing_their_words() -> None:
    sources = synthetic_sources(4000)
    m = IdentityMatcher.for_sources(sources)
    on_record = [s for s in sources if not s.is_protected]
    protected = [s for s in sources if s.is_protected]
    for s in on_record[:300]:
        assert m.find(f"{s.name}, trader — pending") == [], s.name
    for s in protected[:100]:
        [hit] = m.find(f"Asked, {s.name} said so.")
        assert (hit.words, hit.identity.source, hit.identity.part) == (s.name, s.uuid, "name")
    # a shared word is one hit, under the first source it belongs to, as before
    [hit] = m.find("Asked, Source said so.")
    assert (hit.words, hit.identity.source) == ("Source", protected[0].uuid)
    [hit] = m.find("call 8 914 555 01 07")
    assert hit.identity.source == sources[107].uuid


def test_the_rules_run_once_per_place_not_once_per_source(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Source" is a part of every protected name: a text holding it 50 times is 50 places
    to check, however many sources share the word (the matcher used to check each place
    for each of them, and scanning a draft's appendix took minutes)."""
    calls = {"verdict": 0, "window": 0}
    verdict, window = IdentityMatcher._name_verdict, identity_mod.compact

    def counted_verdict(self: IdentityMatcher, text: str, hit: Hit) -> object:
        calls["verdict"] += 1
        return verdict(self, text, hit)

    def counted_compact(text: str, *, skeleton: bool = False) -> Compact:
        calls["window"] += 1
        return window(text, skeleton=skeleton)

    monkeypatch.setattr(IdentityMatcher, "_name_verdict", counted_verdict)
    monkeypatch.setattr(identity_mod, "compact", counted_compact)
    counted = []
    for n in (200, 2000):
        sources = synthetic_sources(n)
        m = IdentityMatcher.for_sources(sources)
        text = " ".join(f"{s.name}, trader — pending." for s in sources[:200:4])
        calls.update(verdict=0, window=0)
        assert m.find(text) == []
        counted.append(dict(calls))
    assert counted[0] == counted[1]  # ten times the sources, the same work
    assert counted[0]["window"] <= 2 * 50 + 2  # the text's stream, and each name's window


def test_keys_of_one_text_that_behave_otherwise_keep_their_order() -> None:
    """"said" is a name part of two sources (it may take an ending) and a handle of a third
    (it may not), given between them: the first whose rules pass where it is written is
    the hit, as before — not the first of the keys that behave alike."""
    def person(name: str, contacts: list[dict[str, str]] | None = None) -> Source:
        s = Source(name=name, ground_rules=GroundRules.CONFIDENTIAL, kind=SourceKind.PERSON,
                   attribution_phrase="a trader", short_name="", contacts=contacts or [],
                   notes="")
        s.uuid = uuid.uuid4()
        return s

    mohammed = person("Mohammed Said")  # beside "Ali", his "Said" is another's name
    handle = person("Zed Quinn", [{"kind": "telegram", "value": "@said"}])
    ali = person("Said Ali")
    m = IdentityMatcher.for_sources([mohammed, handle, ali])
    text = "Then Ali Said left."
    hits = m.find(text)
    assert hits == oracle_find(m, text)
    assert [(h.words, h.identity.source) for h in hits] == [("Ali", ali.uuid),
                                                            ("Said", handle.uuid)]


def test_a_matcher_is_made_once_for_each_state_of_the_sources() -> None:
    """A draft's check and its export (and the next export) share one matcher and its
    automata; any change to what identifies a source makes a new one."""
    sources = synthetic_sources(40)
    first = IdentityMatcher.for_sources(sources)
    assert IdentityMatcher.for_sources(synthetic_sources(40)) is first
    renamed = synthetic_sources(40)
    renamed[3].name = "Olga Source Three"
    other = IdentityMatcher.for_sources(renamed)
    assert other is not first
    assert [h.identity.part for h in other.find("Olga Source Three said")] == ["name"]
    assert [h.identity.part for h in first.find("Olga Source Three said")] == ["name part"]
    phoned = synthetic_sources(40)
    phoned[3].contacts = [{"kind": "phone", "value": "+7 914 555-77-77"}]
    assert IdentityMatcher.for_sources(phoned).find("call 8 914 555 77 77")


# ---- the folded stream, made faster, is the same stream ------------------------------------

def oracle_compact(text: str, *, skeleton: bool = False) -> Compact:
    """identity_text.compact as it was, character by character."""
    from casefile.identity_text import _HYPHEN_BREAK, fold_char

    def inner_apostrophe(i: int) -> bool:
        return text[i] in "'’ʼ" and 0 < i < len(text) - 1 and \
            "\u0400" <= text[i - 1] <= "\u04ff" and "\u0400" <= text[i + 1] <= "\u04ff"

    joined = {i for m in _HYPHEN_BREAK.finditer(text) for i in range(m.start(), m.end())}
    chars: list[str] = []
    origin: list[int] = []
    origin_end: list[int] = []
    starts: set[int] = set()
    ends: set[int] = set()
    hard: set[int] = set()
    in_word = separated = False
    for i, char in enumerate(text):
        folded = "" if i in joined or inner_apostrophe(i) else fold_char(char, skeleton)
        if not folded:
            continue
        for n, piece in enumerate(folded.split(" ")):
            if n:
                if in_word:
                    ends.add(len(chars))
                in_word, separated = False, True
            for ch in piece:
                if in_word and chars[-1].isdigit() != ch.isdigit():
                    ends.add(len(chars))
                    starts.add(len(chars))
                if not in_word:
                    starts.add(len(chars))
                    if separated and chars:
                        hard.add(len(chars))
                in_word, separated = True, False
                chars.append(ch)
                origin.append(i)
                origin_end.append(i + 1)
    if in_word:
        ends.add(len(chars))
    return Compact("".join(chars), tuple(origin), tuple(origin_end), frozenset(starts),
                   frozenset(ends), frozenset(hard))


WRITTEN = st.text(alphabet=st.one_of(
    st.sampled_from(list("aAbIl01357 .,-'’ʼ\n\t\u00ad\u200b\u2060\ufeffßİﬁ½²")),
    st.sampled_from(list("МарянаЖуравлёвьъ'")), st.sampled_from(list("李伟ＯｙéüΣσ")),
    st.characters(codec="utf-8")), max_size=40)


@given(WRITTEN, st.booleans())
@settings(max_examples=500, deadline=None)
def test_the_folded_stream_is_the_one_it_was(text: str, skeleton: bool) -> None:
    assert compact(text, skeleton=skeleton) == oracle_compact(text, skeleton=skeleton)


@pytest.mark.parametrize("text", ["Мар'яна сказала", "Oyela-\n  ran", "Oyela\u00adran 1990x",
                                  "a'b Ж'Ж ''", "李伟说", "ﬁnal ½ Σσ", ""])
def test_the_folded_stream_is_the_one_it_was_on_known_texts(text: str) -> None:
    for skeleton in (False, True):
        assert compact(text, skeleton=skeleton) == oracle_compact(text, skeleton=skeleton)



def test_the_benchmark_runs_and_checks_what_it_found() -> None:
    """benchmarks/identity_scale.py, small: it asserts that it found exactly the planted
    names (and no on-record one) before it prints a figure."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "identity_scale.py"
    out = subprocess.run([sys.executable, str(script), "--sources", "200", "--rows", "300",
                          "--runs", "1"], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    assert "found exactly the 1 planted names" in out, out


def test_long_notes_that_begin_alike_are_told_apart() -> None:
    """A line of notes goes into the automaton by its first letters and is compared whole."""
    def noted(name: str, notes: str) -> Source:
        s = Source(name=name, ground_rules=GroundRules.CONFIDENTIAL, kind=SourceKind.PERSON,
                   attribution_phrase="a trader", short_name="", contacts=[], notes=notes)
        s.uuid = uuid.uuid4()
        return s

    ferry = noted("Zara Quill", "Meets at the Heihe ferry terminal on Fridays at nine.")
    bridge = noted("Yann Rook", "Meets at the Heihe ferry terminal on Mondays at six.")
    m = IdentityMatcher.for_sources([ferry, bridge])
    for text, owner in [("He meets at the Heihe ferry terminal on Mondays at six.", bridge),
                        ("Meets at the Heihe ferry terminal on Fridays at nine", ferry),
                        ("Meets at the Heihe ferry terminal on Sundays at ten.", None)]:
        hits = m.find(text)
        assert hits == oracle_find(m, text)
        assert [h.identity.source for h in hits] == ([owner.uuid] if owner else []), text
