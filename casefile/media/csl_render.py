"""Note citations rendered as Zotero (citeproc-js) shows them, through citeproc-py.

citeproc-py's plain formatter prints Zotero's rich-text markup literally, writes CJK names
given-first, repeats an editor it has already put in the author's place, drops name
variables it does not know and always speaks en-US. Here:

- rich text (Zotero's `<i>`, `<b>`, `<sub>`, `<sup>`, small-caps and nocase spans, and the
  style's own italics) comes out as `RichText`: a `str` whose value is the plain visible
  text (what `cite`, the protection scans and the checker read), carrying its styled spans
  for the Word footnote writer;
- names in CJK scripts print family-first with no space ("김철수"), as citeproc-js does;
- apostrophes and quotation marks are typographic, in the locale's own marks;
- the case's language picks the CSL locale (`csl_locale`);
- roles citeproc-py drops (reviewed-author, container-author, director, host, …) are read
  as names, and a date range or a "raw" date prints as the locale writes it;
- nothing citeproc-py would warn about reaches it (fields it does not support are left out
  of what it is given, or mapped to what it supports).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

# -- rich text ------------------------------------------------------------------------------

# The styles a footnote run can carry.
STYLES = ("italic", "bold", "small-caps", "sub", "sup", "underline")
# Private-use characters marking where a style opens and closes while citeproc-py works on
# the text (they pass its case changes and joins untouched, and are never printed).
_OPEN = {style: chr(0xE000 + 2 * i) for i, style in enumerate(STYLES)}
_CLOSE = {style: chr(0xE001 + 2 * i) for i, style in enumerate(STYLES)}
_MARK_STYLE = {mark: style for style, mark in (*_OPEN.items(), *_CLOSE.items())}
_MARKS = frozenset(_MARK_STYLE)
# Styles that flip when nested (CSL's flip-flop: italics inside an italic title are roman).
_FLIPPING = frozenset({"italic", "bold"})


@dataclass(frozen=True)
class Span:
    """A stretch of text printed in one set of styles."""

    text: str
    styles: frozenset[str] = frozenset()


class RichText(str):
    """Plain visible text (the `str` value) with the styled spans it is printed in.

    Anything that treats it as a string sees only the visible text; string operations give
    plain `str` back, so styles never travel by accident. `restyled` carries the styles over
    to an edited copy of the text, `styled_within` onto a longer line that holds it."""

    spans: tuple[Span, ...]

    def __getnewargs__(self) -> tuple[tuple[Span, ...]]:  # type: ignore[override]
        # copy and pickle rebuild from the spans, not from the plain string
        return (self.spans,)

    def __new__(cls, spans: Iterable[Span] = ()) -> RichText:
        merged: list[Span] = []
        for span in spans:
            if not span.text:
                continue
            if merged and merged[-1].styles == span.styles:
                merged[-1] = Span(merged[-1].text + span.text, span.styles)
            else:
                merged.append(span)
        obj = super().__new__(cls, "".join(s.text for s in merged))
        obj.spans = tuple(merged)
        return obj

    @classmethod
    def plain(cls, text: str) -> RichText:
        return cls([Span(str(text))])

    @classmethod
    def from_chars(cls, text: str, styles: list[frozenset[str]]) -> RichText:
        return cls(Span(ch, st) for ch, st in zip(text, styles, strict=True))

    @property
    def is_styled(self) -> bool:
        return any(s.styles for s in self.spans)

    def char_styles(self) -> list[frozenset[str]]:
        return [s.styles for s in self.spans for _ in s.text]

    def restyled(self, text: str) -> RichText:
        """`text` (an edited copy of this text: punctuation moved, a stop dropped) with the
        styles of the characters it kept; characters added between two of the same style
        take it, others are plain."""
        old = self.char_styles()
        new: list[frozenset[str]] = [frozenset()] * len(text)
        matcher = SequenceMatcher(None, str(self), text, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
                new[b1:b2] = old[a1:a2]
            elif op in ("insert", "replace"):
                before = old[a1 - 1] if a1 > 0 else frozenset()
                after = old[a2] if a2 < len(old) else frozenset()
                new[b1:b2] = [before & after] * (b2 - b1)
        return RichText.from_chars(text, new)


def styled_within(line: str, sources: Iterable[RichText]) -> RichText:
    """`line` (a footnote line that quotes citations) with the styles of each styled
    citation in `sources` applied where that citation stands in it: its first occurrence
    (the citation heads the evidence; a quotation after it is printed as it was said, never
    with "emphasis added"). A citation is found by its text up to the end of its last
    styled span (joining a locator changes only what follows); a citation not found leaves
    the line plain there, never altered."""
    styles: list[frozenset[str]] = [frozenset()] * len(line)
    for source in sources:
        if not isinstance(source, RichText) or not source.is_styled:
            continue
        chars = source.char_styles()
        last = max(i for i, st in enumerate(chars) if st) + 1
        anchor = str(source)[:last]
        start = line.find(anchor)  # only where the citation stands: its first time in
        if start >= 0:  # the line, never again inside the quotation that follows it
            for i, st in enumerate(chars[:last]):
                styles[start + i] = styles[start + i] | st
    return RichText.from_chars(line, styles)


def from_marked(text: str) -> RichText:
    """RichText from text holding style marks (the formatter's and the input markup's).
    Italic and bold flip when nested; a mark left unclosed ends with the text."""
    depth = dict.fromkeys(STYLES, 0)
    spans: list[Span] = []
    buf: list[str] = []

    def current() -> frozenset[str]:
        return frozenset(s for s, d in depth.items()
                         if (d % 2 == 1 if s in _FLIPPING else d > 0))

    for ch in text:
        if ch == _KEEP_CASE:
            continue
        if ch not in _MARKS:
            buf.append(ch)
            continue
        spans.append(Span("".join(buf), current()))
        buf = []
        style = _MARK_STYLE[ch]
        depth[style] += 1 if ch == _OPEN[style] else -1
        depth[style] = max(depth[style], 0)
    spans.append(Span("".join(buf), current()))
    return RichText(spans)


def strip_marks(text: str) -> str:
    """`text` without style marks or nocase placeholders."""
    return "".join(ch for ch in text if ch not in _MARKS and ch not in _QUOTE_MARKERS)


def nocase_tags(text: str) -> str:
    """A nocase span's words each led by a mark no case change touches (citeproc-py's title
    case changes only a word that is all lower case, and upper-casing the mark is a no-op).
    Not citeproc-py's own nocase reading: it splits words at the span's edges and joins
    them with a space ("Telescope : How")."""
    def protect(m: re.Match[str]) -> str:
        return re.sub(r"(^|\s)(?=\S)", lambda w: w[1] + _KEEP_CASE, m[1])

    return re.sub(f"{_NOCASE_OPEN}(.*?){_NOCASE_CLOSE}", protect, text, flags=re.S).replace(
        _NOCASE_OPEN, "").replace(_NOCASE_CLOSE, "")


def keep_small_caps(text: str) -> str:
    """Words in small caps kept as typed by a title case ("<span style=…small-caps>nasa"
    is not "Nasa"), as a nocase span's are: citeproc-js leaves their case alone too."""
    open_, close = _OPEN["small-caps"], _CLOSE["small-caps"]
    if open_ not in text:
        return text

    def protect(m: re.Match[str]) -> str:
        return re.sub(rf"(^|[\s{re.escape(''.join(sorted(_MARKS)))}])(?=[^\s{open_}{close}])",
                      lambda w: w[1] + _KEEP_CASE, m[0])

    return re.sub(f"{open_}.*?{close}", protect, text, flags=re.S)


# Zotero's rich-text markup (what citeproc-js renders in titles and other text fields).
_TAG = re.compile(r"<(/?)(i|b|sub|sup|span)(\s[^<>]*)?>", re.IGNORECASE)
# A nocase span while the text is prepared (so typography cannot touch its attribute).
_NOCASE_OPEN, _NOCASE_CLOSE = "\ue020", "\ue021"
_KEEP_CASE = "\ue040"  # leads each word of a nocase span while citeproc-py works
_QUOTE_MARKERS = frozenset("\ue020\ue021\ue030\ue031\ue032\ue040")


def markup_to_marks(text: str) -> str:
    """Zotero's markup as style marks; `<span class="nocase">` as a placeholder that
    `nocase_tags` turns back for citeproc-py (its JSON reader protects such a span from case
    changes). Only tags that open and close in
    pairs are markup; a stray tag stays as typed."""
    tags = list(_TAG.finditer(text))
    if not tags:
        return text
    stack: list[tuple[int, str]] = []
    replace: dict[int, str] = {}
    for n, m in enumerate(tags):
        closing, name, attrs = m.group(1) == "/", m.group(2).lower(), (m.group(3) or "")
        if not closing:
            kind = {"i": "italic", "b": "bold", "sub": "sub", "sup": "sup"}.get(name)
            if name == "span":
                squashed = re.sub(r"\s+", "", attrs).lower()
                if "font-variant:small-caps" in squashed:
                    kind = "small-caps"
                elif "class=\"nocase\"" in squashed or "class='nocase'" in squashed:
                    kind = "nocase"
            if kind is not None:
                stack.append((n, kind))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            opened, kind = stack[depth]
            if (name == "span") == (kind in ("small-caps", "nocase")) and \
                    (name == "span" or {"i": "italic", "b": "bold"}.get(name, name) == kind):
                del stack[depth:]
                if kind == "nocase":
                    replace[opened], replace[n] = _NOCASE_OPEN, _NOCASE_CLOSE
                else:
                    replace[opened], replace[n] = _OPEN[kind], _CLOSE[kind]
                break
    out, end = [], 0
    for n, m in enumerate(tags):
        out.append(text[end:m.start()])
        out.append(replace.get(n, m.group(0)))
        end = m.end()
    out.append(text[end:])
    return "".join(out)


class MarkFormatter:
    """A citeproc-py formatter (the interface of citeproc.formatter.plain) that wraps the
    style's formatting in style marks, for `from_marked`."""

    @staticmethod
    def preformat(text: Any) -> Any:
        return text

    @staticmethod
    def _wrap(style: str, text: Any) -> str:
        return f"{_OPEN[style]}{text}{_CLOSE[style]}"

    @classmethod
    def Italic(cls, text: Any) -> str:  # noqa: N802 - citeproc-py's interface
        return cls._wrap("italic", text)

    Oblique = Italic

    @classmethod
    def Bold(cls, text: Any) -> str:  # noqa: N802
        return cls._wrap("bold", text)

    @staticmethod
    def Light(text: Any) -> str:  # noqa: N802
        return str(text)

    @classmethod
    def Underline(cls, text: Any) -> str:  # noqa: N802
        return cls._wrap("underline", text)

    @classmethod
    def Superscript(cls, text: Any) -> str:  # noqa: N802
        return cls._wrap("sup", text)

    @classmethod
    def Subscript(cls, text: Any) -> str:  # noqa: N802
        return cls._wrap("sub", text)

    @classmethod
    def SmallCaps(cls, text: Any) -> str:  # noqa: N802
        return cls._wrap("small-caps", text)


# -- locale ---------------------------------------------------------------------------------

def _citeproc_locales() -> Path:
    import citeproc

    return Path(citeproc.LOCALES_PATH)


@cache
def csl_locale(language: str) -> str:
    """The CSL locale for a case's language ("ru" -> "ru-RU", "en-GB" -> "en-GB",
    "pt_BR" -> "pt-BR"); "en-US" for an empty or unknown one."""
    import citeproc

    tag = language.strip().replace("_", "-")
    if not tag:
        return "en-US"
    parts = tag.split("-")
    parts[0] = parts[0].lower()
    parts[1:] = [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    dialect = str(citeproc.PRIMARY_DIALECTS.get(parts[0], ""))
    candidates = ["-".join(parts), dialect, parts[0]]
    for candidate in candidates:
        if candidate and _locale_file(candidate) is not None:
            return candidate
    return "en-US"


def _locale_file(locale: str) -> Path | None:
    # citeproc-py reads locales only from its own folder, which has every one a case may
    # use (en-US, en-GB, de-DE, fr-FR, ru-RU and 60 more).
    path = _citeproc_locales() / f"locales-{locale}.xml"
    return path if path.is_file() else None


@dataclass(frozen=True)
class QuoteMarks:
    """A locale's quotation marks, outer and inner."""

    open: str = "“"
    close: str = "”"
    open_inner: str = "‘"
    close_inner: str = "’"


@cache
def quote_marks(locale: str) -> QuoteMarks:
    """The locale's quotation marks (its CSL terms), “…” and ‘…’ if it names none."""
    from lxml import etree

    path = _locale_file(locale)
    if path is None:
        return QuoteMarks()
    root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    terms = {t.get("name"): t.text or "" for t in root.iterfind(".//cs:term", ns)
             if t.get("name", "").endswith("-quote") and t.get("form") is None}
    default = QuoteMarks()
    ws = " \t\r\n"  # a no-break space in a term is the locale's: « Titre »
    return QuoteMarks(terms.get("open-quote", default.open).strip(ws),
                      terms.get("close-quote", default.close).strip(ws),
                      terms.get("open-inner-quote", default.open_inner).strip(ws),
                      terms.get("close-inner-quote", default.close_inner).strip(ws))


# -- typography -----------------------------------------------------------------------------

_WORD_CHAR = r"[^\W_]"
# A quotation typed in a field ("…", '…' or “…”) while citeproc-py works: printed in the
# locale's outer marks, or its inner ones inside a quotation the style adds (`resolve_quotes`).
_QOPEN, _QCLOSE = "\ue030", "\ue031"
_QOPEN_SINGLE = "\ue032"  # one typed in curly single marks: single at the top level


def quotes_to_markers(text: str) -> str:
    """A field's typed quotations as quotation markers, and every other straight apostrophe
    as ’ ("d’Orsay", "States’", "’90s")."""
    if not any(q in text for q in "'\"“‘"):
        return text
    text = re.sub(r'"([^"]+)"', lambda m: f"{_QOPEN}{m[1]}{_QCLOSE}", text)
    text = re.sub(r"“([^“”]*)”", lambda m: f"{_QOPEN}{m[1]}{_QCLOSE}", text)

    def single(m: re.Match[str]) -> str:
        if re.fullmatch(r"[a-z]{1,2}", m[2]):  # "rock ’n’ roll", "’s": apostrophes
            return f"’{m[2]}’"
        opening = _QOPEN if m[1] == "'" else _QOPEN_SINGLE
        return f"{opening}{m[2]}{_QCLOSE}"

    # single quotes (typed straight or curly) that open after a space/start and close
    # before a space/end/punctuation; a ’ inside before a letter is an apostrophe ("don’t")
    text = re.sub(rf"(?<!{_WORD_CHAR})(['‘])((?:(?!['‘’](?!{_WORD_CHAR})|‘).)*?"
                  rf"{_WORD_CHAR}[.?!]?)['’](?!{_WORD_CHAR})", single, text)
    return text.replace("'", "’")


def resolve_quotes(text: str, marks: QuoteMarks) -> str:
    """Quotation markers as the locale's marks, as citeproc-js flip-flops them: a quotation
    inside another (the style's own, in the locale's outer marks, or a typed one) takes the
    other kind of marks; one at the top level takes the outer marks, or the inner ones if
    it was typed in curly single marks (‘Parmenides’ stays single in an italic title)."""
    if _QOPEN not in text and _QCLOSE not in text and _QOPEN_SINGLE not in text:
        return text
    out: list[str] = []
    inner: list[bool] = []  # the open quotations, each printed in inner marks or not
    outer_open, outer_close = marks.open.strip()[:1], marks.close.strip()[-1:]
    for ch in text:
        if ch in (_QOPEN, _QOPEN_SINGLE):
            kind = (not inner[-1]) if inner else ch == _QOPEN_SINGLE
            inner.append(kind)
            out.append(marks.open_inner if kind else marks.open)
        elif ch == _QCLOSE:
            kind = inner.pop() if inner else False
            out.append(marks.close_inner if kind else marks.close)
        else:
            if outer_open != outer_close and ch == outer_open:
                inner.append(False)
            elif outer_open != outer_close and ch == outer_close and inner:
                inner.pop()
            out.append(ch)
    return "".join(out)


def squash_spaces(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space; a no-break space is kept."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


# -- names ----------------------------------------------------------------------------------

# CSL 1.0.2's name variables that citeproc-py 0.11 does not know (it warns and drops them).
MORE_NAME_VARIABLES = ("reviewed_author", "director", "host", "guest", "chair", "compiler",
                       "contributor", "curator", "executive_producer", "narrator",
                       "organizer", "performer", "producer", "script_writer",
                       "series_creator")
# A creator Zotero's older mapping printed as the author when a style has no place for the
# role (a film's director, a podcast's host, a song's composer), in this order.
AS_AUTHOR = ("director", "host", "composer", "script-writer", "performer", "organizer",
             "curator", "chair", "compiler", "producer", "executive-producer", "narrator",
             "series-creator", "guest", "contributor")
_NAME_KEYS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix",
              "literal")


def teach_citeproc_names() -> None:
    """Make citeproc-py read CSL 1.0.2's other name variables as names (its own list is
    CSL 1.0's): a style that uses "reviewed-author" then prints it.

    This patches citeproc-py's module globals (`citeproc.NAMES`, `citeproc.VARIABLES`,
    which its JSON reader shares) at run time, once per process: idempotent, and checked
    on every call, since a later citeproc-py may copy the lists instead."""
    import citeproc
    import citeproc.source as source

    for name in MORE_NAME_VARIABLES:
        if name not in citeproc.NAMES:
            citeproc.NAMES.append(name)
        if name not in citeproc.VARIABLES:
            citeproc.VARIABLES.append(name)
    if source.VARIABLES is not citeproc.VARIABLES:
        raise RuntimeError("citeproc-py's JSON reader no longer shares citeproc.VARIABLES: "
                           "casefile.media.csl_render.teach_citeproc_names needs updating")


def _is_cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK ", "HANGUL", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"))


def is_cjk_name(name: dict[str, Any]) -> bool:
    """A name written in Han, Hangul or kana with no Latin letters: printed family-first
    with no space between family and given names."""
    text = "".join(str(name.get(k) or "") for k in ("family", "given"))
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_is_cjk(ch) for ch in letters)


def citeproc_name(name: Any) -> dict[str, Any] | None:
    """One CSL name as citeproc-py takes it: only the parts it supports, a CJK name as the
    literal "김철수", a name with nothing in it left out."""
    if not isinstance(name, dict):
        return None
    parts = {k: squash_spaces(str(name[k])).replace("'", "’") for k in _NAME_KEYS
             if isinstance(name.get(k), str | int) and str(name[k]).strip()}
    if not parts:
        return None
    if "literal" in parts:
        return {"literal": parts["literal"]}
    if is_cjk_name(parts):
        return {"literal": f"{parts.get('family', '')}{parts.get('given', '')}"}
    if "family" not in parts:  # "Banksy": a given name alone is never initialised
        return {"literal": " ".join(parts[k] for k in ("given", "suffix") if k in parts)}
    given = parts.get("given", "")
    comma = name.get("comma-suffix") is True
    if "," in given and "suffix" not in parts:  # "John, III" (and Zotero's "John,! Jr.")
        given, suffix = given.split(",", 1)
        comma = comma or suffix.startswith("!")
        parts.update(given=given.strip(), suffix=suffix.strip(" !"))
        if not parts["given"]:
            del parts["given"]
    if comma and parts.get("suffix"):  # "John Doe, Jr." (the space before it is tidied)
        parts["suffix"] = ", " + parts["suffix"]
    particle = parts.get("non-dropping-particle", "")
    if particle.endswith("’"):  # "d’Jones", with no space after the apostrophe
        parts["family"] = particle + parts.pop("family")
        del parts["non-dropping-particle"]
    return parts


def names_text(names: list[dict[str, Any]]) -> list[str]:
    """Each name as the long form of a note writes it ("Ann Smith", "김철수")."""
    out = []
    for name in names:
        if "literal" in name:
            out.append(str(name["literal"]))
        else:
            given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if k in name)
            family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family")
                              if k in name)
            out.append(" ".join(p for p in (given, family, name.get("suffix", "")) if p))
    return out


# The words joining two roles in a locale's combined term ("ed. and trans.", "hg. & übers.")
_ROLE_JOINS = frozenset({"and", "&", "und", "et", "y", "e", "i", "и", "en", "och", "og"})


def drop_repeated_names(text: str, names: list[str]) -> str:
    """`text` without a role phrase (", ed. Ann Smith", ", trans. Louise Maude") repeating
    the whole list of names the note already printed in the author's place: citeproc-py
    does not suppress a variable it substituted for the author, so "Ann Smith, ed., War and
    Peace, ed. Ann Smith" printed the editor twice. Names match whole ("Ann Smith" is not
    found in "JoAnn Smith"), and only the whole list: a translator list that merely shares
    a name with the editors is another credit and stays. A combined phrase ("ed. and
    trans. John Doe", "hg. & übers. von …") keeps its last role, the translation credit,
    as citeproc-js prints it ("John Doe, ed., trans. John Doe")."""
    if not names:
        return text
    # the names as a list is printed: "A", "A and B", "A, B, and C" (any locale's "and")
    sep = r"(?:,\s+(?:[^\W\d]+\s+)?|\s+(?:[^\W\d]+|&)\s+)"
    who = r"(?<!\w)" + sep.join(re.escape(n) for n in names) + r"(?!\w)"
    first = re.search(who, text)
    if first is None:
        return text
    # the role's term before the names: lower-case words or abbreviations ("ed.", "trans.",
    # "edited by", "Hrsg. v."), never a name (which would make the list a longer one)
    later = re.compile(rf"(?:,|\.)\s+((?:(?:[^\W\d]+\.?|&)\s){{1,5}}){who}(?=[,.;)\s]|$)")
    for m in later.finditer(text, first.end()):
        words = m[1].split()
        if all(w.islower() or w.endswith(".") or w == "&" for w in words):
            joins = [i for i, w in enumerate(words[1:-1], 1) if w in _ROLE_JOINS]
            if joins:  # "ed. and trans.": the editors said once, the translation kept
                return text[:m.start(1)] + " ".join(words[joins[0] + 1:]) + " " + \
                    text[m.end(1):]
            return text[:m.start()] + text[m.end():]
    return text


# -- rendering ------------------------------------------------------------------------------

# Fields printed as they are: identifiers, links and codes are never "made typographic".
_VERBATIM = frozenset({"id", "type", "language", "URL", "DOI", "ISBN", "ISSN", "PMID",
                       "PMCID", "citation-key", "call-number", "number", "page", "volume",
                       "issue", "locator"})
# Zotero fields citeproc-py knows under another CSL name.
_RENAMED = {"event-title": "event"}
_STYLE_CACHE: dict[tuple[str, str], Any] = {}


def style_path(style: str) -> Path:
    """A style shipped in resources/csl by its file name, or any CSL file by its path."""
    from casefile.resources import resource_path

    path = Path(style)
    return path if path.is_absolute() else Path(resource_path("csl", style))


@cache
def style_variables(style: str) -> frozenset[str]:
    """Every variable the style's XML mentions (to know where it has a place for a role)."""
    text = style_path(style).read_text(encoding="utf-8")
    return frozenset(v for m in re.finditer(r'variable="([^"]+)"', text) for v in m[1].split())


def _style(style: str, locale: str) -> Any:
    from citeproc import CitationStylesStyle

    key = (style, locale)
    if key not in _STYLE_CACHE:  # parsing the style is most of the cost of one citation
        teach_citeproc_names()
        _STYLE_CACHE[key] = CitationStylesStyle(str(style_path(style)), locale=locale,
                                                validate=False)
    return _STYLE_CACHE[key]


@dataclass(frozen=True)
class NoteRules:
    """What the note rules of casefile.media.csl give the renderer: that module builds on
    this one, so it passes them in (no import cycle)."""

    name_variables: tuple[str, ...]
    unquoted_title_types: frozenset[str]
    italic_title_types: frozenset[str]
    legal_types: frozenset[str]
    without_blanks: Callable[[dict[str, Any]], dict[str, Any]]
    drop_note_stop: Callable[[str], str]
    legal_note: Callable[[dict[str, Any], str], str]
    tidy_punctuation: Callable[..., str]


def citeproc_item(item: dict[str, Any], style: str, rules: NoteRules, locale: str = "en-US"
                  ) -> dict[str, Any]:
    """The CSL item as citeproc-py should be given it: only variables it supports (so it has
    nothing to warn about), names it can print (CJK names family-first), a role the style
    has no place for as the author (Zotero's older mapping), text fields with rich-text
    marks and typographic quotation marks, and the title prepared as the style prints it."""
    import citeproc

    teach_citeproc_names()
    known = {v.replace("_", "-") for v in citeproc.VARIABLES} | {"type"}
    src = rules.without_blanks(item)
    for old, new in _RENAMED.items():
        if old in src and new not in src:
            src[new] = src.pop(old)
    out: dict[str, Any] = {"id": "item", "type": "document"}  # citeproc-py needs a type
    for key, value in src.items():
        if key == "id" or key not in known:
            continue
        if key in rules.name_variables:
            names = [n for n in (citeproc_name(v) for v in value
                                 if isinstance(value, list)) if n] \
                if isinstance(value, list) else []
            if names:
                out[key] = names
            continue
        out[key] = value
    for key in _DATE_VARIABLES:
        if key in out:
            date = prepared_date(out[key], locale, ranges=localized_dates(style))
            if date is None:  # nothing in it citeproc-py could print
                del out[key]
            else:
                out[key] = date
    if "author" not in out:
        used = style_variables(style)
        for role in AS_AUTHOR:
            if role in out and role not in used:
                out["author"] = out.pop(role)
                break
    ctype = out.get("type")
    if ctype == "article-newspaper" and "container-title" not in out and "publisher" in out:
        # The style prints no publisher for a newspaper article: the paper is its container.
        out["container-title"] = out.pop("publisher")
    quoted = ctype not in rules.unquoted_title_types and "reviewed-author" not in out
    for key, value in list(out.items()):
        if isinstance(value, str) and key not in _VERBATIM:
            out[key] = keep_small_caps(quotes_to_markers(markup_to_marks(
                squash_spaces(value))))
    if isinstance(out.get("title"), str):
        english = str(out.get("language", "en")).lower().startswith("en")
        title_case = english and (quoted or ctype in rules.italic_title_types)
        out["title"] = prepared_title(out["title"], title_case, rules.drop_note_stop)
    for key, value in out.items():
        if isinstance(value, str):
            out[key] = nocase_tags(value)
    return out


# Words a title case leaves in lower case inside a title: citeproc-js's list (Zotero's),
# which has every preposition (Chicago lowercases them all) and particles ("de", "von").
_STOP_WORDS = frozenset("""
    about above across afore after against along alongside amid amidst among amongst anenst
    apropos apud around as aside astride at athwart atop barring before behind below beneath
    beside besides between beyond but by circa despite down during except for forenenst from
    given in inside into lest like modulo near next notwithstanding of off on onto out over
    per plus pro qua sans since than through thru throughout thruout till to toward towards
    under underneath until unto up upon versus vs. v. vis-à-vis via vis-a-vis with within
    without where or yet so and nor a an the de d' d’ von van c et ca""".split())  # noqa: SIM905
_LEADING = "‘“\"'«„‚" + _QOPEN + _QOPEN_SINGLE + "".join(sorted(_MARKS))


def hyphenated(m: re.Match[str]) -> str:
    """A hyphenated compound in title case as Chicago and citeproc-js write it: its first
    part and every later one but a stop word capitalised ("Out-of-Fashion"); citeproc-py
    capitalises the first part alone."""
    first, *rest = m[0].split("-")
    return "-".join([first[:1].upper() + first[1:],
                     *(p if p in _STOP_WORDS else p[:1].upper() + p[1:] for p in rest)])


def prepared_title(text: str, title_case: bool, drop_note_stop: Callable[[str], str]
                   ) -> str:
    """A title as the style should receive it: its own final full stop dropped (the style
    punctuates after it); when the style title-cases it, the first letter of a word that
    starts with a quotation mark or a style mark capitalised (citeproc-py's title case
    skips such a word), unless it is a stop word inside the title."""
    plain_end = strip_marks(text)
    if plain_end != drop_note_stop(plain_end):  # the stop may sit before a closing mark
        i = max(i for i, ch in enumerate(text) if ch == ".")
        text = text[:i] + text[i + 1:]
    if title_case:
        pattern = rf"(^|\s)([{re.escape(_LEADING)}]+)([a-z])(\w*)"

        def upper(m: re.Match[str]) -> str:
            word = m[3] + m[4]
            if m.start() > 0 and word in _STOP_WORDS:
                return m[0]
            return m[1] + m[2] + m[3].upper() + m[4]

        text = re.sub(pattern, upper, text)
        text = re.sub(r"(?<![\w’'\-])[A-Za-z][a-z]*(?:-[a-z]+)+(?![\w’'\-])", hyphenated, text)
    if not title_case:
        return text
    # a stop word inside the title is never capitalised (citeproc-py's list is shorter)
    return re.sub(r"(?<=[^\s:.?!—–] )([a-z][\w’'.-]*)(?=\s)",
                  lambda m: _KEEP_CASE + m[1] if m[1] in _STOP_WORDS else m[1], text)


def render_citation(item: dict[str, Any], style: str, locale: str, rules: NoteRules
                    ) -> RichText:
    """A note citation for one CSL item (see csl.format_citation), as RichText."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    tidy_punctuation = rules.tidy_punctuation
    if item.get("type") in rules.legal_types:
        prepared = {k: quotes_to_markers(markup_to_marks(v))
                    if isinstance(v, str) and k not in _VERBATIM else v
                    for k, v in item.items()}
        note = resolve_quotes(rules.legal_note(prepared, locale), quote_marks(locale))
        rich = from_marked(strip_nocase(note))
        in_quote = punctuation_in_quote(style, locale)
        return rich.restyled(tidy_punctuation(str(rich), locale, in_quote=in_quote))
    csl_item = citeproc_item(item, style, rules, locale)
    source = CiteProcJSON([csl_item])
    for reference in source.values():  # citeproc-py looks hyphenated name roles up as typed
        for key in [k for k in reference if "_" in k and isinstance(reference[k], list)]:
            reference[key.replace("_", "-")] = reference[key]
    bib = CitationStylesBibliography(_style(style, locale), source, MarkFormatter)
    citation = Citation([CitationItem("item")])
    bib.register(citation)
    rich = from_marked(resolve_quotes(str(bib.cite(citation, lambda _item: None)),
                                      quote_marks(locale)))
    text = str(rich)
    if "author" not in csl_item:  # the editor (else translator) in the author's place is
        for role in ("editor", "translator"):  # not repeated; only that role was substituted
            names = csl_item.get(role)
            if isinstance(names, list) and names:
                text = drop_repeated_names(text, names_text(names))
                break
    text = genitive_dates(text, locale)
    in_quote = punctuation_in_quote(style, locale)
    return rich.restyled(tidy_punctuation(text, locale, in_quote=in_quote))


@cache
def punctuation_in_quote(style: str, locale: str) -> bool:
    """Whether commas and full stops go inside closing quotation marks: the style's own
    locale option for the language if it sets one, else the locale's (CSL's rule)."""
    from lxml import etree

    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    lang = locale.split("-")[0]
    root = etree.parse(str(style_path(style)), parser).getroot()
    for loc in root.iterfind("cs:locale", ns):
        tag = loc.get("{http://www.w3.org/XML/1998/namespace}lang", "")
        option = loc.find("cs:style-options", ns)
        if tag in ("", lang, locale) and option is not None and \
                option.get("punctuation-in-quote") is not None:
            return bool(option.get("punctuation-in-quote") == "true")
    path = _locale_file(locale)
    if path is not None:
        option = etree.parse(str(path), parser).getroot().find("cs:style-options", ns)
        if option is not None and option.get("punctuation-in-quote") is not None:
            return bool(option.get("punctuation-in-quote") == "true")
    return False


def strip_nocase(text: str) -> str:
    """`text` without nocase placeholders (a legal note does no case changes)."""
    return text.replace(_NOCASE_OPEN, "").replace(_NOCASE_CLOSE, "")


def case_locale(session: Any) -> str:
    """The CSL locale of the case open in `session`: from its language (CaseInfo)."""
    from sqlalchemy import select

    from casefile.models import CaseInfo

    language = session.scalars(select(CaseInfo.language)).first()
    return csl_locale(language or "")


# -- dates ----------------------------------------------------------------------------------

_DATE_VARIABLES = ("issued", "accessed", "original-date", "event-date", "submitted",
                   "available-date")
_RAW_DATE = re.compile(r"(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class DateForm:
    """A locale's text date form: its parts in order with their affixes, and its terms."""

    parts: tuple[tuple[str, str, str, str], ...]  # (name, form, prefix, suffix)
    months: tuple[str, ...]
    ordinal: str


@cache
def date_form(locale: str) -> DateForm:
    """The locale's `<date form="text">` (en-US: "August 10, 2003"; de-DE: "10. August
    2003"; ru-RU: "10 август 2003 г.")."""
    from lxml import etree

    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    path = _locale_file(locale) or _locale_file("en-US")
    assert path is not None
    root = etree.parse(str(path), etree.XMLParser(no_network=True)).getroot()
    form = root.find("cs:date[@form='text']", ns)
    parts = tuple((p.get("name", ""), p.get("form", ""), p.get("prefix", ""),
                   p.get("suffix", "")) for p in (form if form is not None else []))
    terms = {t.get("name"): t.text or "" for t in root.iterfind(".//cs:term", ns)
             if t.get("form") is None and t.get("gender-form") is None}
    months = tuple(terms.get(f"month-{m:02d}", str(m)) for m in range(1, 13))
    return DateForm(parts, months, terms.get("ordinal", ""))


def _date_parts(parts: Any) -> dict[str, int] | None:
    if not isinstance(parts, list) or not parts:
        return None
    out: dict[str, int] = {}
    for name, value in zip(("year", "month", "day"), parts, strict=False):
        try:
            out[name] = int(value)
        except (TypeError, ValueError, OverflowError):
            return out or None
    if not 1 <= out.get("month", 1) <= 12:
        out.pop("month", None)
        out.pop("day", None)
    return out


def _render_date(form: DateForm, date: dict[str, int], names: list[str]) -> str:
    pieces = []
    for name, part_form, prefix, suffix in form.parts:
        if name not in names or name not in date:
            continue
        if name == "month":
            text = form.months[date["month"] - 1]
        elif name == "day":
            text = f"{date['day']}{form.ordinal if part_form == 'ordinal' else ''}"
        else:
            text = str(date["year"])
        pieces.append((prefix + text, suffix))
    # the last part's suffix stays only if it ends the form (ru-RU's year: "2003 г."), not
    # the join to what a shortened date left out ("August 10, " of "August 10, 2003")
    last_of_form = form.parts[-1][0] if form.parts else ""
    return "".join(p + (s if i < len(pieces) - 1 or names[-1:] == [last_of_form] else "")
                   for i, (p, s) in enumerate(pieces))


# Month names after a day number, where the language puts them in the genitive ("21
# сентября 2026 г.") and its CSL locale has only the nominative ("сентябрь 2026 г.", right
# for a month and year alone): CSL 1.0.2 has no grammatical case for month terms, so
# citeproc-js prints the same nominative.
_GENITIVE_MONTHS = {
    "ru": dict(zip(
        ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
         "октябрь", "ноябрь", "декабрь"),
        ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
         "октября", "ноября", "декабря"), strict=True)),
    "uk": dict(zip(
        ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень",
         "вересень", "жовтень", "листопад", "грудень"),
        ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
         "вересня", "жовтня", "листопада", "грудня"), strict=True)),
}


def genitive_dates(text: str, locale: str) -> str:
    """`text` with a month named right after a day number ("21 сентябрь", "10–23 август")
    in the genitive, for a language that needs it; any other text as it was."""
    months = _GENITIVE_MONTHS.get(locale.split("-")[0].lower())
    if not months:
        return text
    pattern = r"(?<![\w.])(\d{1,2}\.?(?:\s*[–-]\s*\d{1,2}\.?)?[ \u00a0])(" + \
        "|".join(months) + r")(?!\w)"
    return re.sub(pattern, lambda m: m[1] + months[m[2]], text)


def range_text(begin: dict[str, int], end: dict[str, int], locale: str) -> str:
    """A date range as the locale writes it, the parts both ends share said once: "August
    10–23, 2003", "10.–23. August 2003", "August–October 2003", "1987–2003"."""
    form = date_form(locale)
    order = [p[0] for p in form.parts if p[0] in begin or p[0] in end]
    shared = set()
    for name in ("year", "month"):
        if name in begin and begin.get(name) == end.get(name):
            shared.add(name)
        else:
            break
    first = [n for n in order if n in begin]
    second = [n for n in order if n in end]
    while first and first[-1] in shared:  # a shared year (month) at the end: said once
        first.pop()
    while second and second[0] in shared and len(second) > 1:  # a shared head: once
        second.pop(0)
    text = f"{_render_date(form, begin, first)}–{_render_date(form, end, second)}"
    return text


@cache
def localized_dates(style: str) -> bool:
    """Whether the style writes its dates in the locale's forms (`<date form="text">`, or
    just a year), as the Chicago style does; one that lays out its own date parts has its
    ranges rendered by citeproc-py, which gets those right."""
    from lxml import etree

    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    root = etree.parse(str(style_path(style)), etree.XMLParser(no_network=True)).getroot()
    for date in root.iterfind(".//cs:date", ns):
        if date.get("form") is None and date.get("variable") is not None and any(
                p.get("name") != "year" for p in date.iterfind("cs:date-part", ns)):
            return False
    return True


def clean_date_parts(parts: Any) -> list[list[int]] | None:
    """CSL date-parts as citeproc-py can render them (one or two dates of one to three
    whole numbers; "2003" read as 2003), or None for anything else ([["abc"]], [2003])."""
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        return None
    out: list[list[int]] = []
    for date in parts:
        if not isinstance(date, list) or not 1 <= len(date) <= 3:
            return None
        numbers: list[int] = []
        for part in date:
            if isinstance(part, bool):
                return None
            if isinstance(part, str) and re.fullmatch(r"-?\d{1,6}", part.strip()):
                part = int(part)
            if not isinstance(part, int) or abs(part) > 999_999:
                return None
            numbers.append(part)
        out.append(numbers)
    return out


def prepared_date(value: Any, locale: str, *, ranges: bool = True) -> Any:
    """A CSL date citeproc-py renders right (None if nothing in it can be printed):
    date-parts only as whole numbers (others give way to the date's typed text), a "raw"
    one read as its parts ("2003-05", "1987/2003") or else printed as typed; with
    `ranges`, a range as the locale's text (citeproc-py prints a localized one as "10,–23,
    August 2003", or leaves it out)."""
    if isinstance(value, str):  # a date typed as text where CSL wants an object
        value = {"raw": value}
    if not isinstance(value, dict):
        return None
    value = {k: v for k, v in value.items()  # a typed text that is not text is not kept
             if k not in ("literal", "raw") or (isinstance(v, str) and v.strip())}
    if not any(k in value for k in ("date-parts", "literal", "raw")):
        return None
    parts = value.get("date-parts")
    if parts is not None:
        parts = clean_date_parts(parts)
        if parts is None:  # parts citeproc-py cannot render ([["abc"]]): the typed text
            rest = {k: v for k, v in value.items() if k != "date-parts"}
            literal = rest.get("literal") or rest.get("raw")
            return {"literal": squash_spaces(literal)} if isinstance(literal, str) and \
                literal.strip() else None
        value = value | {"date-parts": parts}
    if not parts and isinstance(value.get("raw"), str) and not value.get("literal"):
        raw = value["raw"].strip()
        ends = [_RAW_DATE.fullmatch(p.strip()) for p in raw.split("/")]
        if raw and all(ends) and len(ends) <= 2:
            parts = [[int(g) for g in m.groups() if g] for m in ends if m]
            value = {k: v for k, v in value.items() if k != "raw"} | {"date-parts": parts}
        else:
            return {"literal": raw} if raw else value
    if isinstance(parts, list) and len(parts) == 2 and ranges:
        begin, end = _date_parts(parts[0]), _date_parts(parts[1])
        if begin and end and begin != end:
            return {"literal": range_text(begin, end, locale)}
        if begin:
            return {k: v for k, v in value.items() if k != "date-parts"} | {
                "date-parts": [parts[0]]}
    return value
