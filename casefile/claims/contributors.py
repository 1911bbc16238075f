"""The contributor line printed at the end of a story, in italics, as wire services do:
"Olena Kovalenko and Taras Melnyk in Kyiv and Anne Dupont in Brussels contributed to this
article."

It names the team members whose role is *contributor* and who are not on the draft's
byline (the byline already credits them), in the order they joined the team. People based
in the same city are grouped under it (AP/Reuters: "A and B in Kyiv and C in Brussels"), so
a list of cities never has to line up with a list of names; people whose base is unknown
follow in a clause of their own ("…, as did D."). A contributor reporting for another
outlet than the house's is named with it ("A of Hromadske in Kyiv"), as a shared credit
must say whose reporter it was.

Nothing protected can slip in: a confidential source is never a team member, but a name the
identity matcher recognises as a protected source's (a contributor sharing a protected
source's name) is left out rather than printed, and the Word export scans the line again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casefile.claims.style import HouseStyle
from casefile.claims.tagline import _clean
from casefile.models import TeamRole

if TYPE_CHECKING:
    from casefile.case import CaseFile

ENDING = "contributed to this article."


@dataclass(frozen=True)
class Contributor:
    """One person the line credits: name, the outlet to name (or ""), the base city."""

    name: str
    outlet: str = ""
    city: str = ""

    @property
    def who(self) -> str:
        """'Anne Dupont' or 'Anne Dupont of Hromadske'."""
        return f"{self.name} of {self.outlet}" if self.outlet else self.name


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def contributors(members: Iterable[Any], style: HouseStyle,
                 byline: Collection[object] = (),
                 protected: Callable[[str], bool] | None = None) -> list[Contributor]:
    """The members to credit, in order, once each: role contributor, not trashed, not on the
    byline (`byline`: their UUIDs), not a protected name. `members` are team members (ORM
    objects or read models: name, role, base_city, outlet, uuid, trash_id)."""
    house = _clean(style.outlet).casefold()
    out: list[Contributor] = []
    seen: set[object] = set()
    for m in members:
        name = _clean(m.name)
        if (not name or m.role is not TeamRole.CONTRIBUTOR or m.uuid in seen
                or m.uuid in byline or getattr(m, "trash_id", None) is not None):
            continue
        if protected is not None and protected(name):
            continue
        seen.add(m.uuid)
        outlet = _clean(m.outlet)
        out.append(Contributor(name, "" if outlet.casefold() == house else outlet,
                               _clean(m.base_city)))
    return out


def contributor_line(people: Iterable[Contributor]) -> str:
    """'A in Kyiv, B in Odesa and C in Brussels contributed to this article.' ('' for no
    one). Cities keep the order of the first person based there; people with no known base
    follow in a clause of their own ("…, as did D."), since "A in Kyiv and D" could place D
    in Kyiv."""
    groups: dict[str, tuple[str, list[str]]] = {}
    unplaced: list[str] = []
    for person in people:
        if not person.city:
            unplaced.append(person.who)
            continue
        groups.setdefault(person.city.casefold(), (person.city, []))[1].append(person.who)
    placed = [f"{_join(names)} in {city}" for city, names in groups.values()]
    if not placed:
        return f"{_join(unplaced)} {ENDING}" if unplaced else ""
    line = f"{_join(placed)} {ENDING}"
    return line[:-1] + f", as did {_join(unplaced)}." if unplaced else line


def line_for_draft(case: CaseFile, draft: object) -> str:
    """The contributor line generated for a draft from the case's team, through the public
    calls (the app's "Generate from the team"; slow on a large case: run it on a worker).

    Protected identities are those of every source, the trashed too (a confidential source
    in the trash is still protected), matched as the export matches them (look-alike letters,
    invisible characters): a member whose name, outlet or city holds one is left out, and the
    finished line is checked again — ValidationError if it still holds one."""
    from casefile.errors import ValidationError
    from casefile.identity import IdentityMatcher

    data = case.drafts.get(draft)  # type: ignore[arg-type]
    on_byline = {b.member.uuid for b in data.byline}
    members: list[Any] = []
    for start in range(0, case.team.count() + 1, 500):
        members += case.team.page(offset=start, limit=500, order_by="id")
    matcher = IdentityMatcher.for_sources(case.sources.every())

    def protected(text: str) -> bool:
        return bool(matcher) and bool(matcher.find(text))

    people = [p for p in contributors(members, case.house_style(), on_byline, protected)
              if not protected(f"{p.who} in {p.city}")]
    line = contributor_line(people)
    if protected(line):
        raise ValidationError("the contributor line would name a protected source; write "
                              "it by hand")
    return line
