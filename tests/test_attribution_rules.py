"""Attributions and right-of-reply sentences as a copy editor reads them (issue 17): one
person is one attribution, role forms, articles, joined requests for comment, documents and
legal instruments named as the footnote names them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.claims.attribution import (
    document_reference,
    join_list,
    request_sentence,
    request_sentences,
    request_target,
    with_article,
)
from casefile.claims.names import FINITE_VERBS, publisher_name
from casefile.claims.style import HouseStyle
from casefile.claims.support import CitedDocument
from casefile.models import Article, CommentRequest, Source

STYLES = [HouseStyle(courtesy_titles=c, verb=v, date_style=d)
          for c, v, d in itertools.product((True, False), ("said", "says"), ("us", "uk", "iso"))]
SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    """One case for the module's many small claims (a case per example would be slow)."""
    c = CaseFile.create(tmp_path_factory.mktemp("attr") / "a.casefile", title="A",
                        actor="tester")
    yield c
    c.close()


def _source(case: CaseFile, **fields: Any) -> Source:
    return case.sources.get(case.sources.create(**fields).uuid)


def _interview(case: CaseFile, source: Source, sentences: int = 3) -> tuple[Any, list[Any]]:
    """An interview with `source` and one quote per sentence of its transcript."""
    parts = [f"Sentence number {i} about trucks." for i in range(sentences)]
    text = " ".join(parts)
    iv = case.interviews.create(title=source.name, transcript=text, interviewees=[source.uuid])
    quotes, at = [], 0
    for part in parts:
        quotes.append(case.quotes.mark(iv.uuid, at, at + len(part), speaker=source.uuid))
        at += len(part) + 1
    return iv, quotes


def _claim(case: CaseFile, **targets: list[Any]) -> Any:
    claim = case.claims.create(statement="Trucks wait for days.")
    for kind, items in targets.items():
        for item in items:
            case.evidence.create(claim=claim.uuid, **{kind: item.uuid})
    return claim


def _requests(case: CaseFile, uuids: list[Any]) -> list[CommentRequest]:
    """The requests, loaded with their sources, in the order given."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    with case._store.read() as s:
        rows = {r.uuid: r for r in s.scalars(select(CommentRequest).where(
            CommentRequest.uuid.in_(uuids)).options(selectinload(CommentRequest.source)))}
    return [rows[u] for u in uuids]


# -- 1. one person is one attribution --------------------------------------------------------

@SLOW
@given(quotes=st.integers(1, 3), with_interview=st.booleans(), interview_first=st.booleans())
def test_one_speaker_is_named_once_whatever_the_number_of_quotes(
        shop: CaseFile, quotes: int, with_interview: bool, interview_first: bool) -> None:
    kim = _source(shop, name="Anna Kim", role_title="runs a bakery in Tver",
                  short_name="Ms. Kim")
    iv, marked = _interview(shop, kim)
    evidence = marked[:quotes]
    claim = shop.claims.create(statement="Bread costs more.")
    order = ([iv] if with_interview and interview_first else []) + evidence + (
        [iv] if with_interview and not interview_first else [])
    for target in order:
        kind = "interview" if target is iv else "quote"
        shop.evidence.create(claim=claim.uuid, **{kind: target.uuid})
    seen: set[str] = set()
    first = shop.claims.attribution(claim.uuid, seen)
    assert first.text == "according to Anna Kim, who runs a bakery in Tver"
    assert first.references == ("Anna Kim, who runs a bakery in Tver",)
    # Second reference across claims still works: the next claim says "Ms. Kim", once.
    assert shop.claims.attribution(claim.uuid, seen).text == "according to Ms. Kim"


def test_two_people_and_the_same_body_as_publisher_and_speaker(shop: CaseFile) -> None:
    petrov = _source(shop, name="Yuri Petrov", role_title="owner of a timber yard",
                     location="Khabarovsk", short_name="Mr. Petrov")
    customs = _source(shop, name="Far Eastern Customs Directorate", kind="official_body",
                      short_name="the directorate")
    spokesman = _source(shop, name="Ivan Orlov", role_title="spokesman",
                        affiliation="Far Eastern Customs Directorate", short_name="Mr. Orlov")
    _iv, petrov_quotes = _interview(shop, petrov)
    _iv, customs_quotes = _interview(shop, customs)
    _iv, orlov_quotes = _interview(shop, spokesman)
    stats = shop.documents.create(title="Clearance times", kind="statistics",
                                  publisher_source=customs.uuid)
    # The directorate's data and the directorate's own quote: one body, one attribution.
    claim = _claim(shop, document=[stats], quote=[customs_quotes[0], petrov_quotes[0],
                                                  petrov_quotes[1]])
    assert shop.claims.attribution(claim.uuid).text == (
        "according to data from the Far Eastern Customs Directorate and Yuri Petrov, owner "
        "of a timber yard in Khabarovsk")
    # A spokesman is his own record: he is named beside the body he speaks for.
    claim = _claim(shop, document=[stats], quote=[orlov_quotes[0], orlov_quotes[1]])
    assert shop.claims.attribution(claim.uuid).text == (
        "according to data from the Far Eastern Customs Directorate and Ivan Orlov, "
        "spokesman at the Far Eastern Customs Directorate")


def test_a_protected_speaker_twice_is_one_phrase(shop: CaseFile) -> None:
    broker = _source(shop, name="Artyom Belov", ground_rules="confidential",
                     attribution_phrase="a customs broker in Blagoveshchensk")
    _iv, quotes = _interview(shop, broker)
    claim = _claim(shop, quote=quotes)
    text = shop.claims.attribution(claim.uuid).text
    assert text == "according to a customs broker in Blagoveshchensk"
    assert "Belov" not in text


# -- 2. role forms -----------------------------------------------------------------------------

ROLES = [
    # (role as typed, location, affiliation, first reference)
    ("owner of a timber yard", "Khabarovsk", "", "Yuri Petrov, owner of a timber yard in "
                                                  "Khabarovsk"),
    ("runs a bakery in Tver", "Tver", "", "Yuri Petrov, who runs a bakery in Tver"),
    ("has driven a taxi since 2011", "Khabarovsk", "",
     "Yuri Petrov, who has driven a taxi since 2011"),
    ("owns two shops", "Tver", "", "Yuri Petrov, who owns two shops"),
    ("was a customs broker until 2024", "", "Amur Customs Brokers",
     "Yuri Petrov, who was a customs broker until 2024"),
    ("who trades timber across the river", "Khabarovsk", "",
     "Yuri Petrov, who trades timber across the river"),
    ("Runs a bakery", "", "", "Yuri Petrov, who runs a bakery"),
    ("truck driver since 2011", "Khabarovsk", "", "Yuri Petrov, truck driver since 2011"),
    ("press officer", "", "Far Eastern Customs Directorate",
     "Yuri Petrov, press officer at the Far Eastern Customs Directorate"),
    ("trader in Blagoveshchensk", "Blagoveshchensk, Amur region", "",
     "Yuri Petrov, trader in Blagoveshchensk"),
]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: f"{s.courtesy_titles}-{s.verb}-"
                                                         f"{s.date_style}")
def test_role_forms_under_every_house_style(case: CaseFile, style: HouseStyle) -> None:
    case.set_house_style(style)
    for role, location, affiliation, expected in ROLES:
        person = _source(case, name="Yuri Petrov", role_title=role, location=location,
                         affiliation=affiliation, short_name="Mr. Petrov")
        _iv, quotes = _interview(case, person, 2)
        claim = _claim(case, quote=quotes)
        seen: set[str] = set()
        first = case.claims.attribution(claim.uuid, seen)
        assert first.text == f"according to {expected}"
        # A speech tag closes the role with a comma before the verb.
        assert first.speech_tag(style) == f"{expected}, {style.verb}"
        later = case.claims.attribution(claim.uuid, seen)
        assert later.speech_tag(style) == ("Mr. Petrov " if style.courtesy_titles
                                           else "Petrov ") + style.verb
        # Beside another source, the role is closed by a comma before "and".
        other = _source(case, name="Galina Shvets")
        _iv, more = _interview(case, other, 1)
        both = _claim(case, quote=[quotes[0], more[0]])
        assert case.claims.attribution(both.uuid).text == \
            f"according to {expected}, and Galina Shvets"


@pytest.mark.parametrize("style", STYLES[:2] + STYLES[-2:], ids=str)
def test_explicit_role_forms_and_organisations(case: CaseFile, style: HouseStyle) -> None:
    case.set_house_style(style)

    def first(**fields: Any) -> str:
        source = _source(case, **fields)
        _iv, quotes = _interview(case, source, 1)
        return case.claims.attribution(_claim(case, quote=quotes).uuid).said

    # Set explicitly: a verb the rules do not know, a noun phrase to read as a clause, and
    # a name-like role that merely starts with a verb-like word.
    assert first(name="Anna Kim", role_title="co-manages a depot", role_form="relative") \
        == "Anna Kim, who co-manages a depot,"
    assert first(name="Anna Kim", role_title="a baker in Tver", role_form="relative") \
        == "Anna Kim, who is a baker in Tver,"
    assert first(name="Anna Kim", role_title="Leads Logistics director",
                 role_form="appositive") == "Anna Kim, Leads Logistics director,"
    assert first(name="Amur Timber", kind="organisation",
                 role_title="runs the largest yard in the region") \
        == "Amur Timber, which runs the largest yard in the region,"
    assert first(name="Anna Kim") == "Anna Kim"


@given(verb=st.sampled_from(sorted(FINITE_VERBS)),
       tail=st.text(alphabet="abcdefgh ", min_size=1, max_size=20).map(str.strip)
       .filter(bool), location=st.sampled_from(["", "Tver", "Khabarovsk"]))
@SLOW
def test_a_role_that_starts_with_a_verb_is_a_clause_and_gets_no_place(
        shop: CaseFile, verb: str, tail: str, location: str) -> None:
    person = _source(shop, name="Anna Kim", role_title=f"{verb} {tail}", location=location)
    _iv, quotes = _interview(shop, person, 1)
    said = shop.claims.attribution(_claim(shop, quote=quotes).uuid).said
    assert said == f"Anna Kim, who {verb} {' '.join(tail.split())},"


# -- 3. articles -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("Embassy of Japan", "the Embassy of Japan"),
    ("Sberbank", "Sberbank"),
    ("Acme Trading Corp. subsidiary", "the Acme Trading Corp. subsidiary"),
    ("subsidiary of Acme Trading Corp.", "the subsidiary of Acme Trading Corp."),
    ("The New York Times", "the New York Times"),
    ("The Ministry of Finance", "the Ministry of Finance"),
    ("Gazprom's export arm", "Gazprom's export arm"),
    ("Far Eastern  Customs Directorate", "the Far Eastern Customs Directorate"),
    ("Amur Commerce Bank", "Amur Commerce Bank"),
    ("de Beers", "de Beers"),
])
def test_articles_by_rule(name: str, expected: str) -> None:
    assert with_article(name) == expected
    assert with_article(name, Article.AUTO) == expected


@given(name=st.sampled_from(["Sberbank", "Embassy of Japan", "subsidiary of Acme",
                             "Acme Trading Corp. subsidiary", "Kremlin", "owl sanctuary"]),
       article=st.sampled_from([Article.THE, Article.A, Article.AN, Article.NONE]))
def test_an_explicit_article_wins(name: str, article: Article) -> None:
    expected = name if article is Article.NONE else f"{article.value} {name}"
    assert with_article(name, article) == expected


@pytest.mark.parametrize("style", STYLES, ids=str)
def test_sentences_start_with_a_capital_whatever_the_article(case: CaseFile,
                                                             style: HouseStyle) -> None:
    case.set_house_style(style)
    cases = [("Acme Trading Corp. subsidiary", "auto", "the Acme Trading Corp. subsidiary"),
             ("subsidiary of Acme Trading Corp.", "a", "a subsidiary of Acme Trading Corp."),
             ("Kremlin", "the", "the Kremlin"), ("Embassy of Japan", "none", "Embassy of Japan"),
             ("Sberbank", "auto", "Sberbank")]
    for name, article, inside in cases:
        start = inside[:1].upper() + inside[1:]
        source = _source(case, name=name, kind="organisation", article=article)
        for status in ("no_response", "declined", "pending"):
            r = case.requests.create(source=source.uuid, status=status)
            sentence = case.requests.sentence(r.uuid)
            assert sentence.startswith(start + " ")
            assert sentence.endswith(".") and ".." not in sentence
        r = case.requests.create(source=source.uuid, status="answered",
                                 answer_text="We follow the law.")
        assert case.requests.sentence(r.uuid) == \
            f"“We follow the law,” {inside} {style.verb} in a statement."


# -- 4. requests for comment -------------------------------------------------------------------

def test_requests_with_the_same_outcome_are_one_sentence(case: CaseFile) -> None:
    embassy = _source(case, name="Embassy of Japan", kind="official_body")
    bank = _source(case, name="Sberbank", kind="organisation")
    acme = _source(case, name="Acme Trading Corp. subsidiary", kind="organisation")
    sidorov = _source(case, name="Igor Sidorov")
    broker = _source(case, name="Artyom Belov", ground_rules="confidential",
                     attribution_phrase="a customs broker in Blagoveshchensk, Amur region")
    customs = _source(case, name="Far Eastern Customs Directorate", kind="official_body")
    at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    made = [case.requests.create(source=s.uuid, status=status, asked_at=at,
                                 answer_text=answer).uuid for s, status, answer in [
        (embassy, "no_response", ""), (customs, "answered", "Clearance is lawful."),
        (bank, "no_response", ""), (sidorov, "declined", ""), (broker, "declined", ""),
        (embassy, "no_response", ""), (acme, "no_response", ""),
        (sidorov, "answered", "Why would we comment?")]]
    requests = _requests(case, made)
    assert request_sentences(requests, HouseStyle()) == [
        "The Embassy of Japan, Sberbank and the Acme Trading Corp. subsidiary did not "
        "respond to requests for comment.",
        "“Clearance is lawful,” the Far Eastern Customs Directorate said in a statement.",
        "Igor Sidorov and a customs broker in Blagoveshchensk, Amur region, declined to "
        "comment.",
        "“Why would we comment?” Igor Sidorov said in a statement.",
    ]
    assert [request_target(r, HouseStyle()) for r in requests[:5]] == [
        "Embassy of Japan", "Far Eastern Customs Directorate", "Sberbank", "Igor Sidorov",
        "A customs broker in Blagoveshchensk, Amur region"]
    # One request is still one sentence, as before.
    assert request_sentences(requests[:1], HouseStyle()) == [
        "The Embassy of Japan did not respond to requests for comment."]


@pytest.mark.parametrize("verb", ["said", "says"])
def test_pending_requests_joined_agree_in_number(case: CaseFile, verb: str) -> None:
    a = _source(case, name="Embassy of Japan", kind="official_body")
    b = _source(case, name="Sberbank", kind="organisation")
    requests = _requests(case, [case.requests.create(source=s.uuid).uuid for s in (a, b)])
    style = HouseStyle(verb=verb)
    expected = ("did not immediately respond to requests for comment." if verb == "said"
                else "have not yet responded to requests for comment.")
    assert request_sentences(requests, style) == [f"The Embassy of Japan and Sberbank {expected}"]
    single = ("did not immediately respond to a request for comment." if verb == "said"
              else "has not yet responded to a request for comment.")
    assert request_sentence(requests[1], style) == f"Sberbank {single}"


POOL = [("Embassy of Japan", "official_body", "on_record", ""),
        ("Sberbank", "organisation", "on_record", ""),
        ("Igor Sidorov", "person", "on_record", ""),
        ("Artyom Belov", "person", "confidential", "a customs broker"),
        ("Inna Volkova", "person", "background", "a banker in the region")]


@SLOW
@given(picks=st.lists(st.tuples(st.integers(0, len(POOL) - 1),
                                st.sampled_from(["pending", "answered", "declined",
                                                 "no_response"])), min_size=1, max_size=7),
       style=st.sampled_from(STYLES))
def test_request_sentences_name_everyone_once_and_no_protected_name(
        shop: CaseFile, picks: list[tuple[int, str]], style: HouseStyle) -> None:
    sources = [_source(shop, name=n, kind=k, ground_rules=g, attribution_phrase=p)
               for n, k, g, p in POOL]
    made = [shop.requests.create(source=sources[i].uuid, status=status,
                                 answer_text="We act lawfully.").uuid for i, status in picks]
    sentences = request_sentences(_requests(shop, made), style)
    joined = {status for _i, status in picks if status != "answered"}
    answered = sum(1 for _i, status in picks if status == "answered")
    assert len(sentences) == len(joined) + answered
    text = " ".join(sentences)
    for sentence in sentences:
        assert sentence[:1].isupper() or sentence.startswith("“")
        assert sentence.endswith(".") and ".." not in sentence and ",," not in sentence
    for n, _k, rules, _phrase in POOL:
        if rules != "on_record":
            assert n.split()[-1] not in text
    # Order: the outcomes come in the order their first request does.
    firsts = list(dict.fromkeys(status for _i, status in picks if status != "answered"))
    predicates = {"no_response": ("did not respond",), "declined": ("declined to comment",),
                  "pending": ("immediately respond", "yet responded")}
    positions = [next(i for i, s in enumerate(sentences)
                      if any(p in s for p in predicates[st_]) and not s.startswith("“"))
                 for st_ in firsts]
    assert positions == sorted(positions)


# -- 5. documents and legal instruments --------------------------------------------------------

def test_a_publisher_linked_only_as_a_source_is_named(shop: CaseFile) -> None:
    stats = _source(shop, name="National Statistics Service", kind="official_body",
                    short_name="the statistics service")
    doc = shop.documents.create(title="Foreign trade, Q3", kind="statistics",
                                publisher_source=stats.uuid)
    excerpt = shop.excerpts.create(document=doc.uuid, text="Exports fell 38 per cent.")
    claim = _claim(shop, excerpt=[excerpt])
    seen: set[str] = set()
    assert shop.claims.attribution(claim.uuid, seen).text == \
        "according to data from the National Statistics Service"
    assert shop.claims.attribution(claim.uuid, seen).text == \
        "according to data from the statistics service"
    # The footnote's publisher and the attribution's are the same name.
    assert publisher_name("", shop.sources.get(stats.uuid)) == "National Statistics Service"


def test_a_protected_publisher_is_its_phrase(shop: CaseFile) -> None:
    leaker = _source(shop, name="Secret Freight LLC", kind="organisation",
                     ground_rules="confidential",
                     attribution_phrase="a logistics firm in Khabarovsk")
    doc = shop.documents.create(title="Internal memo", kind="letter",
                                publisher_source=leaker.uuid)
    text = shop.claims.attribution(_claim(shop, document=[doc]).uuid).text
    assert text == "according to a letter from a logistics firm in Khabarovsk"
    assert "Secret Freight" not in text


def _cited(kind: str, title: str, publisher: str = "", source: Source | None = None
           ) -> CitedDocument:
    import uuid

    from casefile.models import DocumentKind

    return CitedDocument(uuid.uuid4(), DocumentKind(kind), title, publisher, "", source)


@pytest.mark.parametrize(("kind", "title", "publisher", "expected"), [
    ("legislation", "Resolution 2231", "United Nations Security Council",
     "Resolution 2231, adopted by the United Nations Security Council"),
    ("legislation", "UN Security Council Resolution 2231", "Security Council",
     "UN Security Council Resolution 2231"),
    ("legislation", "Federal Law No. 164-FZ on Foreign Trade Activity", "State Duma",
     "Federal Law No. 164-FZ on Foreign Trade Activity"),
    ("legislation", "Law on Foreign Trade Activity", "State Duma",
     "the Law on Foreign Trade Activity"),
    ("court_ruling", "Petrov v. Customs", "Khabarovsk Regional Court",
     "a ruling by the Khabarovsk Regional Court"),
    ("court_ruling", "Petrov v. Customs", "", "the ruling in Petrov v. Customs"),
    ("treaty", "Treaty on Good-Neighbourliness, Friendship and Cooperation", "",
     "the Treaty on Good-Neighbourliness, Friendship and Cooperation"),
    ("treaty", "The Treaty of Aigun", "", "the Treaty of Aigun"),
    ("court_record", "Case 2-114/2026", "Khabarovsk Regional Court", "court records"),
    ("report", "Trade at the border", "Amur Chamber of Commerce",
     "a report by the Amur Chamber of Commerce"),
    ("report", "Budget", "The Ministry of Finance", "a report by the Ministry of Finance"),
    ("news_article", "Budget", "The New York Times", "a report in The New York Times"),
])
def test_documents_and_legal_instruments(kind: str, title: str, publisher: str,
                                         expected: str) -> None:
    assert document_reference(_cited(kind, title, publisher), HouseStyle(), set()) == expected


def test_a_resolution_in_a_claim_with_its_body_as_a_source(shop: CaseFile) -> None:
    council = _source(shop, name="United Nations Security Council", kind="official_body",
                      short_name="the Security Council")
    resolution = shop.documents.create(title="Resolution 2231", kind="legislation",
                                       publisher_source=council.uuid)
    other = _source(shop, name="Galina Shvets")
    _iv, quotes = _interview(shop, other, 1)
    claim = _claim(shop, document=[resolution], quote=quotes)
    said = shop.claims.attribution(claim.uuid)
    assert said.text == ("according to Resolution 2231, adopted by the United Nations "
                         "Security Council, and Galina Shvets")


# -- joins -------------------------------------------------------------------------------------

def test_joins_a_copy_editor_would_not_circle() -> None:
    assert join_list([]) == "" and join_list(["A"]) == "A"
    assert join_list(["A", "B"]) == "A and B"
    assert join_list(["A", "B", "C"]) == "A, B and C"
    assert join_list(["Yuri Petrov, owner of a yard", "Galina Shvets"]) == \
        "Yuri Petrov, owner of a yard, and Galina Shvets"
    assert join_list(["Yuri Petrov, owner of a yard", "Galina Shvets", "Anna Kim"]) == \
        "Yuri Petrov, owner of a yard; Galina Shvets; and Anna Kim"
    # A comma inside a quoted title is the title's, not a parenthetical to close.
    assert join_list(["the dataset “Foreign trade, Q3”", "Anna Kim"]) == \
        "the dataset “Foreign trade, Q3” and Anna Kim"


@given(items=st.lists(st.sampled_from(["Yuri Petrov, owner of a yard", "Sberbank",
                                       "the Embassy of Japan", "Anna Kim, who runs a bakery",
                                       "data from the statistics service"]),
                      min_size=1, max_size=5, unique=True))
def test_joins_never_double_punctuation(items: list[str]) -> None:
    text = join_list(items)
    assert not re.search(r"[,;]\s*[,;]|\s{2}|,\s+and\s+and", text)
    assert all(item in text for item in items)
    assert text.count(" and ") == (len(items) > 1)


def test_answer_punctuation(case: CaseFile) -> None:
    ministry = _source(case, name="Ministry of Economic Development", kind="official_body")

    def said(answer: str) -> str:
        r = case.requests.create(source=ministry.uuid, status="answered", answer_text=answer)
        return case.requests.sentence(r.uuid)

    tail = " the Ministry of Economic Development said in a statement."
    assert said("We comply with the law.") == "“We comply with the law,”" + tail
    assert said("Ask the U.S.") == "“Ask the U.S.,”" + tail
    assert said("Is that a question?") == "“Is that a question?”" + tail
    assert said('We call it "fair trade".') == "“We call it ‘fair trade,’”" + tail
    assert said("   ") == "The Ministry of Economic Development responded to a request for " \
                          "comment."


def test_request_target_of_an_unnamed_protected_source(shop: CaseFile) -> None:
    hidden = _source(shop, name="Pavel Off", ground_rules="off_record")
    req = _requests(shop, [shop.requests.create(source=hidden.uuid).uuid])[0]
    assert request_target(req, HouseStyle()) == "A source who may not be named"
    assert "Pavel" not in request_sentence(req, HouseStyle())



# -- review of issue 17 --------------------------------------------------------------------

def _reference_sentences(requests: list[CommentRequest], style: HouseStyle) -> list[str]:
    """What request_sentences must give, written the slow and obvious way (the first pass's
    quadratic grouping): the one-pass version is checked against it."""
    from casefile.claims.attribution import _request_ref, _status_predicate, subject
    from casefile.claims.names import capitalize_first
    from casefile.models import RequestStatus

    joined = (RequestStatus.NO_RESPONSE, RequestStatus.DECLINED, RequestStatus.PENDING)
    groups: list[tuple[Any, list[CommentRequest]]] = []
    for r in requests:
        if r.status in joined:
            group = next((g for s, g in groups if s is r.status), None)
            if group is None:
                groups.append((r.status, [r]))
            elif all(x.source.uuid != r.source.uuid for x in group):
                group.append(r)
        else:
            groups.append((None, [r]))
    out = []
    for status, members in groups:
        if status is None or len(members) == 1:
            out.append(request_sentence(members[0], style))
        else:
            refs = list(dict.fromkeys(_request_ref(r.source) for r in members))
            out.append(capitalize_first(f"{subject(refs)} "
                                        f"{_status_predicate(status, style, True)}"))
    return out


@SLOW
@given(picks=st.lists(st.tuples(st.integers(0, len(POOL) - 1),
                                st.sampled_from(["pending", "answered", "declined",
                                                 "no_response"])), min_size=1, max_size=12),
       style=st.sampled_from(STYLES))
def test_request_sentences_in_one_pass_give_what_the_grouping_rule_says(
        shop: CaseFile, picks: list[tuple[int, str]], style: HouseStyle) -> None:
    sources = [_source(shop, name=n, kind=k, ground_rules=g, attribution_phrase=p)
               for n, k, g, p in POOL]
    made = [shop.requests.create(source=sources[i].uuid, status=status,
                                 answer_text="We act lawfully.").uuid for i, status in picks]
    requests = _requests(shop, made)
    assert request_sentences(requests, style) == _reference_sentences(requests, style)


def test_two_thousand_requests_are_grouped_in_one_pass(shop: CaseFile) -> None:
    """Counted, not timed: each request's source is read a bounded number of times (the
    first pass compared every request with every member of its group)."""
    import types

    sources = [types.SimpleNamespace(uuid=i, is_protected=False, name=f"Bank {i}",
                                     article=Article.NONE, kind=None) for i in range(2_000)]
    reads = 0

    class Counted:
        def __init__(self, source: Any, status: Any) -> None:
            self._source, self.status, self.answer_text = source, status, ""

        @property
        def source(self) -> Any:
            nonlocal reads
            reads += 1
            return self._source

    from casefile.models import RequestStatus

    requests = [Counted(s, RequestStatus.NO_RESPONSE) for s in sources]
    requests += [Counted(s, RequestStatus.NO_RESPONSE) for s in sources[:100]]  # asked twice
    sentences = request_sentences(requests, HouseStyle())  # type: ignore[arg-type]
    assert len(sentences) == 1 and sentences[0].count("Bank ") == 2_000
    assert reads <= 2 * len(requests)


@pytest.mark.parametrize("order", ["excerpt first", "quote first"])
@pytest.mark.parametrize("typed", ["The Ministry of Finance", "ministry of finance",
                                   "the  Ministry of Finance", "THE MINISTRY OF FINANCE"])
def test_one_body_typed_and_linked_is_one_attribution(case: CaseFile, order: str,
                                                      typed: str) -> None:
    ministry = _source(case, name="Ministry of Finance", kind="official_body",
                       short_name="the ministry")
    _iv, quotes = _interview(case, ministry, 1)
    report = case.documents.create(title="Budget", kind="report", publisher=typed)
    excerpt = case.excerpts.create(document=report.uuid, text="Fine.")
    linked = case.documents.create(title="Budget 2", kind="report",
                                   publisher_source=ministry.uuid)
    other = case.excerpts.create(document=linked.uuid, text="Fine too.")
    claim = case.claims.create(statement="The budget is fine.")
    evidence = [("excerpt", excerpt), ("quote", quotes[0]), ("excerpt", other)]
    for kind, item in (evidence if order == "excerpt first" else evidence[::-1]):
        case.evidence.create(claim=claim.uuid, **{kind: item.uuid})
    text = case.claims.attribution(claim.uuid).text
    assert text.lower().count("ministry of finance") == 1, text
    assert " The " not in text and "The Ministry" not in text
    assert case.claims.summary(claim.uuid).independent_sources == 1


def test_a_typed_the_is_lower_case_inside_a_sentence_but_a_newspaper_keeps_its_own() -> None:
    assert with_article("The Ministry of Finance") == "the Ministry of Finance"
    assert with_article("The Ministry of Finance", Article.THE) == "the Ministry of Finance"
    assert with_article("The New York Times", publication=True) == "The New York Times"
    assert with_article("The New York Times", Article.NONE) == "The New York Times"
    assert with_article("The") == "The"


@pytest.mark.parametrize(("name", "expected"), [
    ("Central Bank of Russia", "the Central Bank of Russia"),
    ("World Bank", "the World Bank"),
    ("International Monetary Fund", "the International Monetary Fund"),
    ("European Union", "the European Union"),
    ("University of Tokyo", "the University of Tokyo"),
    ("Republic of Korea", "the Republic of Korea"),
    ("Red Cross", "the Red Cross"),
    ("Port of Vladivostok", "the Port of Vladivostok"),
    ("Amur Chamber of Commerce", "the Amur Chamber of Commerce"),
    ("European Investment Bank", "the European Investment Bank"),
    # AP: a company named "Bank of …" takes no article; nor does one merely holding a word
    ("Bank of America", "Bank of America"),
    ("Amur Commerce Bank", "Amur Commerce Bank"),
    ("Union Pacific", "Union Pacific"),
    ("Cross Fit Tver", "Cross Fit Tver"),
    ("Sberbank", "Sberbank"),
    ("Fund", "Fund"),
])
def test_institutions_take_the_and_companies_do_not(name: str, expected: str) -> None:
    assert with_article(name) == expected


@given(name=st.sampled_from(["Central Bank of Russia", "Bank of America", "World Bank",
                             "eBay", "Red Cross"]),
       article=st.sampled_from([Article.THE, Article.NONE]))
def test_the_record_s_article_still_wins(name: str, article: Article) -> None:
    assert with_article(name, article) == (name if article is Article.NONE else f"the {name}")


@pytest.mark.parametrize(("role", "expected"), [
    ("owner of a timber yard", "who is the owner of a timber yard in Khabarovsk"),
    ("spokesman", "who is a spokesman in Khabarovsk"),
    ("engineer", "who is an engineer in Khabarovsk"),
    ("member of parliament", "who is a member of parliament in Khabarovsk"),
    ("former mayor of Tver", "who is the former mayor of Tver in Khabarovsk"),
    ("university lecturer", "who is a university lecturer in Khabarovsk"),
    ("MP for Khabarovsk", "who is an MP for Khabarovsk"),
    ("Gazprom's lawyer", "who is Gazprom's lawyer in Khabarovsk"),
    ("a baker", "who is a baker in Khabarovsk"),
    ("co-manages a depot", "who co-manages a depot"),
    ("runs a bakery", "who runs a bakery"),
])
def test_relative_on_a_noun_phrase_reads_who_is(case: CaseFile, role: str,
                                                expected: str) -> None:
    person = _source(case, name="Anna Kim", role_title=role, role_form="relative",
                     location="Khabarovsk")
    _iv, quotes = _interview(case, person, 1)
    assert case.claims.attribution(_claim(case, quote=quotes).uuid).said == \
        f"Anna Kim, {expected},"


@given(verb=st.sampled_from(sorted(FINITE_VERBS)),
       tail=st.sampled_from(["a bakery", "the yard in Tver", "two shops"]))
@SLOW
def test_appositive_on_a_verb_role_falls_back_to_the_clause(shop: CaseFile, verb: str,
                                                            tail: str) -> None:
    person = _source(shop, name="Anna Kim", role_title=f"{verb} {tail}",
                     role_form="appositive", location="Tver")
    _iv, quotes = _interview(shop, person, 1)
    said = shop.claims.attribution(_claim(shop, quote=quotes).uuid).said
    assert said == f"Anna Kim, who {verb} {tail},"


@given(st.from_regex(r"[a-z][A-Z][A-Za-z]{0,8}( [a-z]{1,6}){0,2}", fullmatch=True))
def test_a_mixed_case_brand_keeps_its_case(name: str) -> None:
    from casefile.claims.attribution import capitalize_first

    assert capitalize_first(name) == name


def test_brands_in_the_requests_table_and_sentences(shop: CaseFile) -> None:
    from casefile.claims.attribution import capitalize_first

    ebay = _source(shop, name="eBay", kind="organisation")
    iphone = _source(shop, name="iPhone maker", kind="organisation", article="none")
    plain = _source(shop, name="de Beers", kind="organisation")
    reqs = _requests(shop, [shop.requests.create(source=s.uuid, status="no_response").uuid
                            for s in (ebay, iphone, plain)])
    assert [request_target(r, HouseStyle()) for r in reqs] == ["eBay", "iPhone maker",
                                                               "De Beers"]
    assert request_sentence(reqs[0], HouseStyle()) == \
        "eBay did not respond to requests for comment."
    assert request_sentences(reqs, HouseStyle()) == [
        "eBay, iPhone maker and de Beers did not respond to requests for comment."]
    assert capitalize_first("the embassy") == "The embassy"
