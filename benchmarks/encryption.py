"""What encryption costs: opening a case, its lists, its counts and searching it, plain vs
encrypted (SQLCipher).

    .venv/bin/python benchmarks/encryption.py [--interviews 400] [--runs 7]
    .venv/bin/python benchmarks/encryption.py --case ~/.cache/Casefile/bench/large-case-v1-small…
    .venv/bin/python benchmarks/encryption.py --case … --cache-mb 64   # a setting, tried

Without `--case`, a synthetic case (deterministic; cached outside the repository in
$CASEFILE_BENCH_CACHE or the user cache folder) is written through the public API: 2,000
sources, N interviews of ~5,000 words each in English and Russian, 300 photos (small real
JPEGs), 2,000 claims. With `--case`, that file is COPIED to a scratch folder (the original is
never opened: opening migrates) and the copy is used. A copy is encrypted with
`encrypt_file`. Then, for each, medians of several runs with the page cache warm:
- open: CaseFile.open + close;
- open + lists: open, the summary, the first page of every list the window shows, close;
- counts: the summary and every list's length in an open case (what each save and job end
  refreshes);
- search (top 50 with snippets) for a common word, a rare word, a phrase, a Cyrillic word;
and the encrypted/plain ratio. `--cache-mb` sets SQLite's page cache (`PRAGMA cache_size`)
for the run, to see whether the cache explains a ratio. Targets: open under 2x, search under
1.5x. Each measured run checks its result (the counts match the file, searches find hits).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from platformdirs import user_cache_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casefile import CaseFile  # noqa: E402
from casefile.db import driver  # noqa: E402
from casefile.encryption import encrypt_file  # noqa: E402

PASS = "benchmark passphrase"
EN = [
    "trucks", "border", "customs", "yuan", "payment", "bank", "crossing", "timber", "yard",
    "market", "prices", "driver", "inspection", "warehouse", "container", "freight", "ministry",
    "official", "broker", "shipment", "delay", "the", "of", "and", "to", "in", "that", "it",
    "was", "for", "on", "with", "as", "at", "by", "from", "they", "this", "be", "are"
]
RU = [
    "грузовики", "граница", "таможня", "юань", "платеж", "банк", "переход", "лес", "рынок",
    "цены", "водитель", "проверка", "склад", "контейнер", "груз", "министерство", "чиновник",
    "брокер", "поставка", "задержка", "и", "в", "не", "на", "что", "с", "по", "это", "как",
    "из", "у", "за"
]
QUERIES = {"common word": "trucks", "rare word": "zeppelin", "phrase": '"customs yuan"',
           "Cyrillic word": "таможня"}


def cache_dir() -> Path:
    root = os.environ.get("CASEFILE_BENCH_CACHE")
    return Path(root) if root else user_cache_path("Casefile", appauthor=False) / "bench"


def jpeg(i: int) -> bytes:
    im = Image.effect_noise((320, 240), 30 + i % 50).convert("RGB")
    im.putpixel((0, 0), (i % 256, i // 256, 7))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def build(path: Path, interviews: int) -> None:
    """The synthetic case, through the public API."""
    rng = random.Random(20261128)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    with CaseFile.create(tmp, title="Encryption benchmark", actor="bench") as case:
        sources = [case.sources.create(name=f"Source {i} {rng.choice(EN).title()}",
                                       notes=" ".join(rng.choices(EN, k=40)))
                   for i in range(2000)]
        for i in range(interviews):
            words = RU if i % 3 == 0 else EN
            text = " ".join(rng.choices(words, k=5000))
            if i == interviews // 2:
                text += " a zeppelin was seen over the river"
            case.interviews.create(title=f"Interview {i}", transcript=text,
                                   interviewees=[sources[i % len(sources)].uuid])
        for i in range(300):
            case.photos.add(jpeg(i), f"IMG_{i:04d}.jpg", caption=" ".join(rng.choices(EN, k=12)))
        for _i in range(2000):
            case.claims.create(statement=" ".join(rng.choices(EN, k=14)))
    tmp.replace(path)


LISTS = ("sources", "interviews", "photos", "documents", "requests", "drafts", "team")
COUNTED = ("team", "sources", "interviews", "quotes", "documents", "excerpts", "photos",
           "claims", "evidence", "requests", "drafts", "tags")


def time_open(path: Path, passphrase: str | None, *, lists: bool = True) -> float:
    start = time.perf_counter()
    case = CaseFile.open(path, passphrase=passphrase)
    try:
        if lists:
            assert case.summary().counts["source"] > 0
            for service in LISTS:
                getattr(case, service).page(limit=200, light=True)
            assert case.claims.summaries(limit=200)
    finally:
        case.close()
    return time.perf_counter() - start


def time_counts(case: CaseFile, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        summary = case.summary()
        lengths = [getattr(case, name).count() for name in COUNTED]
        case.trash.count()
        times.append(time.perf_counter() - start)
        assert lengths[1] == summary.counts["source"] > 0
    return statistics.median(times)


def time_search(case: CaseFile, query: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        hits = case.search.search(query, limit=50, snippet_words=10)
        times.append(time.perf_counter() - start)
        assert hits, f"no hits for {query}"
    return statistics.median(times)


def time_key(path: Path, runs: int) -> float:
    """Deriving the key from the passphrase (PBKDF2, by design slow) and the first read."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        conn = driver.connect(path, PASS)
        try:
            assert driver.check_key(conn)
        finally:
            conn.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def prepare(args: argparse.Namespace, scratch: Path) -> tuple[Path, str]:
    """The plain file to measure, and a description of the case."""
    if args.case is None:
        folder = cache_dir() / f"encryption-v1-{args.interviews}"
        folder.mkdir(parents=True, exist_ok=True)
        plain = folder / "plain.casefile"
        if not plain.exists():
            print(f"building the case in {folder} (once)…", flush=True)
            build(plain, args.interviews)
        about = (f"{args.interviews} interviews (~{args.interviews * 5000:,} words), 2,000 "
                 "sources, 300 photos, 2,000 claims")
        return plain, f"{about}; {plain.stat().st_size / 1e6:.0f} MB"
    plain = scratch / "measured.casefile"
    shutil.copyfile(args.case, plain)
    with CaseFile.open(plain) as case:  # migrate the copy once, outside the timings
        summary = case.summary()
        if case.migration_backup is not None:
            case.migration_backup.unlink()  # one copy of a large case at a time
    about = (f"{args.case.name} (a copy): {sum(summary.counts.values()):,} live records, "
             f"{summary.counts['photo']:,} photos")
    return plain, f"{about}; {plain.stat().st_size / 1e6:.0f} MB"


def encrypted_copy(args: argparse.Namespace, plain: Path) -> Path:
    """The encrypted twin: for `--case`, the measured copy itself, encrypted in place once the
    plain runs are done (so a large case is on disk once); else cached beside the plain one."""
    if args.case is not None:
        encrypt_file(plain, PASS)
        return plain
    encrypted = plain.with_name("encrypted.casefile")
    if not encrypted.exists():
        shutil.copyfile(plain, plain.with_name("encrypting.casefile"))
        encrypt_file(plain.with_name("encrypting.casefile"), PASS)
        plain.with_name("encrypting.casefile").replace(encrypted)
    return encrypted


def measure(path: Path, passphrase: str | None, runs: int) -> dict[str, float]:
    """Medians of every timing, page cache warm."""
    time_open(path, passphrase)  # warm the page cache: both read from memory
    got = {"open": statistics.median(
               [time_open(path, passphrase, lists=False) for _ in range(runs)]),
           "open + lists": statistics.median(
               [time_open(path, passphrase) for _ in range(runs)])}
    with CaseFile.open(path, passphrase=passphrase) as case:
        got["counts"] = time_counts(case, runs)
        got |= {f"search, {name}": time_search(case, q, runs) for name, q in QUERIES.items()}
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--case", type=Path, help="measure a copy of this case file")
    parser.add_argument("--cache-mb", type=int, help="SQLite page cache size for the run")
    args = parser.parse_args()
    if args.cache_mb:
        from casefile.db import connection

        extra = f"PRAGMA cache_size = -{args.cache_mb * 1024}"
        connection.PRAGMAS = (*connection.PRAGMAS, extra)  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="casefile-enc-", dir=args.case and "/tmp") as tmp:
        plain, about = prepare(args, Path(tmp))
        print(f"case: {about}" + (f"; cache {args.cache_mb} MB" if args.cache_mb else ""),
              flush=True)
        results = {"plain": measure(plain, None, args.runs)}
        encrypted = encrypted_copy(args, plain)
        results["encrypted"] = measure(encrypted, PASS, args.runs)
        key = time_key(encrypted, args.runs)

    plain_r, enc_r = results["plain"], results["encrypted"]
    worst = 0.0
    for what, p_time in plain_r.items():
        ratio = enc_r[what] / p_time
        if what.startswith("search"):
            worst = max(worst, ratio)
        print(f"{what:22}: plain {p_time * 1000:7.1f} ms, encrypted {enc_r[what] * 1000:7.1f} "
              f"ms, ratio {ratio:.2f}")
    rest = enc_r["open + lists"] - key
    print(f"key derivation: {key * 1000:.0f} ms (a constant); open + lists without it: "
          f"encrypted {rest * 1000:.1f} ms, ratio {rest / plain_r['open + lists']:.2f}")
    print(f"worst search ratio {worst:.2f}  (target < 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
