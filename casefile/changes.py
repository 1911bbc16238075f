"""What one committed unit of work touched: the `Changes` every write reports.

Every mutation of a case file — a service's create or update, a link, trash, restore, purge,
a bundle import — runs in one unit of work (`Store.write`); when it commits, the store
reports the records it created, updated and deleted as one `Changes` to whoever subscribed
(`CaseFile.subscribe`), and `CaseFile.apply` returns it. A view refreshes when the kinds it
shows are among `changes.kinds` (Anki's `OpChanges` is the model).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# A kind with more touched records than this in one unit of work (a bundle import) is
# reported as a whole kind (`Changes.bulk`), not record by record.
MAX_LISTED = 1000


class Touched(NamedTuple):
    """One record a unit of work touched: its kind name ("source", "quote", …) and UUID."""

    kind: str
    uuid: uuid.UUID


@dataclass(frozen=True)
class Changes:
    """The records one committed unit of work created, updated (trash and restore included:
    they change a record's state) and deleted (purged), and every kind it touched. `bulk`
    names kinds changed too widely to list (every record of them may have changed)."""

    created: frozenset[Touched] = frozenset()
    updated: frozenset[Touched] = frozenset()
    deleted: frozenset[Touched] = frozenset()
    bulk: frozenset[str] = frozenset()

    @property
    def kinds(self) -> frozenset[str]:
        """Every kind of record touched."""
        return frozenset(t.kind for t in self.records) | self.bulk

    @property
    def records(self) -> frozenset[Touched]:
        """Every record touched, however."""
        return self.created | self.updated | self.deleted

    def touches(self, *kinds: str) -> bool:
        """Whether any of these kinds changed."""
        return not self.kinds.isdisjoint(kinds)

    def touched(self, kind: str, ref: uuid.UUID | str) -> bool:
        """Whether this record may have changed (it is listed, or its whole kind is)."""
        if kind in self.bulk:
            return True
        key = Touched(kind, ref if isinstance(ref, uuid.UUID) else uuid.UUID(str(ref)))
        return key in self.records

    def uuids(self, kind: str) -> frozenset[uuid.UUID]:
        """The UUIDs of the listed records of one kind."""
        return frozenset(t.uuid for t in self.records if t.kind == kind)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.bulk)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.created | other.created, self.updated | other.updated,
                       self.deleted | other.deleted, self.bulk | other.bulk)

    def text(self) -> str:
        """A short line for logs and status bars: "2 sources updated, 1 quote created"."""
        parts = []
        for verb, group in (("created", self.created), ("updated", self.updated),
                            ("deleted", self.deleted)):
            counts: dict[str, int] = {}
            for t in group:
                counts[t.kind] = counts.get(t.kind, 0) + 1
            parts += [f"{n} {k.replace('_', ' ')}{'' if n == 1 else 's'} {verb}"
                      for k, n in sorted(counts.items())]
        parts += [f"{k.replace('_', ' ')}s changed" for k in sorted(self.bulk)]
        return ", ".join(parts) or "nothing changed"


NO_CHANGES = Changes()


@dataclass
class ChangeLog:
    """What a unit of work has touched so far (kept on its session until it commits)."""

    created: dict[Touched, None] = field(default_factory=dict)
    updated: dict[Touched, None] = field(default_factory=dict)
    deleted: dict[Touched, None] = field(default_factory=dict)
    bulk: set[str] = field(default_factory=set)

    def note(self, action: str, kind: str, ref: Any) -> None:
        """Record that `action` ("create", "update", "delete") touched a record."""
        if not kind or ref is None:
            return
        key = Touched(kind, ref if isinstance(ref, uuid.UUID) else uuid.UUID(str(ref)))
        target = {"create": self.created, "update": self.updated, "delete": self.deleted}[action]
        target[key] = None

    def note_kinds(self, kinds: Iterable[str]) -> None:
        """Record that whole kinds changed (rows written in bulk, without their UUIDs)."""
        self.bulk.update(k for k in kinds if k)

    def changes(self) -> Changes:
        """The unit of work's `Changes`: a record created and then edited is created; one
        created and deleted in the same unit of work never existed for anyone else."""
        created = set(self.created) - set(self.deleted)
        deleted = set(self.deleted) - set(self.created)
        updated = set(self.updated) - created - set(self.deleted)
        bulk = set(self.bulk)
        for group in (created, updated, deleted):
            kinds: dict[str, int] = {}
            for t in group:
                kinds[t.kind] = kinds.get(t.kind, 0) + 1
            wide = {k for k, n in kinds.items() if n > MAX_LISTED}
            if wide:
                bulk |= wide
                group -= {t for t in group if t.kind in wide}
        return Changes(frozenset(created), frozenset(updated), frozenset(deleted),
                       frozenset(bulk))
