"""The Word draft as a copy editor reads it: note numbers after punctuation, every note ended,
interview lines that say what they should (and no more for a protected source), photo lines,
edited quotes marked, an editor comment that says WEAK once, the requests table showing what
the story prints, and a photo kept with its caption. Each test reads the real .docx back."""

from __future__ import annotations

import re
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

from casefile.case import CaseFile
from casefile.claims.style import HouseStyle
from casefile.export.docx_draft import curly, export_draft, note_after
from casefile.export.footnotes import footnote_texts
from casefile.export.review import import_review
from casefile.export.sourcing import full_stop, language_name
from tests.conftest import jpeg_bytes

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None,
                                   reason="LibreOffice (soffice) is not installed; CI installs it")
TRANSCRIPT = ("We are standing here five days already. Nobody tells us anything. "
              "The queue is two kilometres long. Officers were told to wait.")
HELD = datetime(2026, 10, 17, 9, 30)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def story(case: CaseFile, body: str | None = None) -> dict[str, Any]:
    """A trucker (role as a relative clause) interviewed by phone through an interpreter, a
    confidential broker, a Russian-language interview with a translated quote, a whole
    interview linked with no passage, a credited and an uncredited photo, and claims anchored
    in a body whose anchors are followed by various punctuation."""
    maria = case.team.create(name="Maria Lindqvist")
    trucker = case.sources.create(name="Nikolai Zhuravlev", short_name="Mr. Zhuravlev",
                                  role_title="has driven a truck across the border since 2011",
                                  role_form="relative")
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker who asked not to be named")
    shvets = case.sources.create(name="Galina Shvets", short_name="Ms. Shvets",
                                 role_title="vegetable wholesaler")
    iv = case.interviews.create(title="Zhuravlev", interviewees=[trucker.uuid],
                                transcript=TRANSCRIPT, place_name="Blagoveshchensk, Russia",
                                held_at=HELD, medium="phone", language="en",
                                interpreter="Pavel Grishin (from Russian)")
    q_wait = case.quotes.mark(iv.uuid, *span(TRANSCRIPT, "We are standing here five days "
                                                        "already."), speaker=trucker.uuid)
    case.quotes.set_published(q_wait.uuid, "We're standing here five days already.")
    case.quotes.accept_published(q_wait.uuid)
    q_nobody = case.quotes.mark(iv.uuid, *span(TRANSCRIPT, "Nobody tells us anything."),
                                speaker=trucker.uuid)
    iv_broker = case.interviews.create(title="Broker", interviewees=[broker.uuid],
                                       transcript=TRANSCRIPT, place_name="Blagoveshchensk",
                                       held_at=datetime(2026, 10, 18, 22, 0),
                                       medium="messaging", ground_rules="confidential",
                                       interpreter="Pavel Grishin")
    q_broker = case.quotes.mark(iv_broker.uuid, *span(TRANSCRIPT, "Officers were told to "
                                                                  "wait."), speaker=broker.uuid)
    ru = "Фура стоит на той стороне по пять дней."
    iv_ru = case.interviews.create(title="Shvets", interviewees=[shvets.uuid], transcript=ru,
                                   place_name="Blagoveshchensk", held_at=HELD,
                                   medium="in_person", language="ru")
    q_ru = case.quotes.mark(iv_ru.uuid, 0, len(ru), speaker=shvets.uuid,
                            translation="A truck stands on the other side for five days.")
    iv_whole = case.interviews.create(title="Shvets again", interviewees=[shvets.uuid],
                                      transcript="Prices are up.", place_name="Blagoveshchensk",
                                      held_at=HELD, medium="in_person", language="en")
    credited = case.photos.add(jpeg_bytes(), "post.jpg", caption="The customs post.",
                               place_name="Customs post, Blagoveshchensk",
                               taken_at=HELD, credit_member=maria.uuid)
    uncredited = case.photos.add(jpeg_bytes(color=(20, 90, 160)), "heihe.jpg",
                                 caption="The queue in Heihe.", place_name="Heihe, China")
    claims = {}
    for key, statement, links in [
        ("wait", "Trucks wait five days.", [("quote", q_wait, "supports"),
                                            ("photo", credited, "context")]),
        ("nobody", "Nobody tells drivers anything.", [("quote", q_nobody, "supports"),
                                                      ("photo", uncredited, "supports")]),
        ("broker", "Officers were told to wait.", [("quote", q_broker, "supports")]),
        ("ru", "Trucks stand five days.", [("quote", q_ru, "supports")]),
        ("whole", "Prices are up.", [("interview", iv_whole, "supports")]),
    ]:
        claim = case.claims.create(statement=statement, status="needs_second_source")
        for kind, target, relation in links:
            case.evidence.create(claim=claim.uuid, relation=relation, **{kind: target.uuid})
        claims[key] = claim

    def a(key: str, words: str) -> str:
        return f"⟦claim:{claims[key].uuid}⟧{words}⟦/claim⟧"

    if body is None:
        body = (f"Drivers say {a('wait', 'trucks wait five days')}. "
                f"{a('nobody', 'Nobody tells them anything')}, they say.\n\n"
                f"“{a('broker', 'Officers were told to wait')},” a broker said.\n\n"
                f"⟦photo:{credited.uuid}⟧\n\n"
                f"A wholesaler said {a('ru', 'trucks stand five days')} (at least). "
                f"{a('whole', 'Prices are up')} — sharply.\n\n"
                f"⟦photo:{uncredited.uuid}⟧")
    draft = case.drafts.create(headline="Trucks wait", byline=[maria.uuid], body=body)
    return {"draft": draft, "claims": claims, "photos": (credited, uncredited),
            "quotes": {"wait": q_wait, "ru": q_ru}, "maria": maria, "trucker_interview": iv}


def export(case: CaseFile, draft: Any, path: Path, profile: str = "editor") -> Path:
    return export_draft(case, draft.uuid, path, profile=profile, allow_blocking=True).path


def body_with_marks(path: Path) -> list[str]:
    """Each body paragraph's text with its footnote references as [n]."""
    document = docx.Document(str(path))
    out = []
    for p in document.paragraphs:
        parts = []
        for el in p._p.iter(qn("w:t"), qn("w:footnoteReference")):
            parts.append(el.text or "" if el.tag == qn("w:t") else f"[{el.get(qn('w:id'))}]")
        out.append("".join(parts))
    return out


def notes_of(path: Path) -> list[list[str]]:
    """Each footnote as its lines, in order."""
    return [text.split("\n") for text in footnote_texts(docx.Document(str(path))).values()]


# -- 1. note numbers after punctuation --------------------------------------------------------

def test_note_numbers_go_after_the_punctuation_that_follows_the_words(
        case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    paras = body_with_marks(export(case, s["draft"], tmp_path / "e.docx", "clean"))
    text = "\n".join(paras)
    assert "trucks wait five days.[1] Nobody tells them anything,[2] they say." in text
    assert "“Officers were told to wait,”[3] a broker said." in text  # after the quote mark
    assert "trucks stand five days[4] (at least)." in text  # an opening parenthesis: before
    assert "Prices are up[5] — sharply." in text  # Chicago: the number precedes a dash
    assert not re.search(r"\[\d+\][.,;:!?”’)]", text)


def test_the_claim_bookmark_and_comment_stay_on_the_words(case: CaseFile,
                                                         tmp_path: Path) -> None:
    s = story(case)
    path = export(case, s["draft"], tmp_path / "e.docx")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode()
    start = xml.index(f'w:name="cfc_{s["claims"]["wait"].uuid.hex}"')
    end = xml.index("<w:commentRangeEnd ", start)
    covered = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml[start:end]))
    assert covered == "trucks wait five days"  # the words, not the full stop
    reference = xml.index("<w:footnoteReference ", start)
    assert "." in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml[end:reference]))


def test_a_review_still_matches_comments_and_sees_body_edits(case: CaseFile,
                                                            tmp_path: Path) -> None:
    s = story(case)
    path = export(case, s["draft"], tmp_path / "sent.docx", "clean")
    reviewed = tmp_path / "reviewed.docx"
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    # An editor's comment on the claim's words (the run before the moved note number) and
    # an edit to the words after it.
    at = xml.index(">Nobody tells them anything<")
    run_start = xml.rindex("<w:r>", 0, at)
    run_end = xml.index("</w:r>", at) + len("</w:r>")
    xml = (xml[:run_start] + '<w:commentRangeStart w:id="7"/>' + xml[run_start:run_end]
           + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
           + xml[run_end:])
    xml = xml.replace(" they say.", " drivers say.", 1)
    parts["word/document.xml"] = xml.encode()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{w}">'
        '<w:comment w:id="7" w:author="Olga Editor" w:date="2026-11-25T10:00:00Z">'
        "<w:p><w:r><w:t>Who says?</w:t></w:r></w:p></w:comment></w:comments>").encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].decode() \
        .replace("</Relationships>", '<Relationship Id="rIdReview1" Type="http://schemas.'
                 'openxmlformats.org/officeDocument/2006/relationships/comments" '
                 'Target="comments.xml"/></Relationships>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(
        "</Types>", '<Override PartName="/word/comments.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>').encode()
    with zipfile.ZipFile(reviewed, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = import_review(case, reviewed)
    assert result.on_claims == 1
    assert [c.text for c in case.claims.review_comments(s["claims"]["nobody"].uuid)] == \
        ["Who says?"]
    [change] = result.changes
    assert "they say." in change.before and "drivers say." in change.after
    assert "[" not in change.after and "they say" not in change.after


# -- 2. footnotes after a LibreOffice re-save ---------------------------------------------------

@needs_soffice
def test_footnote_texts_skip_libreoffices_separators_after_a_resave(case: CaseFile,
                                                                   tmp_path: Path) -> None:
    s = story(case)
    path = export(case, s["draft"], tmp_path / "e.docx")
    ours = footnote_texts(docx.Document(str(path)))
    out = tmp_path / "resaved"
    subprocess.run([SOFFICE, "--headless", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=240)
    resaved = out / "e.docx"
    with zipfile.ZipFile(resaved) as zf:
        notes_xml = zf.read("word/footnotes.xml").decode()
    assert re.search(r'<w:footnote w:id="1" w:type="continuationSeparator"', notes_xml)
    theirs = footnote_texts(docx.Document(str(resaved)))
    assert 1 not in theirs and 0 not in theirs  # the separators are not footnotes
    assert list(theirs.values()) == list(ours.values())


# -- 3. every note ends -----------------------------------------------------------------------

def test_every_note_ends_with_a_full_stop_never_doubled(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    for profile in ("editor", "clean"):
        for lines in notes_of(export(case, s["draft"], tmp_path / f"{profile}.docx", profile)):
            for line in lines:
                if line.endswith(":"):  # a group's head: its passages follow
                    continue
                assert line.endswith((".", "?", "!", "”", "’")), line
                assert not line.endswith(".."), line


@given(st.text(alphabet="ab .?!”’:,)", max_size=12))
def test_full_stop_ends_a_line_once(text: str) -> None:
    ended = full_stop("Photo by X" + text)
    assert ended.endswith((".", "?", "!", "”", "’", '"', "'"))
    assert ended.rstrip(".") == ("Photo by X" + text).rstrip().rstrip(".")


# -- 4. interview lines -----------------------------------------------------------------------

def test_a_relative_clause_role_is_closed_by_a_semicolon(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    notes = notes_of(export(case, s["draft"], tmp_path / "e.docx", "clean"))
    head = notes[0][0]
    assert head.startswith("Interview with Nikolai Zhuravlev, who has driven a truck across "
                           "the border since 2011; Blagoveshchensk, October 17, 2026, by phone,"
                           " through an interpreter, on the record: ")
    assert "Pavel Grishin" not in "\n".join("\n".join(n) for n in notes)  # never named


@settings(max_examples=60)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["us", "uk", "iso"]))
def test_note_dates_spell_the_month_in_full(day: date, date_style: str) -> None:
    style = HouseStyle(date_style=date_style)
    month = day.strftime("%B")
    expected = {"us": f"{month} {day.day}, {day.year}", "uk": f"{day.day} {month} {day.year}",
                "iso": day.isoformat()}[date_style]
    assert style.note_date(day) == expected
    assert style.note_date(datetime(day.year, day.month, day.day, 23, 59)) == expected
    assert style.note_month(day) == (f"{day.year:04d}-{day.month:02d}" if date_style == "iso"
                                     else f"{month} {day.year}")


def test_notes_use_full_months_and_the_body_keeps_the_house_date(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    s = story(case)
    case.drafts.update(s["draft"].uuid, published_on=date(2026, 11, 28))
    path = export(case, s["draft"], tmp_path / "e.docx")
    document = docx.Document(str(path))
    assert "Nov. 28, 2026" in [p.text for p in document.paragraphs]
    notes = "\n".join(footnote_texts(document).values())
    comments = "\n".join(c.text for c in document.comments)
    cells = "\n".join(c.text for c in document.tables[0]._cells)
    for text in (notes, comments, cells):
        assert "October 17, 2026" in text
        assert not re.search(r"\b(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d", text), text


def test_a_translated_quote_says_from_what_language(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    lines = [line for n in notes_of(export(case, s["draft"], tmp_path / "e.docx", "clean"))
             for line in n]
    [ru] = [line for line in lines if "Galina Shvets" in line and "(whole" not in line]
    assert ru.endswith(": “A truck stands on the other side for five days” "
                       "(translated from Russian).")
    assert "through an interpreter" not in ru  # no interpreter on that interview
    assert language_name("ru-RU") == "Russian" and language_name("zh-Hant") == "Chinese"
    assert language_name("sah") == "sah"  # not in the table: the code


def test_an_interview_in_another_language_marks_its_quotes_translated(
        case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    case.interviews.update(s["trucker_interview"].uuid, language="ko")
    lines = [line for n in notes_of(export(case, s["draft"], tmp_path / "e.docx", "clean"))
             for line in n]
    [wait] = [line for line in lines if "five days already" in line]
    assert wait.endswith("(translated from Korean; printed lightly edited).")


def test_a_protected_source_gives_only_month_year_and_rules(case: CaseFile,
                                                            tmp_path: Path) -> None:
    s = story(case)
    for profile in ("editor", "clean"):
        path = export(case, s["draft"], tmp_path / f"{profile}.docx", profile)
        [broker] = [n for n in notes_of(path) if "a customs broker" in n[0]]
        assert broker == ["Interview with a customs broker who asked not to be named; "
                          "October 2026, confidential: “Officers were told to wait.”"]
        if profile == "editor":
            document = docx.Document(str(path))
            texts = [c.text for c in document.comments] + \
                [c.text for c in document.tables[0]._cells]
            lines = [t for t in texts if "a customs broker who asked" in t and "Interview" in t]
            assert lines and all("October 18" not in t and "messaging" not in t
                                 and "Blagoveshchensk" not in t and "interpreter" not in t
                                 for t in lines)


def test_a_whole_interview_says_no_passage_is_marked(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    notes = notes_of(export(case, s["draft"], tmp_path / "e.docx", "clean"))
    assert ["Interview with Galina Shvets, vegetable wholesaler, Blagoveshchensk, October 17, "
            "2026, in person, on the record (whole interview, no passage marked)."] in notes


# -- 5. quotes printed in edited wording ----------------------------------------------------

def test_a_quote_printed_lightly_edited_says_so_in_both_profiles(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    s = story(case)
    for profile in ("editor", "clean"):
        path = export(case, s["draft"], tmp_path / f"{profile}.docx", profile)
        [note] = [n for n in notes_of(path) if "five days already" in "\n".join(n)]
        assert note[0].endswith(": “We are standing here five days already” "
                                "(printed lightly edited).")
        if profile == "editor":
            [comment] = [c.text for c in docx.Document(str(path)).comments
                         if "Printed as" in c.text]
            assert "Printed as “We’re standing here five days already.”" in comment
            assert "We're" not in comment  # curly when printed
    stored = case.quotes.get(s["quotes"]["wait"].uuid).published_text
    assert stored == "We're standing here five days already."  # the stored text as typed


def test_an_unaccepted_edit_is_not_called_printed_lightly_edited(case: CaseFile,
                                                                tmp_path: Path) -> None:
    s = story(case)
    case.quotes.set_published(s["quotes"]["wait"].uuid, "We're here five days.")
    notes = "\n".join(n[0] for n in notes_of(export(case, s["draft"], tmp_path / "e.docx")))
    assert "lightly edited" not in notes


def test_curly_turns_straight_marks_round() -> None:
    assert curly("We're told \"wait\" and 'sit'.") == "We’re told “wait” and ‘sit’."


# -- 6. photo lines ---------------------------------------------------------------------------

def test_photo_lines_credit_place_then_date(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    path = export(case, s["draft"], tmp_path / "e.docx")
    lines = [line for n in notes_of(path) for line in n]
    assert "Context: Photo by Maria Lindqvist, Customs post, Blagoveshchensk, October 17, " \
           "2026." in lines
    assert "Photo, photographer unknown, Heihe, China." in lines
    assert not [line for line in lines if line.count(":") > 1 and "Photo" in line]
    document = docx.Document(str(path))
    credits = [p.text for p in document.paragraphs if p.style.name == "Credit"]
    assert credits == ["Photo: Maria Lindqvist"]  # under the picture: the newsroom's form


# -- 7. the editor comment and the Status cell --------------------------------------------------

def test_the_comment_says_weak_once_and_the_status_cell_gives_the_reasons(
        case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    document = docx.Document(str(export(case, s["draft"], tmp_path / "e.docx")))
    headers = [c.paragraphs[0].text for c in document.comments]
    for header in headers:
        assert header.upper().count("WEAK") <= 2  # "WEAK CLAIM" … "Weak:" — said once each
        assert "needs second source" not in header
        assert not header.endswith("..")
    whole = next(h for h in headers if "whole interview" in h)
    assert whole == ("WEAK CLAIM — status: needs a second source. 1 independent source; all "
                     "evidence usable in print. Weak: " + whole.split("Weak: ")[1])
    assert "linked to a whole interview, no passage marked" in whole
    assert whole.endswith(".")
    table = document.tables[0]
    status = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
    assert status["Prices are up."].startswith("needs a second source — weak: ")
    assert "linked to a whole interview, no passage marked" in status["Prices are up."]
    assert "(WEAK)" not in "".join(status.values())


# -- 8. the requests table shows what the story prints ----------------------------------------

def requests_case(case: CaseFile, body_tail: str) -> Any:
    bank = case.sources.create(name="Amur Commerce Bank", short_name="the bank",
                               kind="organisation")
    embassy = case.sources.create(name="Embassy of Japan", kind="organisation")
    customs = case.sources.create(name="Far Eastern Customs Directorate",
                                  short_name="the customs directorate", kind="official_body")
    ministry = case.sources.create(name="Ministry of Transport", kind="official_body")
    claim = case.claims.create(statement="Trade has slowed.")
    for source, status, answer in [(bank, "no_response", ""), (embassy, "no_response", ""),
                                   (customs, "answered", "Clearance is within the law."),
                                   (ministry, "declined", "")]:
        case.requests.create(source=source.uuid, status=status, subject="Trade",
                             answer_text=answer, asked_at=datetime(2026, 10, 28, 9, 0),
                             claims=[claim.uuid])
    return case.drafts.create(
        headline="Trade", body=f"⟦claim:{claim.uuid}⟧Trade has slowed⟦/claim⟧.\n\n{body_tail}")


def test_the_requests_table_shows_the_sentence_the_draft_prints(case: CaseFile,
                                                                tmp_path: Path) -> None:
    draft = requests_case(case, "The customs directorate said clearance was lawful. "
                                "Amur Commerce Bank did not respond to requests for comment.")
    document = docx.Document(str(export(case, draft, tmp_path / "e.docx")))
    table = document.tables[-1]
    story_cell = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    assert story_cell["Far Eastern Customs Directorate"] == \
        "The customs directorate said clearance was lawful."  # not the quoted statement
    assert story_cell["Amur Commerce Bank"] == \
        "Amur Commerce Bank did not respond to requests for comment."
    assert story_cell["Embassy of Japan"] == ("Not in the draft. Suggested: The Embassy of Japan"
                                              " did not respond to requests for comment.")
    assert story_cell["Ministry of Transport"].startswith("Not in the draft. Suggested: ")
    # One each missing, no two joined: no suggested paragraph.
    assert not [p for p in document.paragraphs if p.text.startswith(("Suggested", "In the"))]


def test_joined_suggestions_only_for_what_the_draft_lacks(case: CaseFile,
                                                          tmp_path: Path) -> None:
    draft = requests_case(case, "Officials declined to say more.")
    document = docx.Document(str(export(case, draft, tmp_path / "e.docx")))
    [suggested] = [p.text for p in document.paragraphs if p.text.startswith("Suggested")]
    assert suggested.startswith("Suggested for the story: Amur Commerce Bank and the Embassy "
                                "of Japan did not respond to requests for comment.")
    assert "In the story:" not in "\n".join(p.text for p in document.paragraphs)


def test_a_joined_reply_in_the_draft_is_shown_on_each_row_and_not_suggested(
        case: CaseFile, tmp_path: Path) -> None:
    joined = ("Amur Commerce Bank and the Embassy of Japan did not respond to requests for "
              "comment.")
    draft = requests_case(case, f"{joined} The ministry declined to comment. The customs "
                                "directorate said clearance was lawful.")
    document = docx.Document(str(export(case, draft, tmp_path / "e.docx")))
    cells = {row.cells[0].text: row.cells[3].text for row in document.tables[-1].rows[1:]}
    assert cells["Amur Commerce Bank"] == cells["Embassy of Japan"] == joined
    assert not [p for p in document.paragraphs if p.text.startswith("Suggested")]


def table_cells(path: Path) -> dict[str, str]:
    """The requests table's "In the story" cell by its "To" cell."""
    rows = docx.Document(str(path)).tables[-1].rows
    assert rows[0].cells[3].text == "In the story"
    return {row.cells[0].text: row.cells[3].text for row in rows[1:]}


def mentions_case(case: CaseFile, body: str) -> Any:
    """A port director surnamed Bridge, an embassy known as "the embassy" and Sberbank, each
    asked and not answered, in a draft whose `body` follows one claim."""
    olga = case.sources.create(name="Olga Bridge", role_title="port director")
    embassy = case.sources.create(name="Embassy of China in Moscow", kind="organisation",
                                  short_name="the embassy")
    sber = case.sources.create(name="Sberbank", kind="organisation")
    claim = case.claims.create(statement="Traffic halved.")
    for source, status in ((olga, "no_response"), (embassy, "pending"), (sber, "declined")):
        case.requests.create(source=source.uuid, subject="Traffic", status=status,
                             claims=[claim.uuid])
    return case.drafts.create(headline="Traffic",
                              body=f"⟦claim:{claim.uuid}⟧Traffic fell⟦/claim⟧. {body}")


def test_a_sentence_that_only_mentions_a_source_is_no_right_of_reply(case: CaseFile,
                                                                     tmp_path: Path) -> None:
    draft = mentions_case(case, "Traffic on the bridge has halved. The Japanese embassy "
                                "issued fewer visas this year. Sberbank processed the "
                                "payments in March, the ledger shows.")
    cells = table_cells(export(case, draft, tmp_path / "e.docx"))
    assert cells == {
        "Olga Bridge": "Not in the draft. Suggested: Olga Bridge did not respond to requests "
                       "for comment.",
        "Embassy of China in Moscow": "Not in the draft. Suggested: The Embassy of China in "
                                      "Moscow did not immediately respond to a request for "
                                      "comment.",
        "Sberbank": "Not in the draft. Suggested: Sberbank declined to comment."}


def test_a_right_of_reply_sentence_is_shown_for_its_source(case: CaseFile,
                                                           tmp_path: Path) -> None:
    draft = mentions_case(case, "Sberbank processed the payments. Ms. Bridge did not respond "
                                "to requests for comment. The embassy has not yet responded. "
                                "Sberbank declined to comment.")
    cells = table_cells(export(case, draft, tmp_path / "e.docx"))
    assert cells == {"Olga Bridge": "Ms. Bridge did not respond to requests for comment.",
                     "Embassy of China in Moscow": "The embassy has not yet responded.",
                     "Sberbank": "Sberbank declined to comment."}


def answered_case(case: CaseFile, body: str) -> Any:
    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    claim = case.claims.create(statement="Fees rose.")
    case.requests.create(source=bank.uuid, subject="Fees", status="answered",
                         answer_text="All fees follow the published tariff.",
                         claims=[claim.uuid])
    return case.drafts.create(headline="Fees",
                              body=f"⟦claim:{claim.uuid}⟧Fees rose⟦/claim⟧. {body}")


@pytest.mark.parametrize(("body", "shown"), [
    ("Amur Commerce Bank opened in 1994. Amur Commerce Bank said its fees were lawful.",
     "Amur Commerce Bank said its fees were lawful."),
    ("“All fees follow the published tariff,” a statement from Amur Commerce Bank reads.",
     "“All fees follow the published tariff,” a statement from Amur Commerce Bank reads."),
    ("Amur Commerce Bank opened in 1994.", None),
    ("The amur commerce bank said nothing new.", None),  # a proper name in its own case
    ("Officials said Amur fees rose.", None),
])
def test_an_answered_request_shows_a_sentence_reporting_its_answer(
        case: CaseFile, tmp_path: Path, body: str, shown: str | None) -> None:
    cells = table_cells(export(case, answered_case(case, body), tmp_path / "e.docx"))
    assert cells["Amur Commerce Bank"] == shown or shown is None and \
        cells["Amur Commerce Bank"].startswith("Not in the draft. Suggested: ")


# -- 10. note numbers never inside a word ------------------------------------------------------

FOLLOWING = st.text(alphabet=st.sampled_from(list("sab1 .,;:!?”’'\")(]»—-\n")), max_size=12)


@given(FOLLOWING)
def test_a_note_number_goes_after_closing_marks_and_never_inside_a_word(after: str) -> None:
    text = "The company" + after
    start = len("The company")
    at = note_after(text, start, len(text))
    passed, rest = text[start:at], text[at:]
    assert " " not in passed and "\n" not in passed
    if rest:
        # Never before a letter (inside the word) nor before closing punctuation …
        assert not rest[0].isalnum() and rest[0] not in ".,;:!?”\")]»"
        # … and an apostrophe left after it opens something (a letter follows it).
        assert rest[0] not in "’'" or rest[1:2].isalnum()
    # Stopping short of the end: never past an opening mark, a dash or a space.
    assert not set(passed) & set(" (—-\n")


@pytest.mark.parametrize(("text", "words", "marked"), [
    ("The U.S. officials left.", "The U", "The U.S.[1] officials left."),
    ("A ratio of 3:1, it said.", "A ratio of 3", "A ratio of 3:1,[1] it said."),
    ("They’re “here.”", "They", "They’re[1] “here.”"),
    ("He said ‘wait.’” Then", "He said ‘wait", "He said ‘wait.’”[1] Then"),
])
def test_a_note_number_never_splits_a_word(text: str, words: str, marked: str) -> None:
    at = note_after(text, len(words), len(text))
    assert text[:at] + "[1]" + text[at:] == marked


@pytest.mark.parametrize(("tail", "marked"), [
    ("’s accounts were frozen.", "The company’s[1] accounts were frozen."),
    ("'s accounts were frozen.", "The company's[1] accounts were frozen."),
    ("’ accounts were frozen.", "The company’[1] accounts were frozen."),
    ("’.", "The company’.[1]"),
    (".’” he said.", "The company.’”[1] he said."),
])
def test_the_note_number_of_a_possessive_follows_it(case: CaseFile, tmp_path: Path,
                                                    tail: str, marked: str) -> None:
    claim = case.claims.create(statement="The company exists.")
    interview = case.interviews.create(title="i", transcript="It exists.")
    quote = case.quotes.mark(interview.uuid, 0, 10)
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    draft = case.drafts.create(headline="H",
                               body=f"⟦claim:{claim.uuid}⟧The company⟦/claim⟧{tail}")
    paras = body_with_marks(export(case, draft, tmp_path / "e.docx", "clean"))
    assert marked in paras


# -- 11. a translated quotation keeps the stop of an abbreviation or an ellipsis ----------------

def test_a_translated_quote_keeps_an_abbreviations_or_ellipsis_stop(case: CaseFile,
                                                                    tmp_path: Path) -> None:
    petrov = case.sources.create(name="Yuri Petrov", role_title="trader")
    said = ["Мы ждали.", "Мы ждали два.", "Мы ждали три.", "Мы ждали четыре.",
            "Мы ждали пять."]
    interview = case.interviews.create(title="p", transcript=" ".join(said),
                                       interviewees=[petrov.uuid], language="ru")
    translations = ["They paid in U.S.", "And then...", "We waited, etc.", "It ended.",
                    "It ended.”"]
    anchors = []
    for words, translation in zip(said, translations, strict=True):
        start = interview.transcript.index(words)
        quote = case.quotes.mark(interview.uuid, start, start + len(words),
                                 speaker=petrov.uuid, translation=translation)
        claim = case.claims.create(statement=translation)
        case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
        anchors.append(f"⟦claim:{claim.uuid}⟧They paid⟦/claim⟧.")
    draft = case.drafts.create(headline="H", body=" ".join(anchors))
    quoted = [n[0].split(": ", 1)[1]
              for n in notes_of(export(case, draft, tmp_path / "e.docx", "clean"))]
    assert quoted == ["“They paid in U.S.” (translated from Russian).",
                      "“And then...” (translated from Russian).",
                      "“We waited, etc.” (translated from Russian).",
                      "“It ended” (translated from Russian).",
                      "“It ended” (translated from Russian)."]  # a stray mark: not doubled


# -- 12. a photo credited to a protected source -----------------------------------------------

def test_a_photo_credited_to_a_protected_source_gives_only_month_and_year(
        case: CaseFile, tmp_path: Path) -> None:
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker")
    held = datetime(2026, 10, 17, 9, 40)
    interview = case.interviews.create(title="b", transcript="Trucks wait at the post.",
                                       interviewees=[broker.uuid], held_at=held,
                                       place_name="Blagoveshchensk", medium="in_person")
    quote = case.quotes.mark(interview.uuid, 0, 24, speaker=broker.uuid)
    photo = case.photos.add(jpeg_bytes(), "p.jpg", caption="Trucks at the post.",
                            place_name="Customs post, Blagoveshchensk", taken_at=held)
    case.photos.update(photo.uuid, credit_source=broker.uuid)
    claim = case.claims.create(statement="Trucks wait.", status="supported")
    case.evidence.create(claim=claim.uuid, relation="supports", quote=quote.uuid)
    case.evidence.create(claim=claim.uuid, relation="supports", photo=photo.uuid)
    draft = case.drafts.create(headline="H", body=f"⟦claim:{claim.uuid}⟧Trucks wait⟦/claim⟧."
                                                   f"\n\n⟦photo:{photo.uuid}⟧")
    path = export(case, draft, tmp_path / "e.docx")
    document = docx.Document(str(path))
    [note] = notes_of(path)
    assert note[-1] == "Photo by a customs broker, October 2026."
    comment = "\n".join(c.text for c in document.comments)
    cell = document.tables[0].rows[1].cells[1].text
    for text in (comment, cell):
        assert "Photo by a customs broker, October 2026" in text
    for text in ("\n".join(note), comment, cell):
        assert "Blagoveshchensk" not in text and "October 17" not in text
    credits = [p.text for p in document.paragraphs if p.style.name == "Credit"]
    assert credits == ["Photo: a customs broker"]  # the phrase under the picture, as before


# -- 9. a photo with its caption and credit -----------------------------------------------------

def test_a_photo_keeps_with_its_caption_and_credit(case: CaseFile, tmp_path: Path) -> None:
    s = story(case)
    document = docx.Document(str(export(case, s["draft"], tmp_path / "e.docx", "clean")))
    paras = document.paragraphs
    for i, p in enumerate(paras):
        if p._p.find(f".//{qn('w:drawing')}") is None:
            continue
        following = [q for q in paras[i + 1:i + 3] if q.style.name in ("Caption", "Credit")]
        assert following, "a photo without caption or credit in this story"
        for q in [p, *following[:-1]]:
            assert q.paragraph_format.keep_with_next, q.text
        assert not following[-1].paragraph_format.keep_with_next


@needs_soffice
def test_libreoffice_never_leaves_a_caption_on_the_page_after_its_photo(
        case: CaseFile, tmp_path: Path) -> None:
    maria = case.team.create(name="Maria Lindqvist")
    filler = " ".join(["The queue at the bridge grew again overnight."] * 4)
    parts = []
    # Wide photos after text of varying length: without keep-with-next, LibreOffice 7.4
    # puts the 13th photo at the foot of page 5 and its caption on page 6.
    for n in range(16):
        photo = case.photos.add(jpeg_bytes((1200, 300), (10 * n, 80, 40)), f"p{n}.jpg",
                                caption=f"Caption number {n}.", credit_member=maria.uuid)
        parts += [filler, *["The queue grew."] * (n % 4), f"⟦photo:{photo.uuid}⟧"]
    draft = case.drafts.create(headline="Photos", body="\n\n".join(parts))
    path = export(case, draft, tmp_path / "photos.docx", "clean")
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "photos.pdf"
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    image_pages = [int(line.split()[0]) for line in listing if line.split()[2] == "image"]
    assert len(image_pages) == 16
    caption_pages = []
    for n in range(16):
        for page in range(1, max(image_pages) + 2):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf),
                                   "-"], check=True, capture_output=True, text=True).stdout
            if f"Caption number {n}." in text:
                caption_pages.append(page)
                break
    assert caption_pages == image_pages
