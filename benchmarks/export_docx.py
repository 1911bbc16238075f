"""Word export speed: a 10,000-word draft with 500 claims, 1,500 evidence links and 40 photos,
against python-docx alone writing the same paragraphs and pictures without any sourcing.

    .venv/bin/python benchmarks/export_docx.py [--runs 3]

Prints seconds for both and the ratio; the target is the export under 3x that floor.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.shared import Inches
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import expect  # noqa: E402
from casefile import CaseFile  # noqa: E402
from casefile.claims.draft_text import DraftText  # noqa: E402
from casefile.export.docx_draft import export_draft  # noqa: E402

WORDS = [
    "trade", "border", "trucks", "customs", "yuan", "payments", "exports", "timber",
    "vegetables", "bridge", "river", "importers", "officials", "brokers", "inspection",
    "deadline", "prices", "market", "region", "winter",
]


def photo(i: int) -> bytes:
    im = Image.effect_noise((2000, 1500), 30 + i % 10).convert("RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def build(case: CaseFile, rng: random.Random) -> tuple[object, list[bytes]]:
    sources = [case.sources.create(name=f"Source {i} Person", role_title="trader",
                                   location="Khabarovsk") for i in range(50)]
    quotes = []
    for i, s in enumerate(sources):
        text = ". ".join(" ".join(rng.choices(WORDS, k=12)) for _ in range(20)) + "."
        iv = case.interviews.create(title=f"Interview {i}", transcript=text,
                                    interviewees=[s.uuid])
        for k in range(10):
            start = text.index(".", k * 40) + 2 if k else 0
            quotes.append(case.quotes.mark(iv.uuid, start, start + 30, speaker=s.uuid))
    excerpts = []
    for i in range(100):
        doc = case.documents.create(title=f"Customs report {i}", kind="report",
                                    publisher="Far Eastern Customs Directorate")
        for k in range(5):
            excerpts.append(case.excerpts.create(document=doc.uuid, locator=f"table {k}",
                                                 text=" ".join(rng.choices(WORDS, k=15))))
    claims = []
    for _ in range(500):
        c = case.claims.create(statement=" ".join(rng.choices(WORDS, k=10)) + ".",
                               status=rng.choice(["supported", "needs_second_source"]))
        case.evidence.create(claim=c.uuid, quote=rng.choice(quotes).uuid)
        case.evidence.create(claim=c.uuid, quote=rng.choice(quotes).uuid)
        case.evidence.create(claim=c.uuid, excerpt=rng.choice(excerpts).uuid)
        claims.append(c)
    images = [photo(i) for i in range(40)]
    photos = [case.photos.add(data, f"P{i}.jpg", caption=f"Caption {i}") for i, data in
              enumerate(images)]
    paragraphs = []
    words = 0
    ci = pi = 0
    while words < 10_000:
        sentences = []
        for _ in range(3):
            s = " ".join(rng.choices(WORDS, k=11)).capitalize()
            if ci < len(claims) and rng.random() < 0.6:
                s = f"⟦claim:{claims[ci].uuid}⟧{s}⟦/claim⟧"
                ci += 1
            sentences.append(s + ".")
            words += 11
        paragraphs.append(" ".join(sentences))
        if pi < len(photos) and len(paragraphs) % 7 == 0:
            paragraphs.append(f"⟦photo:{photos[pi].uuid}⟧")
            pi += 1
    while ci < len(claims):
        paragraphs.append(f"⟦claim:{claims[ci].uuid}⟧Another fact here⟦/claim⟧.")
        ci += 1
    draft = case.drafts.create(headline="Benchmark draft", body="\n\n".join(paragraphs))
    return draft, images


def floor(text: DraftText, images: list[bytes], out: Path) -> float:
    start = time.perf_counter()
    d = docx.Document()
    d.add_paragraph("Benchmark draft", style="Title")
    pictures = iter(images)
    for _offset, para in text.paragraphs():
        if para.strip() == "\ufffc":
            d.add_picture(io.BytesIO(next(pictures)), width=Inches(6))
        elif para.strip():
            d.add_paragraph(para)
    d.save(str(out))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        with CaseFile.create(tmp_path / "bench.casefile", title="Bench") as case:
            print("building the case…", flush=True)
            draft, images = build(case, rng)
            text = case.drafts.text(draft.uuid)
            n_words = len(text.text.split())
            print(f"draft: {n_words} words, {len(text.anchors)} claims, "
                  f"{case.evidence.count()} evidence links, {len(text.photos)} photos")
            floors, exports = [], []
            for i in range(args.runs):
                floors.append(floor(text, images, tmp_path / f"floor{i}.docx"))
                start = time.perf_counter()
                result = export_draft(case, draft.uuid, tmp_path / f"export{i}.docx",
                                      allow_blocking=True)
                exports.append(time.perf_counter() - start)
                expect(result.path.is_file() and result.footnotes == len(text.anchors)
                       and result.comments > 0,
                       f"export {i}: {result.footnotes} footnotes and {result.comments} "
                       f"comments for {len(text.anchors)} claims")
                expect((tmp_path / f"floor{i}.docx").is_file(), "floor: nothing written")
            f, e = statistics.median(floors), statistics.median(exports)
            print(f"floor (python-docx, same paragraphs and pictures, no sourcing): {f:.2f} s")
            print(f"export (editor profile: {result.footnotes} footnotes, {result.comments} "
                  f"comments, tables, scan): {e:.2f} s")
            print(f"ratio export/floor: {e / f:.2f}  (target < 3: "
                  f"{'met' if e / f < 3 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
