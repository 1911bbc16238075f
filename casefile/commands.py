"""Mutations as values: each command is applied by one unit of work and returns `Changes`.

    changes = case.apply(Update("source", petrov, {"role_title": "timber trader"}))
    changes.touches("source")  # True

The services' own calls (`case.sources.update(…)`) run through the same write path and
report the same `Changes` to subscribers; a command is the form to use where the caller
wants the changes back, or builds mutations as data (an undo stack, a merge, a script).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casefile.changes import Changes
from casefile.errors import ValidationError
from casefile.services.base import Ref

if TYPE_CHECKING:
    from casefile.case import CaseFile


@dataclass(frozen=True)
class Create:
    """A new record of `kind` ("source", "quote", …) with these fields."""

    kind: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Update:
    """Some fields of one record."""

    kind: str
    ref: Ref
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Trash:
    """One record, and what it owns, to the trash (`cascade`: with the links on it)."""

    kind: str
    ref: Ref
    cascade: bool = False


@dataclass(frozen=True)
class Restore:
    """A trash entry back (by the entry's UUID)."""

    entry: Ref


@dataclass(frozen=True)
class Purge:
    """A trash entry deleted for good."""

    entry: Ref


@dataclass(frozen=True)
class SetTag:
    """Tag a record (`on`) or take the tag off."""

    kind: str
    ref: Ref
    name: str
    on: bool = True


@dataclass(frozen=True)
class ImportBundle:
    """A bundle's records added to the case (all or nothing)."""

    path: Path | str


Command = Create | Update | Trash | Restore | Purge | SetTag | ImportBundle


def apply(case: CaseFile, command: Command) -> Changes:
    """Apply one command in one unit of work; what it changed."""
    with case._store.write():
        if isinstance(command, Create):
            case.service(command.kind).create(**command.fields)
        elif isinstance(command, Update):
            case.service(command.kind).update(command.ref, **command.fields)
        elif isinstance(command, Trash):
            case.trash.delete(case.get_record(command.kind, command.ref),
                              cascade=command.cascade)
        elif isinstance(command, Restore):
            case.trash.restore(command.entry)
        elif isinstance(command, Purge):
            case.trash.purge(command.entry)
        elif isinstance(command, SetTag):
            record = case.get_record(command.kind, command.ref)
            if command.on:
                case.tags.tag(record, command.name)
            else:
                case.tags.untag(record, command.name)
        elif isinstance(command, ImportBundle):
            from casefile.bundle import import_bundle

            import_bundle(case, command.path)
        else:
            raise ValidationError(f"not a command: {command!r}")
    return case._store.last_changes()
