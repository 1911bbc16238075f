"""BibTeX and RIS in and out: real files from Better BibTeX's and Zotero's own test suites
(tests/data/bibtex, tests/data/ris) read as the CSL-JSON items Zotero makes of them, the
export read back by Casefile, by bibtexparser and by pandoc, and the same redaction as
export-csl."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from casefile import CaseFile
from casefile.cli import main
from casefile.media.bibtex import bibtex_to_csl, csl_to_bibtex
from casefile.media.csl import CslError
from casefile.media.reference_files import PROBLEM_KEY, read_reference_file, sniff_format
from casefile.media.ris import csl_to_ris, ris_to_csl

DATA = Path(__file__).parent / "data"
BIB = DATA / "bibtex"
RIS = DATA / "ris"


def good(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if PROBLEM_KEY not in i]


def problems(items: list[dict[str, Any]]) -> list[str]:
    return [i[PROBLEM_KEY] for i in items if PROBLEM_KEY in i]


def iso(date: dict[str, Any] | None) -> str | None:
    if not date:
        return None
    return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(date["date-parts"][0]))


def zotero_creators(item: dict[str, Any], roles: tuple[str, ...] = ("author", "editor")
                    ) -> list[tuple[str, str, str]]:
    """Our CSL names as Zotero's (creatorType, lastName, firstName) / (type, name, "")."""
    out = []
    for role in roles:
        for n in item.get(role, []):
            if "literal" in n:
                out.append((role, n["literal"], ""))
            else:
                last = " ".join(p for p in (n.get("non-dropping-particle"), n["family"]) if p)
                out.append((role, last, n.get("given", "")))
    return out


def expected_creators(creators: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(c["creatorType"], c.get("lastName", c.get("name", "")), c.get("firstName", ""))
            for c in creators if c.get("name") != "others"]  # Casefile drops "and others"


# ---- BibTeX: Better BibTeX's fixtures against BBT's own expected Zotero items --------------

BBT_FIXTURES = ["title-cased-markup-1246", "ring-above-1115", "author-splitter",
                "entrysubtype-newspaper", "string-substitution-154", "others-and-umlauts-92"]


@pytest.mark.parametrize("name", BBT_FIXTURES)
def test_bbt_fixture_names_and_dates_match_zotero(name: str) -> None:
    fmt, items = read_reference_file(BIB / f"{name}.bib")
    assert fmt == "bibtex"
    assert problems(items) == []
    expected = json.loads((BIB / f"{name}.expected.json").read_text())["items"]
    by_key = {i["id"]: i for i in items}
    assert set(by_key) == {e["citationKey"] for e in expected}
    for e in expected:
        item = by_key[e["citationKey"]]
        assert zotero_creators(item) == expected_creators(e["creators"]), e["citationKey"]
        if "date" in e:
            assert iso(item.get("issued")) == e["date"], e["citationKey"]
        for ours, theirs in (("URL", "url"), ("DOI", "DOI"), ("volume", "volume"),
                             ("publisher", "publisher"), ("publisher-place", "place"),
                             ("language", "language")):
            if theirs in e:
                assert item.get(ours) == e[theirs], (e["citationKey"], ours)


def test_latex_markup_becomes_unicode_and_csl_rich_text() -> None:
    _fmt, items = read_reference_file(BIB / "title-cased-markup-1246.bib")
    frit = next(i for i in items if i["id"] == "Frit2")
    title = frit["title"]
    # what BBT's expected item has, markup for markup
    for part in ("DNA<sub>2</sub> sequences", "(<i>Natrix cetti</i>)", "<b>do not</b>",
                 '<span style="font-variant:small-caps;">species status</span>'):
        assert part in title
    assert "\\" not in title and "{" not in title and "$" not in title
    assert frit["container-title"] == "Actes du 4<sup>ème</sup> Congrès Français d'Acoustique"
    assert [a["family"] for a in frit["author"]] == ["Fritz", "Corti", "Päckert"]
    _fmt, items = read_reference_file(BIB / "ring-above-1115.bib")
    [paper] = items
    assert paper["author"][0] == {"family": "Řehůřek", "given": "Radim"}
    assert paper["type"] == "paper-conference"
    assert paper["page"] == "45-50"
    assert paper["title"] == "Software Framework for Topic Modelling with Large Corpora"
    assert paper["container-title"] == ("Proceedings of the LREC 2010 Workshop on New "
                                        "Challenges for NLP Frameworks")


def test_biblatex_commands_and_types() -> None:
    _fmt, items = read_reference_file(BIB / "biblatex-improvements-549.bib")
    by_key = {i["id"]: i for i in items}
    assert by_key["1e"]["title"] == "Blah <i>emph</i> and \u201cenquote\u201d."
    assert by_key["1b"]["title"] == "Blah <i>mkbibemph</i> and \u201cmkbibquote\u201d."
    assert by_key["Bennett2003"]["type"] == "thesis"
    assert by_key["Bennett2003"]["publisher"] == "University of London"
    assert by_key["Correns1891"]["container-title"] == (
        "Beiträge zur Geschichte der Philosophie des Mittelalters")
    assert by_key["Arsdall2012"]["editor"][0] == {
        "family": "Arsdall", "given": "Anne", "non-dropping-particle": "van"}
    _fmt, [news] = read_reference_file(BIB / "entrysubtype-newspaper.bib")
    assert news["type"] == "article-newspaper"
    assert news["container-title"] == "Ynet"
    assert iso(news["accessed"]) == "2022-06-13"
    _fmt, [book] = read_reference_file(BIB / "string-substitution-154.bib")
    assert (book["publisher"], book["publisher-place"]) == ("Freds Publishing", "London, UK")
    [joined] = bibtex_to_csl(r"""@string{amur = {Amur}}
        @article{k, title = {Issue \#1 of 50\%}, journal = amur # { Courier},
                 publisher = {Amur} # " Media " # amur}""", "s.bib")
    assert joined["title"] == "Issue #1 of 50%"
    assert joined["container-title"] == "Amur Courier"
    assert joined["publisher"] == "Amur Media Amur"


def test_names_von_jr_and_corporate_names_in_braces() -> None:
    items = bibtex_to_csl(r"""@report{who,
      author = {{World Health Organization} and van der Berg, Jan and Costa, Jr., P. T.
                and {Barnes and Noble, Inc.} and Jean de la Fontaine and M{\"u}ller, Hans},
      title = {A {UN} report on {\"O}l -- and gas},
      year = {2020}, month = mar,
    }""", "x.bib")
    [item] = items
    assert item["author"] == [
        {"literal": "World Health Organization"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Costa", "given": "P. T.", "suffix": "Jr."},
        {"literal": "Barnes and Noble, Inc."},
        {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
        {"family": "Müller", "given": "Hans"},
    ]
    assert item["title"] == "A UN report on Öl – and gas"
    assert item["issued"] == {"date-parts": [[2020, 3]]}
    assert item["type"] == "report"


def test_one_bad_entry_is_reported_with_file_line_and_key_and_the_rest_is_read() -> None:
    text = ("@article{first, title = {One}, year = 2001}\n"
            "\n"
            "@article{broken, title = {Never closed}\n"
            "@book{third, title = {Three}}\n"
            "@book{third, title = {Three again}}\n")
    items = bibtex_to_csl(text, "refs.bib")
    assert [i.get("title") for i in good(items)] == ["One", "Three"]
    [broken, dup] = problems(items)
    assert broken.startswith("refs.bib:3: entry 'broken': not valid BibTeX")
    assert dup == "refs.bib:5: entry 'third': the same key as an earlier entry; skipped"
    # order kept: the importer numbers skipped items by their place in the file
    assert [i.get("id") for i in items] == ["first", "broken", "third", "third"]
    _fmt, items = read_reference_file(BIB / "empty-entry-009.bib")
    assert [i["id"] for i in good(items)] == ["Adams2001", "Adams2002"]
    assert problems(items) == [f"{BIB / 'empty-entry-009.bib'}:10: entry 'emptyreference': "
                               "has no fields (nothing to import)"]


# ---- RIS: Zotero's RIS translator test cases against Zotero's expected items ---------------

RIS_EXPECTED = json.loads((RIS / "zotero-ris-expected.json").read_text())


@pytest.mark.parametrize("name", sorted(RIS_EXPECTED))
def test_zotero_ris_cases_match_zoteros_items(name: str) -> None:
    fmt, items = read_reference_file(RIS / name)
    assert fmt == "ris"
    assert problems(items) == []
    expected = RIS_EXPECTED[name]
    assert len(items) == len(expected)
    for item, e in zip(items, expected, strict=True):
        assert item.get("title") == e.get("title")
        assert zotero_creators(item) == expected_creators(e["creators"])
        assert iso(item.get("issued")) == e.get("date")
        for ours, theirs in (("DOI", "DOI"), ("page", "pages"), ("URL", "url"),
                             ("container-title", "publicationTitle"), ("volume", "volume"),
                             ("ISBN", "ISBN"), ("ISSN", "ISSN")):
            if theirs in e:
                assert item.get(ours) == e[theirs], (name, ours)
    types = {"journalArticle": "article-journal", "book": "book", "dataset": "dataset"}
    assert [i["type"] for i in items] == [types[e["itemType"]] for e in expected]


def test_ris_notes_are_private_and_a_series_is_a_series() -> None:
    _fmt, items = read_reference_file(RIS / "zotero-ris-case-9.ris")  # CRLF line ends
    assert items[0]["annote"] == "Cited By :10\nExport Date: 13 July 2022"
    assert "note" not in items[0]
    _fmt, [book] = read_reference_file(RIS / "zotero-ris-case-6.ris")
    assert book["collection-title"] == "Bibliothek des Eigentums"
    assert book["ISBN"] == "9783642002304"
    assert (book["publisher"], book["publisher-place"]) == ("Springer Berlin Heidelberg",
                                                            "Berlin, Heidelberg")
    _fmt, [article] = read_reference_file(RIS / "zotero-ris-case-5.ris")
    assert iso(article["accessed"]) == "2014-12-17"
    assert "genre" not in article  # M3 held a DOI there, not a type of work


def test_a_cut_short_ris_record_is_reported_and_the_rest_is_read() -> None:
    text = ("TY  - JOUR\nTI  - First\nER  - \n"
            "AU  - Stray, Tag\n"
            "TY  - RPRT\nTI  - Never ended\n"
            "TY  - BOOK\nTI  - Third\nER  - \n"
            "TY  - NEWS\nTI  - Last, cut off\n")
    items = ris_to_csl(text, "refs.ris")
    assert [i.get("title") for i in good(items)] == ["First", "Third"]
    assert problems(items) == [
        "refs.ris:4: record: 'AU' outside a record (no 'TY  -' before it)",
        "refs.ris:5: record: has no 'ER  -' line before the next 'TY  -'",
        "refs.ris:10: record: has no 'ER  -' line (the file ends inside it)"]


# ---- what the file is, told by its content -------------------------------------------------

def test_the_format_is_told_by_content_not_extension(tmp_path: Path) -> None:
    ris = tmp_path / "download.txt"
    shutil.copy(RIS / "zotero-ris-case-0.ris", ris)
    assert read_reference_file(ris)[0] == "ris"
    bib = tmp_path / "zotero.json"
    shutil.copy(BIB / "ring-above-1115.bib", bib)
    assert read_reference_file(bib)[0] == "bibtex"
    csl = tmp_path / "items.bib"
    csl.write_text('[{"id": "a", "type": "report", "title": "A"}]')
    assert read_reference_file(csl) == ("csl-json", [{"id": "a", "type": "report",
                                                      "title": "A"}])
    utf16 = tmp_path / "endnote.ris"
    utf16.write_bytes("TY  - JOUR\nTI  - Über Brücken\nER  - \n".encode("utf-16"))
    assert read_reference_file(utf16)[1][0]["title"] == "Über Brücken"
    assert sniff_format("", ".ris") == "ris"


def test_files_that_are_no_reference_file_are_refused_naming_the_file(tmp_path: Path) -> None:
    prose = tmp_path / "notes.txt"
    prose.write_text("Met the customs officer at 10.\n")
    with pytest.raises(CslError, match="notes.txt: not a reference file"):
        read_reference_file(prose)
    with pytest.raises(CslError, match="is a folder"):
        read_reference_file(tmp_path)
    big = tmp_path / "big.bib"
    big.write_text("@misc{a, title={x}}\n" * 20)
    with pytest.raises(CslError, match="more than a reference file may hold"):
        read_reference_file(big, max_bytes=100)
    with pytest.raises(CslError, match="no such file"):
        read_reference_file(tmp_path / "missing.ris")


# ---- export, and the round trip through a case ---------------------------------------------

def test_exported_bibtex_escapes_latex_and_keeps_rich_text_and_capitals() -> None:
    item = {"id": "x 1", "type": "report", "title": "<i>Amur</i> trade: 50% & $5 #1_a",
            "author": [{"family": "de la Cruz", "given": "Ana"},
                       {"literal": "World Health Organization"},
                       {"family": "Costa", "given": "P. T.", "suffix": "Jr."}],
            "page": "3-9", "issued": {"date-parts": [[2026, 9]]}}
    text = csl_to_bibtex([item])
    assert r"title = {\textit{Amur} {trade}: 50\% \& \$5 \#1\_a}" not in text  # lower case
    assert r"title = {\textit{Amur} trade: 50\% \& \$5 \#1\_a}" in text
    assert "author = {{de la Cruz}, Ana and {World Health Organization} and " \
           "Costa, Jr., P. T.}" in text
    assert "pages = {3--9}" in text and "date = {2026-09}" in text
    [back] = bibtex_to_csl(text, "x.bib")
    assert back["id"] == "x1"  # a BibTeX key has no spaces
    assert back["title"] == item["title"]
    assert back["author"] == item["author"]
    assert back["page"] == "3-9" and back["issued"] == item["issued"]


def export_both(case: CaseFile, folder: Path) -> dict[str, Path]:
    items = case.documents.export_csl()
    bib, ris = folder / "refs.bib", folder / "refs.ris"
    bib.write_text(csl_to_bibtex(items))
    ris.write_text(csl_to_ris(items))
    return {"bibtex": bib, "ris": ris}


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_round_trip_through_a_fresh_case_gives_the_same_documents(sample: CaseFile,
                                                                  tmp_path: Path,
                                                                  fmt: str) -> None:
    original = sample.documents.export_csl()
    path = export_both(sample, tmp_path)[fmt]
    fresh = CaseFile.create(tmp_path / "fresh.casefile", title="Fresh", actor="tester")
    try:
        report = fresh.documents.import_csl(path)
        assert (report.format, len(report.created), report.skipped) == (fmt, len(original), [])
        assert fresh.documents.export_csl() == original
        again = fresh.documents.import_csl(path)  # the same file twice: nothing doubles
        assert (len(again.created), len(again.updated), len(again.unchanged)) == \
            (0, 0, len(original))
        assert fresh.documents.count() == len(original)
    finally:
        fresh.close()
    count = sample.documents.count()
    back_home = sample.documents.import_csl(path)  # into the case it came from
    assert len(back_home.created) == 0 and back_home.skipped == []
    assert sample.documents.count() == count


def test_real_bibtex_survives_import_export_import(case: CaseFile, tmp_path: Path) -> None:
    for name in BBT_FIXTURES:
        report = case.documents.import_csl(BIB / f"{name}.bib")
        assert report.skipped == []
    first = case.documents.export_csl()
    for fmt, path in export_both(case, tmp_path).items():
        other = CaseFile.create(tmp_path / f"{fmt}.casefile", title="Other", actor="tester")
        try:
            other.documents.import_csl(path)
            assert other.documents.export_csl() == first, fmt
        finally:
            other.close()


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_exported_bibtex_as_the_same_items(sample: CaseFile,
                                                            tmp_path: Path) -> None:
    items = sample.documents.export_csl()
    path = export_both(sample, tmp_path)["bibtex"]
    out = subprocess.run(["pandoc", "-f", "biblatex", "-t", "csljson", str(path)],
                         capture_output=True, text=True, check=True, timeout=60)
    assert out.stderr == ""
    theirs = {i["id"]: i for i in json.loads(out.stdout)}
    assert set(theirs) == {i["id"] for i in items}
    for item in items:
        other = theirs[item["id"]]
        for key in ("title", "author", "issued", "accessed", "URL", "language"):
            assert other.get(key) == item.get(key), (item["title"], key)
        expected_type = {"personal_communication": "letter", "legislation": "legislation"}
        assert other["type"] in {item["type"], expected_type.get(item["type"])}


# ---- the command line, and what never leaves ----------------------------------------------

def protected_case(path: Path) -> None:
    case = CaseFile.create(path, title="Protected", actor="tester")
    try:
        firm = case.sources.create(name="Heihe Lianhe Trading", kind="organisation",
                                   ground_rules="confidential",
                                   attribution_phrase="a trading firm in Heihe")
        case.sources.create(name="Oksana Melnyk", ground_rules="confidential",
                            attribution_phrase="a customs broker")
        case.documents.create(title="Invoices for October", kind="report",
                              publisher="Heihe Lianhe Trading", publisher_source=firm.uuid,
                              authors=[{"literal": "Oksana Melnyk"}],
                              notes="Got these from Oksana Melnyk at the market")
    finally:
        case.close()


@pytest.mark.parametrize("command", ["export-bib", "export-ris"])
def test_export_commands_never_name_a_protected_source(tmp_path: Path, capsys: Any,
                                                       command: str) -> None:
    story = tmp_path / "story.casefile"
    protected_case(story)
    out = tmp_path / ("refs.bib" if command == "export-bib" else "refs.ris")
    assert main([command, str(story), "--out", str(out)]) == 0
    assert "wrote 1 items" in capsys.readouterr().out
    text = out.read_text()
    assert "Lianhe" not in text and "Melnyk" not in text and "Oksana" not in text
    _fmt, [item] = read_reference_file(out)
    assert item["title"] == "Invoices for October"
    assert item["author"] == [{"literal": "a customs broker"}]
    assert item.get("publisher", item.get("authority")) == "a trading firm in Heihe"
    assert "annote" not in item and "note" not in item  # the private note stayed home
    assert main([command, str(story), "--out", str(out)]) == 1  # never over a file unasked
    assert main([command, str(story), "--out", str(story), "--force"]) == 1  # nor the case
    full = tmp_path / ("full" + out.suffix)
    assert main([command, str(story), "--out", str(full), "--full"]) == 0
    _fmt, [mine] = read_reference_file(full)  # asked for, the reporter gets the names
    assert mine["author"] == [{"literal": "Oksana Melnyk"}]
    assert mine["annote"] == "Got these from Oksana Melnyk at the market"
    assert "Lianhe" not in full.read_text()  # a linked protected publisher: never by name
    capsys.readouterr()
    assert main([command, str(story)]) == 0  # standard output
    assert capsys.readouterr().out.startswith(text.splitlines()[0])
    # and the file imports again, where it is recognised as already there
    report_code = main(["import-csl", str(story), str(out)])
    assert report_code == 0
    reopened = CaseFile.open(story, actor="tester")
    try:
        assert reopened.documents.count() == 1
    finally:
        reopened.close()


def test_the_app_imports_bibtex_and_ris_from_the_file_menu(case: CaseFile, qtbot: Any,
                                                           tmp_path: Path) -> None:
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    bib = tmp_path / "zotero export.bib"
    shutil.copy(BIB / "ring-above-1115.bib", bib)
    prompts = ScriptedPrompts([bib, RIS / "zotero-ris-case-9.ris"])
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    file_menu: Any = window.menuBar().actions()[0].menu()
    [entry] = [a for a in file_menu.actions() if "BibTeX" in a.text()]
    assert entry.text() == "Import re&ferences (CSL-JSON, BibTeX, RIS)…"
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        entry.trigger()
    kind, title, filters = prompts.shown[0]
    assert (kind, title) == ("open", "Import references")
    assert "*.bib" in filters and "*.ris" in filters and "*.json" in filters
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        entry.trigger()
    titles = [d.title for d in case.documents.page()]
    assert "Using focus groups to adapt ethnically appropriate, information-seeking and " \
        "recruitment messages for a prostate cancer screening program for men at high " \
        "risk" in titles
    assert "Software Framework for Topic Modelling with Large Corpora" in titles
    assert len(titles) == 3  # the untitled RIS record came in under a placeholder


def test_crossref_children_inherit_and_odd_text_survives_a_round_trip() -> None:
    text = r"""@inproceedings{child, title = {A paper}, crossref = {proc}, pages = {1--2}}
    @proceedings{proc, title = {Proceedings of {IJCAI}}, year = 2001,
                 publisher = {Morgan Kaufmann}}
    @article{O'Hara_1999, title = {H$^+$ ions at 20 $^\circ$K, x\^{}2 and a\~{}b},
             note = {First line
                     continues here.}}"""
    child, _proc, ohara = bibtex_to_csl(text, "x.bib")
    assert child["container-title"] == "Proceedings of IJCAI"
    assert child["issued"] == {"date-parts": [[2001]]}
    assert child["publisher"] == "Morgan Kaufmann"
    assert ohara["title"].startswith("H<sup>+</sup> ions at 20 <sup>")
    [again] = bibtex_to_csl(csl_to_bibtex([ohara]), "y.bib")
    assert again == ohara  # the key with its apostrophe, the markup, the carets


# ---- what a round trip through BibTeX or RIS must not lose (review r45) -------------------

def test_a_latex_nesting_bomb_is_reported_in_plain_words() -> None:
    bomb = "\\textit{" * 3000 + "x" + "}" * 3000
    items = bibtex_to_csl(f"@article{{deep, title={{{bomb}}}}}\n@book{{ok, title={{Fine}}}}",
                          "deep.bib")
    [problem] = problems(items)
    assert problem.startswith("deep.bib:1: entry 'deep': LaTeX nested too deeply (more than ")
    assert "Error" not in problem  # no Python exception name
    assert [i["title"] for i in good(items)] == ["Fine"]


def test_unbalanced_braces_that_end_an_entry_early_are_reported() -> None:
    """`title={Close}} too}, year=2022}`: bibtexparser ends the entry at `}}` and reads the
    rest as a comment, so the year was lost with no word."""
    items = bibtex_to_csl("@article{b, title={Fine}, year=2021}\n"
                          "@article{c, title={Close}} too}, year=2022}\n"
                          "@book{d,\n  title={OK d}\n}\n% a comment } with a brace\n", "u.bib")
    [problem] = problems(items)
    assert problem.startswith("u.bib:2: entry 'c': its braces do not balance")
    assert "too}, year=2022}" in problem
    assert [i["title"] for i in good(items)] == ["Fine", "OK d"]


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_dates_extra_and_dashes_survive_a_round_trip(fmt: str) -> None:
    items = [
        {"id": "a", "type": "report", "title": "Use --full -- not --- this",
         "issued": {"date-parts": [[1999]], "circa": True},
         "original-date": {"date-parts": [[1950, 3]]},
         "note": "PMID: 12345\ntex.howpublished: by hand"},
        {"id": "b", "type": "report", "title": "Range",
         "issued": {"date-parts": [[1999, 5], [2001, 2]]}},
    ]
    if fmt == "bibtex":
        back = bibtex_to_csl(csl_to_bibtex(items), "x.bib")
    else:
        back = ris_to_csl(csl_to_ris(items), "x.ris")
    by_id = {i["id"]: i for i in back}
    assert by_id["a"]["title"] == "Use --full -- not --- this"
    assert by_id["a"]["issued"] == {"date-parts": [[1999]], "circa": True}
    assert by_id["b"]["issued"] == {"date-parts": [[1999, 5], [2001, 2]]}
    note = by_id["a"]["note"].splitlines()
    assert note[:2] == ["PMID: 12345", "tex.howpublished: by hand"]  # lines kept apart
    if fmt == "bibtex":
        assert by_id["a"]["original-date"] == {"date-parts": [[1950, 3]]}
    else:  # RIS has no tag: Zotero's Extra line, which the import pipeline reads
        assert note[2:] == ["original-date: 1950-03"]


def test_an_imported_ris_export_keeps_the_original_date(case: CaseFile, tmp_path: Path) -> None:
    path = tmp_path / "o.ris"
    path.write_text(csl_to_ris([{"id": "a", "type": "book", "title": "Reprint",
                                 "issued": {"date-parts": [[2001]]},
                                 "original-date": {"date-parts": [[1950]]}}]))
    report = case.documents.import_csl(path)
    assert len(report.created) == 1
    [item] = case.documents.export_csl()
    assert item["original-date"] == {"date-parts": [[1950]]}
    assert "note" not in item


def test_a_ris_suffix_written_before_the_given_name_is_a_suffix() -> None:
    [item] = ris_to_csl("TY  - RPRT\nAU  - O'Neil, Jr, Pat\nAU  - Smith, Jr., Ann\n"
                        "AU  - King, Martin, Jr\nER  - \n", "s.ris")
    assert item["author"] == [{"family": "O'Neil", "given": "Pat", "suffix": "Jr"},
                              {"family": "Smith", "given": "Ann", "suffix": "Jr."},
                              {"family": "King", "given": "Martin", "suffix": "Jr"}]
