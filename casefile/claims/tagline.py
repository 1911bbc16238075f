"""The author tagline printed at a story's foot: "Maria Lindqvist is a reporter for The Northern
Ledger, based in Helsinki." ("… for The Northern Ledger in Helsinki" would read as if the paper
were in Helsinki: the city is the person's base, so it always follows "based in".)

The reporter's own wording (`Draft.author_tagline`) wins; otherwise it is written from the
byline's team members — role, outlet (the member's own, else the house style's) and base
city. People are joined into one sentence when they share an outlet and their places can be
said without confusion; otherwise each gets a sentence of their own. A person of whom only the
role is known is left out (the byline already names them), so a byline with nothing more to
say gives "" and nothing is printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casefile.claims.style import HouseStyle
from casefile.models import Draft, TeamMember, TeamRole

_STRAY = ".,;:–- "  # punctuation that may not start or end a name or place as printed
_ROLE_NOUN = {
    TeamRole.REPORTER: "reporter", TeamRole.CONTRIBUTOR: "contributor",
    TeamRole.FIXER: "fixer", TeamRole.TRANSLATOR: "translator",
    TeamRole.PHOTOGRAPHER: "photographer", TeamRole.EDITOR: "editor",
}


@dataclass(frozen=True)
class Author:
    """What the tagline can say about one person on the byline."""

    name: str
    role: str  # a noun: "reporter"
    outlet: str
    city: str

    @property
    def known(self) -> bool:
        """Whether there is more to say than the byline already does."""
        return bool(self.outlet or self.city)


def _clean(text: str) -> str:
    """One line, single spaces, no stray punctuation at the ends; "" for no word at all."""
    text = " ".join((text or "").split()).lstrip(_STRAY)
    tail = len(text) - len(text.rstrip(_STRAY))
    if tail:  # "Acme Inc." keeps its stop; "Helsinki," and "Oulu.." lose theirs
        text = text[:-tail] + ("." if "." in text[-tail:] else "")
    return text if any(ch.isalnum() for ch in text) else ""


def a_or_an(noun: str) -> str:
    """'a reporter', 'an editor' (by the first letter: the role nouns have no silent h)."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _sentence(text: str) -> str:
    """End with one full stop ('Acme Inc.' does not take a second)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def authors(members: Iterable[TeamMember], style: HouseStyle) -> list[Author]:
    """The byline's people in order, once each, with the house outlet filled in."""
    out: list[Author] = []
    seen: set[object] = set()
    for m in members:
        name = _clean(m.name)
        if not name or m.uuid in seen or m.trash_id is not None:
            continue
        seen.add(m.uuid)
        out.append(Author(name, _ROLE_NOUN.get(m.role, "reporter"),
                          _clean(m.outlet) or _clean(style.outlet), _clean(m.base_city)))
    return out


def _place(outlet: str, city: str) -> str:
    """' for The Northern Ledger, based in Helsinki', ' for X', ' based in Helsinki' or ''."""
    if outlet and city:
        return f" for {outlet}, based in {city}"
    if outlet:
        return f" for {outlet}"
    return f" based in {city}" if city else ""


def one_person(author: Author) -> str:
    """'Maria Lindqvist is a reporter based in Helsinki.' ('' when only the role is known)."""
    if not author.known:
        return ""
    return _sentence(f"{author.name} is {a_or_an(author.role)}"
                     f"{_place(author.outlet, author.city)}")


def _together(group: list[Author]) -> str | None:
    """One sentence for several people who share an outlet, or None when one sentence would
    blur who works where (different outlets, some places unknown, or a place list that no
    longer lines up with the names)."""
    outlets = {a.outlet for a in group}
    cities = [a.city for a in group]
    if len(outlets) != 1 or (any(cities) and not all(cities)):
        return None
    outlet = outlets.pop()
    shared = len(set(cities)) == 1
    if not shared and len(set(cities)) != len(cities):
        return None
    if len({a.role for a in group}) == 1:
        who, gapped = f"{_join([a.name for a in group])} are {group[0].role}s", False
    else:
        who, gapped = _join([f"{a.name} {'is ' if i == 0 else ''}{a_or_an(a.role)}"
                             for i, a in enumerate(group)]), True
    if shared:
        city = cities[0]
        if not gapped or not city:
            return _sentence(who + _place(outlet, city))
        # "… is a reporter and B a photographer based in Oulu" would place only B there.
        return _sentence(f"{who}{_place(outlet, '')}, "
                         f"{'both' if len(group) == 2 else 'all'} based in {city}")
    return _sentence(f"{who}{_place(outlet, '')}, based in {_join(cities)}")


def tagline_for(people: list[Author]) -> str:
    """The generated tagline for these people ('' when nothing can be said)."""
    known = [a for a in people if a.known]
    if not known:
        return ""
    if len(known) > 1:
        joined = _together(known)
        if joined is not None:
            return joined
    return " ".join(one_person(a) for a in known)


def author_tagline(draft: Draft, style: HouseStyle) -> str:
    """The tagline a draft prints: its own if the reporter wrote one, else generated."""
    return _clean(draft.author_tagline) or generated_tagline(draft, style)


def generated_tagline(draft: Draft, style: HouseStyle) -> str:
    """The tagline written from the draft's byline, whatever the reporter typed."""
    return tagline_for(authors((b.member for b in draft.byline), style))
