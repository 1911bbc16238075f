"""Importing a bundle: validate everything first, then write it all in one transaction.

Every problem is reported with the JSON path where it is ("interviews[3].quotes[0].span:
end beyond transcript length"); if there is any, nothing is written.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from casefile.bundle.files import BundleSource, open_source, stream_digest, unsafe_reason
from casefile.bundle.schema import load_schema
from casefile.bundle.spec import TOP, Spec
from casefile.case import CaseFile
from casefile.db.base import Record
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime
from casefile.errors import BundleError
from casefile.media.images import RejectedImageError, Thumb, inspect_image
from casefile.models import (
    RECORD_KINDS,
    AuditEntry,
    Blob,
    CaseInfo,
    DraftByline,
    GroundRules,
    Photo,
    Quote,
    Tag,
    Tagging,
    TeamMember,
    Thumbnail,
    TrashEntry,
)
from casefile.models.claims import EVIDENCE_TARGETS
from casefile.models.enums import parse_enum


def jpath(parts: list[Any]) -> str:
    """`['interviews', 3, 'quotes', 0]` -> 'interviews[3].quotes[0]'."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"


def read_bundle(path: Path | str) -> tuple[dict[str, Any], BundleSource]:
    """Open a bundle and check it against the JSON Schema (structure only)."""
    source = open_source(Path(path))
    try:
        doc = source.document()
        validator = jsonschema.Draft202012Validator(load_schema())
        problems = []
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path))):
            problems.append(f"{jpath(list(err.absolute_path))}: {_schema_message(err)}")
        if problems:
            raise BundleError(source.name, problems)
    except BaseException:
        source.close()
        raise
    return doc, source


def _schema_message(err: jsonschema.ValidationError) -> str:
    message = str(err.message)
    if err.validator == "additionalProperties":
        return message.replace("Additional properties are not allowed", "unknown field")
    if err.validator == "required":
        return message.replace("is a required property", "is required")
    return message


class _Checker:
    """Semantic checks the schema cannot express: references, spans, dates, files."""

    def __init__(self, doc: dict[str, Any], source: BundleSource, s: Session) -> None:
        self.doc = doc
        self.source = source
        self.s = s
        self.problems: list[str] = []
        self.kinds: dict[str, str] = {}  # uuid -> kind, for everything in the bundle
        # Files are checked by streaming their hash; only their paths and (for photos) the
        # previews are kept, so a bundle's files are never all in memory at once.
        self.file_paths: dict[str, str] = {}  # sha256 -> path in the bundle
        self.thumbs: dict[str, tuple[str, list[Thumb]]] = {}  # photo sha256 -> type, previews
        # A bundle's tag whose name the case (or an earlier tag of the bundle) already has is
        # merged into that tag: bundle tag uuid -> the uuid whose tag takes its records.
        self.merged_tags: dict[str, str] = {}
        self.tag_ids: dict[str, int] = {}  # uuid of a tag already in the case -> its id

    def add(self, where: list[Any], message: str) -> None:
        self.problems.append(f"{jpath(where)}: {message}")

    def run(self) -> list[str]:
        self._walk_strings(self.doc, [])
        case = self.doc.get("case")
        for key in ("created_at", "updated_at"):  # taken on by an empty case file
            if isinstance(case, dict) and isinstance(case.get(key), str):
                self._check_time(case[key], False, ["case", key])
        trash_ids = set()
        for i, t in enumerate(self.doc.get("trash", [])):
            self._claim_uuid(t["uuid"], "trash", ["trash", i, "uuid"])
            trash_ids.add(t["uuid"])
            self._check_time(t["deleted_at"], True, ["trash", i, "deleted_at"])
        self.trash_ids = trash_ids
        self._trash_in_case()
        self.given: dict[type[Record], list[tuple[str, list[Any]]]] = {}
        for spec in TOP:
            for i, rec in enumerate(self.doc.get(spec.key, [])):
                self._collect(spec, rec, [spec.key, i])
        self._already_in_case()
        self._merge_tags()
        for spec in TOP:
            for i, rec in enumerate(self.doc.get(spec.key, [])):
                self._check(spec, rec, [spec.key, i])
        return self.problems

    def _trash_in_case(self) -> None:
        """A trash entry's uuid the case already has (the same bundle imported twice)."""
        given = list(enumerate(self.doc.get("trash", [])))
        for start in range(0, len(given), 500):
            chunk = given[start:start + 500]
            keys = [uuid.UUID(t["uuid"]) for _i, t in chunk]
            found = {str(u) for u in self.s.scalars(
                select(TrashEntry.uuid).where(TrashEntry.uuid.in_(keys)))}
            for i, t in chunk:
                if t["uuid"] in found:
                    self.add(["trash", i, "uuid"], f"a trash entry with uuid {t['uuid']} is "
                             "already in this case file")

    def _merge_tags(self) -> None:
        """Tags are labels: one the case already has by name (a colleague's "verified") takes
        the bundle's records instead of failing on the name; so does an earlier bundle tag
        of the same name."""
        tags = self.doc.get("tags", [])
        names = {rec["name"] for rec in tags if isinstance(rec.get("name"), str)}
        existing: dict[str, tuple[str, int]] = {}
        for chunk in _chunks(sorted(names)):
            for t in self.s.scalars(select(Tag).execution_options(include_trashed=True)
                                    .where(Tag.name.in_(chunk))):
                existing[t.name] = (str(t.uuid), t.id)
        first: dict[str, str] = {}
        for rec in tags:
            name = rec.get("name")
            if name in existing:
                into, tag_id = existing[name]
                self.merged_tags[rec["uuid"]] = into
                self.tag_ids[into] = tag_id
            elif name in first:
                self.merged_tags[rec["uuid"]] = first[name]
            else:
                first[name] = rec["uuid"]

    def _walk_strings(self, node: Any, where: list[Any]) -> None:
        if isinstance(node, str):
            if "\x00" in node:
                self.add(where, "contains a NUL character")
            else:
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    self.add(where, "contains invalid Unicode (a lone surrogate)")
        elif isinstance(node, dict):
            for k, v in node.items():
                self._walk_strings(v, [*where, k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self._walk_strings(v, [*where, i])

    def _claim_uuid(self, value: str, kind: str, where: list[Any]) -> None:
        if value in self.kinds:
            self.add(where, f"uuid {value} is used twice in the bundle")
        self.kinds[value] = kind

    def _collect(self, spec: Spec, rec: dict[str, Any], where: list[Any]) -> None:
        # The same uuid twice in a list of references (a byline, interviewees, a tag's
        # records) means it once: kept at its first place, nothing lost.
        for name in (*spec.lists, "byline", "records"):
            if isinstance(rec.get(name), list):
                rec[name] = list(dict.fromkeys(rec[name]))
        if "uuid" in rec:
            self._claim_uuid(rec["uuid"], spec.model.KIND, [*where, "uuid"])
            self.given.setdefault(spec.model, []).append((rec["uuid"], [*where, "uuid"]))
        else:
            rec["uuid"] = str(uuid.uuid4())
        for key, child, _p in spec.children:
            for j, c in enumerate(rec.get(key, [])):
                self._collect(child, c, [*where, key, j])

    def _already_in_case(self) -> None:
        """UUIDs of the bundle the case file already has (one query per 500, not per record)."""
        for model, given in self.given.items():
            for start in range(0, len(given), 500):
                chunk = given[start:start + 500]
                keys = []
                for value, _where in chunk:
                    try:
                        keys.append(uuid.UUID(value))
                    except (ValueError, AttributeError, TypeError):
                        continue  # reported by the schema check
                found = {str(u) for u in self.s.scalars(
                    select(model.uuid).execution_options(include_trashed=True)
                    .where(model.uuid.in_(keys)))}
                for value, where in chunk:
                    if value in found:
                        self.add(where, f"a {model.KIND} with uuid {value} is already in "
                                 "this case file")

    def _exists(self, model: type[Record], value: str) -> bool:
        if self.kinds.get(value) == model.KIND:
            return True
        found = self.s.scalars(select(model.id).where(model.uuid == uuid.UUID(value))).first()
        return found is not None

    def _check(self, spec: Spec, rec: dict[str, Any], where: list[Any],
               parent: dict[str, Any] | None = None) -> None:
        for col in spec.scalar_columns():
            value = rec.get(col.key)
            if isinstance(value, str) and isinstance(col.type, (UTCDateTime, LocalDateTime)):
                self._check_time(value, isinstance(col.type, UTCDateTime), [*where, col.key])
            if isinstance(value, str) and isinstance(col.type, ISODate):
                try:
                    date.fromisoformat(value)
                except ValueError:
                    self.add([*where, col.key], f"{value!r} is not a date (YYYY-MM-DD)")
        for name, model in spec.refs.items():
            value = rec.get(name)
            if value is None and _required_ref(spec, name):
                self.add([*where, name], f"a {spec.model.KIND.replace('_', ' ')} needs its "
                                         f"{name.replace('_', ' ')}")
            elif value is not None and not self._exists(model, value):
                self.add([*where, name], f"no {model.KIND.replace('_', ' ')} with uuid {value}")
        lists = dict(spec.lists)
        if spec.model.KIND == "draft":
            lists["byline"] = TeamMember
        for name, model in lists.items():
            for j, value in enumerate(rec.get(name, [])):
                if not self._exists(model, value):
                    self.add([*where, name, j],
                             f"no {model.KIND.replace('_', ' ')} with uuid {value}")
        if spec.model.KIND == "tag":
            for j, value in enumerate(rec.get("records", [])):
                if value not in self.kinds and not self._in_db_any(value):
                    self.add([*where, "records", j], f"no record with uuid {value}")
        if "trash" in rec and rec["trash"] not in self.trash_ids:
            self.add([*where, "trash"], f"no trash entry with uuid {rec['trash']}")
        if spec.model.KIND == "source":
            rules = rec.get("ground_rules", GroundRules.ON_RECORD.value)
            if (parse_enum(GroundRules, rules).needs_phrase
                    and not rec.get("attribution_phrase", "").strip()):
                self.add([*where, "attribution_phrase"],
                         f"required for a source under ground rules '{rules}'")
        if spec.model.KIND == "quote" and parent is not None:
            self._check_span(rec, parent.get("transcript", ""), where)
        if spec.model.KIND == "evidence_link":
            given = [t for t in EVIDENCE_TARGETS if rec.get(t)]
            if len(given) != 1:
                self.add(where, "give exactly one of " + ", ".join(EVIDENCE_TARGETS))
        if spec.file_attr and rec.get("file"):
            self._check_file(rec["file"], [*where, "file"], photo=spec.model is Photo)
        for key, child, _p in spec.children:
            for j, c in enumerate(rec.get(key, [])):
                self._check(child, c, [*where, key, j], parent=rec)

    def _in_db_any(self, value: str) -> bool:
        return any(self._exists(m, value) for m in RECORD_KINDS.values())

    def _check_time(self, value: str, needs_zone: bool, where: list[Any]) -> None:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.add(where, f"{value!r} is not an ISO 8601 date-time")
            return
        if needs_zone and parsed.tzinfo is None:
            self.add(where, f"{value!r} needs a time zone offset")

    def _check_span(self, rec: dict[str, Any], transcript: str, where: list[Any]) -> None:
        start, end = rec["span"]["start"], rec["span"]["end"]
        w = [*where, "span"]
        if end > len(transcript):
            self.add(w, f"end {end} beyond transcript length {len(transcript)}")
        elif start >= end:
            self.add(w, f"start {start} must be before end {end}")
        elif transcript[start:end] != rec["text"]:
            self.add([*where, "text"], f"does not match the transcript at {start}-{end} "
                     f"(the transcript has {transcript[start:end][:40]!r})")

    def _check_file(self, f: dict[str, Any], where: list[Any], *, photo: bool) -> None:
        rel = f["path"]
        reason = unsafe_reason(rel)
        if reason:
            self.add([*where, "path"], f"{rel!r}: {reason}")
            return
        known = self.file_paths.get(f["sha256"])
        if known is not None and (not photo or f["sha256"] in self.thumbs):
            return  # the same file, already checked
        try:
            digest, size = stream_digest(self.source, rel)
        except (KeyError, FileNotFoundError, OSError) as exc:
            self.add([*where, "path"], f"{rel!r} is missing from the bundle ({exc})")
            return
        except BundleError as exc:
            self.add([*where, "path"], exc.problems[0] if exc.problems else str(exc))
            return
        if digest != f["sha256"]:
            self.add([*where, "sha256"], f"{rel!r} has SHA-256 {digest}, not {f['sha256']}")
        elif "size" in f and f["size"] != size:
            self.add([*where, "size"], f"{rel!r} is {size} bytes, not {f['size']}")
        elif photo and not self._check_image(rel, digest, where):
            return
        else:
            self.file_paths[digest] = rel

    def _check_image(self, rel: str, digest: str, where: list[Any]) -> bool:
        """A photo's file must be an image Casefile can show: decoded (once, for its previews,
        which are stored with it) before anything is written, so a bad one refuses the bundle
        instead of leaving a photo no preview or shared copy can be made of."""
        try:
            data = self.source.read(rel)
            info = inspect_image(data, "")  # its name in the bundle says nothing
        except RejectedImageError as exc:
            self.add(where, f"{rel!r} is not a photo Casefile can import: {exc}")
            return False
        except BundleError as exc:
            self.add([*where, "path"], exc.problems[0] if exc.problems else str(exc))
            return False
        except (KeyError, OSError) as exc:
            self.add([*where, "path"], f"{rel!r} cannot be read from the bundle ({exc})")
            return False
        self.thumbs[digest] = (info.media_type, info.thumbnails)
        return True


class _Writer:
    """Builds the records once the bundle is known to be good."""

    def __init__(self, case: CaseFile, s: Session, checker: _Checker) -> None:
        self.case = case
        self.s = s
        self.checker = checker
        self.trash: dict[str, TrashEntry] = {}
        self.count = 0
        # Records made by this import, by UUID: references to them need no query (and no
        # autoflush), which made the import a query per reference.
        self.built: dict[str, Any] = {}
        self.blobs: dict[str, Blob] = {}

    def resolve(self, model: type[Record], value: str | None) -> Any:
        if value is None:
            return None
        made = self.built.get(value)
        if made is not None and isinstance(made, model):
            return made
        with self.s.no_autoflush:
            return self.s.scalars(
                select(model).execution_options(include_trashed=True)
                .where(model.uuid == uuid.UUID(value))
            ).one()

    def write(self, doc: dict[str, Any]) -> int:
        for t in doc.get("trash", []):
            entry = TrashEntry(uuid=uuid.UUID(t["uuid"]),
                               deleted_at=datetime.fromisoformat(t["deleted_at"]),
                               actor=t.get("actor", ""), record_kind=t["record_kind"],
                               record_uuid=uuid.UUID(t["record_uuid"]),
                               label=t.get("label", ""), item_count=t.get("item_count", 1))
            self.s.add(entry)
            self.trash[t["uuid"]] = entry
        self.s.flush()
        taggings = []
        merged = self.checker.merged_tags
        for spec in TOP:
            for rec in doc.get(spec.key, []):
                if spec.model.KIND == "tag":
                    taggings.append(rec)
                    if rec["uuid"] in merged:
                        continue  # its records go to the tag of the same name
                self.build(spec, rec, None)
            self.s.flush()
        done: set[tuple[int, str]] = set()
        for rec in taggings:
            into = merged.get(rec["uuid"], rec["uuid"])
            tag_id = self.checker.tag_ids.get(into)
            had = set()
            if tag_id is None:
                tag_id = self.resolve(Tag, into).id
            else:  # a tag of the case: the records it already has stay as they are
                had = {str(u) for u in self.s.scalars(
                    select(Tagging.record_uuid).where(Tagging.tag_id == tag_id))}
            for value in rec.get("records", []):
                if (tag_id, value) in done or value in had:
                    continue
                done.add((tag_id, value))
                kind = self.checker.kinds.get(value)
                if kind is None:
                    kind = next(m.KIND for m in RECORD_KINDS.values()
                                if self._has(m, value))
                self.s.add(Tagging(tag_id=tag_id, record_uuid=uuid.UUID(value),
                                   record_kind=kind))
        return self.count

    def _store_file(self, f: dict[str, Any]) -> Blob:
        """Write one file straight to the database and let its bytes go: the session keeps
        a Blob whose data is not loaded, so an import holds one file at a time."""
        rel = self.checker.file_paths[f["sha256"]]
        try:
            data = self.checker.source.read(rel)
        except OSError as exc:  # removed since it was checked
            raise BundleError(self.checker.source.name,
                              [f"{rel!r} cannot be read any more ({exc.strerror})"]) from None
        if hashlib.sha256(data).hexdigest() != f["sha256"]:  # changed since it was checked
            raise BundleError(self.checker.source.name,
                              [f"{rel!r} changed while the bundle was being imported"])
        blob_id = self.s.execute(insert(Blob).values(
            sha256=f["sha256"], size=len(data), data=data,
            media_type=f.get("media_type") or "application/octet-stream")
            .returning(Blob.id)).scalar_one()
        del data
        with self.s.no_autoflush:
            blob = self.s.get(Blob, blob_id)
        assert blob is not None
        return blob

    def _store_thumbnails(self, blob: Blob) -> None:
        entry = self.checker.thumbs.pop(blob.sha256, None)
        if entry is None:
            return
        have = set(self.s.scalars(select(Thumbnail.max_side)
                                  .where(Thumbnail.blob_id == blob.id)))
        for t in entry[1]:
            if t.max_side not in have:
                self.s.execute(insert(Thumbnail).values(blob_id=blob.id, max_side=t.max_side,
                                                        width=t.width, height=t.height,
                                                        data=t.data))

    def _has(self, model: type[Record], value: str) -> bool:
        return self.s.scalars(select(model.id).where(model.uuid == uuid.UUID(value))).first() \
            is not None

    def build(self, spec: Spec, rec: dict[str, Any], parent: tuple[str, Any] | None) -> Any:
        obj: Any = spec.model()
        for col in spec.scalar_columns():
            if col.key not in rec:
                continue
            value = rec[col.key]
            if value is not None:
                value = _from_json(col, value)
            setattr(obj, col.key, value)
        if spec.model is Quote:
            obj.span_start, obj.span_end = rec["span"]["start"], rec["span"]["end"]
        for name, model in spec.refs.items():
            setattr(obj, name, self.resolve(model, rec.get(name)))
        for name, model in spec.lists.items():
            setattr(obj, name, [self.resolve(model, v) for v in rec.get(name, [])])
        if spec.model.KIND == "draft":
            obj.byline = [DraftByline(member=self.resolve(TeamMember, v), position=i)
                          for i, v in enumerate(rec.get("byline", []))]
        if spec.file_attr and rec.get("file"):
            f = rec["file"]
            blob = self.blobs.get(f["sha256"])
            if blob is None:
                with self.s.no_autoflush:  # a flush per file made imports crawl
                    blob = self.s.scalars(
                        select(Blob).where(Blob.sha256 == f["sha256"])).one_or_none()
            if blob is None:
                blob = self._store_file(f)
            self._store_thumbnails(blob)
            self.blobs[f["sha256"]] = blob
            setattr(obj, spec.file_attr, blob)
        if parent is not None:
            setattr(obj, parent[0], parent[1])
        if "trash" in rec:
            obj.trash_id = self.trash[rec["trash"]].id
        self.s.add(obj)
        if rec.get("uuid"):
            self.built[rec["uuid"]] = obj
        self.count += 1
        for key, child, attr in spec.children:
            for c in rec.get(key, []):
                self.build(child, c, (attr, obj))
        return obj


def _chunks(items: list[Any], size: int = 500) -> list[list[Any]]:
    """`items` in slices small enough for one `IN (…)` query."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def _from_json(col: Any, value: Any) -> Any:
    t = col.type
    if isinstance(t, (UTCDateTime, LocalDateTime)):
        return datetime.fromisoformat(value)
    if isinstance(t, ISODate):
        return date.fromisoformat(value)
    if col.key == "uuid":
        return uuid.UUID(value)
    enum_class = getattr(t, "enum_class", None)
    if enum_class is not None:
        return enum_class(value)
    return value


def import_bundle(case: CaseFile, path: Path | str) -> int:
    """Validate a bundle and add all of it to the case in one transaction; returns the number
    of records added. On any problem raises BundleError listing each, and changes nothing."""
    doc, source = read_bundle(path)
    try:
        with case.store.write(bulk_audit=True) as s:
            checker = _Checker(doc, source, s)
            problems = checker.run()
            if problems:
                raise BundleError(source.name, problems)
            info = s.scalars(select(CaseInfo)).one()
            if _is_empty(s):
                _adopt_case(info, doc["case"])
            count = _Writer(case, s, checker).write(doc)
            s.add(AuditEntry(actor=case.store.actor, action="import", record_kind="case",
                             record_uuid=info.uuid,
                             summary=f"imported {count} records from {Path(path).name}"))
            return count
    finally:
        source.close()


def _is_empty(s: Session) -> bool:
    for spec in TOP:
        stmt = select(spec.model.id).execution_options(include_trashed=True).limit(1)
        if s.scalar(stmt) is not None:
            return False
    return True


def _adopt_case(info: CaseInfo, case: dict[str, Any]) -> None:
    """An empty case file takes on the bundle's case identity, so a round trip is exact."""
    for key in ("title", "slug", "summary", "language", "desk", "house_style"):
        if key in case:
            setattr(info, key, case[key])
    if "uuid" in case:
        info.uuid = uuid.UUID(case["uuid"])
    for key in ("created_at", "updated_at"):
        if key in case:
            setattr(info, key, datetime.fromisoformat(case[key]))



def _required_ref(spec: Spec, name: str) -> bool:
    """Whether the reference `name` of a record is a NOT NULL foreign key."""
    column = sa_inspect(spec.model).columns.get(f"{name}_id")
    return column is not None and not column.nullable
