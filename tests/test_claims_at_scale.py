"""`casefile claims` and the editor export's appendix at the scale of a long investigation:
their query counts follow the draft or the page, never the number of claims or requests."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from casefile import CaseFile
from casefile.cli import main
from casefile.export.docx_draft import export_draft
from casefile.models import Claim, Source
from tests.conftest import jpeg_bytes


@contextmanager
def counting(target: object = Engine) -> Iterator[list[str]]:
    """Every SQL statement run on `target` (an engine, or every engine) inside the block."""
    seen: list[str] = []

    def listener(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(target, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(target, "before_cursor_execute", listener)


def add_claims(case: CaseFile, n: int, start: int = 0) -> list[Claim]:
    """`n` claims with every kind of evidence whose summary and attribution read
    relationships: a quote (speaker, interview), an excerpt (document, publisher source), a
    photo credited to a source; an off-the-record interview (never attributed), a document
    by a publisher named only, a staff photo as context; every third claim needs a second
    source."""
    ministry = case.sources.create(name=f"Ministry of Trade {start}", kind="official_body")
    photo = case.photos.add(jpeg_bytes(color=(start % 256, 80, 40)), f"p{start}.jpg",
                            caption="Trucks at the bridge")
    case.photos.update(photo.uuid, credit_source=ministry.uuid)
    doc = case.documents.create(title="Trade report", kind="report", publisher="Ministry",
                                publisher_source=ministry.uuid)
    paper = case.documents.create(title=f"Bridge traffic {start}", kind="news_article",
                                  container_title="Amur Courier", publisher="Amur Courier")
    member = case.team.create(name=f"Staff {start} Photographer", role="photographer")
    staff_photo = case.photos.add(jpeg_bytes(color=(start % 256, 10, 200)), f"s{start}.jpg",
                                  caption="The queue at dawn")
    case.photos.update(staff_photo.uuid, credit_member=member.uuid)
    claims = []
    for i in range(start, start + n):
        person = case.sources.create(name=f"Trader {i} Person", role_title="trader",
                                     location="Khabarovsk", short_name=f"Mr. Person {i}")
        text = f"Trader {i} says trucks wait for days."
        iv = case.interviews.create(title=f"Interview {i}", transcript=text,
                                    interviewees=[person.uuid])
        quote = case.quotes.mark(iv.uuid, 0, len(text), speaker=person.uuid)
        excerpt = case.excerpts.create(document=doc.uuid, text=f"Table {i}: traffic fell.")
        status = "needs_second_source" if i % 3 == 0 else "supported"
        claim = case.claims.create(statement=f"Trucks wait {i} days.", status=status)
        case.evidence.create(claim=claim.uuid, quote=quote.uuid)
        if i % 3:
            case.evidence.create(claim=claim.uuid, excerpt=excerpt.uuid)
            case.evidence.create(claim=claim.uuid, photo=photo.uuid)
        if i % 4 == 0:
            hidden = case.sources.create(name=f"Hidden {i} Person", ground_rules="off_record")
            off = case.interviews.create(title=f"Off the record {i}", transcript="Not this.",
                                         ground_rules="off_record", interviewees=[hidden.uuid])
            case.evidence.create(claim=claim.uuid, interview=off.uuid)
        if i % 5 == 0:
            case.evidence.create(claim=claim.uuid, document=paper.uuid)
            case.evidence.create(claim=claim.uuid, photo=staff_photo.uuid, relation="context")
        claims.append(claim)
    return claims


def made(tmp_path: Path, name: str, build: Callable[[CaseFile], object]) -> Path:
    path = tmp_path / name
    with CaseFile.create(path, title="Scale", actor="tester") as case:
        build(case)
    return path


def cli_queries(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    with counting() as seen:
        code = main([str(a) for a in args])
    out = capsys.readouterr().out
    assert code == 0
    return len(seen), out


def test_claims_command_query_count_does_not_grow_with_claims(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    few = made(tmp_path, "few.casefile", lambda c: add_claims(c, 5))
    many = made(tmp_path, "many.casefile", lambda c: add_claims(c, 60))
    for extra in ([], ["--weak"], ["--json"]):
        n_few, out_few = cli_queries(capsys, "claims", few, *extra)
        n_many, out_many = cli_queries(capsys, "claims", many, *extra)
        assert out_many.count("Trucks wait") > out_few.count("Trucks wait") > 0
        assert n_many == n_few, (extra, n_few, n_many)  # was about 9 more per claim


def test_rows_match_the_per_claim_answers(case: CaseFile) -> None:
    """The batched listing says what `summary()` and `attribution()` say one claim at a
    time, in id order, across batch boundaries, and costs the same queries for 5 or 60."""
    add_claims(case, 20)
    rows = list(case.claims.rows(batch=7))
    assert [r.claim.statement for r in rows] == [f"Trucks wait {i} days." for i in range(20)]
    for claim, summary, attribution in rows:
        assert summary == case.claims.summary(claim.uuid)
        assert attribution == case.claims.attribution(claim.uuid)
        assert attribution.text.startswith("according to Trader ")
    weak = list(case.claims.rows(weak_only=True, batch=7))
    assert [r.claim.uuid for r in weak] == [r.claim.uuid for r in rows if r.summary.weak]
    assert 0 < len(weak) < len(rows)
    assert any(r.attribution.unattributable for r in rows)
    assert [(c.uuid, s) for c, s in case.claims.summaries(limit=100)] == \
        [(r.claim.uuid, r.summary) for r in rows]


def test_rows_match_after_sources_go_to_the_trash(case: CaseFile) -> None:
    """A trashed speaker, publisher or interviewee is not seen (as `summary()` does not see
    it): the quote falls back to its interviewees, the document to its publisher's name."""
    claims = add_claims(case, 6)
    for name in ("Trader 1 Person", "Ministry of Trade 0", "Hidden 4 Person"):
        source = next(s for s in case.sources.page(limit=1000) if s.name == name)
        case.trash.delete(source, cascade=True)
    rows = {r.claim.uuid: r for r in case.claims.rows(batch=4)}
    assert len(rows) == len(claims)
    for claim in claims:
        row = rows[claim.uuid]
        assert row.summary == case.claims.summary(claim.uuid)
        assert row.attribution == case.claims.attribution(claim.uuid)
    assert "Ministry" in rows[claims[1].uuid].attribution.text


def test_rows_queries_do_not_grow_with_claims(case: CaseFile) -> None:
    """`rows()` (the command) and `summaries()` (a page of the app's list) alike."""
    counts = []
    for start, more in ((0, 5), (5, 55)):
        add_claims(case, more, start)
        with counting(case._store.engine) as listed:
            rows = list(case.claims.rows(batch=100))
        with counting(case._store.engine) as paged:
            page = case.claims.summaries(limit=100)
        counts.append((len(rows), len(page), len(listed), len(paged)))
    assert [c[:2] for c in counts] == [(5, 5), (60, 60)]
    assert counts[0][2:] == counts[1][2:], counts  # one batch: the same queries for 5 or 60


def test_weak_with_none_weak_says_no_weak_claims(tmp_path: Path) -> None:
    def build(case: CaseFile) -> None:
        add_claims(case, 3, 1)  # claim 0 links whole records: weak whatever its status
        for claim, _summary in case.claims.summaries(weak_only=True):
            case.claims.update(claim.uuid, status="supported")
    path = made(tmp_path, "strong.casefile", build)
    casefile = [sys.executable, "-m", "casefile"]
    weak = subprocess.run([*casefile, "claims", str(path), "--weak"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert weak.returncode == 0 and weak.stdout.strip() == "no weak claims", weak
    empty = made(tmp_path, "empty.casefile", lambda c: None)
    none = subprocess.run([*casefile, "claims", str(empty)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert none.returncode == 0 and none.stdout.strip() == "no claims", none


def _draft_with_requests(case: CaseFile, unrelated: int) -> None:
    """A draft binding two claims, requests that concern it and `unrelated` ones that do
    not (each to a source of its own, so loading their sources would cost a query each)."""
    bound, other = add_claims(case, 2), add_claims(case, 1, start=2)
    quote = case.evidence.for_claim(bound[1].uuid)[0].quote
    assert quote is not None and quote.speaker is not None
    behind = quote.speaker  # a source behind the draft's evidence
    subject = case.sources.create(name="Border Guard Service", kind="official_body")

    def ask(source: Source, answer: str, claims: list[Claim]) -> None:
        case.requests.create(source=source.uuid, subject=answer, status="answered",
                             answer_text=answer, claims=[c.uuid for c in claims])

    ask(subject, "Tied to a claim in the draft", [bound[0]])
    ask(behind, "Untied, to a source behind the draft", [])
    ask(behind, "Tied only to another claim", [other[0]])
    ask(subject, "Untied, to nobody in the draft", [])
    for i in range(unrelated):
        stranger = case.sources.create(name=f"Stranger {i} Body", kind="official_body")
        ask(stranger, f"Unrelated {i}", [other[0]] if i % 2 else [])
    body = (f"Traders wait. ⟦claim:{bound[0].uuid}⟧Trucks wait⟦/claim⟧. And "
            f"⟦claim:{bound[1].uuid}⟧they wait longer⟦/claim⟧.")
    case.drafts.create(headline="Trucks wait at the border", body=body)


def _export(path: Path, out: Path) -> tuple[list[str], int]:
    with CaseFile.open(path, actor="tester") as case:
        draft = case.drafts.page(limit=1)[0]
        with counting(case._store.engine) as seen:
            export_draft(case, draft.uuid, out, profile="editor", allow_blocking=True)
    table = docx.Document(str(out)).tables[1]
    assert table.rows[0].cells[0].text == "To"
    # The sentence the draft prints about the source, else the one suggested for it.
    return [row.cells[3].text.removeprefix("Not in the draft. Suggested: ")
            for row in table.rows[1:]], len(seen)


def test_appendix_lists_only_the_requests_concerning_the_draft(tmp_path: Path) -> None:
    few = made(tmp_path, "few.casefile", lambda c: _draft_with_requests(c, 0))
    many = made(tmp_path, "many.casefile", lambda c: _draft_with_requests(c, 40))
    listed, n_few = _export(few, tmp_path / "few.docx")
    listed_many, n_many = _export(many, tmp_path / "many.docx")
    assert n_many == n_few  # the case's other requests cost nothing (was a query a source)
    assert [line.split("”")[0].strip("“").rstrip(",") for line in listed] == [
        "Tied to a claim in the draft", "Untied, to a source behind the draft"]
    assert listed_many == listed


def test_appendix_lists_an_untied_request_to_a_source_the_draft_names(tmp_path: Path) -> None:
    """The bank the story is about never answered, and the reporter tied the request to no
    claim: the draft names the bank, so its right of reply is in the editor's appendix."""

    def build(case: CaseFile) -> None:
        _draft_with_requests(case, 3)
        bank = case.sources.create(name="Harbin Commercial Bank", kind="organisation")
        case.requests.create(source=bank.uuid, subject="Asked the bank about the fees",
                             status="no_response", claims=[])
        draft = case.drafts.page(limit=1)[0]
        case.drafts.update(draft.uuid, body=draft.body + " The harbin commercial bank did "
                                                         "not answer.")

    listed, _n = _export(made(tmp_path, "bank.casefile", build), tmp_path / "bank.docx")
    subjects = [line.split("”")[0].strip("“").rstrip(",") for line in listed]
    assert "The harbin commercial bank did not answer." in subjects  # as the draft prints it
    assert "Untied, to nobody in the draft" not in subjects  # the draft never names them


def test_appendix_lists_a_protected_source_the_draft_names_by_its_phrase(
        tmp_path: Path) -> None:
    """"A customs broker and Sberbank did not respond …": the broker's request, tied to no
    claim, is in the table under its phrase, and its name is nowhere in the file."""

    def build(case: CaseFile) -> None:
        broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                     attribution_phrase="a customs broker")
        bank = case.sources.create(name="Sberbank", kind="organisation")
        other = case.sources.create(name="Olga Vetrova", ground_rules="background",
                                    attribution_phrase="a port official")
        for source in (broker, bank, other):
            case.requests.create(source=source.uuid, subject="Fees", status="no_response")
        case.drafts.create(headline="Fees", body="Fees rose. A customs broker and Sberbank "
                                                 "did not respond to requests for comment.")

    out = tmp_path / "prot.docx"
    with CaseFile.open(made(tmp_path, "prot.casefile", build), actor="tester") as case:
        draft = case.drafts.page(limit=1)[0]
        export_draft(case, draft.uuid, out, profile="editor", allow_blocking=True)
    table = docx.Document(str(out)).tables[1]
    rows = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    sentence = "A customs broker and Sberbank did not respond to requests for comment."
    assert rows == {"A customs broker": sentence, "Sberbank": sentence}  # not the official
    with zipfile.ZipFile(out) as package:
        xml = "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())
    assert "Belov" not in xml and "Artyom" not in xml and "Vetrova" not in xml
