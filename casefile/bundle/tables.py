"""Each bundle spec as SQLAlchemy Core sees it: its table, and the foreign-key columns behind
its references, lists, file and owner.

Dump reads and import writes whole tables with Core (one query, or one `executemany`, per
table) instead of building an ORM object per record: at 154k records the ORM's unit of work
was most of an import. The specs stay the one description of the format; this only finds,
from the mappers, where each of their names lives in the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Column, Table
from sqlalchemy import inspect as sa_inspect

from casefile.bundle.spec import Spec


@dataclass(frozen=True)
class ListLink:
    """A list of UUIDs held in an association table: (owner column, target column)."""

    table: Table
    owner: Column[Any]
    target: Column[Any]


@dataclass(frozen=True)
class Layout:
    """Where one spec's fields are in its table."""

    table: Table
    scalars: tuple[Column[Any], ...]
    refs: dict[str, Column[Any]]  # reference name -> its foreign-key column
    lists: dict[str, ListLink]
    file: Column[Any] | None  # the blob's foreign key
    has_trash: bool
    defaults: dict[str, Callable[[], Any]]  # column key -> its default, as Record.__init__


def table_of(model: type[Any]) -> Table:
    """A mapped class's table."""
    return cast(Table, model.__table__)


def _local(spec: Spec, name: str) -> Column[Any]:
    (col,) = sa_inspect(spec.model).relationships[name].local_columns
    return cast(Column[Any], col)


def _default(col: Column[Any]) -> Callable[[], Any] | None:
    default = col.default
    if default is None:
        return None
    arg: Any = getattr(default, "arg", None)
    if getattr(default, "is_callable", False):
        return lambda: arg(None)
    return lambda: arg


_LAYOUTS: dict[type[Any], Layout] = {}


def layout(spec: Spec) -> Layout:
    """The Core layout of `spec` (computed once; each model has one spec)."""
    known = _LAYOUTS.get(spec.model)
    if known is None:
        known = _LAYOUTS[spec.model] = _layout(spec)
    return known


def _layout(spec: Spec) -> Layout:
    table = table_of(spec.model)
    lists = {}
    for name in spec.lists:
        rel = sa_inspect(spec.model).relationships[name]
        assert rel.secondary is not None
        ((_p, owner),) = rel.synchronize_pairs
        ((_t, target),) = rel.secondary_synchronize_pairs
        lists[name] = ListLink(cast(Table, rel.secondary), cast(Column[Any], owner),
                               cast(Column[Any], target))
    scalars = tuple(spec.scalar_columns())
    defaults = {}
    for col in table.columns:
        made = _default(col)
        if made is not None:
            defaults[col.key] = made
    return Layout(
        table=table,
        scalars=scalars,
        refs={name: _local(spec, name) for name in spec.refs},
        lists=lists,
        file=_local(spec, spec.file_attr) if spec.file_attr else None,
        has_trash="trash_id" in table.c,
        defaults=defaults,
    )


def parent_column(child: Spec, parent_attr: str) -> Column[Any]:
    """The child's foreign key to its owner (`quotes.interview_id`)."""
    return _local(child, parent_attr)
