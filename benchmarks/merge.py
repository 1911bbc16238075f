"""Merging a field copy with 1,000 changed records back into the large case, against importing
1,000 rows of the same kinds as a bundle into it.

    .venv/bin/python benchmarks/merge.py [--scale large|small] [--changes N] [--json FILE]

On a private copy of the cached case (`make_large_case.py`; 154,051 records at `large`): make
a complete field copy with `casefile copy`, change N records in it through the core (edited
claims, photo captions, sources, documents and excerpts; new evidence links between existing
claims and quotes; new sources and claims), then `casefile merge CASE COPY --json`. The merge,
the copy and the bundle import each run as the real command in a child process
(`tests/reliability/bounded_input_cases.run_cli`): the time is read around the child, from
outside (Python's start and opening both files included), the peak memory is the child's
VmHWM. The benchmark fails unless the merge did its work: the report says N records changed
and no conflict, every changed value and new record is in the case, the case checks clean,
and a second merge changes nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import expect  # noqa: E402
from benchmarks.make_large_case import EN, jpeg, path_for, words  # noqa: E402
from casefile import CaseFile  # noqa: E402
from tests.reliability.bounded_input_cases import Run, run_cli  # noqa: E402

SEED = 20261202
# Of every 1,000 changes: edits (kind, how many), then links, then new records.
EDITS = (("claim", 250), ("photo", 200), ("source", 150), ("document", 100), ("excerpt", 100))
LINKS = 100
NEW = (("source", 50), ("claim", 50))
TARGET_S, TARGET_RATIO, TARGET_MB = 10.0, 3.0, 500.0

Expected = dict[tuple[str, uuid.UUID], dict[str, Any]]


def share(total: int, part: int) -> int:
    """`part` of every 1,000 changes, for `total` changes."""
    return part * total // 1000


def timed_cli(args: list[str], what: str) -> tuple[float, Run]:
    """(seconds, run) of one `casefile` command in a child, timed from here."""
    start = time.perf_counter()
    done = run_cli(args, limit=0, timeout=3600)
    seconds = time.perf_counter() - start
    expect(done.rc == 0, f"{what}: exit {done.rc}: {done.stderr[-600:]}")
    return seconds, done


def private_copy(cached: Path, out: Path) -> Path:
    """A copy of the cached case, opened once so that any upgrade to the current format is
    done before anything is timed (and its pre-upgrade copy removed)."""
    shutil.copyfile(cached, out)
    with CaseFile.open(out) as case:
        backup = case.migration_backup
    if backup is not None:
        backup.unlink(missing_ok=True)
    return out


def change(copy: Path, total: int) -> tuple[Expected, list[tuple[str, uuid.UUID]]]:
    """Make `total` changes in the field copy as a contributor would, in batches; returns
    the values to find in the case afterwards and the records made there."""
    rng = random.Random(SEED)
    expected: Expected = {}
    made: list[tuple[str, uuid.UUID]] = []
    with CaseFile.open(copy, actor="olga") as case:
        write = case._store.write
        picks: dict[str, list[Any]] = {}
        for kind, part in EDITS:
            service = case.service(kind)
            picks[kind] = service.page(limit=share(total, part), light=True)
            expect(len(picks[kind]) == share(total, part),
                   f"changes: only {len(picks[kind])} {kind}s to edit")
        edits: dict[str, Callable[[Any, int], dict[str, Any]]] = {
            "claim": lambda r, i: {"statement": f"{r.statement} (confirmed {i})"},
            "photo": lambda r, i: {"caption": f"Trucks at the crossing, frame {i}"},
            "source": lambda r, i: {"role_title": f"trader, market row {i}"},
            "document": lambda r, i: {"title": f"{r.title} (revised {i})"},
            "excerpt": lambda r, i: {"locator": f"p. {i}, para. 2"},
        }
        with write(bulk_audit=True):
            for kind, records in picks.items():
                service = case.service(kind)
                for i, record in enumerate(records):
                    fields = edits[kind](record, i)
                    service.update(record.uuid, **fields)
                    expected[(kind, record.uuid)] = fields
        # links from claims the copy did not edit, to quotes they do not cite yet
        claims = case.claims.page(offset=share(total, dict(EDITS)["claim"]),
                                  limit=share(total, LINKS))
        quotes = case.quotes.page(limit=4 * share(total, LINKS), light=True)
        with write(bulk_audit=True):
            for claim in claims:
                have = {e.quote.uuid for e in case.claims.get(claim.uuid).evidence if e.quote}
                quote = next(q for q in rng.sample(quotes, len(quotes)) if q.uuid not in have)
                link = case.evidence.create(claim=claim.uuid, quote=quote.uuid)
                made.append(("evidence_link", link.uuid))
            for i in range(share(total, dict(NEW)["source"])):
                made.append(("source", case.sources.create(
                    name=f"Fang Contributor {i}", role_title="driver",
                    ground_rules="on_record").uuid))
            for _i in range(share(total, dict(NEW)["claim"])):
                made.append(("claim", case.claims.create(
                    statement=words(rng, EN, 14)).uuid))
    expect(len(expected) + len(made) == total,
           f"changes: {len(expected) + len(made)} made, {total} wanted")
    return expected, made


def bundle_rows(out: Path, total: int) -> Path:
    """A bundle of `total` records of the same kinds as the changes — sources, claims,
    photos (small real JPEGs), documents, excerpts and evidence links — with new UUIDs (an
    import refuses UUIDs the case has)."""
    from casefile.bundle import dump_bundle

    rng = random.Random(SEED)
    counts = {kind: share(total, n) for kind, n in EDITS}
    counts["source"] += share(total, dict(NEW)["source"])
    counts["claim"] += share(total, dict(NEW)["claim"])
    case_path = out.with_suffix(".casefile")
    with CaseFile.create(case_path, title="Rows", actor="bench") as case:
        write = case._store.write
        with write(bulk_audit=True):
            for i in range(counts["source"]):
                case.sources.create(name=f"Bundle Source {i}", role_title="trader",
                                    ground_rules="on_record", notes=words(rng, EN, 30))
            claims = [case.claims.create(statement=words(rng, EN, 16)).uuid
                      for _i in range(counts["claim"])]
            docs = [case.documents.create(title=f"Customs statistics {i}",
                                          kind="statistics", notes=words(rng, EN, 20)).uuid
                    for i in range(counts["document"])]
            excerpts = [case.excerpts.create(document=docs[i % len(docs)],
                                             locator=f"p. {i}", text=words(rng, EN, 40)).uuid
                        for i in range(counts["excerpt"])]
            for i in range(counts["photo"]):
                case.photos.add(jpeg(i, rng), f"B_{i:05d}.jpg", caption=words(rng, EN, 10))
            for i in range(share(total, LINKS)):
                case.evidence.create(claim=claims[i], excerpt=excerpts[i % len(excerpts)])
        records = sum(case.summary().counts.values())
        dump_bundle(case, out)
    expect(records == total, f"bundle: {records} records, {total} wanted")
    return out


def verify(case_path: Path, expected: Expected, made: list[tuple[str, uuid.UUID]]) -> None:
    """Every change of the copy is in the case, and the case checks clean."""
    with CaseFile.open(case_path) as case:
        for (kind, uid), fields in expected.items():
            record = case.service(kind).get(uid)
            for name, value in fields.items():
                expect(getattr(record, name) == value,
                       f"merge: {kind} {uid} {name} is {getattr(record, name)!r}, not "
                       f"{value!r}")
        for kind, uid in made:
            case.service(kind).get(uid)  # raises if the new record did not come in
        expect(case.merges.open_count() == 0, "merge: conflicts left open")
        report = case.check()
        expect(report.ok, f"merge: the case does not check: {report.problems[:5]}")


def bench(scale: str, total: int, keep: Path | None = None) -> dict[str, float]:
    cached = path_for(scale)
    with tempfile.TemporaryDirectory(prefix="casefile-bench-merge-",
                                     dir=cached.parent) as tmp_name:
        tmp = Path(tmp_name) if keep is None else keep
        tmp.mkdir(parents=True, exist_ok=True)
        expect(not any(tmp.iterdir()), f"--keep: {tmp} is not empty")
        lead = private_copy(cached, tmp / "lead.casefile")
        with CaseFile.open(lead) as case:
            records = sum(case.summary().counts.values())
        copy = tmp / "field-copy.casefile"
        copy_s, made_copy = timed_cli(["copy", str(lead), "--out", str(copy), "--json"],
                                      "copy")
        expect(json.loads(made_copy.stdout)["records"] >= records * 0.99,
               f"copy: {made_copy.stdout[:300]}")
        expected, made = change(copy, total)

        merge_s, merged = timed_cli(["merge", str(lead), str(copy), "--json"], "merge")
        report = json.loads(merged.stdout)
        expect(report.get("changed") == total,
               f"merge: report says {report.get('changed')} records changed, not {total}")
        expect(report.get("conflicts") == [] and report.get("open_conflicts") == 0,
               f"merge: conflicts {str(report.get('conflicts'))[:300]}")
        verify(lead, expected, made)
        again_s, again = timed_cli(["merge", str(lead), str(copy), "--json"], "merge again")
        expect(json.loads(again.stdout).get("changed") == 0,
               f"merge again: {again.stdout[:300]}")

        bundle = bundle_rows(tmp / "rows.zip", total)
        target = private_copy(cached, tmp / "import.casefile")
        import_s, imported = timed_cli(["import", str(target), str(bundle), "--json"],
                                       "bundle import")
        with CaseFile.open(target) as case:
            grew = sum(case.summary().counts.values()) - records
        expect(grew == total, f"bundle import: {grew} records came in, not {total}")
    ratio = merge_s / import_s
    flag = {True: "", False: " — MISSED"}
    print(f"field copy of the {scale} case ({records:,} records): `casefile copy` {copy_s:.1f} s"
          f", peak {made_copy.peak_mb:.0f} MB")
    print(f"merge of {total:,} changed records: {merge_s:.2f} s, peak {merged.peak_mb:.0f} MB "
          f"(targets < {TARGET_S:.0f} s{flag[merge_s < TARGET_S]}, < {TARGET_MB:.0f} MB"
          f"{flag[merged.peak_mb < TARGET_MB]}); the same merge again: {again_s:.2f} s, "
          f"0 changed")
    print(f"bundle import of {total:,} rows of the same kinds: {import_s:.2f} s, peak "
          f"{imported.peak_mb:.0f} MB; merge/import {ratio:.2f} (target ≤ {TARGET_RATIO:.0f}"
          f"{flag[ratio <= TARGET_RATIO]})")
    return {"records": records, "changes": total, "copy s": copy_s,
            "copy peak MB": made_copy.peak_mb, "merge s": merge_s,
            "merge peak MB": merged.peak_mb, "merge again s": again_s,
            "import s": import_s, "import peak MB": imported.peak_mb,
            "merge/import": ratio}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "large"], default="large")
    parser.add_argument("--changes", type=int,
                        help="records changed in the copy (default: 1,000 large, 100 small)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", type=Path, metavar="FOLDER",
                        help="work in this folder and keep its files (to profile them)")
    args = parser.parse_args()
    total = args.changes or (1000 if args.scale == "large" else 100)
    expect(total % 20 == 0 and total >= 20, "--changes: a multiple of 20, at least 20")
    figures = bench(args.scale, total, args.keep)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
