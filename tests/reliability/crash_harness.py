"""Crash injection: a child process does real work on a case file and is killed with SIGKILL
at a random moment; afterwards the file must open, pass `integrity_check` and `check()`, and
hold every operation the child logged as committed.

The parent prepares everything once (a sample case, photos, a draft to export) and forks a
child per cycle, so a cycle costs milliseconds. The child appends a JSON line to a side log
(flushed and fsync'ed) *after* each commit returns, so a logged operation was durable by the
file's own promise. Kill moments cover single edits, photo imports, backups, checkpoints, Word
exports (no partial .docx may ever sit at the target), automatic backups rotating (at least
one good backup always listed, never an unchecked one) and, in migration cycles, the schema
migration of an old file.

    python -m tests.reliability.crash_harness --kills 10000      # `make stress`
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from casefile import CaseFile  # noqa: E402
from casefile.backups import BackupShelf, Retention  # noqa: E402
from casefile.claims.draft_text import DraftText  # noqa: E402
from casefile.sample import create_sample_case  # noqa: E402

FIXTURE_V1 = ROOT / "tests" / "fixtures" / "v1.casefile"


@dataclass
class Totals:
    """What the harness saw."""

    kills: int = 0
    committed_ops: int = 0
    lost_commits: int = 0
    corrupt_files: int = 0
    partial_exports: int = 0
    migrations_killed: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """'50 kills, 0 lost commits, 0 corrupt files' and the rest."""
        return (f"{self.kills} kills, {self.lost_commits} lost commits, {self.corrupt_files} "
                f"corrupt files, {self.partial_exports} partial exports "
                f"({self.committed_ops} committed operations checked, "
                f"{self.migrations_killed} kills during a migration)")


def _jpeg(seed: int) -> bytes:
    im = Image.effect_noise((96, 64), 20 + seed % 60).convert("RGB")
    im.putpixel((0, 0), (seed % 256, (seed // 256) % 256, 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG")
    return buf.getvalue()


# -- the child ---------------------------------------------------------------------------


def _child(case_path: Path, log_path: Path, work: Path, seed: int) -> None:
    """Random real operations until killed; each one logged after its commit returned."""
    rng = random.Random(seed)
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - must outlive every op

    def done(entry: dict[str, Any]) -> None:
        log.write(json.dumps(entry) + "\n")
        log.flush()
        os.fsync(log.fileno())

    case = CaseFile.open(case_path, actor="crash-test")
    [draft] = case.drafts.page(limit=1)
    photo_seed = seed * 1000
    ops: list[tuple[int, Callable[[], None]]] = []

    def create_source() -> None:
        name = f"Source {seed}-{rng.randrange(10**9)}"
        src = case.sources.create(name=name, notes="x" * rng.randrange(2000))
        done({"op": "source", "uuid": str(src.uuid), "name": name})

    def edit_source() -> None:
        sources = case.sources.page(limit=50)
        src = rng.choice(sources)
        value = f"place {rng.randrange(10**9)}"
        # Logged before too: killed after the commit but before the log line, the file may
        # rightly hold this value although no "location" line says so.
        done({"op": "in-flight", "uuid": str(src.uuid), "value": value})
        case.sources.update(src.uuid, location=value)
        done({"op": "location", "uuid": str(src.uuid), "value": value})

    def add_photos() -> None:
        nonlocal photo_seed
        folder = work / f"card-{photo_seed}"
        folder.mkdir()
        for k in range(rng.randrange(1, 4)):
            (folder / f"IMG_{k}.jpg").write_bytes(_jpeg(photo_seed + k))
        photo_seed += 10
        for event in case.photos.import_files([folder]):
            if event.outcome == "imported":
                done({"op": "photo", "uuid": str(event.photo)})

    def link_evidence() -> None:
        claim = rng.choice(case.claims.page(limit=50))
        quote = rng.choice(case.quotes.page(limit=50))
        link = case.evidence.create(claim=claim.uuid, quote=quote.uuid)
        done({"op": "link", "uuid": str(link.uuid)})

    def edit_draft() -> None:
        text = DraftText.parse(case.drafts.get(draft.uuid).body)
        body = DraftText(text.text + f" Line {rng.randrange(10**9)}.", text.anchors,
                         text.photos).serialize()
        done({"op": "in-flight", "uuid": str(draft.uuid), "value": body})
        case.drafts.update(draft.uuid, body=body)
        done({"op": "draft", "uuid": str(draft.uuid), "body": body})

    def trash_source() -> None:
        created = [s for s in case.sources.page(limit=200) if s.name.startswith("Source ")]
        if created:
            entry = case.trash.delete(rng.choice(created), cascade=True)
            done({"op": "trash", "entry": str(entry.uuid)})

    def backup() -> None:
        out = work / f"backup-{rng.randrange(10**9)}.casefile"
        case.backup(out)
        done({"op": "backup", "path": str(out)})

    # Automatic backups that rotate on every take: a kill mid-copy or mid-prune must still
    # leave at least one good backup, and never list an unchecked one.
    shelf = BackupShelf(work / "shelf", Retention(recent=1, daily=0, weekly=0, monthly=0))

    def auto_backup() -> None:
        entry = shelf.take(case)
        done({"op": "shelf", "path": str(entry.path)})

    def checkpoint() -> None:
        with case._store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def export() -> None:
        from casefile.export.docx_draft import export_draft

        out = work / "draft.docx"
        export_draft(case, draft.uuid, out, profile="clean", allow_blocking=True)
        done({"op": "export", "path": str(out)})

    ops = [(30, create_source), (25, edit_source), (8, add_photos), (10, link_evidence),
           (12, edit_draft), (5, trash_source), (3, backup), (3, auto_backup), (4, checkpoint),
           (3, export)]
    weights = [w for w, _f in ops]
    while True:
        rng.choices([f for _w, f in ops], weights)[0]()


def _migrating_child(case_path: Path) -> None:
    CaseFile.open(case_path, actor="crash-test").close()
    time.sleep(10)  # killed before this ends


# -- the parent ---------------------------------------------------------------------------


def _fork(target: Callable[[], None], error_path: Path) -> int:
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        code = 0
        try:
            target()
        except BaseException:  # noqa: BLE001 - reported through its exit code and a file
            code = 3
            error_path.write_text(traceback.format_exc(), encoding="utf-8")
        os._exit(code)
    return pid


def _kill_after(pid: int, seconds: float) -> bool:
    """SIGKILL the child after `seconds`; False if it had already died on its own."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
        time.sleep(0.002)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return True


def _verify(case_path: Path, log_path: Path, totals: Totals) -> None:
    entries = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()
               if line.endswith("}")]
    totals.committed_ops += sum(e["op"] != "in-flight" for e in entries)
    try:
        case = CaseFile.open(case_path, actor="verifier")
    except Exception as exc:  # noqa: BLE001
        totals.corrupt_files += 1
        totals.problems.append(f"{case_path.name}: does not open after the kill: {exc}")
        return
    try:
        with case._store.engine.connect() as conn:
            ok = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        report = case.check()
        if ok != [("ok",)] or not report.ok:
            totals.corrupt_files += 1
            totals.problems.append(f"{case_path.name}: {ok} {report.problems[:3]}")
        trashed = {e["entry"] for e in entries if e["op"] == "trash"}
        in_trash = {str(t.uuid) for t in case.trash.entries(limit=100_000)}
        last: dict[tuple[str, str], str] = {}
        for e in entries:
            if e["op"] in ("location", "draft"):
                last[(e["op"], e["uuid"])] = e.get("value", e.get("body", ""))
        flight = in_flight(entries)
        for e in entries:
            lost = _lost(case, e, trashed, in_trash)
            if lost:
                totals.lost_commits += 1
                totals.problems.append(f"{case_path.name}: lost {e['op']}: {lost}")
            if e["op"] == "export":
                totals.partial_exports += _partial(Path(e["path"]))
        if any(e["op"] == "shelf" for e in entries):
            _check_shelf(case_path.parent / "shelf", case_path.name, totals)
        for (op, uid), value in last.items():  # the last logged value of each edited field
            got = _stored(case, op, uid)
            if got is not None and got != value and flight != (uid, got):
                totals.lost_commits += 1
                totals.problems.append(f"{case_path.name}: {op} of {uid} is {got[-40:]!r}, "
                                       f"last logged {value[-40:]!r}")
    finally:
        case.close()


def _stored(case: CaseFile, op: str, uid: str) -> str | None:
    """A source's location or a draft's body as the file holds it; None if the record went
    to the trash later (with a source the child deleted)."""
    from casefile.errors import RecordNotFoundError

    try:
        return case.sources.get(uid).location if op == "location" else \
            case.drafts.get(uid).body
    except RecordNotFoundError:
        return None


def in_flight(entries: list[dict[str, Any]]) -> tuple[str, str] | None:
    """(uuid, value) of the edit the child was making when it died, if the log ends in one:
    the file may hold either that value or the one before, and both are right."""
    if entries and entries[-1]["op"] == "in-flight":
        return entries[-1]["uuid"], entries[-1]["value"]
    return None


def _lost(case: CaseFile, e: dict[str, Any], trashed: set[str], in_trash: set[str]) -> str:
    """Why a logged operation is missing from the file, or '' if it is there."""
    from casefile.errors import RecordNotFoundError

    try:
        if e["op"] == "source":
            with case._store.read() as s:
                from sqlalchemy import select

                from casefile.models import Source
                row = s.scalars(select(Source).execution_options(include_trashed=True)
                                .where(Source.name == e["name"])).first()
            return "" if row is not None else e["name"]
        if e["op"] in ("location", "draft"):
            return ""  # checked once per record, against the last value logged
        if e["op"] == "photo":
            case.photos.get(e["uuid"])
        elif e["op"] == "link":
            case.evidence.get(e["uuid"])
        elif e["op"] == "trash":
            return "" if e["entry"] in in_trash else f"trash entry {e['entry']}"
        elif e["op"] == "backup":
            with CaseFile.open(e["path"], actor="verifier") as copy:
                return "" if copy.check().ok else f"backup {e['path']} fails its check"
    except RecordNotFoundError as exc:
        # A record the child trashed later (with its source) is not lost.
        return "" if trashed else str(exc)
    return ""


def _check_shelf(folder: Path, name: str, totals: Totals) -> None:
    """After a logged automatic backup: at least one is listed, and every listed one is good."""
    listed = BackupShelf(folder).entries()
    if not listed:
        totals.lost_commits += 1
        totals.problems.append(f"{name}: the automatic backups are all gone")
    for entry in listed:
        try:
            with CaseFile.open(entry.path, actor="verifier") as copy:
                problems = copy.check().problems
        except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
            problems = [str(exc)]
        if problems:
            totals.corrupt_files += 1
            totals.problems.append(f"{name}: listed backup {entry.path.name} is damaged: "
                                   f"{problems[0]}")


def _partial(path: Path) -> int:
    """1 if a .docx at the target path is not a complete Word file."""
    if not path.exists():
        return 0
    try:
        with zipfile.ZipFile(path) as zf:
            return 0 if zf.testzip() is None and "word/document.xml" in zf.namelist() else 1
    except zipfile.BadZipFile:
        return 1


def run(kills: int, seed: int = 1, workdir: Path | None = None,
        max_wait: float = 0.4, report: Callable[[int, Totals], None] | None = None) -> Totals:
    """Kill `kills` children at random moments and check what survived; `report(cycle,
    totals)` is called every 500 cycles (a long run shows it is alive)."""
    totals = Totals()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        base = Path(tmp) / "base.casefile"
        create_sample_case(base, actor="crash-test").close()
        for cycle in range(kills):
            work = Path(tmp) / f"cycle-{cycle}"
            work.mkdir()
            migrating = cycle % 10 == 9  # one cycle in ten kills a migration
            case_path = work / "case.casefile"
            shutil.copyfile(FIXTURE_V1 if migrating else base, case_path)
            log_path = work / "committed.jsonl"
            log_path.touch()
            error = work / "child-error.txt"
            if migrating:
                pid = _fork(lambda p=case_path: _migrating_child(p), error)
                wait = rng.uniform(0.0, 0.25)
            else:
                pid = _fork(lambda p=case_path, lg=log_path, w=work, s=seed * 100_000 + cycle:
                            _child(p, lg, w, s), error)
                wait = rng.uniform(0.02, max_wait)
            if not _kill_after(pid, wait):
                why = error.read_text(encoding="utf-8") if error.exists() else "no error"
                totals.problems.append(f"cycle {cycle}: the child stopped by itself: "
                                       f"{why.strip().splitlines()[-1]}\n{why}")
                continue
            totals.kills += 1
            totals.migrations_killed += migrating
            _verify(case_path, log_path, totals)
            shutil.rmtree(work, ignore_errors=True)
            if report is not None and (cycle + 1) % 500 == 0:
                report(cycle + 1, totals)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.monotonic()
    totals = run(args.kills, args.seed, report=lambda n, t: print(
        f"  after {n}: {t.line()} ({time.monotonic() - start:.0f} s)", flush=True))
    print(totals.line())
    for problem in totals.problems[:20]:
        print("  " + problem)
    print(f"({time.monotonic() - start:.0f} s)")
    return 0 if not totals.problems else 1


if __name__ == "__main__":
    sys.exit(main())
