"""The one identity matcher, attacked: a protected name or contact typed the way an adversary
(or a tired reporter) would — NFD, no accents, soft hyphens and zero-width characters inside,
a hyphenated line break, letter-spaced, fullwidth, Latin/Cyrillic look-alikes, transliterated,
the phone number with any separators — is found by every path out (the matcher, the draft
checker, the redactor of shared bundles and CSL, the file-name check and the Word export),
and ordinary text with the source's pseudonym is not."""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.protect import ExportRefusedError, check_file_name
from casefile.frequent_words import is_frequent
from casefile.identity import IdentityMatcher, identities_of, name_parts
from casefile.identity_text import key, loose_key
from casefile.models import GroundRules, Source, SourceKind
from casefile.redaction import RedactionPolicy, Redactor

PHRASE = "a former ministry official"


def source(name: str, *, rules: GroundRules = GroundRules.CONFIDENTIAL, phrase: str = PHRASE,
           short: str = "the official", contacts: list | None = None,
           kind: SourceKind = SourceKind.PERSON, notes: str = "") -> Source:
    s = Source(name=name, ground_rules=rules, attribution_phrase=phrase, short_name=short,
               contacts=contacts or [], kind=kind, notes=notes)
    s.uuid = uuid.uuid4()
    return s


MARTA = source("Marta Oyelaran-Brück (ex-ministry)",
               contacts=[{"kind": "phone", "value": "+7 914 555-01-99"},
                         {"kind": "email", "value": "marta.ob@proton.me"},
                         {"kind": "telegram", "value": "@martaob_77"}])
KIM = source("Kim Min-jun", phrase="a bank clerk", short="Mr. Kim")
LI = source("Li Wei", phrase="a trader from Heihe", short="the trader")
OKSANA = source("Оксана Журавлёва", phrase="a customs officer")
ANNA = source("Anna Petrov", rules=GroundRules.ON_RECORD)
IVAN = source("Ivan Petrov", phrase="a driver")
BANK = source("Amur Shadow Credit", kind=SourceKind.ORGANISATION, phrase="a regional bank")
SOURCES = [MARTA, KIM, LI, OKSANA, ANNA, IVAN, BANK]
MATCHER = IdentityMatcher.for_sources(SOURCES)


def words_found(text: str) -> list[str]:
    return [h.words for h in MATCHER.find(text)]


# ---- what identifies a source -------------------------------------------------------------

def test_every_part_of_the_name_is_identity_but_not_a_bracketed_descriptor() -> None:
    texts = [i.text for i in identities_of(MARTA) if i.part in ("name", "name part")]
    assert texts == ["Marta Oyelaran-Brück", "Marta", "Oyelaran-Brück", "Oyelaran", "Brück"]
    assert name_parts("Dr. Jan van der Berg Jr.") == ["Jan", "Berg"]
    assert name_parts("Kim Min-jun") == ["Kim", "Min-jun"]  # "min", "jun": words of their own


def test_family_name_first_and_short_names_are_protected() -> None:
    assert words_found("Kim said so.") == ["Kim"]
    assert words_found("Min-jun said so.") == ["Min-jun"]
    assert words_found("Li said so; Wei agreed.") == ["Li", "Wei"]


@pytest.mark.parametrize("text", [
    "Kimberly went to the lion enclosure.", "Kimchi and litchi.", "the officials say",
    "a former ministry official said", "a bank clerk confirmed it", "Martial law; Brüssel.",
    "Oyelaranski", "Anna Petrov said so.", "Amur Shadow Creditor", "Weird, but true.",
    "The crossing took 40 min in Jun 2026.",
])
def test_ordinary_text_and_pseudonyms_are_not_identity(text: str) -> None:
    assert words_found(text) == []


def test_organisations_are_protected_by_their_whole_name_only() -> None:
    assert words_found("The Amur Shadow Credit bank") == ["Amur Shadow Credit"]
    assert words_found("Shadow boxing in Amur") == []


def test_a_descriptive_second_reference_is_not_identity_but_a_proper_noun_is() -> None:
    assert [i.text for i in identities_of(MARTA) if i.part == "second reference"] == []
    diakov = source("Pavel Orlov", short="Mr. Diakov")
    assert [i.text for i in identities_of(diakov) if i.part == "second reference"] == ["Diakov"]


def test_a_name_inside_an_on_record_source_s_name_is_not_a_hit() -> None:
    assert words_found("Anna Petrov and Ivan Petrov met; Petrov left.") == [
        "Ivan Petrov", "Petrov"]


# ---- spelled otherwise -------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "OYELARAN", "oyelaran", "Oyela\u00adran", "Oye\u200blaran", "Oyel\u200daran",
    "Oyela\u2060ran", "Oye\ufefflaran", "Oyela-\nran", "Oyela-\r\n  ran", "O y e l a r a n",
    "O.y.e.l.a.r.a.n", "Ｏｙｅｌａｒａｎ", "Оуеlаrаn", "Ойеларан", "Брюк", "Brueck",
    unicodedata.normalize("NFD", "Brück"), "Bruck", "BRÜCK", "Oyelaran’s", "Oyelaran-Brueck",
])
def test_a_name_however_it_is_written(written: str) -> None:
    found = MATCHER.find(f"As {written} told us.")
    assert found and found[0].words == written.removesuffix("’s")
    assert found[0].identity.source == MARTA.uuid


@pytest.mark.parametrize("written", [
    "Zhuravleva", "Žuravleva", "Zhurawleva", "Журавлева", "ZHURAVLYOVA", "Oksana", "OKSANA",
    "Оксана", "Oksana Zhuravleva",
])
def test_a_cyrillic_name_transliterated(written: str) -> None:
    assert words_found(f"So said {written}.") == [written]


@pytest.mark.parametrize("written", [
    "+7 914 555-01-99", "+79145550199", "8 914 555-01-99", "8 (914) 555 01 99",
    "8-914-555-0199", "007 914 5550199", "914.555.01.99", "+７ ９１４ ５５５ ０１ ９９",
])
def test_a_phone_number_by_its_digits(written: str) -> None:
    assert words_found(f"Call {written} after six.") == [written]


@pytest.mark.parametrize("written", [
    "https://example.org/people/%D0%96%D1%83%D1%80%D0%B0%D0%B2%D0%BB%D1%91%D0%B2%D0%B0",
    "Oyelaran%20Br%C3%BCck", "&#79;yelaran", "&#x4F;yelaran", "\\u041e\\u043a\\u0441"
    "\\u0430\\u043d\\u0430", "Oyelaran%2520", "%4F%79%65%6C%61%72%61%6E",
])
def test_a_name_in_an_encoding_a_reader_s_program_decodes(written: str) -> None:
    assert words_found(f"See {written} for more.") == [written]
    assert "%" not in Redactor(RedactionPolicy(), SOURCES).text(f"See {written}.")[4:8]


def test_a_percent_encoded_name_in_a_cited_link_refuses_the_export(
        protected_case: tuple[CaseFile, Source], tmp_path: Path) -> None:
    case, _src = protected_case
    doc = case.documents.create(title="Ministry memo",
                                url="https://example.org/memo?from=Oyelaran%2DBr%C3%BCck")
    claim = case.claims.create(statement="The memo exists.")
    case.evidence.create(claim=claim.uuid, document=doc.uuid)
    draft = case.drafts.create(headline="Memo",
                               body=f"⟦claim:{claim.uuid}⟧A memo exists⟦/claim⟧.")
    with pytest.raises(ExportRefusedError) as err:
        export_draft(case, draft.uuid, tmp_path / "memo.docx", allow_blocking=True)
    assert "a footnote" in str(err.value)
    assert not (tmp_path / "memo.docx").exists()


def test_an_address_and_a_handle() -> None:
    assert words_found("Write to marta.ob@proton.me") == ["marta.ob"]
    assert words_found("marta.ob [at] proton [dot] me") == ["marta.ob"]
    assert words_found("on Telegram: @martaob_77") == ["martaob_77"]


def test_a_case_folding_that_changes_lengths_does_not_hide_a_name() -> None:
    redactor = Redactor(RedactionPolicy(), SOURCES)
    assert redactor.text("Die Straße: OYELARAN sagte es.") == f"Die Straße: {PHRASE} sagte es."
    assert redactor.text("ﬁnal word from İvan Petrov") == "ﬁnal word from a driver"


def test_file_names() -> None:
    for name in ["Oyelaran.docx", "marta_oyelaran-brueck.jpg", "OyelaranInterview.docx",
                 "interview-with-Kim.docx"]:
        assert check_file_name(Path(name), MATCHER), name
    assert not check_file_name(Path("kimchi-report.docx"), MATCHER)


# ---- Hypothesis: obfuscations ------------------------------------------------------------

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\u180e"]
CYRILLIC_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х",
                      "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О",
                      "P": "Р", "C": "С", "T": "Т", "X": "Х", "i": "і"}
DIGRAPHS_TO_CYRILLIC = {"zh": "ж", "sh": "ш", "ch": "ч", "kh": "х", "ya": "я", "yu": "ю",
                        "ts": "ц"}
TO_CYRILLIC = {"a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
               "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
               "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "y": "й", "z": "з",
               "ü": "ю"}


@st.composite
def obfuscated(draw: st.DrawFn, word: str) -> str:
    chars = list(word)
    how = draw(st.lists(st.sampled_from(
        ["upper", "lower", "nfd", "strip", "invisible", "break", "spaced", "fullwidth",
         "homoglyph", "cyrillic"]), min_size=1, max_size=3, unique=True))
    if "cyrillic" in how:
        spelled = re.sub("|".join(DIGRAPHS_TO_CYRILLIC), lambda m: DIGRAPHS_TO_CYRILLIC[m[0]],
                         word.lower())
        cyrillic = "".join(TO_CYRILLIC.get(c, c) for c in spelled)
        return cyrillic[:1].upper() + cyrillic[1:]  # written as a name
    if "upper" in how:
        chars = [c.upper() for c in chars]
    elif "lower" in how:
        chars = [c.lower() for c in chars]
    if "homoglyph" in how:
        chars = [CYRILLIC_LOOKALIKE.get(c, c) if draw(st.booleans()) else c for c in chars]
    if "fullwidth" in how:
        chars = [chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in chars]
    if "nfd" in how:
        chars = [unicodedata.normalize("NFD", c) for c in chars]
    if "strip" in how:
        chars = ["".join(x for x in unicodedata.normalize("NFD", c)
                         if not unicodedata.combining(x)) for c in chars]
    if "invisible" in how:
        at = draw(st.integers(1, len(chars) - 1))
        chars.insert(at, draw(st.sampled_from(INVISIBLE)))
    if "break" in how:
        at = draw(st.integers(1, len(chars) - 1))
        chars.insert(at, "-\n")
    if "spaced" in how:
        return " ".join(chars)
    return "".join(chars)


PROSE = st.lists(st.sampled_from(
    ["the", "official", "officials", "said", "trucks", "border", "a", "former", "ministry",
     "bank", "clerk", "kimchi", "lion", "Martial", "weird", "credit", "Heihe", "customs",
     "officer", "driver", "yards", "closed", "in", "Blagoveshchensk", "yuan", "2024", "40"]),
    min_size=0, max_size=12).map(" ".join)


@given(PROSE, st.sampled_from(["Oyelaran", "Brück", "Marta", "Zhuravleva", "Kim", "Petrov",
                                "Oksana", "Wei"]).flatmap(obfuscated), PROSE)
@settings(max_examples=300, deadline=None)
def test_every_obfuscation_is_found_and_redacted(before: str, name: str, after: str) -> None:
    # A part that is also a frequent word ("Kim") is a name only written as one.
    assume(name[:1].isupper() or not any(is_frequent(n) for n in ("Kim", "Marta")
                                          if key(n) == loose_key(name) or key(n) in key(name)))
    text = f"{before}, {name}, {after}"  # commas: no other proper noun runs into it
    assert MATCHER.find(text), text
    redacted = Redactor(RedactionPolicy(), SOURCES).text(text)
    assert not MATCHER.find(redacted), redacted


@st.composite
def phone_written(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["+7", "8", "007", "+7 ", "8 ", ""]))
    digits = "9145550199"
    out = []
    for d in digits:
        out.append(d)
        out.append(draw(st.sampled_from(["", "", " ", "-", ".", "\u00a0"])))
    body = "".join(out).strip(" -.\u00a0")
    if draw(st.booleans()):
        body = f"({body[:3]}) {body[3:].lstrip(' -.')}"
    return prefix + body


@given(PROSE, phone_written(), PROSE)
@settings(max_examples=200, deadline=None)
def test_every_way_of_writing_the_phone_number_is_found(before: str, phone: str,
                                                        after: str) -> None:
    assert [h.identity.part for h in MATCHER.find(f"{before} {phone} {after}")] == [
        "contact details"]


@given(PROSE)
@settings(max_examples=300, deadline=None)
def test_ordinary_prose_with_pseudonyms_never_triggers(prose: str) -> None:
    text = f"{prose}, {PHRASE} said; {prose}, the trader from Heihe added."
    assert MATCHER.find(text) == []


# ---- every path out ----------------------------------------------------------------------

@pytest.fixture
def protected_case(case: CaseFile) -> tuple[CaseFile, Source]:
    src = case.sources.create(name="Marta Oyelaran-Brück", ground_rules="confidential",
                              attribution_phrase=PHRASE, short_name="the official",
                              contacts=[{"kind": "phone", "value": "+7 914 555-01-99"}])
    return case, src


ATTACKS = ["O y e l a r a n", "Oyela\u00adran", "Ｏｙｅｌａｒａｎ", "Оуеlаrаn", "Oyela-\nran",
           "Брюк", "Marta", "8 914 555-01-99", "+79145550199"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_checker_and_the_word_export_refuse_each_attack(
        protected_case: tuple[CaseFile, Source], tmp_path: Path, attack: str) -> None:
    case, _src = protected_case
    draft = case.drafts.create(headline="Border trade",
                               body=f"Trade has slowed, says {attack}, {PHRASE}.")
    findings = [f for f in case.drafts.check(draft.uuid) if f.kind == "protected_name"]
    assert [f.excerpt for f in findings] == [attack]
    assert findings[0].blocking
    out = tmp_path / "draft.docx"
    with pytest.raises(ExportRefusedError) as err:
        export_draft(case, draft.uuid, out, allow_blocking=True)
    assert "in the draft text" in str(err.value)
    [hit] = err.value.hits
    assert (hit.kind, hit.field, hit.position) == ("draft", "body", len("Trade has slowed, says "))
    assert not out.exists() and not list(tmp_path.glob(".*part"))


def test_the_officials_say_exports(protected_case: tuple[CaseFile, Source],
                                   tmp_path: Path) -> None:
    case, _src = protected_case
    draft = case.drafts.create(headline="Border trade",
                               body=f"The officials say trade has slowed, {PHRASE} said.")
    assert not [f for f in case.drafts.check(draft.uuid) if f.kind == "protected_name"]
    assert export_draft(case, draft.uuid, tmp_path / "d.docx", allow_blocking=True).path.exists()


@pytest.mark.parametrize("where", ["caption", "headline", "file name"])
def test_a_refusal_says_where(protected_case: tuple[CaseFile, Source], tmp_path: Path,
                              where: str) -> None:
    case, _src = protected_case
    draft = case.drafts.create(headline="O-y-e-l-a-r-a-n speaks" if where == "headline"
                               else "Border trade", body="Trade has slowed.")
    name = "Oyelaran.docx" if where == "file name" else "draft.docx"
    if where == "caption":
        from tests.conftest import jpeg_bytes
        photo_file = tmp_path / "p.jpg"
        photo_file.write_bytes(jpeg_bytes())
        [event] = list(case.photos.import_files([photo_file]))
        case.photos.update(event.photo, caption="The market, as Oyela\u200bran saw it")
        case.drafts.update(draft.uuid, body=f"Trade has slowed.\n\n⟦photo:{event.photo}⟧")
    with pytest.raises(ExportRefusedError) as err:
        export_draft(case, draft.uuid, tmp_path / name, allow_blocking=True)
    message = str(err.value)
    label = {"caption": "in the caption of photo “p.jpg”", "headline": "in the headline",
             "file name": "in the file name"}[where]
    assert label in message, message
    assert err.value.hits and all(h.why == "the confidential source's name part"
                                  for h in err.value.hits)
    if where == "caption":  # the app opens the photo at those words
        [hit] = err.value.hits
        assert (hit.kind, hit.record, hit.field, hit.position) == (
            "photo", event.photo, "caption", len("The market, as "))
        assert "Oyela⟨U+200B⟩ran" in message  # the invisible character is shown


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Oyelaran", "Brück", "Marta"]).flatmap(obfuscated))
def test_shared_bundles_and_csl_rewrite_every_obfuscation(name: str) -> None:
    redactor = Redactor(RedactionPolicy(), [MARTA])
    doc = {"claims": [{"statement": f"{name} says the yards closed", "notes": ""}],
           "documents": [{"title": f"Memo by {name}", "authors": [{"literal": name}]}]}
    out = redactor.deep(doc)
    assert not MATCHER.find(str(out)), out
    assert PHRASE in out["claims"][0]["statement"]


def strings_in(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for k, v in node.items() for t in [*strings_in(k), *strings_in(v)]]
    if isinstance(node, list):
        return [t for v in node for t in strings_in(v)]
    return []


@pytest.fixture(scope="module")
def attack_case(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("attacks")
    case = CaseFile.create(folder / "attacks.casefile", title="Attacks")
    case.sources.create(name="Marta Oyelaran-Brück", ground_rules="confidential",
                        attribution_phrase=PHRASE, short_name="the official",
                        contacts=[{"kind": "phone", "value": "+7 914 555-01-99"}])
    yield case, folder
    case.close()


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.sampled_from(["Oyelaran", "Brück", "Marta"]).flatmap(obfuscated),
                 phone_written()))
def test_every_path_out_catches_an_obfuscation(attack_case, name: str) -> None:
    """One written-otherwise name or number, through the checker, a real Word export, a
    shared bundle and CSL-JSON: refused or rewritten, never carried."""
    import json as json_
    import zipfile as zipfile_

    from casefile.bundle import dump_bundle

    case, folder = attack_case
    draft = case.drafts.create(headline="Border trade", body=f"Trade has slowed, says {name}.")
    doc = case.documents.create(title=f"Notes of {name}", authors=[{"literal": name}])
    try:
        assert [f for f in case.drafts.check(draft.uuid) if f.kind == "protected_name"]
        out = folder / "draft.docx"
        with pytest.raises(ExportRefusedError):
            export_draft(case, draft.uuid, out, allow_blocking=True)
        assert not out.exists()
        bundle = folder / "shared.zip"
        bundle.unlink(missing_ok=True)
        dump_bundle(case, bundle, RedactionPolicy())
        with zipfile_.ZipFile(bundle) as zf:
            shared = json_.loads(zf.read("bundle.json"))
        for text in strings_in(shared):
            assert not MATCHER.find(text), text
        for text in strings_in(case.documents.export_csl([doc.uuid], RedactionPolicy())):
            assert not MATCHER.find(text), text
    finally:
        case.trash.delete(case.drafts.get(draft.uuid))
        case.trash.delete(case.documents.get(doc.uuid))
        case.trash.empty()


# ---- found by an adversarial review -------------------------------------------------------

def matcher_for(name: str) -> IdentityMatcher:
    return IdentityMatcher.for_sources([source(name, phrase="a trader", short="the trader")])


@pytest.mark.parametrize(("name", "text"), [
    ("Jan Kowalski", "An official said"), ("Ann Carter", "An official said"),
    ("Kim Jin", "in the rain. In the story"), ("Sarah Lee", "Le Monde reported it"),
    ("Jon Berg", "en route to Heihe"), ("Thomas Mann", "A man said"),
    ("He Wei", "He said so. Then he left."), ("Ma Jun", "an M.A. degree"),
    ("Ana Whitehouse", "A White House official"), ("Lin Wei", "Times New Roman"),
])
def test_common_words_are_not_taken_for_a_short_or_folded_name(name: str, text: str) -> None:
    assert matcher_for(name).find(text) == []


@pytest.mark.parametrize(("name", "text", "found"), [
    ("Марта Журавлёва", "Мы встретились с Мартой Журавлёвой.", ["Мартой", "Журавлёвой"]),
    ("Jan Kowalski", "Według Kowalskiego", ["Kowalskiego"]),
    ("Marta Oyelaran", "The Oyelarans said", ["Oyelarans"]),
    ("Marta Oyelaran", "https://vk.com/oyelaran1990", ["oyelaran"]),
    ("Marta Oyelaran", "IMG_0042oyelaran.jpg", ["oyelaran"]),
    ("Marta Oyelaran", "OyeIaran said", ["OyeIaran"]),
    ("Marta Oyelaran", "0yelaran said", ["0yelaran"]),
    ("Marta Oyelaran", "०yelaran said", ["०yelaran"]),
    ("Hans Brück", "Brüϲk said", ["Brüϲk"]),
    ("Lê Hoa", "Ms. Lê said", ["Lê"]), ("Du Fang", "Mr. Du said", ["Du"]),
    ("He Wei", "we met Mr. He at noon", ["He"]), ("He Wei", "as He Wei said", ["He Wei"]),
])
def test_declined_joined_and_look_alike_names_are_found(name: str, text: str,
                                                        found: list[str]) -> None:
    assert [h.words for h in matcher_for(name).find(text)] == found


@pytest.mark.parametrize("written", [
    "914\u00ad555\u00ad0199", "914\u200b555\u200b0199", "914\u2212555\u22120199",
    "914    555    0199", "914 555 O199", "914_555_0199",
])
def test_a_phone_number_hidden_by_invisible_or_odd_separators(written: str) -> None:
    assert words_found(f"Call {written}.") == [written]


@pytest.mark.parametrize("name", ["Lin Wei", "Roman Kovalenko", "Emma Strong", "Ellen Page",
                                  "Song Yu", "Kim Jin", "Mo Yan", "Georgia Stone"])
def test_template_words_never_refuse_an_export(case: CaseFile, tmp_path: Path,
                                               name: str) -> None:
    """Font, style, theme and tag names of the Word template are not the case's words: a
    source named like one does not make every export refuse."""
    case.sources.create(name=name, ground_rules="confidential", attribution_phrase="a trader")
    draft = case.drafts.create(headline="The ferry", body="The ferry stopped. In the story, "
                               "a trader said so.")
    assert export_draft(case, draft.uuid, tmp_path / "ferry.docx").path.exists()


def test_a_png_text_chunk_kept_with_photo_metadata_refuses_the_export(
        protected_case: tuple[CaseFile, Source], tmp_path: Path) -> None:
    import io as io_

    from PIL import Image, PngImagePlugin

    case, _src = protected_case
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Marta Oyelaran", zip=True)  # a compressed zTXt chunk
    buf = io_.BytesIO()
    Image.new("RGB", (40, 30), (1, 2, 3)).save(buf, "PNG", pnginfo=info)
    photo = case.photos.add(buf.getvalue(), "market.png", caption="The market")
    draft = case.drafts.create(headline="Market", body=f"Trade.\n\n⟦photo:{photo.uuid}⟧")
    out = tmp_path / "market.docx"
    assert export_draft(case, draft.uuid, out).path.exists()  # stripped: it goes
    out.unlink()
    with pytest.raises(ExportRefusedError, match="an embedded photo"):
        export_draft(case, draft.uuid, out, keep_photo_metadata=True)
    assert not out.exists()


# ---- found by a second adversarial review -------------------------------------------------

@pytest.mark.parametrize(("name", "text"), [
    ("Mohammed Said", "He said the yards closed, she said."), ("Olga Post", "at the customs post"),
    ("Marie Will", "trade will slow"), ("Ma Long", "How long?"),
    ("Sergei Grant", "grants for small firms"), ("Mark Frank", "marks of wear"),
    ("Chen Hong", "flights to Hong Kong"), ("David King", "as Martin Luther King said"),
    ("Ivan Petrov", "Ivanov said"), ("Anna Ivanova", "Ivanovo city"),
    ("Martin Brown", "a Martini bar"), ("Hans Brück", "die Brücke"), ("Maria Rossi", "в России"),
    ("Anna Petrova", "Петров и Сидоров"), ("Yu Na", "Интервью и статью"),
    ("Ray Smith", "the rail line"), ("Zhang Wei", "a veil"), ("Olga Post", "the Post Office"),
])
def test_words_of_the_language_are_not_a_name_written_otherwise(name: str, text: str) -> None:
    assert matcher_for(name).find(text) == []


@pytest.mark.parametrize(("name", "text", "found"), [
    ("Mohammed Said", "Said told us.", ["Said"]), ("Olga Post", "as Post put it", ["Post"]),
    ("Olga Solovyova", "Ольга Соловьёва сказала", ["Ольга Соловьёва"]),
    ("Darya Vasilyeva", "Дарья Васильева", ["Дарья Васильева"]),
    ("Ivan Dyakov", "Дьяков и Дьякову", ["Дьяков", "Дьякову"]),
    ("Maryana Koval", "Мар'яна сказала", ["Мар'яна"]),
    ("Marta Oyelaran", "Oye1aran said", ["Oye1aran"]),
    ("Kim Min-jun", "KIM said", ["KIM"]), ("Kim Min-jun", "K I M said", ["K I M"]),
])
def test_a_name_still_found_where_it_is_written_as_one(name: str, text: str,
                                                       found: list[str]) -> None:
    assert [h.words for h in matcher_for(name).find(text)] == found


@pytest.mark.parametrize(("stored", "written"), [
    ("+7 914 555-01-99 (WhatsApp)", "8 914 555 01 99"),
    ("tel. 8-914-555-02-77", "89145550277"),
    ("+1 202-555-0199 ext. 12", "202-555-0199"),
    ("+7 914 555-01-99", "914·555·0199"), ("+7 914 555-01-99", "914,555,0199"),
    ("+7 914 555-01-99", "(914) 555-01-99"), ("+7 914 555-01-99", "914     555     0199"),
])
def test_a_phone_stored_among_words_or_written_with_odd_separators(stored: str,
                                                                   written: str) -> None:
    m = IdentityMatcher.for_sources([source("Marta Oyelaran",
                                            contacts=[{"kind": "phone", "value": stored}])])
    assert [h.words for h in m.find(f"{written} now")] == [written]
    assert m.redact(f"{written} now") == "[withheld] now"


def test_an_address_stored_with_a_plus_tag() -> None:
    m = IdentityMatcher.for_sources([source("Marta Oyelaran", contacts=[
        {"kind": "email", "value": "marta.ob+cf@proton.me"}])])
    assert [h.words for h in m.find("write to martaob@proton.me")] == ["martaob"]


def test_the_sample_exports_with_sources_named_like_words(sample: CaseFile,
                                                           tmp_path: Path) -> None:
    """A confidential "Mohammed Said" and "Olga Post" beside the sample's own: the draft's
    "she said" and the footnote's "Customs post" do not refuse the export."""
    for name in ("Mohammed Said", "Olga Post"):
        sample.sources.create(name=name, ground_rules="confidential",
                              attribution_phrase="a trader")
    [draft] = sample.drafts.page()
    result = export_draft(sample, draft.uuid, tmp_path / "d.docx", allow_blocking=True)
    assert result.path.exists() and result.footnotes > 0


# ---- names that hold numbers, and on-record names that hold a protected one (issue 16) ---

@pytest.mark.parametrize(("protected", "on_record"), [
    ("Olga Source 3", "Olga Source 30"), ("Olga Source 3", "Olga Source 33"),
    ("Wang Source 7", "Wang Source 77"), ("Anna Source 111", "Anna Source 1"),
    ("Yuri Source 211", "Yuri Source 221"), ("Li Source 55", "Li Source 5"),
    ("Ana Li", "Ana Lima"), ("Ana Li", "Ana Lia"), ("Room 101", "Room 1011"),
])
def test_an_on_record_name_that_holds_a_protected_one_is_not_a_hit(protected: str,
                                                                    on_record: str) -> None:
    """The synthetic large case refused every export: its on-record "Wang Source 77" was
    taken for the background "Wang Source 7" (doubled digits were folded like the doubled
    letters of a transliteration) and its "Ana Lia" for "Ana Li" with a case ending. The
    on-record source's full name, written out, is that source's name."""
    m = IdentityMatcher.for_sources([source(protected),
                                     source(on_record, rules=GroundRules.ON_RECORD)])
    assert m.find(f"{on_record}, a trader, said so.") == []
    assert [h.words for h in m.find(f"Asked, {protected} said so.")] == [protected]
    assert [h.words for h in m.find(f"{on_record} and {protected} met.")] == [protected]


def test_a_number_in_a_name_is_not_folded_like_a_doubled_letter() -> None:
    assert loose_key("Wang Source 77") != loose_key("Wang Source 7")
    assert loose_key("Brueck") == loose_key("Bruck")  # letters still fold
    m = matcher_for("Wang Source 7")
    assert [h.identity.part for h in m.find("Wang Source 77 said")] == ["name part"] * 2
    assert [h.words for h in m.find("Wang Source 7's phone")] == ["Wang Source 7"]


@pytest.mark.parametrize(("protected", "on_record", "text"), [
    ("Ivan Petrov", "Ivan Petrov", "Ivan Petrov said so."),  # namesakes: protection wins
    ("Marta Oyelaran", "Marta Ojelaran", "Marta Ojelaran said so."),  # her name, spelled so
    ("Ana Li", "Ana Lia", "Ana Li said so."),
])
def test_an_on_record_name_never_hides_the_protected_name_itself(protected: str,
                                                                 on_record: str,
                                                                 text: str) -> None:
    m = IdentityMatcher.for_sources([source(protected),
                                     source(on_record, rules=GroundRules.ON_RECORD)])
    assert [h.identity.part for h in m.find(text)] == ["name"]


def test_the_synthetic_case_s_requests_table_exports(case: CaseFile, tmp_path: Path) -> None:
    """benchmarks/make_large_case.py's sources: every fourth on background, the others on the
    record and asked for comment; the editor profile prints their names in its table."""
    names = ["Olga Source 3", "Olga Source 30", "Wang Source 7", "Wang Source 77",
             "Anna Source 111", "Anna Source 1", "Li Source 55", "Li Source 5"]
    claim = case.claims.create(statement="Trucks waited at the border.")
    for i, name in enumerate(names):
        protected = i % 2 == 0
        s = case.sources.create(name=name, role_title="trader",
                                ground_rules="background" if protected else "on_record",
                                attribution_phrase="a trader in Blagoveshchensk"
                                if protected else "")
        if not protected:
            case.requests.create(source=s.uuid, subject="Border delays", channel="email",
                                 claims=[claim.uuid])
    draft = case.drafts.create(headline="Draft", body=f"⟦claim:{claim.uuid}⟧Trucks waited"
                                                      "⟦/claim⟧.")
    result = export_draft(case, draft.uuid, tmp_path / "d.docx", profile="editor",
                          allow_blocking=True)
    assert result.path.exists()
