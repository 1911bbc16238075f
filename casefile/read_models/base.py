"""The read models' base: frozen values built inside a unit of work, safe after it ends.

A read model holds what its unit of work loaded — every column a list or a form reads, and
the relationships the service loads with it, themselves as read models. What was not loaded
(a transcript left out of a light page, a relationship a list does not show) is read on first
access in a unit of work of its own, through the store that made the model; it can raise only
a `CaseFileError` (the record was purged meanwhile, the file was closed), never an error of a
closed session. Nothing in a read model refers to the ORM, so it can cross threads, be kept
in a Qt model, compared and hashed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, ClassVar

# Fetches one attribute that was not loaded: (the read model, the attribute's name) -> value.
Fetch = Callable[["ReadModel", str], Any]


class ReadModel:
    """Base of every read model: attribute access, frozen, equal by identity and state."""

    MODEL: ClassVar[str] = ""  # the ORM class it reads (by name: nothing here imports it)
    KIND: ClassVar[str] = ""
    LABEL_FIELD: ClassVar[str] = "uuid"
    # Every attribute a read model of this class has, loaded or fetched on first access.
    FIELDS: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names: set[str] = set()
        for klass in reversed(cls.__mro__):
            names |= {n for n in getattr(klass, "__annotations__", {})
                      if not n.isupper() and not n.startswith("_")}
        cls.FIELDS = frozenset(names)

    def __init__(self, **values: Any) -> None:
        unknown = set(values) - self.FIELDS
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not in the instance: a field that was not loaded.
        if name.startswith("_") or name not in type(self).FIELDS:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
        fetch: Fetch | None = self.__dict__.get("_fetch")
        if fetch is None:
            raise AttributeError(f"{type(self).__name__}.{name} was not read")
        value = fetch(self, name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: change it through the "
                             "case (a service's update, or case.apply)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def loaded(self) -> dict[str, Any]:
        """The fields this read model holds now (the others are fetched when first read)."""
        return {k: v for k, v in self.__dict__.items() if k in self.FIELDS}

    def _identity(self) -> tuple[Any, ...]:
        d = self.__dict__
        return (type(self).__name__, d.get("uuid", d.get("id")), d.get("version"),
                d.get("updated_at"), d.get("trash_id"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReadModel):
            return NotImplemented
        if type(other) is not type(self):
            return False
        if self.__dict__.get("uuid") is None and self.__dict__.get("id") is None:
            return self.loaded() == other.loaded()
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        d = self.__dict__
        ident = d.get("uuid") or d.get("id")
        return f"<{type(self).__name__} {ident}>"

    def __copy__(self) -> ReadModel:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ReadModel:
        return self

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.loaded()))

    @property
    def label(self) -> str:
        """A short human name for messages ('source "Yuri Petrov"')."""
        if "label" in type(self).FIELDS:  # a stored label (a trash entry's)
            return str(self.__dict__.get("label", ""))
        value = getattr(self, self.LABEL_FIELD, None) or str(getattr(self, "uuid", ""))
        text = " ".join(str(value).split())
        if len(text) > 60:
            text = text[:57] + "…"
        return f'{self.KIND.replace("_", " ")} "{text}"'


def _rebuild(cls: type[ReadModel], values: dict[str, Any]) -> ReadModel:
    return cls(**values)


def frozen_value(value: Any) -> Any:
    """A value of a JSON column, copied so that changing it changes nothing stored (JSON
    holds only dicts, lists and immutable scalars: no memo of shared parts is needed, which
    makes this several times quicker than `copy.deepcopy` on a photo's EXIF)."""
    if isinstance(value, dict):
        return {k: frozen_value(v) if isinstance(v, (dict, list)) else v
                for k, v in value.items()}
    if isinstance(value, list):
        return [frozen_value(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


UUID = uuid.UUID
