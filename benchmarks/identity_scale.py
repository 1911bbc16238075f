"""The protected-name scan at the scale of a long investigation: a case's sources as
benchmarks/make_large_case.py makes them (every fourth on background, so protected; all
named "<first name> Source <n>"), and the texts an editor-profile export scans: the
requests-for-comment table naming on-record sources, as one text and row by row.

    .venv/bin/python benchmarks/identity_scale.py [--sources 4000] [--rows 2000] [--runs 3]

Prints the seconds (wall clock, and CPU: the machine may be shared) to build the matcher
(`IdentityMatcher.for_sources`), to scan the whole table as one text and to scan it row by
row, and checks what was found: no on-record name, and each protected name planted in the
table exactly once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casefile.identity import IdentityMatcher  # noqa: E402
from casefile.models import GroundRules, Source, SourceKind  # noqa: E402

FIRST = ["Yuri", "Olga", "Li", "Wang", "Anna"]
SUBJECT = "the delays at the Heihe crossing and the yuan payments for timber"


def sources(n: int) -> list[Source]:
    out = []
    for i in range(n):
        protected = i % 4 == 3
        s = Source(name=f"{FIRST[(i * 7) % 5]} Source {i}", role_title="trader",
                   kind=SourceKind.PERSON, short_name="", notes="",
                   ground_rules=GroundRules.BACKGROUND if protected else GroundRules.ON_RECORD,
                   attribution_phrase="a trader in Blagoveshchensk" if protected else "",
                   contacts=[{"kind": "phone", "value": f"+7 914 {i:07d}"}] if protected
                   else [])
        s.uuid = uuid.UUID(int=i + 1)
        out.append(s)
    return out


def table(all_sources: list[Source], rows: int) -> tuple[list[str], list[str]]:
    """The rows of a requests-for-comment table (as the export prints them: an on-record
    source by name, a protected one by pseudonym) and the protected names planted in it."""
    out, planted = [], []
    protected = [s for s in all_sources if s.is_protected]
    for i in range(rows):
        s = all_sources[(i * 13) % len(all_sources)]
        who = s.attribution_phrase if s.is_protected else f"{s.name}, {s.role_title}"
        line = f"{who} — asked by email — pending — Ask about {SUBJECT}."
        if i % 500 == 250:  # a reporter's slip: a protected name in an answer
            leak = protected[i % len(protected)]
            line += f" {leak.name} said the same."
            planted.append(leak.name)
        out.append(line)
    return out, planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=4000)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    every = sources(args.sources)
    rows, planted = table(every, args.rows)
    text = "\n".join(rows)
    protected = sum(s.is_protected for s in every)
    print(f"{args.sources:,} sources ({protected:,} protected), {len(rows):,} rows, "
          f"{len(text.split()):,} words")
    figures: dict[str, list[tuple[float, float]]] = {"build": [], "whole": [], "rows": []}

    def timed(name: str, work: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        figures[name].append((time.perf_counter() - wall, time.process_time() - cpu))
        return result

    matcher = timed("build", lambda: IdentityMatcher.for_sources(every))
    for _ in range(args.runs):
        assert IdentityMatcher.for_sources(every) is matcher  # kept for these sources
        hits = timed("whole", lambda: matcher.find(text))
        row_hits = timed("rows", lambda: [h for row in rows for h in matcher.find(row)])
        for found in (hits, row_hits):
            words = [h.words for h in found]
            assert words == planted, f"expected {planted}, found {words[:10]}"

    def shown(name: str) -> str:
        wall = statistics.median(w for w, _c in figures[name])
        cpu = statistics.median(c for _w, c in figures[name])
        return f"{wall:.3f} s ({cpu:.3f} s CPU)"

    print(f"build {shown('build')} (once); the table as one text {shown('whole')}; row by row "
          f"{shown('rows')} (medians of {args.runs}); found exactly the {len(planted)} "
          "planted names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
