"""Support summaries that do not flatter (issue 17): photos, whole records, ground rules read
from the source, one body under several names, disputed claims — each through the real
service (`summary()`), the batched list (`rows()`, `casefile claims`) and the checker."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.cli import main
from tests.conftest import jpeg_bytes

_sizes = itertools.count(1)


def photo(case: CaseFile, **credit: Any) -> Any:
    """A photo of its own size (the case refuses duplicates), credited as given."""
    n = next(_sizes)
    made = case.photos.add(jpeg_bytes(size=(8 + n, 8)), f"p{n}.jpg",
                           caption=f"Trucks queue {n}")
    if credit:
        case.photos.update(made.uuid, **{k: v.uuid for k, v in credit.items()})
    return made


@pytest.fixture
def w(case: CaseFile) -> dict[str, Any]:
    """People, bodies and records to build claims from."""
    x: dict[str, Any] = {}
    x["maria"] = case.team.create(name="Maria Lindqvist", role="photographer")
    x["pavel"] = case.team.create(name="Pavel Grishin", role="photographer")
    x["petrov"] = case.sources.create(name="Yuri Petrov", role_title="timber trader")
    x["shvets"] = case.sources.create(name="Galina Shvets", role_title="wholesaler")
    x["broker"] = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                      attribution_phrase="a customs broker")
    x["offrec"] = case.sources.create(name="Pavel Off", ground_rules="off_record")
    x["deep"] = case.sources.create(name="Oleg Deep", ground_rules="deep_background")
    x["customs"] = case.sources.create(name="Far Eastern Customs Directorate",
                                       kind="official_body", short_name="the directorate")
    x["spokesman"] = case.sources.create(name="Ivan Orlov", role_title="spokesman",
                                         affiliation="Far Eastern Customs Directorate")
    x["colleague"] = case.sources.create(name="Anna Orlova", role_title="inspector",
                                         affiliation="Far Eastern Customs Directorate")
    for key in ("petrov", "shvets", "broker", "offrec", "deep", "spokesman", "colleague"):
        text = f"{key} says trucks wait for days. {key} says so again."
        # every interview on the record: a source's own ground rules must still hold
        iv = case.interviews.create(title=f"Interview {key}", transcript=text,
                                    interviewees=[x[key].uuid])
        x[f"iv_{key}"] = iv
        x[f"q_{key}"] = case.quotes.mark(iv.uuid, 0, text.index(".") + 1, speaker=x[key].uuid)
    joint_text = "Someone says trucks wait. Both agree."
    x["iv_joint"] = case.interviews.create(title="Joint", transcript=joint_text,
                                           interviewees=[x["petrov"].uuid, x["shvets"].uuid])
    x["q_joint"] = case.quotes.mark(x["iv_joint"].uuid, 0, 25)  # no speaker marked
    x["report"] = case.documents.create(title="Weekly crossings", kind="statistics",
                                        publisher_source=x["customs"].uuid)
    x["typed"] = case.documents.create(title="Clearance notice", kind="report",
                                       publisher="The Far Eastern Customs Directorate")
    x["news"] = case.documents.create(title="Bridge traffic thins", kind="news_article",
                                      publisher="Amur Courier", container_title="Amur Courier")
    x["ex_report"] = case.excerpts.create(document=x["report"].uuid, text="Crossings fell.")
    x["ex_news"] = case.excerpts.create(document=x["news"].uuid, text="Traffic thinned.")
    return x


def claim(case: CaseFile, *evidence: tuple[str, Any] | tuple[str, Any, str],
          status: str = "needs_second_source") -> Any:
    made = case.claims.create(statement="Trucks wait for days.", status=status)
    for kind, target, *relation in evidence:
        case.evidence.create(claim=made.uuid, relation=(relation or ["supports"])[0],
                             **{kind: target.uuid})
    return made


def summary(case: CaseFile, made: Any) -> Any:
    """The claim's summary, after checking the batched list says the same."""
    one = case.claims.summary(made.uuid)
    listed = {r.claim.uuid: r.summary for r in case.claims.rows(batch=3)}
    assert listed[made.uuid] == one
    return one


# -- photos -------------------------------------------------------------------------------

def test_an_uncredited_photo_is_not_a_second_source(case: CaseFile, w) -> None:
    made = claim(case, ("excerpt", w["ex_report"]), ("photo", photo(case)))
    s = summary(case, made)
    assert s.independent_sources == 1 and s.weaknesses == ("single_source",)
    assert s.describe().startswith("1 independent source; a photo, uncredited: not "
                                   "independent; all evidence usable in print")


def test_a_credited_photo_corroborates_what_it_shows(case: CaseFile, w) -> None:
    made = claim(case, ("excerpt", w["ex_report"]),
                 ("photo", photo(case, credit_member=w["maria"])))
    s = summary(case, made)
    assert s.independent_sources == 1  # photos are not sources
    assert not s.weak and s.corroborating_photos == ("Maria Lindqvist",)
    assert s.describe() == ("1 independent source, and a photo credited to Maria Lindqvist; "
                            "all evidence usable in print")


def test_a_photo_is_never_a_second_source_for_what_someone_said(case: CaseFile, w) -> None:
    for testimony in (("quote", w["q_petrov"]), ("interview", w["iv_petrov"])):
        made = claim(case, testimony, ("photo", photo(case, credit_member=w["maria"])))
        s = summary(case, made)
        assert "single_source" in s.weaknesses and not s.corroborating_photos
        assert "a photo credited to Maria Lindqvist: not a second source for what was said" \
            in s.describe()


def test_a_photo_credited_to_one_of_the_sources_adds_nothing(case: CaseFile, w) -> None:
    made = claim(case, ("excerpt", w["ex_report"]),
                 ("photo", photo(case, credit_source=w["customs"])))
    s = summary(case, made)
    assert s.weaknesses == ("single_source",)
    assert "a photo credited to Far Eastern Customs Directorate, already a source" in s.describe()


def test_photos_alone_count_by_photographer(case: CaseFile, w) -> None:
    same = claim(case, ("photo", photo(case, credit_member=w["maria"])),
                 ("photo", photo(case, credit_member=w["maria"])))
    s = summary(case, same)
    assert s.independent_sources == 0 and s.weaknesses == ("single_source",)
    assert s.describe().startswith("no independent source but a photo credited to Maria")
    two = claim(case, ("photo", photo(case, credit_member=w["maria"])),
                ("photo", photo(case, credit_member=w["pavel"])))
    s = summary(case, two)
    assert not s.weak
    assert "photos credited to Maria Lindqvist and Pavel Grishin" in s.describe()


def test_a_photo_credit_never_names_a_protected_source(case: CaseFile, w) -> None:
    made = claim(case, ("excerpt", w["ex_news"]), ("photo", photo(case, credit_source=w["broker"])))
    text = summary(case, made).describe()
    assert "a photo credited to a customs broker" in text
    assert "Belov" not in text and "Artyom" not in text


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(evidence=st.lists(st.sampled_from(["q_petrov", "q_shvets", "ex_report", "ex_news",
                                          "iv_broker", "q_joint"]), max_size=3),
       credits=st.lists(st.sampled_from([None, "maria", "pavel", "petrov", "customs"]),
                        min_size=1, max_size=3))
def test_photos_never_count_as_sources_and_uncredited_ones_change_nothing(
        case: CaseFile, w, evidence: list[str], credits: list[str | None]) -> None:
    """Whatever the other evidence: adding photos leaves `independent_sources` alone, and
    an uncredited photo leaves the weaknesses alone too."""
    kinds = {"q": "quote", "ex": "excerpt", "iv": "interview"}
    links = [(kinds[e.split("_")[0]], w[e]) for e in evidence]
    before = summary(case, claim(case, *links))
    uncredited = summary(case, claim(case, *links, ("photo", photo(case))))
    assert uncredited.independent_sources == before.independent_sources
    # alone, it is some support, but never a second source
    assert uncredited.weaknesses == (before.weaknesses if links else ("single_source",))
    photos = [("photo", photo(case, **({} if c is None else {
        ("credit_member" if c in ("maria", "pavel") else "credit_source"): w[c]})))
        for c in credits]
    after = summary(case, claim(case, *links, *photos))
    assert after.independent_sources == before.independent_sources
    testimony = any(k in ("quote", "interview") for k, _t in links)
    if testimony or set(credits) == {None}:
        assert not after.corroborating_photos
    elif {"maria", "pavel"} & set(credits):  # staff are never one of the claim's sources
        assert after.corroborating_photos


# -- whole records ------------------------------------------------------------------------

def test_a_whole_interview_or_document_is_weaker_than_a_passage(case: CaseFile, w) -> None:
    iv = summary(case, claim(case, ("interview", w["iv_petrov"]), status="supported"))
    assert iv.weaknesses == ("whole_record",) and iv.independent_sources == 1
    assert iv.weakness_text("whole_record") == "linked to a whole interview, no passage marked"
    assert "WEAK: linked to a whole interview, no passage marked" in iv.describe()
    doc = summary(case, claim(case, ("document", w["news"]), status="supported"))
    assert doc.weakness_text("whole_record") == "linked to a whole document, no passage marked"
    both = summary(case, claim(case, ("interview", w["iv_petrov"]), ("interview", w["iv_shvets"]),
                               ("document", w["news"]), status="supported"))
    assert both.weaknesses == ("whole_record",) and both.independent_sources == 3
    assert both.weakness_text("whole_record") == \
        "linked to 2 whole interviews and a whole document, no passage marked"


def test_a_marked_passage_makes_the_whole_record_fine(case: CaseFile, w) -> None:
    passages = claim(case, ("interview", w["iv_petrov"]), ("quote", w["q_petrov"]),
                     ("document", w["news"]), ("excerpt", w["ex_news"]), status="supported")
    assert not summary(case, passages).weak
    # a passage that only gives context does not mark what supports the claim
    context = claim(case, ("interview", w["iv_petrov"]), ("quote", w["q_petrov"], "context"),
                    status="supported")
    assert summary(case, context).weaknesses == ("whole_record",)


def whole_interview_case(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "whole.casefile"
    with CaseFile.create(path, title="Whole", actor="tester") as case:
        petrov = case.sources.create(name="Yuri Petrov")
        iv = case.interviews.create(title="Petrov", transcript="Trucks wait for days.",
                                    interviewees=[petrov.uuid])
        whole = case.claims.create(statement="Trucks wait for days.", status="supported")
        case.evidence.create(claim=whole.uuid, interview=iv.uuid)
        fine = case.claims.create(statement="Trucks wait.", status="supported")
        quote = case.quotes.mark(iv.uuid, 0, 21, speaker=petrov.uuid)
        case.evidence.create(claim=fine.uuid, quote=quote.uuid)
        draft = case.drafts.create(
            headline="H", body=f"⟦claim:{whole.uuid}⟧Trucks wait for days⟦/claim⟧, Yuri "
                               f"Petrov said. ⟦claim:{fine.uuid}⟧They wait⟦/claim⟧.")
        return path, str(whole.uuid), str(draft.uuid)


def test_the_weak_list_and_the_checker_show_a_whole_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, whole, draft = whole_interview_case(tmp_path)
    assert main(["claims", str(path), "--weak", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["uuid"], c["weaknesses"]) for c in listed] == [(whole, ["whole_record"])]
    assert main(["claims", str(path), "--weak"]) == 0
    assert "linked to a whole interview, no passage marked" in capsys.readouterr().out
    with CaseFile.open(path, actor="tester") as case:
        findings = [f for f in case.drafts.check(draft) if f.kind.startswith("claim_")]
    assert [(f.kind, f.blocking, f.excerpt) for f in findings] == \
        [("claim_whole_record", False, "Trucks wait for days")]
    assert "no passage marked" in findings[0].message


# -- ground rules, bodies, status ---------------------------------------------------------

def test_a_sources_own_ground_rules_bar_print(case: CaseFile, w) -> None:
    """The interviews are on the record; the sources are not (as the attribution reads)."""
    off = summary(case, claim(case, ("quote", w["q_offrec"]), status="supported"))
    assert off.weaknesses == ("off_record_only",) and not off.usable_in_print
    assert off.independent_sources == 0
    deep = summary(case, claim(case, ("quote", w["q_deep"]), status="supported"))
    assert deep.weaknesses == ("deep_background_only",) and deep.independent_sources == 0
    mixed = summary(case, claim(case, ("quote", w["q_deep"]), ("quote", w["q_offrec"]),
                                status="supported"))
    assert mixed.weaknesses == ("deep_background_only",)  # was: not weak at all
    with_print = summary(case, claim(case, ("quote", w["q_offrec"]), ("quote", w["q_petrov"]),
                                     status="supported"))
    assert not with_print.weak and not with_print.usable_in_print
    assert with_print.independent_sources == 1


def test_a_body_is_one_source_under_any_of_its_names(case: CaseFile, w) -> None:
    """The typed publisher "The Far Eastern Customs Directorate", the directorate's own
    record, its linked report and its spokesman: one voice."""
    typed = claim(case, ("document", w["typed"]), ("excerpt", w["ex_report"]))
    assert summary(case, typed).independent_sources == 1
    spokesman = claim(case, ("quote", w["q_spokesman"]), ("excerpt", w["ex_report"]))
    assert summary(case, spokesman).independent_sources == 1
    assert "single_source" in summary(case, spokesman).weaknesses
    typed_and_spokesman = claim(case, ("quote", w["q_spokesman"]), ("document", w["typed"]))
    assert summary(case, typed_and_spokesman).independent_sources == 1
    # two people of one body, with nothing from the body itself, are two people
    colleagues = claim(case, ("quote", w["q_spokesman"]), ("quote", w["q_colleague"]))
    assert summary(case, colleagues).independent_sources == 2
    # and a different outlet is a different source
    assert summary(case, claim(case, ("excerpt", w["ex_report"]),
                               ("excerpt", w["ex_news"]))).independent_sources == 2


def test_one_unnamed_speaker_of_a_joint_interview_is_one_voice(case: CaseFile, w) -> None:
    unnamed = summary(case, claim(case, ("quote", w["q_joint"])))
    assert unnamed.independent_sources == 1 and "single_source" in unnamed.weaknesses
    joint = summary(case, claim(case, ("interview", w["iv_joint"])))
    assert joint.independent_sources == 1
    # it may be Mr. Petrov: with his own quote it adds no second voice…
    assert summary(case, claim(case, ("quote", w["q_joint"]),
                               ("quote", w["q_petrov"]))).independent_sources == 1
    # …but two named speakers are two
    assert summary(case, claim(case, ("quote", w["q_joint"]), ("quote", w["q_petrov"]),
                               ("quote", w["q_shvets"]))).independent_sources == 2


def test_disputed_without_contradicting_evidence_is_weak(case: CaseFile, w) -> None:
    disputed = summary(case, claim(case, ("quote", w["q_petrov"]), ("quote", w["q_shvets"]),
                                   status="disputed"))
    assert disputed.weaknesses == ("disputed",)
    contradicted = summary(case, claim(case, ("quote", w["q_petrov"]),
                                       ("quote", w["q_shvets"], "contradicts"),
                                       status="disputed"))
    assert contradicted.weaknesses == ("contradicted",)  # said once


def test_the_summary_line_says_how_much_evidence_can_go_to_print(case: CaseFile, w) -> None:
    """Each phrase of describe() carries its noun, and a claim resting only on what cannot be
    printed reads "no evidence usable", not "some evidence not usable"."""
    off = summary(case, claim(case, ("quote", w["q_offrec"]), status="supported"))
    assert off.describe() == ("0 independent sources; no evidence usable in print — WEAK: "
                              "rests only on off-the-record material")
    deep = summary(case, claim(case, ("quote", w["q_deep"]), ("quote", w["q_offrec"]),
                               status="supported"))
    assert "; no evidence usable in print — WEAK: rests only on material that cannot be " \
        "attributed" in deep.describe()
    some = summary(case, claim(case, ("quote", w["q_offrec"]), ("quote", w["q_petrov"]),
                               status="supported"))
    assert some.describe() == "1 independent source; some evidence not usable in print"
    contradicted = summary(case, claim(case, ("quote", w["q_petrov"]),
                                       ("quote", w["q_shvets"], "contradicts"),
                                       ("excerpt", w["ex_news"], "contradicts"),
                                       status="supported"))
    assert contradicted.describe() == (
        "1 independent source; contradicted by 2 pieces of evidence; all evidence usable in "
        "print — WEAK: some evidence contradicts it")
    one = summary(case, claim(case, ("quote", w["q_petrov"]),
                              ("quote", w["q_shvets"], "contradicts"), status="supported"))
    assert "; contradicted by 1 piece of evidence;" in one.describe()
    for text in (s.describe() for s in (off, deep, some, contradicted, one)):
        assert "all usable" not in text and not any(
            part.strip().split(" ")[-1].isdigit() for part in text.split(";"))


def test_nothing_supporting_is_not_all_usable_in_print(case: CaseFile, w) -> None:
    empty = summary(case, claim(case, ("excerpt", w["ex_news"], "context"), status="supported"))
    assert not empty.usable_in_print
    assert empty.describe() == "0 independent sources — WEAK: no supporting evidence"


def _all_claims(case: CaseFile) -> Iterator[tuple[Any, Any]]:
    for row in case.claims.rows(batch=2):
        yield row.summary, case.claims.summary(row.claim.uuid)


def test_rows_and_summary_agree_after_credits_go_to_the_trash(case: CaseFile, w) -> None:
    claim(case, ("excerpt", w["ex_report"]), ("photo", photo(case, credit_member=w["maria"])))
    claim(case, ("excerpt", w["ex_news"]), ("photo", photo(case, credit_source=w["shvets"])))
    case.trash.delete(case.team.get(w["maria"].uuid), cascade=True)
    case.trash.delete(case.sources.get(w["shvets"].uuid), cascade=True)
    pairs = list(_all_claims(case))
    assert pairs and all(a == b for a, b in pairs)
    assert all(not a.corroborating_photos for a, _b in pairs)
