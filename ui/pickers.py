"""Pickers the forms share: date-time and date fields that show their time zone
(ui/date_fields.py), and searchable multi-selects of sources (interviewees, people in a
photo, a request's recipient) and of claims (what a request is about).

A protected source shows as its pseudonym with a lock — its real name only in a tooltip —
so a confidential name does not sit in a form someone may screenshot or share.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from casefile.case import CaseFile
from casefile.read_models import SourceData, TeamMemberData
from ui.date_fields import DateField, DateTimeField, as_datetime, offset_text
from ui.kinds import tr
from ui.record_picker import IN_MEMORY_CAP, SHOWN_MATCHES, RecordPicker

__all__ = ["ClaimPicker", "CreditPicker", "DateField", "DateTimeField", "PeoplePicker",
           "RecordPicker", "as_datetime", "offset_text", "person_label", "person_tip",
           "public_label"]

LOCK = "🔒 "


def public_label(source: Any) -> str:
    """THE way the app names a source wherever someone else could see or copy it (pickers,
    chips, credit, recipients, list columns, menus): its name when it is on the record;
    otherwise — the core's rule, `SourceData.is_protected` (casefile/identity.py,
    casefile/redaction.py) — its pseudonym with a lock. Never the real name or the short
    name: the short name is a part of the real name, which redaction blanks too."""
    if source is None:
        return ""
    if not source.ground_rules.may_name:
        return LOCK + (str(source.attribution_phrase or "").strip() or tr("protected source"))
    return str(source.name)


def person_label(source: SourceData) -> str:
    """How a picker shows a source (see `public_label`)."""
    return public_label(source)


def person_tip(source: SourceData) -> str:
    """The tooltip: for a protected source its real name, marked as never printed."""
    if not source.is_protected:
        return source.role_title or source.name
    return tr("{n} — protected: never named outside this file").replace("{n}", source.name)


class PeoplePicker(RecordPicker):
    """Sources: interviewees, people in a photo, a request's recipient. A protected source
    shows as its pseudonym with a lock; what is typed can become a new source on the spot."""

    KIND = "source"

    def __init__(self, case: CaseFile, parent: QWidget | None = None, *,
                 allow_create: bool = True, single: bool = False,
                 placeholder: str = "") -> None:
        super().__init__(case, parent, single=single,
                         placeholder=placeholder or tr("Type a name to add a source…"))
        self.allow_create = allow_create
        self.empty.setText(tr("No one yet."))

    def label(self, record: Any) -> str:
        """The name, or a protected source's pseudonym with a lock."""
        return person_label(record)

    def tip(self, record: Any) -> str:
        """The role, or a protected source's real name marked as never printed."""
        return person_tip(record)

    def hay(self, record: Any) -> str:
        """Name, pseudonym, short name, role and affiliation."""
        return " ".join((record.name, record.attribution_phrase, record.short_name,
                         record.role_title, record.affiliation))

    def same(self, record: Any, typed: str) -> bool:
        """Typed as shown or by the real name: that source exists, nothing to create."""
        return typed.casefold() in (self.label(record).casefold(), record.name.casefold())

    def page_order(self) -> str | None:
        """By name."""
        return "name"

    def create_record(self, text: str) -> SourceData:
        """A new source by that name (on the record until the reporter says otherwise)."""
        source: SourceData = self.case.sources.create(name=text)
        return source

    def set_people(self, people: Sequence[SourceData]) -> None:
        """Show the chosen sources (loading a record: not a change)."""
        self.set_records(people)

    def people(self) -> list[SourceData]:
        """The chosen sources, in the order shown."""
        return self.records()


class ClaimPicker(RecordPicker):
    """Claims: those a request for comment is about."""

    KIND = "claim"

    def __init__(self, case: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(case, parent, placeholder=tr("Type words of a claim to add it…"))
        self.empty.setText(tr("No claims yet."))

    def label(self, record: Any) -> str:
        """The statement (shortened: the tooltip has it whole)."""
        text = " ".join(str(record.statement).split())
        return text if len(text) <= 90 else text[:89] + "…"

    def tip(self, record: Any) -> str:
        """The whole statement."""
        return str(record.statement)

    def hay(self, record: Any) -> str:
        """The statement."""
        return str(record.statement)


class CreditPicker(PeoplePicker):
    """Who a photo is credited to: ONE team member or source, found by typing (members from
    the team, sources as PeoplePicker finds them — none is out of reach however many there
    are, and nothing is loaded until something is typed). `credit()` gives the two fields
    the core keeps, `credit_member` and `credit_source`."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(case, parent, allow_create=False, single=True,
                         placeholder=tr("Type the name of a team member or a source…"))
        self.empty.setText(tr("No credit."))
        self._team: list[TeamMemberData] | None = None

    @staticmethod
    def _is_member(record: Any) -> bool:
        return isinstance(record, TeamMemberData)

    def label(self, record: Any) -> str:
        """'Anna Petrova (team)', 'Vera Open (source)', '🔒 a port official (source)'."""
        if self._is_member(record):
            return tr("{n} (team)").replace("{n}", record.name)
        return tr("{n} (source)").replace("{n}", public_label(record))

    def tip(self, record: Any) -> str:
        """A member's role; a source as PeoplePicker says it."""
        if self._is_member(record):
            return tr(str(getattr(record.role, "value", record.role)).replace("_", " "))
        return person_tip(record)

    def hay(self, record: Any) -> str:
        """A member's name and city; a source's words."""
        if self._is_member(record):
            return f"{record.name} {record.base_city}"
        return super().hay(record)

    def key_of(self, record: Any) -> str:
        """'team_member:…' or 'source:…' (the two kinds share the lists)."""
        return ("team_member:" if self._is_member(record) else "source:") + str(record.uuid)

    def fetch(self, key: str) -> Any:
        """The member or source a key stands for."""
        kind, _, uid = key.partition(":")
        service = self.case.team if kind == "team_member" else self.case.sources
        return service.get(uuid.UUID(uid))

    def matches(self, typed: str) -> list[Any]:
        """Team members holding every word (a team is small: read once, filtered in
        memory), then sources."""
        words = typed.casefold().split()
        if not words:
            return []
        if self._team is None:
            self._team = self.case.team.page(limit=IN_MEMORY_CAP, order_by="name")
        members = [m for m in self._team if all(w in self.hay(m).casefold() for w in words)]
        return (members + super().matches(typed))[:SHOWN_MATCHES]

    def set_records(self, records: Sequence[Any]) -> None:
        """Show the credit (loading a photo: not a change); names are read again."""
        self._team = None
        super().set_records(records)

    def set_credit(self, member: Any, source: Any) -> None:
        """Show a photo's credit (loading: not a change)."""
        chosen = member or source
        self.set_records([chosen] if chosen is not None else [])

    def credit(self) -> dict[str, str | None]:
        """The credit chosen, as the core's two fields."""
        fields: dict[str, str | None] = {"credit_member": None, "credit_source": None}
        for record in self.records():
            field = "credit_member" if self._is_member(record) else "credit_source"
            fields[field] = str(record.uuid)
        return fields
