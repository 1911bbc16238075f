"""The draft checker's text work on a long draft: splitting a 10,000-word body into sentences
and finding its quotations, and the whole pure check (`check_draft`) against the stored
quotes of a long case. The checker runs as the reporter types (off the UI thread), so this is
the price of every pause in typing.

    .venv/bin/python benchmarks/checker_text.py [--words 10000] [--quotes 2000] [--runs 5]
        [--root DIR]

`--root` imports the `casefile` package from DIR instead of this checkout (how "before"
figures are taken: a copy of the tree with the previous checker).
One body per language (English, Russian, German, French, Japanese, Korean), each with as
many paragraphs as the English one of `--words` words: paragraphs of a reporter's story
with abbreviations, figures, ellipses and quotations in the language's own marks, one in
five of them altered. Prints the medians (milliseconds, wall clock; the first check, and
one again with nothing changed, as when the reporter pauses typing) and checks the work:
every body splits into the sentences it was built from, and the check finds exactly the
altered quotations it planted (on the code before this issue only the English marks are
looked at, so there the counts are printed, not checked).
"""

from __future__ import annotations

import argparse
import inspect
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import median_ms  # noqa: E402 (harness imports no casefile)

# (language, a paragraph template with {q} for the quotation, open mark, close mark,
# the stored quote's words, an altered version of them, sentences in the paragraph)
PARAGRAPHS: dict[str, tuple[str, str, str, str, str, int]] = {
    "en": ("Exports fell 38.5 percent in Sept. 2026, the statistics office said. "
           "Mr. Petrov, who runs a yard near the U.S. border, was blunt… and tired. {q} he said. "
           "Dr. Smith disagreed!", "“", ",”",
           "We used to ship forty trucks a week {n}",
           "We used to ship fifty trucks a week {n}", 4),
    "ru": ("Экспорт упал на 3,5 % в 2026 г., т. е. вдвое. Директор склада сказал: {q}. "
           "По словам Петрова И. И., очередь стоит с утра… Так было всегда.", "«", "»",
           "Мы отправляли сорок машин в неделю {n}",
           "Мы отправляли пятьдесят машин в неделю {n}", 4),
    "de": ("Die Exporte fielen z. B. um 3,5 Prozent. Dr. Müller sagte: {q}. "
           "Das war am 3. Mai. Danach kam nichts mehr…", "„", "“",
           "Wir haben vierzig Lastwagen pro Woche verschickt {n}",
           "Wir haben fünfzig Lastwagen pro Woche verschickt {n}", 4),
    "fr": ("Les exportations ont chuté de 3,5 %. M. Dupont a déclaré : {q}. "
           "Le Dr. Martin n'était pas d'accord. C'était le 3 mai…", "«\u202f", "\u202f»",
           "Nous expédiions quarante camions par semaine {n}",
           "Nous expédiions cinquante camions par semaine {n}", 4),
    "ja": ("輸出は3.5％減った。倉庫の責任者は{q}と述べた。本当だろうか？誰も知らない…",
           "「", "」", "週に四十台のトラックを送っていた{n}",
           "週に五十台のトラックを送っていた{n}", 4),
    "ko": ("수출이 3.5% 감소했다. 창고 책임자는 {q} 라고 말했다. 정말일까? 아무도 모른다.",
           "“", "”", "우리는 일주일에 트럭 사십 대를 보냈다 {n}",
           "우리는 일주일에 트럭 오십 대를 보냈다 {n}", 4),
}


def body(language: str, paragraphs: int) -> tuple[str, list[str], int]:
    """(draft text, the stored quotes it quotes, how many quotations were altered)."""
    template, open_, close, said, altered, _count = PARAGRAPHS[language]
    written, stored, wrong = [], [], 0
    for n in range(paragraphs):
        words_said = said.format(n=n)
        stored.append(words_said)
        quoted = altered.format(n=n) if n % 5 == 4 else words_said
        wrong += 1 if n % 5 == 4 else 0
        written.append(template.format(q=f"{open_}{quoted}{close}"))
    return "\n\n".join(written), stored, wrong


WORDS = ["the", "yard", "trucks", "border", "customs", "we", "they", "said", "never",
         "always", "timber", "yuan", "payments", "грузовики", "таможня", "мы", "они",
         "никогда", "всегда", "лес", "оплата", "Zoll", "Lastwagen", "wir", "nie", "douane",
         "camions", "nous", "jamais", "税関", "トラック", "木材", "세관", "트럭", "목재"]


def filler(n: int) -> list[str]:
    """The case's other stored quotes: n wordings of 6 to 20 words, the same every run."""
    rng = random.Random(20)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 20))) + "."
            for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--quotes", type=int, default=2_000, help="stored quotes in the case")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    from casefile.claims import checker
    from casefile.claims.draft_text import DraftText

    english = len(PARAGRAPHS["en"][0].split()) + len(PARAGRAPHS["en"][3].split())
    paragraphs = max(1, args.words // english)
    takes_language = "language" in inspect.signature(checker.sentences).parameters
    failures = []
    print(f"{paragraphs:,} paragraphs a body (the English one: {args.words:,} words), "
          f"{args.quotes:,} stored quotes, median of {args.runs}"
          f" ({'new' if takes_language else 'previous'} checker from {args.root})")
    for language, spec in PARAGRAPHS.items():
        text, stored, wrong = body(language, paragraphs)
        others = filler(max(0, args.quotes - len(stored)))
        draft = DraftText.parse(text)
        kw: dict[str, Any] = {"language": language} if takes_language else {}

        def split(text: str = text, kw: dict[str, Any] = kw) -> Any:
            return checker.sentences(text, **kw)

        def check(draft: DraftText = draft, rows: list[str] = stored + others,
                  kw: dict[str, Any] = kw) -> Any:
            return checker.check_draft(draft, {}, rows, [], [], **kw)

        def first_check() -> Any:  # nothing remembered from an earlier check
            getattr(checker, "_CLOSEST", {}).clear()
            return check()

        split_ms = median_ms(split, args.runs)
        first_ms = median_ms(first_check, args.runs)
        check_ms = median_ms(check, args.runs)
        spans = split()
        found = [f for f in check() if f.kind == "quote_differs"]
        print(f"  {language}: {len(text):,} characters, {len(spans):,} sentences "
              f"({spec[5] * paragraphs:,} written): split {split_ms:.1f} ms; check "
              f"{first_ms:.0f} ms, again {check_ms:.0f} ms; {len(found)} altered "
              f"quotations found of {wrong}")
        if takes_language:
            if len(spans) != spec[5] * paragraphs:
                failures.append(f"{language}: {len(spans)} sentences, not "
                                f"{spec[5] * paragraphs}")
            if len(found) != wrong:
                failures.append(f"{language}: {len(found)} altered quotations, not {wrong}")
    if failures:
        raise SystemExit("benchmark work failed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
