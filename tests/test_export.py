"""The attributed Word export: read back with python-docx and by unzipping; never a leak."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from casefile import CaseFile
from casefile.claims.draft_text import DraftText
from casefile.export.docx_draft import export_draft
from casefile.export.footnotes import footnote_texts
from casefile.export.protect import ExportRefusedError


def draft_of(case: CaseFile):
    return case.drafts.page()[0]


@pytest.fixture
def exported(sample: CaseFile, tmp_path: Path):
    draft = draft_of(sample)
    editor = export_draft(sample, draft.uuid, tmp_path / "editor.docx", profile="editor",
                          allow_blocking=True)
    clean = export_draft(sample, draft.uuid, tmp_path / "clean.docx", profile="clean",
                         allow_blocking=True)
    return sample, draft, editor, clean


def styles_and_text(path: Path) -> list[tuple[str, str]]:
    d = docx.Document(str(path))
    return [(p.style.name, p.text) for p in d.paragraphs]


def test_structure_of_the_draft(exported) -> None:
    case, draft, editor, _clean = exported
    paras = [(s, t) for s, t in styles_and_text(editor.path) if t.strip()]
    assert paras[0] == ("Headline", draft.headline)
    assert paras[1] == ("Dek", draft.dek)
    assert paras[2] == ("Byline", "By Maria Lindqvist")
    if draft.published_on is not None:  # the date under the byline (issue 17)
        assert paras[3][0] == "Publication Date"
        assert str(draft.published_on.year) in paras[3][1]
    at = 4 if draft.published_on is not None else 3
    assert paras[at][0] == "Body Text"
    assert paras[at][1].startswith("BLAGOVESHCHENSK, Russia — Galina Shvets")
    first_run = docx.Document(str(editor.path)).paragraphs[at].runs[0]
    assert first_run.style.name == "Dateline"
    contributor = [t for s, t in paras if s == "Contributor"]
    assert contributor == [draft.contributor_line]
    captions = [t for s, t in paras if s == "Caption"]
    credits = [t for s, t in paras if s == "Credit"]
    assert captions == ["Trucks wait at the customs post on the Russian side of the crossing."]
    assert credits == ["Photo: Maria Lindqvist"]
    body = " ".join(t for s, t in paras if s == "Body Text")
    assert "⟦" not in body and "claim:" not in body
    visible = DraftText.parse(draft.body).text.replace("\ufffc", "")
    assert body.replace("BLAGOVESHCHENSK, Russia — ", "").split() == visible.split()


def test_footnotes_are_real_and_list_the_evidence(exported) -> None:
    case, draft, editor, clean = exported
    anchored = {a.claim for a in DraftText.parse(draft.body).anchors}
    with_evidence = [c for c in anchored if case.evidence.for_claim(c)]
    notes = footnote_texts(docx.Document(str(editor.path)))
    assert len(notes) == editor.footnotes == len(with_evidence) == 14
    joined = "\n".join(notes.values())
    assert "Interview with Yuri Petrov, owner of a timber yard in Khabarovsk" in joined
    assert "Far Eastern Customs Directorate" in joined and "rows for week 40" in joined
    assert "Photo by Maria Lindqvist, " in joined and "October 17, 2026." in joined
    assert "Off-the-record material (not for publication); source withheld." in joined
    with zipfile.ZipFile(editor.path) as zf:
        document = zf.read("word/document.xml").decode()
        settings = zf.read("word/settings.xml").decode()
    assert document.count("<w:footnoteReference ") == 14
    assert "<w:footnotePr>" in settings
    assert len(footnote_texts(docx.Document(str(clean.path)))) == 14
    bare = export_draft(case, draft.uuid, editor.path.with_name("bare.docx"), profile="clean",
                        footnotes=False, allow_blocking=True)
    assert footnote_texts(docx.Document(str(bare.path))) == {}


def test_editor_comments_highlights_and_tables(exported) -> None:
    case, draft, editor, clean = exported
    d = docx.Document(str(editor.path))
    comments = list(d.comments)
    assert len(comments) == editor.comments == 14
    texts = ["\n".join(p.text for p in c.paragraphs) for c in comments]
    assert all(t.startswith(("Status:", "WEAK CLAIM")) for t in texts)
    weak = [t for t in texts if t.startswith("WEAK CLAIM")]
    assert len(weak) == 6
    assert any("Attribution: according to Yuri Petrov" in t for t in texts)
    assert all(c.author == "Casefile" for c in comments)
    with zipfile.ZipFile(editor.path) as zf:
        xml = zf.read("word/document.xml").decode()
    assert xml.count("<w:commentRangeStart ") == 14 and xml.count('w:val="yellow"') == 6
    start = xml.index("<w:commentRangeStart ")
    end = xml.index("<w:commentRangeEnd ", start)
    assert "her trucks have waited up to six days to cross" in xml[start:end]
    assert [t.rows[0].cells[0].text for t in d.tables] == ["Claim", "To"]
    assert len(d.tables[0].rows) == 1 + 14 and len(d.tables[1].rows) == 1 + 4
    c = docx.Document(str(clean.path))
    assert list(c.comments) == [] and c.tables == []
    with zipfile.ZipFile(clean.path) as zf:
        assert 'w:val="yellow"' not in zf.read("word/document.xml").decode()


def test_properties_are_clean(exported) -> None:
    _case, draft, editor, _clean = exported
    props = docx.Document(str(editor.path)).core_properties
    assert props.title == draft.headline
    assert props.author == props.last_modified_by == "Maria Lindqvist"
    assert props.comments == "" and props.keywords == "" and props.revision == 1
    with zipfile.ZipFile(editor.path) as zf:
        names = zf.namelist()
        meta = (zf.read("docProps/core.xml") + zf.read("docProps/app.xml")).decode()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")
                or n == "docProps/custom.xml"]
    assert "python-docx" not in meta and "Microsoft" not in meta and "tester" not in meta
    assert "<Application>Casefile</Application>" in meta


def test_embedded_photos_carry_no_metadata(exported, tmp_path: Path) -> None:
    case, draft, editor, _clean = exported
    with zipfile.ZipFile(editor.path) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and "DSCF" not in media[0]
        data = zf.read(media[0])
        xml = zf.read("word/document.xml").decode()
    im = Image.open(io.BytesIO(data))
    assert dict(im.getexif()) == {}
    assert "icc_profile" not in im.info and "comment" not in im.info and "exif" not in im.info
    assert b"Fujifilm" not in data and b"GPS" not in data
    assert "DSCF" not in xml
    kept = export_draft(case, draft.uuid, tmp_path / "kept.docx", keep_photo_metadata=True,
                        allow_blocking=True)
    with zipfile.ZipFile(kept.path) as zf:
        raw = zf.read([n for n in zf.namelist() if n.startswith("word/media/")][0])
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # GPS kept on request


def test_each_export_saves_a_version_with_the_file_hash(exported) -> None:
    case, draft, editor, clean = exported
    versions = case.drafts.versions(draft.uuid)
    assert [v.uuid for v in versions][-2:] == [editor.version, clean.version]
    for result, version in ((editor, versions[-2]), (clean, versions[-1])):
        assert version.snapshot["export"]["sha256"] == result.sha256
        assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
        assert version.snapshot["headline"] == draft.headline


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_a_planted_protected_name_refuses_the_export(sample: CaseFile, tmp_path: Path) -> None:
    draft = draft_of(sample)
    photo_id = DraftText.parse(draft.body).photos[0]
    target = tmp_path / "draft.docx"
    target.write_bytes(b"the editor's previous copy")
    sample.photos.update(photo_id, caption="Artyom Belov, our broker, at the customs post")
    with pytest.raises(ExportRefusedError) as info:
        export_draft(sample, draft.uuid, target, allow_blocking=True)
    assert "“Artyom Belov” (the confidential source's name) in the caption of photo " \
        "“DSCF4102.JPG”" in str(info.value)
    assert target.read_bytes() == b"the editor's previous copy"
    assert _leftovers(tmp_path) == []
    sample.photos.update(photo_id, caption="Trucks wait at the customs post.")
    broker = next(s for s in sample.sources.page() if s.name == "Artyom Belov")
    claim = next(c for c, _s in sample.claims.summaries() if c.statement.startswith("Trucks"))
    sample.claims.update(claim.uuid, notes="Belov confirmed this by Signal")
    with pytest.raises(ExportRefusedError, match=r"“Belov” \(the confidential source's name "
                                                 r"part\) in the reporter's note on claim"):
        export_draft(sample, draft.uuid, target, profile="editor", allow_blocking=True)
    export_draft(sample, draft.uuid, target, profile="clean",  # no comments, nothing leaks
                 allow_blocking=True)
    with pytest.raises(ExportRefusedError, match="the file name"):
        export_draft(sample, draft.uuid, tmp_path / "belov-story.docx", profile="clean",
                     allow_blocking=True)
    contact = broker.contacts[0]["value"]
    sample.drafts.update(draft.uuid, contributor_line=f"Reach the desk on {contact}.")
    with pytest.raises(ExportRefusedError, match="contact details"):
        export_draft(sample, draft.uuid, target, profile="clean", allow_blocking=True)


def test_a_failed_write_leaves_no_partial_file(sample: CaseFile, tmp_path: Path,
                                               monkeypatch) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"old")

    def broken_save(self, path):  # the export saves into memory, then writes the bytes
        path.write(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    from casefile import CaseFileError

    with pytest.raises(CaseFileError, match="No space left on device"):
        export_draft(sample, draft_of(sample).uuid, target, allow_blocking=True)
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []
    assert len(sample.drafts.versions(draft_of(sample).uuid)) == 0


def test_cyrillic_and_hangul_text_keep_their_fonts(case: CaseFile, tmp_path: Path) -> None:
    maria = case.team.create(name="Мария Линдквист")
    draft = case.drafts.create(headline="Торговля на Амуре", byline=[maria.uuid],
                               body="Экспорт упал на 38 процентов.\n\n평양 무역이 줄었다.")
    result = export_draft(case, draft.uuid, tmp_path / "ru.docx", profile="clean")
    texts = [t for _s, t in styles_and_text(result.path)]
    assert "Торговля на Амуре" in texts and "평양 무역이 줄었다." in texts
    with zipfile.ZipFile(result.path) as zf:
        styles = zf.read("word/styles.xml").decode()
    assert 'w:eastAsia="Malgun Gothic"' in styles


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; CI installs it")
def test_libreoffice_renders_the_footnotes(exported, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _case, _draft, editor, _clean = exported
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(editor.path)], check=True, capture_output=True, timeout=240)
    reader = PdfReader(str(tmp_path / "editor.pdf"))
    assert len(reader.pages) > 0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Interview with a customs broker in Blagoveshchensk" in text
    assert "Sourcing" in text and "Requests for comment" in text
    page_one = " ".join((reader.pages[0].extract_text() or "").split())
    # The first footnote at the foot of page one is the first anchored claim's evidence.
    assert page_one.index("1 Interview with Galina Shvets") < page_one.index("2 National")
