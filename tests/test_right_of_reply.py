"""Right of reply as stories write it: several non-responders in one sentence pass the
checker when every party is a request target; anything else in such a sentence is flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
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
        "Sberbank, the Embassy of Japan and a customs broker declined to comment.",
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
