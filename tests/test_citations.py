"""Footnote citations read as a copy editor expects: locators joined by Chicago's rules, no
stray or doubled punctuation from any combination of fields, the publisher named as the
attribution names it (never a protected one), and legal instruments as CSL's legal types."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.footnotes import footnote_texts
from casefile.media.csl import (
    csl_to_fields,
    document_to_csl,
    format_citation,
    keeps_full_stop,
    legal_note,
    with_locator,
)
from casefile.models import Document, DocumentKind
from casefile.redaction import RedactionPolicy

# -- with_locator ---------------------------------------------------------------------------


@pytest.mark.parametrize(("citation", "locator", "joined"), [
    # the full stop of an abbreviation stays; the note's own goes
    ("National Statistics Service, Trade, n.d.", "sec. 4",
     "National Statistics Service, Trade, n.d., sec. 4"),
    ("Trade (Amur Timber Inc., 2026).", "p. 3", "Trade (Amur Timber Inc., 2026), p. 3"),
    ("Trade, by Amur Timber Inc.", "p. 3", "Trade, by Amur Timber Inc., p. 3"),
    ("Olga Ivanova et al., Payment Frictions, 2025.", "table 2",
     "Olga Ivanova et al., Payment Frictions, 2025, table 2"),
    ("Report for the U.S.", "p. 9", "Report for the U.S., p. 9"),
    ("Interview notes, ed. J.", "p. 1", "Interview notes, ed. J., p. 1"),
    ("Trade, n.d.", "", "Trade, n.d."),
    ("Trade (Acme, 2026).", "", "Trade (Acme, 2026)"),
    # the locator comes before a closing link and its access date (Chicago 16th)
    ("Trade (Acme, n.d.), https://stat.example/amur.", "sec. 4",
     "Trade (Acme, n.d.), sec. 4, https://stat.example/amur"),
    ("Foreign Trade, accessed November 2, 2026, https://stat.example/amur.", "table 2",
     "Foreign Trade, table 2, accessed November 2, 2026, https://stat.example/amur"),
    ("“Payment Frictions,” J 12, no. 3 (2025), doi:10.1234/jee.", "411",
     "“Payment Frictions,” J 12, no. 3 (2025), 411, doi:10.1234/jee"),
    ("Page, n.d., https://kita.example/report?id=10.", "",
     "Page, n.d., https://kita.example/report?id=10"),
    # in quotation marks the comma goes inside; after "?" or "!" no comma at all
    ("“Weekly Crossings.”", "row “Primorye”", "“Weekly Crossings,” row “Primorye”"),
    ("“Profits at Amur Timber Inc.”", "p. 2", "“Profits at Amur Timber Inc.,” p. 2"),
    ("“Where Did the Timber Go?”", "p. 2", "“Where Did the Timber Go?” p. 2"),
    ("Where Did the Timber Go?", "p. 2", "Where Did the Timber Go? p. 2"),
    # a locator typed with its own punctuation
    ("Trade, n.d.", ", sec. 4.", "Trade, n.d., sec. 4"),
    ("Trade, n.d.", "  art.  5 ", "Trade, n.d., art. 5"),
    ("Trade, n.d.", "art. 5 etc.", "Trade, n.d., art. 5 etc."),
    ("Trade, n.d.", 'table 4, row "Amur region"', "Trade, n.d., table 4, row “Amur region”"),
    ("Trade, n.d., https://stat.example/amur.", "row “Amur region”",
     "Trade, n.d., row “Amur region,” https://stat.example/amur"),
    ("“Is It Over?” https://a.example/x.", "", "“Is It Over?” https://a.example/x"),
    ("“Memo,” https://a.example/x.", "", "“Memo,” https://a.example/x"),
    ("“Memo,” https://a.example/x.", "p. 2", "“Memo,” p. 2, https://a.example/x"),
    ("“Memo,” https://a.example/x.", "row “A”", "“Memo,” row “A,” https://a.example/x"),
    ("“Is It Over?” https://a.example/x.", "p. 2", "“Is It Over?” p. 2, https://a.example/x"),
    ("Is It Over? accessed May 2, 2026, https://a.example/x.", "p. 2",
     "Is It Over? p. 2, accessed May 2, 2026, https://a.example/x"),
    ("UN Security Council, Resolution 2231 (2015), July 20, 2015.", "para. 7",
     "UN Security Council, Resolution 2231 (2015), July 20, 2015, para. 7"),
])
def test_with_locator_joins_by_chicago_rules(citation: str, locator: str, joined: str) -> None:
    assert with_locator(citation, locator) == joined


@pytest.mark.parametrize(("text", "kept"), [
    ("n.d.", True), ("Acme Inc.", True), ("Acme Corp.", True), ("Acme Ltd.", True),
    ("Acme and Co.", True), ("Ivanova et al.", True), ("2nd ed.", True), ("eds.", True),
    ("trans.", True), ("John Smith Jr.", True), ("the U.S.", True), ("Smith, J.", True),
    ("Thins...", True), ("Trade, 2026.", False), ("Museum of Modern Art.", False),
    ("Report.", False), ("(Moscow, 2026).", False), ("https://x.example/a.", False),
])
def test_which_full_stops_belong_to_an_abbreviation(text: str, kept: bool) -> None:
    assert keeps_full_stop(text) is kept


def test_with_locator_on_real_documents(case: CaseFile) -> None:
    undated = case.documents.create(title="Crossings by week", kind="report",
                                    publisher="Far Eastern Customs Directorate")
    linked = case.documents.create(title="Foreign trade of the Amur region", kind="report",
                                   publisher="National Statistics Service",
                                   url="https://stat.example/trade/amur-2026-q3",
                                   accessed="2026-11-02")
    question = case.documents.create(title="Where did the timber go?", kind="news_article",
                                     container_title="Amur Courier", issued="2026-09-21")
    cite = case.documents.citation
    assert with_locator(cite(undated.uuid), "sec. 4") == (
        "Crossings by Week (Far Eastern Customs Directorate, n.d.), sec. 4")
    assert with_locator(cite(linked.uuid), "table 2") == (
        "Foreign Trade of the Amur Region (National Statistics Service), table 2, "
        "accessed November 2, 2026, https://stat.example/trade/amur-2026-q3")
    assert with_locator(cite(question.uuid), "p. A3") == (
        "“Where Did the Timber Go?” Amur Courier, September 21, 2026, p. A3")


def test_an_excerpt_footnote_keeps_the_full_stop_of_nd(case: CaseFile) -> None:
    report = case.documents.create(title="Crossings by week", kind="report",
                                   publisher="Far Eastern Customs Directorate")
    memo = case.documents.create(title="Crossings by week", kind="other")
    claim = case.claims.create(statement="Crossings fell.", status="supported")
    for doc in (report, memo):
        excerpt = case.excerpts.create(document=doc.uuid, locator="sec. 4", text="Rows fell.")
        case.evidence.create(claim=claim.uuid, excerpt=excerpt.uuid)
    lines = sorted(e.text for e in case.claims.evidence_lines(claim.uuid))
    assert lines == ["Crossings by Week (Far Eastern Customs Directorate, n.d.), sec. 4: "
                     "“Rows fell.”", "“Crossings by Week,” n.d., sec. 4: “Rows fell.”"]


# -- no bad join from any combination of fields --------------------------------------------

TITLES = ["Foreign trade of the Amur region", "Where did the timber go?", "Stop the trucks!",
          "Weekly crossings.", "The “grey” scheme at the border", 'The "grey" scheme',
          "Profits at Amur Timber Inc.", "Resolution 2231 (2015)", "Крест-накрест: торговля"]
PUBLISHERS = ["", "National Statistics Service", "Amur Timber Inc.", "U.S. Treasury",
              "UN Security Council"]
AUTHORS: list[list[dict[str, str]]] = [
    [], [{"family": "Morozova", "given": "Elena"}], [{"literal": "Amur Timber Corp."}],
    [{"family": "Smith", "given": "John", "suffix": "Jr."}], [{"family": "Smith", "given": "J."}],
    [{"family": "Ivanova", "given": "Olga"}, {"family": "Chen", "given": "Wei"},
     {"family": "Park", "given": "Ji-ho"}, {"family": "Lee", "given": "Min"}],
]

# Joins no style rule allows. ".," is allowed only after an abbreviation ("Inc., 2026").
BAD_JOINS = {
    "comma after comma": re.compile(r",\s*,"),
    "space before comma, semicolon or bracket": re.compile(r"\s[,;)]"),
    "space after opening bracket": re.compile(r"\(\s"),
    "comma before full stop": re.compile(r",\.(\s|$)"),
    "doubled full stop": re.compile(r"(?<!\.)\.\.(?!\.)|\.[”’]\."),
    "punctuation after ? or !": re.compile(r"[?!][”’]?[.,]"),
    "comma or full stop outside closing quotes (en-US)": re.compile(r"[”’][.,]"),
    "empty brackets": re.compile(r"\(\s*\)"),
    "doubled space": re.compile(r"\s\s"),
    "double quotes inside double quotes": re.compile(r"“[^”]*“"),
}


def bad_joins(note: str) -> list[str]:
    text = re.sub(r"(https?://|doi:)\S+?(?=\.?$|\s)", "LINK", note)
    found = [name for name, rx in BAD_JOINS.items() if rx.search(text)]
    for m in re.finditer(r"(\S+)\.,", text):
        if not keeps_full_stop(text[:m.end() - 1]):
            found.append(f"full stop before comma after {m.group(1)!r}")
    if not text.endswith((".", "?", "!")):
        found.append("no closing full stop")
    return found


def as_note(joined: str) -> str:
    """A joined citation closed as a note would be (no second full stop after "n.d.")."""
    return joined if keeps_full_stop(joined) or joined.endswith(("?", "!")) else joined + "."


def squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(list(DocumentKind)), title=st.sampled_from(TITLES),
       authors=st.sampled_from(AUTHORS), publisher=st.sampled_from(PUBLISHERS),
       issued=st.sampled_from(["", "2015", "2026-09", "2015-07-20"]),
       url=st.sampled_from(["", "https://stat.example/trade?id=10"]),
       container=st.sampled_from(["", "Amur Courier", "Acme Inc."]),
       identifier=st.sampled_from(["", "S/RES/2231 (2015)", "10.1234/jee.2025.0312",
                                   "NSS-FT-2026-09"]))
def test_no_bad_join_from_any_fields(kind: DocumentKind, title: str, authors: list[Any],
                                     publisher: str, issued: str, url: str, container: str,
                                     identifier: str) -> None:
    doc = Document(kind=kind, title=title, authors=authors, publisher=publisher, issued=issued,
                   url=url, accessed="2026-11-02" if url else "", container_title=container,
                   identifier=identifier, language="en", notes="", csl_extra={})
    note = format_citation(document_to_csl(doc))
    assert bad_joins(note) == [], note
    assert squash(title) in squash(note), note
    for locator in ("", "sec. 4"):
        joined = with_locator(note, locator)
        assert bad_joins(as_note(joined)) == [], joined
        assert not joined.endswith(".") or keeps_full_stop(joined), joined
        assert joined.count("sec. 4") == bool(locator)
        if locator and "https://" in note:  # Chicago 16th: the locator before the link
            assert joined.index("sec. 4") < joined.index("https://"), joined


def test_empty_and_blank_fields_leave_no_trace() -> None:
    item = {"type": "report", "title": "Trade ", "publisher": "", "publisher-place": "",
            "author": [{"literal": ""}], "container-title": " "}
    assert format_citation(item) == "Trade, n.d."
    news = {"type": "article-newspaper", "title": "Is it over?", "container-title": "",
            "issued": {"date-parts": [[2026]]}}
    assert format_citation(news) == "“Is It Over?” 2026."


def test_titles_ending_in_a_question_or_with_their_own_quotes() -> None:
    news = {"type": "article-newspaper", "title": "Where did the timber go?",
            "container-title": "Amur Courier", "issued": {"date-parts": [[2026, 9, 21]]}}
    assert format_citation(news) == ("“Where Did the Timber Go?” Amur Courier, "
                                     "September 21, 2026.")
    quoted = {"type": "article-newspaper", "title": "The “grey” scheme",
              "container-title": "Amur Courier", "issued": {"date-parts": [[2026]]}}
    assert format_citation(quoted) == "“The ‘Grey’ Scheme,” Amur Courier, 2026."
    italic = {"type": "report", "title": "The “grey” scheme", "publisher": "Acme Inc."}
    assert format_citation(italic) == "The “Grey” Scheme (Acme Inc., n.d.)."
    stop = {"type": "dataset", "title": "Weekly crossings.", "medium": "CSV"}
    assert format_citation(stop) == "“Weekly Crossings,” CSV, n.d."


def test_a_newspaper_named_only_as_publisher_is_in_the_note(case: CaseFile) -> None:
    """The style names a newspaper article's paper only as its container title."""
    news = case.documents.create(kind="news_article", title="Bridge traffic thins",
                                 publisher="Amur Courier", issued="2026-09-21")
    assert case.documents.citation(news.uuid) == (
        "“Bridge Traffic Thins,” Amur Courier, September 21, 2026.")
    [item] = case.documents.export_csl([news.uuid])  # the CSL itself is as typed
    assert item["publisher"] == "Amur Courier" and "container-title" not in item


# -- the publisher: one source of truth ------------------------------------------------------


def footnotes_of(case: CaseFile, claim: Any, tmp_path: Path) -> str:
    draft = case.drafts.create(headline="Trade",
                               body=f"⟦claim:{claim.uuid}⟧Crossings fell.⟦/claim⟧")
    result = export_draft(case, draft.uuid, tmp_path / "draft.docx", profile="editor",
                          allow_blocking=True)
    return "\n".join(footnote_texts(docx.Document(str(result.path))).values())


def test_a_publisher_linked_only_as_a_source_is_in_the_footnote(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    customs = case.sources.create(name="Far Eastern Customs Directorate", kind="official_body")
    doc = case.documents.create(title="Crossings by week", kind="dataset",
                                publisher_source=customs.uuid, issued="2026-11")
    excerpt = case.excerpts.create(document=doc.uuid, locator="rows for week 40",
                                   text="Crossings fell to 412 trucks.")
    claim = case.claims.create(statement="Crossings fell.", status="supported")
    case.evidence.create(claim=claim.uuid, excerpt=excerpt.uuid)
    assert "Far Eastern Customs Directorate" in case.documents.citation(doc.uuid)
    [line] = [e.text for e in case.claims.evidence_lines(claim.uuid)]
    assert "Far Eastern Customs Directorate" in line
    assert "Far Eastern Customs Directorate" in footnotes_of(case, claim, tmp_path)
    [item] = case.documents.export_csl([doc.uuid])
    assert item["publisher"] == "Far Eastern Customs Directorate"


def test_a_protected_publisher_is_never_named_in_a_citation(case: CaseFile,
                                                            tmp_path: Path) -> None:
    firm = case.sources.create(name="Heihe Lianhe Trading", kind="organisation",
                               ground_rules="confidential",
                               attribution_phrase="a trading firm in Heihe")
    # the worst case: the real name typed as publisher text beside the link
    doc = case.documents.create(title="Invoices for October", kind="report",
                                publisher="Heihe Lianhe Trading", publisher_source=firm.uuid)
    excerpt = case.excerpts.create(document=doc.uuid, text="Payment through a third bank.")
    claim = case.claims.create(statement="Payments went through a third bank.",
                               status="supported")
    case.evidence.create(claim=claim.uuid, excerpt=excerpt.uuid)
    for text in (case.documents.citation(doc.uuid),
                 json.dumps(case.documents.export_csl(), ensure_ascii=False),
                 json.dumps(case.documents.export_csl(policy=RedactionPolicy()),
                            ensure_ascii=False),
                 *[e.text for e in case.claims.evidence_lines(claim.uuid)]):
        assert "Heihe Lianhe" not in text and "Lianhe" not in text
        assert "a trading firm in Heihe" in text
    assert "Lianhe" not in footnotes_of(case, claim, tmp_path)


# -- legal instruments -----------------------------------------------------------------------

LEGAL = [
    {"id": "unsc-2231", "type": "legislation", "title": "Resolution 2231 (2015)",
     "authority": "UN Security Council", "issued": {"date-parts": [[2015, 7, 20]]},
     "URL": "https://undocs.example/S/RES/2231(2015)", "language": "en"},
    {"id": "fz-127", "type": "legislation",
     "title": "Federal Law No. 127-FZ on Insolvency (Bankruptcy)",
     "authority": "Russian Federation", "issued": {"date-parts": [[2002, 10, 26]]},
     "section": "61.2", "language": "ru"},
    {"id": "amur-ruling", "type": "legal_case",
     "title": "Amur Timber LLC v. Far Eastern Customs Directorate",
     "authority": "Arbitration Court of the Amur Region", "number": "A04-1234/2026",
     "issued": {"date-parts": [[2026, 5, 12]]}},
    {"id": "good-neighbour", "type": "treaty",
     "title": "Treaty of Good-Neighbourliness and Friendly Cooperation between the "
              "People's Republic of China and the Russian Federation",
     "authority": "China–Russia", "issued": {"date-parts": [[2001, 7, 16]]}},
    {"id": "hr-1234", "type": "bill", "title": "Timber Transparency Act",
     "authority": "US Congress", "number": "H.R. 1234", "issued": {"date-parts": [[2026]]}},
    # a "publisher" on a legal item: kept as it came (only one) and both (authority wins)
    {"id": "decree", "type": "legislation", "title": "Decree No. 44",
     "publisher": "Government of the Amur Region"},
    {"id": "reported", "type": "legal_case", "title": "Smith v. Jones",
     "authority": "Supreme Court", "publisher": "West", "container-title": "U.S.",
     "volume": "410", "page": "113", "issued": {"date-parts": [[1973]]}},
]
NOTES = [
    "UN Security Council, Resolution 2231 (2015), July 20, 2015, "
    "https://undocs.example/S/RES/2231(2015).",
    "Russian Federation, Federal Law No. 127-FZ on Insolvency (Bankruptcy), sec. 61.2, "
    "October 26, 2002.",
    "Amur Timber LLC v. Far Eastern Customs Directorate, No. A04-1234/2026 "
    "(Arbitration Court of the Amur Region, May 12, 2026).",
    "Treaty of Good-Neighbourliness and Friendly Cooperation between the People’s Republic "
    "of China and the Russian Federation, China–Russia, July 16, 2001.",
    "US Congress, Timber Transparency Act, H.R. 1234, 2026.",
    "Government of the Amur Region, Decree No. 44.",
    "Smith v. Jones, 410 U.S. 113 (Supreme Court, 1973).",
]


def test_legal_instruments_round_trip_with_their_issuing_body(case: CaseFile,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "legal.json"
    path.write_text(json.dumps(LEGAL, ensure_ascii=False), encoding="utf-8")
    docs = case.documents.import_csl(path).created
    assert [d.kind for d in docs] == [
        DocumentKind.LEGISLATION, DocumentKind.LEGISLATION, DocumentKind.COURT_RULING,
        DocumentKind.TREATY, DocumentKind.LEGISLATION, DocumentKind.LEGISLATION,
        DocumentKind.COURT_RULING]
    assert [d.publisher for d in docs] == [
        "UN Security Council", "Russian Federation", "Arbitration Court of the Amur Region",
        "China–Russia", "US Congress", "Government of the Amur Region", "Supreme Court"]
    assert case.documents.export_csl([d.uuid for d in docs]) == LEGAL
    assert [case.documents.citation(d.uuid) for d in docs] == NOTES


def test_legal_kinds_made_in_casefile_export_their_csl_type(case: CaseFile) -> None:
    made = {kind: case.documents.create(title="Resolution 2231 (2015)", kind=kind.value,
                                        publisher="UN Security Council", issued="2015-07-20")
            for kind in (DocumentKind.LEGISLATION, DocumentKind.COURT_RULING,
                         DocumentKind.TREATY, DocumentKind.COURT_RECORD)}
    items = {k: case.documents.export_csl([d.uuid])[0] for k, d in made.items()}
    assert {k: i["type"] for k, i in items.items()} == {
        DocumentKind.LEGISLATION: "legislation", DocumentKind.COURT_RULING: "legal_case",
        DocumentKind.TREATY: "treaty", DocumentKind.COURT_RECORD: "legal_case"}
    for item in items.values():  # the issuing body once, as CSL's legal types name it
        assert item["authority"] == "UN Security Council" and "publisher" not in item
    assert case.documents.citation(made[DocumentKind.LEGISLATION].uuid) == (
        "UN Security Council, Resolution 2231 (2015), July 20, 2015.")
    # a court filing goes out as a case and comes back as a ruling, with its court
    problems: list[str] = []
    fields = csl_to_fields(items[DocumentKind.COURT_RECORD], "[0]", problems)
    assert problems == [] and fields["kind"] is DocumentKind.COURT_RULING
    assert fields["publisher"] == "UN Security Council"


LEGAL_FIELDS = {
    "authority": st.sampled_from(["UN Security Council", "Arbitration Court of the Amur Region"]),
    "publisher": st.sampled_from(["West", "Government of the Amur Region"]),
    "number": st.sampled_from(["S/RES/2231 (2015)", "A04-1234/2026"]),
    "issued": st.sampled_from([{"date-parts": [[2015, 7, 20]]}, {"date-parts": [[2026]]},
                               {"date-parts": [[2026, 10], [2026, 11]]}]),
    "URL": st.just("https://undocs.example/S/RES/2231"),
    "container-title": st.just("U.S."), "volume": st.just("410"), "page": st.just("113"),
    "section": st.just("12"), "language": st.sampled_from(["en", "ru"]),
    "note": st.just("check the Russian text"),
}


@settings(max_examples=200, deadline=None)
@given(ctype=st.sampled_from(["legislation", "legal_case", "treaty", "bill"]),
       fields=st.fixed_dictionaries({}, optional=LEGAL_FIELDS))
def test_any_legal_item_keeps_every_field_and_reads_cleanly(ctype: str,
                                                            fields: dict[str, Any]) -> None:
    item = {"id": "x", "type": ctype, "title": "Resolution 2231 (2015)", **fields}
    problems: list[str] = []
    doc = Document(**csl_to_fields(item, "[0]", problems))
    assert problems == []
    assert document_to_csl(doc) == item
    assert doc.publisher == fields.get("authority", fields.get("publisher", ""))
    note = format_citation(item)
    assert bad_joins(note) == [], note
    if doc.publisher:
        assert doc.publisher in note


@pytest.mark.parametrize("part", [float("inf"), float("nan"), "x", None, 10**40])
def test_a_legal_note_with_an_impossible_date_part_never_raises(part: object) -> None:
    """A hand-made bundle's csl_extra can hold any JSON number (infinity through Python's
    parser): the note drops the date instead of stopping the export."""
    note = legal_note({"type": "legislation", "title": "Resolution 2231 (2015)",
                       "authority": "UN Security Council",
                       "issued": {"date-parts": [[part, 7, 20]]}})
    assert "Resolution 2231" in note


def test_a_document_symbol_does_not_repeat_the_year_the_title_gives() -> None:
    note = legal_note({"type": "legislation", "title": "Resolution 2397 (2017)",
                       "number": "S/RES/2397 (2017)", "authority": "UN Security Council",
                       "issued": {"date-parts": [[2017, 12, 22]]}})
    assert note.startswith("UN Security Council, Resolution 2397 (2017), S/RES/2397, ")


def test_zotero_dates_written_as_text_are_dates(case: CaseFile, tmp_path: Path) -> None:
    """Zotero's CSL-JSON export writes years as strings ([["1999", 12, 31]]): those dates
    were empty in Casefile's own fields for every Zotero item."""
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps([
        {"id": "a", "type": "report", "title": "Trade report",
         "issued": {"date-parts": [["2026", 10, 30]]},
         "accessed": {"date-parts": [["2026", "11", "2"]]}},
        {"id": "b", "type": "article-newspaper", "title": "Year only",
         "issued": {"date-parts": [["1999"]]}},
        {"id": "c", "type": "report", "title": "Not a date",
         "issued": {"date-parts": [["spring", 1]]}},
    ]), encoding="utf-8")
    report = case.documents.import_csl(path)
    docs = {d.title: d for d in report.created}
    assert docs["Trade report"].issued == "2026-10-30"
    assert docs["Trade report"].accessed == "2026-11-02"
    assert docs["Year only"].issued == "1999"
    # a date nothing can be read from (no citation could print it) is listed, not kept
    [skipped] = report.skipped
    assert "Not a date" not in docs and skipped.reason.startswith("issued: not a date")
    item = next(i for i in case.documents.export_csl([docs["Trade report"].uuid]))
    assert item["issued"] == {"date-parts": [["2026", 10, 30]]}  # as it came, while unchanged
    case.documents.update(docs["Trade report"].uuid, issued="31 Oct 2026")
    item = next(i for i in case.documents.export_csl([docs["Trade report"].uuid]))
    assert item["issued"] == {"date-parts": [[2026, 10, 31]]}


def test_a_letter_is_exported_with_a_type_csl_has(case: CaseFile, tmp_path: Path) -> None:
    """"letter" is not a CSL type (the schema rejects it); Zotero writes a letter as
    "personal_communication" — for a letter made here and for one imported as "letter"."""
    made = case.documents.create(title="Customs letter", kind="letter")
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"id": "x", "type": "letter", "title": "Old letter"}]),
                    encoding="utf-8")
    [imported] = case.documents.import_csl(path).created
    assert imported.kind is DocumentKind.LETTER
    types = {i["title"]: i["type"] for i in case.documents.export_csl([made.uuid,
                                                                      imported.uuid])}
    assert types == {"Customs letter": "personal_communication",
                     "Old letter": "personal_communication"}
