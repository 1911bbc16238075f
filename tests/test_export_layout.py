"""Issue 17, the Word layout: grouped evidence in notes, comments and the sourcing table;
footnotes that read as one note each; headings that stay with their tables; the requests
table's names and joined right-of-reply sentences; the publication date and tagline."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from casefile.export.footnotes import MARK_WIDTH, NEST_STEP
from casefile.export.protect import ExportRefusedError
from casefile.export.sourcing import EvidencePiece, evidence_groups
from casefile.export.template import build_reference_template
from casefile.models import Relation

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None,
                                   reason="LibreOffice (soffice) is not installed; CI installs it")
TRANSCRIPT = ("We used to ship forty trucks a week. Now it is five, maybe six. "
              "Three yards on this road have closed since April. The bank is hopeless.")


def sentence(n: int) -> tuple[int, int]:
    """The span of the n-th sentence of TRANSCRIPT."""
    starts = [0] + [i + 2 for i, ch in enumerate(TRANSCRIPT) if ch == "." and i + 2 < len(
        TRANSCRIPT)]
    start = starts[n]
    return start, TRANSCRIPT.index(".", start) + 1


@pytest.fixture
def story(case: CaseFile) -> dict[str, Any]:
    """One claim with two quotes from one interview, a context quote from it, a quote from a
    background source in the same interview, two excerpts of one document and a
    contradicting report, linked in a jumbled order."""
    petrov = case.sources.create(name="Yuri Petrov", short_name="Mr. Petrov",
                                 role_title="owner of a timber yard", location="Khabarovsk")
    clerk = case.sources.create(name="Zinaida Okhlopkova", ground_rules="background",
                                attribution_phrase="a clerk at the yard")
    iv = case.interviews.create(title="Petrov", interviewees=[petrov.uuid, clerk.uuid],
                                transcript=TRANSCRIPT, place_name="Khabarovsk",
                                held_at=datetime(2026, 10, 14, 10, 0), medium="in_person")
    q = [case.quotes.mark(iv.uuid, *sentence(n), speaker=petrov.uuid) for n in range(3)]
    q_clerk = case.quotes.mark(iv.uuid, *sentence(3), speaker=clerk.uuid)
    stats = case.documents.create(title="Foreign trade of the Amur region", kind="statistics",
                                  publisher="National Statistics Service",
                                  issued="2026-10-30")
    e4 = case.excerpts.create(document=stats.uuid, text="Exports fell 38.0 per cent.",
                              locator="table 4")
    e5 = case.excerpts.create(document=stats.uuid, text="Imports fell 12.1 per cent.",
                              locator="table 5")
    news = case.documents.create(title="Bridge traffic thins", kind="news_article",
                                 container_title="Amur Courier", publisher="Amur Courier")
    e_news = case.excerpts.create(document=news.uuid, text="Traffic is back to normal.",
                                  locator="paragraph 6")
    claim = case.claims.create(statement="Trade across the Amur has collapsed.",
                               status="supported")
    for kind, target, relation in [("quote", q[0], "supports"),
                                   ("excerpt", e_news, "contradicts"),
                                   ("excerpt", e4, "supports"),
                                   ("quote", q[2], "context"),
                                   ("quote", q_clerk, "supports"),
                                   ("quote", q[1], "supports"),
                                   ("excerpt", e5, "supports")]:
        case.evidence.create(claim=claim.uuid, relation=relation, **{kind: target.uuid})
    maria = case.team.create(name="Maria Lindqvist")
    draft = case.drafts.create(
        headline="Trade on the Amur", byline=[maria.uuid],
        contributor_line="Ilya Sorokin contributed reporting.",
        body=f"⟦claim:{claim.uuid}⟧Trade across the Amur has collapsed⟦/claim⟧, traders say.")
    return {"case": case, "draft": draft, "claim": claim}


def note_paragraphs(path: Path) -> list[list[tuple[str, Any]]]:
    """Each real footnote as its paragraphs: (text, w:pPr element)."""
    with zipfile.ZipFile(path) as zf:
        root = docx.oxml.parse_xml(zf.read("word/footnotes.xml"))
    notes = []
    for fn in root.findall(qn("w:footnote")):
        if int(fn.get(qn("w:id"))) > 0:
            notes.append([("".join(t.text or "" for t in p.iter(qn("w:t"))).strip(),
                           p.find(qn("w:pPr"))) for p in fn.findall(qn("w:p"))])
    return notes


def indent(ppr: Any) -> tuple[int, int]:
    ind = ppr.find(qn("w:ind"))
    return int(ind.get(qn("w:left")) or 0), int(ind.get(qn("w:hanging")) or 0)


def expected_lines(lines: list[str]) -> None:
    """The grouped evidence of the story's claim, in the order a note prints it."""
    interview = [i for i, line in enumerate(lines) if line.startswith("Interview with Yuri")]
    assert len(interview) == 1, lines  # one interview line for Mr. Petrov's two quotes
    head = lines[interview[0]]
    assert head.endswith("on the record:") and "Khabarovsk, Khabarovsk" not in head
    i = interview[0]
    assert lines[i + 1] == "“We used to ship forty trucks a week.”"
    assert lines[i + 2] == "“Now it is five, maybe six.”"
    # The background quote from the same interview prints a different head: not grouped,
    # and never by name.
    clerk = [line for line in lines if "a clerk at the yard" in line]
    assert len(clerk) == 1 and clerk[0].endswith(": “The bank is hopeless.”")
    assert not any("Okhlopkova" in line for line in lines)
    citation = [i for i, line in enumerate(lines) if "Foreign" in line]
    assert len(citation) == 1  # the document's citation once, then each passage
    j = citation[0]
    assert lines[j].endswith(":") and "table" not in lines[j]
    assert lines[j + 1] == "table 4: “Exports fell 38.0 per cent.”"
    assert lines[j + 2] == "table 5: “Imports fell 12.1 per cent.”"
    # Supporting evidence first, then context, then contradicting.
    context = next(i for i, line in enumerate(lines) if line.startswith("Context: "))
    against = next(i for i, line in enumerate(lines) if line.startswith("Contradicting: "))
    assert max(interview[0], j, lines.index(clerk[0])) < context < against == len(lines) - 1
    assert lines[context].endswith("on the record: “Three yards on this road have closed "
                                   "since April.”")
    assert "paragraph 6: “Traffic is back to normal.”" in lines[against]


def test_footnote_groups_quotes_of_one_interview_and_excerpts_of_one_document(
        story, tmp_path: Path) -> None:
    out = export_draft(story["case"], story["draft"].uuid, tmp_path / "story.docx",
                       allow_blocking=True)
    (note,) = note_paragraphs(out.path)
    lines = [text for text, _ in note]
    expected_lines(lines)
    # The passages sit one step in under their head; heads where the text after the mark is.
    levels = {text: (indent(ppr)[0] - MARK_WIDTH) // NEST_STEP for text, ppr in note}
    assert levels["“Now it is five, maybe six.”"] == 1
    assert levels["table 5: “Imports fell 12.1 per cent.”"] == 1
    assert levels[lines[-1]] == 0 and levels[lines[0]] == 0


def test_comment_and_sourcing_table_group_the_same_way(story, tmp_path: Path) -> None:
    out = export_draft(story["case"], story["draft"].uuid, tmp_path / "story.docx",
                       allow_blocking=True)
    document = docx.Document(str(out.path))
    (comment,) = document.comments
    bullets = [p.text for p in comment.paragraphs if p.text.startswith(("• ", "– "))]
    expected_lines([b[2:] for b in bullets])
    assert all(b.startswith("– “") or b.startswith("– table") for b in bullets
               if not b.startswith("• "))
    sourcing = document.tables[0]
    assert [c.text for c in sourcing.rows[0].cells] == ["Claim", "Evidence", "Status"]
    cell = sourcing.rows[1].cells[1]
    expected_lines([p.text for p in cell.paragraphs])
    nested = [p for p in cell.paragraphs if p.text.startswith("“Now it is")]
    assert nested[0].paragraph_format.left_indent is not None


def piece(relation: Relation, key: int | None, n: int) -> EvidencePiece:
    head = f"Head {key}" if key is not None else f"Record {n}"
    return EvidencePiece(relation, head, f"“passage {n}”" if key is not None else None,
                         None if key is None else ("quote", str(key)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Relation)),
                          st.one_of(st.none(), st.integers(0, 3))), max_size=12))
def test_grouping_keeps_every_passage_once_in_relation_order(spec) -> None:
    pieces = [piece(relation, key, n) for n, (relation, key) in enumerate(spec)]
    groups = evidence_groups(pieces)
    printed = [p for g in groups for p in g.passages] + [
        g.head for g in groups if not g.passages]
    # Every passage printed exactly once (alone inside its line, or under its head).
    for n, p in enumerate(pieces):
        hits = [x for x in printed if f"passage {n}”" in x or x.endswith(f"Record {n}.")]
        assert len(hits) == 1, (p, groups)
    # Relations in order: supports, then context, then contradicting; each head once.
    rank = {"": 0, "Context: ": 1, "Contradicting: ": 2}

    def prefix(head: str) -> str:
        return next((k for k in ("Context: ", "Contradicting: ") if head.startswith(k)), "")

    ranks = [rank[prefix(g.head)] for g in groups]
    assert ranks == sorted(ranks)
    heads = [g.head for g in groups if g.passages]
    assert len(heads) == len(set(heads))
    assert all(len(g.passages) >= 2 for g in groups if g.passages)  # one alone: one line


def test_a_note_of_several_paragraphs_hangs_as_one(story, tmp_path: Path) -> None:
    out = export_draft(story["case"], story["draft"].uuid, tmp_path / "story.docx",
                       allow_blocking=True)
    (note,) = note_paragraphs(out.path)
    first, *rest = note
    assert indent(first[1]) == (MARK_WIDTH, MARK_WIDTH)  # the mark hangs, the text aligns
    assert all(indent(ppr)[0] >= MARK_WIDTH and indent(ppr)[1] == 0 for _, ppr in rest)
    after = [int(ppr.find(qn("w:spacing")).get(qn("w:after"))) for _, ppr in note]
    assert after[:-1] == [0] * (len(note) - 1) and after[-1] > 0
    with zipfile.ZipFile(out.path) as zf:
        xml = zf.read("word/footnotes.xml").decode()
    assert "<w:footnoteRef/></w:r><w:r><w:tab/></w:r>" in xml  # a tab to the text edge


def text_positions(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of each text run on a page of a PDF."""
    from pypdf import PdfReader

    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                          tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

    PdfReader(str(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def to_pdf(paths: list[Path], outdir: Path) -> None:
    subprocess.run([SOFFICE or "soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(outdir), *map(str, paths)], check=True, capture_output=True,
                   timeout=600)


@needs_soffice
def test_libreoffice_sets_each_note_apart(story, tmp_path: Path) -> None:
    out = export_draft(story["case"], story["draft"].uuid, tmp_path / "story.docx",
                       profile="clean", allow_blocking=True)
    to_pdf([out.path], tmp_path)
    runs = text_positions(tmp_path / "story.pdf", 0)
    mark = next(r for r in runs if r[2].strip() == "1" and r[1] < 400)
    starts = {r[2].split()[0]: r for r in runs if r[1] < mark[1] + 5 and r[0] > mark[0]}
    heads = [r for r in runs if r[2].startswith(("Interview with", "Context:",
                                                 "Contradicting:"))]
    passages = [r for r in runs if r[2].startswith(("“Now it is", "table 5"))]
    assert starts and heads and passages
    text_edge = min(r[0] for r in heads)
    assert text_edge > mark[0] + 3  # the mark stands clear in front of the text
    assert all(abs(r[0] - text_edge) < 1 for r in heads)  # every head on one edge
    assert all(r[0] > text_edge + 5 for r in passages)  # passages in under their head


def requests_story(case: CaseFile) -> dict[str, Any]:
    embassy = case.sources.create(name="Embassy of Japan", kind="organisation")
    bank = case.sources.create(name="Sberbank", kind="organisation")
    ministry = case.sources.create(name="Ministry of Transport", kind="official_body")
    claim = case.claims.create(statement="Trade across the border has slowed.")
    for source in (embassy, bank):
        case.requests.create(source=source.uuid, status="no_response", subject="Trade",
                             asked_at=datetime(2026, 10, 28, 9, 0), claims=[claim.uuid])
    case.requests.create(source=ministry.uuid, status="declined", subject="Trade",
                         asked_at=datetime(2026, 10, 29, 9, 0), claims=[claim.uuid])
    # The requests concern the draft's claim, but it prints no sentence about any of them:
    # the table suggests them all.
    draft = case.drafts.create(
        headline="Trade",
        body=f"⟦claim:{claim.uuid}⟧Trade across the border has slowed⟦/claim⟧, traders say.")
    return {"draft": draft}


def test_requests_table_capitalises_targets_and_shows_the_joined_sentence(
        case: CaseFile, tmp_path: Path) -> None:
    draft = requests_story(case)["draft"]
    out = export_draft(case, draft.uuid, tmp_path / "requests.docx", allow_blocking=True)
    document = docx.Document(str(out.path))
    table = document.tables[-1]
    targets = [row.cells[0].text for row in table.rows[1:]]
    # No generated "the embassy of …" at the start of a cell.
    assert targets == ["Embassy of Japan", "Sberbank", "Ministry of Transport"]
    joined = [p for p in document.paragraphs
              if p.text.startswith("Suggested for the story: ")]
    assert len(joined) == 1
    text = joined[0].text
    assert "Embassy of Japan and Sberbank did not respond to requests for comment." in text
    assert text.endswith("The Ministry of Transport declined to comment.")
    assert joined[0].style.name == "Appendix Text"  # not a body paragraph of the story
    assert joined[0]._p.getprevious().tag == qn("w:tbl")  # right after the table


def test_no_joined_sentence_when_every_outcome_differs(case: CaseFile, tmp_path: Path) -> None:
    bank = case.sources.create(name="Sberbank", kind="organisation")
    case.requests.create(source=bank.uuid, status="no_response", subject="Trade")
    draft = case.drafts.create(headline="Trade", body="Sberbank was asked.")
    out = export_draft(case, draft.uuid, tmp_path / "one.docx", allow_blocking=True)
    document = docx.Document(str(out.path))
    assert not [p for p in document.paragraphs if p.text.startswith("In the story")]


def test_headings_keep_with_next_and_table_rows_hold_together(story, tmp_path: Path) -> None:
    out = export_draft(story["case"], story["draft"].uuid, tmp_path / "story.docx",
                       allow_blocking=True)
    document = docx.Document(str(out.path))
    for name in ("Headline", "Dek", "Byline", "Publication Date", "Appendix Heading"):
        assert document.styles[name].paragraph_format.keep_with_next, name
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(set(widths)) > 1  # the grid carries the column widths LibreOffice reads
    heading = next(p for p in document.paragraphs if p.text == "Sourcing")
    assert heading.paragraph_format.page_break_before


def _strip_keep_with_next(path: Path, out: Path) -> None:
    """A copy of an export whose styles keep nothing with the next paragraph (the control)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b"<w:keepNext/>", b"")
            dst.writestr(item, data)


def _page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages]


@needs_soffice
@pytest.mark.slow
def test_libreoffice_keeps_the_requests_heading_with_its_table(case: CaseFile,
                                                             tmp_path: Path) -> None:
    """Sourcing tables of 1…8 equal rows: one of them ends where the "Requests for comment"
    heading fits but its table does not (seen in the control copies, whose styles lost
    keep-with-next); in every real export the heading is on its table's page."""
    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    case.requests.create(source=bank.uuid, status="answered", subject="Trade",
                         answer_text=" ".join(["The bank follows every rule."] * 12))
    pad = " ".join(["Exports of timber and vegetables across the Amur fell."] * 6)
    claims = []
    for n in range(8):
        claim = case.claims.create(statement=f"Claim {n}. {pad}", status="supported")
        report = case.documents.create(title=f"Report {n}", kind="report",
                                           publisher="Amur Commerce Bank")
        case.evidence.create(claim=claim.uuid, document=report.uuid)
        claims.append(claim)
    exports, controls = [], []
    for k in range(1, len(claims) + 1):
        body = "\n\n".join(f"⟦claim:{c.uuid}⟧Claim {n}⟦/claim⟧ happened, a report said."
                           for n, c in enumerate(claims[:k]))
        draft = case.drafts.create(headline=f"Story {k}", body=body + "\n\nAmur Commerce Bank"
                                   " said it follows every rule.")
        path = export_draft(case, draft.uuid, tmp_path / f"story{k}.docx",
                            allow_blocking=True).path
        control = tmp_path / f"control{k}.docx"
        _strip_keep_with_next(path, control)
        exports.append(path)
        controls.append(control)
    to_pdf(exports + controls, tmp_path)

    def orphaned(pdf: Path) -> bool:
        return any(page.endswith("Requests for comment") for page in _page_texts(pdf))

    assert any(orphaned(c.with_suffix(".pdf")) for c in controls), \
        "no table ended near the foot of a page: the test no longer tests anything"
    for path in exports:
        assert not orphaned(path.with_suffix(".pdf")), path.name
        page = next(p for p in _page_texts(path.with_suffix(".pdf"))
                    if "Requests for comment" in p)
        assert "Amur Commerce Bank" in page[page.index("Requests for comment"):]


def test_publication_date_and_tagline_print_in_their_styles(story, tmp_path: Path) -> None:
    case, draft = story["case"], story["draft"]
    case.drafts.update(draft.uuid, published_on=date(2026, 11, 21),
                       author_tagline="Maria Lindqvist reported from Khabarovsk.")
    for profile in ("editor", "clean"):
        out = export_draft(case, draft.uuid, tmp_path / f"{profile}.docx", profile=profile,
                           allow_blocking=True)
        paras = [(p.style.name, p.text) for p in docx.Document(str(out.path)).paragraphs]
        names = [s for s, _ in paras]
        at = names.index("Publication Date")
        assert names[at - 1] == "Byline" and paras[at][1] == "Nov. 21, 2026"
        tag = names.index("Tagline")
        assert names[tag - 1] == "Contributor"
        assert paras[tag][1] == "Maria Lindqvist reported from Khabarovsk."
    document = docx.Document(str(out.path))
    assert document.styles["Tagline"].font.italic


def test_no_date_no_tagline_paragraphs_when_there_is_nothing_to_print(case: CaseFile,
                                                                     tmp_path: Path) -> None:
    draft = case.drafts.create(headline="Bare", body="Nothing here.")
    out = export_draft(case, draft.uuid, tmp_path / "bare.docx", allow_blocking=True)
    names = [p.style.name for p in docx.Document(str(out.path)).paragraphs]
    assert "Publication Date" not in names and "Tagline" not in names


def test_a_protected_name_in_the_tagline_refuses_the_export(case: CaseFile,
                                                          tmp_path: Path) -> None:
    case.sources.create(name="Zebulon Quarrington", ground_rules="confidential",
                        attribution_phrase="a port official")
    draft = case.drafts.create(headline="Port", body="The port is closing.",
                               author_tagline="Zebulon Quarrington helped with this story.")
    with pytest.raises(ExportRefusedError) as err:
        export_draft(case, draft.uuid, tmp_path / "port.docx", allow_blocking=True)
    assert "the author tagline" in str(err.value)
    assert not (tmp_path / "port.docx").exists()


def test_a_newsroom_template_without_the_new_styles_still_exports(story,
                                                                 tmp_path: Path) -> None:
    """A template made before issue 17 lacks Publication Date, Tagline and Appendix Text:
    they are added with Casefile's look, and its headings are kept with what follows."""
    old = docx.Document(str(build_reference_template(tmp_path / "ref.docx")))
    styles = old.styles
    for name in ("Publication Date", "Tagline", "Appendix Text"):
        styles.element.remove(styles[name].element)
    for name in ("Headline", "Appendix Heading"):
        styles[name].paragraph_format.keep_with_next = None
    old.save(str(tmp_path / "newsroom.docx"))
    case, draft = story["case"], story["draft"]
    case.drafts.update(draft.uuid, published_on=date(2026, 11, 21))
    out = export_draft(case, draft.uuid, tmp_path / "story.docx", allow_blocking=True,
                       template=tmp_path / "newsroom.docx")
    document = docx.Document(str(out.path))
    assert document.styles["Publication Date"].paragraph_format.keep_with_next
    assert document.styles["Headline"].paragraph_format.keep_with_next
    assert any(p.style.name == "Publication Date" for p in document.paragraphs)


def test_the_sample_draft_prints_mr_petrovs_two_quotes_under_one_interview_line(
        sample: CaseFile, tmp_path: Path) -> None:
    draft = sample.drafts.page()[0]
    out = export_draft(sample, draft.uuid, tmp_path / "sample.docx", allow_blocking=True)
    notes = [[text for text, _ in note] for note in note_paragraphs(out.path)]
    yards = next(n for n in notes if any("Three yards on this road" in line for line in n))
    assert yards[0].startswith("Interview with Yuri Petrov") and yards[0].endswith(":")
    assert yards[1:] == ["“Three yards on this road have closed since April.”",
                         "“You can see the gates yourself; nobody bothers to lock them any "
                         "more.”"]
    # Nowhere does a note repeat an interview line word for word.
    for note in notes:
        heads = [line.split(": “")[0] for line in note if line.startswith("Interview with")]
        assert len(heads) == len(set(heads)), note
