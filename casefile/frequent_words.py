"""Words of the languages a case is written in that are frequent in running text.

A surname can be a word ("Said", "Post", "Grant"): written in lower case it is the word
("he said", "the customs post"), and only written as a name — capitalised — can it name the
source (asked of the languages drafts are written in). And a name with a case ending, or
spelled another way, can be a word ("Brück" + "e" is "Brücke", "Rossi" is "России"). The
list (`casefile/data/frequent-words.txt.gz`: about 120,000 case-folded words of English,
Russian, Ukrainian, German, French, Spanish, Italian, Portuguese, Polish, Dutch, Turkish and
Czech, each with its Zipf frequency) comes from wordfreq (Robyn Speer, data CC BY-SA 4.0);
`resources/wordlists/make_frequent_words.py` makes it again.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

__all__ = ["is_frequent", "is_word"]

# Zipf 4.5: about once in 30,000 words of English, German, French or Spanish ("said",
# "post", "grant", "rose"). Names that frequent ("Kim", "John") are then found written as
# names only — capitalised — alone; with the rest of the name they are found in any case.
# Not asked of Russian or Ukrainian, where first names are as frequent as words ("Сергей"
# 5.2, "вера" 4.6) and a name in lower case is a disguise, not a word.
FREQUENT = 45
# Zipf 3.8 in any of the languages: a word a reader knows ("Brücke", "Emily", "России").
WORD = 38


@cache
def _words() -> dict[str, tuple[int, int]]:
    data = resources.files("casefile").joinpath("data/frequent-words.txt.gz").read_bytes()
    out: dict[str, tuple[int, int]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, main, anywhere = line.split("\t")
        out[word] = (int(main), int(anywhere))
    return out


def is_frequent(word: str) -> bool:
    """Whether `word` (any case) is a frequent word of English, German, French or Spanish,
    which in lower case is that word and not a name."""
    return _words().get(word.casefold(), (0, 0))[0] >= FREQUENT


def is_word(word: str) -> bool:
    """Whether `word` (any case) is a word of one of the languages, as a reader knows it."""
    return _words().get(word.casefold(), (0, 0))[1] >= WORD
