"""Reading back a review by text (pandoc drops our bookmarks): how long the paragraph
alignment takes on a long file — 18,000 look-alike paragraphs around the sample draft's body,
and a file of 20,000 paragraphs that matches nothing and is refused.

    .venv/bin/python benchmarks/review_text_match.py [--filler 18000] [--runs 3]

Prints seconds for each; the target is a few seconds, never minutes (before the word-based
comparison the matched file took 138 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import expect  # noqa: E402
from casefile.errors import CaseFileError  # noqa: E402
from casefile.export.docx_draft import export_draft  # noqa: E402
from casefile.export.review import import_review  # noqa: E402
from casefile.sample import create_sample_case  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def plain_docx(path: Path, paragraphs: list[str]) -> None:
    """Plain paragraphs and nothing of ours, as a tool that drops every marker leaves them."""
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml",
                    f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filler", type=int, default=18_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        case = create_sample_case(d / "sample.casefile")
        try:
            draft = case.drafts.page()[0]
            clean = d / "clean.docx"
            export_draft(case, draft.uuid, clean, profile="clean", allow_blocking=True)
            body = [p.text for p in docx.Document(str(clean)).paragraphs]
            filler = [f"Paragraph {i} of a long report on trade across the river, with the "
                      "figures for the region and what the officials said about them."
                      for i in range(args.filler)]
            matched, refused = d / "long.docx", d / "nothing.docx"
            plain_docx(matched, filler + body)
            plain_docx(refused, filler + filler[:2_000])
            found, nothing = [], []
            for _ in range(args.runs):
                began = time.perf_counter()
                result = import_review(case, matched)
                found.append(time.perf_counter() - began)
                expect(result.matched_by == "text" and result.draft == draft.uuid
                       and result.changes == [], "the long file is matched to the sample draft")
                began = time.perf_counter()
                try:
                    import_review(case, refused)
                except CaseFileError as exc:
                    expect("not a Casefile export" in str(exc), "the foreign file is refused")
                else:
                    expect(False, "the foreign file is refused")
                nothing.append(time.perf_counter() - began)
        finally:
            case.close()
    print(f"matched by text, {args.filler:,} filler paragraphs: "
          f"median {statistics.median(found):.2f} s (runs: {', '.join(f'{t:.2f}' for t in found)})")
    print(f"refused, {args.filler + 2_000:,} paragraphs: median {statistics.median(nothing):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
