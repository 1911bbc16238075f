"""Claims and evidence: support summaries, attributions, request sentences, drift."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from casefile import CaseFile, ValidationError
from casefile.claims.style import HouseStyle
from tests.conftest import jpeg_bytes

TZ = UTC


@pytest.fixture
def world(case: CaseFile) -> dict:
    """Sources under every ground rule, with an interview and a quote from each."""
    s = {}
    s["petrov"] = case.sources.create(name="Yuri Petrov", role_title="owner of a timber yard",
                                      location="Khabarovsk", short_name="Mr. Petrov")
    s["shvets"] = case.sources.create(name="Galina Shvets", role_title="vegetable wholesaler",
                                      location="Blagoveshchensk", short_name="Ms. Shvets")
    s["broker"] = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                      attribution_phrase="a customs broker in Blagoveshchensk")
    s["banker"] = case.sources.create(name="Inna Volkova", ground_rules="background",
                                      attribution_phrase="a banker in the region")
    s["deep"] = case.sources.create(name="Oleg Deep", ground_rules="deep_background")
    s["offrec"] = case.sources.create(name="Pavel Off", ground_rules="off_record")
    s["stats"] = case.sources.create(name="National Statistics Service", kind="official_body",
                                     short_name="the statistics service")
    q = {}
    for key, rules in [("petrov", "on_record"), ("shvets", "on_record"),
                       ("broker", "confidential"), ("banker", "background"),
                       ("deep", "deep_background"), ("offrec", "off_record")]:
        text = f"{key} says exports collapsed. {key} says trucks wait."
        iv = case.interviews.create(title=key, transcript=text, ground_rules=rules,
                                    interviewees=[s[key].uuid])
        q[key] = case.quotes.mark(iv.uuid, 0, text.index(".") + 1, speaker=s[key].uuid)
        q[key + "2"] = case.quotes.mark(iv.uuid, text.index(".") + 2, len(text),
                                        speaker=s[key].uuid)
    doc = case.documents.create(title="Foreign trade, Q3", kind="statistics",
                                publisher="National Statistics Service",
                                publisher_source=s["stats"].uuid)
    q["excerpt"] = case.excerpts.create(document=doc.uuid, text="Exports fell 38.0 per cent.")
    news = case.documents.create(title="Bridge traffic thins", kind="news_article",
                                 container_title="Amur Courier", publisher="Amur Courier")
    q["news"] = case.excerpts.create(document=news.uuid, text="Traffic thinned.")
    return {"s": s, "q": q, "doc": doc}


def claim_with(case: CaseFile, evidence: list[tuple[str, object, str]],
               status: str = "supported") -> object:
    claim = case.claims.create(statement="Exports collapsed.", status=status)
    for kind, target, relation in evidence:
        case.evidence.create(claim=claim.uuid, relation=relation, **{kind: target.uuid})
    return claim


def test_two_quotes_from_one_source_count_once(case: CaseFile, world) -> None:
    q = world["q"]
    claim = claim_with(case, [("quote", q["petrov"], "supports"),
                              ("quote", q["petrov2"], "supports")], "needs_second_source")
    summary = case.claims.summary(claim.uuid)
    assert (summary.supporting, summary.independent_sources) == (2, 1)
    assert summary.weaknesses == ("single_source",)
    case.evidence.create(claim=claim.uuid, quote=q["shvets"].uuid)
    assert case.claims.summary(claim.uuid).independent_sources == 2
    assert not case.claims.summary(claim.uuid).weak


def test_a_document_and_its_publisher_are_one_source(case: CaseFile, world) -> None:
    stats_iv = case.interviews.create(title="Press office", transcript="Exports fell sharply.",
                                      interviewees=[world["s"]["stats"].uuid])
    spokesman = case.quotes.mark(stats_iv.uuid, 0, 21, speaker=world["s"]["stats"].uuid)
    claim = claim_with(case, [("excerpt", world["q"]["excerpt"], "supports"),
                              ("quote", spokesman, "supports"),
                              ("document", world["doc"], "supports")])
    assert case.claims.summary(claim.uuid).independent_sources == 1


def test_contradiction_and_unsupported(case: CaseFile, world) -> None:
    q = world["q"]
    contradicted = claim_with(case, [("quote", q["petrov"], "supports"),
                                     ("quote", q["shvets"], "contradicts"),
                                     ("excerpt", q["news"], "context")])
    summary = case.claims.summary(contradicted.uuid)
    assert summary.contradicting == 1 and "contradicted" in summary.weaknesses
    assert "contradicted by 1" in summary.describe()
    empty = claim_with(case, [("excerpt", q["news"], "context")])
    assert case.claims.summary(empty.uuid).weaknesses == ("unsupported",)
    refuted = claim_with(case, [("quote", q["petrov"], "supports")], "refuted")
    assert case.claims.summary(refuted.uuid).weaknesses == ("refuted",)


def test_ground_rules_decide_what_is_usable_in_print(case: CaseFile, world) -> None:
    q = world["q"]
    off = claim_with(case, [("quote", q["offrec"], "supports")])
    summary = case.claims.summary(off.uuid)
    assert summary.weaknesses == ("off_record_only",) and not summary.usable_in_print
    mixed = claim_with(case, [("quote", q["offrec"], "supports"),
                              ("quote", q["broker"], "supports")])
    summary = case.claims.summary(mixed.uuid)
    assert not summary.weak and not summary.usable_in_print
    assert summary.independent_sources == 1  # only the usable one counts
    protected = claim_with(case, [("quote", q["broker"], "supports"),
                                  ("quote", q["banker"], "supports")])
    assert case.claims.summary(protected.uuid).usable_in_print
    deep = claim_with(case, [("quote", q["deep"], "supports")])
    assert not case.claims.summary(deep.uuid).usable_in_print


def test_quote_override_of_ground_rules(case: CaseFile, world) -> None:
    q = world["q"]
    case.quotes.update(q["petrov2"].uuid, ground_rules="off_record")
    claim = claim_with(case, [("quote", q["petrov2"], "supports")])
    assert case.claims.summary(claim.uuid).weaknesses == ("off_record_only",)


def test_trashed_evidence_does_not_count(case: CaseFile, world) -> None:
    photo = case.photos.add(jpeg_bytes(), "p.jpg")
    claim = claim_with(case, [("photo", photo, "supports")])
    assert case.claims.summary(claim.uuid).supporting == 1
    case.trash.delete(case.photos.get(photo.uuid), cascade=True)
    assert case.claims.summary(claim.uuid).weaknesses == ("unsupported",)


def test_weak_claims_are_listed(case: CaseFile, world) -> None:
    claim_with(case, [("quote", world["q"]["petrov"], "supports")])
    weak = claim_with(case, [("quote", world["q"]["offrec"], "supports")])
    listed = case.claims.summaries(weak_only=True)
    assert [c.uuid for c, _s in listed] == [weak.uuid]
    assert len(case.claims.summaries()) == 2


# -- attribution ------------------------------------------------------------------------

def test_first_and_later_references(case: CaseFile, world) -> None:
    claim = claim_with(case, [("quote", world["q"]["petrov"], "supports")])
    seen: set[str] = set()
    first = case.claims.attribution(claim.uuid, seen)
    later = case.claims.attribution(claim.uuid, seen)
    assert first.text == "according to Yuri Petrov, owner of a timber yard in Khabarovsk"
    assert later.text == "according to Mr. Petrov"
    assert later.said == "Mr. Petrov"


def test_courtesy_titles_off(case: CaseFile, world) -> None:
    case.set_house_style(HouseStyle(courtesy_titles=False, verb="says", date_style="uk"))
    claim = claim_with(case, [("quote", world["q"]["petrov"], "supports")])
    seen = {f"source:{world['s']['petrov'].uuid}"}
    assert case.claims.attribution(claim.uuid, seen).text == "according to Petrov"
    assert case.house_style().date(datetime(2026, 11, 12)) == "12 Nov 2026"
    assert HouseStyle().date(datetime(2026, 9, 3)) == "Sept. 3, 2026"
    with pytest.raises(ValidationError):
        HouseStyle(verb="whispered")


@pytest.mark.parametrize(("key", "expected"), [
    ("broker", "according to a customs broker in Blagoveshchensk"),
    ("banker", "according to a banker in the region"),
    ("deep", ""),
    ("offrec", ""),
])
def test_each_ground_rule(case: CaseFile, world, key: str, expected: str) -> None:
    claim = claim_with(case, [("quote", world["q"][key], "supports")])
    attribution = case.claims.attribution(claim.uuid)
    assert attribution.text == expected
    assert world["s"][key].name not in attribution.text
    if not expected:
        assert attribution.unattributable


def test_documents_and_multiple_sources(case: CaseFile, world) -> None:
    q = world["q"]
    claim = claim_with(case, [("excerpt", q["excerpt"], "supports"),
                              ("excerpt", q["news"], "supports"),
                              ("quote", q["shvets"], "supports"),
                              ("quote", q["offrec"], "supports")])
    seen: set[str] = set()
    text = case.claims.attribution(claim.uuid, seen).text
    # Outlet names are used as stored ("The New York Times" carries its own article).
    assert text == ("according to data from the National Statistics Service, a report in "
                    "Amur Courier and Galina Shvets, vegetable wholesaler in Blagoveshchensk")
    assert "Pavel Off" not in text
    again = case.claims.attribution(claim.uuid, seen).text
    assert again == ("according to data from the statistics service, a report in Amur "
                     "Courier and Ms. Shvets")


def test_override_is_kept(case: CaseFile, world) -> None:
    claim = claim_with(case, [("quote", world["q"]["petrov"], "supports")])
    case.claims.update(claim.uuid, attribution_override="timber traders in Khabarovsk say")
    attribution = case.claims.attribution(claim.uuid)
    assert attribution.overridden and attribution.text == "timber traders in Khabarovsk say"
    case.claims.update(claim.uuid, statement="Exports collapsed badly.")
    assert case.claims.attribution(claim.uuid).text == "timber traders in Khabarovsk say"


# -- requests for comment ---------------------------------------------------------------

def test_request_sentences(case: CaseFile) -> None:
    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    embassy = case.sources.create(name="Embassy of China in Moscow", kind="organisation")
    customs = case.sources.create(name="Far Eastern Customs Directorate", kind="official_body")
    person = case.sources.create(name="Igor Sidorov")

    def sentence(source, status, answer=""):
        r = case.requests.create(source=source.uuid, status=status, answer_text=answer,
                                 asked_at=datetime(2026, 11, 1, 9, 0, tzinfo=TZ))
        return case.requests.sentence(r.uuid)

    assert sentence(bank, "no_response") == \
        "Amur Commerce Bank did not respond to requests for comment."
    assert sentence(embassy, "pending") == ("The Embassy of China in Moscow did not "
                                            "immediately respond to a request for comment.")
    assert sentence(person, "declined") == "Igor Sidorov declined to comment."
    assert sentence(customs, "answered", "Clearance is carried out within legal limits.") == (
        "“Clearance is carried out within legal limits,” the Far Eastern Customs Directorate "
        "said in a statement.")
    case.set_house_style(HouseStyle(verb="says"))
    assert sentence(embassy, "pending") == ("The Embassy of China in Moscow has not yet "
                                            "responded to a request for comment.")
    assert [r.source.name for r in case.requests.pending()] == [
        "Embassy of China in Moscow", "Embassy of China in Moscow"]


# -- transcript drift -------------------------------------------------------------------

def test_drifted_quote_can_be_reanchored_explicitly(case: CaseFile) -> None:
    iv = case.interviews.create(title="P", transcript="Intro. We shipped forty trucks.")
    quote = case.quotes.mark(iv.uuid, 7, 31)
    case.interviews.update(iv.uuid, transcript="A longer intro. We shipped forty trucks.")
    assert [q.uuid for q in case.interviews.drifted_quotes(iv.uuid)] == [quote.uuid]
    assert case.quotes.suggest_span(quote.uuid) == (16, 40)
    case.quotes.reanchor(quote.uuid)
    assert case.interviews.drifted_quotes(iv.uuid) == []
    case.interviews.update(iv.uuid, transcript="We shipped fifty trucks.")
    assert case.quotes.suggest_span(quote.uuid) is None
    with pytest.raises(ValidationError, match="no longer in the transcript"):
        case.quotes.reanchor(quote.uuid)


def test_briefs_read_many_claims_at_once(sample: CaseFile) -> None:
    import uuid as uuid_module

    claims = sample.claims.page(limit=3)
    gone = uuid_module.UUID(int=5)
    briefs = sample.claims.briefs([c.uuid for c in claims] + [gone])
    assert set(briefs) == {c.uuid for c in claims}  # a missing claim is simply left out
    for c in claims:
        brief = briefs[c.uuid]
        assert brief.statement == c.statement and brief.status == c.status.value
        assert brief.summary == sample.claims.summary(c.uuid)
        assert brief.attribution == sample.claims.attribution(c.uuid).text
