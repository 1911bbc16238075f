"""CSL-JSON import and export as a Zotero user expects them: every date Zotero writes read
into the document's own fields and written back as it came, untitled and bad items never
refusing a whole file, a re-import recognising what is already there, Zotero's Extra kept as
the item's data, and every export valid against the official CSL data schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from casefile import CaseFile
from casefile.cli import main
from casefile.errors import CaseFileError, ValidationError
from casefile.media.csl import document_date
from casefile.redaction import RedactionPolicy

DATA = Path(__file__).parent / "data"
ZOTERO = DATA / "zotero" / "citeProcJSExport.json"
SCHEMA = json.loads((Path(__file__).parent.parent / "casefile" / "data" / "csl-data.json")
                    .read_text(encoding="utf-8"))
# Variables Zotero writes that CSL 1.0.2 does not have: the schema refuses them at the top
# level, so Casefile's export keeps them under "custom".
NOT_IN_CSL = ("license", "part-number")


def write(tmp_path: Path, items: list[Any], name: str = "items.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def zotero_items() -> list[dict[str, Any]]:
    return list(json.loads(ZOTERO.read_text(encoding="utf-8")).values())


def assert_valid(items: list[dict[str, Any]]) -> None:
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)


# -- Zotero's own export fixture -------------------------------------------------------------

def test_every_zotero_fixture_item_imports_with_its_dates_and_round_trips(
        case: CaseFile, tmp_path: Path) -> None:
    items = zotero_items()
    assert len(items) == 37
    report = case.documents.import_csl(write(tmp_path, items))
    assert (len(report.created), report.skipped, report.untitled) == (37, [], [])
    assert [(d.issued, d.accessed) for d in report.created] == [("1999-12-31",
                                                                 "1997-06-13")] * 37
    exported = case.documents.export_csl()
    assert_valid(exported)
    for original, out in zip(items, exported, strict=True):
        expected = {k: v for k, v in original.items() if k not in NOT_IN_CSL}
        custom = {k: original[k] for k in NOT_IN_CSL if k in original}
        if custom:
            expected["custom"] = custom
        assert out == expected  # the dates as Zotero wrote them, "note" (Extra) kept
    again = case.documents.import_csl(write(tmp_path, items))
    assert again.summary() == "created 0, updated 0, unchanged 37, skipped 0"
    assert case.documents.count() == 37


def test_zotero_extra_is_the_items_data_not_the_reporters_note(case: CaseFile,
                                                               tmp_path: Path) -> None:
    report = case.documents.import_csl(write(tmp_path, [{
        "id": "ZXCV1234", "type": "book", "title": "Border towns",
        "note": "original-date: 1950\nDOI: 10.5555/border.1950\n"
                "Translator: Petrova || Anna\nRead in the archive copy.\nnotakey"}]))
    [doc] = report.created
    assert doc.notes == ""  # the reporter's private note is untouched
    assert doc.identifier == "10.5555/border.1950"
    case.documents.update(doc.uuid, notes="Source says the 1950 edition was pulped")
    for policy in (None, RedactionPolicy()):
        [item] = case.documents.export_csl(policy=policy)
        assert item["note"] == "Read in the archive copy.\nnotakey"
        assert item["original-date"] == {"date-parts": [[1950]]}
        assert item["DOI"] == "10.5555/border.1950"
        assert item["translator"] == [{"family": "Petrova", "given": "Anna"}]
        assert_valid([item])
        # the reporter's own note: only in a full export, and as "annote", never as "note"
        assert ("annote" in item) is (policy is None)
    [full] = case.documents.export_csl()
    assert full["annote"] == "Source says the 1950 edition was pulped"


def test_an_extra_line_never_overrides_a_variable_the_item_has(case: CaseFile,
                                                                tmp_path: Path) -> None:
    [doc] = case.documents.import_csl(write(tmp_path, [{
        "type": "report", "title": "T", "DOI": "10.1/own", "author": [{"literal": "A"}],
        "note": "DOI: 10.1/other\nauthor: B || C"}])).created
    [item] = case.documents.export_csl([doc.uuid])
    assert (item["DOI"], item["author"]) == ("10.1/own", [{"literal": "A"}])
    assert item["note"] == "DOI: 10.1/other\nauthor: B || C"


# -- dates -----------------------------------------------------------------------------------

DATES = [
    ({"date-parts": [["1999", 12, 31]]}, "1999-12-31"),
    ({"literal": "Spring 1999"}, "Spring 1999"),
    ({"literal": "Winter 1941–42"}, "Winter 1941–42"),
    ({"raw": "1999-12-31"}, "1999-12-31"),
    ({"raw": "March 2001"}, "2001-03"),
    ({"date-parts": [[1999, 5], [2001, 2]]}, "1999-05/2001-02"),
    ({"date-parts": [[1999]], "season": 1}, "Spring 1999"),
    ({"date-parts": [[1999]], "season": "Summer"}, "Summer 1999"),
    ({"date-parts": [["1999"]], "circa": True}, "ca. 1999"),
    ({"date-parts": [[1999, 6]], "circa": 1}, "ca. 1999-06"),
    ({"date-parts": [[1999], [2003]], "circa": "1"}, "ca. 1999/2003"),
]


def test_every_kind_of_csl_date_is_stored_and_exported_as_it_came(case: CaseFile,
                                                                  tmp_path: Path) -> None:
    items = [{"id": f"date-{i}", "type": "report", "title": f"Report {i}", "issued": issued,
              "accessed": {"date-parts": [[2026, 11, 2]]}}
             for i, (issued, _text) in enumerate(DATES)]
    report = case.documents.import_csl(write(tmp_path, items))
    assert [d.issued for d in report.created] == [text for _i, text in DATES]
    assert {d.accessed for d in report.created} == {"2026-11-02"}
    exported = case.documents.export_csl()
    assert [i["issued"] for i in exported] == [issued for issued, _t in DATES]
    assert_valid(exported)


@pytest.mark.parametrize(("typed", "kept", "csl"), [
    ("1999-05/2001-02", "1999-05/2001-02", {"date-parts": [[1999, 5], [2001, 2]]}),
    ("May 1999 – Feb 2001", "1999-05/2001-02", {"date-parts": [[1999, 5], [2001, 2]]}),
    ("1999–2001", "1999/2001", {"date-parts": [[1999], [2001]]}),
    ("ca. 1999", "ca. 1999", {"circa": True, "date-parts": [[1999]]}),
    ("circa March 1999", "ca. 1999-03", {"circa": True, "date-parts": [[1999, 3]]}),
    ("spring 1999", "Spring 1999", {"date-parts": [[1999]], "season": 1}),
    ("Fall 2026", "Autumn 2026", {"date-parts": [[2026]], "season": 3}),
    ("12 Feb 2026", "2026-02-12", {"date-parts": [[2026, 2, 12]]}),
])
def test_a_date_typed_as_a_range_season_or_circa_is_kept_and_exported(
        case: CaseFile, typed: str, kept: str, csl: dict[str, Any]) -> None:
    doc = case.documents.create(title="Typed", issued=typed)
    assert doc.issued == kept
    [item] = case.documents.export_csl([doc.uuid])
    assert item["issued"] == csl
    assert_valid([item])


def test_a_literal_date_is_imported_but_never_typed(case: CaseFile, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Issued: “sometime” is not a date.*ca. 1999"):
        case.documents.create(title="Typed", issued="sometime")
    assert document_date("sometime", literal_ok=True) == "sometime"
    [doc] = case.documents.import_csl(write(tmp_path, [
        {"type": "report", "title": "Literal", "issued": {"literal": "sometime"}}])).created
    assert doc.issued == "sometime"
    case.documents.update(doc.uuid, title="Literal, renamed")  # the date is not re-checked
    [item] = case.documents.export_csl([doc.uuid])
    assert item["issued"] == {"literal": "sometime"}


def test_an_edited_date_is_exported_from_its_new_text(case: CaseFile, tmp_path: Path) -> None:
    [doc] = case.documents.import_csl(write(tmp_path, [
        {"type": "report", "title": "R", "issued": {"raw": "1999-12-31"}}])).created
    case.documents.update(doc.uuid, issued="ca. 2000")
    [item] = case.documents.export_csl([doc.uuid])
    assert item["issued"] == {"circa": True, "date-parts": [[2000]]}


# -- untitled and bad items ----------------------------------------------------------------

def test_untitled_items_import_under_a_placeholder_and_export_without_one(
        case: CaseFile, tmp_path: Path) -> None:
    items = [{"id": "a", "type": "webpage", "URL": "https://www.kita.example/report/2026-10"},
             {"id": "b", "type": "article-newspaper", "title": "  ",
              "container-title": "Amur Courier"},
             {"id": "c", "type": "report"},
             {"id": "d", "type": "report", "title": "Titled"}]
    report = case.documents.import_csl(write(tmp_path, items))
    assert [d.title for d in report.created] == [
        "[untitled webpage, kita.example/report/2026-10]",
        "[untitled article-newspaper, Amur Courier]", "[untitled report]", "Titled"]
    assert [i for i, _t in report.untitled] == [0, 1, 2]
    exported = case.documents.export_csl()
    assert ["title" in i for i in exported] == [False, False, False, True]
    assert_valid(exported)
    renamed = report.created[2]
    case.documents.update(renamed.uuid, title="Customs annual report")
    assert case.documents.export_csl([renamed.uuid])[0]["title"] == "Customs annual report"


def test_bad_items_are_skipped_one_by_one_and_the_rest_import(case: CaseFile,
                                                              tmp_path: Path) -> None:
    items = [{"id": "ok-1", "type": "report", "title": "Good one"},
             {"id": "no-type", "title": "Typeless"},
             {"id": "bad-author", "type": "report", "title": "Bad author", "author": "Smith"},
             "junk",
             {"id": "bad-url", "type": "webpage", "title": "Bad URL", "URL": ["x"]},
             {"id": "ok-2", "type": "dataset", "title": "Good two"}]
    report = case.documents.import_csl(write(tmp_path, items))
    assert [d.title for d in report.created] == ["Good one", "Good two"]
    assert [s.text() for s in report.skipped] == [
        "[1] “Typeless”: type: required (a CSL type such as 'report')",
        "[2] “Bad author”: author: must be a list of name objects",
        "[3]: not an item (a CSL item is an object)",
        "[4] “Bad URL”: URL: must be text"]
    assert report.summary() == "created 2, updated 0, unchanged 0, skipped 4"
    assert case.documents.count() == 2


# -- re-import -----------------------------------------------------------------------------

def test_a_reimport_recognises_items_by_id_doi_url_or_title_and_date(
        case: CaseFile, tmp_path: Path) -> None:
    first = [{"id": "ABCD2345", "type": "report", "title": "Trade report"},
             {"id": 1, "type": "article-journal", "title": "Payments",
              "DOI": "10.1234/JEE.2025.0312"},
             {"id": 2, "type": "webpage", "title": "Crossings",
              "URL": "https://www.customs.example/data/"},
             {"id": 3, "type": "report", "title": "Annual  review",
              "issued": {"date-parts": [[2025]]}}]
    made = case.documents.import_csl(write(tmp_path, first)).created
    case.documents.update(made[0].uuid, notes="the reporter's own note")
    second = [{"id": "ABCD2345", "type": "report", "title": "Trade report, revised"},
              {"id": 7, "type": "article-journal", "title": "Payments",
               "DOI": "https://doi.org/10.1234/jee.2025.0312"},
              {"id": 8, "type": "webpage", "title": "Crossings",
               "URL": "https://customs.example/data", "accessed": {"date-parts": [[2026, 3]]}},
              {"id": 9, "type": "report", "title": "annual review",
               "issued": {"date-parts": [["2025"]]}},
              {"id": 1, "type": "report", "title": "A new one with an old number"}]
    report = case.documents.import_csl(write(tmp_path, second))
    assert [(d.title, how) for d, how in report.updated] == [
        ("Trade report, revised", "same id"), ("Payments", "same DOI"),
        ("Crossings", "same URL"), ("annual review", "same title and date")]
    assert [d.title for d in report.created] == ["A new one with an old number"]
    assert case.documents.get(made[0].uuid).notes == "the reporter's own note"
    assert case.documents.count() == 5
    lines = report.lines()
    assert lines[:2] == ["created   1", "updated   4 (recognised by same id 1, same DOI 1, "
                                        "same URL 1, same title and date 1)"]
    assert "  “Trade report, revised” (same id): title “Trade report” → “Trade report, " \
        "revised”" in lines
    assert "  “Crossings” (same URL): url; accessed" in lines
    assert report.duplicates == []
    again = case.documents.import_csl(write(tmp_path, second))
    assert again.summary() == "created 0, updated 0, unchanged 5, skipped 0"


def test_a_key_never_merges_a_different_work_it_makes_a_possible_duplicate(
        case: CaseFile, tmp_path: Path) -> None:
    first: list[dict[str, Any]] = [
             {"id": "smith2020", "type": "article-journal", "title": "Bridges of the Amur",
              "author": [{"family": "Smith", "given": "Anna"}], "DOI": "10.1000/aaa",
              "issued": {"date-parts": [[2020]]}},
             {"type": "report", "title": "Annual report", "publisher": "Amur Commerce Bank"},
             {"type": "webpage", "title": "Press release on tariffs",
              "URL": "https://www.customs.example.ru/"},
             {"type": "report", "title": "Statistics 2023", "issued": {"date-parts": [[2023]]},
              "URL": "https://stat.example.ru/download.php?id=1"},
             {"id": "ITEM-1", "type": "report", "title": "Border crossings"},
             {"id": "ABCD2345", "type": "report", "title": "Trade", "DOI": "10.1000/bbb"}]
    made = case.documents.import_csl(write(tmp_path, first)).created
    second = [{"id": "smith2020", "type": "article-journal", "title": "Timber trade in Harbin",
               "author": [{"family": "Smith", "given": "John"}], "DOI": "10.2000/zzz",
               "issued": {"date-parts": [[2020]]}},
              {"type": "report", "title": "Annual Report",
               "publisher": "Far Eastern Customs Directorate"},
              {"type": "webpage", "title": "Press release on quotas",
               "URL": "https://customs.example.ru"},
              {"type": "report", "title": "Statistics 2024", "issued": {"date-parts": [[2024]]},
               "URL": "https://stat.example.ru/download.php?id=1"},
              {"id": "ITEM-1", "type": "report"},
              {"id": "ABCD2345", "type": "report", "title": "Trade", "DOI": "10.1000/ccc"}]
    report = case.documents.import_csl(write(tmp_path, second))
    assert (report.updated, report.unchanged) == ([], [])
    assert len(report.created) == 6 and case.documents.count() == 12
    assert [(new.title, old.uuid, why) for new, old, why in report.duplicates] == [
        ("Timber trade in Harbin", made[0].uuid, "same id, but DOI and title differ"),
        ("Annual Report", made[1].uuid,
         "same title and date, but no date, and no author or publisher in common"),
        ("Press release on quotas", made[2].uuid, "same URL, but title differs"),
        ("Statistics 2024", made[3].uuid, "same URL, but title and date differ"),
        ("[untitled report]", made[4].uuid, "same id, but no title or DOI in common (an id "
                                             "such as a BibTeX key is not enough alone)"),
        ("Trade", made[5].uuid, "same id, but DOI differs")]
    for doc, item in zip(made, first, strict=True):  # nothing overwritten
        assert case.documents.get(doc.uuid).title == item["title"]
    assert "possible duplicates 6 (created as new documents; delete one if they are the " \
           "same)" in report.lines()
    assert "  “Timber trade in Harbin” beside “Bridges of the Amur” (same id, but DOI and " \
           "title differ)" in report.lines()
    # The same title without a date is one work when an author or the publisher agrees.
    again = case.documents.import_csl(write(tmp_path, [
        {"type": "report", "title": "annual report", "publisher": "Amur Commerce Bank",
         "URL": "https://bank.example/ar"}]))
    assert [(d.uuid, how) for d, how in again.updated] == [(made[1].uuid, "same title and date")]


def test_casefiles_own_export_reimports_as_unchanged(case: CaseFile, tmp_path: Path) -> None:
    case.documents.create(title="Made here", kind="report", issued="Feb 2026")
    case.documents.create(title="Also here", kind="letter", url="https://x.example/l")
    path = write(tmp_path, case.documents.export_csl())
    report = case.documents.import_csl(path)
    assert report.summary() == "created 0, updated 0, unchanged 2, skipped 0"
    assert {how for _d, how in report.unchanged} == {"same id"}


def test_the_sample_cases_own_exports_reimport_with_nothing_changed(sample: CaseFile,
                                                                   tmp_path: Path) -> None:
    broker = sample.sources.create(name="Secret Freight LLC", kind="organisation",
                                   ground_rules="confidential",
                                   attribution_phrase="a logistics firm in Khabarovsk")
    memo = sample.documents.create(title="Internal memo", kind="letter",
                                   publisher_source=broker.uuid)
    before = sample.documents.export_csl(policy=None)
    for policy in (RedactionPolicy(), None):  # the default (redacted) export, and --full
        report = sample.documents.import_csl(
            write(tmp_path, sample.documents.export_csl(policy=policy)))
        assert (report.created, report.updated, report.skipped) == ([], [], []), report.lines()
        assert len(report.unchanged) == len(before)
    assert sample.documents.export_csl(policy=None) == before  # not even bookkeeping
    assert sample.documents.get(memo.uuid).publisher == ""  # no pseudonym typed in


def test_an_update_by_a_zotero_key_names_what_it_changes(case: CaseFile,
                                                          tmp_path: Path) -> None:
    item = {"id": "ABCD2345", "type": "report", "title": "Trade", "DOI": "10.1000/x",
            "author": [{"family": "Orlova"}], "issued": {"date-parts": [[2024]]}}
    [doc] = case.documents.import_csl(write(tmp_path, [item])).created
    fixed = {**item, "issued": {"date-parts": [[2025, 3]]}}
    report = case.documents.import_csl(write(tmp_path, [fixed]))
    assert report.changes == {str(doc.uuid): ["date “2024” → “2025-03”"]}
    assert "  “Trade” (same id): date “2024” → “2025-03”" in report.lines()
    # A Zotero key survives one correction, not two: a new title and date is another work.
    other = {**item, "title": "Timber", "issued": {"date-parts": [[2019]]}}
    again = case.documents.import_csl(write(tmp_path, [other]))
    assert [d.title for d in again.created] == ["Timber"] and again.updated == []
    assert [why for _n, _o, why in again.duplicates] == ["same id, but title and date differ"]
    assert case.documents.get(doc.uuid).issued == "2025-03"


def test_dates_written_as_edtf_strings_or_text_are_read(case: CaseFile, tmp_path: Path
                                                        ) -> None:
    dates: list[tuple[Any, str]] = [
        ("2020-05", "2020-05"), ("2020-05-12", "2020-05-12"),
        ("1999-05/2001-02", "1999-05/2001-02"), ("1999~", "ca. 1999"),
        ("2001-21", "Spring 2001"), ("2001-23~", "ca. Autumn 2001"),
        ({"date-parts": "2020"}, "2020"), ({"raw": "2020-05"}, "2020-05"),
        ("Winter 1941–42", "Winter 1941–42")]
    items = [{"type": "report", "title": f"d{n}", "issued": value}
             for n, (value, _text) in enumerate(dates)]
    items.append({"type": "book", "title": "Reprint", "original-date": "1950-04"})
    report = case.documents.import_csl(write(tmp_path, items))
    assert (report.skipped, report.warnings) == ([], [])
    assert [d.issued for d in report.created][:-1] == [text for _v, text in dates]
    exported = case.documents.export_csl()
    assert_valid(exported)
    assert exported[-1]["original-date"] == {"date-parts": [[1950, 4]]}  # not left out


def test_an_item_with_a_number_too_large_is_skipped_alone(case: CaseFile, tmp_path: Path
                                                          ) -> None:
    path = tmp_path / "big.json"
    path.write_text('[{"type": "report", "title": "Fine"},'
                    ' {"type": "report", "title": "Huge", "issued": {"date-parts": [[1e400]]}},'
                    ' {"type": "report", "title": "Big", "volume": 123456789012345678901}]',
                    encoding="utf-8")
    report = case.documents.import_csl(path)
    assert [d.title for d in report.created] == ["Fine"]
    assert [s.text() for s in report.skipped] == [
        "[1] “Huge”: issued.date-parts[0][0]: a number too large to store",
        "[2] “Big”: volume: the integer 123456789012345678901 is out of range (a case file "
        "holds 64-bit integers)"]
    path.write_text('[{"type": "report", "title": "Fine"}, NaN]', encoding="utf-8")
    with pytest.raises(CaseFileError, match="nothing was imported"):  # not JSON: the file
        case.documents.import_csl(path)


def test_items_of_one_file_sharing_a_doi_stay_apart(case: CaseFile, tmp_path: Path) -> None:
    items = [{"id": "book-1", "type": "book", "title": "Collected", "DOI": "10.9/x"},
             {"id": "chap-1", "type": "chapter", "title": "Chapter one", "DOI": "10.9/x"}]
    assert len(case.documents.import_csl(write(tmp_path, items)).created) == 2
    again = case.documents.import_csl(write(tmp_path, items))
    assert again.summary() == "created 0, updated 0, unchanged 2, skipped 0"


# -- exports and the CSL schema -----------------------------------------------------------

def test_every_export_of_the_sample_case_is_valid_csl(sample: CaseFile) -> None:
    for policy in (None, RedactionPolicy()):
        items = sample.documents.export_csl(policy=policy)
        assert items
        assert_valid(items)


def test_variables_csl_lacks_go_to_custom_and_bad_kept_values_are_left_out(
        case: CaseFile, tmp_path: Path) -> None:
    [doc] = case.documents.import_csl(write(tmp_path, [{
        "id": "odd", "type": "report", "title": "Odd", "license": "CC BY",
        "volume": {"not": "a volume"}, "custom": {"mine": 1},
        "original-date": {"date-parts": "1950"}}])).created
    [item] = case.documents.export_csl([doc.uuid])
    assert item["custom"] == {"license": "CC BY", "mine": 1}
    assert "volume" not in item and "original-date" not in item
    assert_valid([item])


def test_a_letter_and_every_kind_made_here_exports_valid_csl(case: CaseFile) -> None:
    from casefile.models import DocumentKind

    for kind in DocumentKind:
        case.documents.create(title=f"A {kind.value}", kind=kind.value, issued="ca. 2026")
    items = case.documents.export_csl()
    assert len(items) == len(DocumentKind)
    assert_valid(items)


# -- the command line ----------------------------------------------------------------------

def test_import_csl_prints_the_report_and_exits_1_when_items_are_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.casefile"
    CaseFile.create(path, title="T").close()
    items = [{"id": "ABCD2345", "type": "report", "title": "One"}, {"title": "No type"},
             {"id": "EFGH6789", "type": "report"}]
    src = write(tmp_path, items)
    assert main(["import-csl", str(path), str(src)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"imported {src} (csl-json):", "created   2", "updated   0", "unchanged 0",
        "skipped   1", "  [1] “No type”: type: required (a CSL type such as 'report')",
        "untitled  1 (imported under a placeholder title you can change)",
        "  [2] as “[untitled report]”"]
    assert "1 item not imported" in err and "import the file again" in err
    changed = copy.deepcopy(items[:1])
    changed[0]["title"] = "One, corrected"
    assert main(["import-csl", str(path), str(write(tmp_path, changed)), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["created"] == [] and data["skipped"] == []
    assert [u["recognised_by"] for u in data["updated"]] == ["same id"]


def test_an_item_with_nothing_to_know_it_by_is_recognised_by_its_content(
        case: CaseFile, tmp_path: Path) -> None:
    items = [{"type": "article-journal", "author": [{"family": "Kim", "given": "Min"}]},
             {"type": "article-journal", "author": [{"family": "Kim", "given": "Min"}]}]
    assert len(case.documents.import_csl(write(tmp_path, items)).created) == 2
    again = case.documents.import_csl(write(tmp_path, items))
    assert again.summary() == "created 0, updated 0, unchanged 2, skipped 0"
    assert {how for _d, how in again.unchanged} == {"same content"}


def test_bibtex_and_ris_come_through_the_same_pipeline(case: CaseFile) -> None:
    pytest.importorskip("casefile.media.reference_files",
                        reason="the BibTeX/RIS reader (Part 5 of issue 20) is not there")
    bib = DATA / "bibtex" / "empty-entry-009.bib"
    ris = DATA / "ris" / "zotero-ris-case-9.ris"
    if not (bib.exists() and ris.exists()):
        pytest.skip("the BibTeX/RIS fixtures are not there")
    first = case.documents.import_csl(bib)
    assert (first.format, len(first.created), len(first.skipped)) == ("bibtex", 2, 1)
    assert "has no fields" in first.skipped[0].reason  # listed, the rest imported
    assert case.documents.import_csl(ris).format == "ris"
    for path in (bib, ris):
        again = case.documents.import_csl(path)
        assert (again.created, again.updated) == ([], []), path
    assert_valid(case.documents.export_csl())


def test_odd_items_import_and_still_export_as_valid_csl(case: CaseFile, tmp_path: Path) -> None:
    items = [{"id": ["not", "an", "id"], "type": "blog", "title": "Odd type and id"},
             {"id": True, "type": "report", "title": "Bool id", "issued": {"raw": "someday"},
              "accessed": {"date-parts": [["x"]]}, "author": [{"family": 5}]},
             {"id": "ok-item", "type": "report", "title": "Circa", "issued":
              {"date-parts": [[1999]], "circa": "yes", "season": 9}},
             {"type": "report", "title": "Deep literal", "issued": {"literal": "ca. " * 200}}]
    items.append({"type": "report", "title": "Raw", "issued": {"raw": "someday"}})
    report = case.documents.import_csl(write(tmp_path, items))
    assert len(report.created) == 3, report.lines()
    assert [s.text() for s in report.skipped] == [  # never imported without the date or name
        "[1] “Bool id”: accessed: not a date (CSL date-parts are whole numbers, e.g. "
        "[[2026, 9, 21]], or give a literal or raw text); author: a name whose parts are not "
        "all text ([{\"family\": 5}])",
        "[2] “Circa”: issued: not a date (CSL date-parts are whole numbers, e.g. "
        "[[2026, 9, 21]], or give a literal or raw text)"]
    assert [w.text() for w in report.warnings] == [
        "[0] “Odd type and id”: type: “blog” is not a CSL type; imported as a document "
        "(exported as “document”, the type kept)"]
    assert "warnings  1 (imported; a value kept as it came)" in report.lines()
    exported = case.documents.export_csl()
    assert_valid(exported)
    assert exported[0]["type"] == "document" and exported[2]["issued"] == {"raw": "someday"}
    for doc in report.created:
        assert case.documents.citation(doc.uuid)
