"""Each record as a merge compares it: a flat mapping of field -> JSON value.

One form for every kind, read with SQLAlchemy Core (one query per table and batch, never an
ORM object per record): its own columns as the bundle writes them (casefile/bundle/spec.py),
a quote's span as two numbers, every reference — its owner too — as the UUID it names, lists
of links as sorted UUIDs (sets), a draft's byline as its ordered members, the record's tags
as sorted tag UUIDs, a stored file as its SHA-256, and whether it is in the trash. Bookkeeping
(`created_at`, `updated_at`, the version stamp) is not content: it never conflicts.

The same form is made from a bundle document (`doc_contents`): that is how a restricted field
copy sees its origin — through the share policy the copy was made with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Column, Connection, String, Table, select, type_coerce

from casefile.bundle.document import _converters
from casefile.bundle.spec import TOP, Spec
from casefile.bundle.tables import layout, parent_column, table_of
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime
from casefile.models import Blob, CaseInfo, DraftByline, Tag, Tagging

Content = dict[str, Any]
BATCH = 500
NOT_CONTENT = frozenset({"created_at", "updated_at"})
CASE_KIND = "case"
CASE_COLUMNS = ("title", "slug", "summary", "language", "desk", "house_style")
TRASHED = "trashed"
TAGS = "tags"
FILE = "file"
BYLINE = "byline"


@dataclass(frozen=True)
class Kind:
    """How one kind of record is read and written: its spec, and its owner if it has one."""

    name: str
    spec: Spec
    owner: str | None  # the reference naming the owner ("interview" for a quote)

    @property
    def table(self) -> Table:
        return layout(self.spec).table

    def owner_column(self) -> Column[Any] | None:
        return None if self.owner is None else parent_column(self.spec, self.owner)

    def owner_kind(self) -> str | None:
        if self.owner is None:
            return None
        for top in TOP:
            for _key, child, attr in top.children:
                if child is self.spec and attr == self.owner:
                    return top.model.KIND
        return None

    def set_fields(self) -> tuple[str, ...]:
        """Fields merged as sets of additions and removals."""
        return (*self.spec.lists, TAGS)

    def ref_kinds(self) -> dict[str, str]:
        """Each reference field (the owner's too) -> the kind it names."""
        refs = {name: model.KIND for name, model in self.spec.refs.items()}
        owner = self.owner_kind()
        if self.owner is not None and owner is not None:
            refs[self.owner] = owner
        return refs

    def list_kinds(self) -> dict[str, str]:
        lists = {name: model.KIND for name, model in self.spec.lists.items()}
        lists[TAGS] = Tag.KIND
        if self.name == "draft":
            lists[BYLINE] = "team_member"
        return lists


def _kinds() -> dict[str, Kind]:
    out: dict[str, Kind] = {}
    for spec in TOP:
        out[spec.model.KIND] = Kind(spec.model.KIND, spec, None)
        for _key, child, attr in spec.children:
            out[child.model.KIND] = Kind(child.model.KIND, child, attr)
    return out


# Every kind a merge compares, owners before what they own (the order records are made in).
KINDS: dict[str, Kind] = _kinds()


def json_to_column(col: Column[Any]) -> Callable[[Any], Any]:
    """JSON value -> what the column's type writes."""
    t = col.type
    if isinstance(t, (UTCDateTime, LocalDateTime)):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(t, ISODate):
        return lambda v: None if v is None else date.fromisoformat(v)
    enum_class = getattr(t, "enum_class", None)
    if enum_class is not None:
        return lambda v: None if v is None else enum_class(v)
    return lambda v: v


def scalar_columns(kind: Kind) -> list[Column[Any]]:
    """The record's own columns that are content."""
    cols = [c for c in layout(kind.spec).scalars if c.key not in NOT_CONTENT]
    if kind.name == "quote":
        cols += [kind.table.c.span_start, kind.table.c.span_end]
    return cols


class Row(NamedTuple):
    """One record in one file: its local id and version (and, when asked for, its last
    change: by whom, when, on which device, and when it was made). A tuple: a merge holds
    one for every record of both files."""

    kind: str
    id: int
    version: int
    changed_by: str = ""
    changed_at: datetime | None = None
    changed_device: str = ""
    created_at: datetime | None = None
    stamp: str = ""  # `changed_at` as stored: with the version, a change's fingerprint


def fetch(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows of a plain query straight from the driver (inside the caller's transaction):
    reading every record's id and version through SQLAlchemy's result processing cost
    seconds on a large case."""
    raw: Any = conn.connection.driver_connection
    return list(raw.execute(sql, params).fetchall())


def _text(col: Any) -> Any:
    return type_coerce(col, String())


class Reader:
    """Reads one file's records in the merge form (inside the caller's unit of work)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._rows: dict[str, Row] | None = None
        self._uuid_of: dict[str, dict[int, str]] = {}
        self._blobs: dict[int, str] | None = None
        self.case_uuid = str(conn.execute(select(_text(table_of(CaseInfo).c.uuid))).scalar_one())

    # -- every record's version -----------------------------------------------------------

    def rows(self) -> dict[str, Row]:
        """uuid -> Row of every record in the file (trashed ones too) and of the case."""
        if self._rows is None:
            found: dict[str, Row] = {}
            for kind in KINDS.values():
                for rid, ref, version, stamp in fetch(
                        self.conn, f"SELECT id, uuid, version, changed_at FROM "
                                   f"{kind.table.name}"):
                    found[ref] = Row(kind.name, rid, version, stamp=stamp)
            for rid, ref, version, stamp in fetch(self.conn, "SELECT id, uuid, version, "
                                                             "changed_at FROM case_info"):
                found[ref] = Row(CASE_KIND, rid, version, stamp=stamp)
            self._rows = found
        return self._rows

    def stamps(self, uuids: Iterable[str]) -> dict[str, Row]:
        """The rows of the named records with their last change (who, when, where)."""
        rows = self.rows()
        by_kind: dict[str, list[int]] = {}
        for u in uuids:
            row = rows.get(u)
            if row is not None:
                by_kind.setdefault(row.kind, []).append(row.id)
        out: dict[str, Row] = {}
        for name, ids in by_kind.items():
            t = table_of(CaseInfo) if name == CASE_KIND else KINDS[name].table
            for start in range(0, len(ids), BATCH):
                for r in self.conn.execute(select(
                        _text(t.c.uuid), t.c.id, t.c.version, t.c.changed_by, t.c.changed_at,
                        t.c.changed_device, t.c.created_at)
                        .where(t.c.id.in_(ids[start:start + BATCH]))):
                    known = rows[r[0]]
                    out[r[0]] = Row(name, r[1], r[2], r[3], r[4], r[5], r[6], known.stamp)
        return out

    def refresh(self, by_kind: dict[str, list[str]]) -> None:
        """Read the named records' ids and versions again (after a merge wrote them): those
        made since appear, those purged since go."""
        self._uuid_of.clear()
        self._blobs = None
        rows = self.rows()
        for name, uuids in by_kind.items():
            table = "case_info" if name == CASE_KIND else KINDS[name].table.name
            for start in range(0, len(uuids), BATCH):
                part = uuids[start:start + BATCH]
                for u in part:
                    rows.pop(u, None)
                marks = ",".join("?" * len(part))
                for rid, ref, version, stamp in fetch(
                        self.conn, f"SELECT id, uuid, version, changed_at FROM {table} "
                                   f"WHERE uuid IN ({marks})", tuple(part)):
                    rows[ref] = Row(name, rid, version, stamp=stamp)

    def uuid_of(self, kind: str) -> dict[int, str]:
        """id -> uuid of a kind's rows."""
        known = self._uuid_of.get(kind)
        if known is None:
            name = "case_info" if kind == CASE_KIND else KINDS[kind].table.name
            known = self._uuid_of[kind] = dict(fetch(self.conn,
                                                     f"SELECT id, uuid FROM {name}"))
        return known

    def blob_sha(self) -> dict[int, str]:
        if self._blobs is None:
            b = table_of(Blob)
            self._blobs = dict(self.conn.execute(select(b.c.id, b.c.sha256)).all())
        return self._blobs

    # -- contents -------------------------------------------------------------------------

    def contents(self, uuids: Iterable[str]) -> dict[str, Content]:
        """uuid -> content of each named record this file holds (others are left out)."""
        rows = self.rows()
        by_kind: dict[str, list[str]] = {}
        for u in uuids:
            row = rows.get(u)
            if row is not None:
                by_kind.setdefault(row.kind, []).append(u)
        out: dict[str, Content] = {}
        for name, wanted in by_kind.items():
            for start in range(0, len(wanted), BATCH):
                out.update(self._batch(name, wanted[start:start + BATCH]))
        return out

    def content_of(self, kind: str, ref: str) -> Content | None:
        """One record's content, found by its kind without reading every record's row."""
        if self._rows is not None:
            return self.contents([ref]).get(ref)
        table = "case_info" if kind == CASE_KIND else KINDS[kind].table.name if \
            kind in KINDS else None
        if table is None:
            return None
        found = fetch(self.conn, f"SELECT id FROM {table} WHERE uuid = ?", (ref,))
        if not found:
            return None
        return self._batch(kind, [ref], ids=[found[0][0]]).get(ref)

    def all_contents(self) -> Iterator[tuple[str, Content]]:
        """Every record's content, a batch at a time."""
        rows = self.rows()
        uuids = list(rows)
        for start in range(0, len(uuids), BATCH):
            yield from self.contents(uuids[start:start + BATCH]).items()

    def _batch(self, name: str, uuids: list[str], ids: list[int] | None = None
               ) -> dict[str, Content]:
        if name == CASE_KIND:
            info = table_of(CaseInfo)
            r = self.conn.execute(select(*[info.c[k] for k in CASE_COLUMNS])).one()
            return {uuids[0]: dict(zip(CASE_COLUMNS, r, strict=True))}
        kind = KINDS[name]
        t = kind.table
        lay = layout(kind.spec)
        convs = {key: conv for key, _col, conv in _converters(kind.spec)}
        cols = scalar_columns(kind)
        if ids is None:
            ids = [self.rows()[u].id for u in uuids]
        out: dict[str, Content] = {}
        by_id: dict[int, Content] = {}
        extra = [lay.refs[n] for n in lay.refs]
        owner = kind.owner_column()
        if owner is not None:
            extra.append(owner)
        if lay.file is not None:
            extra.append(lay.file)
        sel = select(t.c.id, _text(t.c.uuid).label("uuid_text"), *cols, *extra,
                     *([t.c.trash_id] if lay.has_trash else [])).where(t.c.id.in_(ids))
        refs = kind.ref_kinds()
        for r in self.conn.execute(sel):
            m = r._mapping
            c: Content = {}
            for col in cols:
                value = m[col]
                conv = convs.get(col.key)
                c[col.key] = value if conv is None or value is None else conv(value)
            for ref_name, ref_col in lay.refs.items():
                target = m[ref_col]
                c[ref_name] = None if target is None else self.uuid_of(refs[ref_name])[target]
            if owner is not None and kind.owner is not None:
                c[kind.owner] = self.uuid_of(refs[kind.owner])[m[owner]]
            if lay.file is not None:
                blob = m[lay.file]
                c[FILE] = None if blob is None else self.blob_sha()[blob]
            c[TRASHED] = bool(lay.has_trash and m["trash_id"] is not None)
            for list_name in lay.lists:
                c[list_name] = []
            if name == "draft":
                c[BYLINE] = []
            c[TAGS] = []
            by_id[m["id"]] = c
            out[m["uuid_text"]] = c
        for list_name, link in lay.lists.items():
            names = self.uuid_of(kind.list_kinds()[list_name])
            for owner_id, target in self.conn.execute(
                    select(link.owner, link.target).where(link.owner.in_(ids))):
                by_id[owner_id][list_name].append(names[target])
            for c in by_id.values():
                c[list_name].sort()
        if name == "draft":
            by = table_of(DraftByline)
            members = self.uuid_of("team_member")
            for draft_id, member_id in self.conn.execute(
                    select(by.c.draft_id, by.c.team_member_id)
                    .where(by.c.draft_id.in_(ids)).order_by(by.c.draft_id, by.c.position)):
                by_id[draft_id][BYLINE].append(members[member_id])
        tg = table_of(Tagging)
        tags = self.uuid_of(Tag.KIND)
        for tag_id, rec in self.conn.execute(select(tg.c.tag_id, _text(tg.c.record_uuid))
                                             .where(_text(tg.c.record_uuid).in_(list(out)))):
            out[rec][TAGS].append(tags[tag_id])
        for c in out.values():
            c[TAGS].sort()
        return out


def doc_contents(doc: dict[str, Any], case_uuid: str) -> dict[str, tuple[str, Content]]:
    """uuid -> (kind, content) of every record in a bundle document, in the merge form."""
    out: dict[str, tuple[str, Content]] = {}
    tagged: dict[str, list[str]] = {}
    for tag in doc.get("tags", []):
        for rec in tag.get("records", []):
            tagged.setdefault(rec, []).append(tag["uuid"])

    def walk(kind: Kind, rec: dict[str, Any], owner: str | None) -> None:
        c: Content = {}
        for col in scalar_columns(kind):
            if col.key in ("span_start", "span_end"):
                c[col.key] = rec.get("span", {}).get(col.key.removeprefix("span_"))
            else:
                c[col.key] = rec.get(col.key)
        for ref_name in kind.spec.refs:
            c[ref_name] = rec.get(ref_name)
        if kind.owner is not None:
            c[kind.owner] = owner
        if kind.spec.file_attr is not None:
            f = rec.get("file")
            c[FILE] = f.get("sha256") if isinstance(f, dict) else None
        c[TRASHED] = bool(rec.get("trash"))
        for list_name in kind.spec.lists:
            c[list_name] = sorted(rec.get(list_name, []))
        if kind.name == "draft":
            c[BYLINE] = list(rec.get("byline", []))
        c[TAGS] = sorted(tagged.get(rec["uuid"], []))
        out[rec["uuid"]] = (kind.name, c)
        for key, child, _attr in kind.spec.children:
            for sub in rec.get(key, []):
                walk(KINDS[child.model.KIND], sub, rec["uuid"])

    for spec in TOP:
        for rec in doc.get(spec.key, []):
            walk(KINDS[spec.model.KIND], rec, None)
    case = doc.get("case", {})
    out[case_uuid] = (CASE_KIND, {k: case.get(k) for k in CASE_COLUMNS})
    return out

