"""Documents: files with what they say about themselves, safe copies, CSL-JSON, citations."""

from __future__ import annotations

import hashlib
import io
import json
import stat
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from casefile import CaseFile, CaseFileError
from casefile.media.csl import CslError
from casefile.models import DocumentKind

DATA = Path(__file__).parent / "data"


def make_pdf(pages: int = 3, *, title: str = "Крест-накрест: trade report",
             author: str = "National Statistics Service", password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title, "/Author": author,
                         "/CreationDate": "D:20261030120000+09'00'"})
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_metadata_fills_the_document(case: CaseFile, tmp_path: Path) -> None:
    path = tmp_path / "amur-trade.pdf"
    data = make_pdf()
    path.write_bytes(data)
    doc = case.documents.add_file(path, kind="statistics")
    assert doc.kind is DocumentKind.STATISTICS
    assert doc.title == "Крест-накрест: trade report"
    assert doc.authors == [{"literal": "National Statistics Service"}]
    assert doc.issued == "2026-10-30"
    assert doc.page_count == 3
    stored = case.documents.stored_file(doc.uuid)
    assert stored is not None
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert (stored.size, stored.media_type, stored.file_name) == (len(data), "application/pdf",
                                                                  "amur-trade.pdf")
    assert stored.stored_at.utcoffset().total_seconds() == 0


def test_given_fields_win_over_the_file(case: CaseFile, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf())
    doc = case.documents.add_file(path, title="Our title", issued="2026-11")
    assert (doc.title, doc.issued) == ("Our title", "2026-11")


def test_docx_core_properties(case: CaseFile, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Court filing text")
    d.core_properties.title = "Petition of Amurskaya Niva"
    d.core_properties.author = "Arbitration Court of the Amur Region"
    path = tmp_path / "filing.docx"
    d.save(str(path))
    doc = case.documents.add_file(path, kind="court_record")
    assert doc.title == "Petition of Amurskaya Niva"
    assert doc.authors == [{"literal": "Arbitration Court of the Amur Region"}]
    assert len(doc.issued) == 10  # python-docx stamps the creation date


def test_spreadsheet_and_damaged_and_encrypted_files(case: CaseFile, tmp_path: Path) -> None:
    csv = tmp_path / "crossings.csv"
    csv.write_text("week,trucks\n40,412\n")
    doc = case.documents.add_file(csv)
    assert (doc.kind, doc.title, doc.page_count) == (DocumentKind.DATASET, "crossings", None)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    damaged = case.documents.add_file(bad)
    assert damaged.title == "broken" and "could not be read" in damaged.notes
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(make_pdf(password="secret"))
    enc = case.documents.add_file(locked)
    assert "encrypted" in enc.notes and enc.page_count is None
    assert case.check().ok


def test_attach_file_fills_only_what_is_empty(case: CaseFile) -> None:
    doc = case.documents.create(title="Customs letter", kind="letter")
    case.documents.attach_file(doc.uuid, make_pdf(2, title="Other"), "letter.pdf")
    loaded = case.documents.get(doc.uuid)
    assert loaded.title == "Customs letter" and loaded.page_count == 2
    assert loaded.authors == [{"literal": "National Statistics Service"}]


def test_open_copy_is_private_read_only_and_cleaned_up(tmp_path: Path) -> None:
    case = CaseFile.create(tmp_path / "c.casefile", title="x")
    doc = case.documents.create(title="Scan")
    case.documents.attach_file(doc.uuid, b"%PDF-1.4 scan", "../../etc/Зачем\x07 scan.pdf")
    copy = case.documents.open_copy(doc.uuid)
    assert copy.name == "Зачем scan.pdf"
    assert copy.read_bytes() == b"%PDF-1.4 scan"
    assert not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IRWXG | stat.S_IRWXO)
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    with pytest.raises(CaseFileError, match="no file attached"):
        case.documents.open_copy(case.documents.create(title="Empty").uuid)
    case.close()
    assert not copy.exists() and not copy.parent.exists()


def test_csl_json_round_trip(case: CaseFile) -> None:
    original = json.loads((DATA / "zotero-export.json").read_text(encoding="utf-8"))
    docs = case.documents.import_csl(DATA / "zotero-export.json").created
    assert [d.kind for d in docs] == [DocumentKind.REPORT, DocumentKind.DATASET,
                                      DocumentKind.NEWS_ARTICLE, DocumentKind.WEB_PAGE,
                                      DocumentKind.OTHER]
    report, dataset, news, web, journal = docs
    assert report.issued == "2026-10-30" and report.accessed == "2026-11-02"
    assert report.identifier == "NSS-FT-2026-09"
    assert dataset.title.startswith("Еженедельные") and dataset.issued == "2026-11"
    assert news.container_title == "Amur Courier"
    assert web.title == "북한·중국 국경 무역 동향" and web.accessed == "2026-11-04"
    assert web.issued == "2026-10/2026-11"  # a date range, exported as it came
    assert journal.identifier == "10.1234/jee.2025.0312"
    assert case.documents.export_csl() == original
    assert [h.kind for h in case.search.search("국경")] == ["document"]


def test_csl_problems_are_listed_per_item_and_the_rest_imports(case: CaseFile,
                                                                tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"type": "report", "title": "ok"}, {"type": "report"},
                               {"title": "no type", "author": "Smith"}, "junk"]))
    report = case.documents.import_csl(bad)
    assert [d.title for d in report.created] == ["ok", "[untitled report]"]
    assert [s.text() for s in report.skipped] == [
        "[2] “no type”: type: required (a CSL type such as 'report'); author: must be a list "
        "of name objects", "[3]: not an item (a CSL item is an object)"]
    assert case.documents.count() == 2
    not_json = tmp_path / "x.json"
    not_json.write_text("{nope")
    with pytest.raises(CslError, match="not CSL-JSON"):
        case.documents.import_csl(not_json)


def test_citations_are_formatted_by_csl(case: CaseFile) -> None:
    docs = case.documents.import_csl(DATA / "zotero-export.json").created
    news = case.documents.citation(docs[2].uuid)
    assert news == ("Elena Morozova, “Bridge Traffic Thins as Traders Wait for Payments,” "
                    "Amur Courier, September 21, 2026, "
                    "https://amurcourier.example/2026/09/21/bridge.")
    report = case.documents.citation(docs[0].uuid)
    assert "National Statistics Service" in report and "2026" in report
    web = case.documents.citation(docs[3].uuid)
    assert "북한·중국 국경 무역 동향" in web and "October–November 2026" in web  # the range kept
    russian = case.documents.citation(docs[1].uuid)
    assert "Еженедельные данные о пересечении границы" in russian  # not title-cased
