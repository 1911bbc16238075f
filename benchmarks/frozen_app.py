"""The frozen one-folder build: its size (total and the five largest items) and how long the
app takes from start to its first drawn window, as a user would start it (clean environment,
no venv). Run after `make package`:

    python3 benchmarks/frozen_app.py dist/casefile [--runs 7]

Start-up is the median wall time of `casefile-app --first-window CASE` (open the case, show the
window, paint it once, exit) over several runs; the target is under 2 s. For comparison the same
is timed from the development venv when there is one. Size target: under 150 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clean_env(home: Path) -> dict[str, str]:
    """What a user's desktop session would give the program, and nothing from this venv."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen"}


def sizes(folder: Path) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes (links not followed) and every file with its size, largest first."""
    files = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            files.append((path.stat().st_size, str(path.relative_to(folder))))
    files.sort(reverse=True)
    return sum(n for n, _ in files), files


def time_runs(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall seconds of each run; a failing run stops the benchmark with its output."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, nargs="?", default=ROOT / "dist" / "casefile")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    dist = args.dist.resolve()
    app = dist / ("casefile-app.exe" if os.name == "nt" else "casefile-app")
    cli = dist / ("casefile.exe" if os.name == "nt" else "casefile")
    if not app.exists():
        sys.exit(f"{app} not found: run `make package` first")

    total, files = sizes(dist)
    print(f"bundle: {total / 1e6:.1f} MB in {len(files)} files ({dist})  target < 150 MB")
    for n, name in files[:5]:
        print(f"  {n / 1e6:6.1f} MB  {name}")
    groups: dict[str, int] = {}
    for n, name in files:
        parts = Path(name).parts
        key = "/".join(parts[:3]) if parts[:2] == ("_internal", "PySide6") else "/".join(parts[:2])
        groups[key] = groups.get(key, 0) + n
    print("largest folders:")
    for key, n in sorted(groups.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {n / 1e6:6.1f} MB  {key}")

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = clean_env(home)
        case = Path(tmp) / "Sample case.casefile"
        subprocess.run([str(cli), "demo", str(case)], env=env, check=True, capture_output=True)
        time_runs([str(app), "--first-window", str(case)], env, 1)  # warm the disk cache
        frozen = time_runs([str(app), "--first-window", str(case)], env, args.runs)
        print(f"frozen app to first window: median {statistics.median(frozen):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in frozen)})  target < 2 s")
        venv_python = ROOT / ".venv" / "bin" / "python"
        if venv_python.exists():
            dev_env = dict(env, PYTHONPATH=str(ROOT))
            time_runs([str(venv_python), "-m", "ui", "--first-window", str(case)], dev_env, 1)
            dev = time_runs([str(venv_python), "-m", "ui", "--first-window", str(case)],
                            dev_env, args.runs)
            print(f"same from the development venv: median {statistics.median(dev):.2f} s; "
                  f"frozen/venv ratio {statistics.median(frozen) / statistics.median(dev):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
