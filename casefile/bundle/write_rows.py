"""Writing a checked bundle into the case: SQLAlchemy Core, one `executemany` per table.

Building an ORM object per record was two thirds of an import of 154k records. Here every
record of the bundle is given its id first (in the order the ORM gave them: kinds in spec
order, each owner before its children), so every reference is known before anything is
written; then each table is filled in slices with `executemany`, parents before children.
Core inserts fire the tables' triggers, so the search index (and anything else kept by
triggers) stays in step exactly as with the ORM. Stored files and previews were written by
the check as it read them, one at a time (casefile/bundle/file_rows.py).

Imported records are new in this case: each row is written at version 1, signed by the
importer on this device (`new_row_values`), and noted in the unit of work's change log; a
record of the case that the bundle tags is changed by it (`bump`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, String, Table, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from casefile.bundle.spec import TOP, Spec
from casefile.bundle.tables import layout, parent_column, table_of
from casefile.changes import MAX_LISTED
from casefile.db.base import Record
from casefile.db.session import bump, change_log, new_row_values
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime
from casefile.models import (
    RECORD_KINDS,
    DraftByline,
    Tag,
    Tagging,
    TeamMember,
    TrashEntry,
)

if TYPE_CHECKING:
    from casefile.bundle.load import _Checker

SLICE = 2000  # rows per executemany: large enough to be fast, small enough to stay light


def _converter(col: Column[Any]) -> Callable[[Any], Any]:
    """JSON value -> the Python value the column's type writes (as the ORM path did)."""
    t = col.type
    if isinstance(t, (UTCDateTime, LocalDateTime)):
        return datetime.fromisoformat
    if isinstance(t, ISODate):
        return date.fromisoformat
    enum_class = getattr(t, "enum_class", None)
    if enum_class is not None:
        return enum_class  # type: ignore[no-any-return]
    return lambda v: v


class RowWriter:
    """Writes the records of a bundle the checker passed."""

    def __init__(self, s: Session, checker: _Checker) -> None:
        self.s = s
        self.conn = s.connection()
        self.checker = checker
        self.source = checker.source
        self.ids: dict[str, int] = {}  # uuid -> id of every record this import writes
        self.trash: dict[str, int] = {}
        self.existing: dict[tuple[str, str], int] = {}  # (kind, uuid) -> id, in the case
        self.blob_ids = checker.files.ids
        self._next: dict[str, int] = {}
        self._convert: dict[Column[Any], Callable[[Any], Any]] = {}
        self.count = 0
        self.stamp = new_row_values(s)
        self.made: dict[str, list[str]] = {}  # kind -> UUIDs of the records written

    # -- ids -----------------------------------------------------------------------------

    def _new_id(self, table: Table) -> int:
        if table.name not in self._next:
            top = self.conn.execute(select(func.max(table.c.id))).scalar()
            self._next[table.name] = (top or 0) + 1
        value = self._next[table.name]
        self._next[table.name] = value + 1
        return value

    def _assign(self, spec: Spec, rec: dict[str, Any]) -> None:
        self.ids[rec["uuid"]] = self._new_id(layout(spec).table)
        self.made.setdefault(spec.model.KIND, []).append(rec["uuid"])
        self.count += 1
        for key, child, _attr in spec.children:
            for c in rec.get(key, []):
                self._assign(child, c)

    def resolve(self, model: type[Record], value: str | None) -> int | None:
        """The id of the record a reference names: one of this bundle's, or the case's."""
        if value is None:
            return None
        if self.checker.kinds.get(value) == model.KIND:
            return self.ids[value]
        return self.existing[(model.KIND, value)]

    def _load_existing(self, doc: dict[str, Any]) -> None:
        """Ids of the case's records the bundle refers to, 500 UUIDs a query."""
        wanted: dict[type[Record], set[str]] = {}

        def want(model: type[Record], value: Any) -> None:
            if isinstance(value, str) and self.checker.kinds.get(value) != model.KIND:
                wanted.setdefault(model, set()).add(value)

        def walk(spec: Spec, rec: dict[str, Any]) -> None:
            for name, model in spec.refs.items():
                want(model, rec.get(name))
            for name, model in spec.lists.items():
                for v in rec.get(name, []):
                    want(model, v)
            if spec.model.KIND == "draft":
                for v in rec.get("byline", []):
                    want(TeamMember, v)
            for key, child, _attr in spec.children:
                for c in rec.get(key, []):
                    walk(child, c)

        for spec in TOP:
            for rec in doc.get(spec.key, []):
                walk(spec, rec)
        for model, values in wanted.items():
            table = table_of(model)
            ordered = sorted(values)
            for start in range(0, len(ordered), 500):
                chunk = [uuid.UUID(v) for v in ordered[start:start + 500]]
                for uid, row_id in self.conn.execute(
                        select(type_coerce(table.c.uuid, String()), table.c.id)
                        .where(table.c.uuid.in_(chunk))):
                    self.existing[(model.KIND, uid)] = row_id

    # -- writing -------------------------------------------------------------------------

    def write(self, doc: dict[str, Any]) -> int:
        """Write everything; returns the number of records written."""
        merged = self.checker.merged_tags
        self._write_trash(doc.get("trash", []))
        for spec in TOP:
            for rec in doc.get(spec.key, []):
                if spec.model is Tag and rec["uuid"] in merged:
                    continue  # its records go to the tag of the same name
                self._assign(spec, rec)
        self._load_existing(doc)
        self.checker.files.flush()  # the last files the check read
        for spec in TOP:
            recs = [r for r in doc.get(spec.key, [])
                    if not (spec.model is Tag and r["uuid"] in merged)]
            self._write_spec(spec, [(r, None) for r in recs])
        self._write_taggings(doc.get("tags", []))
        self._note(doc.get("trash", []))
        return self.count

    def _note(self, trash: list[dict[str, Any]]) -> None:
        """Tell the change log what was written: record by record, or a whole kind when a
        kind has too many to list (a large import)."""
        log = change_log(self.s)
        for kind, uids in self.made.items():
            if len(uids) > MAX_LISTED:
                log.note_kinds([kind])
            else:
                for uid in uids:
                    log.note("create", kind, uid)
        for t in trash:
            log.note("create", TrashEntry.KIND, t["uuid"])

    def _many(self, table: Table, rows: Iterator[dict[str, Any]]) -> None:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= SLICE:
                self.conn.execute(insert(table), batch)
                batch = []
        if batch:
            self.conn.execute(insert(table), batch)

    def _write_trash(self, entries: list[dict[str, Any]]) -> None:
        table = table_of(TrashEntry)
        rows = []
        for t in entries:
            row_id = self._new_id(table)
            self.trash[t["uuid"]] = row_id
            rows.append({"id": row_id, "uuid": uuid.UUID(t["uuid"]),
                         "deleted_at": datetime.fromisoformat(t["deleted_at"]),
                         "actor": t.get("actor", ""), "record_kind": t["record_kind"],
                         "record_uuid": uuid.UUID(t["record_uuid"]),
                         "label": t.get("label", ""), "item_count": t.get("item_count", 1)})
        self._many(table, iter(rows))

    def _write_spec(self, spec: Spec, recs: list[tuple[dict[str, Any], int | None]],
                    parent: Column[Any] | None = None) -> None:
        lay = layout(spec)
        self._many(lay.table, (self._row(spec, rec, parent, pid) for rec, pid in recs))
        for name, link in lay.lists.items():
            model = spec.lists[name]
            self._many(link.table, (
                {link.owner.key: self.ids[rec["uuid"]], link.target.key: self.resolve(model, v)}
                for rec, _pid in recs for v in rec.get(name, [])))
        if spec.model.KIND == "draft":
            self._many(table_of(DraftByline), (
                {"draft_id": self.ids[rec["uuid"]],
                 "team_member_id": self.resolve(TeamMember, v), "position": i}
                for rec, _pid in recs for i, v in enumerate(rec.get("byline", []))))
        for key, child, attr in spec.children:
            kids: list[tuple[dict[str, Any], int | None]] = [
                (c, self.ids[rec["uuid"]]) for rec, _pid in recs for c in rec.get(key, [])]
            self._write_spec(child, kids, parent_column(child, attr))

    def _row(self, spec: Spec, rec: dict[str, Any], parent: Column[Any] | None,
             parent_id: int | None) -> dict[str, Any]:
        lay = layout(spec)
        row: dict[str, Any] = {"id": self.ids[rec["uuid"]], **self.stamp}
        for col in lay.scalars:
            key = col.key
            if key in rec:
                value = rec[key]
                if value is not None:
                    conv = self._convert.get(col)
                    if conv is None:
                        conv = self._convert[col] = _converter(col)
                    value = conv(value)
                row[key] = value
            else:
                made = lay.defaults.get(key)
                row[key] = made() if made is not None else None
        if spec.model.KIND == "quote":
            row["span_start"], row["span_end"] = rec["span"]["start"], rec["span"]["end"]
        for name, col in lay.refs.items():
            row[col.key] = self.resolve(spec.refs[name], rec.get(name))
        if lay.file is not None:
            f = rec.get("file")
            row[lay.file.key] = self.blob_ids[f["sha256"]] if f else None
        if parent is not None:
            row[parent.key] = parent_id
        if lay.has_trash:
            row["trash_id"] = self.trash[rec["trash"]] if "trash" in rec else None
        return row

    # -- files ---------------------------------------------------------------------------
    # Written by the check as it read them (casefile/bundle/file_rows.py): only their ids
    # are needed here, in `self.blob_ids`.

    # -- tags ----------------------------------------------------------------------------

    def _write_taggings(self, tags: list[dict[str, Any]]) -> None:
        merged = self.checker.merged_tags
        done: set[tuple[int, str]] = set()
        rows = []
        tagged: dict[str, list[uuid.UUID]] = {}  # records of the case the bundle tags
        table = table_of(Tagging)
        for rec in tags:
            into = merged.get(rec["uuid"], rec["uuid"])
            tag_id = self.checker.tag_ids.get(into)
            had: set[str] = set()
            if tag_id is None:
                tag_id = self.ids[into]
            else:  # a tag of the case: the records it already has stay as they are
                had = set(self.conn.execute(
                    select(type_coerce(table.c.record_uuid, String()))
                    .where(table.c.tag_id == tag_id)).scalars())
            for value in rec.get("records", []):
                if (tag_id, value) in done or value in had:
                    continue
                done.add((tag_id, value))
                kind = self.checker.kinds.get(value)
                if kind is None:
                    kind = self._kind_in_case(value)
                    tagged.setdefault(kind, []).append(uuid.UUID(value))
                rows.append({"tag_id": tag_id, "record_uuid": uuid.UUID(value),
                             "record_kind": kind})
        self._many(table, iter(rows))
        for kind, uids in tagged.items():  # a tag put on a record changes it
            model = RECORD_KINDS[kind]
            for start in range(0, len(uids), 500):
                bump(self.s, model, model.uuid.in_(uids[start:start + 500]))

    def _kind_in_case(self, value: str) -> str:
        for model in RECORD_KINDS.values():
            table = table_of(model)
            if self.conn.execute(select(table.c.id)
                                 .where(table.c.uuid == uuid.UUID(value))).first():
                return model.KIND
        raise AssertionError(f"tagged record {value} vanished")  # the checker found it
