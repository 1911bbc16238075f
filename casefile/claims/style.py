"""The house style: how a newsroom attributes, and writes dates."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from casefile.errors import ValidationError

_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
              "Oct.", "Nov.", "Dec.")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_UK_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
OUTLET_MAX = 120  # a newspaper's name, not a paragraph
COURTESY = ("Mr. ", "Mrs. ", "Ms. ", "Miss ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr ")


@dataclass(frozen=True)
class HouseStyle:
    """A small, documented style record; stored on the case as JSON."""

    courtesy_titles: bool = True  # "Mr. Petrov" on second reference, else "Petrov"
    verb: str = "said"  # "said" (news) or "says" (features)
    date_style: str = "us"  # us: Nov. 12, 2026 · uk: 12 Nov 2026 · iso: 2026-11-12
    # The outlet staff report for, as the author tagline prints it ("The Northern Ledger");
    # a team member's own outlet wins (a stringer for another paper).
    outlet: str = ""

    def __post_init__(self) -> None:
        self._check_types()
        if not isinstance(self.outlet, str):
            raise ValidationError("house style: outlet must be text")
        if len(self.outlet) > OUTLET_MAX:
            raise ValidationError(f"house style: outlet is longer than {OUTLET_MAX} characters")
        if any(ord(ch) < 32 or ch in "\x7f\u2028\u2029" for ch in self.outlet):
            raise ValidationError("house style: outlet must be one line of text")
        try:
            self.outlet.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError("house style: outlet contains invalid Unicode") from None
        if self.verb not in ("said", "says"):
            raise ValidationError("house style: verb must be 'said' or 'says'")
        if self.date_style not in ("us", "uk", "iso"):
            raise ValidationError("house style: date_style must be 'us', 'uk' or 'iso'")

    def _check_types(self) -> None:
        if not isinstance(self.courtesy_titles, bool):
            raise ValidationError("house style: courtesy_titles must be true or false")

    @classmethod
    def problems(cls, data: Any) -> dict[str, str]:
        """Each stored key whose value this version cannot use, with why (a bundle names
        them and is refused; see `from_dict` for a stored style)."""
        if not isinstance(data, dict):
            return {"": "the house style must be an object"}
        known = {f.name for f in fields(cls)}
        out = {}
        for key, value in data.items():
            if key not in known:
                continue
            try:
                cls(**{key: value})
            except (ValidationError, TypeError) as exc:
                out[key] = str(exc).removeprefix("house style: ")
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> HouseStyle:
        """A style from stored JSON; unknown keys are ignored, missing ones take defaults, and
        a value this version cannot use (a hand-edited file) takes its default too — a bad
        style must not stop every attribution, export and the dialog that would fix it."""
        known = {f.name for f in fields(cls)}
        data = data if isinstance(data, dict) else {}
        bad = cls.problems(data)
        return cls(**{k: v for k, v in data.items() if k in known and k not in bad})

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept in `case_info.house_style`."""
        return asdict(self)

    def note_date(self, value: date | datetime) -> str:
        """A date in a note, comment or evidence line: Chicago notes spell the month in full
        ("October 14, 2026"; uk "14 October 2026"; iso as is), as the citations beside it
        do; body text keeps `date`."""
        d = value.date() if isinstance(value, datetime) else value
        if self.date_style == "iso":
            return d.isoformat()
        if self.date_style == "uk":
            return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"

    def note_month(self, value: date | datetime) -> str:
        """Only the month and year ("October 2026"; iso "2026-10"): when a protected source
        was interviewed, no closer than that."""
        d = value.date() if isinstance(value, datetime) else value
        if self.date_style == "iso":
            return f"{d.year:04d}-{d.month:02d}"
        return f"{_MONTHS[d.month - 1]} {d.year}"

    def date(self, value: date | datetime) -> str:
        """A date in the house style."""
        d = value.date() if isinstance(value, datetime) else value
        if self.date_style == "iso":
            return d.isoformat()
        if self.date_style == "uk":
            return f"{d.day} {_UK_MONTHS[d.month - 1]} {d.year}"
        return f"{_AP_MONTHS[d.month - 1]} {d.day}, {d.year}"

    def second_reference(self, name: str, short_name: str) -> str:
        """How a person is named after the first reference."""
        if short_name:
            if self.courtesy_titles:
                return short_name
            for title in COURTESY:
                if short_name.startswith(title):
                    return short_name[len(title):]
            return short_name
        return name.split()[-1] if name.split() else name
