"""Right of reply as stories write it: several non-responders in one sentence pass the
checker when every party is a request target; anything else in such a sentence is flagged."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.claims.reply import (
    is_right_of_reply,
    name_forms,
    no_response_subject,
    reply_parties,
)

NAMES = (name_forms("Embassy of Japan") + name_forms("Sberbank")
         + name_forms("Acme Trading Corp.") + name_forms("Yuri Petrov", "Mr. Petrov", person=True)
         + name_forms("Artyom Belov", "", "a customs broker", person=True, protected=True))
ACCEPTED = [
    "The Embassy of Japan and Sberbank did not respond to requests for comment.",
    "The Embassy of Japan and Sberbank didn't respond to requests for comment",
    "The Embassy of Japan and Sberbank didn’t respond to requests for comment.",
    "Neither the Embassy of Japan nor Sberbank responded to requests for comment.",
    "Sberbank, Mr. Petrov and a customs broker declined to comment.",
    "Sberbank, the Embassy of Japan, and Acme Trading Corp. declined to comment.",
    "Sberbank did not immediately respond to a request for comment.",
    "Acme Trading Corp. did not respond to emailed questions.",
    "A spokesman for Sberbank did not respond to requests for comment by publication.",
    "Yuri Petrov could not be reached for comment.",
    "Petrov has not yet responded to a request for comment.",
]
REFUSED = [
    "Sberbank and Gazprom did not respond to requests for comment.",  # no request to Gazprom
    "Sberbank did not respond to 3 requests for comment.",  # figures
    "Artyom Belov did not respond to requests for comment.",  # a protected source's name
    "Sberbank raised its rates.",
    "Sberbank did not respond to requests for comment about the 40 trucks.",
    "Sberbank responded to requests for comment.",  # not a no-response sentence
]


@pytest.mark.parametrize("sentence", ACCEPTED)
def test_story_forms_of_no_response_are_right_of_reply(sentence: str) -> None:
    assert is_right_of_reply(sentence, NAMES), sentence


@pytest.mark.parametrize("sentence", REFUSED)
def test_other_sentences_are_not(sentence: str) -> None:
    assert not is_right_of_reply(sentence, NAMES), sentence


def test_names_are_compared_without_article_case_or_full_stops() -> None:
    assert reply_parties("the EMBASSY of Japan, Acme Trading Corp and Mr Petrov", NAMES) == (
        "embassy of japan", "acme trading corp", "mr petrov")
    assert reply_parties("Sberbank and Gazprom", NAMES) is None


def test_a_protected_source_is_known_only_by_its_phrase() -> None:
    forms = name_forms("Artyom Belov", "Mr. Belov", "a customs broker", person=True,
                       protected=True)
    assert forms == ["customs broker"]


def test_a_name_with_and_in_it_is_one_party() -> None:
    names = name_forms("Ministry of Trade and Industry") + name_forms("Sberbank")
    assert reply_parties("The Ministry of Trade and Industry and Sberbank", names) == (
        "ministry of trade and industry", "sberbank")


PARTIES = ["the Embassy of Japan", "Sberbank", "Acme Trading Corp.", "Mr. Petrov",
           "a customs broker", "Yuri Petrov"]
PREDICATES = ["did not respond to requests for comment.", "didn't respond to requests for "
              "comment", "declined to comment.", "did not immediately respond to a request "
              "for comment.", "did not reply to emailed questions."]


def _join(parties: list[str], oxford: bool) -> str:
    if len(parties) == 1:
        return parties[0]
    head = ", ".join(parties[:-1])
    return f"{head}{',' if oxford and len(parties) > 2 else ''} and {parties[-1]}"


@given(st.lists(st.sampled_from(PARTIES), min_size=1, max_size=4, unique=True),
       st.sampled_from(PREDICATES), st.booleans(), st.booleans())
def test_any_list_of_request_targets_is_right_of_reply(parties: list[str], predicate: str,
                                                       oxford: bool, stranger: bool) -> None:
    """Every order, separator and predicate; one party with no request spoils it."""
    names = list(parties) + (["Gazprom"] if stranger else [])
    subject = _join(names, oxford)
    sentence = f"{subject[:1].upper()}{subject[1:]} {predicate}"
    assert no_response_subject(sentence) is not None
    assert is_right_of_reply(sentence, NAMES) is not stranger


# -- through the checker ------------------------------------------------------------------

@pytest.fixture
def targets(case: CaseFile) -> dict:
    japan = case.sources.create(name="Embassy of Japan", kind="organisation")
    bank = case.sources.create(name="Sberbank", kind="organisation")
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker")
    gazprom = case.sources.create(name="Gazprom", kind="organisation")
    for source, status in ((japan, "no_response"), (bank, "no_response"),
                           (broker, "declined")):
        case.requests.create(source=source.uuid, status=status, subject="Yuan payments")
    return {"japan": japan, "bank": bank, "broker": broker, "gazprom": gazprom}


def findings(case: CaseFile, body: str) -> list:
    draft = case.drafts.create(headline="Payments", body=body)
    return case.drafts.check(draft.uuid)


def test_joined_non_responders_pass_the_checker(case: CaseFile, targets: dict) -> None:
    body = "\n\n".join([
        "The Embassy of Japan and Sberbank did not respond to requests for comment.",
        "Sberbank and the Embassy of Japan didn't respond to requests for comment.",
        "Neither the Embassy of Japan nor Sberbank responded to requests for comment.",
        "Sberbank and the Embassy of Japan did not respond, and a customs broker declined "
        "to comment.",
        "A customs broker declined to comment.",
        "Sberbank did not respond to requests for comment.",  # the generated sentence
    ])
    assert findings(case, body) == []


def test_a_party_with_no_request_is_flagged(case: CaseFile, targets: dict) -> None:
    found = findings(case, "Sberbank and Gazprom did not respond to requests for comment.")
    assert [f.kind for f in found] == ["unattributed"]
    found = findings(case, "Sberbank and Rosneft did not respond to requests for comment.")
    assert [f.kind for f in found] == ["unattributed"]
    assert "no request for comment" in found[0].message


def test_figures_in_a_no_response_sentence_are_flagged(case: CaseFile, targets: dict) -> None:
    found = findings(case, "Sberbank did not respond to 3 requests for comment.")
    assert [f.kind for f in found] == ["unattributed"] and "figures" in found[0].message


def test_a_pronoun_subject_is_left_alone(case: CaseFile, targets: dict) -> None:
    assert findings(case, "He declined to comment.") == []


def test_a_protected_name_in_a_reply_sentence_still_blocks(case: CaseFile, targets: dict
                                                           ) -> None:
    found = findings(case, "Artyom Belov and Sberbank declined to comment.")
    assert "protected_name" in {f.kind for f in found if f.blocking}
    assert all("Belov" not in f.message for f in found if f.kind != "protected_name")


def test_a_trashed_request_no_longer_covers_its_target(case: CaseFile, targets: dict) -> None:
    request = next(r for r in case.requests.page() if r.source.name == "Sberbank")
    case.trash.delete(request)
    found = findings(case, "The Embassy of Japan and Sberbank did not respond to requests "
                           "for comment.")
    assert [f.kind for f in found] == ["unattributed"]


def test_generated_joined_sentences_pass_the_checker(case: CaseFile, targets: dict) -> None:
    from casefile.claims.attribution import request_sentences

    requests = case.requests.page(order_by="id")  # page_loads their sources
    sentences = request_sentences(requests, case.house_style())
    assert any(" and " in s for s in sentences)
    assert findings(case, "\n\n".join(sentences)) == []


# -- the requests must bear the sentence out (review of issue 17) -------------------------

STATUS_OF = {"Embassy of Japan": "no_response", "Sberbank": "answered",
             "Acme Trading": "pending", "Yuri Petrov": "declined"}
SAYING = {  # what a sentence says -> the outcomes that bear it out
    "did not respond to requests for comment.": {"no_response", "pending"},
    "didn't respond.": {"no_response", "pending"},
    "did not immediately respond to a request for comment.": {"no_response", "pending"},
    "has not yet responded to a request for comment.": {"no_response", "pending"},
    "could not be reached for comment.": {"no_response", "pending"},
    "declined to comment.": {"declined"},
    "did not comment.": {"no_response", "pending", "declined"},
}


@pytest.fixture(scope="module")
def asked(tmp_path_factory: pytest.TempPathFactory):
    """One case: a source per outcome, a protected one that answered, one never asked."""
    case = CaseFile.create(tmp_path_factory.mktemp("reply") / "r.casefile", title="R",
                           actor="tester")
    made = {name: case.sources.create(
        name=name, kind="person" if name == "Yuri Petrov" else "organisation")
        for name in STATUS_OF}
    for name, status in STATUS_OF.items():
        case.requests.create(source=made[name].uuid, subject="Yuan payments", status=status,
                             answer_text="We deny it." if status == "answered" else "")
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker")
    case.requests.create(source=broker.uuid, subject="x", status="answered",
                         answer_text="No.")
    case.sources.create(name="Gazprom", kind="organisation")
    yield case
    case.close()


def _check(case: CaseFile, body: str) -> list:
    return case.drafts.check(case.drafts.create(headline="H", body=body).uuid)


def _reply_kinds(case: CaseFile, body: str) -> list[str]:
    """The findings a right-of-reply sentence may draw."""
    return [f.kind for f in _check(case, body) if f.kind in ("unattributed", "reply_status")]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.sampled_from(sorted(STATUS_OF)), min_size=1, max_size=3,
                      unique=True), saying=st.sampled_from(sorted(SAYING)))
def test_the_outcome_must_bear_the_sentence_out(asked: CaseFile, names: list[str],
                                                saying: str) -> None:
    """"X did not respond" when X answered (or declined) is a finding, never blocking; a
    sentence every party's request bears out is none."""
    written = [("the " + n) if n == "Embassy of Japan" else n for n in names]
    subject = _join(written, False)
    body = f"{subject[:1].upper()}{subject[1:]} {saying}"
    found = [f for f in _check(asked, body) if f.kind != "request_pending"]
    wrong = [n for n in names if STATUS_OF[n] not in SAYING[saying]]
    assert [f.kind for f in found] == (["reply_status"] if wrong else []), body
    if wrong:
        assert not found[0].blocking
        assert "Sberbank answered" in found[0].message or "Sberbank" not in wrong
        for n in names:
            assert (n in found[0].message) is (n in wrong)


def test_an_answered_protected_source_is_never_named(asked: CaseFile) -> None:
    found = _check(asked, "A customs broker did not respond to requests for comment.")
    assert [f.kind for f in found if f.kind != "request_pending"] == ["reply_status"]
    assert "a customs broker answered" in found[0].message
    assert all("Belov" not in f.message and "Artyom" not in f.message for f in found)


def test_a_declined_clause_and_a_no_response_clause_in_one_sentence(asked: CaseFile) -> None:
    assert _reply_kinds(asked, "The Embassy of Japan did not respond to requests for "
                               "comment, and Mr. Petrov declined to comment.") == []
    found = [f for f in _check(asked, "The Embassy of Japan declined to comment, and Sberbank "
                                      "did not respond.") if f.kind != "request_pending"]
    assert [f.kind for f in found] == ["reply_status"]
    assert "Embassy of Japan did not respond" in found[0].message
    assert "Sberbank answered" in found[0].message


NOBODY = ["The company", "A spokeswoman", "The bank", "Officials", "He", "She", "They",
          "Both", "The embassy", "A spokeswoman for the company", "Officials at the ministry",
          "The Ministry", "Representatives of the firm", "Prosecutors", "The authorities",
          "Its lawyers", "The company and its owner"]


@given(subject=st.sampled_from(NOBODY), saying=st.sampled_from(sorted(SAYING)))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_subject_that_names_nobody_is_not_flagged(asked: CaseFile, subject: str,
                                                    saying: str) -> None:
    assert _reply_kinds(asked, f"{subject} {saying}") == []


@pytest.mark.parametrize("body", [
    "Rosneft did not respond to requests for comment.",
    "A spokeswoman for Gazprom declined to comment.",
    "Officials at Gazprom did not respond to questions.",
    "The Embassy of Japan and Gazprom did not respond to requests for comment.",
    "Sberbank, Gazprom, and the Embassy of Japan did not respond.",
    "Acme Trading, the Ministry of Energy, and the Embassy of Japan did not respond.",
    "Mr. Ivanov declined to comment.",
])
def test_a_proper_name_with_no_request_is_flagged(asked: CaseFile, body: str) -> None:
    assert _reply_kinds(asked, body) == ["unattributed"]


@pytest.mark.parametrize("body", [
    "Acme Trading's press office did not respond to requests for comment.",
    "Mr. Petrov declined to comment.",
    "Mr Petrov declined to comment.",
    "Petrov declined to comment.",
    "Dr. Petrov declined to comment.",
    "A lawyer for Mr. Petrov declined to comment.",
])
def test_possessives_speakers_and_titles_keep_a_target_recognised(asked: CaseFile,
                                                                  body: str) -> None:
    assert _reply_kinds(asked, body) == []


@pytest.mark.parametrize("body", [
    "The Embassy of Japan, which was closed on Friday, did not respond to requests for "
    "comment.",
    "The Embassy of Japan, which issued the visas, and Acme Trading did not respond.",
    "Acme Trading, a Gazprom supplier, did not immediately respond to a request for comment.",
    "Acme Trading, Russia's largest timber trader, did not respond to requests for comment.",
])
def test_a_relative_clause_or_an_appositive_is_no_right_of_reply(asked: CaseFile,
                                                                 body: str) -> None:
    """What a clause or an appositive says of a target ("which issued the visas") is a
    claim: the sentence is checked like any other, and it names a source."""
    found = [f for f in _check(asked, body) if f.kind != "request_pending"]
    assert [f.kind for f in found] == ["unattributed"], body
    assert "a named source" in found[0].message


def test_a_surname_with_a_title_is_a_target_without_a_short_name(asked: CaseFile) -> None:
    """Recognised, not merely left alone: said of a decliner, "did not respond" is wrong."""
    found = _check(asked, "Mr. Petrov did not respond to requests for comment.")
    assert [f.kind for f in found if f.kind != "request_pending"] == ["reply_status"]
    assert "Yuri Petrov declined to comment" in found[0].message


@pytest.mark.parametrize("parties", [500, 5_000])
def test_a_sentence_of_thousands_of_parties_is_no_right_of_reply(asked: CaseFile,
                                                                 parties: int) -> None:
    """Reading a subject is one loop: no recursion however long it is. Past MAX_PARTIES it
    is not read as right of reply but checked like any other sentence (a named source)."""
    from casefile.claims.reply import MAX_PARTIES, read_subject

    subject = ", ".join(["the Embassy of Japan"] * parties)
    assert read_subject(subject, name_forms("Embassy of Japan")) is None
    at_most = ", ".join(["the Embassy of Japan"] * (MAX_PARTIES - 1)) + \
        " and the Embassy of Japan"
    assert reply_parties(at_most, name_forms("Embassy of Japan")) == \
        ("embassy of japan",) * MAX_PARTIES
    body = f"{subject[:1].upper()}{subject[1:]} did not respond to requests for comment."
    assert _reply_kinds(asked, body) == ["unattributed"]
    draft = asked.drafts.create(headline="H", body=", ".join(["Sberbank"] * parties)
                                + " did not respond to requests for comment.")
    assert [f.kind for f in asked.drafts.check(draft.uuid)
            if f.kind != "request_pending"] == ["unattributed"]


def test_export_of_a_sentence_of_5000_parties(asked: CaseFile, tmp_path) -> None:
    from docx import Document

    from casefile.export.docx_draft import export_draft

    body = ", ".join(["Sberbank"] * 5_000) + " did not respond to requests for comment."
    draft = asked.drafts.create(headline="Many", body=body)
    result = export_draft(asked, draft.uuid, tmp_path / "many.docx", profile="clean")
    text = "\n".join(p.text for p in Document(str(result.path)).paragraphs)
    assert text.count("Sberbank") >= 5_000


def test_generated_sentences_pass_whatever_the_outcomes(asked: CaseFile) -> None:
    from casefile.claims.attribution import request_sentences

    requests = asked.requests.page(order_by="id")
    body = "\n\n".join(request_sentences(requests, asked.house_style()))
    assert _reply_kinds(asked, body) == []


def test_a_quoted_answer_to_a_request_is_a_stored_wording(case: CaseFile) -> None:
    """The generated sentence for an answered request quotes the answer: the checker knows
    those words (no 'quotation matches no stored quote')."""
    bank = case.sources.create(name="Sberbank", kind="organisation")
    request = case.requests.create(source=bank.uuid, subject="Yuan payments",
                                   status="answered", answer_text="We deny it.")
    sentence = case.requests.sentence(request.uuid)
    draft = case.drafts.create(headline="H", body=sentence)
    kinds = [f.kind for f in case.drafts.check(draft.uuid)]
    assert "quote_unmatched" not in kinds and "quote_differs" not in kinds


# -- right of reply says who did not respond, and nothing else (third pass) ---------------

@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory):
    """The reviewer's case: two banks that did not respond, a ministry and a trader that
    declined, a source never asked, a protected one still to answer."""
    case = CaseFile.create(tmp_path_factory.mktemp("reply3") / "r.casefile", title="R",
                           actor="tester")
    make = case.sources.create
    sber = make(name="Sberbank", kind="organisation")
    amur = make(name="Amur Commerce Bank", kind="organisation")
    ministry = make(name="Ministry of Finance", kind="official_body", short_name="the ministry")
    petrov = make(name="Yuri Petrov", role_title="trader")
    make(name="Gazprom", kind="organisation")
    belov = make(name="Artyom Belov", ground_rules="confidential",
                 attribution_phrase="a customs broker")
    for source, status in ((sber, "no_response"), (amur, "no_response"),
                           (ministry, "declined"), (petrov, "declined"), (belov, "pending")):
        case.requests.create(source=source.uuid, subject="Yuan payments", status=status)
    yield case
    case.close()


def _said(case: CaseFile, body: str) -> list:
    return [f for f in _check(case, body) if f.kind != "request_pending"]


CLAIMS_BESIDE_REPLY = [
    "Customs officers took bribes from the drivers, and Sberbank did not respond to requests "
    "for comment.",
    "He said the ministry approved the permits, and Sberbank did not respond to requests for "
    "comment.",
    "Police raided the yard on the orders of the governor; Mr. Petrov declined to comment.",
    "The bank laundered the money for the smugglers and Sberbank did not respond.",
    "Officials said the bank moved the money but Sberbank did not respond to requests for "
    "comment.",
    "Sberbank, which laundered the money for the smugglers, did not respond to requests for "
    "comment.",
    "Sberbank, which financed the smuggling ring, and Amur Commerce Bank did not respond.",
    "Sberbank, the lender that financed the smuggling ring, did not respond to requests for "
    "comment.",
    "Sberbank, the bank that moved the money, did not respond to requests for comment.",
    "Sberbank — which moved the money — did not respond to requests for comment.",
    "Sberbank (which moved the money) did not respond to requests for comment.",
    "Mr. Petrov, who bribed customs officers for years, declined to comment.",
    "A lawyer for Mr. Petrov, who is accused of smuggling, declined to comment.",
    "Sberbank, Russia's largest lender, did not respond to requests for comment.",
    "Sberbank did not respond to requests for comment, a spokesman for the smugglers said.",
    "Sberbank's laundering arm did not respond to requests for comment.",
    # a topic that is a clause, too long, or names a party with no request
    "Sberbank did not respond to requests for comment about the money it laundered.",
    "Sberbank did not respond to questions about payments made to the governor's office.",
    "Sberbank did not respond to questions about the bribes customs officers took from "
    "drivers.",
    "Sberbank did not respond to questions about its ties to Gazprom.",
    "Mr. Petrov declined to comment from Lefortovo Prison.",
]


@pytest.mark.parametrize("body", CLAIMS_BESIDE_REPLY)
def test_a_sentence_saying_more_than_who_did_not_respond_is_checked(reviewed: CaseFile,
                                                                    body: str) -> None:
    """Every clause must be a reply clause and every party a name: a claim beside or inside
    the right of reply gets the finding any unanchored sentence naming a source gets."""
    found = _said(reviewed, body)
    assert [f.kind for f in found] == ["unattributed"], body
    assert "a named source" in found[0].message


STORY_REPLIES = [
    "Sberbank did not respond to a request for comment on Friday.",
    "Sberbank did not respond to requests for comment this week.",
    "Sberbank did not respond to requests for comment by Friday.",
    "Sberbank did not respond to a request for comment by publication time.",
    "Sberbank did not respond to requests for comment before publication.",
    "Sberbank did not respond by press time.",
    "Sberbank did not respond to a request for comment sent by email.",
    "Sberbank did not respond to a request for comment sent on Monday.",
    "Sberbank did not respond to questions by phone.",
    "Sberbank did not respond to requests for comment from The Northern Ledger.",
    "Sberbank did not respond to The Northern Ledger’s requests for comment.",
    "Sberbank and Amur Commerce Bank did not respond to Reuters' requests for comment.",
    "Sberbank did not respond to requests for comment about the payments.",
    "Sberbank did not respond to questions regarding the yuan payments on Friday.",
    "Sberbank did not respond to questions about Amur Commerce Bank's payments.",
    "Sberbank and Amur Commerce Bank both did not respond to requests for comment.",
    "Neither Sberbank nor Amur Commerce Bank would comment.",
    "Neither the ministry nor Mr. Petrov would comment.",
    "Mr. Petrov would not comment.",
    "Mr. Petrov declined to comment on the allegations.",
    "Mr. Petrov declined to comment for this article.",
    "Mr. Petrov declined to be interviewed.",
    "Mr. Petrov declined a request for comment.",
    "Mr. Petrov declined requests for an interview.",
    "Sberbank has yet to respond to requests for comment.",
    "Sberbank and Amur Commerce Bank have yet to respond to requests for comment.",
    "Requests for comment to Sberbank went unanswered.",
    "Requests for comment to Sberbank and Amur Commerce Bank were not answered.",
    "Requests for comment sent to Sberbank on Monday went unanswered.",
    "Sberbank’s press office did not respond to a request for comment.",
    "Sberbank's press service did not respond to questions.",
    "Amur Commerce Bank's spokeswoman did not respond to questions.",
    "The Finance Ministry declined to comment.",
    "The Ministry of Finance declined to comment.",
    "Sberbank did not respond to requests for comment, nor did Amur Commerce Bank.",
    "Mr. Petrov declined to comment, nor did the ministry.",
    "Sberbank, Amur Commerce Bank and the ministry did not respond or declined to comment.",
    "Sberbank, Amur Commerce Bank, and the ministry did not comment.",
    "Both Sberbank and Amur Commerce Bank did not respond to requests for comment.",
]


@pytest.mark.parametrize("body", STORY_REPLIES)
def test_what_stories_write_is_right_of_reply(reviewed: CaseFile, body: str) -> None:
    assert _said(reviewed, body) == [], body


def test_nor_did_says_the_same_of_one_more_party(reviewed: CaseFile) -> None:
    """", nor did the ministry" says of the ministry what the clause before says: that it
    did not respond, which its declined request does not bear out."""
    found = _said(reviewed, "Sberbank and Amur Commerce Bank did not respond to requests for "
                            "comment, nor did the ministry.")
    assert [f.kind for f in found] == ["reply_status"]
    assert "Ministry of Finance declined to comment" in found[0].message
    assert "Sberbank" not in found[0].message.split(": ", 1)[1]
    found = _said(reviewed, "Sberbank did not respond, nor did Gazprom.")
    assert [f.kind for f in found] == ["unattributed"]
    assert "no request for comment" in found[0].message


def test_a_topic_or_outlet_naming_a_stranger_keeps_it_flagged(reviewed: CaseFile) -> None:
    """The outlet is read only after a request ("from The Northern Ledger"); a topic may
    name a request target, nobody else."""
    assert _said(reviewed, "Sberbank did not respond to questions about the ministry's "
                           "payments.") == []
    for body in ("Sberbank did not respond about Gazprom's payments.",
                 "Mr. Petrov declined to comment from Moscow."):
        assert [f.kind for f in _said(reviewed, body)] == ["unattributed"], body


def test_the_inverted_ministry_name_is_one_small_rule() -> None:
    assert name_forms("Ministry of Finance") == ["ministry of finance", "finance ministry"]
    assert name_forms("Ministry of Trade and Industry")[-1] == "trade and industry ministry"
    assert name_forms("Office of the Prosecutor General") == ["office of the prosecutor general"]
    assert name_forms("Yuri Petrov", person=True) == ["yuri petrov", "petrov"]
    assert name_forms("Ministry of Finance", "", "a ministry official", protected=True) == [
        "ministry official"]


def test_russias_ministry_is_not_read_as_the_ministry(reviewed: CaseFile) -> None:
    """A qualifier before a name ("Russia's") is not stripped: it names another party."""
    found = _said(reviewed, "Russia's Ministry of Finance declined to comment.")
    assert [f.kind for f in found] == ["unattributed"]


def test_a_pending_request_to_a_protected_source_names_its_phrase(reviewed: CaseFile) -> None:
    found = [f for f in _check(reviewed, "Sberbank did not respond.")
             if f.kind == "request_pending"]
    assert [f.message for f in found] == [
        "request for comment to a customs broker is still pending"]
    assert all("Belov" not in f.message and "Artyom" not in f.message
               for f in _check(reviewed, "A customs broker did not respond."))


TRAILERS = ["", " on Friday", " this week", " by publication", " before publication",
            " sent by email", " about the payments", " from The Northern Ledger"]
CLAIMS = ["Sberbank laundered the money", "Officials said Sberbank moved the money",
          "Police raided the yard of Amur Commerce Bank"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parties=st.lists(st.sampled_from(["Sberbank", "Amur Commerce Bank", "the ministry",
                                         "Mr. Petrov", "a spokesman for Sberbank",
                                         "Amur Commerce Bank's press office"]),
                        min_size=1, max_size=3, unique=True),
       trailers=st.lists(st.sampled_from(TRAILERS), max_size=2),
       claim=st.none() | st.sampled_from(CLAIMS), join=st.sampled_from([", and ", "; "]))
def test_reply_clauses_with_trailers_and_a_claim_beside_them(
        reviewed: CaseFile, parties: list[str], trailers: list[str], claim: str | None,
        join: str) -> None:
    """Any list of targets, with any times, outlet and topic after "did not respond to
    requests for comment", is right of reply (the outcome checked); a claim clause beside
    it makes the sentence an ordinary one, flagged for the source it names."""
    subject = _join(parties, False)
    reply = f"{subject} did not respond to requests for comment{''.join(trailers)}"
    body = (f"{claim}{join}{reply}." if claim else f"{reply[:1].upper()}{reply[1:]}.")
    kinds = [f.kind for f in _said(reviewed, body)]
    if claim is not None:
        assert kinds == ["unattributed"], body
        return
    declined = {"the ministry", "Mr. Petrov"} & set(parties)
    assert kinds == (["reply_status"] if declined else []), body


@pytest.mark.parametrize(("text", "named"), [
    ("Mr. Petrov said so.", True), ("Petrovsky said so.", False), ("xPetrov", False),
    ("the amur commerce bank’s fees", True), ("PETROV.", True), ("Petrov_1", False),
    ("Straße", True), ("", False),
])
def test_named_sources_are_found_as_whole_words_in_one_pass(text: str, named: bool) -> None:
    """The checker's named-source test (one automaton, not a pattern per name) finds a name
    as whole words, whatever its case, as the patterns it replaced did."""
    from casefile.claims.checker import NamedSources

    names = NamedSources(["Yuri Petrov", "Petrov", "Amur Commerce Bank", "STRASSE"])
    assert names.search(text) is named
    assert NamedSources([]).search(text) is False
