"""Role forms read from how a role is written: predicates a reporter types beyond the list of
known verbs, and noun phrases that look like them."""

from __future__ import annotations

import pytest

from casefile.claims.attribution import person_first_reference
from casefile.models import Source, SourceKind


def reference(role: str) -> str:
    return person_first_reference(Source(name="Anna Kim", role_title=role, location="Tver",
                                         kind=SourceKind.PERSON))


@pytest.mark.parametrize(("role", "printed"), [
    ("used to run a bakery in Tver", "Anna Kim, who used to run a bakery in Tver"),
    ("recently opened a bakery in Tver", "Anna Kim, who recently opened a bakery in Tver"),
    ("once owned a bakery in Tver", "Anna Kim, who once owned a bakery in Tver"),
    ("says he was beaten by police in Tver",
     "Anna Kim, who says he was beaten by police in Tver"),
    ("fishes on the Amur", "Anna Kim, who fishes on the Amur"),
])
def test_a_predicate_the_verb_list_does_not_know_is_a_clause(role: str, printed: str) -> None:
    assert reference(role) == printed


@pytest.mark.parametrize(("role", "printed"), [
    ("retired teacher", "Anna Kim, retired teacher in Tver"),
    ("trained nurse", "Anna Kim, trained nurse in Tver"),
    ("operations manager", "Anna Kim, operations manager in Tver"),
    ("customs broker", "Anna Kim, customs broker in Tver"),
    ("owner of a timber yard", "Anna Kim, owner of a timber yard in Tver"),
])
def test_noun_phrases_stay_appositives(role: str, printed: str) -> None:
    assert reference(role) == printed
