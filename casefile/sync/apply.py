"""Writing a decided merge into this file, inside the merge's one unit of work.

Rows are written with SQLAlchemy Core (the tables' triggers keep the search index and the
record counts in step, as for a bundle), each change stamped with the other side's author,
time and device — so the audit log says which contributor changed what — and noted in the
unit of work's change log. Trashing goes through the trash service (one restorable entry,
cascading as the app does); stored files come across once per SHA-256, previews with them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    String,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from casefile.bundle.tables import layout, table_of
from casefile.db.session import audit, change_log
from casefile.db.types import utcnow
from casefile.errors import CaseFileError
from casefile.models import (
    RECORD_KINDS,
    Blob,
    CaseInfo,
    DraftByline,
    Tag,
    Tagging,
    Thumbnail,
    TrashEntry,
)
from casefile.services.rules import record_problems, span_problem
from casefile.sync.content import (
    BYLINE,
    CASE_COLUMNS,
    CASE_KIND,
    FILE,
    KINDS,
    TAGS,
    TRASHED,
    Reader,
    Row,
    json_to_column,
    scalar_columns,
)
from casefile.sync.plan import RECORD, Conflict, Decision
from casefile.sync.text_merge import reanchor

if TYPE_CHECKING:
    from casefile.case import CaseFile

_CONVERT: dict[Column[Any], Callable[[Any], Any]] = {}


def _value(col: Column[Any], value: Any) -> Any:
    conv = _CONVERT.get(col)
    if conv is None:
        conv = _CONVERT[col] = json_to_column(col)
    return conv(value)


class Writer:
    """Writes decisions into this file (`s`), reading files and previews from `theirs`."""

    def __init__(self, case: CaseFile, s: Session, mine: Reader, theirs: Reader,
                 label: str, *, files: dict[str, tuple[str, bytes | None]] | None = None
                 ) -> None:
        self.case, self.s, self.conn = case, s, s.connection()
        # Files a restricted view names that the other file does not store as such (a
        # photo cleaned on the way to the copy): media type and bytes by SHA-256.
        self.files = files or {}
        self.mine, self.theirs, self.label = mine, theirs, label
        # uuid -> (kind, id) here: every record's when the merge has read them all, else
        # looked up one by one (deciding one conflict reads no whole table).
        self.ids: dict[str, tuple[str, int]] = (
            {u: (r.kind, r.id) for u, r in mine._rows.items()} if mine._rows is not None
            else {})
        self._complete = mine._rows is not None
        self._blobs: dict[str, int] = {}
        self.trash_entry: int | None = None
        self.touched_transcripts: dict[str, str] = {}  # interview uuid -> transcript before
        # Records trashed with what the other side deleted, that it never saw (kind, uuid).
        self.followers: list[tuple[str, str]] = []
        # Updates written together, one executemany per kind and set of fields.
        self._pending: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}

    # -- helpers --------------------------------------------------------------------------

    def id_of(self, kind: str, ref: str | None) -> int | None:
        if ref is None:
            return None
        key = ref
        found = self.ids.get(key)
        if found is None and not self._complete and kind in KINDS:
            from casefile.sync.content import fetch

            hit = fetch(self.conn, f"SELECT id FROM {KINDS[kind].table.name} WHERE uuid = ?",
                        (key,))
            if hit:
                found = self.ids[key] = (kind, int(hit[0][0]))
        if found is None or found[0] != kind:
            return None
        return found[1]

    def own_id(self, d: Decision) -> int:
        """This file's id of the record a decision is about."""
        found = self.id_of(d.kind, d.uuid)
        if found is None:
            raise CaseFileError(f"{d.kind.replace('_', ' ')} {d.uuid}: not in this file")
        return found

    def _stamp(self, who: Row | None) -> dict[str, Any]:
        if who is None:
            return {"changed_at": utcnow(), "changed_by": self.case._store.actor,
                    "changed_device": self.case._store.device}
        return {"changed_at": who.changed_at or utcnow(), "changed_by": who.changed_by,
                "changed_device": who.changed_device}

    def _audit(self, action: str, kind: str, ref: str, fields: list[str],
               who: Row | None) -> None:
        entry = audit(self.s, action, kind=kind, ref=uuid.UUID(ref),
                      summary=f"merged from {self.label}", changes=fields)
        if who is not None:
            entry.actor = who.changed_by
            if who.changed_at is not None:
                entry.at = who.changed_at

    def blob_id(self, sha: str) -> int:
        """This file's blob with `sha`, copied from the other file (with its previews) if
        it is not here yet."""
        known = self._blobs.get(sha)
        if known is not None:
            return known
        t = table_of(Blob)
        found = self.conn.execute(select(t.c.id).where(t.c.sha256 == sha)).scalar()
        cleaned = self.files.get(sha)
        if found is None and cleaned is not None and cleaned[1] is not None:
            media_type, data = cleaned[0], bytes(cleaned[1])
            found = self.conn.execute(insert(t).values(
                sha256=sha, size=len(data), media_type=media_type, data=data,
                created_at=utcnow()).returning(t.c.id)).scalar_one()
        if found is None:
            row = self.theirs.conn.execute(select(t).where(t.c.sha256 == sha)).first()
            if row is None:
                raise CaseFileError(f"the other file lacks its stored file {sha[:12]}…")
            m = row._mapping
            found = self.conn.execute(insert(t).values(
                sha256=sha, size=m["size"], media_type=m["media_type"], data=m["data"],
                created_at=m["created_at"]).returning(t.c.id)).scalar_one()
            th = table_of(Thumbnail)
            for p in self.theirs.conn.execute(select(th).where(th.c.blob_id == m["id"])):
                pm = p._mapping
                self.conn.execute(insert(th).values(blob_id=found, max_side=pm["max_side"],
                                                    width=pm["width"], height=pm["height"],
                                                    data=pm["data"]))
        self._blobs[sha] = int(found)
        return int(found)

    # -- records made there ---------------------------------------------------------------

    def create(self, d: Decision, who: Row | None) -> bool:
        """Write one record made there; False (with a conflict) if it cannot stand here."""
        assert d.theirs is not None
        kind = KINDS[d.kind]
        c = d.theirs
        t = kind.table
        lay = layout(kind.spec)
        row: dict[str, Any] = {"uuid": uuid.UUID(d.uuid), "version": 1, **self._stamp(who)}
        if who is not None and who.created_at is not None:  # when it was found, there
            row["created_at"] = who.created_at
        for col in scalar_columns(kind):
            row[col.key] = _value(col, c.get(col.key))
        for name, col in lay.refs.items():
            target = self.id_of(kind.ref_kinds()[name], c.get(name))
            if target is None and c.get(name) is not None:
                if not col.nullable:
                    return self._refuse(d, f"it refers to a {name.replace('_', ' ')} that is "
                                           "not in this file")
                d.notes.append(f"{name.replace('_', ' ')}: not in this file, left empty")
            row[col.key] = target
        owner = kind.owner_column()
        if owner is not None and kind.owner is not None:
            target = self.id_of(kind.ref_kinds()[kind.owner], c.get(kind.owner))
            if target is None:
                return self._refuse(d, f"its {kind.owner.replace('_', ' ')} is not in this file")
            row[owner.key] = target
        if lay.file is not None:
            sha = c.get(FILE)
            if sha is None and not lay.file.nullable:
                return self._refuse(d, "its stored file is missing")
            row[lay.file.key] = None if sha is None else self.blob_id(sha)
        if d.kind == "evidence_link" and sum(1 for k in ("quote", "excerpt", "photo",
                                                          "document", "interview")
                                             if row.get(f"{k}_id") is not None) != 1:
            return self._refuse(d, "its evidence is not in this file")
        if d.kind == "quote" and not self._place_quote(d, row):
            return False
        problems = record_problems(d.kind, lambda name: c.get(name))
        if problems:
            return self._refuse(d, "; ".join(p for _f, p in problems))
        if lay.has_trash and c.get(TRASHED):
            row["trash_id"] = self._entry_for_trashed()
        elif lay.has_trash:
            # what comes in owned by, or as evidence on, a record in the trash here goes
            # into that deletion: restoring it brings both back (as the trash does)
            held = self._trashed_owner(kind, row)
            if held is not None:
                row["trash_id"] = held
                te = table_of(TrashEntry)
                self.conn.execute(update(te).where(te.c.id == held)
                                  .values(item_count=te.c.item_count + 1))
                d.notes.append("it belongs to (or is evidence on) a record in the trash here: "
                               "in the trash with it")
        made = self.conn.execute(insert(t).values(**row).returning(t.c.id)).scalar_one()
        self.ids[d.uuid] = (d.kind, int(made))
        change_log(self.s).note("create", d.kind, d.uuid)
        self._audit("merge", d.kind, d.uuid, ["created"], who)
        return True

    def _trashed_owner(self, kind: Any, row: dict[str, Any]) -> int | None:
        """The trash entry of the record a new row belongs to or is evidence on, if that
        record is in the trash here."""
        lay = layout(kind.spec)
        targets: list[tuple[str, int]] = []
        owner = kind.owner_column()
        if owner is not None and kind.owner is not None and row.get(owner.key) is not None:
            targets.append((kind.ref_kinds()[kind.owner], row[owner.key]))
        if kind.name == "evidence_link":
            for name, col in lay.refs.items():
                if row.get(col.key) is not None:
                    targets.append((kind.ref_kinds()[name], row[col.key]))
        for target_kind, target_id in targets:
            tt = KINDS[target_kind].table
            if "trash_id" not in tt.c:
                continue
            entry = self.conn.execute(select(tt.c.trash_id).where(tt.c.id == target_id)).scalar()
            if entry is not None:
                return int(entry)
        return None

    def _place_quote(self, d: Decision, row: dict[str, Any]) -> bool:
        """A quote made there stands at its words in this file's transcript."""
        assert d.theirs is not None
        iv = KINDS["interview"].table
        here = self.conn.execute(select(iv.c.transcript).where(
            iv.c.id == row["interview_id"])).scalar_one()
        start, end, words = row["span_start"], row["span_end"], row["text"]
        if here[start:end] == words:
            return True
        theirs = self.theirs.contents([d.theirs["interview"]]).get(d.theirs["interview"], {})
        moved = reanchor(str(theirs.get("transcript", "")), here, start, end, words)
        if moved is not None:
            row["span_start"], row["span_end"] = moved
            d.notes.append("its words moved in the transcript here: span moved with them")
            return True
        if span_problem(start, end, len(here)) is None:
            d.notes.append("its words are not at its span in the transcript here (drift)")
            return True
        return self._refuse(d, "its words are not in the transcript here")

    def _refuse(self, d: Decision, why: str) -> bool:
        d.create = False
        d.conflicts.append(Conflict(RECORD, f"cannot come in: {why}", None, None, d.theirs))
        return False

    def _entry_for_trashed(self) -> int:
        """One trash entry for every record that came in already trashed."""
        if self.trash_entry is None:
            t = table_of(TrashEntry)
            made = uuid.uuid4()
            self.trash_entry = int(self.conn.execute(insert(t).values(
                uuid=made, deleted_at=utcnow(), actor=self.case._store.actor,
                record_kind="case", record_uuid=uuid.UUID(self.mine.case_uuid),
                label=f"In the trash of {self.label}", item_count=0)
                .returning(t.c.id)).scalar_one())
            change_log(self.s).note("create", TrashEntry.KIND, made)
        t = table_of(TrashEntry)
        self.conn.execute(update(t).where(t.c.id == self.trash_entry)
                          .values(item_count=t.c.item_count + 1))
        return self.trash_entry

    # -- changes to records on both sides -------------------------------------------------

    def update(self, d: Decision, who: Row | None) -> list[str]:
        """Write the decided field values of one record; the fields written."""
        if not d.fields:
            return []
        if d.kind == CASE_KIND:
            return self._update_case(d, who)
        merged = {**(d.mine or {}), **d.fields}
        for f, problem in record_problems(d.kind, merged.get):
            if f in d.fields:  # the other side's value breaks a rule here: the lead decides
                d.conflicts.append(Conflict(f, f"cannot be taken: {problem}",
                                            None, (d.mine or {}).get(f), d.fields.pop(f)))
        if d.kind == "tag" and "name" in d.fields:
            t = table_of(Tag)
            taken = self.conn.execute(select(t.c.id).where(
                t.c.name == d.fields["name"], t.c.uuid != uuid.UUID(d.uuid))).first()
            if taken is not None:
                d.conflicts.append(Conflict("name", "another tag here has that name", None,
                                            (d.mine or {}).get("name"), d.fields.pop("name")))
        kind = KINDS[d.kind]
        lay = layout(kind.spec)
        own_id = self.own_id(d)
        values: dict[str, Any] = {}
        written: list[str] = []
        cols = {c.key: c for c in scalar_columns(kind)}
        for f, value in sorted(d.fields.items()):
            if f in cols:
                values[f] = _value(cols[f], value)
            elif f in lay.refs:
                target = self.id_of(kind.ref_kinds()[f], value)
                if target is None and value is not None:
                    if not lay.refs[f].nullable:
                        d.conflicts.append(Conflict(f, "it refers to a record not in this "
                                                    "file", None, d.mine and d.mine.get(f),
                                                    value))
                        continue
                    d.notes.append(f"{f}: not in this file, left empty")
                values[lay.refs[f].key] = target
            elif f == FILE and lay.file is not None:
                values[lay.file.key] = None if value is None else self.blob_id(value)
            elif f in lay.lists:
                self._set_list(kind.spec.lists[f].KIND, lay.lists[f], own_id, value)
            elif f == BYLINE:
                self._set_byline(own_id, value)
            elif f == TAGS:
                self._lost_tags(d, self._set_tags(d.kind, d.uuid, value))
            else:
                continue
            written.append(f)
        if d.kind == "interview" and "transcript" in d.fields and d.mine is not None:
            self.touched_transcripts[d.uuid] = str(d.mine.get("transcript", ""))
        if not written:
            return []
        key = (d.kind, tuple(sorted(values)))
        self._pending.setdefault(key, []).append(
            {"p_id": own_id, "p_updated_at": utcnow(),
             **{f"p_{k}": v for k, v in self._stamp(who).items()},
             **{f"p_{k}": v for k, v in values.items()}})
        change_log(self.s).note("update", d.kind, d.uuid)
        self._audit("merge", d.kind, d.uuid, written, who)
        return written

    def flush_updates(self) -> None:
        """Write the updates gathered so far."""
        for (name, keys), params in self._pending.items():
            t = KINDS[name].table
            stamp = ("changed_at", "changed_by", "changed_device")
            values: dict[str, Any] = {k: bindparam(f"p_{k}", type_=t.c[k].type)
                                      for k in (*keys, *stamp)}
            stmt = update(t).where(t.c.id == bindparam("p_id")).values(
                version=t.c.version + 1,
                updated_at=bindparam("p_updated_at", type_=t.c.updated_at.type), **values)
            self.conn.execute(stmt, params)
        self._pending.clear()

    def _update_case(self, d: Decision, who: Row | None) -> list[str]:
        t = table_of(CaseInfo)
        values = {k: v for k, v in d.fields.items() if k in CASE_COLUMNS}
        if not values:
            return []
        self.conn.execute(update(t).values(version=t.c.version + 1, updated_at=utcnow(),
                                           **self._stamp(who), **values))
        change_log(self.s).note("update", CASE_KIND, d.uuid)
        self._audit("merge", CASE_KIND, d.uuid, sorted(values), who)
        return sorted(values)

    def _set_list(self, target_kind: str, link: Any, owner_id: int, value: list[str]) -> None:
        wanted = {i for i in (self.id_of(target_kind, u) for u in value) if i is not None}
        have = set(self.conn.execute(select(link.target).where(link.owner == owner_id)).scalars())
        gone = have - wanted
        if gone:
            self.conn.execute(delete(link.table).where(link.owner == owner_id,
                                                       link.target.in_(gone)))
        for target in sorted(wanted - have):
            self.conn.execute(insert(link.table).values(
                {link.owner.key: owner_id, link.target.key: target}))

    def _set_byline(self, draft_id: int, value: list[str]) -> None:
        t = table_of(DraftByline)
        self.conn.execute(delete(t).where(t.c.draft_id == draft_id))
        members = [i for i in (self.id_of("team_member", u) for u in value) if i is not None]
        for position, member in enumerate(dict.fromkeys(members)):
            self.conn.execute(insert(t).values(draft_id=draft_id, team_member_id=member,
                                               position=position))

    def _set_tags(self, kind: str, ref: str, value: list[str]) -> list[str]:
        """Tag the record with exactly these tags; returns those not in this file."""
        t = table_of(Tagging)
        missing = [u for u in value if self.id_of("tag", u) is None]
        wanted = {i for i in (self.id_of("tag", u) for u in value) if i is not None}
        record = uuid.UUID(ref)
        have = set(self.conn.execute(select(t.c.tag_id).where(t.c.record_uuid == record))
                   .scalars())
        if have - wanted:
            self.conn.execute(delete(t).where(t.c.record_uuid == record,
                                              t.c.tag_id.in_(have - wanted)))
        for tag_id in sorted(wanted - have):
            self.conn.execute(insert(t).values(tag_id=tag_id, record_uuid=record,
                                               record_kind=kind))
        return missing

    @staticmethod
    def _lost_tags(d: Decision, missing: list[str]) -> None:
        if missing:
            d.conflicts.append(Conflict(TAGS, "tagged in the other file with a tag deleted "
                                        "here", None, (d.mine or {}).get(TAGS),
                                        (d.theirs or {}).get(TAGS)))

    def links_of_created(self, d: Decision) -> None:
        """The lists, byline and tags of a record made there, once every record exists."""
        assert d.theirs is not None
        kind = KINDS[d.kind]
        lay = layout(kind.spec)
        own_id = self.own_id(d)
        for name, link in lay.lists.items():
            if d.theirs.get(name):
                self._set_list(kind.spec.lists[name].KIND, link, own_id, d.theirs[name])
        if d.kind == "draft" and d.theirs.get(BYLINE):
            self._set_byline(own_id, d.theirs[BYLINE])
        if d.theirs.get(TAGS) and d.kind != "tag":
            self._lost_tags(d, self._set_tags(d.kind, d.uuid, d.theirs[TAGS]))

    # -- the trash --------------------------------------------------------------------------

    def trash(self, decisions: list[Decision], who: dict[str, Row], *,
              hold: bool = True) -> None:
        """Trash what the other side deleted, as one restorable deletion; `hold`: what
        something here still refers to waits as a conflict (a decided conflict does not)."""
        objs = []
        for d in decisions:
            model = RECORD_KINDS.get(d.kind)
            if model is None or "trash_id" not in table_of(model).c:
                continue
            obj = self.s.scalars(select(model).where(model.uuid == uuid.UUID(d.uuid))
                                 .execution_options(populate_existing=True)).one_or_none()
            if obj is not None:
                objs.append(obj)
        if not objs:
            return
        # What here still refers to them and is not deleted there too (evidence the lead
        # linked since the copy was made) goes into the same deletion — restoring it brings
        # both back, in whichever order copies are merged — and the report names it.
        from casefile.services.references import referrers

        going = {d.uuid for d in decisions}
        by_uuid = {str(o.uuid): o for o in objs}
        for d in decisions if hold else []:
            obj = by_uuid.get(d.uuid)
            if obj is None:
                continue
            for f in referrers(self.s, [obj], only="blocks"):
                ref = str(f.record.uuid)
                if ref not in going:
                    going.add(ref)
                    self.followers.append((f.record.KIND, ref))
                    d.notes.append(f"{f.record.KIND.replace('_', ' ')} {ref} made here refers "
                                   "to it: in the trash with it")
        if not objs:
            return
        label = (objs[0].label if len(objs) == 1
                 else f"{len(objs)} records deleted in {self.label}")
        self.case.trash._trash_batch(self.s, objs, cascade=True,  # type: ignore[arg-type]
                                     label=label)
        self.s.flush()
        for d in decisions:  # signed by whoever deleted it there
            stamp = who.get(d.uuid)
            if stamp is not None and self.id_of(d.kind, d.uuid) is not None:
                t = KINDS[d.kind].table
                self.conn.execute(update(t).where(t.c.uuid == uuid.UUID(d.uuid))
                                  .values(**self._stamp(stamp)))

    def restore(self, d: Decision, who: Row | None) -> None:
        """Bring back one record the other side restored (its owner must be live here)."""
        kind = KINDS[d.kind]
        t = kind.table
        own_id = self.own_id(d)
        entry = self.conn.execute(select(t.c.trash_id).where(t.c.id == own_id)).scalar()
        if entry is None:
            return
        owner = kind.owner_column()
        if owner is not None and kind.owner is not None:
            parent_kind = kind.ref_kinds()[kind.owner]
            pt = KINDS[parent_kind].table
            parent_trashed = self.conn.execute(select(pt.c.trash_id).where(
                pt.c.id == select(owner).where(t.c.id == own_id).scalar_subquery())).scalar()
            if parent_trashed is not None:
                d.conflicts.append(Conflict(TRASHED, f"restored in the other file, but its "
                                            f"{kind.owner} is in the trash here", True, True,
                                            False))
                return
        te = table_of(TrashEntry)
        head = self.conn.execute(select(te.c.uuid, te.c.record_uuid).where(
            te.c.id == entry)).first()
        if head is not None and str(head[1]) == d.uuid:
            # the record the deletion was made of: everything that went with it comes back
            # with it (its evidence, its quotes), as a restore from the trash does
            members = [(k, u) for k in KINDS.values() if "trash_id" in k.table.c
                       for u in self.conn.execute(select(type_coerce(k.table.c.uuid, String()))
                                                  .where(k.table.c.trash_id == entry)).scalars()]
            self.case.trash.restore(uuid.UUID(str(head[0])))
            for k, u in members:
                change_log(self.s).note("update", k.name, u)
            if who is not None:
                self.conn.execute(update(t).where(t.c.id == own_id).values(**self._stamp(who)))
            self._audit("restore", d.kind, d.uuid, ["trash_id"], who)
            return
        self.conn.execute(update(t).where(t.c.id == own_id).values(
            trash_id=None, version=t.c.version + 1, **self._stamp(who)))
        left = sum(int(self.conn.execute(select(func.count()).select_from(k.table).where(
            k.table.c.trash_id == entry)).scalar_one())
            for k in KINDS.values() if "trash_id" in k.table.c)
        if left == 0:
            gone = self.conn.execute(select(te.c.uuid).where(te.c.id == entry)).scalar()
            self.conn.execute(delete(te).where(te.c.id == entry))
            if gone is not None:
                change_log(self.s).note("delete", TrashEntry.KIND, gone)
        else:
            self.conn.execute(update(te).where(te.c.id == entry).values(item_count=left))
        change_log(self.s).note("update", d.kind, d.uuid)
        self._audit("restore", d.kind, d.uuid, ["trash_id"], who)

    # -- quotes after a transcript changed ------------------------------------------------

    def reanchor_quotes(self, notes: list[str]) -> None:
        """Quotes of a transcript the merge changed stand at their words again."""
        iv, q = KINDS["interview"].table, KINDS["quote"].table
        for ref, before in self.touched_transcripts.items():
            own = self.id_of("interview", ref)
            now = self.conn.execute(select(iv.c.transcript).where(iv.c.id == own)).scalar_one()
            for qid, quid, start, end, words in self.conn.execute(
                    select(q.c.id, type_coerce(q.c.uuid, String()), q.c.span_start,
                           q.c.span_end, q.c.text).where(q.c.interview_id == own)).all():
                if now[start:end] == words:
                    continue
                moved = reanchor(before, now, start, end, words)
                if moved is None:
                    notes.append(f"quote {quid}: its words are no longer in the merged "
                                 "transcript (shown as drifted)")
                    continue
                self.conn.execute(update(q).where(q.c.id == qid).values(
                    span_start=moved[0], span_end=moved[1], version=q.c.version + 1,
                    **self._stamp(None)))
                change_log(self.s).note("update", "quote", quid)
