"""The operations every kind of record shares: get, page, count, create, update, trash."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import ColumnElement, Select, and_, func, inspect, or_, select, text
from sqlalchemy.orm import Session, defer, selectinload

from casefile.db.base import STAMP_FIELDS, Record, Trashable
from casefile.db.record_counts import VALID
from casefile.db.session import Store
from casefile.errors import RecordNotFoundError, ValidationError
from casefile.models.counts import RecordCount
from casefile.models.meta import Tag, Tagging
from casefile.read_models.base import ReadModel
from casefile.read_models.build import Reader
from casefile.services.rules import coerce

R = TypeVar("R", bound=Record)
D = TypeVar("D", bound=ReadModel)
Ref = uuid.UUID | str
# Where a row sits in a sorted list: (its sort value, its id). Lists sort by a column, then id.
PageKey = tuple[Any, int]

# What a light page (a list) leaves to be read on access, besides a kind's long text: the
# author and device of the last change (parsing them costs a list a third more; `version`
# stays, a view compares it).
LIST_LEAVES_OUT = ("changed_at", "changed_by", "changed_device")

# Fields nobody sets by hand.
_READ_ONLY = {"id", "uuid", "created_at", "updated_at", "trash_id"} | STAMP_FIELDS


def as_uuid(ref: Ref) -> uuid.UUID:
    """Accept a UUID or its text; raise ValidationError for anything else."""
    if isinstance(ref, uuid.UUID):
        return ref
    if isinstance(ref, ReadModel):  # a record as the core handed it out
        found = ref.__dict__.get("uuid")
        if isinstance(found, uuid.UUID):
            return found
    try:
        return uuid.UUID(str(ref).strip())
    except ValueError:
        raise ValidationError(f"{ref!r} is not a record id (a UUID)") from None


def beyond(column: Any, id_column: Any, key: PageKey, *, descending: bool,
           later: bool) -> ColumnElement[bool]:
    """The rows after (`later`) or before the row with `key` in the order `column` (ASC or
    DESC, as SQLite sorts: NULL below every value), then id ascending. Written as a range of
    the sort column (`col >= v AND (col > v OR id > i)`) so an index on (column, id) serves it.
    """
    value, ident = key
    tie = id_column > ident if later else id_column < ident
    if column is id_column:
        return cast(ColumnElement[bool], tie)
    if value is None:  # NULL is the smallest value: ASC lists it first, DESC last
        same = column.is_(None)
        if later != descending:  # towards larger values: every non-NULL one
            return or_(column.is_not(None), and_(same, tie))
        return and_(same, tie)
    if later != descending:  # towards larger values
        return and_(column >= value, or_(column > value, tie))
    smaller = and_(column <= value, or_(column < value, tie))
    # Only a nullable column has NULLs below every value (the OR would hide the index).
    return or_(smaller, column.is_(None)) if getattr(column.expression, "nullable", True) \
        else smaller


class RecordService(Generic[R, D]):
    """Reads and edits one kind of record; subclasses add what is special to their kind.

    Public calls return read models (`D`, casefile/read_models), built from what their unit
    of work loaded; the ORM objects (`R`) stay inside (`_load`, `_apply`)."""

    model: ClassVar[type[Record]]
    default_order: ClassVar[str] = "id"
    # Relationship fields settable by UUID lists/values: name -> model of the target.
    link_fields: ClassVar[Mapping[str, type[Record]]] = {}
    # Relationships loaded with each page (what a list shows); `get()` loads every
    # relationship but those in `detail_skips`. Anything else is read on first access.
    page_loads: ClassVar[tuple[str, ...]] = ()
    detail_skips: ClassVar[tuple[str, ...]] = ()
    detail_extra: ClassVar[tuple[str, ...]] = ()  # deeper paths a detail view shows
    # Long text left out of light pages (see `page`).
    long_fields: ClassVar[tuple[str, ...]] = ()
    # Sort fields that are not a column of the record (a linked record's name, a count of
    # its evidence): name -> the SQL expression over the record's row, so a list sorted by
    # it still sorts and pages in SQL.
    sort_expressions: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, store: Store) -> None:
        self._store = store
        self._reader = Reader(store)

    # -- reading -------------------------------------------------------------------------

    def get(self, ref: Ref) -> D:
        """The live record with this UUID: its read model, with every relationship."""
        with self._store.read() as s:
            obj = self._load(s, ref, detail=True)
            return self._data(obj, **self._derived(s, [obj]).get(obj.id, {}))

    def _data(self, obj: Any, **derived: Any) -> D:
        """The read model of one record of this kind (inside its unit of work)."""
        return self._reader.data(obj, derived=derived or None)  # type: ignore[no-any-return]

    def _many(self, s: Session, objs: list[Any], *, light: bool = False) -> list[D]:
        return self._reader.many(objs, self._derived(s, objs, light=light))

    def _derived(self, s: Session, objs: list[Any], *, light: bool = False
                 ) -> dict[int, dict[str, Any]]:
        """Hook: values a read model carries that are worked out in SQL (by record id);
        `light`: for a list, which leaves out what it does not show."""
        return {}

    def _load(self, s: Session, ref: Ref, *, detail: bool = False) -> R:
        """The live record with this UUID, inside an open session (`detail`: with every
        relationship its read model shows)."""
        key = as_uuid(ref)
        names = self._detail_loads() if detail else self.page_loads
        stmt = select(self.model).where(self.model.uuid == key).options(
            *self._loads(names))
        obj = s.scalars(stmt).one_or_none()
        if obj is None:
            raise RecordNotFoundError(self.model.KIND.replace("_", " "), key)
        return obj  # type: ignore[return-value]

    def _detail_loads(self) -> tuple[str, ...]:
        return tuple(r.key for r in inspect(self.model).relationships
                     if r.key not in self.detail_skips) + self.detail_extra

    def _loads(self, names: tuple[str, ...]) -> list[Any]:
        """Loader options for relationship paths ("byline", "byline.member")."""
        options = []
        for name in names:
            model: Any = self.model
            option: Any = None
            for step in name.split("."):
                attr = getattr(model, step)
                option = selectinload(attr) if option is None else option.selectinload(attr)
                model = attr.property.mapper.class_
            options.append(option)
        return options

    def page(self, *, offset: int = 0, limit: int = 100, order_by: str | None = None,
             descending: bool = False, light: bool = False, after: PageKey | None = None,
             before: PageKey | None = None, inclusive: bool = False,
             tagged: str | None = None) -> list[D]:
        """One page of live records, sorted in SQL (lists never load a whole case).
        `after`/`before` page by key (`page_key` of a neighbouring row): the rows just after
        or just before it in the same order (`inclusive`: and that row itself), found
        through the sort's index instead of counting past `offset` rows. `light` leaves out
        long text a list does not show (`long_fields`: a page of 200 transcripts is
        megabytes); such a row reads those fields on first access, one unit of work each.
        `tagged`: only the records carrying the tag of that name (the tag pane's filter)."""
        stmt = self._ordered(select(self.model), order_by, descending, after=after,
                            before=before, inclusive=inclusive, tagged=tagged)
        stmt = stmt.options(*self._loads(self.page_loads))
        if light:  # a list: no long text, and who changed a row last is not a column
            # In a file migrated to format 11 the stamp columns sit after the long text in
            # each row (ALTER TABLE appends), so reading any of them walks the text's
            # overflow pages: a list of interviews took three times as long. Where a kind
            # has long text, its version too is read on access.
            leave = (*self.long_fields, *LIST_LEAVES_OUT,
                     *(("version",) if self.long_fields else ()))
            stmt = stmt.options(*(defer(getattr(self.model, f)) for f in leave
                                  if hasattr(self.model, f)))
        with self._store.read() as s:
            rows = list(s.scalars(self._scope(stmt).offset(offset).limit(limit)))
            data = self._many(s, rows, light=light)
        return data[::-1] if before is not None else data

    def sortable(self, order_by: str) -> bool:
        """Whether a list of this kind can be sorted by `order_by` (in SQL, so it pages)."""
        try:
            self._sort_column(order_by)
        except ValidationError:
            return False
        return True

    def _sort_column(self, order_by: str | None) -> Any:
        """The column a list is sorted by; ValidationError for anything not sortable."""
        if order_by is not None and order_by in self.sort_expressions:
            return self.sort_expressions[order_by]()
        column = getattr(self.model, order_by or self.default_order, None)
        if column is None or order_by in self.link_fields:
            raise ValidationError(f"cannot sort {self.model.KIND} by {order_by!r}")
        return column

    def _ordered(self, stmt: Select[Any], order_by: str | None = None, descending: bool = False,
                *, after: PageKey | None = None, before: PageKey | None = None,
                inclusive: bool = False, tagged: str | None = None) -> Select[Any]:
        """`stmt` in list order (the sort column, then id), narrowed to the rows after or
        before a key (and to those carrying the tag `tagged`). With `before` the order is
        reversed, so LIMIT takes the nearest rows: reverse what it returns."""
        if after is not None and before is not None:
            raise ValidationError("a page is either after a row or before one, not both")
        column = self._sort_column(order_by)
        stmt = self._tag_filter(stmt, tagged)
        key = after if after is not None else before
        if key is not None:
            where = beyond(column, self.model.id, key, descending=descending,
                           later=before is None)
            stmt = stmt.where(or_(where, self.model.id == key[1]) if inclusive else where)
        if before is not None:
            return stmt.order_by(column if descending else column.desc(), self.model.id.desc())
        return stmt.order_by(column.desc() if descending else column, self.model.id)

    def _tag_filter(self, stmt: Select[Any], tagged: str | None) -> Select[Any]:
        """`stmt` narrowed to the records carrying the live tag named `tagged`, so a filtered
        list still pages in SQL. Each row the sort's index walks is probed in the taggings'
        primary key (tag, record): a page of a list half tagged reads about twice its rows,
        where an IN over the tag's records built them all first (three times as slow)."""
        if tagged is None:
            return stmt
        tag_id = (select(Tag.id).where(Tag.name == tagged, Tag.trash_id.is_(None))
                  .scalar_subquery())
        carrying = select(Tagging.tag_id).where(Tagging.tag_id == tag_id,
                                                Tagging.record_uuid == self.model.uuid)
        return stmt.where(carrying.exists())

    def page_key(self, record: Any, order_by: str | None = None) -> PageKey:
        """The key of a listed record in the order `order_by`, for `page(after=…)`."""
        name = order_by or self.default_order
        column = self._sort_column(order_by)
        if name in self.sort_expressions:  # not a field of the record: read it
            with self._store.read() as s:
                value = s.scalar(select(column).select_from(self.model)
                                 .where(self.model.id == int(record.id)))
            return (value, int(record.id))
        return (getattr(record, name), int(record.id))

    def position_of(self, ref: Ref, *, order_by: str | None = None,
                    descending: bool = False) -> int:
        """How many live records come before this one in the list sorted by `order_by`: its
        row. RecordNotFoundError if it is not a live record."""
        return self.locate(ref, order_by=order_by, descending=descending)[0]

    def locate(self, ref: Ref, *, order_by: str | None = None,
               descending: bool = False, tagged: str | None = None) -> tuple[int, PageKey]:
        """A record's row in the list sorted by `order_by`, and its key: two small queries
        whatever the depth — its key, then one COUNT of the rows before that key (a range of
        the sort's index where there is one), never a walk through the pages."""
        column = self._sort_column(order_by)
        key = as_uuid(ref)
        with self._store.read() as s:
            found = s.execute(self._scope(self._tag_filter(
                select(column, self.model.id).where(self.model.uuid == key), tagged)
            )).one_or_none()
            if found is None:
                raise RecordNotFoundError(self.model.KIND.replace("_", " "), key)
            at: PageKey = (found[0], int(found[1]))
            return int(s.scalar(self._count_before(column, at, descending, tagged)) or 0), at

    def _count_before(self, column: Any, at: PageKey, descending: bool,
                      tagged: str | None = None) -> Select[Any]:
        """Live rows before `at`: every row before it, counted in the sort's index alone
        (no lookup of each row for its trash_id: 5 ms instead of 70 for 20,000 photos),
        less the trashed ones, found through the trash's own small index."""
        model = self.model
        earlier = beyond(column, model.id, at, descending=descending, later=False)
        every = self._scope(self._tag_filter(
            select(func.count()).select_from(model).where(earlier), tagged))
        if not issubclass(model, Trashable):
            return every
        trashed_ids = select(model.id).where(model.trash_id.is_not(None))
        trashed = self._scope(self._tag_filter(select(func.count()).select_from(model).where(
            model.id.in_(trashed_ids), earlier), tagged))
        return select(every.scalar_subquery() - trashed.scalar_subquery()
                      ).execution_options(include_trashed=True)

    def _scope(self, stmt: Select[Any]) -> Select[Any]:
        """Hook for services whose lists are narrower than the table."""
        return stmt

    def count(self, *, tagged: str | None = None) -> int:
        """How many live records of this kind there are (`tagged`: carrying that tag): read
        from the counts the triggers keep (schema 9) when the list is the whole table's live
        rows, else counted."""
        with self._store.read() as s:
            if type(self)._scope is RecordService._scope and tagged is None:
                kept = s.scalar(select(RecordCount.live).where(
                    RecordCount.kind == self.model.KIND, text(VALID)))
                if kept is not None:
                    return int(kept)
            stmt = self._scope(self._tag_filter(
                select(func.count()).select_from(self.model), tagged))
            return int(s.scalar(stmt) or 0)

    # -- writing -------------------------------------------------------------------------

    def create(self, **fields: Any) -> D:
        """A new record with these fields, committed; its read model."""
        with self._store.write() as s:
            obj = self.model()
            self._apply(s, obj, fields, creating=True)
            s.add(obj)
            s.flush()
            return self._data(obj, **self._derived(s, [obj]).get(obj.id, {}))

    def update(self, ref: Ref, **fields: Any) -> D:
        """Change some fields of a record, committed; its read model as it now is."""
        with self._store.write() as s:
            obj = self._load(s, ref)
            self._apply(s, obj, fields, creating=False)
            s.flush()
            return self._data(obj, **self._derived(s, [obj]).get(obj.id, {}))

    def _apply(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        """Validate and set fields; unknown names, bad enum values and bad types are refused."""
        with s.no_autoflush:
            self._set_fields(s, obj, fields, creating=creating)
        self._validate(s, obj)

    def _set_fields(self, s: Session, obj: Any, fields: dict[str, Any], *, creating: bool) -> None:
        columns = inspect(self.model).columns
        kind = self.model.KIND.replace("_", " ")
        for name, value in fields.items():
            if name in self.link_fields:
                obj_value = self._resolve_links(s, name, value)
                setattr(obj, name, obj_value)
                continue
            col = columns.get(name)
            if col is None or name in _READ_ONLY or col.foreign_keys:
                raise ValidationError(f"{kind} has no field {name!r} that can be set")
            setattr(obj, name, coerce(kind, col, value))
        for col in columns:
            if (creating and not col.nullable and col.default is None and not col.primary_key
                    and col.key not in _READ_ONLY and getattr(obj, col.key) is None
                    and not col.foreign_keys):
                raise ValidationError(f"{kind}: {col.key} is required")

    def _validate(self, s: Session, obj: Any) -> None:
        """Hook: cross-field rules for a kind (e.g. a quote must match its transcript)."""

    def _resolve_links(self, s: Session, name: str, value: Any) -> Any:
        """Turn a UUID (or list of UUIDs) into live records of the linked kind."""
        target = self.link_fields[name]
        kind = target.KIND.replace("_", " ")

        def one(ref: Any) -> Record:
            if isinstance(ref, (target, ReadModel)):
                ref = ref.uuid
            key = as_uuid(ref)
            found = s.scalars(select(target).where(target.uuid == key)).one_or_none()
            if found is None:
                raise ValidationError(f"{name}: no {kind} with id {key}")
            return found

        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return [one(v) for v in value]
        return one(value)
