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

from sqlalchemy import JSON, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

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
    json: frozenset[str]  # columns whose values are copied (lists and dicts)


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
    json = frozenset(p.key for p in mapper.column_attrs
                     if any(isinstance(c.type, JSON) for c in p.columns))
    return _Shape(data, tuple(p.key for p in mapper.column_attrs),
                  tuple((r.key, bool(r.uselist)) for r in mapper.relationships), json)


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
        json = shape.json
        for name in shape.columns:
            if name in loaded:
                value = loaded[name]
                values[name] = frozen_value(value) if name in json else value
        for name, many in shape.relationships:
            if name not in loaded:
                held = None if many else _held(obj, name)
                if held is not None:
                    values[name] = self.data(held, memo=memo)
                continue
            value = loaded[name]
            if many:
                values[name] = tuple(self.data(v, memo=memo) for v in value)
            else:
                values[name] = None if value is None else self.data(value, memo=memo)
        if derived:
            values.update(derived)
        key = instance_state(obj).key  # (class, primary key, token) once it is stored
        if key is not None:
            values["_key"] = key[1]
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
            shape = _shape(model)
            many = dict(shape.relationships).get(name)
            if many is None:  # a column (a JSON list is a value, not records)
                return frozen_value(value)
            if many:  # what a page would show: live records only
                return tuple(self.many([v for v in value
                                        if getattr(v, "trash_id", None) is None]))
            return None if value is None else self.data(value)


def _held(obj: Any, name: str) -> Any:
    """The target of a many-to-one that the session already holds (an interview loaded with
    its quotes, for each quote's `interview`): read from the identity map, never the file."""
    state = inspect(obj)
    session = state.session
    if session is None:
        return None
    prop = state.mapper.relationships[name]
    if prop.direction.name != "MANYTOONE" or prop.secondary is not None:
        return None
    columns = list(prop.local_columns)
    if len(columns) != 1:
        return None
    key = state.mapper.get_property_by_column(columns[0]).key
    ident = obj.__dict__.get(key)
    if ident is None:
        return None
    target = prop.mapper.class_
    return session.identity_map.get(session.identity_key(target, ident))


def _by_key(s: Session, model: type[Any], ident: tuple[Any, ...] | None) -> Any:
    """The row with this primary key, in the trash or not (a read model may be of a record
    trashed since: what it still lacks is read as it is)."""
    columns = inspect(model).primary_key
    if ident is None or len(ident) != len(columns):
        return None
    stmt = select(model).where(*(c == v for c, v in zip(columns, ident, strict=True)))
    return s.scalars(stmt.execution_options(include_trashed=True)).one_or_none()
