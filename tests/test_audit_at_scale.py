"""The audit log's matcher at the scale of a long investigation: adding one source to a case
of hundreds must not rebuild a matcher of all of them (a case built, imported or merged source
by source was quadratic: 5,000 sources took hours), and the layered matcher that avoids it
redacts exactly as one matcher would."""

from __future__ import annotations

from typing import Any

import pytest

from casefile import CaseFile
from casefile.db import audit_privacy
from casefile.identity import IdentityMatcher

FIRST = ["Wendeline", "Ysolde", "Thorkild", "Brannoc", "Isaura", "Corentin", "Maelis",
         "Odhran", "Sunniva", "Evander"]
LAST = ["Qorvath", "Brannagh", "Vellacourt", "Ostrander", "Pellinore", "Marchetti",
        "Lindqvist", "Havergal", "Tremaine", "Aldous"]


def name(i: int) -> str:
    return f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"


@pytest.fixture
def built(case: CaseFile, monkeypatch: pytest.MonkeyPatch) -> tuple[CaseFile, list[int]]:
    """100 protected sources, created one at a time; the sizes of every matcher built."""
    audit_privacy._stored.clear()
    audit_privacy._layers.clear()
    sizes: list[int] = []
    original = IdentityMatcher.for_sources.__func__  # type: ignore[attr-defined]

    def counting(cls: Any, sources: Any) -> IdentityMatcher:
        sources = list(sources)
        sizes.append(len(sources))
        return original(cls, sources)  # type: ignore[no-any-return]

    monkeypatch.setattr(IdentityMatcher, "for_sources", classmethod(counting))
    for i in range(100):
        case.sources.create(name=name(i), ground_rules="confidential",
                            attribution_phrase=f"a clerk ({i})")
    return case, sizes


def test_adding_sources_one_by_one_does_not_rebuild_a_matcher_of_all(
        built: tuple[CaseFile, list[int]]) -> None:
    _case, sizes = built
    # One full matcher per source would be 1 + 2 + … + 100 = 5,050 sources made into matchers.
    assert sum(sizes) < 1500, sum(sizes)


def test_the_layered_matcher_still_keeps_every_name_out_of_the_log(
        built: tuple[CaseFile, list[int]]) -> None:
    case, _sizes = built
    for i in (0, 57, 99):  # in the first full matcher, in a layer, the newest
        case.claims.create(statement=f"{name(i)} kept the ledger")
        case.interviews.create(title=f"Interview with {LAST[(i // 10) % 10].upper()}")
    on_record = case.sources.create(name="Anna Qorvath")  # shares a protected surname
    case.claims.create(statement="Anna Qorvath said so on the record")
    summaries = [e.summary for e in case.audit.entries(limit=1000)]
    for i in (0, 57, 99):
        first, last = name(i).split()
        assert not [s for s in summaries if first in s or
                    (last in s and "Anna Qorvath" not in s)], name(i)
    # created in the same flush as its own line: the name is allowed there, in every layer
    assert 'source "Anna Qorvath"' in summaries
    assert on_record.name == "Anna Qorvath"


def test_a_renamed_protected_source_makes_a_full_matcher_again(
        built: tuple[CaseFile, list[int]]) -> None:
    case, sizes = built
    target = next(s for s in case.sources.page(limit=200) if s.name == name(3))
    before = len(sizes)
    case.sources.update(target.uuid, name="Rosalind Quenneville")
    case.claims.create(statement="Quenneville and Thorkild met at the yard")
    assert max(sizes[before:]) >= 100  # the change reached a matcher of every source
    summaries = [e.summary for e in case.audit.entries(limit=1000)]
    assert not [s for s in summaries if "Quenneville" in s or "Thorkild" in s]


def test_a_source_renamed_and_protected_in_one_flush_is_not_named_by_its_old_name(
        case: CaseFile) -> None:
    """The layer for sources the stored matcher does not know carries their names from before
    the flush too: another record labelled in the same flush must not keep the old name."""
    from sqlalchemy import select

    from casefile.models.claims import Claim
    from casefile.models.enums import GroundRules
    from casefile.models.sources import Source

    made = case.sources.create(name="Ivan Quillfeather")  # on the record: not in the matcher
    with case._store.write() as s:
        source = s.scalars(select(Source).where(Source.uuid == made.uuid)).one()
        source.name = "I. Q."
        source.ground_rules = GroundRules.CONFIDENTIAL
        source.attribution_phrase = "a port official"
        s.add(Claim(statement="Ivan Quillfeather signed the manifests"))
    summaries = [e.summary for e in case.audit.entries(limit=100)]
    assert not [line for line in summaries if "Quillfeather" in line], summaries
