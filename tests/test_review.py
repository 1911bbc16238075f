"""Reading an editor's review back: comments added by another program, edits reported."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.review import ReviewError, import_review

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_review(src: Path, out: Path, *, anchored_on: str, change: tuple[str, str]) -> None:
    """What Word does when an editor comments: raw OOXML, written without python-docx."""
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    # A comment on the run holding `anchored_on`.
    at = xml.index(anchored_on)
    run_start = xml.rindex("<w:r>", 0, at) if "<w:r>" in xml[:at] else xml.rindex("<w:r ", 0, at)
    run_end = xml.index("</w:r>", at) + len("</w:r>")
    xml = (xml[:run_start] + '<w:commentRangeStart w:id="7"/>' + xml[run_start:run_end]
           + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
           + xml[run_end:])
    # A comment on the headline, which covers no claim.
    head = xml.index("<w:r>", xml.index('w:val="Headline"'))
    head_end = xml.index("</w:r>", head) + len("</w:r>")
    xml = (xml[:head] + '<w:commentRangeStart w:id="8"/>' + xml[head:head_end]
           + '<w:commentRangeEnd w:id="8"/><w:r><w:commentReference w:id="8"/></w:r>'
           + xml[head_end:])
    old, new = change
    assert old in xml
    xml = xml.replace(old, new, 1)
    parts["word/document.xml"] = xml.encode()
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">'
        '<w:comment w:id="7" w:author="Olga Editor" w:date="2026-11-25T10:00:00Z">'
        "<w:p><w:r><w:t>Second source?</w:t></w:r></w:p></w:comment>"
        '<w:comment w:id="8" w:author="Olga Editor" w:date="2026-11-25T10:05:00Z">'
        "<w:p><w:r><w:t>Headline too long for the web.</w:t></w:r></w:p></w:comment>"
        "</w:comments>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rIdReview1" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
        "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_CT}"/>'
        "</Types>").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def banks_claim(case: CaseFile) -> Any:
    return next(c for c, _s in case.claims.summaries() if c.statement.startswith("Banks"))


def test_comments_from_another_program_attach_to_claims(sample: CaseFile,
                                                        tmp_path: Path) -> None:
    draft = sample.drafts.page()[0]
    exported = export_draft(sample, draft.uuid, tmp_path / "sent.docx", profile="clean",
                            allow_blocking=True)
    reviewed = tmp_path / "reviewed.docx"
    add_review(exported.path, reviewed, anchored_on="banks have stopped processing payments",
               change=("Mr. Kovalenko said ", "Mr. Kovalenko and two other importers said "))
    assert len(list(docx.Document(str(reviewed)).comments)) == 2  # Word-readable
    result = import_review(sample, reviewed)
    assert result.draft == draft.uuid and result.version == exported.version
    by_text = {c.text: c for c in result.comments}
    second = by_text["Second source?"]
    assert second.claim == banks_claim(sample).uuid and second.author == "Olga Editor"
    assert second.anchored_text == \
        "banks have stopped processing payments in yuan for small firms like his"
    assert by_text["Headline too long for the web."].claim is None
    assert result.on_claims == 1
    [change] = result.changes
    assert change.index == 5
    assert change.before.startswith("Mr. Kovalenko said banks")
    assert change.after.startswith("Mr. Kovalenko and two other importers said banks")
    [stored] = sample.claims.review_comments(banks_claim(sample).uuid)
    assert (stored.author, stored.text, stored.source_file) == ("Olga Editor", "Second source?",
                                                                 "reviewed.docx")
    assert len(sample.drafts.review_comments(draft.uuid)) == 2
    body = sample.drafts.get(draft.uuid).body
    assert "Mr. Kovalenko said " in body and "two other importers" not in body  # never merged


def test_our_own_sourcing_comments_are_not_read_back(sample: CaseFile, tmp_path: Path) -> None:
    draft = sample.drafts.page()[0]
    exported = export_draft(sample, draft.uuid, tmp_path / "sent.docx", profile="editor",
                            allow_blocking=True)
    reviewed = tmp_path / "reviewed.docx"
    with zipfile.ZipFile(exported.path) as zf:
        ours = zf.read("word/comments.xml").decode()
    assert ours.count("<w:comment ") == 14
    result = import_review(sample, exported.path)
    assert result.comments == [] and result.changes == []
    del reviewed


def test_files_that_are_not_our_exports(sample: CaseFile, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("An ordinary document")
    d.save(str(plain))
    with pytest.raises(ReviewError, match="not a Casefile export"):
        import_review(sample, plain)
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    with pytest.raises(ReviewError, match="not a readable zip"):
        import_review(sample, junk)
    empty = tmp_path / "empty.docx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "hi")
    with pytest.raises(ReviewError, match="no word/document.xml"):
        import_review(sample, empty)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ReviewError, match="malformed"):
        import_review(sample, broken)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (250 * 1024 * 1024))
    with pytest.raises(ReviewError, match="zip bomb"):
        import_review(sample, bomb)


def test_an_export_from_another_case_is_refused(sample: CaseFile, case: CaseFile,
                                                tmp_path: Path) -> None:
    exported = export_draft(sample, sample.drafts.page()[0].uuid, tmp_path / "x.docx",
                            profile="clean", allow_blocking=True)
    with pytest.raises(ReviewError, match="not in this case"):
        import_review(case, exported.path)


def test_review_cli(sample_file: Path, tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    from casefile.cli import main

    f = tmp_path / "c.casefile"
    f.write_bytes(sample_file.read_bytes())
    with CaseFile.open(f) as case:
        draft = case.drafts.page()[0].uuid
    out = tmp_path / "sent.docx"
    assert main(["export", str(f), "--draft", str(draft), "--out", str(out), "--profile",
                 "clean", "--allow-blocking"]) == 0
    assert re.search(r"wrote .*sent.docx \(14 footnotes, 0 comments\)", capsys.readouterr().out)
    reviewed = tmp_path / "back.docx"
    add_review(out, reviewed, anchored_on="banks have stopped processing payments",
               change=("Mr. Kovalenko said ", "Mr. Kovalenko and others said "))
    assert main(["import-review", str(f), str(reviewed)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("2 comments read (1 attached to claims, the rest to the draft); "
                           "1 paragraphs changed")
    assert "Olga Editor: Second source?" in text and "now: Mr. Kovalenko and others said banks" \
        in text


# -- what survives an editor's program (issue 20: the review round trip) ---------------------

def body_style_renamed(src: Path, out: Path, *, edits: dict[str, str] | None = None) -> None:
    """What LibreOffice does to the style of every body paragraph on saving: the same style
    ("Body Text" by name) under another id, `TextBody`; `edits` changes words too."""
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode().replace('w:val="BodyText"', 'w:val="TextBody"')
    for old, new in (edits or {}).items():
        assert old in xml
        xml = xml.replace(old, new, 1)
    parts["word/document.xml"] = xml.encode()
    styles = parts["word/styles.xml"].decode()
    assert 'w:styleId="BodyText"' in styles
    parts["word/styles.xml"] = styles.replace('w:styleId="BodyText"',
                                              'w:styleId="TextBody"').encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_a_body_style_under_another_id_is_still_the_body(sample: CaseFile,
                                                          tmp_path: Path) -> None:
    draft = sample.drafts.page()[0]
    path = tmp_path / "e.docx"
    export_draft(sample, draft.uuid, path, allow_blocking=True)
    assert import_review(sample, path).changes == []
    renamed = tmp_path / "renamed.docx"
    body_style_renamed(path, renamed)
    assert import_review(sample, renamed).changes == []  # was: every paragraph "removed"
    edited = tmp_path / "edited.docx"
    body_style_renamed(path, edited, edits={"Tomatoes do not live": "Tomatoes don't live",
                                            "fell by 38 percent": "fell by 40 percent"})
    changes = import_review(sample, edited).changes
    assert len(changes) == 2
    assert "Tomatoes don't live" in changes[0].after and "40 percent" in changes[1].after
    assert "Tomatoes do not live" in changes[0].before


SOFFICE = __import__("shutil").which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI has it")
def test_a_libreoffice_resave_without_edits_changes_no_paragraph(sample: CaseFile,
                                                                 tmp_path: Path) -> None:
    import subprocess

    draft = sample.drafts.page()[0]
    path = tmp_path / "e.docx"
    export_draft(sample, draft.uuid, path, allow_blocking=True)
    out = tmp_path / "resaved"
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=240)
    with zipfile.ZipFile(out / "e.docx") as zf:
        assert 'w:val="BodyText"' not in zf.read("word/document.xml").decode()  # renamed
    result = import_review(sample, out / "e.docx")
    assert result.changes == []


def test_importing_the_same_review_twice_stores_each_comment_once(sample: CaseFile,
                                                                  tmp_path: Path) -> None:
    """Comments made with python-docx's own comment API (as another program writes them)."""
    draft = sample.drafts.page()[0]
    path = tmp_path / "clean.docx"
    export_draft(sample, draft.uuid, path, profile="clean", allow_blocking=True)
    doc = docx.Document(str(path))
    para = next(p for p in doc.paragraphs if "Tomatoes" in p.text)
    doc.add_comment(para.runs, text="Who else says so?", author="Olga Editor", initials="OE")
    headline = doc.paragraphs[0]
    doc.add_comment(headline.runs, text="Shorter, please.", author="Olga Editor",
                    initials="OE")
    reviewed = tmp_path / "reviewed.docx"
    doc.save(str(reviewed))
    first = import_review(sample, reviewed)
    assert len(first.comments) == 2 and first.already == 0
    stored = sample.drafts.review_comments(draft.uuid)
    assert {c.text for c in stored} >= {"Who else says so?", "Shorter, please."}
    again = import_review(sample, reviewed)
    assert len(again.comments) == 2 and again.already == 2
    assert len(sample.drafts.review_comments(draft.uuid)) == len(stored)
    # A later save with one comment more stores just that one.
    doc = docx.Document(str(reviewed))
    doc.add_comment(doc.paragraphs[0].runs, text="And the dek.", author="Ivan Desk",
                    initials="ID")
    doc.save(str(reviewed))
    third = import_review(sample, reviewed)
    assert third.already == 2
    assert len(sample.drafts.review_comments(draft.uuid)) == len(stored) + 1


def test_tracked_changes_as_word_writes_them(sample: CaseFile, tmp_path: Path) -> None:
    """Word's markup for a replaced word split across runs, a sentence moved to another
    paragraph (`w:moveFrom`/`w:moveTo`, whose moved-away text is `w:t`, not `w:delText`) and
    an inserted paragraph mark (no text): each change listed once with its author, the
    paragraphs read with every change accepted."""
    draft = sample.drafts.page()[0]
    path = tmp_path / "clean.docx"
    export_draft(sample, draft.uuid, path, profile="clean", allow_blocking=True)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    by = 'w:author="Olga Editor" w:date="2026-11-30T09:00:00Z"'
    moved = "“Tomatoes do not live that long.”"
    edits = {
        f'<w:r><w:t xml:space="preserve"> she said. {moved}</w:t></w:r>':
            f'<w:r><w:t xml:space="preserve"> she said.</w:t></w:r><w:moveFrom w:id="901" {by}>'
            f'<w:r><w:t xml:space="preserve"> {moved}</w:t></w:r></w:moveFrom>',
        "<w:t>Exports from the Amur region to China fell by 38 percent in the first nine "
        "months of 2026</w:t></w:r>":
            '<w:t xml:space="preserve">Exports from the Amur region to China fell by </w:t>'
            f'</w:r><w:del w:id="902" {by}><w:r><w:delText>38</w:delText></w:r></w:del>'
            f'<w:ins w:id="903" {by}><w:r><w:t>40</w:t></w:r></w:ins><w:r>'
            '<w:t xml:space="preserve"> percent in the first nine months of 2026</w:t></w:r>',
        "<w:r><w:t>Three yards on his road have closed since April</w:t></w:r>":
            f'<w:moveTo w:id="904" {by}><w:r><w:t xml:space="preserve">{moved} </w:t></w:r>'
            "</w:moveTo><w:r><w:t>Three yards on his road have closed since April</w:t></w:r>",
    }
    for old, new in edits.items():
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    mark = '<w:pPr><w:pStyle w:val="BodyText"/></w:pPr>'
    xml = xml.replace(mark, f'<w:pPr><w:pStyle w:val="BodyText"/><w:rPr><w:ins w:id="905" {by}/>'
                            "</w:rPr></w:pPr>", 1)
    parts["word/document.xml"] = xml.encode()
    reviewed = tmp_path / "tracked.docx"
    with zipfile.ZipFile(reviewed, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = import_review(sample, reviewed)
    first, second, third = result.changes
    assert first.index == 0 and first.after.endswith("she said.") and moved not in first.after
    assert second.index == 1 and "fell by 40 percent" in second.after
    assert f"he added. {moved} Three yards" in third.after and moved not in third.before
    assert [(e.kind, e.before, e.after, e.paragraph) for e in result.edits] == [
        ("deleted", moved, "", 0), ("replaced", "38", "40", 1),
        ("inserted", "", moved, third.index)]
    assert {(e.author, e.written_at) for e in result.edits} == {
        ("Olga Editor", "2026-11-30T09:00:00Z")}


def _plain_docx(path: Path, paragraphs: list[str]) -> None:
    """A minimal Word file of plain paragraphs (no Casefile markers), written directly."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}'
                                         "</w:body></w:document>")


def test_matching_by_text_finds_the_body_in_a_long_file(sample: CaseFile, tmp_path: Path) -> None:
    """A file without our markers is aligned paragraph by paragraph with every exported
    version: the body is found among 18,000 paragraphs of look-alike prose, and 20,000 that
    match nothing are refused (how long that takes: benchmarks/review_text_match.py)."""
    draft = sample.drafts.page()[0]
    clean = tmp_path / "clean.docx"
    export_draft(sample, draft.uuid, clean, profile="clean", allow_blocking=True)
    body = [p.text for p in docx.Document(str(clean)).paragraphs]
    filler = [f"Paragraph {i} of a long report on trade across the river, with the figures "
              "for the region and what the officials said about them." for i in range(18_000)]
    long_file = tmp_path / "long.docx"
    _plain_docx(long_file, filler + body)
    result = import_review(sample, long_file)
    assert result.matched_by == "text" and result.draft == draft.uuid
    assert result.changes == []
    nothing = tmp_path / "nothing.docx"
    _plain_docx(nothing, filler + filler[:2_000])
    with pytest.raises(ReviewError, match="not a Casefile export"):
        import_review(sample, nothing)
