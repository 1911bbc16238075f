"""Turning what a unit of work loaded into read models (inside it), and reading the rest later.

`Reader(store).data(obj)` copies the attributes the session has loaded — never loading more
while it copies, so a list costs what its query cost — and gives the model a fetch that reads
a missing attribute in a unit of work of its own. Internal: only the services call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from casefile.db.base import Base
from casefile.db.session import Store
from casefile.errors import RecordNotFoundError
from casefile.read_models import records
from casefile.read_models.base import ReadModel, frozen_value

D = TypeVar("D", bound=ReadModel)


@dataclass(frozen=True)
class _Shape:
    data: type[ReadModel]
    columns: tuple[str, ...]
    relationships: tuple[tuple[str, bool], ...]  # (name, is a list)


@cache
def _data_classes() -> dict[str, type[ReadModel]]:
    found: dict[str, type[ReadModel]] = {}
    for value in vars(records).values():
        if isinstance(value, type) and issubclass(value, ReadModel) and value.MODEL:
            found[value.MODEL] = value
    return found


_SHAPES: dict[type[Any], _Shape] = {}


def _shape(model: type[Any]) -> _Shape:
    found = _SHAPES.get(model)
    if found is None:
        found = _SHAPES[model] = _make_shape(model)
    return found


def _make_shape(model: type[Any]) -> _Shape:
    mapper = inspect(model)
    data = _data_classes().get(model.__name__)
    if data is None:
        raise TypeError(f"no read model for {model.__name__}")
    return _Shape(data, tuple(p.key for p in mapper.column_attrs),
                  tuple((r.key, bool(r.uselist)) for r in mapper.relationships))


def model_of(data: type[ReadModel]) -> type[Any]:
    """The ORM class a read model class reads."""
    for mapper in Base.registry.mappers:
        if mapper.class_.__name__ == data.MODEL:
            return mapper.class_
    raise TypeError(f"{data.__name__} reads no mapped class")


class Reader:
    """Builds read models for one open store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def data(self, obj: Any, *, derived: dict[str, Any] | None = None,
             memo: dict[int, ReadModel] | None = None) -> Any:
        """The read model of one ORM object (inside the unit of work that loaded it).
        `derived` adds values worked out in SQL for it (a quote's `_matches`)."""
        memo = {} if memo is None else memo
        found = memo.get(id(obj))
        if found is not None:
            return found
        shape = _shape(type(obj))
        made = shape.data.__new__(shape.data)
        memo[id(obj)] = made
        loaded = obj.__dict__  # what the session loaded; reading it never loads more
        values = made.__dict__
        for name in shape.columns:
            if name in loaded:
                values[name] = frozen_value(loaded[name])
        for name, many in shape.relationships:
            if name not in loaded:
                continue
            value = loaded[name]
            if many:
                values[name] = tuple(self.data(v, memo=memo) for v in value)
            else:
                values[name] = None if value is None else self.data(value, memo=memo)
        if derived:
            values.update(derived)
        identity = inspect(obj).identity
        if identity is not None:
            values["_key"] = identity
        values["_fetch"] = self._fetch
        return made

    def many(self, objs: Iterable[Any], derived: dict[int, dict[str, Any]] | None = None
             ) -> list[Any]:
        """Read models of a page of ORM objects, sharing one memo (a source on ten rows is
        one read model)."""
        memo: dict[int, ReadModel] = {}
        return [self.data(o, memo=memo, derived=(derived or {}).get(getattr(o, "id", -1)))
                for o in objs]

    def _fetch(self, made: ReadModel, name: str) -> Any:
        model = model_of(type(made))
        ident = made.__dict__.get("_key")
        with self._store.read() as s:
            obj = _by_key(s, model, ident)
            if obj is None:
                raise RecordNotFoundError(made.KIND.replace("_", " ") or model.__name__,
                                          made.__dict__.get("uuid", ident))
            value = getattr(obj, name)
            if isinstance(value, list):
                return tuple(self.many(value))
            if isinstance(value, Base):
                return self.data(value)
            return frozen_value(value)


def _by_key(s: Session, model: type[Any], ident: tuple[Any, ...] | None) -> Any:
    """The row with this primary key, in the trash or not (a read model may be of a record
    trashed since: what it still lacks is read as it is)."""
    columns = inspect(model).primary_key
    if ident is None or len(ident) != len(columns):
        return None
    stmt = select(model).where(*(c == v for c, v in zip(columns, ident, strict=True)))
    return s.scalars(stmt.execution_options(include_trashed=True)).one_or_none()
