"""The case as a bundle dict, read with one Core query per table.

The ORM version built an object per record and ran a query per record for its children,
references and lists (a 154k-record case: ~460k queries, and every object kept in the
session until the dump ended). Here each table is read once; rows are grouped by owner in
dicts and turned into the bundle's JSON shape. What stays in memory is the document itself
(the shared-bundle redaction works on the whole of it) and the id -> UUID maps references
need; stored files are named by hash here and read one at a time when written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Enum, Row, String, Table, select, type_coerce
from sqlalchemy.orm import Session

from casefile.bundle.spec import FORMAT, FORMAT_VERSION, TOP, Spec, to_json_value
from casefile.bundle.tables import layout, parent_column, table_of
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime, UUIDText, utcnow
from casefile.models import Blob, CaseInfo, DraftByline, Tagging, TrashEntry
from casefile.version import __version__

CASE_FIELDS = ("uuid", "created_at", "updated_at", "title", "slug", "summary", "language",
               "desk", "house_style")
TRASH_FIELDS = ("uuid", "deleted_at", "actor", "record_kind", "record_uuid", "label",
                "item_count")


@dataclass(frozen=True)
class StoredRef:
    """A stored file a bundle names: its hash, size and type (never its bytes)."""

    sha256: str
    size: int
    media_type: str


def file_path(sha256: str, media_type: str) -> str:
    """Where a file goes in the bundle: `files/<sha256><ext>`."""
    import mimetypes

    ext = mimetypes.guess_extension(media_type) or ""
    return f"files/{sha256}{ext if ext != '.bin' else ''}"


_CONVERTERS: dict[type[Any], list[tuple[str, Any, Callable[[Any], Any] | None]]] = {}


def _converter(col: Any) -> Callable[[Any], Any] | None:
    """What turns the column's values into JSON (`to_json_value`, decided once a column)."""
    t = col.type
    if isinstance(t, Enum):
        return to_json_value
    if isinstance(t, (UTCDateTime, LocalDateTime, ISODate)):
        return lambda v: v.isoformat()
    if isinstance(t, UUIDText):
        return str
    return None


def _converters(spec: Spec) -> list[tuple[str, Any, Callable[[Any], Any] | None]]:
    known = _CONVERTERS.get(spec.model)
    if known is None:
        known = _CONVERTERS[spec.model] = [(c.key, c, _converter(c))
                                           for c in layout(spec).scalars]
    return known


class _Reader:
    """Reads every table once and builds the records of the document."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.files: dict[str, StoredRef] = {}
        self._uuids: dict[str, dict[int, str]] = {}
        blobs = table_of(Blob)
        self.blobs = {r.id: StoredRef(r.sha256, r.size, r.media_type) for r in conn.execute(
            select(blobs.c.id, blobs.c.sha256, blobs.c.size, blobs.c.media_type))}
        trash = table_of(TrashEntry)
        self.trash: dict[int, str] = dict(conn.execute(select(trash.c.id, type_coerce(trash.c.uuid,
                                                                       String()))).all())
        self.children: dict[str, dict[int, list[Row[Any]]]] = {}
        self.links: dict[tuple[str, str], dict[int, list[int]]] = {}
        self.byline: dict[int, list[str]] = defaultdict(list)
        self.tagged: dict[int, list[str]] = defaultdict(list)

    def uuids(self, table: Table) -> dict[int, str]:
        """id -> UUID text of a table's rows (read once)."""
        known = self._uuids.get(table.name)
        if known is None:
            known = self._uuids[table.name] = dict(self.conn.execute(
                select(table.c.id, type_coerce(table.c.uuid, String()))).all())
        return known

    def load(self, spec: Spec) -> None:
        """Everything `spec`'s records carry besides their own row: lists, children."""
        lay = layout(spec)
        for name, link in lay.lists.items():
            grouped: dict[int, list[int]] = defaultdict(list)
            for owner, target in self.conn.execute(
                    select(link.owner, link.target).order_by(link.owner, link.target)):
                grouped[owner].append(target)
            self.links[(spec.key, name)] = grouped
        for key, child, attr in spec.children:
            self.load(child)
            fk = parent_column(child, attr)
            table = layout(child).table
            rows: dict[int, list[Row[Any]]] = defaultdict(list)
            for row in self.conn.execute(select(table).order_by(table.c.id)):
                rows[row._mapping[fk]].append(row)
            self.children[f"{spec.key}.{key}"] = rows
        if spec.model.KIND == "draft":
            by = table_of(DraftByline)
            members = self.uuids(layout(TOP[0]).table)
            for draft_id, member_id in self.conn.execute(
                    select(by.c.draft_id, by.c.team_member_id)
                    .order_by(by.c.draft_id, by.c.position)):
                self.byline[draft_id].append(members[member_id])
        if spec.model.KIND == "tag":
            tg = table_of(Tagging)
            for tag_id, value in self.conn.execute(
                    select(tg.c.tag_id, type_coerce(tg.c.record_uuid, String()))
                    .order_by(tg.c.tag_id, tg.c.record_uuid)):
                self.tagged[tag_id].append(value)

    def record(self, spec: Spec, row: Row[Any]) -> dict[str, Any]:
        """One record (and its children) as the bundle's JSON carries it."""
        lay = layout(spec)
        values = row._mapping
        out: dict[str, Any] = {}
        for key, col, conv in _converters(spec):
            value = values[col]
            out[key] = value if conv is None or value is None else conv(value)
        if spec.model.KIND == "quote":
            out["span"] = {"start": values["span_start"], "end": values["span_end"]}
        for name, col in lay.refs.items():
            target = values[col]
            out[name] = None if target is None else self.uuids(table_of(spec.refs[name]))[target]
        for name in lay.lists:
            names = self.uuids(table_of(spec.lists[name]))
            out[name] = [names[t] for t in self.links[(spec.key, name)].get(values["id"], [])]
        if spec.model.KIND == "draft":
            out["byline"] = list(self.byline.get(values["id"], []))
        if spec.model.KIND == "tag":
            out["records"] = list(self.tagged.get(values["id"], []))
        if lay.file is not None:
            blob_id = values[lay.file]
            out["file"] = None
            if blob_id is not None:
                ref = self.blobs[blob_id]
                self.files[ref.sha256] = ref
                out["file"] = {"path": file_path(ref.sha256, ref.media_type),
                               "sha256": ref.sha256, "size": ref.size,
                               "media_type": ref.media_type}
        for key, child, _attr in spec.children:
            rows = self.children[f"{spec.key}.{key}"].get(values["id"], [])
            out[key] = [self.record(child, r) for r in rows]
        if lay.has_trash and values["trash_id"] is not None:
            out["trash"] = self.trash[values["trash_id"]]
        return out


def build_document(s: Session) -> tuple[dict[str, Any], dict[str, StoredRef]]:
    """The case as a bundle dict, and the stored files its `file` entries name (by hash)."""
    conn = s.connection()
    info = conn.execute(select(table_of(CaseInfo))).one()._mapping
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"Casefile {__version__}",
        "exported_at": utcnow().isoformat(),
        "case": {k: to_json_value(info[k]) for k in CASE_FIELDS},
    }
    reader = _Reader(conn)
    for spec in TOP:
        reader.load(spec)
        table: Table = layout(spec).table
        doc[spec.key] = [reader.record(spec, row)
                         for row in conn.execute(select(table).order_by(table.c.id))]
        reader.children.clear()  # this kind's children are in the document now
    trash = table_of(TrashEntry)
    doc["trash"] = [{k: to_json_value(row._mapping[k]) for k in TRASH_FIELDS}
                    for row in conn.execute(select(trash).order_by(trash.c.id))]
    return doc, reader.files


def doc_files(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every `file` object in a bundle dict."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            f = node.get("file")
            if isinstance(f, dict) and "path" in f:
                found.append(f)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    return found
