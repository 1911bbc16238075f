"""Word forms for search: "visa" also finds "visas", "работать" finds "работают".

The stored index is left as it is (no stemming tokenizer, no schema change): a plain query
word is expanded instead. For each Snowball stemmer of the case's languages in the word's
script (`languages_for`), the index's own vocabulary is read over a short term range
(fts5vocab, a seek on the term, never a full scan), and the terms whose stem equals the
word's stem are added as alternatives, so the word matches `("visa" OR "visas")`. The
exact word always matches; ranking stays bm25. The index folds diacritics
(`remove_diacritics 2`, Latin letters only), so the word is folded the same way before it
is stemmed.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints
from sqlalchemy import Connection, text

from casefile.db.search_index import FTS_TABLE

VOCAB_TABLE = "search_vocab"
# Snowball stemmers by language (ISO 639-1 code -> script of its words, stemmer name). The
# stemmers used for a word are those of the case's languages written in the word's script —
# the case's own `language` and those of its interviews, quotes and documents — plus English
# for any Latin word. Applying every Latin stemmer to every word would make false friends
# ("visa" is "vis" to the French and Spanish stemmers, "late" and "later" are "lat").
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("LATIN", "english"), "de": ("LATIN", "german"), "fr": ("LATIN", "french"),
    "es": ("LATIN", "spanish"), "it": ("LATIN", "italian"), "pt": ("LATIN", "portuguese"),
    "nl": ("LATIN", "dutch"), "sv": ("LATIN", "swedish"), "da": ("LATIN", "danish"),
    "no": ("LATIN", "norwegian"), "nb": ("LATIN", "norwegian"), "fi": ("LATIN", "finnish"),
    "hu": ("LATIN", "hungarian"), "ro": ("LATIN", "romanian"), "tr": ("LATIN", "turkish"),
    "pl": ("LATIN", "polish"), "cs": ("LATIN", "czech"), "lt": ("LATIN", "lithuanian"),
    "et": ("LATIN", "estonian"), "ca": ("LATIN", "catalan"), "id": ("LATIN", "indonesian"),
    "ru": ("CYRILLIC", "russian"), "sr": ("CYRILLIC", "serbian"), "el": ("GREEK", "greek"),
}
BY_NAME = {name: code for code, (_script, name) in LANGUAGES.items()}
# For a word whose script no language of the case is written in.
FALLBACK = {"LATIN": "english", "CYRILLIC": "russian", "GREEK": "greek"}
MIN_STEM = 3  # shorter stems ("is", "go") would pull in half the vocabulary: exact only
MAX_CANDIDATES = 5000  # vocabulary terms read per word and stemmer
MAX_FORMS = 32  # extra terms per word (the most frequent first)

_local = threading.local()  # a PyStemmer object is not safe to share between threads


def _stemmer(language: str) -> Stemmer.Stemmer:
    cache: dict[str, Stemmer.Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if language not in cache:
        cache[language] = Stemmer.Stemmer(language)
    return cache[language]


def fold(word: str) -> str:
    """The word as the index stores it: lower case, Latin letters without diacritics
    ("Häuser" -> "hauser"); Cyrillic "й" and "ё" stay, as unicode61 keeps them."""
    out: list[str] = []
    for ch in word.lower():
        base = unicodedata.normalize("NFD", ch)
        if len(base) > 1 and _script(base[0]) == "LATIN":
            out.append("".join(c for c in base if not unicodedata.combining(c)))
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def language_code(value: str) -> str | None:
    """A language as records name it ("en", "ru-RU", "German", "deutsch") as a code of
    LANGUAGES, or None."""
    key = value.strip().lower().replace("_", "-")
    code = key.split("-")[0]
    if code in LANGUAGES:
        return code
    return BY_NAME.get(key) or {"deutsch": "de", "français": "fr", "francais": "fr",
                                "español": "es", "espanol": "es", "русский": "ru"}.get(key)


def languages_for(word: str, languages: Iterable[str] = ("en",)) -> tuple[str, ...]:
    """The stemmers to try for a word: those of `languages` (codes) written in its script;
    English for a Latin word too; the script's usual stemmer when none is."""
    script = _script(word[0]) if word else ""
    found = ["english"] if script == "LATIN" else []
    for code in sorted(set(languages)):
        entry = LANGUAGES.get(code)
        if entry and entry[0] == script and entry[1] not in found:
            found.append(entry[1])
    if not found and script in FALLBACK:
        found.append(FALLBACK[script])
    return tuple(found)


def ensure_vocab(conn: Connection) -> None:
    """The index's vocabulary as a table of this connection (TEMP: nothing is written to the
    file, and the schema check, which reads only the main schema, never sees it)."""
    conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCAB_TABLE} "
                      f"USING fts5vocab(main, {FTS_TABLE}, 'row')"))


def word_forms(conn: Connection, word: str, languages: Iterable[str] = ("en",)) -> list[str]:
    """Other index terms sharing the word's stem under any of its stemmers, most frequent
    first (at most MAX_FORMS); [] for a word that is not plain letters."""
    folded = fold(word)
    if not folded.isalpha():
        return []
    stems: dict[str, str] = {}
    for language in languages_for(folded, languages):
        stem = _stemmer(language).stemWord(folded)
        if len(stem) >= MIN_STEM:
            stems[language] = stem
    # One letter short of the stem: the stem may end differently from every form's spelling
    # ("cities" -> "citi", while "city" does not start with "citi"). A range inside another
    # is read once: fts5vocab walks every entry of each term it returns.
    lows: list[str] = []
    for low in sorted({stem[:-1] if len(stem) > MIN_STEM else stem for stem in stems.values()}):
        if not lows or not low.startswith(lows[-1]):
            lows.append(low)
    counts: dict[str, int] = {}
    for low in lows:
        rows = conn.execute(
            text(f"SELECT term, doc FROM temp.{VOCAB_TABLE} WHERE term >= :lo AND term < :hi "
                 "LIMIT :n"),
            {"lo": low, "hi": low + "\U0010ffff", "n": MAX_CANDIDATES},
        ).all()
        terms = [str(r[0]) for r in rows]
        for language, stem in stems.items():
            for term, stemmed, row in zip(terms, _stemmer(language).stemWords(terms), rows,
                                          strict=True):
                if stemmed == stem and term != folded:
                    counts[term] = max(counts.get(term, 0), int(row[1]))
    return sorted(counts, key=lambda t: (-counts[t], t))[:MAX_FORMS]
