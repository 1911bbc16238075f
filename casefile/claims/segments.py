"""Where a draft's sentences and quotations are, in every script the reporters write in.

Sentences come from sentencex (Wikimedia's segmenter: abbreviations, numbers and ellipses
for ~300 languages, and sentence ends without capitals: 。！？ and Korean's ". " before
Hangul), in the paragraph's language: the case's, or the one its script says when the
paragraph is written in another script (a Russian story quoting a paragraph of English).
The library is given "…" as "." (it ends sentences at "..." but not at the one-character
ellipsis), and its split is corrected where it cuts a sentence short, as an editor would:
not before a lowercase letter ("т. е. никто", "usw. ok"), not after a title or an initial
it does not know ("M. Dupont", "Le Dr. Martin", "J. Smith"), not between a closing quote and
the quotative particle written right against it (「…。」と言った, “…”라고 말했다), and in
languages that write ordinals with a dot, not after one ("die 2. Etappe"); and where it
ends one too late: after an abbreviation that may end a sentence ("usw. Dann", "и т. д.
Потом"), before a year ("Prozent. 2026 fiel"), after a closing quote that follows 。！？
(“我们不知道。”出口下降了). It is given every space as " " (it panics on a no-break space
after a capital and before "."), and should it fail anyway, the sentences are cut at
their punctuation.

Quotations are found between every pair of marks newsrooms use — “…” ‘…’ "…" '…' «…» »…«
„…“ „…” ‚…‘ ‹…› ›…‹ ”…” (Swedish) 「…」 『…』 《…》 〈…〉 — nested to any depth (the outer
quotation is the one a reader checks; an inner one is part of it; the speaker's words set
inside one are cut out by quotation_parts: «…, — сказал он, — …»), French guillemets with
their (narrow) no-break spaces, apostrophes (don’t, rock ’n’ roll, Ukrainians’, ’90s) and
inch marks inside straight quotes ("We bought 24" screens") never taken for quote marks.
A quotation continued into the next paragraph (the paragraph ends without a closing mark
and the next opens with the same mark again) counts as one in each paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

PARAGRAPH = "\n\n"  # casefile.claims.draft_text.PARAGRAPH: a paragraph always ends a sentence

# An opening mark and the closing marks it takes.
_PAIRS: dict[str, str] = {
    "“": "”", "„": "“”", "«": "»", "»": "«»", "‹": "›", "›": "‹›", "‘": "’", "‚": "‘’",
    '"': '"', "'": "'", "”": "”", "「": "」", "『": "』", "《": "》", "〈": "〉", "﹁": "﹂",
    "﹃": "﹄", "〝": "〞〟", "＂": "＂", "｢": "｣",
}
_CLOSING = frozenset("".join(_PAIRS.values()))
_MARKS = frozenset(_PAIRS) | _CLOSING
# Marks that only ever open or only ever close: their direction needs no context.
_ONLY_OPENS = frozenset("„‚「『《〈﹁﹃〝｢")
_ONLY_CLOSES = frozenset("」』》〉﹂﹄〞〟｣")
# Marks that are apostrophes too (between letters, or eliding: ’n’, ’90s).
_APOSTROPHES = frozenset("’'")
_ENDS_CLAUSE = frozenset(".,;:!?)]}…。、，！？")
_MARK_RUN = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")


class Quotation(NamedTuple):
    """A quotation in a text: [start, end) from its opening mark to after its closing one
    (to the paragraph's end when it continues into the next), and the words between."""

    start: int
    end: int
    words: str


class _Open:
    """An opening mark waiting for its closer, and the quotations already closed inside it
    (they are part of it; if it never closes they stand on their own)."""

    __slots__ = ("mark", "start", "inside")

    def __init__(self, mark: str, start: int) -> None:
        self.mark = mark
        self.start = start
        self.inside: list[Quotation] = []


def _is_word(ch: str) -> bool:
    """A character a mark can be inside a word beside: a letter or digit of a script that
    spaces its words (a mark against 「と」 or 「라고」 is not inside a word: Japanese does not
    space, Korean writes its particles against the closing quote)."""
    return (ch.isalnum() or ch == "_") and not _unspaced(ch)


def _unspaced(ch: str) -> bool:
    code = ord(ch)
    return 0x2E80 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 \
        or 0xF900 <= code < 0xFB00 or 0xFF00 <= code < 0xFFF0 or 0x20000 <= code < 0x32000


def quotations(text: str) -> list[Quotation]:
    """Every outermost quotation in `text`, in order (see the module docstring)."""
    out: list[Quotation] = []
    paragraphs = text.split(PARAGRAPH)
    pos = 0
    for k, para in enumerate(paragraphs):
        if _MARK_RUN.search(para):
            after = next((p.lstrip()[:1] for p in islice(paragraphs, k + 1, None)
                          if p.strip()), "")
            out.extend(_paragraph_quotations(para, pos, after))
        pos += len(para) + len(PARAGRAPH)
    return out


def _paragraph_quotations(para: str, offset: int, next_opens: str) -> list[Quotation]:
    out: list[Quotation] = []
    stack: list[_Open] = []
    n = len(para)
    elided = False  # inside a word that began with an eliding apostrophe (’n’, ’tis)

    def found(q: Quotation) -> None:
        (stack[-1].inside if stack else out).append(q)

    def close(depth: int, end: int) -> None:
        opened = stack[depth]
        del stack[depth:]
        words = para[opened.start + 1:end]
        if len(words.strip()) >= 3:
            found(Quotation(offset + opened.start, offset + end + 1, words))
        else:
            for q in opened.inside:
                found(q)

    for i, ch in enumerate(para):
        if ch.isspace():
            elided = False
        if ch not in _MARKS:
            continue
        before = para[i - 1] if i else " "
        after = para[i + 1] if i + 1 < n else " "
        closer_at = next((d for d in range(len(stack) - 1, -1, -1)
                          if ch in _PAIRS[stack[d].mark]), None)
        if ch in _ONLY_OPENS:
            stack.append(_Open(ch, i))
            continue
        if ch in _ONLY_CLOSES:
            if closer_at is not None:
                close(closer_at, i)
            continue
        if ch in _APOSTROPHES and _is_word(before) and _is_word(after):
            continue  # don’t, O’Brien, l'homme
        # Flanking, as typesetters read it: a mark against the word after it (space or
        # punctuation before) opens; one against the word before it closes.
        # Beside a script that does not space its words, neither reading holds: the mark
        # closes what is open, else opens.
        unspaced = _unspaced(before) or _unspaced(after)
        opens_here = not unspaced and not after.isspace() and after not in _ENDS_CLAUSE \
            and not _is_word(before)
        closes_here = not unspaced and not before.isspace() and before not in "([{" \
            and not _is_word(after)
        if ch in _APOSTROPHES and elided and closes_here:
            elided = False
            continue  # the second apostrophe of rock ’n’ roll
        can_open = ch in _PAIRS and not (ch == "'" and not after.isalpha())
        if closes_here and not opens_here:
            if closer_at is not None and not _possessive(para, i, stack[closer_at].mark) \
                    and not (ch == '"' and _inch_mark(para, i)):
                close(closer_at, i)
        elif opens_here and not closes_here:
            if can_open:
                stack.append(_Open(ch, i))
            elif ch in _APOSTROPHES:
                elided = True  # ’n, ’90s, ’tis
        elif closer_at == len(stack) - 1 and closer_at >= 0:
            close(closer_at, i)  # spaced on both sides, or between punctuation: « … »
        elif can_open and (ch not in _APOSTROPHES or _unspaced(before)):
            stack.append(_Open(ch, i))
        elif closer_at is not None:
            close(closer_at, i)
    # What never closed: the outer one continues into the next paragraph when that opens
    # with its mark again; anything else was a stray mark and its quotations stand alone.
    if stack and stack[0].mark == next_opens:
        first = stack[0]
        words = para[first.start + 1:].rstrip()
        if len(words.strip()) >= 3:
            out.append(Quotation(offset + first.start, offset + first.start + 1 + len(words),
                                 words))
    else:
        for opened in stack:
            out.extend(opened.inside)
    return sorted(out)


# The speaker's words set inside one pair of marks: Russian (and Ukrainian, Bulgarian)
# between dashes after the quote's own punctuation («…, — сказал Петров, — …», «…, — заявил
# он. — …»), French as an incise after a comma (« …, a-t-il dit, … », « …, dit-elle, … »).
_INCISE = re.compile(
    r"(?<=[,.!?…])\s*[—–]\s+[^—–«»„“”\n]+?[,.]\s*[—–]\s+"
    r"|,\s+(?:[^\W\d_][\w’'-]*-(?:t-)?(?:il|elle|on|ils|elles)\b[^,«»\n]{0,40}?"
    r"|(?:a|ont|avait)\s+(?:dit|déclaré|affirmé|ajouté|expliqué|précisé|souligné|assuré"
    r"|indiqué|répondu|poursuivi)\b[^,«»\n]{0,40}?),\s+")


def quotation_parts(q: Quotation) -> list[tuple[int, str]]:
    """A quotation's words without the attribution set inside its marks, as (offset in the
    text, words) of each part (one part, at its opening mark, when there is none)."""
    parts: list[tuple[int, str]] = []
    at = 0
    for m in _INCISE.finditer(q.words):
        if q.words[at:m.start()].strip() and q.words[m.end():].strip():
            parts.append((q.start + 1 + at, q.words[at:m.start()]))
            at = m.end()
    if not parts:
        return [(q.start, q.words)]
    parts.append((q.start + 1 + at, q.words[at:]))
    return [(q.start if k == 0 else pos, words) for k, (pos, words) in enumerate(parts)]


def _possessive(para: str, i: int, opener: str) -> bool:
    """Whether the apostrophe at `i` reads as a plural possessive (the Ukrainians’ homes)
    rather than as the close of a single-quoted quotation: it follows an s and is followed
    by a word, and the quotation closes later in the paragraph — with no single quote
    opening before that close (‘thugs’ and ‘criminals’: that close is the next one's)."""
    if para[i - 1] not in "sSzZ" or opener not in "‘'‚":
        return False
    follows = para[i + 1:i + 3]
    if not (follows[:1].isspace() and follows[1:2].isalpha()):
        return False
    for j in range(i + 1, len(para)):
        ch = para[j]
        before = para[j - 1]
        after = para[j + 1] if j + 1 < len(para) else " "
        if ch in "‘‚'" and not _is_word(before) and (_is_word(after) or after in _MARKS):
            return False  # a single quote opens first
        if ch in _PAIRS[opener] and not _is_word(after) and not before.isspace():
            return True
    return False


def _inch_mark(para: str, i: int) -> bool:
    """Whether a straight double quote after a digit is an inch mark (24" screens) inside a
    straight-quoted quotation: the next straight quote closes it cleanly ("We bought 24"
    screens," he said)."""
    if not para[i - 1].isdigit():
        return False
    j = para.find('"', i + 1)
    if j < 0:
        return False
    after = para[j + 1] if j + 1 < len(para) else " "
    return not para[j - 1].isspace() and not _is_word(after)


# -- sentences -------------------------------------------------------------------------------

# Each script's language when a paragraph's letters are mostly in it, and the languages
# (primary subtags) written in each script; any other language is written in Latin script.
_SCRIPT_LANGUAGE = {"Cyrl": "ru", "Hang": "ko", "Kana": "ja", "Hani": "zh", "Grek": "el",
                    "Arab": "ar", "Hebr": "he", "Thai": "th", "Deva": "hi", "Latn": "en"}
_LANGUAGE_SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv"),
                    {"Cyrl"}),
    "sr": {"Cyrl", "Latn"}, "ko": {"Hang", "Hani"}, "ja": {"Kana", "Hani"},
    "zh": {"Hani"}, "yue": {"Hani"}, "el": {"Grek"}, "he": {"Hebr"}, "yi": {"Hebr"},
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ug"), {"Arab"}), "th": {"Thai"},
    **dict.fromkeys(("hi", "mr", "ne"), {"Deva"}),
}
# Languages that write ordinal numbers with a full stop ("am 3. Mai", "2. sija").
_ORDINAL_DOT = frozenset({"de", "da", "nb", "nn", "no", "fi", "et", "lv", "is", "fo", "cs",
                          "sk", "sl", "hr", "bs", "sr", "pl", "hu", "tr"})
# Titles before a name, which some of the library's language lists lack ("Le Dr. Martin").
_TITLES = frozenset({"M", "MM", "Mme", "Mlle", "Me", "Dr", "Prof", "St", "Mr", "Mrs", "Ms",
                     "Hr", "Fr", "Sr", "Sra", "Gen", "Col", "Capt", "Lt", "Sgt", "Rev", "Hon",
                     "им", "ул", "д", "проф", "Проф", "акад", "Акад"})
_CLOSERS_AND_BRACKETS = _CLOSING | frozenset(")]）」』】")
_LAST_WORD = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_ORDINAL = re.compile(r"(?<![\d.,])\d{1,3}\.$")


def language_of(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag or locale name ("de-AT", "pt_BR",
    "zh-Hant" → "de", "pt", "zh"); "" when none is given."""
    return re.split(r"[-_.@]", tag.strip().lower(), maxsplit=1)[0]


def _script(ch: str) -> str | None:
    code = ord(ch)
    if code < 0x250:
        return "Latn" if ch.isalpha() else None
    if 0x370 <= code < 0x400:
        return "Grek"
    if 0x400 <= code < 0x530:
        return "Cyrl"
    if 0x590 <= code < 0x600:
        return "Hebr"
    if 0x600 <= code < 0x700 or 0x750 <= code < 0x780:
        return "Arab"
    if 0x900 <= code < 0x980:
        return "Deva"
    if 0xE00 <= code < 0xE80:
        return "Thai"
    if 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190 or 0xAC00 <= code < 0xD7B0:
        return "Hang"
    if 0x3040 <= code < 0x3100 or 0x31F0 <= code < 0x3200 or 0xFF66 <= code < 0xFFA0:
        return "Kana"
    if 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
        return "Hani"
    if 0x1E00 <= code < 0x1F00:
        return "Latn"
    return None


def _paragraph_language(para: str, language: str) -> str:
    """The case's language for a paragraph in its script; else the paragraph's script's."""
    counts: dict[str, int] = {}
    for ch in para[:400]:
        script = _script(ch) if ch.isalpha() else None
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return language or "en"
    if counts.get("Kana"):  # Japanese writes kanji (Han) among its kana
        counts["Kana"] += counts.pop("Hani", 0)
    script = max(counts, key=lambda s: counts[s])
    if language and script in _LANGUAGE_SCRIPTS.get(language, {"Latn"}):
        return language
    return _SCRIPT_LANGUAGE.get(script, language or "en")


def _starts_lowercase(piece: str) -> bool:
    for ch in piece:
        if ch.isspace() or ch in _MARKS or unicodedata.category(ch)[0] == "P":
            continue
        return ch.islower()
    return False


# Words written right against a closing quote that continue its sentence: Korean's and
# Japanese's quotative particles (“…”라고 말했다, 「…。」と述べた).
_QUOTATIVE = {"ko": re.compile(r"(?:이라고|라고|하고|고|며)"),
              "ja": re.compile(r"(?:という|とも|って|と)")}
# Abbreviations that may end a sentence: before a capital, the sentence ends with them.
_ENDS_ABBREVIATION = re.compile(
    r"(?:(?<![^\W\d_])(?:usw|etc|usf|ecc|т\.\s?д|т\.\s?п|и\s?др|и\s?пр)\.)(\s+)"
    r"[\"“„«‘'(]?([^\W\d_])")
# A word (of four letters or more) ending a sentence before one that begins with a year.
_BEFORE_YEAR = re.compile(r"(?<![^\W\d_])([^\W\d_]{4,})\.(\s+)(?=\d{4}(?!\d))")


def _runs_on(prev: str, piece: str, language: str) -> bool:
    """Whether `piece` continues the sentence `prev` (which the library ended)."""
    if _starts_lowercase(piece):
        return True
    tail = prev.rstrip()
    if tail and tail[-1] in _CLOSERS_AND_BRACKETS and prev == tail and piece[:1] and \
            not piece[0].isspace():
        # 「…。」と言った, “…”라고: a quotative particle right against the closing quote
        # continues the sentence; after 。！？ and the quote anything else is the next one
        # (Chinese and Japanese put no space between sentences: “…。”出口下降了).
        particle = _QUOTATIVE.get(language)
        if particle is not None and particle.match(piece):
            return True
        inside = tail.rstrip("".join(_CLOSERS_AND_BRACKETS))
        return language != "zh" and not inside.endswith(("。", "！", "？", "!", "?", "."))
    if not tail.endswith("."):
        return False
    word = _LAST_WORD.search(tail)
    if word:
        token = word.group(1)
        if token in _TITLES or (len(token) == 1 and token.isupper()):
            return True
    ordinal = _ORDINAL.search(tail) if language in _ORDINAL_DOT else None
    if ordinal is None:
        return False
    # "am 3. Mai", "Am 3. Mai": an ordinal after a lowercase word or opening the sentence;
    # after a noun ("auf Platz 3. Danach") the number ended the sentence.
    before = tail[:ordinal.start()].split()
    return len(before) <= 1 or not before[-1][:1].isupper()


@lru_cache(maxsize=512)
def _ends_before_year(word: str, language: str) -> bool:
    """Whether a sentence ending in `word.` may be followed by one opening with a year: the
    library ends sentences after it (it is no abbreviation of the language) and English
    does before a year too (no "Sept. 2026")."""
    def splits(lang: str, text: str) -> bool:
        return len(_library_spans(text, lang)) > 1

    return splits(language, f"{word}. Dann") and splits("en", f"{word}. 2026")


def _split_missed_ends(para: str, start: int, end: int, language: str
                       ) -> list[tuple[int, int]]:
    """A library sentence cut where it missed an end: after an abbreviation that may end
    one ("usw. Dann", "и т. д. Потом") and before a year ("Prozent. 2026 fiel")."""
    piece = para[start:end]
    if "." not in piece:
        return [(start, end)]
    cuts = [m.start(1) for m in _ENDS_ABBREVIATION.finditer(piece) if m.group(2).isupper()]
    cuts += [m.start(2) for m in _BEFORE_YEAR.finditer(piece)
             if _ends_before_year(m.group(1), language)]
    out, at = [], start
    for cut in sorted(set(cuts)):
        out.append((at, start + cut))
        at = start + cut
    out.append((at, end))
    return out


# Every whitespace character but the ASCII ones: the library is given " " for each (one code
# point: offsets are kept). It panics on a capital, a no-break or thin space and "."
# ("Plan B\u00a0. Then": a byte index cut inside the multi-byte space, sentencex 1.0.32).
_OTHER_SPACE = re.compile(r"[^\S\n\t\r ]")
# The rule-based split the library's answer falls back to: after . ! ? … and the quotes and
# brackets closing on them, before a space; after 。！？ anywhere.
_RULE_END = re.compile(r"[.!?…]+[" + re.escape("".join(sorted(_CLOSERS_AND_BRACKETS)))
                       + r"]*(?=\s)|[。！？]+[" + re.escape("".join(sorted(_CLOSERS_AND_BRACKETS)))
                       + r"]*")


def _rule_spans(para: str) -> list[tuple[int, int]]:
    """Sentences by punctuation alone (the corrections in _runs_on still apply)."""
    spans, start = [], 0
    for end in _RULE_END.finditer(para):
        if end.end() > start:
            spans.append((start, end.end()))
            start = end.end()
    if start < len(para):
        spans.append((start, len(para)))
    return spans


def _library_spans(para: str, language: str) -> list[tuple[int, int]]:
    """The library's sentences, or the rule-based ones when it fails: a bug in it (a Rust
    panic is a BaseException) must never take down the checker or an export. (Not its
    absence: an app frozen without it must fail its package test, not split by rule.)"""
    from sentencex import get_sentence_boundaries  # type: ignore[import-untyped]

    # The library ends a sentence at "..." but not at "…" (one character: offsets are kept).
    read = para.replace("…", ".") if "…" in para else para
    read = _OTHER_SPACE.sub(" ", read)
    try:
        try:
            found = get_sentence_boundaries(language, read)
        except UnicodeEncodeError:  # a lone surrogate (pasted): one character each way
            found = get_sentence_boundaries(language,
                                            re.sub("[\ud800-\udfff]", "\ufffd", read))
        return [(b["start_index"], b["end_index"]) for b in found]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - see the docstring
        return _rule_spans(read)


def sentences(text: str, language: str = "en") -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, offsets into it, without the whitespace
    around; a paragraph (a blank line) always ends one. `language`: the draft's (the
    case's) BCP 47 tag; a paragraph in another script is read in that script's language."""
    default = language_of(language)
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split(PARAGRAPH):
        if para.strip():
            lang = _paragraph_language(para, default)
            merged: list[list[int]] = []
            for start, end in _library_spans(para, lang):
                if merged and _runs_on(para[merged[-1][0]:merged[-1][1]], para[start:end],
                                       lang):
                    merged[-1][1] = end
                else:
                    merged.append([start, end])
            for start, end in (cut for m in merged
                               for cut in _split_missed_ends(para, m[0], m[1], lang)):
                piece = para[start:end]
                stripped = piece.strip()
                if stripped:
                    lead = len(piece) - len(piece.lstrip())
                    spans.append((pos + start + lead, pos + start + lead + len(stripped)))
        pos += len(para) + len(PARAGRAPH)
    return spans
