"""The sample case has the shape of a real foreign-correspondent story, and holds each
situation an editor reads closely (issue 17): the tests below check that the DATA is there, so
the generated wording can change under them."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile import CaseFile
from casefile.claims.checker import sentences
from casefile.claims.draft_text import DraftText
from casefile.claims.tagline import author_tagline
from casefile.models import (
    Article,
    Claim,
    ClaimStatus,
    DocumentKind,
    EvidenceLink,
    GroundRules,
    Interview,
    Photo,
    Quote,
    Relation,
    RequestStatus,
    RoleForm,
    Source,
    SourceKind,
    TeamRole,
)


def test_sources_and_team(sample: CaseFile) -> None:
    sources = sample.sources.page(limit=100)
    assert len(sources) >= 5
    confidential = [s for s in sources if s.ground_rules is GroundRules.CONFIDENTIAL]
    assert confidential and all(s.attribution_phrase for s in confidential)
    assert any(s.kind is SourceKind.OFFICIAL_BODY for s in sources)
    team = sample.team.page()
    assert len([m for m in team if m.role is TeamRole.CONTRIBUTOR]) == 2
    assert [m.name for m in sample.team.byline()] == ["Maria Lindqvist"]


def test_interviews_quotes_in_two_cities_and_two_languages(sample: CaseFile) -> None:
    interviews = sample.interviews.page()
    assert len(interviews) == 5
    cities = {iv.place_name.split(",")[0] for iv in interviews}
    # A phone interview is placed where the person was: Mr. Zhuravlev, in his cab in Heihe.
    assert cities == {"Khabarovsk", "Blagoveshchensk", "Heihe"}
    [phone] = [iv for iv in interviews if iv.medium.value == "phone"]
    assert phone.place_name == "Heihe, China" and "in Heihe" in phone.transcript
    assert all(len(iv.transcript.split()) >= 200 for iv in interviews)
    russian = [iv for iv in interviews if iv.language == "ru"]
    assert len(russian) == 1
    quotes = sample.quotes.page(limit=100)
    assert len(quotes) >= 6
    with sample._store.read() as s:
        for q in quotes:
            loaded = sample.quotes._load(s, q.uuid)
            assert loaded.matches_transcript
            if loaded.interview.language == "ru":
                assert loaded.translation
    assert all(iv.held_at and iv.held_at.utcoffset() for iv in interviews)


def test_documents_photos_claims_requests_draft(sample: CaseFile) -> None:
    kinds = {d.kind for d in sample.documents.page()}
    assert {DocumentKind.STATISTICS, DocumentKind.DATASET, DocumentKind.NEWS_ARTICLE} <= kinds
    assert sample.excerpts.count() >= 3
    with sample._store.read() as s:
        photos = list(s.scalars(select(Photo)))
        assert len(photos) == 5
        credited = [p for p in photos if p.credit_member is not None]
        assert len(credited) == 4  # the fifth came through a chat group: no credit, no EXIF
        for p in credited:
            exif = Image.open(io.BytesIO(sample.blobs.read(p.blob.sha256))).getexif()
            gps = exif.get_ifd(0x8825)
            assert gps[1] == "N" and gps[3] == "E"
        assert all(p.caption for p in photos)
        assert all(iv.interviewees for iv in s.scalars(select(Interview)))
    statuses = {c.status for c in sample.claims.page(limit=100)}
    assert sample.claims.count() == 15
    assert {ClaimStatus.SUPPORTED, ClaimStatus.UNVERIFIED, ClaimStatus.DISPUTED,
            ClaimStatus.NEEDS_SECOND_SOURCE} <= statuses
    for claim in sample.claims.page(limit=100):
        assert sample.evidence.for_claim(claim.uuid), claim.statement
    requests = sample.requests.page()
    assert len(requests) == 4
    unanswered = {RequestStatus.NO_RESPONSE, RequestStatus.PENDING}
    assert len([r for r in requests if r.status in unanswered]) == 3
    [draft] = sample.drafts.page()
    assert draft.headline and draft.body and "contributed reporting" in draft.contributor_line


def test_sample_exercises_the_checker_and_attributions(sample: CaseFile) -> None:
    [draft] = sample.drafts.page()
    findings = sample.drafts.check(draft.uuid)
    kinds = {f.kind for f in findings}
    assert {"claim_contradicted", "claim_off_record_only", "claim_single_source",
            "unattributed", "request_pending"} <= kinds
    assert "protected_name" not in kinds  # the sample never names the confidential broker
    weak = sample.claims.summaries(weak_only=True)
    assert 3 <= len(weak) < sample.claims.count()
    for claim, _summary in sample.claims.summaries():
        attribution = sample.claims.attribution(claim.uuid).text
        assert "Artyom Belov" not in attribution and "Belov" not in attribution
    assert "Belov" not in sample.drafts.get(draft.uuid).body


def test_sample_is_sound_and_has_previews(sample: CaseFile) -> None:
    assert sample.check().ok
    with sample._store.read() as s:
        count = s.connection().exec_driver_sql("SELECT count(*) FROM thumbnails").scalar()
    assert count == 2 * sample.photos.count()


# -- the situations of issue 17, one test each ---------------------------------------------


def _claim(s: Session, starts: str) -> Claim:
    return s.scalars(select(Claim).where(Claim.statement.startswith(starts))).one()


def _source(s: Session, name: str) -> Source:
    return s.scalars(select(Source).where(Source.name == name)).one()


def _anchored_statements(sample: CaseFile) -> set[str]:
    [draft] = sample.drafts.page()
    text = DraftText.parse(sample.drafts.get(draft.uuid).body)
    return {sample.claims.get(a.claim).statement for a in text.anchors}


def test_two_quotes_from_one_speaker_support_one_claim(sample: CaseFile) -> None:
    with sample._store.read() as s:
        claim = _claim(s, "Several timber yards near Khabarovsk")
        quotes = [e.quote for e in claim.evidence
                  if e.quote is not None and e.relation is Relation.SUPPORTS]
        assert len(quotes) == 2 and len({q.uuid for q in quotes}) == 2
        assert {q.speaker.name for q in quotes if q.speaker} == {"Yuri Petrov"}
        assert {q.interview.uuid for q in quotes} == {quotes[0].interview.uuid}
        # One person, so still one source: the claim needs a second one.
        assert claim.status is ClaimStatus.NEEDS_SECOND_SOURCE
        statement = claim.statement
    assert statement in _anchored_statements(sample)


def test_a_role_written_as_a_description(sample: CaseFile) -> None:
    with sample._store.read() as s:
        driver = _source(s, "Nikolai Zhuravlev")
        assert driver.kind is SourceKind.PERSON
        assert driver.ground_rules is GroundRules.ON_RECORD
        assert driver.role_title == "has driven a truck across the border since 2011"
        assert driver.role_form is RoleForm.AUTO  # read from how the role is written
        quoted_on = [e.claim.statement for q in s.scalars(select(Quote))
                     if q.speaker is driver for e in _links_to_quote(s, q)]
    assert quoted_on and set(quoted_on) <= _anchored_statements(sample)


def _links_to_quote(s: Session, quote: Quote) -> list[EvidenceLink]:
    return list(s.scalars(select(EvidenceLink).where(EvidenceLink.quote_id == quote.id)))


def test_a_publisher_linked_only_as_a_source_record(sample: CaseFile) -> None:
    docs = [d for d in sample.documents.page() if d.kind is DocumentKind.LETTER]
    assert len(docs) == 1
    with sample._store.read() as s:
        letter = sample.documents._load(s, docs[0].uuid)
        assert letter.publisher == ""
        assert letter.publisher_source is not None
        assert letter.publisher_source.name == "Far Eastern Customs Directorate"
        assert letter.publisher_source.ground_rules is GroundRules.ON_RECORD
        cited_on = {e.claim.statement for ex in letter.excerpts
                    for e in _links_to_excerpt(s, ex.id)}
    assert cited_on & _anchored_statements(sample)


def _links_to_excerpt(s: Session, excerpt_id: int) -> list[EvidenceLink]:
    return list(s.scalars(select(EvidenceLink).where(EvidenceLink.excerpt_id == excerpt_id)))


def test_an_organisation_without_an_article_and_a_combined_no_response_sentence(
        sample: CaseFile) -> None:
    by_name = {r.source.name: r for r in sample.requests.page()}
    subsidiary, bank = by_name["Harbin Senlin Trading subsidiary"], by_name["Amur Commerce Bank"]
    assert subsidiary.status is bank.status is RequestStatus.NO_RESPONSE
    with sample._store.read() as s:
        org = _source(s, "Harbin Senlin Trading subsidiary")
        assert org.kind is SourceKind.ORGANISATION and org.article is Article.THE
        assert not org.name.lower().startswith(("the ", "a ", "an "))
        assert _source(s, "Amur Commerce Bank").article is Article.AUTO
    [draft] = sample.drafts.page()
    text = DraftText.parse(sample.drafts.get(draft.uuid).body)
    sentence = ("Amur Commerce Bank and the Harbin Senlin Trading subsidiary did not respond "
                "to requests for comment.")
    at = text.text.index(sentence)
    assert not any(a.start < at + len(sentence) and a.end > at for a in text.anchors)
    # The two requests concern claims the draft anchors, so both belong to its appendix.
    anchored = _anchored_statements(sample)
    with sample._store.read() as s:
        for request in (subsidiary, bank):
            claims = sample.requests._load(s, request.uuid).claims
            assert {c.statement for c in claims} & anchored


def test_an_uncredited_photo_on_a_claim_that_needs_a_second_source(sample: CaseFile) -> None:
    with sample._store.read() as s:
        uncredited = [p for p in s.scalars(select(Photo))
                      if p.credit_member is None and p.credit_source is None]
        assert len(uncredited) == 1
        [photo] = uncredited
        exif = Image.open(io.BytesIO(sample.blobs.read(photo.blob.sha256))).getexif()
        assert not exif.get_ifd(0x8825) and photo.gps_lat is None  # forwarded: no metadata
        claim = _claim(s, "Trucks bound for Russia wait for days")
        assert claim.status is ClaimStatus.NEEDS_SECOND_SOURCE
        supporting = [e for e in claim.evidence if e.relation is Relation.SUPPORTS]
        assert {e.photo.uuid for e in supporting if e.photo} == {photo.uuid}
        people = {e.quote.speaker.name for e in supporting if e.quote and e.quote.speaker}
        assert people == {"Nikolai Zhuravlev"}  # one person and a photo: not two sources
        statement = claim.statement
    assert statement in _anchored_statements(sample)
    summary = dict((c.statement, sm) for c, sm in sample.claims.summaries())[statement]
    assert summary.weak  # the photo does not clear "needs a second source"


def test_a_claim_linked_to_a_whole_interview_with_no_quote(sample: CaseFile) -> None:
    with sample._store.read() as s:
        claim = _claim(s, "Car-parts prices in Khabarovsk")
        [link] = claim.evidence
        assert link.interview is not None and link.relation is Relation.SUPPORTS
        assert link.interview.interviewees[0].name == "Dmitri Kovalenko"
        assert claim.status is ClaimStatus.SUPPORTED
        statement = claim.statement
    assert statement in _anchored_statements(sample)
    summary = dict((c.statement, sm) for c, sm in sample.claims.summaries())[statement]
    assert summary.weak  # a whole record, no passage marked, is weaker evidence


def test_a_cleaned_up_quote_whose_published_wording_is_accepted_and_quoted(
        sample: CaseFile) -> None:
    with sample._store.read() as s:
        cleaned = [q for q in s.scalars(select(Quote)) if q.published_text]
        assert len(cleaned) == 1
        [quote] = cleaned
        assert quote.matches_transcript
        assert quote.text.startswith("We are — we are standing")  # the false start
        assert quote.published_text.startswith("We're standing")  # dropped, and contracted
        assert quote.published_accepted == quote.published_text
        assert quote.interview.language == "en" and not quote.translation
        published = quote.published_text
    body = DraftText.parse(sample.drafts.get(sample.drafts.page()[0].uuid).body).text
    # The draft quotes the published wording (with a typographic apostrophe), never the
    # transcript's.
    assert published.replace("'", "’").rstrip(".") in body
    assert "We are — we are" not in body
    [draft] = sample.drafts.page()
    kinds = {f.kind for f in sample.drafts.check(draft.uuid)}
    assert "quote_differs" not in kinds and "quote_unmatched" not in kinds


def test_a_un_resolution_cited_as_an_excerpt(sample: CaseFile) -> None:
    [resolution] = [d for d in sample.documents.page() if d.kind is DocumentKind.LEGISLATION]
    assert resolution.publisher == "United Nations Security Council"
    assert resolution.identifier == "S/RES/2397 (2017)" and resolution.issued == "2017-12-22"
    with sample._store.read() as s:
        doc = sample.documents._load(s, resolution.uuid)
        [excerpt] = doc.excerpts
        assert excerpt.locator == "paragraph 7" and excerpt.text
        claims = {e.claim.statement for e in _links_to_excerpt(s, excerpt.id)
                  if e.relation is Relation.SUPPORTS}
    assert claims and claims <= _anchored_statements(sample)


def test_the_draft_has_a_publication_date_and_what_a_tagline_needs(sample: CaseFile) -> None:
    [draft] = sample.drafts.page()
    draft = sample.drafts.get(draft.uuid)
    assert draft.published_on == date(2026, 11, 28)
    assert draft.contributor_line == ("Ilya Sorokin contributed reporting from Vladivostok, "
                                      "and Kim Soo-jin from Seoul.")
    assert draft.author_tagline == ""  # generated, not typed
    for member in sample.team.byline():
        assert member.role is TeamRole.REPORTER and member.base_city
        assert member.outlet or sample.house_style().to_dict().get("outlet")
    with sample._store.read() as s:
        tagline = author_tagline(sample.drafts._load(s, draft.uuid), sample.house_style())
    assert "Maria Lindqvist" in tagline and "The Northern Ledger" in tagline


def test_the_new_situations_keep_the_two_deliberate_blocking_findings(
        sample: CaseFile) -> None:
    [draft] = sample.drafts.page()
    findings = sample.drafts.check(draft.uuid)
    blocking = sorted(f.kind for f in findings if f.blocking)
    assert blocking == ["claim_contradicted", "claim_off_record_only"]


# -- the sample reads like a published story (a copy editor's reading) ----------------------

_QUOTATION = re.compile(r"“[^”]*”")


def _draft_text(sample: CaseFile) -> DraftText:
    [draft] = sample.drafts.page()
    return DraftText.parse(sample.drafts.get(draft.uuid).body)


def _paragraph_of(text: str, at: int) -> str:
    start = text.rfind("\n\n", 0, at) + 2 if "\n\n" in text[:at] else 0
    end = text.find("\n\n", at)
    return text[start:end if end >= 0 else len(text)]


def _who(link: EvidenceLink) -> list[str]:
    """Words a sentence resting on this evidence must carry to say who stands behind it."""
    if link.quote is not None and link.quote.speaker is not None:
        speaker = link.quote.speaker
        if speaker.ground_rules is not GroundRules.ON_RECORD:
            return [" ".join(speaker.attribution_phrase.split()[:3])]  # "a customs broker"
        return [speaker.name.split()[-1]]
    if link.interview is not None:
        return [p.name.split()[-1] for p in link.interview.interviewees]
    if link.excerpt is not None:
        publisher = link.excerpt.document.publisher_source
        name = publisher.name if publisher else link.excerpt.document.publisher
        return [w for w in name.split() if len(w) > 4]  # "Customs", "Security Council"
    return []


def test_every_anchor_is_said_by_whoever_supports_its_claim(sample: CaseFile) -> None:
    """The paragraph carrying an anchor names the person or body its claim rests on — the
    broker's inspections in the broker's sentence, Ms. Shvets's wait in hers."""
    text = _draft_text(sample)
    with sample._store.read() as s:
        for anchor in text.anchors:
            claim = s.scalars(select(Claim).where(Claim.uuid == anchor.claim)).one()
            paragraph = _paragraph_of(text.text, anchor.start).casefold()
            for link in claim.evidence:
                if link.relation is not Relation.SUPPORTS or link.photo is not None:
                    continue
                words = _who(link)
                assert any(w.casefold() in paragraph for w in words), (claim.statement, words)
        wait = _claim(s, "Trucks carrying vegetables for Ms. Shvets")
        assert {e.quote.speaker.name for e in wait.evidence if e.quote} == {"Galina Shvets"}
        inspect = _claim(s, "Trucks now wait for extra inspections")
        [by] = {e.quote.speaker for e in inspect.evidence if e.quote}
        assert by.ground_rules is GroundRules.CONFIDENTIAL
        ids = {wait.uuid: "wait", inspect.uuid: "inspect"}
    words = {ids[a.claim]: text.anchor_text(a) for a in text.anchors if a.claim in ids}
    assert words["wait"] == "her trucks have waited up to six days to cross"
    [sentence] = [text.text[a:b].strip() for a, b in sentences(text.text)
                  if words["inspect"] in text.text[a:b]]
    assert sentence.startswith("A customs broker in Blagoveshchensk")


def test_the_pepper_prices_are_ms_shvetss_and_name_the_market(sample: CaseFile) -> None:
    text = _draft_text(sample)
    [anchor] = [a for a in text.anchors if "180 rubles" in text.anchor_text(a)]
    paragraph = _paragraph_of(text.text, anchor.start)
    assert "Central Market in Blagoveshchensk" in paragraph and "Ms. Shvets said" in paragraph
    with sample._store.read() as s:
        claim = s.scalars(select(Claim).where(Claim.uuid == anchor.claim)).one()
        assert claim.status is ClaimStatus.SUPPORTED
        [quote] = [e.quote for e in claim.evidence
                   if e.quote is not None and e.relation is Relation.SUPPORTS]
        assert quote.speaker.name == "Galina Shvets" and quote.matches_transcript
        assert "Центральном рынке" in quote.text and "за килограмм" in quote.text
        assert all(w in quote.translation for w in ("180", "260", "kilogram", "last year"))
    summary = dict((c.uuid, sm) for c, sm in sample.claims.summaries())[anchor.claim]
    assert not summary.weak


def test_the_dates_agree_with_what_the_story_says(sample: CaseFile) -> None:
    """Published Nov. 28: "did not immediately respond" only after the deadline passed."""
    [draft] = sample.drafts.page()
    published = sample.drafts.get(draft.uuid).published_on
    assert published is not None
    body = _draft_text(sample).text
    for request in sample.requests.page():
        assert request.asked_at.date() < published
        assert request.deadline is not None and request.deadline.date() < published
        if request.status is RequestStatus.PENDING:
            assert f"{request.source.name} did not immediately respond" in body
    assert all(iv.held_at.date() < published for iv in sample.interviews.page())


def test_first_references_the_dek_and_house_style(sample: CaseFile) -> None:
    """AP style in everything the reporter wrote (quotes keep the speaker's words)."""
    [draft] = sample.drafts.page()
    draft = sample.drafts.get(draft.uuid)
    body = _draft_text(sample).text
    assert "according to the National Statistics Service" in body
    first = body.index("Customs Directorate")
    assert body[first - len("The Far Eastern "):first] == "The Far Eastern "
    assert "customs directorate" not in body[:first].casefold()
    assert "for days" in draft.dek and "weeks" not in draft.dek
    assert "Customs officials say clearance times are within legal limits" in draft.dek
    captions = [p.caption for p in sample.photos.page(limit=50)]
    statements = [c.statement for c in sample.claims.page(limit=100)]
    prose = [_QUOTATION.sub("", body), draft.dek, *captions, *statements]
    for text in prose:
        assert "'" not in text, text  # curly apostrophes: "Russia’s", "Mr. Petrov’s"
        for word in ("roubles", "licence", "autumn", "Amur river", "twelve", "forty",
                     "per cent", "central market"):
            assert word not in text, (word, text)
        assert not re.search(r"(?<![\d,.])[1-9](?![\d,.])", text.replace("2397", "")), text
    assert "Amur River" in body and "12 years" in body and "40 trucks" in body
    assert draft.contributor_line.endswith("from Vladivostok, and Kim Soo-jin from Seoul.")
    [petrov] = [p for p in body.split("\n\n") if p.startswith("In Khabarovsk, Yuri Petrov")]
    assert petrov.count("he said") <= 1 and petrov.count("said") <= 2


def test_the_resolution_says_what_the_claim_relies_on(sample: CaseFile) -> None:
    with sample._store.read() as s:
        claim = _claim(s, "A 2017 U.N. Security Council resolution")
        [excerpt] = [e.excerpt for e in claim.evidence
                     if e.excerpt is not None and e.relation is Relation.SUPPORTS]
        words = excerpt.text
        anchored = claim.uuid
    assert words.startswith("Decides that all Member States shall prohibit the direct or "
                            "indirect supply, sale or transfer to the DPRK")
    for needed in ("through their territories", "industrial machinery (HS codes 84 and 85)",
                   "transportation vehicles (HS codes 86 through 89)"):
        assert needed in words
    text = _draft_text(sample)
    [anchor] = [a for a in text.anchors if a.claim == anchored]
    paragraph = _paragraph_of(text.text, anchor.start)
    # The reporter's own sentence, apart from what the directorate said, saying why it matters.
    assert paragraph.startswith(text.anchor_text(anchor)) and "transit" in paragraph
    assert "said" not in paragraph and "Directorate" not in paragraph


def test_a_relayed_remark_is_context_not_a_second_source(sample: CaseFile) -> None:
    """Mr. Petrov passing on what his Harbin buyer said is not a voice for the yuan claim."""
    with sample._store.read() as s:
        claim = _claim(s, "Banks in the region have stopped processing yuan")
        relation = {e.quote.text: e.relation for e in claim.evidence if e.quote is not None}
        relayed = next(t for t in relation if t.startswith("he said he wants to pay"))
        assert relation[relayed] is Relation.CONTEXT
        speakers = {e.quote.speaker.name for e in claim.evidence
                    if e.quote is not None and e.relation is Relation.SUPPORTS}
        assert speakers == {"Dmitri Kovalenko"}
        statement = claim.statement
    summary = dict((c.statement, sm) for c, sm in sample.claims.summaries())[statement]
    assert summary.independent_sources == 1 and "contradicted" in summary.weaknesses
    assert "Yuri Petrov" not in sample.claims.attribution(summary.claim).text
