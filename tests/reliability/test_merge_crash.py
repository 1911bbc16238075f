"""The merge as a kill moment: a child process merging a field copy into its case (or the
case into its copy) is SIGKILLed at many points, from opening the files to the last commit.
After each kill both files open, pass `integrity_check` and `check()`, and the one merged
into holds either nothing of the merge or all of it — record for record, with its conflicts
and its count of merges — and finishing the merge then gives exactly what an uninterrupted
one gives (0 lost, 0 corrupt). A merge the child logged as returned must be all there.

    python -m tests.reliability.test_merge_crash --kills 1000
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from casefile import CaseFile  # noqa: E402
from tests.reliability.crash_harness import _fork, _kill_after  # noqa: E402
from tests.test_merge_properties import build_seed_case, jpeg, snapshot  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")

FROM_COPY, INTO_COPY = "copy into case", "case into copy"


@dataclass
class State:
    """What a file holds, as far as a merge may change it."""

    records: dict[Any, Any]
    open_conflicts: int
    merges: int  # merges recorded with the peer

    def same(self, other: State) -> bool:
        """Equal records, conflicts and merge count."""
        return (self.records, self.open_conflicts, self.merges) == \
            (other.records, other.open_conflicts, other.merges)


def state_of(case: CaseFile) -> State:
    peers = case.merges.peers()
    return State(snapshot(case), case.merges.open_count(), sum(p.merges for p in peers))


@dataclass
class Totals:
    """What the kills showed."""

    kills: int = 0
    mid_merge: int = 0  # kills after the files were open and before the merge returned
    lost: int = 0  # partial merges, or a returned merge missing
    corrupt: int = 0
    problems: list[str] = field(default_factory=list)
    at_step: Counter[str] = field(default_factory=Counter)  # the last step a child began

    def line(self) -> str:
        return (f"{self.kills} kills ({self.mid_merge} mid-merge), {self.lost} lost or "
                f"partial, {self.corrupt} corrupt")


@dataclass
class Templates:
    """The files every cycle starts from, and the states before and after each merge."""

    lead: Path
    copy: Path
    before: dict[str, State]
    after: dict[str, State]
    seconds: dict[str, float]


def _work_in_the_copy(copy: CaseFile) -> None:
    """Days of field work: enough changes that a merge takes a while to write."""
    sources = copy.sources.page(limit=1000)
    for k, src in enumerate(sources[:60]):
        copy.sources.update(src.uuid, location=f"Blagoveshchensk, stop {k}")
    claims = copy.claims.page(limit=1000)
    for k in range(200):
        copy.claims.create(statement=f"Field claim {k}: the queue grew again.")
    for k, claim in enumerate(claims[:20]):
        copy.tags.tag(claim, "from the field")
        copy.claims.update(claim.uuid, notes=f"Checked on the spot ({k}).")
    for k in range(8):
        copy.photos.add(jpeg(70_000 + k), f"field-{k}.jpg", caption=f"Queue {k}")
    for link in copy.evidence.page(limit=3):
        copy.trash.delete(link)
    [iv, *_] = copy.interviews.page()
    paras = copy.interviews.get(iv.uuid).transcript.split("\n\n")
    paras[0] = "Q: How many trucks crossed last week, and how many the week before?"
    copy.interviews.update(iv.uuid, transcript="\n\n".join(paras))


def _work_at_the_desk(lead: CaseFile) -> None:
    sources = lead.sources.page(limit=1000)
    lead.sources.update(sources[0].uuid, location="Khabarovsk (desk)")  # a conflict
    for src in sources[60:80]:
        lead.sources.update(src.uuid, notes="Called back.")
    photo = lead.photos.page()[0]
    lead.photos.update(photo.uuid, caption="Trucks at the bridge, captioned at the desk")


def prepare(folder: Path) -> Templates:
    """Build the lead and its copy, work in both, and measure each merge once."""
    from casefile.sync import make_field_copy, merge_cases

    lead_path, copy_path = folder / "lead.casefile", folder / "copy.casefile"
    build_seed_case(lead_path)
    with CaseFile.open(lead_path, actor="lead") as lead:
        for k in range(100):
            lead.sources.create(name=f"Trader {k}", location="Heihe")
        make_field_copy(lead, copy_path, label="Field copy for Boris Chen")
        _work_at_the_desk(lead)
    with CaseFile.open(copy_path, actor="Boris Chen") as copy:
        _work_in_the_copy(copy)
    before: dict[str, State] = {}
    after: dict[str, State] = {}
    seconds: dict[str, float] = {}
    for direction in (FROM_COPY, INTO_COPY):
        trial = folder / f"trial-{len(seconds)}"
        trial.mkdir()
        shutil.copyfile(lead_path, trial / lead_path.name)
        shutil.copyfile(copy_path, trial / copy_path.name)
        start = time.monotonic()
        with CaseFile.open(trial / lead_path.name, actor="lead") as lead, \
                CaseFile.open(trial / copy_path.name, actor="Boris Chen") as copy:
            into, other = (lead, copy) if direction == FROM_COPY else (copy, lead)
            opened = time.monotonic()
            before[direction] = state_of(into)
            merging = time.monotonic()
            report = merge_cases(into, other)
            merged = time.monotonic()
            assert report.changed > 0 and report.conflicts, report.lines()
            after[direction] = state_of(into)
        # How long a child takes from its start to the merge's return (the kill window).
        seconds[direction] = (opened - start) + (merged - merging)
        shutil.rmtree(trial)
    return Templates(lead_path, copy_path, before, after, seconds)


def _child(lead_path: Path, copy_path: Path, direction: str, log_path: Path) -> None:
    from casefile.sync import merge_steps

    began = time.monotonic()
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - must outlive the merge

    def note(entry: dict[str, Any]) -> None:
        log.write(json.dumps(entry) + "\n")
        log.flush()  # a SIGKILL keeps what was written; fsync is for power loss

    with CaseFile.open(lead_path, actor="lead") as lead, \
            CaseFile.open(copy_path, actor="Boris Chen") as copy:
        into, other = (lead, copy) if direction == FROM_COPY else (copy, lead)
        note({"op": "opened"})
        steps = merge_steps(into, other)
        while True:
            try:
                step, done, total = next(steps)
            except StopIteration:
                break
            note({"op": "step", "step": step, "done": done, "total": total})
        note({"op": "merged", "seconds": time.monotonic() - began})
    note({"op": "closed"})
    time.sleep(30)  # killed before this ends


def _child_call(lead_path: Path, copy_path: Path, direction: str,
                log_path: Path) -> Callable[[], None]:
    return lambda: _child(lead_path, copy_path, direction, log_path)


def _verify(t: Templates, work: Path, direction: str, log_path: Path, totals: Totals) -> None:
    from casefile.sync import merge_cases

    log = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()
           if line.endswith("}")]
    ops = [e["op"] for e in log]
    if "opened" in ops and "merged" not in ops:
        totals.mid_merge += 1
    totals.at_step[next((e.get("step", e["op"]) for e in reversed(log)), "opening")] += 1
    lead_path, copy_path = work / t.lead.name, work / t.copy.name
    opened: list[CaseFile] = []
    try:
        for path, who in ((lead_path, "lead"), (copy_path, "Boris Chen")):
            try:
                opened.append(CaseFile.open(path, actor=who))
            except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
                totals.corrupt += 1
                totals.problems.append(f"{direction}: {path.name} does not open: {exc}")
                return
        lead, copy = opened
        for case in opened:
            with case._store.engine.connect() as conn:
                ok = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            report = case.check()
            if ok != [("ok",)] or not report.ok:
                totals.corrupt += 1
                totals.problems.append(f"{direction}: {case.path.name}: {ok} "
                                       f"{report.problems[:3]}")
        into, other = (lead, copy) if direction == FROM_COPY else (copy, lead)
        now = state_of(into)
        whole = now.same(t.after[direction])
        if not whole and not now.same(t.before[direction]):
            totals.lost += 1
            totals.problems.append(f"{direction}: a partial merge after the kill "
                                   f"({_difference(now, t.before[direction], t.after[direction])}"
                                   f"; log {ops[-3:]})")
            return
        if "merged" in ops and not whole:
            totals.lost += 1
            totals.problems.append(f"{direction}: the merge returned, yet is not in the file")
        if direction == FROM_COPY and snapshot(copy) != t.before[INTO_COPY].records:
            totals.lost += 1
            totals.problems.append("merging the copy into the case changed the copy's records")
        merge_cases(into, other)  # finish (or repeat) it: the same as never killed
        done = state_of(into)
        want = t.after[direction]
        # A repeat (the killed merge had committed) may count one merge more.
        if (done.records, done.open_conflicts) != (want.records, want.open_conflicts) or \
                done.merges not in ((want.merges, want.merges + 1) if whole
                                    else (want.merges,)):
            totals.lost += 1
            totals.problems.append(f"{direction}: the merge finished after the kill differs "
                                   f"from an uninterrupted one ("
                                   f"{_difference(state_of(into), t.after[direction], None)})")
    finally:
        for case in opened:
            case.close()


def _difference(now: State, before: State, after: State | None) -> str:
    keys = [k for k in set(now.records) | set(before.records)
            if now.records.get(k) != before.records.get(k)]
    apart = [] if after is None else [k for k in set(now.records) | set(after.records)
                                      if now.records.get(k) != after.records.get(k)]
    return (f"{len(keys)} records differ from before, {len(apart)} from after, conflicts "
            f"{now.open_conflicts}, merges {now.merges}; e.g. {sorted(keys)[:2]}")


def run(kills: int, seed: int = 1, workdir: Path | None = None,
        report: Callable[[int, Totals], None] | None = None) -> Totals:
    """Kill `kills` merging children at moments spread over the whole merge."""
    totals = Totals()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        t = prepare(root)
        for cycle in range(kills):
            direction = (FROM_COPY, INTO_COPY)[cycle % 3 == 2]  # one in three the other way
            work = root / f"cycle-{cycle}"
            work.mkdir()
            shutil.copyfile(t.lead, work / t.lead.name)
            shutil.copyfile(t.copy, work / t.copy.name)
            log_path = work / "merge.jsonl"
            log_path.touch()
            error = work / "child-error.txt"
            pid = _fork(_child_call(work / t.lead.name, work / t.copy.name, direction,
                                    log_path), error)
            wait = rng.uniform(0.0, t.seconds[direction] * 1.15)
            if not _kill_after(pid, wait):
                why = error.read_text(encoding="utf-8") if error.exists() else "no error"
                totals.problems.append(f"cycle {cycle}: the child stopped by itself: {why}")
                continue
            totals.kills += 1
            _verify(t, work, direction, log_path, totals)
            for line in log_path.read_text(encoding="utf-8").splitlines():
                if '"merged"' in line:  # how long a forked child really takes: the window
                    t.seconds[direction] = json.loads(line)["seconds"]
            shutil.rmtree(work, ignore_errors=True)
            if report is not None and (cycle + 1) % 100 == 0:
                report(cycle + 1, totals)
    return totals


def test_a_merge_killed_anywhere_leaves_nothing_of_it_or_all_of_it(tmp_path: Path) -> None:
    totals = run(30, seed=5, workdir=tmp_path)
    print(totals.line())
    assert totals.kills == 30
    assert totals.mid_merge >= 8, totals.line()  # the kills did land inside merges
    assert (totals.lost, totals.corrupt) == (0, 0), totals.problems
    assert totals.problems == []


def test_the_verifier_notices_a_partial_merge(tmp_path: Path) -> None:
    """Half a merge written by hand (some of the copy's records, not all) is caught."""
    t = prepare(tmp_path)
    work = tmp_path / "half"
    work.mkdir()
    shutil.copyfile(t.lead, work / t.lead.name)
    shutil.copyfile(t.copy, work / t.copy.name)
    with CaseFile.open(work / t.lead.name, actor="lead") as lead:
        lead.claims.create(statement="Field claim 0: the queue grew again.")
    log = work / "merge.jsonl"
    log.write_text(json.dumps({"op": "opened"}) + "\n")
    totals = Totals()
    _verify(t, work, FROM_COPY, log, totals)
    assert totals.lost == 1 and "partial merge" in totals.problems[0]
    assert totals.mid_merge == 1 and totals.corrupt == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.monotonic()
    totals = run(args.kills, args.seed, report=lambda n, tt: print(
        f"  after {n}: {tt.line()} ({time.monotonic() - start:.0f} s)", flush=True))
    print(totals.line())
    print("  killed during: " + ", ".join(f"{k} {n}" for k, n in totals.at_step.most_common()))
    for problem in totals.problems[:20]:
        print("  " + problem)
    return 0 if not totals.problems else 1


if __name__ == "__main__":
    sys.exit(main())
