"""The sample case has the shape of a real foreign-correspondent story."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from casefile import CaseFile
from casefile.models import (
    ClaimStatus,
    DocumentKind,
    GroundRules,
    Interview,
    Photo,
    RequestStatus,
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
    assert len(interviews) == 4
    cities = {iv.place_name.split(",")[0] for iv in interviews}
    assert cities == {"Khabarovsk", "Blagoveshchensk"}
    assert all(len(iv.transcript.split()) >= 200 for iv in interviews)
    russian = [iv for iv in interviews if iv.language == "ru"]
    assert len(russian) == 1
    quotes = sample.quotes.page(limit=100)
    assert len(quotes) >= 6
    with sample.store.read() as s:
        for q in quotes:
            loaded = sample.quotes.load(s, q.uuid)
            assert loaded.matches_transcript
            if loaded.interview.language == "ru":
                assert loaded.translation
    assert all(iv.held_at and iv.held_at.utcoffset() for iv in interviews)


def test_documents_photos_claims_requests_draft(sample: CaseFile) -> None:
    kinds = {d.kind for d in sample.documents.page()}
    assert {DocumentKind.STATISTICS, DocumentKind.DATASET, DocumentKind.NEWS_ARTICLE} <= kinds
    assert sample.excerpts.count() >= 3
    with sample.store.read() as s:
        photos = list(s.scalars(select(Photo)))
        assert len(photos) == 4
        for p in photos:
            exif = Image.open(io.BytesIO(sample.blobs.read(p.blob.sha256))).getexif()
            gps = exif.get_ifd(0x8825)
            assert gps[1] == "N" and gps[3] == "E"
            assert p.caption and p.credit_member is not None
        assert all(iv.interviewees for iv in s.scalars(select(Interview)))
    statuses = {c.status for c in sample.claims.page(limit=100)}
    assert sample.claims.count() == 10
    assert {ClaimStatus.SUPPORTED, ClaimStatus.UNVERIFIED, ClaimStatus.DISPUTED,
            ClaimStatus.NEEDS_SECOND_SOURCE} <= statuses
    for claim in sample.claims.page(limit=100):
        assert sample.evidence.for_claim(claim.uuid), claim.statement
    requests = sample.requests.page()
    assert len(requests) == 3
    unanswered = {RequestStatus.NO_RESPONSE, RequestStatus.PENDING}
    assert len([r for r in requests if r.status in unanswered]) == 2
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
    with sample.store.read() as s:
        count = s.connection().exec_driver_sql("SELECT count(*) FROM thumbnails").scalar()
    assert count == 2 * sample.photos.count()
