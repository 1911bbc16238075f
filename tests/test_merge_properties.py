"""Field copies merged back, attacked with random work (Hypothesis).

A small real case (team, sources, interviews with transcripts, quotes, claims, evidence,
photos from real JPEGs, tags) is copied with `make_field_copy`; random sequences of edits,
links, unlinks, tags, trashes, restores and new records run on the case and on one or two
copies; then the copies are merged. What must hold, checked field by field against
snapshots read straight from the files' tables:

- every change on either side is in the result, or a conflict names its record and field;
- nothing else changed, the lead's value stays where there is a conflict, `check()` is ok;
- merging the same copy again changes nothing and makes no new conflict;
- two copies merged in either order give the same records where they do not conflict;
- `merge COPY CASE` brings the lead's changes into the copy.

The snapshot and the checker are shared with test_merge_story.py and
test_merge_protection.py.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import JSON

from casefile import CaseFile
from casefile.errors import CaseFileError
from casefile.models import RECORD_KINDS

# -- real files -----------------------------------------------------------------------------

_jpeg_serial = itertools.count(1)


def jpeg(seed: int | None = None, size: tuple[int, int] = (48, 32)) -> bytes:
    """A small real JPEG, different for every seed (photos are de-duplicated by hash)."""
    n = next(_jpeg_serial) if seed is None else seed
    im = Image.new("RGB", size, (n % 251, (n // 251) % 251, 90))
    im.putpixel((0, 0), ((n * 7) % 256, 3, (n // 63001) % 256))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


PARAGRAPHS = (
    "Q: How many trucks crossed last week?",
    "A: We used to ship forty trucks a week to Heihe.",
    "A: Now the line at the bridge is nine days long.",
    "A: The customs post closes at six and nobody hurries.",
)
TRANSCRIPT = "\n\n".join(PARAGRAPHS)


def build_seed_case(path: Path) -> None:
    """The small case every example starts from, written once."""
    with CaseFile.create(path, title="Amur border trade", actor="lead") as case:
        lead = case.team.create(name="Maria Lindqvist", base_city="Helsinki")
        anna = case.team.create(name="Anna Li", base_city="Vladivostok", role="contributor")
        petrov = case.sources.create(name="Yuri Petrov", role_title="timber trader",
                                     location="Khabarovsk")
        customs = case.sources.create(name="Far Eastern Customs", kind="official_body")
        iv1 = case.interviews.create(title="Petrov at his yard", transcript=TRANSCRIPT,
                                     interviewees=[petrov.uuid], interviewers=[lead.uuid])
        iv2 = case.interviews.create(title="Customs press office", transcript=TRANSCRIPT,
                                     interviewees=[customs.uuid], interviewers=[anna.uuid])
        quotes = []
        for iv, para in ((iv1, 1), (iv1, 2), (iv2, 3)):
            start = TRANSCRIPT.index(PARAGRAPHS[para]) + 3
            quotes.append(case.quotes.mark(iv.uuid, start, start + 20))
        claims = [case.claims.create(statement=s) for s in (
            "Cross-border timber trade fell by half.",
            "Trucks wait nine days at the bridge.",
            "The customs post closes early.")]
        photos = [case.photos.add(jpeg(10_000 + k), f"IMG_{k}.jpg", caption=f"Photo {k}")
                  for k in range(2)]
        case.evidence.create(claim=claims[0].uuid, quote=quotes[0].uuid)
        case.evidence.create(claim=claims[1].uuid, quote=quotes[1].uuid)
        case.evidence.create(claim=claims[1].uuid, photo=photos[0].uuid)
        case.evidence.create(claim=claims[2].uuid, quote=quotes[2].uuid)
        case.tags.tag(claims[1], "follow up")
        case.tags.tag(photos[1], "photo desk")


# -- snapshots: what a case holds, read from its tables ------------------------------------

SKIP_COLUMNS = {"id", "version", "changed_at", "changed_by", "changed_device", "updated_at",
                "trash_id"}
# Many-to-many links, merged as sets: table -> (owner column, owner table, member column,
# member table, field name on the owner).
SETS = (
    ("interview_interviewees", "interview_id", "interviews", "source_id", "sources",
     "interviewees"),
    ("interview_interviewers", "interview_id", "interviews", "team_member_id",
     "team_members", "interviewers"),
    ("photo_depicted", "photo_id", "photos", "source_id", "sources", "depicted"),
    ("comment_request_claims", "request_id", "comment_requests", "claim_id", "claims",
     "claims"),
)
SET_FIELDS = {"interviewees", "interviewers", "depicted", "claims", "tags"}
Key = tuple[str, str]  # (kind, uuid)
Snapshot = dict[Key, dict[str, Any]]


def _rows(conn: Any, sql: str) -> list[dict[str, Any]]:
    result = conn.exec_driver_sql(sql)
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def snapshot(case: CaseFile) -> Snapshot:
    """Every record of the case (trashed ones too) as {field: value}: references as the
    target's UUID, stored files as their hash, sets as sorted tuples, `trashed` a field."""
    out: Snapshot = {}
    with case._store.engine.connect() as conn:
        uuids: dict[str, dict[int, str]] = {}
        tables = {model.__tablename__: model for model in RECORD_KINDS.values()}  # type: ignore[attr-defined]
        raw = {name: _rows(conn, f'SELECT * FROM "{name}"') for name in tables}
        for name, rows in raw.items():
            uuids[name] = {r["id"]: str(r["uuid"]) for r in rows}
        blobs = {r["id"]: r["sha256"] for r in _rows(conn, "SELECT id, sha256 FROM blobs")}
        for name, model in tables.items():
            columns = {c.name: c for c in model.__table__.columns}  # type: ignore[attr-defined]
            for r in raw[name]:
                rec: dict[str, Any] = {"trashed": r["trash_id"] is not None}
                for col, value in r.items():
                    if col in SKIP_COLUMNS or col == "uuid":
                        continue
                    column = columns.get(col)
                    if column is not None and column.foreign_keys and value is not None:
                        target = next(iter(column.foreign_keys)).column.table.name
                        value = blobs.get(value) if target == "blobs" else \
                            uuids.get(target, {}).get(value, f"?{value}")
                    elif column is not None and isinstance(column.type, JSON) and \
                            isinstance(value, str):
                        value = json.loads(value)
                    rec[col] = value
                for set_field in SET_FIELDS:
                    if any(s[2] == name and s[5] == set_field for s in SETS) or \
                            set_field == "tags":
                        rec[set_field] = ()
                out[(model.KIND, str(r["uuid"]))] = rec
        for table, owner_col, owner_table, member_col, member_table, fname in SETS:
            groups: dict[str, list[str]] = {}
            for r in _rows(conn, f"SELECT {owner_col}, {member_col} FROM {table}"):
                owner = uuids[owner_table].get(r[owner_col])
                if owner is not None:
                    groups.setdefault(owner, []).append(uuids[member_table][r[member_col]])
            kind = tables[owner_table].KIND
            for owner, members in groups.items():
                out[(kind, owner)][fname] = tuple(sorted(members))
        byline = _rows(conn, "SELECT draft_id, team_member_id, position FROM draft_byline "
                             "ORDER BY draft_id, position")
        for r in byline:
            rec = out[("draft", uuids["drafts"][r["draft_id"]])]
            rec["byline"] = (*rec.get("byline", ()), uuids["team_members"][r["team_member_id"]])
        tag_names = {r["id"]: r["name"].casefold() for r in raw["tags"]}
        for r in _rows(conn, "SELECT tag_id, record_uuid, record_kind FROM taggings"):
            key = (r["record_kind"], str(r["record_uuid"]))
            if key in out:
                # by name: two sides may each make "legal", and one tag is the result
                out[key]["tags"] = tuple(sorted({*out[key]["tags"], tag_names[r["tag_id"]]}))
    return out


def tags_by_name(snap: Snapshot) -> Snapshot:
    """Tags keyed by name rather than UUID, for comparing files that made them apart."""
    return {(("tag", v["name"].casefold()) if k[0] == "tag" else k): v for k, v in snap.items()}


# -- the checker ---------------------------------------------------------------------------


@dataclass
class Findings:
    """What a merge got wrong, one line each."""

    problems: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        """Note one problem."""
        self.problems.append(line)


def conflict_keys(conflicts: Any) -> set[tuple[str, str]]:
    """(record uuid, field) of each conflict; field "" for the record as a whole."""
    return {(str(c.record_uuid), c.field) for c in conflicts}


TEXT_FIELDS = {"transcript", "body"}  # merged line by line
KINDS_BY_REF = ("claim", "quote", "photo", "interview", "source", "document", "excerpt",
                "team_member")


def merge_paragraphs(base: str, mine: str, theirs: str) -> str | None:
    """The expected three-way merge of a text edited paragraph by paragraph (no paragraph
    added or removed), or None where both sides changed one paragraph differently."""
    b, m, t = (x.split("\n\n") for x in (base, mine, theirs))
    if not len(b) == len(m) == len(t):
        return None
    out = []
    for pb, pm, pt in zip(b, m, t, strict=True):
        if pm == pt or pt == pb:
            out.append(pm)
        elif pm == pb:
            out.append(pt)
        else:
            return None
    return "\n\n".join(out)


def check_merge(base: Snapshot, mine: Snapshot, theirs: Snapshot, result: Snapshot,
                conflicts: set[tuple[str, str]], *, ignore: Callable[[Key, str], bool]
                = lambda key, name: False) -> list[str]:
    """Every change on either side is in `result` or named by a conflict; nothing else
    changed; where a field conflicts, `mine` (the side merged into) keeps its value.
    `base` is what both sides agreed on, `mine` the file merged into before the merge,
    `theirs` the other file."""
    found = Findings()
    named = {uid for uid, _f in conflicts}
    # Two sides that each made a tag "legal" have one tag after the merge.
    base, mine, theirs, result = (tags_by_name(x) for x in (base, mine, theirs, result))

    def conflicted(key: Key, name: str) -> bool:
        """A conflict names the field (a reference without its "_id"), or the record as a
        whole, or its trashing (trashed on one side, edited on the other)."""
        return bool({(key[1], name), (key[1], name.removesuffix("_id")), (key[1], ""),
                     (key[1], "trashed")} & conflicts)

    for key in sorted(set(base) | set(mine) | set(theirs) | set(result)):
        b, m, t, r = (s.get(key) for s in (base, mine, theirs, result))
        if r is None:
            if m is not None or t is not None:
                found.add(f"{key}: missing from the result")
            continue
        if b is None and m is None and t is None:
            found.add(f"{key}: in the result from nowhere: {r}")
            continue
        if b is None:  # new on one side (or, for tags, on both)
            new: dict[str, Any] = m if m is not None else t if t is not None else {}
            other = t if m is not None else None
            for name in sorted(set(new) | set(r)):
                if ignore(key, name):
                    continue
                want, got = new.get(name), r.get(name)
                if name in SET_FIELDS and other is not None:
                    want = tuple(sorted({*new.get(name, ()), *other.get(name, ())}))
                # New work on a record the other side trashed goes to the trash with it.
                with_owner = name == "trashed" and got and any(
                    isinstance(v, str) and result.get((k2, v), {}).get("trashed")
                    for k2 in KINDS_BY_REF for v in r.values())
                if got != want and not (key[1] in named and name == "trashed") and \
                        not with_owner:
                    found.add(f"{key}.{name}: new record came in as {got!r}, not {want!r}")
            continue
        if m is None or t is None:  # purged on one side: not generated here
            continue
        for name in sorted(set(b) | set(m) | set(t) | set(r)):
            if ignore(key, name):
                continue
            vb, vm, vt, vr = b.get(name), m.get(name), t.get(name), r.get(name)
            if name in SET_FIELDS:
                sb, sm, st_ = set(vb or ()), set(vm or ()), set(vt or ())
                want = tuple(sorted((sm - (sb - st_)) | (st_ - sb)))
                if vr != want and not conflicted(key, name):
                    found.add(f"{key}.{name}: {vr!r}, expected the sets merged: {want!r} "
                              f"(base {vb!r}, mine {vm!r}, theirs {vt!r})")
                continue
            if vm == vt or vt == vb:
                if vr != vm:
                    found.add(f"{key}.{name}: changed to {vr!r} though only mine had it "
                              f"{vm!r} (base {vb!r}, theirs {vt!r})")
                continue
            if vm == vb:  # changed on their side only
                # Trashed there while edited here (or trashed with a record that was):
                # the deletion waits for the lead, as one.
                held = key[1] in named or any(isinstance(v, str) and v in named
                                              for v in t.values())
                if name == "trashed" and vt and held:
                    if vr != vm and key[1] in named:
                        found.add(f"{key}: trashed in theirs while edited here, a conflict, "
                                  "yet the trash went through")
                    continue
                if vr != vt and not (conflicted(key, name) and vr == vm):
                    found.add(f"{key}.{name}: their change {vt!r} is not in the result "
                              f"({vr!r}) and no conflict names it (base {vb!r})")
                if vr == vm and vt != vm and not conflicted(key, name):
                    found.add(f"{key}.{name}: kept mine without a conflict")
                continue
            # changed on both sides, differently
            if name in TEXT_FIELDS and isinstance(vb, str) and isinstance(vm, str) \
                    and isinstance(vt, str):
                merged = merge_paragraphs(vb, vm, vt)
                if merged is not None:
                    if vr != merged:
                        found.add(f"{key}.{name}: edits to different paragraphs should "
                                  f"merge: got {vr!r}, expected {merged!r}")
                    if conflicted(key, name):
                        found.add(f"{key}.{name}: a clean text merge reported a conflict")
                    continue
            if not conflicted(key, name):
                found.add(f"{key}.{name}: changed on both sides ({vm!r} / {vt!r}, base "
                          f"{vb!r}) and no conflict names it")
            elif vr != vm:
                found.add(f"{key}.{name}: in conflict, yet mine {vm!r} was replaced by "
                          f"{vr!r}")
    return found.problems


OWNERS = {"evidence_link": ("claim_id", "quote_id", "excerpt_id", "photo_id", "document_id",
                             "interview_id"),
          "quote": ("interview_id",), "attachment": ("interview_id",),
          "excerpt": ("document_id",)}
OWNER_KINDS = {"claim_id": "claim", "quote_id": "quote", "excerpt_id": "excerpt",
               "photo_id": "photo", "document_id": "document", "interview_id": "interview"}


def _dangling_keys(snap: Snapshot) -> list[tuple[Key, str, str]]:
    out = []
    for key, rec in snap.items():
        if rec["trashed"] or key[0] not in OWNERS:
            continue
        for col in OWNERS[key[0]]:
            target = rec.get(col)
            if target is not None and snap.get((OWNER_KINDS[col], target), {}).get("trashed"):
                out.append((key, col.removesuffix("_id"), target))
    return out


def dangling(snap: Snapshot) -> list[str]:
    """Live records that belong to, or point at, a record in the trash: a state no merge
    should make (the trash refuses, or takes them along)."""
    return [f"{key} is live, its {what} {target} is in the trash"
            for key, what, target in _dangling_keys(snap)]


def and_ignore(ignore: Callable[[Key, str], bool], *sides: Snapshot
               ) -> Callable[[Key, str], bool]:
    """Also leave alone whether a record is in the trash where a side holds it live under
    a trashed record: the trash lets an evidence link be restored while its photo stays
    in the trash (casefile/services/trash.py), and a merge may then tidy it away."""
    odd = {key for side in sides for key, _w, _t in _dangling_keys(side)}
    return lambda key, name: ignore(key, name) or (name == "trashed" and key in odd)


def spans_shift(base: Snapshot, *others: Snapshot) -> Callable[[Key, str], bool]:
    """Quote spans may move when a transcript changed (the merge re-anchors them): leave
    span fields of those quotes to `quotes_still_match`."""
    moved = {k[1] for k, v in base.items() if k[0] == "interview"
             and any(o.get(k, {}).get("transcript") != v.get("transcript") for o in others)}

    def ignore(key: Key, name: str) -> bool:
        if key[0] != "quote" or name not in ("span_start", "span_end"):
            return False
        rec = next((s[key] for s in (base, *others) if key in s), {})
        return rec.get("interview_id") in moved or rec.get("interview_id") is None

    return ignore


def quotes_still_match(before: Snapshot, result: Snapshot) -> list[str]:
    """A quote that matched its transcript before, whose words are still there once in the
    merged transcript, matches it after the merge (its span moved with the text)."""
    problems = []
    for key, q in result.items():
        if key[0] != "quote" or q["trashed"] or key not in before:
            continue
        old = before[key]
        iv_old = before.get(("interview", old["interview_id"]), {}).get("transcript", "")
        if iv_old[old["span_start"]:old["span_end"]] != old["text"]:
            continue
        iv_new = result[("interview", q["interview_id"])]["transcript"]
        if iv_new.count(q["text"]) == 1 and iv_new[q["span_start"]:q["span_end"]] != q["text"]:
            problems.append(f"{key}: the quote no longer matches its merged transcript "
                            f"(span {q['span_start']}-{q['span_end']})")
    return problems


# -- random work -----------------------------------------------------------------------------

EDITABLE: dict[str, tuple[str, ...]] = {
    "source": ("location", "role_title", "notes"),
    "claim": ("statement", "notes", "status"),
    "photo": ("caption", "place_name"),
    "interview": ("title", "notes", "transcript"),
    "team_member": ("base_city",),
    "evidence_link": ("note", "relation"),
    "quote": ("notes",),
}
CHOICES = {"status": ("unverified", "verified", "disputed", "needs_second_source"),
           "relation": ("supports", "contradicts", "context")}
TAGS = ("follow up", "legal", "photo desk")
OPS = ("edit", "edit", "edit", "link", "unlink", "tag", "untag", "trash", "restore", "add")


def _pick(items: list[Any], n: int) -> Any:
    return items[n % len(items)] if items else None


def _live(case: CaseFile, kind: str) -> list[Any]:
    return case.service(kind).page(limit=1000)


def run_op(case: CaseFile, op: str, a: int, b: int, tag: str) -> str:
    """One operation on one side, chosen by the numbers; '' if there was nothing to do or
    the core refused it (a refused call changes nothing)."""
    try:
        if op == "edit":
            kind = _pick(sorted(EDITABLE), a)
            record = _pick(_live(case, kind), b)
            if record is None:
                return ""
            name = _pick(list(EDITABLE[kind]), a // 7)
            if name in CHOICES:
                value: Any = _pick(list(CHOICES[name]), b // 3)
            elif name == "transcript":
                paras = record.transcript.split("\n\n") if record.transcript else [""]
                paras[(b // 5) % len(paras)] = f"A: corrected {tag} {b % 3}."
                value = "\n\n".join(paras)
            else:  # a small pool, so both sides sometimes make the same change
                value = f"{name} {b % 3}" if a % 2 else f"{name} by {tag} {b}"
            case.service(kind).update(record.uuid, **{name: value})
            return f"edit {kind}.{name}"
        if op == "link":
            claim = _pick(_live(case, "claim"), a)
            target_kind = ("quote", "photo")[b % 2]
            target = _pick(_live(case, target_kind), b // 2)
            if claim is None or target is None:
                return ""
            case.evidence.create(claim=claim.uuid, **{target_kind: target.uuid})
            return "link"
        if op == "unlink":
            link = _pick(_live(case, "evidence_link"), a)
            if link is None:
                return ""
            case.trash.delete(link)
            return "unlink"
        if op in ("tag", "untag"):
            kind = _pick(["claim", "photo", "source"], a)
            record = _pick(_live(case, kind), b)
            if record is None:
                return ""
            name = _pick(list(TAGS), a // 3)
            if op == "tag":
                case.tags.tag(record, name)
            else:
                if name not in case.tags.names_for(record):
                    return ""
                case.tags.untag(record, name)
            return op
        if op == "trash":
            kind = _pick(["photo", "claim", "quote", "evidence_link"], a)
            record = _pick(_live(case, kind), b)
            if record is None:
                return ""
            case.trash.delete(record, cascade=True)
            return f"trash {kind}"
        if op == "restore":
            entry = _pick(case.trash.entries(limit=1000), a)
            if entry is None:
                return ""
            case.trash.restore(entry.uuid)
            return "restore"
        if op == "add":
            what = a % 4
            if what == 0:
                case.sources.create(name=f"New source {tag} {b}")
            elif what == 1:
                case.claims.create(statement=f"New claim {tag} {b}.")
            elif what == 2:
                case.photos.add(jpeg(), f"new-{tag}-{b}.jpg", caption=f"New photo {tag}")
            else:
                case.interviews.create(title=f"New interview {tag} {b}",
                                       transcript=f"Q: Where?\n\nA: In {tag}.")
            return "add"
    except CaseFileError:
        return ""
    raise AssertionError(op)


op_lists = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10_000),
                              st.integers(0, 10_000)), max_size=8)

# Bounded so the file runs in well under two minutes; MERGE_EXAMPLES=500 for a long hunt.
PROPERTY = settings(max_examples=int(os.environ.get("MERGE_EXAMPLES", "15")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed case, built once for the module; each example copies it."""
    path = tmp_path_factory.mktemp("merge-seed") / "seed.casefile"
    build_seed_case(path)
    return path


@pytest.fixture
def work() -> Iterator[Callable[[], Path]]:
    """Fresh scratch folders, one per Hypothesis example."""
    made: list[tempfile.TemporaryDirectory[str]] = []

    def folder() -> Path:
        made.append(tempfile.TemporaryDirectory(prefix="merge-"))
        return Path(made[-1].name)

    yield folder
    for tmp in made:
        tmp.cleanup()


def _start(seed_file: Path, folder: Path, copies: int) -> tuple[CaseFile, list[Path]]:
    from casefile.sync import make_field_copy

    lead_path = folder / "lead.casefile"
    shutil.copyfile(seed_file, lead_path)
    lead = CaseFile.open(lead_path, actor="lead")
    paths = []
    for k in range(copies):
        out = folder / f"copy-{k}.casefile"
        make_field_copy(lead, out, label=f"copy {k}")
        paths.append(out)
    return lead, paths


def _ops(case: CaseFile, ops: list[tuple[str, int, int]], tag: str) -> None:
    for op, a, b in ops:
        run_op(case, op, a, b, tag)


# -- the properties ------------------------------------------------------------------------


@PROPERTY
@given(lead_ops=op_lists, copy_ops=op_lists)
def test_a_merge_keeps_every_change_or_names_the_conflict(
        seed_file: Path, work: Callable[[], Path], lead_ops: list[tuple[str, int, int]],
        copy_ops: list[tuple[str, int, int]]) -> None:
    from casefile.sync import merge_cases

    lead, [copy_path] = _start(seed_file, work(), 1)
    try:
        base = snapshot(lead)
        with CaseFile.open(copy_path, actor="anna") as copy:
            assert snapshot(copy) == base  # a complete copy holds the case as it was
            _ops(lead, lead_ops, "lead")
            _ops(copy, copy_ops, "anna")
            mine, theirs = snapshot(lead), snapshot(copy)
            report = merge_cases(lead, copy)
            result = snapshot(lead)
            keys = conflict_keys(report.conflicts)
            problems = check_merge(base, mine, theirs, result, keys,
                                   ignore=and_ignore(spans_shift(base, mine, theirs),
                                                     mine, theirs))
            problems += quotes_still_match(mine, result)
            if not dangling(mine) and not dangling(theirs):
                problems += dangling(result)
            assert problems == [], (problems, report.lines())
            for conflict in report.conflicts:  # each names a real record and its peer
                assert (conflict.record_kind, str(conflict.record_uuid)) in result
                assert conflict.status == "open" and conflict.peer_label == "copy 0"
            assert lead.merges.open_count() == len(report.conflicts)
            check = lead.check()
            assert check.ok, check.problems
            if mine == base and theirs != base:
                assert report.changed > 0 and not report.conflicts

            again = merge_cases(lead, copy)  # the same copy again: a no-op
            assert again.changed == 0 and again.conflicts == (), again.lines()
            assert snapshot(lead) == result
            assert lead.merges.open_count() == len(report.conflicts)
    finally:
        lead.close()


@PROPERTY
@given(lead_ops=op_lists, copy_ops=op_lists)
def test_merging_the_case_into_its_copy_brings_the_leads_changes(
        seed_file: Path, work: Callable[[], Path], lead_ops: list[tuple[str, int, int]],
        copy_ops: list[tuple[str, int, int]]) -> None:
    from casefile.sync import merge_cases

    lead, [copy_path] = _start(seed_file, work(), 1)
    try:
        base = snapshot(lead)
        _ops(lead, lead_ops, "lead")
        theirs = snapshot(lead)
        with CaseFile.open(copy_path, actor="anna") as copy:
            _ops(copy, copy_ops, "anna")
            mine = snapshot(copy)
            report = merge_cases(copy, lead)
            assert report.direction == "from the case it was copied from"
            result = snapshot(copy)
            problems = check_merge(base, mine, theirs, result, conflict_keys(report.conflicts),
                                   ignore=and_ignore(spans_shift(base, mine, theirs),
                                                     mine, theirs))
            if not dangling(mine) and not dangling(theirs):
                problems += dangling(result)
            assert problems == [], (problems, report.lines())
            assert copy.check().ok
            again = merge_cases(copy, lead)
            assert again.changed == 0 and again.conflicts == (), again.lines()
            # … and merging the copy back now brings the lead only what the copy did.
            back = merge_cases(lead, copy)
            assert not back.conflicts or all(
                c.status == "open" for c in back.conflicts), back.lines()
            lead_now, copy_now = snapshot(lead), snapshot(copy)
            open_conflicts = {str(c.record_uuid) for c in report.conflicts} | \
                {str(c.record_uuid) for c in back.conflicts}
            moved = spans_shift(base, mine, theirs)
            differ = [k for k in set(lead_now) | set(copy_now)
                      if k[1] not in open_conflicts and k[0] != "tag"
                      and _comparable(k, lead_now.get(k), moved)
                      != _comparable(k, copy_now.get(k), moved)]
            assert differ == [], [(k, lead_now.get(k), copy_now.get(k)) for k in differ[:3]]
    finally:
        lead.close()


def _comparable(key: Key, rec: dict[str, Any] | None, ignore: Callable[[Key, str], bool]
                ) -> dict[str, Any] | None:
    """A record as two files that agree on it both hold it (a quote's span left to
    `quotes_still_match` where its transcript changed)."""
    return None if rec is None else {k: v for k, v in rec.items()
                                     if k != "created_at" and not ignore(key, k)}


@PROPERTY
@given(lead_ops=op_lists, ops_a=op_lists, ops_b=op_lists)
def test_two_copies_merge_to_the_same_records_in_either_order(
        seed_file: Path, work: Callable[[], Path], lead_ops: list[tuple[str, int, int]],
        ops_a: list[tuple[str, int, int]], ops_b: list[tuple[str, int, int]]) -> None:
    from casefile.sync import merge_cases

    folder = work()
    lead, [path_a, path_b] = _start(seed_file, folder, 2)
    try:
        _ops(lead, lead_ops, "lead")
    finally:
        lead.close()
    for path, ops, who in ((path_a, ops_a, "anna"), (path_b, ops_b, "boris")):
        with CaseFile.open(path, actor=who) as copy:
            _ops(copy, ops, who)
    # Two identical sets of files: one merges A then B, the other B then A.
    second = folder / "second"
    second.mkdir()
    for p in (folder / "lead.casefile", path_a, path_b):
        shutil.copyfile(p, second / p.name)
    results, named = [], set()
    for root, order in ((folder, (path_a.name, path_b.name)),
                        (second, (path_b.name, path_a.name))):
        with CaseFile.open(root / "lead.casefile", actor="lead") as lead:
            for name in order:
                with CaseFile.open(root / name, actor="peer") as copy:
                    report = merge_cases(lead, copy)
                    named |= {str(c.record_uuid) for c in report.conflicts}
            assert lead.check().ok
            results.append(snapshot(lead))
            assert dangling(results[-1]) == [], order
    first, other = results

    def held(key: Key) -> bool:
        """In a conflict, or owned by / evidence on a record that is: its fate waits too."""
        recs = [r for r in (first.get(key), other.get(key)) if r is not None]
        return key[1] in named or any(isinstance(v, str) and v in named
                                      for r in recs for v in r.values())

    differ = [k for k in set(first) | set(other)
              if not held(k) and k[0] != "tag" and first.get(k) != other.get(k)]
    assert differ == [], [(k, first.get(k), other.get(k)) for k in differ[:3]]
    assert {k for k in first if k[0] == "tag"} == {k for k in other if k[0] == "tag"} or \
        {v["name"] for k, v in first.items() if k[0] == "tag"} == \
        {v["name"] for k, v in other.items() if k[0] == "tag"}


# -- the checker itself can fail ------------------------------------------------------------


def test_the_checker_catches_a_lost_change_a_silent_overwrite_and_a_stray_edit() -> None:
    base: Snapshot = {("claim", "c1"): {"trashed": False, "notes": "", "statement": "S",
                                        "tags": ()}}
    mine = {("claim", "c1"): {**base[("claim", "c1")], "notes": "mine"}}
    theirs = {("claim", "c1"): {**base[("claim", "c1")], "statement": "T", "notes": "theirs",
                                "tags": ("legal",)}}
    good = {("claim", "c1"): {"trashed": False, "notes": "mine", "statement": "T",
                              "tags": ("legal",)}}
    assert check_merge(base, mine, theirs, good, {("c1", "notes")}) == []
    lost = {("claim", "c1"): {**good[("claim", "c1")], "statement": "S"}}
    assert check_merge(base, mine, theirs, lost, {("c1", "notes")})
    assert check_merge(base, mine, theirs, good, set())  # the conflict went unreported
    overwritten = {("claim", "c1"): {**good[("claim", "c1")], "notes": "theirs"}}
    assert check_merge(base, mine, theirs, overwritten, {("c1", "notes")})
    stray = {("claim", "c1"): {**good[("claim", "c1")], "tags": ()}}
    assert check_merge(base, mine, theirs, stray, {("c1", "notes")})
    assert merge_paragraphs("a\n\nb", "A\n\nb", "a\n\nB") == "A\n\nB"
    assert merge_paragraphs("a\n\nb", "A\n\nb", "X\n\nb") is None


def test_the_snapshot_sees_fields_sets_tags_and_the_trash(seed_file: Path,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "case.casefile"
    shutil.copyfile(seed_file, path)
    with CaseFile.open(path, actor="lead") as case:
        before = snapshot(case)
        claim = case.claims.page()[0]
        photo = case.photos.page()[0]
        case.claims.update(claim.uuid, notes="checked")
        case.tags.tag(claim, "legal")
        case.trash.delete(photo, cascade=True)
        after = snapshot(case)
    changed = {k for k in before if before[k] != after[k]}
    assert ("claim", str(claim.uuid)) in changed and ("photo", str(photo.uuid)) in changed
    assert after[("claim", str(claim.uuid))]["notes"] == "checked"
    assert "legal" in after[("claim", str(claim.uuid))]["tags"]
    assert after[("photo", str(photo.uuid))]["trashed"] is True
    assert len(after[("photo", str(photo.uuid))]["blob_id"]) == 64  # the file, by its hash
    links = [v for k, v in after.items() if k[0] == "evidence_link" and v["trashed"]]
    assert links and all(v["photo_id"] == str(photo.uuid) for v in links)


def test_new_work_on_a_record_trashed_elsewhere_goes_to_the_trash_with_it_in_either_order(
        tmp_path: Path) -> None:
    """Copy A trashes a quote (its evidence with it); copy B links new evidence to it. In
    either order the new link ends where its quote is, never live on a trashed quote."""
    from casefile.sync import make_field_copy, merge_cases

    lead_path = tmp_path / "lead.casefile"
    with CaseFile.create(lead_path, title="T", actor="lead") as lead:
        iv = lead.interviews.create(title="Yard", transcript="A: forty trucks a week.")
        quote = lead.quotes.mark(iv.uuid, 3, 15)
        one, two = (lead.claims.create(statement=s) for s in ("One.", "Two."))
        lead.evidence.create(claim=one.uuid, quote=quote.uuid)
        make_field_copy(lead, tmp_path / "a.casefile", label="A")
        make_field_copy(lead, tmp_path / "b.casefile", label="B")
    with CaseFile.open(tmp_path / "a.casefile", actor="anna") as a:
        a.trash.delete(a.quotes.get(quote.uuid), cascade=True)
    with CaseFile.open(tmp_path / "b.casefile", actor="boris") as b:
        b.evidence.create(claim=two.uuid, quote=quote.uuid)
    results = []
    for order in (("a", "b"), ("b", "a")):
        root = tmp_path / "".join(order)
        root.mkdir()
        for name in ("lead", "a", "b"):
            shutil.copyfile(tmp_path / f"{name}.casefile", root / f"{name}.casefile")
        with CaseFile.open(root / "lead.casefile", actor="lead") as lead:
            for name in order:
                with CaseFile.open(root / f"{name}.casefile") as copy:
                    merge_cases(lead, copy)
            results.append(snapshot(lead))
        assert dangling(results[-1]) == [], order
    assert results[0] == results[1]


def test_the_leads_new_evidence_on_a_claim_the_copy_trashed_stays_with_its_claim(
        tmp_path: Path) -> None:
    """Both ways: into the copy the lead's new link follows its trashed claim, and merging
    back leaves the two files agreeing."""
    from casefile.sync import make_field_copy, merge_cases

    with CaseFile.create(tmp_path / "lead.casefile", title="T", actor="lead") as lead:
        iv = lead.interviews.create(title="Yard", transcript="A: forty trucks a week.")
        quote = lead.quotes.mark(iv.uuid, 3, 15)
        claim = lead.claims.create(statement="One.")
        make_field_copy(lead, tmp_path / "copy.casefile", label="C")
        link = lead.evidence.create(claim=claim.uuid, quote=quote.uuid)
        with CaseFile.open(tmp_path / "copy.casefile", actor="anna") as copy:
            copy.trash.delete(copy.claims.get(claim.uuid), cascade=True)
            merge_cases(copy, lead)
            assert dangling(snapshot(copy)) == []
            merge_cases(lead, copy)
            assert dangling(snapshot(lead)) == []
            mine, theirs = snapshot(lead), snapshot(copy)
            key = ("evidence_link", str(link.uuid))
            assert mine[key]["trashed"] == theirs[key]["trashed"]


# -- tombstones, shared files, refusals ------------------------------------------------------


def test_a_purge_is_a_tombstone_and_the_same_photo_is_stored_once(tmp_path: Path) -> None:
    """Purged in the copy: trashed here (never purged by a merge), or a conflict where the
    lead edited it meanwhile. The same picture imported on both sides: both records kept,
    the bytes stored once."""
    from casefile.sync import make_field_copy, merge_cases

    same = jpeg()
    with CaseFile.create(tmp_path / "lead.casefile", title="T", actor="lead") as lead:
        edited, untouched = (lead.photos.add(jpeg(), f"{n}.jpg", caption=n)
                             for n in ("edited", "untouched"))
        make_field_copy(lead, tmp_path / "copy.casefile", label="C")
        with CaseFile.open(tmp_path / "copy.casefile", actor="anna") as copy:
            for photo in (edited, untouched):
                copy.trash.purge(copy.trash.delete(copy.photos.get(photo.uuid)).uuid)
            theirs = copy.photos.add(same, "anna.jpg", caption="Anna's")
        lead.photos.update(edited.uuid, caption="edited at the desk")
        ours = lead.photos.add(same, "mine.jpg", caption="Mine")
        with CaseFile.open(tmp_path / "copy.casefile") as copy:
            report = merge_cases(lead, copy)
        [conflict] = report.conflicts
        assert conflict.record_uuid == edited.uuid and "deleted" in conflict.reason
        assert lead.photos.get(edited.uuid).caption == "edited at the desk"
        assert untouched.uuid not in {p.uuid for p in lead.photos.page()}
        assert [e.record_uuid for e in lead.trash.entries()] == [untouched.uuid]
        assert {lead.photos.get(u).blob.sha256 for u in (ours.uuid, theirs.uuid)} == \
            {lead.photos.get(ours.uuid).blob.sha256}
        with lead._store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM blobs WHERE sha256 = ?", (
                lead.photos.get(ours.uuid).blob.sha256,)).scalar() == 1
        assert lead.check().ok


def test_a_file_of_another_case_or_a_cancelled_merge_changes_nothing(tmp_path: Path) -> None:
    import threading

    from casefile.sync import MergeCancelledError, make_field_copy, merge_cases, merge_steps

    with CaseFile.create(tmp_path / "lead.casefile", title="T", actor="lead") as lead:
        make_field_copy(lead, tmp_path / "copy.casefile", label="C")
        with CaseFile.open(tmp_path / "copy.casefile", actor="anna") as copy:
            for k in range(30):
                copy.claims.create(statement=f"Claim {k}.")
        before = snapshot(lead)
        with CaseFile.create(tmp_path / "other.casefile", title="Other") as other, \
                pytest.raises(CaseFileError, match="another case"):
            merge_cases(lead, other)
        cancel = threading.Event()
        with CaseFile.open(tmp_path / "copy.casefile") as copy:
            steps = merge_steps(lead, copy, cancel=cancel)
            next(steps)
            cancel.set()
            with pytest.raises(MergeCancelledError):
                for _step in steps:
                    pass
        assert snapshot(lead) == before and lead.merges.peers()[0].merges == 0
        with CaseFile.open(tmp_path / "copy.casefile") as copy:  # and then it goes through
            assert merge_cases(lead, copy).created == {"claim": 30}
