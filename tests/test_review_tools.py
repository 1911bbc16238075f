"""The editor's review round trip through the real tools (issue 20).

An export is opened in LibreOffice (Python-UNO, headless: tests/uno_editor.py), commented on
claim sentences, edited with change tracking, and saved as .docx; it is round-tripped through
pandoc; python-docx's own comment API adds comments. `import-review` must read back exactly
the editor's comments (text, author, claim) and edits, whatever each tool kept.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.review import BY_BOOKMARKS, BY_TEXT, ReviewError, import_review

SOFFICE = shutil.which("soffice")
PANDOC = shutil.which("pandoc")
SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("uno_editor.py")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BANKS = "stopped processing payments in yuan"  # inside a claim (and our own comment on it)
HEADLINE = "On the Amur, a bridge"
DELETED = "“Tomatoes do not live that long.”"


def _uno_works() -> bool:
    if SOFFICE is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                           check=False)
    return probe.returncode == 0


UNO = _uno_works()
needs_uno = pytest.mark.skipif(not UNO, reason="LibreOffice with python3-uno (/usr/bin/python3 "
                               "-c 'import uno') is not installed; CI has it")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed; CI has it")


def pandoc(src: Path, out: Path, *options: str) -> Path:
    assert PANDOC is not None
    subprocess.run([PANDOC, "-f", "docx", "-t", "docx", *options, "-o", str(out), str(src)],
                   check=True, capture_output=True, timeout=120)
    return out


class Round:
    """One module's exports and what the editor's tools made of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.case_file = folder / "case.casefile"
        self.files: dict[str, Path] = {}
        self.claims: dict[str, Any] = {}
        self.draft: Any = None
        self.versions: dict[str, Any] = {}


@pytest.fixture(scope="module")
def round_trip(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Round:
    """The sample case with its editor and clean exports, and one LibreOffice session that
    reviews both as an editor would (a few seconds, once for the module)."""
    r = Round(tmp_path_factory.mktemp("review_tools"))
    shutil.copyfile(sample_file, r.case_file)
    with CaseFile.open(r.case_file, actor="tester") as case:
        r.draft = case.drafts.page()[0].uuid
        for profile in ("editor", "clean"):
            out = r.folder / f"{profile}.docx"
            r.versions[profile] = export_draft(case, r.draft, out, profile=profile,
                                               allow_blocking=True).version
            r.files[profile] = out
        for claim, _support in case.claims.summaries():
            for key, start in (("banks", "Banks in the region"), ("exports", "Exports from"),
                               ("trucks", "Trucks carrying")):
                if claim.statement.startswith(start):
                    r.claims[key] = claim.uuid
    if UNO:
        jobs: list[dict[str, Any]] = [
            {"in": str(r.files["editor"]), "out": str(r.folder / "lo_editor.docx"),
             "author": "Olga Editor",
             "comments": [{"on": BANKS, "text": "Second source?"},
                          {"on": HEADLINE, "text": "Headline too long."}],
             "replace": [["fell by 38 percent", "fell by 40 percent"]],
             "delete": [DELETED]},
            {"in": str(r.files["clean"]), "out": str(r.folder / "lo_clean.docx"),
             "author": "Ivan Desk",
             "comments": [  # one from before a claim into it, one over a whole claim
                 {"on": "Mr. Kovalenko said banks have stopped", "text": "Which banks?"},
                 {"on": "Exports from the Amur region to China fell by 38 percent in the "
                        "first nine months of 2026", "text": "Check the year."}]},
            {"in": str(r.files["editor"]), "out": str(r.folder / "lo_resaved.docx")},
        ]
        (r.folder / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        done = subprocess.run([SYSTEM_PYTHON, str(DRIVER), str(r.folder / "jobs.json")],
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        report = [json.loads(line) for line in done.stdout.splitlines()]
        assert [j["annotations"] for j in report] == [16, 2, 14]  # ours: 14 on the claims
        assert [j["redlines"] for j in report] == [3, 0, 0]
        for job in jobs:
            r.files[Path(job["out"]).stem] = Path(job["out"])
    return r


@pytest.fixture
def reviewed_case(round_trip: Round, tmp_path: Path) -> Iterator[CaseFile]:
    """A private copy of the case the exports were made from."""
    copy = tmp_path / "case.casefile"
    shutil.copyfile(round_trip.case_file, copy)
    with CaseFile.open(copy, actor="tester") as case:
        yield case


def comments_of(result: Any) -> set[tuple[str, str, Any]]:
    return {(c.author, c.text, c.claim) for c in result.comments}


def edits_of(result: Any) -> list[tuple[str, str, str, int | None]]:
    return [(e.kind, e.before, e.after, e.paragraph) for e in result.edits]


def assert_the_editors_review(result: Any, r: Round) -> None:
    """Exactly what tests/uno_editor.py did to the editor profile, nothing else."""
    assert comments_of(result) == {("Olga Editor", "Second source?", r.claims["banks"]),
                                   ("Olga Editor", "Headline too long.", None)}
    anchored = {c.text: c.anchored_text for c in result.comments}
    assert anchored == {"Second source?": BANKS, "Headline too long.": HEADLINE}
    assert all(c.written_at.startswith("2026-11-30T10:00") for c in result.comments)
    assert [ch.index for ch in result.changes] == [0, 1]
    first, second = result.changes
    assert first.before.endswith("she said. " + DELETED) and first.after.endswith("she said.")
    assert first.before.startswith("BLAGOVESHCHENSK, Russia — Galina Shvets")
    assert "fell by 38 percent" in second.before and "fell by 40 percent" in second.after
    assert second.before.replace("38", "40") == second.after
    assert edits_of(result) == [("deleted", DELETED, "", 0),
                                ("replaced", "fell by 38 percent", "fell by 40 percent", 1)]
    assert {e.author for e in result.edits} == {"Olga Editor"}


# -- LibreOffice ----------------------------------------------------------------------------

@needs_uno
def test_libreoffice_comments_and_tracked_edits_read_back_exactly(
        round_trip: Round, reviewed_case: CaseFile) -> None:
    result = import_review(reviewed_case, round_trip.files["lo_editor"])
    assert result.matched_by == BY_BOOKMARKS
    assert (result.draft, result.version) == (round_trip.draft, round_trip.versions["editor"])
    assert_the_editors_review(result, round_trip)
    [stored] = reviewed_case.claims.review_comments(round_trip.claims["banks"])
    assert (stored.author, stored.text) == ("Olga Editor", "Second source?")
    assert len(reviewed_case.drafts.review_comments(round_trip.draft)) == 2
    body = reviewed_case.drafts.get(round_trip.draft).body
    assert "fell by 38 percent" in body and "Tomatoes do not live" in body  # never merged


@needs_uno
def test_libreoffice_renumbers_comment_ids_into_the_footnotes_and_the_review_still_reads(
        round_trip: Round, reviewed_case: CaseFile) -> None:
    """The package LibreOffice writes: comments renumbered from 0, footnotes from 2, so the
    same ids name a comment and a footnote (the clash docs/export.md describes). The
    comments still reach the right claims, no footnote text is read as body text, and the
    notes are all still in the file."""
    path = round_trip.files["lo_editor"]
    with zipfile.ZipFile(path) as zf:
        comments = zf.read("word/comments.xml").decode()
        notes = zf.read("word/footnotes.xml").decode()
    comment_ids = set(re.findall(r'<w:comment w:id="(\d+)"', comments))
    note_ids = set(re.findall(r'<w:footnote w:id="(\d+)"', notes))
    assert "0" in comment_ids and len(comment_ids) == 16
    assert comment_ids & note_ids  # the clash is real in what LibreOffice saved
    with zipfile.ZipFile(round_trip.files["editor"]) as zf:
        ours = zf.read("word/footnotes.xml").decode()
    assert "Interview with Galina Shvets" in ours and "Interview with Galina Shvets" in notes
    result = import_review(reviewed_case, path)
    assert_the_editors_review(result, round_trip)
    assert not any("Interview with" in ch.after for ch in result.changes)


@needs_uno
def test_libreoffice_comments_over_whole_claims_in_the_clean_profile(
        round_trip: Round, reviewed_case: CaseFile) -> None:
    result = import_review(reviewed_case, round_trip.files["lo_clean"])
    assert result.matched_by == BY_BOOKMARKS and result.version == round_trip.versions["clean"]
    assert comments_of(result) == {("Ivan Desk", "Which banks?", round_trip.claims["banks"]),
                                   ("Ivan Desk", "Check the year.",
                                    round_trip.claims["exports"])}
    assert result.changes == [] and result.edits == []


@needs_uno
def test_a_libreoffice_resave_reports_nothing(round_trip: Round,
                                              reviewed_case: CaseFile) -> None:
    result = import_review(reviewed_case, round_trip.files["lo_resaved"])
    assert (result.comments, result.changes, result.edits) == ([], [], [])


@needs_uno
def test_python_docx_comments_on_a_file_libreoffice_saved(round_trip: Round,
                                                           reviewed_case: CaseFile,
                                                           tmp_path: Path) -> None:
    """A second editor adds a comment with python-docx to the file LibreOffice saved
    (whose comment ids start at 0): all three of the editors' comments are read."""
    doc = docx.Document(str(round_trip.files["lo_editor"]))
    para = next(p for p in doc.paragraphs if "Three yards" in p.text)
    doc.add_comment(para.runs, text="Photo of the gates?", author="Ivan Desk", initials="ID")
    out = tmp_path / "two_editors.docx"
    doc.save(str(out))
    with zipfile.ZipFile(out) as zf:
        ids = re.findall(r'<w:comment w:id="(\d+)"', zf.read("word/comments.xml").decode())
    assert len(ids) == len(set(ids)) == 17
    result = import_review(reviewed_case, out)
    texts = {c.text: c for c in result.comments}
    assert set(texts) == {"Second source?", "Headline too long.", "Photo of the gates?"}
    assert texts["Photo of the gates?"].author == "Ivan Desk"
    assert len(result.changes) == 2 and len(result.edits) == 2


# -- pandoc ---------------------------------------------------------------------------------

@needs_uno
@needs_pandoc
def test_pandoc_round_trip_of_a_reviewed_file_is_matched_by_text(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    src = round_trip.files["lo_editor"]
    out = pandoc(src, tmp_path / "through_pandoc.docx", "--track-changes=all")
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
        notes = zf.read("word/footnotes.xml").decode()
    assert "cfd_" not in xml and "cfc_" not in xml  # what made it "not a Casefile export"
    assert "Interview with Galina Shvets" in notes  # pandoc keeps the notes' text
    result = import_review(reviewed_case, out)
    assert result.matched_by == BY_TEXT
    assert (result.draft, result.version) == (round_trip.draft, round_trip.versions["editor"])
    assert_the_editors_review(result, round_trip)
    # The same review read before through LibreOffice's file: recognised, not stored twice.
    again = import_review(reviewed_case, src)
    assert again.already == 2
    assert len(reviewed_case.drafts.review_comments(round_trip.draft)) == 2


@needs_uno
@needs_pandoc
def test_pandoc_without_track_changes_keeps_only_the_accepted_text(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """pandoc's default (--track-changes=accept) drops comments and revisions: what is left
    is the edited text, still matched to the draft and its two changed paragraphs. (Both
    exports have the same body; with our sourcing comments gone nothing tells the editor
    profile apart, and the latest export of that body, the clean one, is named.)"""
    out = pandoc(round_trip.files["lo_editor"], tmp_path / "accepted.docx")
    result = import_review(reviewed_case, out)
    assert result.matched_by == BY_TEXT and result.draft == round_trip.draft
    assert result.version == round_trip.versions["clean"]
    assert result.comments == [] and result.edits == []
    assert [ch.index for ch in result.changes] == [0, 1]


@needs_pandoc
def test_python_docx_comments_through_pandoc(round_trip: Round, reviewed_case: CaseFile,
                                             tmp_path: Path) -> None:
    """Comments made with python-docx's API on the editor profile, then pandoc: each comment
    finds its claim by the words it covers."""
    doc = docx.Document(str(round_trip.files["editor"]))
    para = next(p for p in doc.paragraphs if p.text.startswith("Mr. Kovalenko said"))
    run = next(r for r in para.runs if "banks have stopped" in r.text)
    doc.add_comment([run], text="Which banks?", author="Olga Editor", initials="OE")
    head = doc.paragraphs[0]
    doc.add_comment(head.runs, text="Shorter.", author="Olga Editor", initials="OE")
    commented = tmp_path / "commented.docx"
    doc.save(str(commented))
    direct = import_review(reviewed_case, commented)
    assert direct.matched_by == BY_BOOKMARKS
    out = pandoc(commented, tmp_path / "pandoc.docx", "--track-changes=all")
    through = import_review(reviewed_case, out)
    assert through.matched_by == BY_TEXT
    assert comments_of(through) == comments_of(direct) == {
        ("Olga Editor", "Which banks?", round_trip.claims["banks"]),
        ("Olga Editor", "Shorter.", None)}
    assert through.already == 2 and through.changes == [] and through.edits == []


@needs_pandoc
def test_a_pandoc_file_of_another_case_matches_nothing_and_is_refused(
        round_trip: Round, case: CaseFile, tmp_path: Path) -> None:
    out = pandoc(round_trip.files["clean"], tmp_path / "other.docx", "--track-changes=all")
    with pytest.raises(ReviewError, match="not a Casefile export .*too few of its paragraphs "
                                          "are, in order, those of a version exported"):
        import_review(case, out)


@needs_uno
@needs_pandoc
def test_cli_says_how_the_file_was_matched(round_trip: Round, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from casefile.cli import main

    f = tmp_path / "c.casefile"
    shutil.copyfile(round_trip.case_file, f)
    out = pandoc(round_trip.files["lo_editor"], tmp_path / "p.docx", "--track-changes=all")
    assert main(["import-review", str(f), str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("2 comments read (1 attached to claims, the rest to the draft); "
                           "2 paragraphs changed; 2 tracked changes\n")
    assert "matched to the exported version, and comments to claims, by their text" in text
    assert "tracked: Olga Editor replaced “fell by 38 percent” with “fell by 40 percent” " \
           "(paragraph 2)" in text
    assert f"tracked: Olga Editor deleted “{DELETED}” (paragraph 1)" in text
    assert main(["import-review", str(f), str(round_trip.files["lo_editor"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["matched_by"] == "bookmarks" and data["already_imported"] == 2
    assert [t["kind"] for t in data["tracked_changes"]] == ["deleted", "replaced"]



# -- what the review found in the text matching and the reading (r12) -----------------------

def rewrite(src: Path, out: Path, parts: dict[str, str]) -> Path:
    """A copy of `src` with some parts replaced (by their path in the package)."""
    new = {name: text.encode() for name, text in parts.items()}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, new.get(info.filename) or zin.read(info.filename))
    return out


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode()


def test_an_unrelated_file_with_a_comment_on_a_word_of_the_story_is_refused(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """One comment on "Bank" (inside "Banks" in the story) is no evidence that a parish
    council's minutes are the draft: refused, nothing stored."""
    doc = docx.Document()
    p = doc.add_paragraph("Minutes of the parish council meeting. The treasurer said the roof "
                          "needs repair.")
    run = p.add_run(" Bank")
    doc.add_comment([run], text="Which bank?", author="Someone Else", initials="SE")
    doc.add_paragraph("The next meeting is in March.")
    out = tmp_path / "unrelated.docx"
    doc.save(str(out))
    with pytest.raises(ReviewError, match="not a Casefile export"):
        import_review(reviewed_case, out)
    assert reviewed_case.drafts.review_comments(round_trip.draft) == []


def test_an_empty_paragraph_the_editor_adds_is_no_change(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """Enter pressed twice leaves an empty paragraph in the body style: not "(new) /
    (removed)"."""
    doc = docx.Document(str(round_trip.files["editor"]))
    first = next(p for p in doc.paragraphs if p.style is not None
                 and p.style.name == "Body Text")
    empty = doc.add_paragraph("", style="Body Text")
    first._p.addnext(empty._p)
    out = tmp_path / "enter.docx"
    doc.save(str(out))
    result = import_review(reviewed_case, out)
    assert result.matched_by == BY_BOOKMARKS
    assert result.changes == []


@needs_pandoc
def test_a_re_exported_body_through_pandoc_is_the_same_review(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """The draft exported twice with the same body: the editor comments on the first export,
    and the text match of its pandoc copy names the latest. The comment is still one."""
    again = export_draft(reviewed_case, round_trip.draft, tmp_path / "again.docx",
                         profile="editor", allow_blocking=True).version
    doc = docx.Document(str(round_trip.files["editor"]))
    para = next(p for p in doc.paragraphs if p.text.startswith("Mr. Kovalenko said"))
    doc.add_comment(para.runs[:1], text="Which banks?", author="Olga Editor", initials="OE")
    commented = tmp_path / "v1c.docx"
    doc.save(str(commented))
    direct = import_review(reviewed_case, commented)
    assert direct.version == round_trip.versions["editor"] and direct.already == 0
    through = import_review(reviewed_case, pandoc(commented, tmp_path / "v1p.docx",
                                                  "--track-changes=all"))
    assert through.matched_by == BY_TEXT and through.version == again
    assert through.already == 1
    assert [c.text for c in reviewed_case.drafts.review_comments(round_trip.draft)] == [
        "Which banks?"]


OLD_RUN = "<w:t>banks have stopped processing payments in yuan for small firms like his</w:t></w:r>"
IN_RANGE = ('<w:t xml:space="preserve">banks have stopped processing payments </w:t></w:r>'
            '<w:commentRangeStart w:id="200"/>'
            '<w:r><w:t xml:space="preserve">in </w:t></w:r>'
            '<w:del w:id="301" w:author="Olga Editor" w:date="2026-11-30T10:00:00Z"><w:r>'
            '<w:delText xml:space="preserve">yuan </w:delText></w:r></w:del>'
            '<w:ins w:id="302" w:author="Olga Editor" w:date="2026-11-30T10:00:00Z"><w:r>'
            '<w:t xml:space="preserve">renminbi </w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve">for small firms</w:t></w:r>'
            '<w:commentRangeEnd w:id="200"/><w:r><w:commentReference w:id="200"/></w:r>'
            '<w:r><w:t xml:space="preserve"> like his</w:t></w:r>')


def editor_comment(cid: int, text: str, author: str = "Olga Editor") -> str:
    return (f'<w:comment w:id="{cid}" w:author="{author}" w:date="2026-11-30T10:00:00Z" '
            f'w:initials="OE"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>'
            "</w:comments>")


@needs_pandoc
def test_a_comment_over_words_the_editor_also_edited_finds_its_claim_through_pandoc(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """The comment covers "in [yuan →] renminbi for small firms": matched by text, it is
    looked for as exported ("in yuan for small firms"), so it reaches its claim and is
    recognised as the comment read before from the file itself."""
    src = round_trip.files["editor"]
    xml = part(src, "word/document.xml")
    assert OLD_RUN in xml
    reviewed = rewrite(src, tmp_path / "inrange.docx", {
        "word/document.xml": xml.replace(OLD_RUN, IN_RANGE, 1),
        "word/comments.xml": part(src, "word/comments.xml").replace(
            "</w:comments>", editor_comment(200, "Say renminbi."))})
    direct = import_review(reviewed_case, reviewed)
    [comment] = direct.comments
    assert comment.claim == round_trip.claims["banks"]
    assert edits_of(direct) == [("replaced", "yuan", "renminbi", 5)]
    through = import_review(reviewed_case, pandoc(reviewed, tmp_path / "inrange_p.docx",
                                                  "--track-changes=all"))
    assert through.matched_by == BY_TEXT
    assert [c.claim for c in through.comments] == [round_trip.claims["banks"]]
    assert through.already == 1
    stored = reviewed_case.drafts.review_comments(round_trip.draft)
    assert [(c.text, c.claim is not None) for c in stored] == [("Say renminbi.", True)]


def test_tracked_edits_and_comments_in_a_footnote_are_reported(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """An editor correcting a citation in note 1 with tracking on, and commenting on it, as
    Word writes both into footnotes.xml."""
    src = round_trip.files["editor"]
    notes = part(src, "word/footnotes.xml")
    m = re.search(r'<w:footnote w:id="1">.*?<w:t xml:space="preserve">(Interview with)', notes,
                  re.S)
    assert m is not None
    run_start = notes.rindex("<w:r>", 0, m.start(1))
    edited = (notes[:run_start]
              + '<w:commentRangeStart w:id="201"/>'
              '<w:del w:id="901" w:author="Olga Editor" w:date="2026-11-30T10:00:00Z"><w:r>'
              '<w:delText xml:space="preserve">Interview</w:delText></w:r></w:del>'
              '<w:ins w:id="902" w:author="Olga Editor" w:date="2026-11-30T10:00:00Z"><w:r>'
              '<w:t xml:space="preserve">Conversation</w:t></w:r></w:ins>'
              '<w:commentRangeEnd w:id="201"/><w:r><w:commentReference w:id="201"/></w:r>'
              + notes[run_start:].replace("Interview with", " with", 1))
    reviewed = rewrite(src, tmp_path / "note.docx", {
        "word/footnotes.xml": edited,
        "word/comments.xml": part(src, "word/comments.xml").replace(
            "</w:comments>", editor_comment(201, "Date of the interview?"))})
    result = import_review(reviewed_case, reviewed)
    assert [(e.kind, e.before, e.after, e.paragraph, e.note) for e in result.edits] == [
        ("replaced", "Interview", "Conversation", None, 1)]
    assert [(c.text, c.anchored_text, c.claim) for c in result.comments] == [
        ("Date of the interview?", "Conversation", None)]
    assert result.changes == []
    if PANDOC is not None:  # the same through pandoc: the note's edit and comment survive
        through = import_review(reviewed_case, pandoc(reviewed, tmp_path / "note_p.docx",
                                                      "--track-changes=all"))
        assert through.matched_by == BY_TEXT and through.already == 1
        assert [(e.kind, e.before, e.after, e.note) for e in through.edits] == [
            ("replaced", "Interview", "Conversation", 1)]
        assert [(c.anchored_text, c.claim) for c in through.comments] == [
            ("Conversation", None)]
    from casefile.cli import main

    shutil.copyfile(round_trip.case_file, tmp_path / "c.casefile")
    assert main(["import-review", str(tmp_path / "c.casefile"), str(reviewed)]) == 0
    assert "tracked: Olga Editor replaced “Interview” with “Conversation” (note 1)" in \
        capsys.readouterr().out


def test_our_comments_are_recognised_after_word_removes_personal_information(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """Word's "remove personal information on save" renames every author "Author" and drops
    the dates (simulated: Word is not here). Our 14 sourcing comments are still ours, by
    their form; the editor's, renamed too, is still read."""
    src = round_trip.files["editor"]
    comments = part(src, "word/comments.xml").replace(
        "</w:comments>", editor_comment(200, "Second source?"))
    comments = re.sub(r' w:date="[^"]*"', "", re.sub(r'w:author="[^"]*"', 'w:author="Author"',
                                                     comments))
    xml = part(src, "word/document.xml").replace(OLD_RUN, IN_RANGE, 1)
    result = import_review(reviewed_case, rewrite(src, tmp_path / "rpi.docx", {
        "word/comments.xml": comments, "word/document.xml": xml}))
    assert [(c.author, c.text, c.claim) for c in result.comments] == [
        ("Author", "Second source?", round_trip.claims["banks"])]


def test_a_japanese_story_edited_in_every_paragraph_is_matched_by_its_characters(
        case: CaseFile, tmp_path: Path) -> None:
    """A paragraph of Japanese is one whitespace "word": compared by words, one changed
    character made it wholly unlike its export and the body was lost. By characters, each
    edited paragraph is found and reported as changed."""
    paras = ["東京の銀行は先月から小規模な企業への人民元での支払いを停止したと関係者が語った。",
             "輸出は今年の最初の九か月で三十八パーセント減少したと税関の統計は示している。",
             "トラックは国境の向こう側で五日から六日も待たされ、野菜は傷んでしまうという。"]
    draft = case.drafts.create(headline="アムール川の橋", body="\n\n".join(paras)).uuid
    export_draft(case, draft, tmp_path / "ja.docx", profile="clean", allow_blocking=True)
    edited = [p.replace("先月", "今月").replace("三十八", "四十").replace("五日", "四日")
              for p in paras]
    assert all(a != b for a, b in zip(paras, edited, strict=True))
    doc = docx.Document()
    doc.add_paragraph("アムール川の橋")
    for p in edited:
        doc.add_paragraph(p)
    out = tmp_path / "ja_edited.docx"
    doc.save(str(out))
    result = import_review(case, out)
    assert result.matched_by == BY_TEXT and result.draft == draft
    assert [(ch.index, ch.before, ch.after) for ch in result.changes] == [
        (k, a, b) for k, (a, b) in enumerate(zip(paras, edited, strict=True))]


@pytest.mark.skipif(not UNO, reason="python3-uno is not installed; CI has it")
def test_the_driver_removes_its_profile_when_soffice_does_not_start(tmp_path: Path) -> None:
    """An soffice that exits at once: the driver fails, and leaves no profile behind."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    temp = tmp_path / "temp"
    temp.mkdir()
    jobs = tmp_path / "jobs.json"
    jobs.write_text("[]", encoding="utf-8")
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "TMPDIR": str(temp), "HOME": str(tmp_path)}
    done = subprocess.run([SYSTEM_PYTHON, str(DRIVER), str(jobs)], capture_output=True,
                          text=True, timeout=120, check=False, env=env)
    assert done.returncode != 0 and "soffice did not start" in done.stderr
    assert list(temp.iterdir()) == []


@needs_pandoc
def test_a_comment_in_a_note_is_never_put_on_a_claim_by_its_words(
        round_trip: Round, reviewed_case: CaseFile, tmp_path: Path) -> None:
    """A note that repeats a claim's words, commented on, through pandoc: the comment is on
    the note, so on the draft, not on the claim whose words it happens to share."""
    src = round_trip.files["editor"]
    notes = part(src, "word/footnotes.xml")
    m = re.search(r'<w:footnote w:id="1">.*?(<w:r><w:t xml:space="preserve">Interview with)',
                  notes, re.S)
    assert m is not None
    notes = (notes[:m.start(1)] + '<w:commentRangeStart w:id="202"/><w:r><w:t xml:space='
             f'"preserve">{BANKS}</w:t></w:r><w:commentRangeEnd w:id="202"/>'
             '<w:r><w:commentReference w:id="202"/></w:r>' + notes[m.start(1):])
    reviewed = rewrite(src, tmp_path / "note_words.docx", {
        "word/footnotes.xml": notes,
        "word/comments.xml": part(src, "word/comments.xml").replace(
            "</w:comments>", editor_comment(202, "Same as the story?"))})
    through = import_review(reviewed_case, pandoc(reviewed, tmp_path / "note_words_p.docx",
                                                  "--track-changes=all"))
    assert through.matched_by == BY_TEXT
    assert [(c.anchored_text, c.claim) for c in through.comments] == [(BANKS, None)]
