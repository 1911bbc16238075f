"""Importing a bundle: validate everything first, then write it all in one transaction.

Every problem is reported with the JSON path where it is ("interviews[3].quotes[0].span:
end beyond transcript length"); if there is any, nothing is written.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.bundle.file_rows import FileWriter, Previews, file_entries
from casefile.bundle.files import BundleSource, open_source, stream_digest, unsafe_reason
from casefile.bundle.previews import bundle_previews
from casefile.bundle.schema_check import jpath, schema_problems
from casefile.bundle.spec import TOP, Spec
from casefile.bundle.tables import layout
from casefile.bundle.write_rows import RowWriter
from casefile.claims.style import HouseStyle
from casefile.db.base import Record
from casefile.db.session import audit
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime
from casefile.errors import BundleError
from casefile.media.images import RejectedImageError, inspect_image
from casefile.models import (
    RECORD_KINDS,
    CaseInfo,
    GroundRules,
    Photo,
    Tag,
    TeamMember,
    TrashEntry,
)
from casefile.services.rules import (
    evidence_target_problem,
    needs_attribution_phrase,
    needs_zone,
    published_wording,
    record_problems,
    span_problem,
    text_problem,
    words_at_span,
)

if TYPE_CHECKING:  # the case imports the bundle code (commands.ImportBundle)
    from casefile.case import CaseFile


def read_bundle(path: Path | str) -> tuple[dict[str, Any], BundleSource]:
    """Open a bundle and check it against the JSON Schema (structure only)."""
    source = open_source(Path(path))
    try:
        doc = source.document()
        problems = schema_problems(doc)
        if problems:
            raise BundleError(source.name, problems)
    except BaseException:
        source.close()
        raise
    return doc, source


class _Checker:
    """Semantic checks the schema cannot express: references, spans, dates, files."""

    def __init__(self, doc: dict[str, Any], source: BundleSource, s: Session) -> None:
        self.doc = doc
        self.source = source
        self.s = s
        self.problems: list[str] = []
        self.kinds: dict[str, str] = {}  # uuid -> kind, for everything in the bundle
        # Files (and photos' previews) are written as they are checked, one at a time
        # (casefile/bundle/file_rows.py): only their hashes are kept.
        self.files = FileWriter(s.connection(), (f.get("sha256", "") for f in
                                                 file_entries(doc)))
        self.checked: set[str] = set()
        self.photos_checked: set[str] = set()
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
        if isinstance(case, dict) and "house_style" in case:
            for key, why in HouseStyle.problems(case["house_style"]).items():
                self.add(["case", "house_style", *([key] if key else [])], why)
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

    def _walk_strings(self, doc: Any, _where: list[Any]) -> None:
        """Strings holding NUL or a lone surrogate, each with its path. Iterative; a path is
        spelled out only for a string that has one (each container keeps its parent)."""
        frames: list[tuple[int, Any]] = [(-1, None)]

        def where(frame: int, key: Any) -> list[Any]:
            parts = [key]
            while frame > 0:
                frame, k = frames[frame]
                parts.append(k)
            return parts[::-1]

        stack: list[tuple[Any, int]] = [(doc, 0)] if isinstance(doc, (dict, list)) else []
        while stack:
            node, frame = stack.pop()
            for key, value in (node.items() if isinstance(node, dict) else enumerate(node)):
                if isinstance(value, str):
                    # The services' rule (text_problem), asked only of the rare string that
                    # could break it: ASCII without NUL is nearly every one.
                    if ("\x00" in value or not value.isascii()) and \
                            (problem := text_problem(value)) is not None:
                        self.add(where(frame, key), problem)
                elif isinstance(value, (dict, list)):
                    frames.append((frame, key))
                    stack.append((value, len(frames) - 1))

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
        for col in layout(spec).scalars:
            value = rec.get(col.key)
            if isinstance(value, str) and isinstance(col.type, (UTCDateTime, LocalDateTime)):
                self._check_time(value, needs_zone(col.type), [*where, col.key])
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
        for name, problem in record_problems(spec.model.KIND, rec.get):
            self.add([*where, name], problem)
        if spec.model.KIND == "source":
            rules = rec.get("ground_rules", GroundRules.ON_RECORD.value)
            if needs_attribution_phrase(rules, rec.get("attribution_phrase")):
                self.add([*where, "attribution_phrase"],
                         f"required for a source under ground rules '{rules}'")
        if spec.model.KIND == "quote" and parent is not None:
            self._check_span(rec, parent.get("transcript", ""), where)
            # A published wording of only white space is none (rules.published_wording):
            # an import clears it where the app refuses it as typed (the reporter can be
            # told there; a bundle's author cannot).
            if isinstance(rec.get("published_text"), str):
                rec["published_text"] = published_wording(rec["published_text"])
        if spec.model.KIND == "evidence_link" and (why := evidence_target_problem(rec)):
            self.add(where, why)
        if spec.file_attr and rec.get("file"):
            self._check_file(rec["file"], [*where, "file"],
                             photo=rec if spec.model is Photo else None)
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
        problem = span_problem(start, end, len(transcript))
        if problem == "beyond":
            self.add(w, f"end {end} beyond transcript length {len(transcript)}")
        elif problem == "reversed":
            self.add(w, f"start {start} must be before end {end}")
        elif not words_at_span(transcript, start, end, rec["text"]):
            self.add([*where, "text"], f"does not match the transcript at {start}-{end} "
                     f"(the transcript has {transcript[start:end][:40]!r})")

    def _check_file(self, f: dict[str, Any], where: list[Any], *,
                    photo: dict[str, Any] | None) -> None:
        """A file must be in the bundle with its hash and size; a photo must be an image.
        A new file is read whole (one at a time), checked and written into the import's
        transaction at once; one the case already has is only hashed, as a stream."""
        rel = f["path"]
        reason = unsafe_reason(rel)
        if reason:
            self.add([*where, "path"], f"{rel!r}: {reason}")
            return
        sha = f["sha256"]
        if sha in self.checked and (photo is None or sha in self.photos_checked):
            return  # the same file, already checked
        data: bytes | None = None
        try:
            if photo is not None or not self.files.has(sha):
                data = self.source.read(rel)
                digest, size = hashlib.sha256(data).hexdigest(), len(data)
            else:
                digest, size = stream_digest(self.source, rel)
        except (KeyError, FileNotFoundError, OSError) as exc:
            self.add([*where, "path"], f"{rel!r} is missing from the bundle ({exc})")
            return
        except BundleError as exc:
            self.add([*where, "path"], exc.problems[0] if exc.problems else str(exc))
            return
        if digest != sha:
            self.add([*where, "sha256"], f"{rel!r} has SHA-256 {digest}, not {sha}")
            return
        if "size" in f and f["size"] != size:
            self.add([*where, "size"], f"{rel!r} is {size} bytes, not {f['size']}")
            return
        previews = None
        if photo is not None:
            assert data is not None
            previews = self._check_image(rel, data, where)
            if previews is None:
                return
            self.photos_checked.add(sha)
        self.checked.add(sha)
        if self.problems:
            return  # nothing will be written: the import is refused
        if data is not None:
            self.files.put(f, data)
        if previews is not None:
            self.files.put_previews(sha, previews)

    def _check_image(self, rel: str, data: bytes, where: list[Any]) -> Previews | None:
        """A photo's file must be an image Casefile can show, checked before the import is
        committed so a bad one refuses the bundle instead of leaving a photo no preview or
        shared copy can be made of. With the bundle's own previews of it (same hash) it is
        opened, not decoded (the previews are, and re-encoded from their pixels);
        otherwise it is decoded once, for its previews. Returns the
        previews (None, and a problem listed, if it is not a photo Casefile can import)."""
        try:
            previews = bundle_previews(self.source, rel, hashlib.sha256(data).hexdigest(),
                                       data)
            if previews is not None:
                return previews
            info = inspect_image(data, "")  # its name in the bundle says nothing
        except RejectedImageError as exc:
            self.add(where, f"{rel!r} is not a photo Casefile can import: {exc}")
            return None
        except BundleError as exc:
            self.add([*where, "path"], exc.problems[0] if exc.problems else str(exc))
            return None
        return [(t.max_side, t.width, t.height, t.data) for t in info.thumbnails]


def _chunks(items: list[Any], size: int = 500) -> list[list[Any]]:
    """`items` in slices small enough for one `IN (…)` query."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def import_bundle(case: CaseFile, path: Path | str) -> int:
    """Validate a bundle and add all of it to the case in one transaction; returns the number
    of records added. On any problem raises BundleError listing each, and changes nothing."""
    doc, source = read_bundle(path)
    try:
        with case._store.write(bulk_audit=True) as s:
            checker = _Checker(doc, source, s)
            problems = checker.run()
            if problems:
                raise BundleError(source.name, problems)
            info = s.scalars(select(CaseInfo)).one()
            if _is_empty(s):
                _adopt_case(info, doc["case"])
            count = RowWriter(s, checker).write(doc)
            audit(s, "import", kind="case", ref=info.uuid,
                  summary=f"imported {count} records from {Path(path).name}")
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
