"""The large synthetic case for the benchmarks, written through the public API.

    .venv/bin/python benchmarks/make_large_case.py --scale small|large [--out FILE]

`large` is a long investigation: 5,000 sources, 2,000 interviews of ~5,000 words (≈10 million
words; English, Russian and German), 20,000 quotes, 5,000 documents with 20,000 excerpts,
20,000 photos (small real JPEGs with EXIF), 20,000 claims, 60,000 evidence links, 2,000
requests for comment and 50 drafts. `small` is 1/100 of it. The content is deterministic
(one seed), and the file is cached outside the repository ($CASEFILE_BENCH_CACHE, default the
user cache folder): `path_for(scale)` builds it once.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image
from platformdirs import user_cache_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casefile import CaseFile  # noqa: E402

SEED = 20261128
FORMAT = "v1"  # bump when the content changes, so old caches are not reused
LARGE = {"sources": 5000, "interviews": 2000, "words": 5000, "quotes": 20000,
         "documents": 5000, "excerpts": 20000, "photos": 20000, "claims": 20000,
         "links": 60000, "requests": 2000, "drafts": 50}
BATCH = 500  # records per transaction while building


def vocab(words: str) -> list[str]:
    return words.split()


EN = vocab("trucks border customs yuan payment bank crossing timber yard market prices driver "
           "inspection warehouse container freight ministry official broker shipment delay "
           "the of and to in that it was for on with as at by from they this be are said "
           "river ferry soybeans coal tariff invoice")
RU = vocab("грузовики граница таможня юань платеж банк переход лес рынок цены водитель проверка "
           "склад контейнер груз министерство чиновник брокер поставка задержка и в не на что с "
           "по это как из у за сказал река")
DE = vocab("Lastwagen Grenze Zoll Zahlung Bank Übergang Holz Markt Preise Fahrer Kontrolle "
           "Lager Fracht Ministerium Beamter Lieferung der die das und zu in den von mit sagte")
QUERIES = {"common word": "trucks", "rare word": "zeppelin", "phrase": '"customs yuan"',
           "Cyrillic word": "таможня"}


def counts(scale: str) -> dict[str, int]:
    """Record counts for a scale (`small` is 1/100 of `large`; drafts stay at least 5)."""
    if scale == "large":
        return dict(LARGE)
    small = {k: max(1, v // 100) for k, v in LARGE.items()}
    small["words"] = LARGE["words"]  # the same interview length, fewer interviews
    small["drafts"] = 5
    return small


def cache_dir() -> Path:
    """Where built cases are kept between runs."""
    root = os.environ.get("CASEFILE_BENCH_CACHE")
    return Path(root) if root else user_cache_path("Casefile", appauthor=False) / "bench"


def path_for(scale: str, progress: Callable[[str], None] = print) -> Path:
    """The cached case of `scale`, built first if it is not there yet."""
    path = cache_dir() / f"large-case-{FORMAT}-{scale}.casefile"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, scale, progress)
    return path


def jpeg(i: int, rng: random.Random) -> bytes:
    """A small real JPEG with camera EXIF, capture time and GPS."""
    from PIL.TiffImagePlugin import IFDRational

    im = Image.effect_noise((160, 120), 25 + i % 60).convert("RGB")
    im.putpixel((0, 0), (i % 256, (i // 256) % 256, 7))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Fujifilm", "X-T30"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = f"2026:{1 + i % 12:02d}:{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00"
    sub[0x9011] = "+09:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[3] = "N", "E"
    gps[2] = (IFDRational(50, 1), IFDRational(rng.randrange(60), 1), IFDRational(0, 1))
    gps[4] = (IFDRational(127, 1), IFDRational(rng.randrange(60), 1), IFDRational(0, 1))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80, exif=exif)
    return buf.getvalue()


def words(rng: random.Random, vocabulary: list[str], n: int) -> str:
    """`n` words as sentences of 8–20 words."""
    out: list[str] = []
    while len(out) < n:
        sentence = rng.choices(vocabulary, k=rng.randint(8, 20))
        sentence[0] = sentence[0].capitalize()
        out += sentence
        out[-1] += "."
    return " ".join(out[:n])


def batches(total: int) -> Iterator[range]:
    for start in range(0, total, BATCH):
        yield range(start, min(start + BATCH, total))


def build(path: Path, scale: str, progress: Callable[[str], None] = print) -> None:
    """Write the case at `path` (through a temporary name)."""
    n = counts(scale)
    rng = random.Random(SEED)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    began = time.perf_counter()

    def step(what: str) -> None:
        progress(f"  {what} ({time.perf_counter() - began:.0f} s)")

    with CaseFile.create(tmp, title=f"Benchmark case ({scale})", actor="bench") as case:
        write = case._store.write
        reporter = case.team.create(name="Anna Berg", role="reporter", base_city="Blagoveshchensk")
        sources, interviews, quotes, documents, excerpts, photos, claims = ([] for _ in range(7))
        for chunk in batches(n["sources"]):
            with write(bulk_audit=True):
                sources += [case.sources.create(
                    name=f"{rng.choice(['Yuri', 'Olga', 'Li', 'Wang', 'Anna'])} Source {i}",
                    role_title=rng.choice(["trader", "driver", "official", "broker"]),
                    notes=words(rng, EN, 30),
                    ground_rules="background" if i % 4 == 3 else "on_record",
                    attribution_phrase="a trader in Blagoveshchensk" if i % 4 == 3 else "",
                ).uuid for i in chunk]
        step(f"{len(sources)} sources")
        for chunk in batches(n["interviews"]):
            with write(bulk_audit=True):
                for i in chunk:
                    vocabulary = RU if i % 3 == 0 else DE if i % 7 == 0 else EN
                    text = words(rng, vocabulary, n["words"])
                    if i == n["interviews"] // 2:
                        text += " A zeppelin was seen over the river."
                    interviews.append((case.interviews.create(
                        title=f"Interview {i}", transcript=text, interviewers=[reporter.uuid],
                        interviewees=[sources[i % len(sources)]]).uuid, text))
        step(f"{len(interviews)} interviews")
        for chunk in batches(n["quotes"]):
            with write(bulk_audit=True):
                for i in chunk:
                    uid, text = interviews[i % len(interviews)]
                    start = (i * 37) % max(1, len(text) - 200)
                    quotes.append(case.quotes.create(
                        interview=uid, text=text[start:start + 120], span_start=start,
                        span_end=start + 120).uuid)
        step(f"{len(quotes)} quotes")
        for chunk in batches(n["documents"]):
            with write(bulk_audit=True):
                documents += [case.documents.create(
                    title=f"Customs statistics {i}: " + words(rng, EN, 6),
                    kind=rng.choice(["statistics", "report", "court_record", "dataset"]),
                    publisher=rng.choice(["Federal Customs Service", "Rosstat", "Amur court"]),
                    notes=words(rng, EN, 20)).uuid for i in chunk]
        for chunk in batches(n["excerpts"]):
            with write(bulk_audit=True):
                excerpts += [case.excerpts.create(
                    document=documents[i % len(documents)], locator=f"p. {1 + i % 300}",
                    text=words(rng, EN, 40)).uuid for i in chunk]
        step(f"{len(documents)} documents, {len(excerpts)} excerpts")
        for chunk in batches(n["photos"]):
            with write(bulk_audit=True):
                photos += [case.photos.add(jpeg(i, rng), f"IMG_{i:05d}.jpg",
                                           caption=words(rng, EN, 10)).uuid for i in chunk]
        step(f"{len(photos)} photos")
        for chunk in batches(n["claims"]):
            with write(bulk_audit=True):
                claims += [case.claims.create(statement=words(rng, EN, 16)).uuid
                           for _i in chunk]
        kinds = [("quote", quotes), ("excerpt", excerpts), ("photo", photos)]
        for chunk in batches(n["links"]):
            with write(bulk_audit=True):
                for i in chunk:
                    kind, pool = kinds[i % 3]
                    case.evidence.create(claim=claims[i % len(claims)],
                                         **{kind: pool[(i * 7) % len(pool)]})
        step(f"{len(claims)} claims, {n['links']} evidence links")
        for chunk in batches(n["requests"]):
            with write(bulk_audit=True):
                for i in chunk:
                    case.requests.create(source=sources[(i * 13) % len(sources)],
                                         subject=words(rng, EN, 8), channel="email",
                                         claims=[claims[i % len(claims)]])
        for i in range(n["drafts"]):
            parts = []
            for k in range(40):
                claim = claims[(i * 40 + k) % len(claims)]
                parts.append(words(rng, EN, 25) + f" ⟦claim:{claim}⟧officials said⟦/claim⟧.")
            case.drafts.create(headline=f"Draft {i}: trade at the border",
                               body="\n\n".join(parts))
        step(f"{n['requests']} requests, {n['drafts']} drafts")
    tmp.replace(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "large"], default="small")
    parser.add_argument("--out", type=Path, help="write here instead of the cache")
    args = parser.parse_args()
    began = time.perf_counter()
    if args.out:
        build(args.out, args.scale)
        path = args.out
    else:
        path = path_for(args.scale)
    with CaseFile.open(path) as case:
        summary = case.summary()
    print(f"{path}: {summary.size_bytes / 1e6:.0f} MB; " + ", ".join(
        f"{v} {k}" for k, v in summary.counts.items() if v) +
        f" ({time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
