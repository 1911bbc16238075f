"""The author tagline, the house style's outlet, and the publication facts a draft's versions
keep — real case files, read back through the services."""

from __future__ import annotations

import re
import string
import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile import CaseFile
from casefile.claims.style import OUTLET_MAX, HouseStyle
from casefile.claims.tagline import a_or_an, tagline_for
from casefile.claims.tagline import authors as tagline_authors
from casefile.errors import ValidationError
from casefile.models import TeamMember, TeamRole


def byline_draft(case: CaseFile, *people: dict[str, object]) -> object:
    """A draft whose byline is these team members, in order."""
    members = [case.team.create(**p) for p in people]
    return case.drafts.create(headline="Payments stall on the Amur",
                              byline=[m.uuid for m in members])


MARIA = {"name": "Maria Lindqvist", "role": TeamRole.REPORTER, "base_city": "Helsinki"}
ILKKA = {"name": "Ilkka Rantanen", "role": TeamRole.PHOTOGRAPHER, "base_city": "Oulu"}


def test_one_reporter_with_the_house_outlet(case: CaseFile) -> None:
    case.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    draft = byline_draft(case, MARIA)
    # The city is where she is based, not where the paper is.
    assert case.drafts.tagline(draft.uuid) == \
        "Maria Lindqvist is a reporter for The Northern Ledger, based in Helsinki."


def test_two_people_share_one_sentence_when_their_outlet_is_the_same(case: CaseFile) -> None:
    case.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    draft = byline_draft(case, MARIA, ILKKA)
    assert case.drafts.tagline(draft.uuid) == (
        "Maria Lindqvist is a reporter and Ilkka Rantanen a photographer for The Northern "
        "Ledger, based in Helsinki and Oulu.")


def test_same_city_and_same_role_read_as_one_group(case: CaseFile) -> None:
    draft = byline_draft(case, MARIA, dict(ILKKA, role=TeamRole.REPORTER, base_city="Helsinki"))
    assert case.drafts.tagline(draft.uuid) == \
        "Maria Lindqvist and Ilkka Rantanen are reporters based in Helsinki."
    other = byline_draft(case, dict(MARIA, name="Anna Kim"),
                         dict(ILKKA, name="Olli Salo", base_city="Helsinki"))
    # "… and Olli Salo a photographer based in Helsinki" would place only him there.
    assert case.drafts.tagline(other.uuid) == \
        "Anna Kim is a reporter and Olli Salo a photographer, both based in Helsinki."


def test_people_of_one_outlet_in_one_city_are_based_there_not_the_outlet(
        case: CaseFile) -> None:
    case.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    same_role = byline_draft(case, MARIA, dict(ILKKA, role=TeamRole.REPORTER,
                                               base_city="Helsinki"))
    assert case.drafts.tagline(same_role.uuid) == (
        "Maria Lindqvist and Ilkka Rantanen are reporters for The Northern Ledger, "
        "based in Helsinki.")
    roles = byline_draft(case, dict(MARIA, name="Anna Kim"),
                         dict(ILKKA, name="Olli Salo", base_city="Helsinki"))
    assert case.drafts.tagline(roles.uuid) == (
        "Anna Kim is a reporter and Olli Salo a photographer for The Northern Ledger, "
        "both based in Helsinki.")
    three = byline_draft(case, dict(MARIA, name="Aino Aalto"),
                         dict(ILKKA, name="Eero Esko", base_city="Helsinki"),
                         dict(MARIA, name="Ville Vaara", role=TeamRole.EDITOR))
    assert case.drafts.tagline(three.uuid).endswith(
        "for The Northern Ledger, all based in Helsinki.")


def test_a_member_of_another_outlet_gets_a_sentence_of_their_own(case: CaseFile) -> None:
    case.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    draft = byline_draft(case, MARIA, dict(ILKKA, role=TeamRole.EDITOR, outlet="Yle"))
    assert case.drafts.tagline(draft.uuid) == (
        "Maria Lindqvist is a reporter for The Northern Ledger, based in Helsinki. "
        "Ilkka Rantanen is an editor for Yle, based in Oulu.")


def test_no_outlet_reads_based_in_and_nothing_known_prints_nothing(case: CaseFile) -> None:
    draft = byline_draft(case, dict(MARIA, role=TeamRole.CONTRIBUTOR))
    assert case.drafts.tagline(draft.uuid) == "Maria Lindqvist is a contributor based in Helsinki."
    bare = byline_draft(case, {"name": "Pavel Grishin", "role": TeamRole.FIXER})
    assert case.drafts.tagline(bare.uuid) == ""
    nobody = case.drafts.create(headline="No byline yet", byline=[])
    assert case.drafts.tagline(nobody.uuid) == ""
    outlet_only = byline_draft(case, {"name": "Kim Soo-jin", "outlet": "Acme Media Inc."})
    assert case.drafts.tagline(outlet_only.uuid) == "Kim Soo-jin is a reporter for Acme Media Inc."


def test_the_reporters_own_tagline_wins_and_the_generated_one_stays_available(
        case: CaseFile) -> None:
    draft = byline_draft(case, MARIA)
    case.drafts.update(draft.uuid, author_tagline="  Maria Lindqvist covers  the Nordics. ")
    assert case.drafts.tagline(draft.uuid) == "Maria Lindqvist covers the Nordics."
    assert case.drafts.tagline(draft.uuid, generated=True) == \
        "Maria Lindqvist is a reporter based in Helsinki."


def test_articles_of_every_role() -> None:
    assert [a_or_an(r) for r in ("reporter", "editor", "fixer", "translator")] == [
        "a reporter", "an editor", "a fixer", "a translator"]


def test_versions_keep_the_publication_date_and_tagline(case: CaseFile) -> None:
    draft = byline_draft(case, MARIA)
    case.drafts.update(draft.uuid, published_on=date(2026, 12, 1),
                       author_tagline="Maria Lindqvist reports from Helsinki.")
    version = case.drafts.snapshot(draft.uuid, "exported for the editor")
    case.drafts.update(draft.uuid, published_on=None, author_tagline="")
    kept = case.drafts.versions(draft.uuid)[-1]
    assert kept.uuid == version.uuid
    assert kept.snapshot["published_on"] == "2026-12-01"
    assert kept.snapshot["author_tagline"] == "Maria Lindqvist reports from Helsinki."
    assert case.drafts.snapshot(draft.uuid, "again").snapshot["published_on"] is None
    with pytest.raises(ValidationError):
        case.drafts.update(draft.uuid, published_on="2026-12-01")  # a date, not text


def test_house_outlet_is_stored_checked_and_defaults_for_older_styles(case: CaseFile) -> None:
    assert case.house_style().outlet == ""  # a style stored before version 10 has none
    case.set_house_style(HouseStyle(verb="says", outlet="The Northern Ledger"))
    assert case.house_style() == HouseStyle(verb="says", outlet="The Northern Ledger")
    assert HouseStyle.from_dict({"verb": "said"}).outlet == ""
    for bad in ("The Northern\nLedger", "x" * (OUTLET_MAX + 1), "Tab\there", "\ud800", 7):
        with pytest.raises(ValidationError):
            HouseStyle(outlet=bad)  # type: ignore[arg-type]


# What people type: words, perhaps with stray punctuation or spaces at either end.
_ends = st.text(alphabet=" .,;:-", max_size=3)
_words = st.builds(lambda a, b, c: a + b + c, _ends,
                   st.text(alphabet=string.ascii_letters + " '", max_size=14), _ends)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(alphabet=string.ascii_letters + " ", min_size=1, max_size=12),
                          st.sampled_from(sorted(TeamRole, key=str)), _words, _words),
                min_size=1, max_size=4))
def test_generated_taglines_never_dangle(people: list[tuple[str, TeamRole, str, str]]) -> None:
    """Whatever is known, the tagline is whole sentences: no 'for  in ', no doubled stops,
    every person of whom something is known named, nobody else."""
    members = [TeamMember(uuid=uuid.uuid4(), name=n, role=r, outlet=o, base_city=c)
               for n, r, o, c in people]
    authors = tagline_authors(members, HouseStyle())
    text = tagline_for(authors)
    known = [a for a in authors if a.outlet or a.city]
    assert [a.name for a in authors] == [" ".join(n.split()) for n, *_ in people if n.split()]
    if not known:
        assert text == ""
        return
    assert text.endswith(".") and not text.endswith("..")
    # What people typed stands as one word, so an outlet called "in" is not "for in".
    skeleton = text
    for typed in sorted({w for a in authors for w in (a.name, a.outlet, a.city) if w},
                        key=len, reverse=True):
        skeleton = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", "X", skeleton)
    for bad in ("  ", " .", " ,", "for in", "for  ", " in .", "based in .", ",,", "for ,",
                ",.", " and .", "based in ,"):
        assert bad not in skeleton
    for a in known:  # a city is where a person is based, never where the outlet is
        if a.outlet and a.city:
            assert f"for {a.outlet} in " not in text
    for a in known:
        assert a.name in text and a.role in text
        if a.city:
            assert a.city in text
        if a.outlet:
            assert a.outlet in text
