"""Regenerate casefile/data/frequent-words.txt.gz from wordfreq (a maintainer's tool, not
run by Casefile).

    pip install wordfreq && python resources/wordlists/make_frequent_words.py

One line per word (case-folded) seen at least once in about 6,000 words of running text in
one of the languages a case is written in: the word, its highest Zipf frequency ×10 in
English, German, French or Spanish, and its highest in any of them. The identity matcher uses it
to tell a surname that is also a word ("Said", "Post", "Вера") from one that is not, and a
declined name from a word ("Brücke", "России") — casefile/frequent_words.py. Word
frequencies: wordfreq by Robyn Speer, data CC BY-SA 4.0.
"""

import gzip
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

MAIN = ["en", "de", "fr", "es"]  # where "frequent" is asked (see casefile/frequent_words.py)
OTHERS = ["ru", "uk", "it", "pt", "pl", "nl", "tr", "cs"]
FLOOR = 3.8

best: dict[str, tuple[float, float]] = {}
for lang in MAIN + OTHERS:
    for word in top_n_list(lang, 100_000):
        zipf = zipf_frequency(word, lang)
        if zipf < FLOOR:
            break
        if not word.isalpha() or len(word) < 2:
            continue
        word = word.casefold()
        main, anywhere = best.get(word, (0.0, 0.0))
        best[word] = (max(main, zipf if lang in MAIN else 0.0), max(anywhere, zipf))
lines = [f"{w}\t{round(m * 10)}\t{round(a * 10)}" for w, (m, a) in sorted(best.items())]
out = Path(__file__).parents[2] / "casefile" / "data" / "frequent-words.txt.gz"
out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
print(f"{len(lines)} words, {out.stat().st_size} bytes")
