"""Photo import speed: the app's pipeline against a bare Pillow loop doing the same image work.

    .venv/bin/python benchmarks/photo_import.py [--count 200] [--runs 3]

The photos (12-megapixel JPEGs with EXIF and GPS) are generated once and cached outside the
repository ($CASEFILE_BENCH_CACHE, default: the user cache folder). Prints photos/second for
both, and their ratio; the target is the app within 1.3x of the floor.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational
from platformdirs import user_cache_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import expect  # noqa: E402
from casefile import CaseFile  # noqa: E402
from casefile.media.images import THUMB_SIZES  # noqa: E402

SIZE = (4000, 3000)
TARGET = 1.3


def cache_dir() -> Path:
    root = os.environ.get("CASEFILE_BENCH_CACHE")
    return Path(root) if root else user_cache_path("Casefile", appauthor=False) / "bench"


def make_photo(i: int) -> bytes:
    """A 12 MP JPEG with texture (so it compresses like a photo) and camera EXIF."""
    base = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    noise = Image.effect_noise(SIZE, 40 + i % 20).convert("RGB")
    im = Image.blend(base, noise, 0.35)
    d = ImageDraw.Draw(im)
    for k in range(12):
        x = (i * 97 + k * 331) % (SIZE[0] - 400)
        y = (i * 53 + k * 211) % (SIZE[1] - 300)
        d.rectangle((x, y, x + 380, y + 260), fill=((i * 7 + k * 40) % 255, 90, 140))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Fujifilm", "X-T30", 1
    sub = exif.get_ifd(0x8769)
    sub[0x9003], sub[0x9011] = f"2026:10:17 09:{i % 60:02d}:00", "+09:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[3] = "N", "E"
    gps[2] = (IFDRational(50, 1), IFDRational(15, 1), IFDRational(3168, 100))
    gps[4] = (IFDRational(127, 1), IFDRational(31, 1), IFDRational(4836, 100))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=88, exif=exif)
    return buf.getvalue()


def ensure_photos(count: int) -> list[Path]:
    folder = cache_dir() / "photos-12mp-v1"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"DSCF{i:04d}.JPG"
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(make_photo(i))
            tmp.replace(path)
            if i % 20 == 0:
                print(f"  generated {i + 1}/{count} photos in {folder}", flush=True)
        paths.append(path)
    return paths


def floor(paths: list[Path]) -> float:
    """Bare Pillow: read, hash, open, draft, thumbnail, save both previews."""
    start = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        with Image.open(io.BytesIO(data)) as im:
            big = THUMB_SIZES[0]
            im.draft("RGB", (big, big * 3 // 4))
            im.thumbnail((big, big), reducing_gap=None)
            out = im
            for size in THUMB_SIZES:
                if max(out.size) > size:
                    out = out.copy()
                    out.thumbnail((size, size), reducing_gap=None)
                out.save(io.BytesIO(), "JPEG", quality=85)
    return time.perf_counter() - start


def app(paths: list[Path]) -> float:
    """The public API into a fresh case file."""
    with tempfile.TemporaryDirectory() as tmp:
        with CaseFile.create(Path(tmp) / "bench.casefile", title="Bench") as case:
            start = time.perf_counter()
            events = list(case.photos.import_files(paths))
            elapsed = time.perf_counter() - start
            stored = case.photos.count()
        bad = [e for e in events if e.outcome != "imported"]
        expect(not bad and stored == len(paths),
               f"import: {stored} photos stored of {len(paths)}; problems {bad[:3]}")
    return elapsed


def vips(paths: list[Path]) -> float | None:
    """libvips' `vipsthumbnail` making the same two previews (one process per photo, as its
    command line works), for comparison; None where libvips-tools is not installed."""
    tool = shutil.which("vipsthumbnail")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for path in paths:
            for size in THUMB_SIZES:
                subprocess.run([tool, str(path), "--size", str(size), "-o",
                                f"{tmp}/%s-{size}.jpg[Q=85,strip]"], check=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = ensure_photos(args.count)
    total_mb = sum(p.stat().st_size for p in paths) / 2**20
    print(f"{args.count} photos, {SIZE[0]}x{SIZE[1]}, {total_mb:.0f} MB; "
          f"median of {args.runs} runs")
    for p in paths:  # warm the page cache so both sides read from memory
        p.read_bytes()
    floors, apps = [], []
    for _ in range(args.runs):
        floors.append(floor(paths))
        apps.append(app(paths))
    f, a = statistics.median(floors), statistics.median(apps)
    ratio = a / f
    print(f"floor (bare Pillow): {args.count / f:6.1f} photos/s  ({f:.2f} s)")
    print(f"app (import_files):  {args.count / a:6.1f} photos/s  ({a:.2f} s)")
    print(f"ratio app/floor: {ratio:.2f}  (target <= {TARGET}: "
          f"{'met' if ratio <= TARGET else 'NOT met'})")
    v = vips(paths)
    if v is None:
        print("vipsthumbnail: not installed (Debian: libvips-tools) — no comparison")
    else:
        print(f"vipsthumbnail (libvips, no hashing or storing): {args.count / v:6.1f} photos/s "
              f"({v:.2f} s); ratio app/vips {a / v:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
