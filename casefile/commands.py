"""Mutations as values: each command is applied by one unit of work and returns `Changes`.

    changes = case.apply(Update("source", petrov, {"role_title": "timber trader"}))
    changes.touches("source")  # True

The services' own calls (`case.sources.update(…)`) run through the same write path and
report the same `Changes` to subscribers; a command is the form to use where the caller
wants the changes back, or builds mutations as data (an undo stack, a merge, a script).
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
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


@dataclass(frozen=True)
class UpdateMany:
    """The same fields set on many records of one kind (a batch edit: one caption, credit or
    rights note for a hundred photos)."""

    kind: str
    refs: Sequence[Ref]
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Batch:
    """Several commands as ONE unit of work: all of them, or — if one is refused — none (a
    batch edit, and its undo)."""

    commands: Sequence[Command]


Command = (Create | Update | UpdateMany | Trash | Restore | Purge | SetTag | ImportBundle
           | Batch)


def apply(case: CaseFile, command: Command) -> Changes:
    """Apply one command in one unit of work; what it changed."""
    with case._store.write():
        _run(case, command)
    return case._store.last_changes()


def apply_steps(case: CaseFile, command: Command, every: int = 50,
                results: list[Any] | None = None) -> Generator[int, None, None]:
    """Apply a command in one unit of work, yielding how many of its steps (the records of
    an `UpdateMany`, the commands of a `Batch`) are done every `every` of them, for a
    progress bar off the UI thread. Closing the iterator before its end (a cancel) rolls
    everything back. `results` receives what each step returned (a trash entry…)."""
    steps = _steps(command)
    out = results if results is not None else []
    with case._store.write():
        for done, step in enumerate(steps, 1):
            out.append(_run(case, step))
            if done % every == 0 and done < len(steps):
                yield done
    yield len(steps)


def step_count(command: Command) -> int:
    """How many steps `apply_steps` reports for a command (its progress bar's end)."""
    return len(_steps(command))


def _steps(command: Command) -> list[Command]:
    if isinstance(command, Batch):
        return [s for c in command.commands for s in _steps(c)]
    if isinstance(command, UpdateMany):
        return [Update(command.kind, ref, command.fields) for ref in command.refs]
    return [command]


def _run(case: CaseFile, command: Command) -> Any:
    """One command inside the caller's unit of work; what its service call returned."""
    if isinstance(command, Create):
        return case.service(command.kind).create(**command.fields)
    if isinstance(command, Update):
        return case.service(command.kind).update(command.ref, **command.fields)
    if isinstance(command, UpdateMany | Batch):
        return [_run(case, step) for step in _steps(command)]
    if isinstance(command, Trash):
        return case.trash.delete(case.get_record(command.kind, command.ref),
                                 cascade=command.cascade)
    if isinstance(command, Restore):
        return case.trash.restore(command.entry)
    if isinstance(command, Purge):
        return case.trash.purge(command.entry)
    if isinstance(command, SetTag):
        record = case.get_record(command.kind, command.ref)
        if command.on:
            return case.tags.tag(record, command.name)
        return case.tags.untag(record, command.name)
    if isinstance(command, ImportBundle):
        from casefile.bundle import import_bundle

        return import_bundle(case, command.path)
    raise ValidationError(f"not a command: {command!r}")

