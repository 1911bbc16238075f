"""The field-copy story, scripted as a real one runs: a lead reporter and three contributors
in Vladivostok, Blagoveshchensk and Khabarovsk, each for days without a network, each adding
interviews, photos, quotes and evidence to the same claims; then the merges back, the
conflicts they leave, a second round of work, and the lead resolving (and undoing) them.

Everything is real: case files in a tmp dir, the core's own services, JPEGs made with
Pillow."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from casefile import CaseFile
from casefile.sync import make_field_copy, merge_cases
from tests.test_merge_properties import jpeg, snapshot

PARAGRAPHS = [
    "Q: How is business at the yard this autumn?",
    "A: Bad. We used to ship fourty trucks a week to Heihe, now it is eight.",
    "A: The line at the bridge is nine days long and the drivers sleep in the cabs.",
    "A: Customs closes at six. Nobody hurries at the Blagoveshchensk crossing.",
]
LEAD_P1 = "A: Bad. We used to ship forty trucks a week to Heihe, now it is eight."
ANNA_P1 = "A: Bad. We used to ship 40 trucks a week to Heihe; now it is eight."
OLGA_P0 = "Q: How is business at your timber yard in Khabarovsk this autumn, Mr. Petrov?"
CAPTION = "Trucks at the Blagoveshchensk crossing"
CITIES = {"anna": ("Anna Li", "Vladivostok"), "boris": ("Boris Chen", "Blagoveshchensk"),
          "olga": ("Olga Sato", "Khabarovsk")}


@dataclass
class Story:
    """The lead's case and what it holds at the start."""

    folder: Path
    lead: CaseFile
    members: dict[str, Any]
    claims: list[Any]
    interview: Any
    quotes: list[Any]
    photo: Any


@pytest.fixture
def story(tmp_path: Path) -> Iterator[Story]:
    lead = CaseFile.create(tmp_path / "amur.casefile", title="Border trade on the Amur",
                           actor="Maria Lindqvist")
    try:
        members = {"maria": lead.team.create(name="Maria Lindqvist", base_city="Helsinki")}
        for key, (name, city) in CITIES.items():
            members[key] = lead.team.create(name=name, base_city=city, role="contributor")
        petrov = lead.sources.create(name="Yuri Petrov", role_title="owner of a timber yard",
                                     location="Khabarovsk", short_name="Mr. Petrov")
        transcript = "\n\n".join(PARAGRAPHS)
        interview = lead.interviews.create(title="Petrov at his yard", transcript=transcript,
                                           interviewees=[petrov.uuid],
                                           interviewers=[members["maria"].uuid])
        quotes = []
        for para, words in ((2, "nine days long"), (3, "Nobody hurries")):
            start = transcript.index(words, transcript.index(PARAGRAPHS[para]))
            quotes.append(lead.quotes.mark(interview.uuid, start, start + len(words),
                                           speaker=petrov.uuid))
        claims = [lead.claims.create(statement=s) for s in (
            "Timber exports through the Amur crossings fell by four fifths.",
            "Trucks wait nine days at the Blagoveshchensk bridge.",
            "The customs post closes at six.")]
        photo = lead.photos.add(jpeg(501), "IMG_0501.jpg", caption="Trucks, bridge")
        lead.evidence.create(claim=claims[1].uuid, quote=quotes[0].uuid)
        lead.evidence.create(claim=claims[1].uuid, photo=photo.uuid)
        lead.evidence.create(claim=claims[2].uuid, quote=quotes[1].uuid)
        yield Story(tmp_path, lead, members, claims, interview, quotes, photo)
    finally:
        lead.close()


def _copy_for(story: Story, key: str) -> Path:
    name, city = CITIES[key]
    out = story.folder / f"{key}.casefile"
    result = make_field_copy(story.lead, out, member=story.members[key].uuid,
                             label=f"Field copy for {name} ({city})")
    assert result.path == out and result.withheld == []
    assert result.records >= 15  # the team, the source, interview, quotes, claims, photo, links
    return out


def _report_from_the_field(copy: CaseFile, story: Story, key: str, seed: int) -> dict[str, Any]:
    """What every contributor does: a source, an interview, a quote in it, a photo, and
    evidence for the same two claims."""
    name, city = CITIES[key]
    source = copy.sources.create(name=f"A driver met by {name}", location=city)
    text = f"Q: How long did you wait in {city}?\n\nA: Eleven days, and the fees went up."
    interview = copy.interviews.create(title=f"Driver in {city}", transcript=text,
                                       interviewees=[source.uuid],
                                       interviewers=[story.members[key].uuid])
    start = text.index("Eleven days")
    quote = copy.quotes.mark(interview.uuid, start, start + len("Eleven days"),
                             speaker=source.uuid)
    photo = copy.photos.add(jpeg(seed), f"{key}-0001.jpg", caption=f"The queue in {city}",
                            credit_member=story.members[key].uuid)
    links = [copy.evidence.create(claim=story.claims[1].uuid, quote=quote.uuid),
             copy.evidence.create(claim=story.claims[1].uuid, photo=photo.uuid),
             copy.evidence.create(claim=story.claims[0].uuid, interview=interview.uuid)]
    copy.tags.tag(copy.claims.get(story.claims[1].uuid), f"from {city}")
    return {"source": source, "interview": interview, "quote": quote, "photo": photo,
            "links": links}


def _authors(case: CaseFile, record: Any) -> set[str]:
    return {e.actor for e in case.audit.entries(record=record.uuid, limit=1000)}


def test_three_cities_merge_back_with_two_conflicts_and_authors_kept(story: Story) -> None:
    lead = story.lead
    paths = {key: _copy_for(story, key) for key in CITIES}
    assert {p.label for p in lead.merges.peers()} == {
        f"Field copy for {n} ({c})" for n, c in CITIES.values()}

    # Days in the field: every copy is worked on alone.
    work: dict[str, dict[str, Any]] = {}
    for seed, key in enumerate(CITIES, start=600):
        with CaseFile.open(paths[key], actor=CITIES[key][0]) as copy:
            work[key] = _report_from_the_field(copy, story, key, seed)
            paras = list(PARAGRAPHS)
            if key == "anna":  # the same paragraph the lead corrects, differently
                paras[1] = ANNA_P1
            if key == "olga":  # another paragraph, longer: the quotes after it move
                paras[0] = OLGA_P0
            if key != "boris":
                copy.interviews.update(story.interview.uuid, transcript="\n\n".join(paras))
            if key == "boris":  # the photo the lead is captioning meanwhile
                copy.trash.delete(copy.photos.get(story.photo.uuid), cascade=True)

    # Meanwhile at the desk.
    paras = list(PARAGRAPHS)
    paras[1] = LEAD_P1
    lead.interviews.update(story.interview.uuid, transcript="\n\n".join(paras))
    lead.photos.update(story.photo.uuid, caption=CAPTION)

    # Anna's copy: her work comes in; the paragraph both corrected is a conflict.
    with CaseFile.open(paths["anna"], actor="Maria Lindqvist") as anna:
        report = merge_cases(lead, anna)
    assert report.direction == "from a field copy"
    assert report.peer_label == "Field copy for Anna Li (Vladivostok)"
    assert report.created.get("interview") == 1 and report.created.get("photo") == 1
    assert report.created.get("quote") == 1 and report.created.get("evidence_link") == 3
    [conflict] = report.conflicts
    assert (conflict.record_kind, conflict.record_uuid, conflict.field) == (
        "interview", story.interview.uuid, "transcript")
    assert conflict.editable and conflict.status == "open"
    assert LEAD_P1 in conflict.mine_text and ANNA_P1 in conflict.theirs_text
    assert PARAGRAPHS[1] in conflict.base_text
    assert conflict.their_author == "Anna Li" and conflict.their_changed_at is not None
    # Until someone decides, the lead's words stay.
    assert LEAD_P1 in lead.interviews.get(story.interview.uuid).transcript
    assert lead.merges.open_count() == 1

    # Boris trashed the photo the lead captioned: a conflict; the photo stays, captioned.
    with CaseFile.open(paths["boris"]) as boris:
        report = merge_cases(lead, boris)
    [conflict] = [c for c in report.conflicts if c.record_kind == "photo"]
    assert conflict.record_uuid == story.photo.uuid
    assert conflict.field in ("", "trashed")
    assert "trash" in conflict.reason.lower() and conflict.their_author == "Boris Chen"
    assert CAPTION in conflict.record_label
    assert lead.photos.get(story.photo.uuid).caption == CAPTION
    assert report.created.get("photo") == 1
    # … and so does its evidence: Boris's trash took the link with the photo, as one
    # deletion, and that deletion waits for the lead as a whole (the link named too).
    assert story.photo.uuid in {e.target.uuid for e in
                                lead.evidence.for_claim(story.claims[1].uuid)}
    assert {c.record_kind for c in report.conflicts} == {"photo", "evidence_link"}

    # Olga fixed another paragraph: it merges, and the quotes below it move with the text.
    with CaseFile.open(paths["olga"]) as olga:
        report = merge_cases(lead, olga)
    assert report.conflicts == ()
    merged = lead.interviews.get(story.interview.uuid).transcript
    assert merged == "\n\n".join([OLGA_P0, LEAD_P1, *PARAGRAPHS[2:]])
    for quote in story.quotes:
        now = lead.quotes.get(quote.uuid)
        assert now.matches_transcript, now
        assert now.span_start == quote.span_start + len(OLGA_P0) - len(PARAGRAPHS[0]) + \
            len(LEAD_P1) - len(PARAGRAPHS[1])

    # Every contributor's records are there, signed by them, and the log says so.
    for key, made in work.items():
        name = CITIES[key][0]
        for what in ("source", "interview", "quote", "photo"):
            record = lead.get_record(made[what].KIND, made[what].uuid)
            assert record.changed_by == name, (what, record.changed_by)
            # … and made and changed when they were, in the field, not at the merge.
            assert (record.created_at, record.changed_at) == (
                made[what].created_at, made[what].changed_at), what
            assert name in _authors(lead, record), (what, _authors(lead, record))
        for link in made["links"]:
            assert lead.evidence.get(link.uuid).changed_by == name
        credit = lead.photos.get(made["photo"].uuid).credit_member
        assert credit is not None and credit.uuid == story.members[key].uuid
    # The claims now rest on evidence from all three cities.
    evidence = lead.evidence.for_claim(story.claims[1].uuid)
    assert len(evidence) == 2 + 3 * 2
    assert {f"from {c}" for _n, c in CITIES.values()} <= \
        set(lead.tags.names_for(lead.claims.get(story.claims[1].uuid)))
    assert lead.check().ok
    assert lead.merges.open_count() == 3  # the transcript, the photo and its evidence


def test_a_second_round_merges_only_the_new_work_and_conflicts_resolve(story: Story) -> None:
    lead = story.lead
    paths = {key: _copy_for(story, key) for key in ("anna", "boris")}
    with CaseFile.open(paths["anna"], actor="Anna Li") as anna:
        first = _report_from_the_field(anna, story, "anna", 700)
        paras = list(PARAGRAPHS)
        paras[1] = ANNA_P1
        anna.interviews.update(story.interview.uuid, transcript="\n\n".join(paras))
    with CaseFile.open(paths["boris"], actor="Boris Chen") as boris:
        boris.trash.delete(boris.photos.get(story.photo.uuid), cascade=True)
    paras = list(PARAGRAPHS)
    paras[1] = LEAD_P1
    lead.interviews.update(story.interview.uuid, transcript="\n\n".join(paras))
    lead.photos.update(story.photo.uuid, caption=CAPTION)
    with CaseFile.open(paths["anna"]) as anna:
        text_conflict = merge_cases(lead, anna).conflicts[0]
    with CaseFile.open(paths["boris"]) as boris:
        photo_conflict = next(c for c in merge_cases(lead, boris).conflicts
                              if c.record_kind == "photo")

    # More days in the field for Anna; the lead edits her interview's title meanwhile.
    with CaseFile.open(paths["anna"], actor="Anna Li") as anna:
        anna.interviews.update(first["interview"].uuid, notes="Second visit: fees doubled.")
        later = anna.photos.add(jpeg(701), "anna-0002.jpg", caption="Fees board")
        link = anna.evidence.create(claim=story.claims[0].uuid, photo=later.uuid)
    lead.interviews.update(first["interview"].uuid, title="Driver, Vladivostok port")
    before = snapshot(lead)
    with CaseFile.open(paths["anna"]) as anna:
        second = merge_cases(lead, anna)
    assert second.conflicts == ()
    assert second.created == {"photo": 1, "evidence_link": 1}, second.lines()
    again = lead.interviews.get(first["interview"].uuid)
    assert (again.title, again.notes) == ("Driver, Vladivostok port",
                                          "Second visit: fees doubled.")
    after = snapshot(lead)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed == {("interview", str(first["interview"].uuid)),
                       ("photo", str(later.uuid)), ("evidence_link", str(link.uuid))}
    assert second.changed == 3
    assert lead.merges.open_count() == 3  # the first round's conflicts are still there
    assert next(p for p in lead.merges.peers() if "Anna" in p.label).merges == 2

    # The lead takes Anna's words, changes her mind (undo), then edits them by hand —
    # each decision a change like any other, reported to whoever listens.
    heard: list[Any] = []
    unsubscribe = lead.subscribe(heard.append)
    taken = lead.merges.resolve(text_conflict.uuid, "theirs")
    unsubscribe()
    assert len(heard) == 1 and heard[0].touches("merge_conflict")
    assert heard[0].touched("interview", story.interview.uuid)
    assert lead.interviews.get(story.interview.uuid).changed_by == "Maria Lindqvist"
    assert taken.status == "taken" and taken.resolved_by == "Maria Lindqvist"
    assert ANNA_P1 in lead.interviews.get(story.interview.uuid).transcript
    reopened = lead.merges.reopen(text_conflict.uuid)
    assert reopened.status == "open"
    assert LEAD_P1 in lead.interviews.get(story.interview.uuid).transcript
    edited_text = "\n\n".join([PARAGRAPHS[0], "A: We used to ship forty trucks a week.",
                               *PARAGRAPHS[2:]])
    edited = lead.merges.resolve(text_conflict.uuid, "edit", edited_text)
    assert edited.status == "edited"
    assert lead.interviews.get(story.interview.uuid).transcript == edited_text
    # A decision is an edit like any other: the quotes are moved only on the reporter's
    # say-so, and their words are still there to move them to.
    assert all(lead.quotes.suggest_span(q.uuid) is not None for q in story.quotes)

    # The photo: Boris's trash taken, undone, and the lead's kept.
    def photo_evidence() -> set[Any]:
        return {e.target.uuid for e in lead.evidence.for_claim(story.claims[1].uuid)}

    lead.merges.resolve(photo_conflict.uuid, "theirs")
    assert story.photo.uuid not in {p.uuid for p in lead.photos.page()}
    assert story.photo.uuid not in photo_evidence()  # the deletion, whole
    lead.merges.reopen(photo_conflict.uuid)
    assert lead.photos.get(story.photo.uuid).caption == CAPTION
    assert story.photo.uuid in photo_evidence()  # the undo, whole
    kept = lead.merges.resolve(photo_conflict.uuid, "mine")
    assert kept.status == "kept"
    for left in lead.merges.conflicts():  # the photo's evidence, if asked separately
        assert left.record_kind == "evidence_link", left
        lead.merges.resolve(left.uuid, "mine")
    assert lead.merges.open_count() == 0 and story.photo.uuid in photo_evidence()
    assert lead.merges.conflicts(open_only=False) and not lead.merges.conflicts()

    # Merging the same copies again now: nothing, and no conflict comes back.
    for key in ("anna", "boris"):
        with CaseFile.open(paths[key]) as copy:
            report = merge_cases(lead, copy)
        assert report.changed == 0 and report.conflicts == (), report.lines()
    assert lead.photos.get(story.photo.uuid).caption == CAPTION
    assert lead.check().ok


def test_a_contributor_takes_the_current_story_back_into_the_field(story: Story) -> None:
    lead = story.lead
    anna_path, olga_path = _copy_for(story, "anna"), _copy_for(story, "olga")
    with CaseFile.open(anna_path, actor="Anna Li") as anna:
        made = _report_from_the_field(anna, story, "anna", 800)
    with CaseFile.open(anna_path) as anna:
        merge_cases(lead, anna)
    lead.photos.update(story.photo.uuid, caption=CAPTION)
    with CaseFile.open(olga_path, actor="Olga Sato") as olga:
        own = olga.claims.create(statement="Fees at the Khabarovsk depot doubled.")
        report = merge_cases(olga, lead)
        assert report.direction == "from the case it was copied from"
        assert report.conflicts == ()
        # Anna's interview and the lead's caption are now in Olga's copy; her claim stays.
        assert olga.interviews.get(made["interview"].uuid).changed_by == "Anna Li"
        assert olga.photos.get(story.photo.uuid).caption == CAPTION
        assert olga.claims.get(own.uuid).statement.startswith("Fees")
        assert olga.check().ok
    with CaseFile.open(olga_path) as olga:
        back = merge_cases(lead, olga)
    assert back.created == {"claim": 1} and back.conflicts == (), back.lines()
    assert lead.claims.get(own.uuid).changed_by == "Olga Sato"


def test_the_draft_body_merges_paragraph_by_paragraph_with_its_anchors(story: Story) -> None:
    """The lead rewrites the top while a contributor adds a sourced paragraph lower down:
    both stand, every anchor intact; the same sentence rewritten on both sides conflicts."""
    lead = story.lead
    c0, c1 = story.claims[0].uuid, story.claims[1].uuid
    body = "\n\n".join([
        "BLAGOVESHCHENSK — Timber once crossed the Amur by the trainload.",
        f"⟦claim:{c0}⟧Exports fell by four fifths⟦/claim⟧, traders say.",
        f"⟦claim:{c1}⟧Trucks wait nine days⟦/claim⟧ at the bridge.",
        "The customs post closes at six."])
    draft = lead.drafts.create(headline="Border trade", body=body)
    path = _copy_for(story, "anna")
    paras = body.split("\n\n")
    with CaseFile.open(path, actor="Anna Li") as anna:
        theirs = [*paras[:3], f"⟦photo:{story.photo.uuid}⟧", paras[3] + " Nobody hurries."]
        anna.drafts.update(draft.uuid, body="\n\n".join(theirs),
                           dek="Trade on the Amur is a fraction of what it was")
    mine = ["BLAGOVESHCHENSK, Russia — Timber once crossed the Amur by the trainload.",
            *paras[1:]]
    lead.drafts.update(draft.uuid, body="\n\n".join(mine), dek="Nine days at the bridge")
    with CaseFile.open(path) as anna:
        report = merge_cases(lead, anna)
    merged = lead.drafts.get(draft.uuid)
    assert merged.body == "\n\n".join([mine[0], *paras[1:3], f"⟦photo:{story.photo.uuid}⟧",
                                       paras[3] + " Nobody hurries."]), merged.body
    assert [(c.field, c.record_uuid) for c in report.conflicts] == [("dek", draft.uuid)]
    assert merged.dek == "Nine days at the bridge"
    text = lead.drafts.text(draft.uuid)
    assert {str(a.claim) for a in text.anchors} == {str(c0), str(c1)}
    assert lead.check().ok
