"""What encryption costs: opening a case and searching it, plain vs encrypted (SQLCipher).

    .venv/bin/python benchmarks/encryption.py [--interviews 400] [--runs 7]

A synthetic case (deterministic; cached outside the repository in $CASEFILE_BENCH_CACHE or the
user cache folder) is written through the public API: 2,000 sources, N interviews of ~5,000
words each in English and Russian, 300 photos (small real JPEGs), 2,000 claims. A copy is
encrypted with `encrypt_file`. Then, for each: open (CaseFile.open + the first page of every
list the window shows) and search (top 50 with snippets) for a common word, a rare word, a
phrase and a Cyrillic word — medians of several runs, and the encrypted/plain ratio.
Targets: open under 2x, search under 1.5x. Issue 10's large case will replace this one.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from PIL import Image
from platformdirs import user_cache_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casefile import CaseFile  # noqa: E402
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


def time_open(path: Path, passphrase: str | None) -> float:
    start = time.perf_counter()
    case = CaseFile.open(path, passphrase=passphrase)
    try:
        case.summary()
        for service in (case.sources, case.interviews, case.photos, case.documents,
                        case.requests, case.drafts, case.team):
            service.page(limit=200)
        case.claims.summaries(limit=200)
    finally:
        case.close()
    return time.perf_counter() - start


def time_search(case: CaseFile, query: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        case.search.search(query, limit=50, snippet_words=10)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = cache_dir() / f"encryption-v1-{args.interviews}"
    folder.mkdir(parents=True, exist_ok=True)
    plain, encrypted = folder / "plain.casefile", folder / "encrypted.casefile"
    if not plain.exists():
        print(f"building the case in {folder} (once)…", flush=True)
        build(plain, args.interviews)
    if not encrypted.exists():
        shutil.copyfile(plain, folder / "encrypting.casefile")
        encrypt_file(folder / "encrypting.casefile", PASS)
        (folder / "encrypting.casefile").replace(encrypted)
    mb = plain.stat().st_size / 1e6
    print(f"case: {args.interviews} interviews (~{args.interviews * 5000:,} words), 2,000 "
          f"sources, 300 photos, 2,000 claims; {mb:.0f} MB")

    results = {}
    for label, path, key in (("plain", plain, None), ("encrypted", encrypted, PASS)):
        time_open(path, key)  # warm the page cache: both read from memory
        opens = [time_open(path, key) for _ in range(args.runs)]
        with CaseFile.open(path, passphrase=key) as case:
            searches = {name: time_search(case, q, args.runs) for name, q in QUERIES.items()}
        results[label] = (statistics.median(opens), searches)

    (p_open, p_search), (e_open, e_search) = results["plain"], results["encrypted"]
    print(f"open + first pages: plain {p_open * 1000:.0f} ms, encrypted {e_open * 1000:.0f} ms, "
          f"ratio {e_open / p_open:.2f}  (target < 2)")
    worst = 0.0
    for name in QUERIES:
        ratio = e_search[name] / p_search[name]
        worst = max(worst, ratio)
        print(f"search, {name:13}: plain {p_search[name] * 1000:6.1f} ms, encrypted "
              f"{e_search[name] * 1000:6.1f} ms, ratio {ratio:.2f}")
    print(f"worst search ratio {worst:.2f}  (target < 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
