"""The Word package as Word writes it, checked by tools nobody on this project wrote: the ISO
29500 schemas through jing, pandoc, docx2python and LibreOffice (tests/ooxml_check.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from casefile import CaseFile
from casefile.claims.draft_text import DraftText
from casefile.export.docx_draft import export_draft
from casefile.export.footnotes import WORD_NAMESPACES, footnote_texts
from tests.ooxml_check import check, compatibility_processed, examine, read_back
from tests.ooxml_check import main as ooxml_main

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = WORD_NAMESPACES["mc"]
needs_jing = pytest.mark.skipif(shutil.which("jing") is None,
                                reason="jing (Debian package jing) is missing; CI installs it")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None,
                                  reason="pandoc is not installed; CI installs it")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; CI installs it")


@pytest.fixture(scope="module")
def exports(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample case's draft, with two more photos placed, exported once per module in both
    profiles (three photos, footnotes; the editor profile with a comment on every claim)."""
    folder = tmp_path_factory.mktemp("ooxml")
    copy = folder / "sample.casefile"
    copy.write_bytes(sample_file.read_bytes())
    case = CaseFile.open(copy, actor="tester")
    try:
        draft = case.drafts.page()[0]
        placed = DraftText.parse(draft.body).photos
        more = [p.uuid for p in case.photos.page() if p.uuid not in placed][:2]
        case.drafts.update(draft.uuid, body=draft.body + "".join(
            f"\n\n⟦photo:{uuid}⟧" for uuid in more))  # three photos: three drawings
        return {profile: export_draft(case, draft.uuid, folder / f"{profile}.docx",
                                      profile=profile, allow_blocking=True).path
                for profile in ("editor", "clean")}
    finally:
        case.close()


def part(path: Path, name: str) -> Any:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(name))


def rewritten(src: Path, dst: Path, edits: dict[str, Any]) -> Path:
    """A copy of the package with some parts replaced (bytes, or None to leave a part out)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edits.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dst


def test_the_sample_exports_carry_what_the_check_is_about(exports: dict[str, Path]) -> None:
    for profile, path in exports.items():
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
        assert len([n for n in names if n.startswith("word/media/")]) == 3, profile
        drawings = part(path, "word/document.xml").iter(f"{{{WORD_NAMESPACES['wp']}}}docPr")
        assert len({d.get("id") for d in drawings}) == 3, profile
        assert len(footnote_texts(docx.Document(str(path)))) == 14, profile
    assert len(list(docx.Document(str(exports["editor"])).comments)) == 14
    assert "word/comments.xml" not in zipfile.ZipFile(exports["clean"]).namelist()


@needs_jing
@pytest.mark.parametrize("profile", ["editor", "clean"])
def test_every_export_passes_the_ooxml_check(exports: dict[str, Path], profile: str) -> None:
    assert check(exports[profile]) == []


def test_footnotes_and_comments_declare_the_namespaces_word_does(
        exports: dict[str, Path]) -> None:
    document = part(exports["editor"], "word/document.xml")
    for name in ("word/footnotes.xml", "word/comments.xml"):
        root = part(exports["editor"], name)
        for prefix in ("r", "wp", "w14", "wp14", "mc", "m", "v", "o", "w10", "wps", "wpg"):
            assert root.nsmap.get(prefix) == WORD_NAMESPACES[prefix], (name, prefix)
            assert root.nsmap.get(prefix) == document.nsmap.get(prefix), (name, prefix)
        assert root.get(f"{{{MC}}}Ignorable") == "w14 wp14"
    comment_ids = [c.get(f"{{{W}}}id") for c in
                   part(exports["editor"], "word/comments.xml").iter(f"{{{W}}}comment")]
    assert len(comment_ids) == 14 and all(int(i) >= 100_000 for i in comment_ids)


def test_settings_and_properties_say_only_what_word_would(exports: dict[str, Path]) -> None:
    zoom = part(exports["editor"], "word/settings.xml").find(f"{{{W}}}zoom")
    assert zoom is not None and zoom.get(f"{{{W}}}percent") == "100"
    core = part(exports["editor"], "docProps/core.xml")
    tags = {etree.QName(child).localname for child in core}
    assert "lastPrinted" not in tags  # never printed: an export is not a print
    assert not tags & {"category", "contentStatus", "identifier", "language", "version"}
    assert {"title", "creator", "lastModifiedBy", "revision", "created", "modified"} <= tags
    assert docx.Document(str(exports["editor"])).core_properties.last_printed is None
    settings = part(exports["editor"], "word/settings.xml")
    # Word would rename every reviewer "Author" on save; no spelling check ever ran.
    assert settings.find(f"{{{W}}}removePersonalInformation") is None
    assert settings.find(f"{{{W}}}proofState") is None
    app = part(exports["editor"], "docProps/app.xml")
    [version] = [el.text for el in app if etree.QName(el).localname == "AppVersion"]
    assert re.fullmatch(r"\d\d\.\d{4}", version or "")  # the form ISO 29500 gives: XX.YYYY


def _flat(text: str) -> str:
    return " ".join(text.split())


@needs_pandoc
def test_pandoc_and_docx2python_read_back_every_footnote_and_comment(
        exports: dict[str, Path]) -> None:
    path = exports["editor"]
    document = docx.Document(str(path))
    notes = [_flat(t) for t in footnote_texts(document).values()]
    ours = sorted(_flat(c.text) for c in document.comments)
    seen = read_back(path)
    plain = _flat(seen.pandoc_plain)
    for text in notes:
        assert text in plain
    assert sorted(seen.pandoc_comments) == ours
    assert list(seen.docx2python_footnotes.values()) == notes
    assert sorted(_flat(text) for _a, _author, text in seen.docx2python_comments) == ours
    anchored = {a for a, _author, _text in seen.docx2python_comments}
    assert "her trucks have waited up to six days to cross" in anchored
    assert {author for _a, author, _t in seen.docx2python_comments} == {"Casefile"}


@needs_pandoc
def test_the_clean_profile_reads_back_without_comments(exports: dict[str, Path]) -> None:
    seen = read_back(exports["clean"])
    assert seen.pandoc_comments == [] and seen.docx2python_comments == []
    notes = [_flat(t) for t in footnote_texts(docx.Document(str(exports["clean"]))).values()]
    assert list(seen.docx2python_footnotes.values()) == notes


# --- the checker catches what it claims to ------------------------------------------------

@needs_jing
def test_the_check_reports_each_kind_of_fault(exports: dict[str, Path], tmp_path: Path) -> None:
    src = exports["editor"]
    with zipfile.ZipFile(src) as zf:
        document = zf.read("word/document.xml").decode()
        settings = zf.read("word/settings.xml").decode()
        types = zf.read("[Content_Types].xml").decode()
        comments = zf.read("word/comments.xml").decode()
    first, second = re.findall(r'<w:bookmarkStart w:id="(\d+)"', document)[:2]
    document = document.replace(f'<w:bookmarkStart w:id="{second}"',
                                f'<w:bookmarkStart w:id="{first}"', 1)
    rid = re.search(r'r:embed="(rId\d+)"', document)
    assert rid is not None
    document = document.replace(rid[0], 'r:embed="rId999"', 1)
    document = document.replace("<w:body>", "<w:body><w:madeUp/>", 1)
    comments = re.sub(r'<w:comment w:id="100003"', '<w:comment w:id="100002"', comments)
    broken = rewritten(src, tmp_path / "broken.docx", {
        "word/document.xml": document.encode(),
        "word/settings.xml": settings.replace(' w:percent="100"', "").encode(),
        "[Content_Types].xml": re.sub(r'<Default Extension="jpg"[^>]*/>', "", types).encode(),
        "word/comments.xml": comments.encode(),
        "word/webSettings.xml": b"<w:webSettings",
    })
    problems = "\n".join(check(broken))
    assert f"bookmark id {first} used 2 times" in problems
    assert "r:embed='rId999' has no relationship in word/_rels/document.xml.rels" in problems
    assert "word/media/image1.jpg: no content type" in problems
    assert "comment id 100002 used 2 times" in problems
    assert "w:commentReference 100003 names no comment" in problems
    assert "word/webSettings.xml: not well-formed XML" in problems
    assert re.search(r"word/settings.xml: schema: .*w:percent", problems)
    assert re.search(r'word/document.xml: schema: .*"w:madeUp"', problems)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HDR_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


@needs_jing
def test_a_header_from_a_template_is_validated_and_an_unknown_part_is_named(
        exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --template may bring a header (or footer, endnotes): validated like the rest, not
    passed unseen. An XML part no schema here covers is named as not checked."""
    src = exports["clean"]
    with zipfile.ZipFile(src) as zf:
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
    header = (f'<w:hdr xmlns:w="{W_NS}"><w:p><w:r><w:t>Draft</w:t></w:r></w:p>'
              "<w:madeUp/></w:hdr>")
    types = types.replace("</Types>", f'<Override PartName="/word/header1.xml" '
                          f'ContentType="{HDR_CT}"/><Override PartName="/word/extra.xml" '
                          'ContentType="application/x-made-up+xml"/></Types>')
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdHdr1" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/header" '
                        'Target="header1.xml"/></Relationships>')
    out = rewritten(src, tmp_path / "header.docx", {
        "[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode()})
    with zipfile.ZipFile(out, "a") as zf:
        zf.writestr("word/header1.xml", header)
        zf.writestr("word/extra.xml", "<extra/>")
    pkg = examine(out)
    assert [p for p in pkg.problems if "header1" in p] and all(
        re.search(r'word/header1.xml: schema: .*"w:madeUp"', p) for p in pkg.problems)
    assert pkg.unchecked == ["word/extra.xml: no schema for content type application/x-made-up"
                             "+xml"]
    assert ooxml_main([str(out)]) == 1
    assert "not checked: word/extra.xml: no schema" in capsys.readouterr().out


@needs_jing
@pytest.mark.parametrize("profile", ["editor", "clean"])
def test_every_part_of_an_export_is_checked(exports: dict[str, Path], profile: str) -> None:
    assert examine(exports[profile]).unchecked == []


def test_markup_compatibility_is_processed_as_a_reader_does() -> None:
    root = etree.fromstring(
        f'<w:p xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="{WORD_NAMESPACES["w14"]}"'
        f' xmlns:wps="{WORD_NAMESPACES["wps"]}" mc:Ignorable="w14" w14:paraId="1A2B3C4D">'
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><wps:wsp/></mc:Choice>"
        "<mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent>"
        "<w14:shadow/></w:r></w:p>")
    seen = compatibility_processed(root)
    assert etree.tostring(seen).decode() == (
        f'<w:p xmlns:w="{W}"><w:r><w:t>fallback</w:t></w:r></w:p>')


# --- LibreOffice saves the file (docs/export.md, "The Word package") -----------------------

def _soffice(profile_dir: Path, fmt: str, out: Path, files: list[Path]) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile_dir.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)


def _notes_shown(odt: Path) -> list[str]:
    """The text of each footnote as LibreOffice imported it (its own .odt of the file)."""
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    bodies = re.findall(r"<text:note-body>(.*?)</text:note-body>", content, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", b).split()) for b in bodies]


def _comments_renumbered(src: Path, dst: Path, by: int) -> Path:
    """The LibreOffice-saved file with every comment id moved by `by` (nothing else)."""
    pattern = re.compile(r'(<w:comment(?:RangeStart|RangeEnd|Reference)? w:id=")(\d+)"')
    with zipfile.ZipFile(src) as zf:
        edits = {name: pattern.sub(lambda m: f'{m[1]}{int(m[2]) + by}"',
                                   zf.read(name).decode()).encode()
                 for name in ("word/document.xml", "word/comments.xml")}
    return rewritten(src, dst, edits)


def _without_comment(src: Path, dst: Path, comment_id: str) -> Path:
    """The LibreOffice-saved file without one comment's reference mark (its range and its
    text left as they are)."""
    with zipfile.ZipFile(src) as zf:
        document = zf.read("word/document.xml").decode()
    run = re.compile(r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?'
                     rf'<w:commentReference w:id="{comment_id}"/></w:r>')
    assert len(run.findall(document)) == 1
    return rewritten(src, dst, {"word/document.xml": run.sub("", document).encode()})


@pytest.fixture(scope="module")
def libreoffice_saved(exports: dict[str, Path],
                      tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both exports opened and saved as .docx by LibreOffice, then every file opened by
    LibreOffice again (converted to .odt) to see which footnotes it shows: two soffice runs."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")
    work = tmp_path_factory.mktemp("lo")
    profile_dir = work / "profile"
    saved_dir, odt_dir = work / "saved", work / "odt"
    _soffice(profile_dir, "docx:MS Word 2007 XML", saved_dir, list(exports.values()))
    saved = {p: saved_dir / f"{p}.docx" for p in exports}
    renamed = {p: saved[p].rename(saved_dir / f"saved-{p}.docx") for p in saved}
    repaired = _comments_renumbered(renamed["editor"], saved_dir / "repaired-editor.docx",
                                    100_000)
    without_1 = _without_comment(renamed["editor"], saved_dir / "without-1-editor.docx", "1")
    _soffice(profile_dir, "odt", odt_dir,
             [*renamed.values(), repaired, without_1, *exports.values()])
    return {"saved": renamed, "shown": {f.stem: _notes_shown(f) for f in odt_dir.glob("*.odt")}}


@needs_soffice
def test_libreoffice_shows_every_footnote_of_the_exports_as_written(
        exports: dict[str, Path], libreoffice_saved: dict[str, Any]) -> None:
    for profile in ("editor", "clean"):
        assert _shows_our_notes(libreoffice_saved["shown"][profile], exports[profile]), profile


def _shows_our_notes(shown: list[str], export: Path) -> bool:
    """LibreOffice shows each of our notes, in order, each with its own text."""
    ours = [_flat(t) for t in footnote_texts(docx.Document(str(export))).values()]
    return len(shown) == len(ours) == 14 and all(
        _flat(seen).startswith(text[:60]) for text, seen in zip(ours, shown, strict=True))


@needs_soffice
def test_footnotes_survive_a_libreoffice_save_of_the_clean_profile(
        exports: dict[str, Path], libreoffice_saved: dict[str, Any]) -> None:
    assert _shows_our_notes(libreoffice_saved["shown"]["saved-clean"], exports["clean"])


@needs_soffice
def test_a_libreoffice_save_keeps_every_note_and_comment_in_the_file(
        exports: dict[str, Path], libreoffice_saved: dict[str, Any]) -> None:
    """What import-review reads: all there, whatever LibreOffice shows (below)."""
    ours = footnote_texts(docx.Document(str(exports["editor"])))
    saved = docx.Document(str(libreoffice_saved["saved"]["editor"]))
    theirs = footnote_texts(saved)
    assert [" ".join(t.split()) for t in theirs.values()] == [
        " ".join(t.split()) for t in ours.values()]
    assert len(list(saved.comments)) == 14
    # LibreOffice's own numbering, which no layout of ours changes: separators 0 and 1,
    # notes from 2, comments from 0.
    assert sorted(theirs) == list(range(2, 16))
    assert sorted(c.comment_id for c in saved.comments) == list(range(14))


@needs_soffice
def test_the_comment_numbered_1_is_what_blanks_the_notes(
        exports: dict[str, Path], libreoffice_saved: dict[str, Any]) -> None:
    """LibreOffice 7.4 blanks every note of a file it saved itself with comments in it. Moving
    the comment ids off 1 (the id of its continuation separator), or taking out just the
    reference mark of comment 1, brings every note back: the other 13 comments do no harm."""
    for variant in ("repaired-editor", "without-1-editor"):
        assert _shows_our_notes(libreoffice_saved["shown"][variant], exports["editor"]), variant


# Strict: when a LibreOffice release fixes the bug this passes, the run turns red, and the
# docs and the workaround in "The Word package" get revisited.
@needs_soffice
@pytest.mark.xfail(strict=True, reason="LibreOffice 7.4 bug, docs/export.md 'The Word package': "
                   "after its own save, its comment 1 clashes with its continuation separator")
def test_footnotes_survive_a_libreoffice_save_of_the_editor_profile(
        exports: dict[str, Path], libreoffice_saved: dict[str, Any]) -> None:
    assert _shows_our_notes(libreoffice_saved["shown"]["saved-editor"], exports["editor"])


def test_a_templates_own_extension_markup_stays_ignorable() -> None:
    """A newsroom template's footnotes part may use Word 2012 markup (w15): rebuilding the
    root with Word's declarations keeps that prefix declared and ignorable."""
    from casefile.export.footnotes import Footnotes, declare_word_namespaces

    document = docx.Document()
    notes = Footnotes(document)
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    root = etree.fromstring(
        f'<w:footnotes xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w15="{w15}" mc:Ignorable="w15">'
        f'<w:footnote w:id="-1" w15:made="1"/></w:footnotes>')
    notes.part._element = root
    declare_word_namespaces(document)
    rebuilt = notes.part.element
    assert rebuilt.nsmap["w15"] == w15 and rebuilt.nsmap["r"] == WORD_NAMESPACES["r"]
    assert rebuilt.get(f"{{{MC}}}Ignorable").split() == ["w14", "wp14", "w15"]
    assert rebuilt[0].get(f"{{{w15}}}made") == "1"
    assert compatibility_processed(rebuilt)[0].attrib == {f"{{{W}}}id": "-1"}
