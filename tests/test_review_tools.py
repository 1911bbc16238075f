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
    with pytest.raises(ReviewError, match="not a Casefile export .*no paragraph or commented "
                                          "passage of it is in a version exported"):
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

