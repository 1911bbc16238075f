"""Fuzz corpus: mutated images through photo import and mutated .docx through import-review.

    python -m tests.reliability.fuzz_corpus --images 1000 --docx 200

Seeds are real files made here: JPEG (with EXIF and GPS), PNG, TIFF, WebP and HEIC from
Pillow, and Word drafts exported from the sample case. Each corpus file is a seed with one
mutation (bit flips, overwritten runs, truncation, another format's header, inserted bytes,
huge declared dimensions, a damaged EXIF block; for .docx: a damaged zip, or a rebuilt zip
with one part truncated, garbled, removed, swapped for an entity bomb or a zip bomb).
Each must be imported or rejected cleanly — a CaseFileError or a "rejected" line — within
`--timeout` seconds, with memory under `--memory-mb` (an address-space limit: a runaway
allocation fails instead of taking the machine). A worker process does the work; if it
dies (a crash or a hang), the parent records that file and starts a new worker after it.

Prints one line per corpus and, with `--json`, the totals for tests to read.
"""

from __future__ import annotations

import argparse
import faulthandler
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

HEADERS = {  # what a "header swap" puts in front of another format's body
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "png": b"\x89PNG\r\n\x1a\n",
    "tiff": b"II*\x00\x08\x00\x00\x00",
    "webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    "heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00",
}
SUFFIX = {"jpeg": ".jpg", "png": ".png", "tiff": ".tif", "webp": ".webp", "heic": ".heic"}


@dataclass
class Totals:
    """What one corpus run came to."""

    corpus: str
    files: int = 0
    accepted: int = 0  # imported (or a duplicate) / comments read
    rejected: int = 0  # refused with a reason
    crashes: int = 0  # an unexpected exception, or the worker died
    hangs: int = 0  # over the time bound
    max_seconds: float = 0.0
    max_peak_growth_mb: float = 0.0  # the most one file raised the worker's peak memory
    peak_rss_mb: float = 0.0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The printed summary."""
        return (f"{self.files} {self.corpus}: {self.accepted} accepted, {self.rejected} "
                f"rejected cleanly, {self.crashes} crashes, {self.hangs} hangs; max "
                f"{self.max_seconds:.2f} s and +{self.max_peak_growth_mb:.0f} MB peak per "
                f"file, peak RSS {self.peak_rss_mb:.0f} MB")


# -- seeds -------------------------------------------------------------------------------

def image_seeds() -> list[tuple[str, bytes]]:
    """One real file per format (HEIC only when pillow-heif can write it)."""
    from PIL import Image

    from tests.test_photos import photo_bytes

    seeds = [("jpeg", photo_bytes("JPEG", (320, 240)))]
    for fmt, kind in (("PNG", "png"), ("TIFF", "tiff"), ("WEBP", "webp")):
        seeds.append((kind, photo_bytes(fmt, (160, 120))))
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        buf = io.BytesIO()
        Image.new("RGB", (128, 96), (40, 120, 200)).save(buf, "HEIF", quality=60)
        seeds.append(("heic", buf.getvalue()))
    except ImportError:
        pass
    return seeds


def mutate_image(kind: str, data: bytes, rng: random.Random) -> tuple[str, bytes, str]:
    """(file suffix, bytes, what was done) for one mutation of a seed."""
    b = bytearray(data)
    how = rng.choice(["flip", "flip", "run", "truncate", "header", "insert", "dimensions",
                      "exif"])
    suffix = SUFFIX[kind]
    if how == "flip":
        for _ in range(rng.randint(1, 40)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif how == "run":
        i = rng.randrange(len(b))
        fill = rng.choice([b"\x00", b"\xff", bytes([rng.randrange(256)])])
        b[i:i + rng.randint(1, 512)] = fill * rng.randint(1, 512)
    elif how == "truncate":
        b = b[:rng.randrange(len(b))]
    elif how == "header":
        other = rng.choice([k for k in HEADERS if k != kind])
        b[:len(HEADERS[other])] = HEADERS[other]
        suffix = rng.choice([SUFFIX[kind], SUFFIX[other]])
    elif how == "insert":
        i = rng.randrange(len(b))
        b[i:i] = rng.randbytes(rng.randint(1, 2048))
    elif how == "dimensions":
        b = bytearray(_huge_dimensions(kind, bytes(b), rng))
    else:  # damage the metadata block (JPEG APP1 / anywhere near the start otherwise)
        start = b.find(b"Exif\x00\x00")
        start = start if start >= 0 else 0
        for _ in range(rng.randint(1, 20)):
            i = start + rng.randrange(min(400, len(b) - start))
            b[i] = rng.randrange(256)
    return suffix, bytes(b), how


def _huge_dimensions(kind: str, data: bytes, rng: random.Random) -> bytes:
    """Declare enormous (or zero) width and height: a decompression bomb or nonsense."""
    width, height = rng.choice([(65_535, 65_535), (0, 0), (1, 2_000_000), (50_000, 40_000)])
    if kind == "png":
        ihdr = bytearray(data[16:29])
        ihdr[0:8] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
        crc = zlib.crc32(b"IHDR" + bytes(ihdr)).to_bytes(4, "big")
        return data[:16] + bytes(ihdr) + crc + data[33:]
    if kind == "jpeg":
        sof = data.find(b"\xff\xc0")
        if sof > 0:
            b = bytearray(data)
            b[sof + 5:sof + 9] = (min(height, 65_535).to_bytes(2, "big")
                                  + min(width, 65_535).to_bytes(2, "big"))
            return bytes(b)
    b = bytearray(data)
    at = rng.randrange(8, min(64, len(b)))
    b[at:at + 4] = b"\xff\xff\xff\x7f"
    return bytes(b)


def docx_seeds(case: object, folder: Path) -> list[bytes]:
    """Drafts exported from the sample case: with comments (editor) and without (clean)."""
    from casefile.export.docx_draft import export_draft

    draft = case.drafts.page()[0].uuid  # type: ignore[attr-defined]
    seeds = []
    for profile in ("editor", "clean"):
        out = folder / f"seed-{profile}.docx"
        export_draft(case, draft, out, profile=profile,  # type: ignore[arg-type]
                     allow_blocking=True)
        seeds.append(out.read_bytes())
    return seeds


BOMB_XML = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                       % ((98 + i,) + (97 + i,) * 10) for i in range(8))
            + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
              b'2006/main"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')


def mutate_docx(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutation of an exported .docx: of the zip itself, or of one part inside it."""
    how = rng.choice(["zip-flip", "zip-truncate", "part-truncate", "part-garble",
                      "part-remove", "part-flip", "entity-bomb", "zip-bomb", "part-swap"])
    if how == "zip-flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), how
    if how == "zip-truncate":
        return data[:rng.randrange(len(data))], how
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml_parts = [n for n in parts if n.endswith((".xml", ".rels"))]
    target = rng.choice(xml_parts)
    body = parts[target]
    if how == "part-truncate":
        parts[target] = body[:rng.randrange(len(body))]
    elif how == "part-garble":
        i = rng.randrange(len(body))
        parts[target] = body[:i] + rng.choice([b"<", b"&", b"\x00", b"]]>", b"\xff\xfe",
                                               rng.randbytes(64)]) + body[i:]
    elif how == "part-remove":
        del parts[target]
    elif how == "part-flip":
        b = bytearray(body)
        for _ in range(rng.randint(1, 10)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        parts[target] = bytes(b)
    elif how == "entity-bomb":
        parts[rng.choice(["word/document.xml", "word/comments.xml", "docProps/core.xml"])] = (
            BOMB_XML)
    elif how == "part-swap":
        other = rng.choice(xml_parts)
        parts[target], parts[other] = parts[other], parts[target]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        if how == "zip-bomb":  # a document part that inflates to 400 MB (written in steps)
            del parts["word/document.xml"]
            with z.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(b"<")
                for _ in range(400):
                    member.write(b"a" * 1_000_000)
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue(), how


# -- the worker ----------------------------------------------------------------------------

def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(corpus: str, start: int, count: int, seed: int, folder: Path, timeout: float,
           memory_mb: int) -> None:
    """Run files start..count-1, printing one JSON line per file."""
    from casefile.errors import CaseFileError
    from casefile.sample import create_sample_case

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    case_path = folder / f"worker-{start}.casefile"
    case = create_sample_case(case_path)
    seeds_img = image_seeds() if corpus == "images" else []
    seeds_doc = docx_seeds(case, folder) if corpus == "docx" else []
    for i in range(start, count):
        rng = random.Random(seed * 1_000_003 + i)
        if corpus == "images":
            kind, data = seeds_img[i % len(seeds_img)]
            suffix, data, how = mutate_image(kind, data, rng)
            label = f"{kind}/{how}"
        else:
            data, how = mutate_docx(seeds_doc[i % len(seeds_doc)], rng)
            suffix, label = ".docx", how
        path = folder / f"fuzz-{i:05d}{suffix}"
        path.write_bytes(data)
        peak = _peak_mb()
        faulthandler.dump_traceback_later(timeout, exit=True)  # a hang ends the worker
        began = time.perf_counter()
        outcome, message = "accepted", ""
        try:
            if corpus == "images":
                events = list(case.photos.import_files([path]))
                if any(e.outcome == "rejected" for e in events):
                    outcome, message = "rejected", events[-1].message
            else:
                from casefile.export.review import import_review

                import_review(case, path)
        except CaseFileError as exc:
            outcome, message = "rejected", str(exc)
        except Exception as exc:  # noqa: BLE001 - exactly what the fuzzing looks for
            outcome, message = "crash", f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - began
        faulthandler.cancel_dump_traceback_later()
        path.unlink()
        print(json.dumps({"i": i, "label": label, "outcome": outcome, "seconds": seconds,
                          "growth": _peak_mb() - peak, "peak": _peak_mb(),
                          "message": message[:200]}), flush=True)
    case.close()


# -- the parent ----------------------------------------------------------------------------

def run(corpus: str, count: int, seed: int, timeout: float, memory_mb: int) -> Totals:
    """Fuzz `count` files of one corpus; a dead worker costs only the file it died on."""
    totals = Totals(corpus="images" if corpus == "images" else ".docx files")
    with tempfile.TemporaryDirectory(prefix="casefile-fuzz-") as tmp:
        start = 0
        while start < count:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.reliability.fuzz_corpus", "--worker", corpus,
                 "--start", str(start), "--count", str(count), "--seed", str(seed),
                 "--folder", tmp, "--timeout", str(timeout), "--memory-mb", str(memory_mb)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                cwd=Path(__file__).resolve().parents[2])
            assert proc.stdout is not None
            for line in proc.stdout:
                row = json.loads(line)
                start = row["i"] + 1
                totals.files += 1
                totals.max_seconds = max(totals.max_seconds, row["seconds"])
                totals.max_peak_growth_mb = max(totals.max_peak_growth_mb, row["growth"])
                totals.peak_rss_mb = max(totals.peak_rss_mb, row["peak"])
                if row["outcome"] == "accepted":
                    totals.accepted += 1
                elif row["outcome"] == "rejected":
                    totals.rejected += 1
                else:
                    totals.crashes += 1
                    totals.failures.append(f"#{row['i']} {row['label']}: {row['message']}")
            _out, err = proc.communicate()
            if proc.returncode != 0 and start < count:  # died on file `start`
                hung = "Timeout" in err or "most recent call first" in err
                if hung:
                    totals.hangs += 1
                else:
                    totals.crashes += 1
                totals.files += 1
                totals.failures.append(f"#{start}: worker {'hung' if hung else 'died'} "
                                       f"(exit {proc.returncode}): {err.strip()[-300:]}")
                start += 1
    return totals


def main(argv: list[str] | None = None) -> int:
    """Command line: the corpus run, or (internally) one worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per file")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", choices=["images", "docx"], help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.start, args.count, args.seed, args.folder, args.timeout,
               args.memory_mb)
        return 0
    began = time.perf_counter()
    results = [run("images", args.images, args.seed, args.timeout, args.memory_mb),
               run("docx", args.docx, args.seed, args.timeout, args.memory_mb)]
    for totals in results:
        print(totals.line())
        for failure in totals.failures[:20]:
            print("   ", failure)
    print(f"({time.perf_counter() - began:.0f} s, seed {args.seed})")
    if args.json:
        print(json.dumps([asdict(t) for t in results]))
    return 0 if all(t.crashes == 0 and t.hangs == 0 for t in results) else 1


if __name__ == "__main__":
    sys.exit(main())
