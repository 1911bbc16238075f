"""Drafts: anchors that survive editing, the checker's findings, saved versions."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefile import CaseFile, ValidationError
from casefile.claims.draft_text import OBJECT, DraftText

C1, C2 = uuid.UUID(int=1), uuid.UUID(int=2)
PHOTO = uuid.UUID(int=3)


def body(*parts: str) -> str:
    return "".join(parts)


def anchored(text: DraftText) -> list[tuple[str, uuid.UUID]]:
    return [(text.anchor_text(a), a.claim) for a in text.anchors]


BASE = DraftText.parse(f"Exports fell, ⟦claim:{C1}⟧the service said⟦/claim⟧ on Monday.")


def test_parse_and_serialize_round_trip() -> None:
    stored = (f"Lead ⟦claim:{C1}⟧fact one⟦/claim⟧ and ⟦claim:{C2}⟧fact two⟦/claim⟧.\n\n"
              f"⟦photo:{PHOTO}⟧\n\nA literal ⟦⟦ bracket.")
    text = DraftText.parse(stored)
    assert text.text == f"Lead fact one and fact two.\n\n{OBJECT}\n\nA literal ⟦ bracket."
    assert anchored(text) == [("fact one", C1), ("fact two", C2)]
    assert text.photos == (PHOTO,)
    assert text.serialize() == stored
    assert [p for _o, p in text.paragraphs()][1] == OBJECT


def test_malformed_markup_is_text_not_an_error() -> None:
    for broken in ["⟦claim:nope⟧x", "⟦/claim⟧ stray", f"⟦claim:{C1}⟧never closed", "⟦", "⟧"]:
        text = DraftText.parse(broken)
        assert isinstance(text.text, str)
    assert anchored(DraftText.parse(f"⟦claim:{C1}⟧never closed")) == [("never closed", C1)]


def test_insert_before_inside_and_after_an_anchor() -> None:
    start = BASE.anchors[0].start
    before = BASE.insert(0, "In short: ")
    assert anchored(before) == [("the service said", C1)]
    inside = BASE.insert(start + 4, "statistics ")
    assert anchored(inside) == [("the statistics service said", C1)]
    at_start = BASE.insert(start, "as ")
    assert anchored(at_start) == [("the service said", C1)]
    at_end = BASE.insert(BASE.anchors[0].end, " firmly")
    assert anchored(at_end) == [("the service said", C1)]
    assert at_end.text.endswith("said firmly on Monday.")
    after = BASE.insert(len(BASE.text), " More.")
    assert anchored(after) == [("the service said", C1)]


def test_delete_before_inside_after_and_all_of_an_anchor() -> None:
    a = BASE.anchors[0]
    assert anchored(BASE.delete(0, 8)) == [("the service said", C1)]
    assert anchored(BASE.delete(a.start + 3, a.start + 11)) == [("the said", C1)]
    assert anchored(BASE.delete(a.end, len(BASE.text))) == [("the service said", C1)]
    assert anchored(BASE.delete(a.start - 2, a.start + 4)) == [("service said", C1)]
    assert BASE.delete(a.start - 1, a.end + 1).anchors == ()
    edited = BASE.delete(a.start - 1, a.end + 1)
    assert f"claim:{C1}" not in edited.serialize()


def test_deleting_a_photo_placement_drops_it() -> None:
    text = DraftText.parse(f"One.\n\n⟦photo:{PHOTO}⟧\n\nTwo ⟦claim:{C1}⟧fact⟦/claim⟧.")
    pos = text.text.index(OBJECT)
    edited = text.delete(pos - 2, pos + 1)
    assert edited.photos == () and anchored(edited) == [("fact", C1)]
    assert "photo:" not in edited.serialize()


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 80), st.integers(0, 12),
                          st.text(alphabet="ab ⟦⟧", max_size=6)), max_size=12))
def test_any_edit_sequence_keeps_the_format_consistent(edits) -> None:
    text = BASE
    for is_insert, pos, length, chunk in edits:
        text = text.insert(pos, chunk) if is_insert else text.delete(pos, pos + length)
        again = DraftText.parse(text.serialize())
        assert again.text == text.text
        assert anchored(again) == anchored(text)


# -- the checker ------------------------------------------------------------------------

@pytest.fixture
def story(case: CaseFile) -> dict:
    petrov = case.sources.create(name="Yuri Petrov", short_name="Mr. Petrov")
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker")
    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    iv = case.interviews.create(title="Petrov", interviewees=[petrov.uuid],
                                transcript="We used to ship forty trucks a week. Now five.")
    quote = case.quotes.mark(iv.uuid, 0, 36, speaker=petrov.uuid)
    good = case.claims.create(statement="Shipments fell from forty trucks a week.")
    case.evidence.create(claim=good.uuid, quote=quote.uuid)
    weak = case.claims.create(statement="Every yard has closed.")
    request = case.requests.create(source=bank.uuid, status="pending", subject="Yuan payments")
    return {"petrov": petrov, "broker": broker, "good": good, "weak": weak, "quote": quote,
            "request": request}


def findings_of(case: CaseFile, text: str) -> list:
    draft = case.drafts.create(headline="Test", body=text)
    return case.drafts.check(draft.uuid)


def test_checker_finds_each_kind_in_reading_order(case: CaseFile, story) -> None:
    good, weak = story["good"].uuid, story["weak"].uuid
    text = "\n\n".join([
        f"⟦claim:{good}⟧Shipments fell to 5 trucks⟦/claim⟧, Mr. Petrov said.",
        "Exports fell by 38 percent.",
        "Yuri Petrov runs a yard.",
        "“We used to ship fifty trucks a week,” he said.",
        "“The bank is hopeless,” he said.",
        f"⟦claim:{weak}⟧Every yard has closed⟦/claim⟧, according to Belov.",
        "Amur Commerce Bank did not immediately respond to a request for comment.",
        f"⟦claim:{uuid.UUID(int=99)}⟧A deleted fact⟦/claim⟧.",
    ])
    found = findings_of(case, text)
    kinds = [f.kind for f in found]
    assert kinds == ["unattributed", "unattributed", "quote_differs", "quote_unmatched",
                     "claim_unsupported", "protected_name", "claim_missing", "request_pending"]
    assert "figures" in found[0].message and "named source" in found[1].message
    assert "We used to ship forty trucks a week." in found[2].message
    assert found[5].excerpt == "Belov" and "a customs broker" in found[5].message
    positions = [f.position for f in found if f.position >= 0]
    assert positions == sorted(positions)
    blocking = {f.kind for f in found if f.blocking}
    assert blocking == {"quote_differs", "claim_unsupported", "protected_name", "claim_missing"}


def test_a_clean_draft_has_no_findings(case: CaseFile, story) -> None:
    case.requests.update(story["request"].uuid, status="no_response")
    text = (f"⟦claim:{story['good'].uuid}⟧Shipments fell from 40 trucks a week⟦/claim⟧. "
            "“We used to ship forty trucks a week,” Mr. Petrov said.\n\n"
            "Amur Commerce Bank did not respond to requests for comment.")
    assert findings_of(case, text) == []


def test_full_protected_name_is_found_case_insensitively(case: CaseFile, story) -> None:
    found = findings_of(case, "We met ARTYOM BELOV at the post.")
    named = [f for f in found if f.kind == "protected_name"]
    assert [f.excerpt for f in named] == ["ARTYOM BELOV"]  # one finding for the whole name


def test_draft_text_editing_through_the_service(case: CaseFile, story) -> None:
    draft = case.drafts.create(headline="H", body=f"A ⟦claim:{story['good'].uuid}⟧b⟦/claim⟧ c")
    text = case.drafts.text(draft.uuid).insert(0, "New lead. ")
    case.drafts.set_text(draft.uuid, text)
    assert case.drafts.text(draft.uuid).anchors[0].start == 12


# -- versions ---------------------------------------------------------------------------

def test_each_export_snapshot_answers_what_the_editor_had(case: CaseFile) -> None:
    maria = case.team.create(name="Maria Lindqvist")
    draft = case.drafts.create(headline="First", body="One.", byline=[maria.uuid])
    v1 = case.drafts.snapshot(draft.uuid, "exported for the editor")
    case.drafts.update(draft.uuid, headline="Second", body="Two.")
    v2 = case.drafts.snapshot(draft.uuid, "exported for the editor")
    case.drafts.update(draft.uuid, headline="Third")
    versions = case.drafts.versions(draft.uuid)
    assert [v.snapshot["headline"] for v in versions] == ["First", "Second"]
    assert versions[0].snapshot["byline"] == ["Maria Lindqvist"]
    assert versions[0].actor == "tester"
    as_of = case.drafts.version_as_of(draft.uuid, v1.created_at + timedelta(microseconds=1))
    assert as_of is not None and as_of.uuid == v1.uuid
    assert case.drafts.version_as_of(draft.uuid, v2.created_at).uuid == v2.uuid
    assert case.drafts.version_as_of(draft.uuid, v1.created_at - timedelta(seconds=1)) is None
    with pytest.raises(ValidationError):
        case.drafts.version_as_of(draft.uuid, v1.created_at.replace(tzinfo=None))


def test_sentences_split_like_an_editor_reads() -> None:
    from casefile.claims.checker import sentences

    text = ("“We used to ship forty,” Mr. Petrov said. Exports fell 38.5 percent in Sept. "
            "2026. J. Smith agreed!\n\nNew paragraph without a full stop")
    parts = [text[a:b].strip() for a, b in sentences(text)]
    assert parts == ["“We used to ship forty,” Mr. Petrov said.",
                     "Exports fell 38.5 percent in Sept. 2026.", "J. Smith agreed!",
                     "New paragraph without a full stop"]
