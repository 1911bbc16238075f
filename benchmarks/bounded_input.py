"""Peak memory of the hostile inputs of issue 15 (item 9), and of two honest large ones.

    .venv/bin/python benchmarks/bounded_input.py [--before OLD_CHECKOUT] [--only NAME…]

Each input is made in a temporary folder (small on disk: sparse, deflated, streamed), then one
`casefile` command runs on it in a child process with no memory limit; its peak RSS
(`ru_maxrss`) and exit status are printed. Each run with this checkout asserts what must
happen: refused plainly (exit 1) or done (exit 0), and under 500 MB. `--before` runs the same
with the `casefile` package of another checkout (e.g. `git archive <old commit> casefile`
unpacked somewhere), to measure what it was; nothing is asserted for that one.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casefile import CaseFile  # noqa: E402
from casefile.models import Blob, Photo  # noqa: E402
from tests.reliability import bounded_input_cases as cases  # noqa: E402

PEAK_MB = 500
Setup = Callable[[Path, Path], list[str]]  # (folder, case) -> CLI arguments


def _nested(folder: Path, case: Path) -> list[str]:
    return ["import", str(case), str(cases.nested_json(folder / "nested.json"))]


def _members(folder: Path, case: Path) -> list[str]:
    return ["import", str(case), str(cases.many_members_zip(folder / "bomb.zip"))]


def _docx(folder: Path, case: Path) -> list[str]:
    return ["import-review", str(case), str(cases.dense_docx(folder / "dense.docx"))]


def _document(folder: Path, case: Path) -> list[str]:
    return ["add-document", str(case), str(cases.sparse_file(folder / "leak.pdf"))]


def _photo(folder: Path, case: Path) -> list[str]:
    data = cases.one_colour_png(folder / "huge.png").read_bytes()
    with CaseFile.open(case) as c, c._store.write() as s:
        blob = Blob(sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    media_type="image/png", data=data)
        s.add(blob)
        s.flush()
        s.add(Photo(blob=blob, file_name="huge.png"))
    return ["dump", str(case), "--out", str(folder / "share.zip"), "--share"]


def _import_photo(folder: Path, case: Path) -> list[str]:
    return ["add-photos", str(case), str(cases.one_colour_png(folder / "huge.png"))]


def _honest_bundle(folder: Path, case: Path) -> list[str]:
    bundle = cases.stored_members_zip(folder / "honest.zip", 48, 10 * cases.MiB)
    return ["import", str(case), str(bundle)]


def _honest_document(folder: Path, case: Path) -> list[str]:
    path = folder / "scan.bin"
    with path.open("wb") as fh:
        for _ in range(128):
            fh.write(hashlib.sha512(str(time.time_ns()).encode()).digest() * 16384)
    return ["add-document", str(case), str(path)]


# name -> (what, setup, exit status this checkout must give)
CASES: dict[str, tuple[str, Setup, int]] = {
    "nested-json": ("1 MB of `[[[…]]]` as a bundle", _nested, 1),
    "zip-members": ("200 members of 10 MiB, each under the old ratio check", _members, 1),
    "dense-docx": ("a 12.7 MB .docx: 157 MB of tiny runs in document.xml", _docx, 1),
    "add-document": ("add-document of a sparse 1.5 GB file", _document, 1),
    "share-photo": ("dump --share of a 169 MP photo (13000×13000 PNG)", _photo, 0),
    "import-photo": ("add-photos of the same 169 MP PNG", _import_photo, 1),
    "honest-bundle": ("import of 48 stored 10 MiB files (480 MB)", _honest_bundle, 0),
    "honest-document": ("add-document of a 128 MB file", _honest_document, 0),
}


def measure(name: str, code: Path) -> cases.Run:
    """One case, in a fresh folder and case file."""
    _what, setup, _rc = CASES[name]
    with tempfile.TemporaryDirectory(prefix="casefile-bounded-") as tmp:
        folder = Path(tmp)
        case = folder / "case.casefile"
        CaseFile.create(case, title="Bounded input").close()
        args = setup(folder, case)
        return cases.run_cli(args, limit=0, timeout=900, code=code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="a checkout whose casefile/ to measure too")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=sorted(CASES))
    args = parser.parse_args()
    failed = []
    print(f"| Input | {'Before | ' if args.before else ''}Now |")
    print(f"|---|{'---|' if args.before else ''}---|")
    for name in [n for n in CASES if n in args.only]:
        what, _setup, want = CASES[name]
        cells = []
        if args.before:
            old = measure(name, args.before.resolve())
            cells.append(f"exit {old.rc}, {old.peak_mb:,.0f} MB")
        now = measure(name, cases.ROOT)
        cells.append(f"exit {now.rc}, {now.peak_mb:,.0f} MB")
        print(f"| {what} | {' | '.join(cells)} |", flush=True)
        if now.rc != want or now.peak_mb >= PEAK_MB or "internal error" in now.stderr:
            failed.append(f"{name}: exit {now.rc} (wanted {want}), {now.peak_mb:.0f} MB; "
                          f"{now.stderr[-300:]}")
    for line in failed:
        print("FAILED", line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
