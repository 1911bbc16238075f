"""BibTeX/BibLaTeX to and from CSL-JSON items, through bibtexparser (v2 API) and pylatexenc.

The mapping follows the CSL variables Zotero's own BibTeX translator uses (zotero/translators,
BibTeX.js), so a `.bib` from Zotero or Better BibTeX imports like its CSL-JSON twin. LaTeX is
decoded to Unicode; italics, bold, super/subscript and small caps in titles become CSL rich text
(`<i>…</i>`), the markup Zotero itself writes; braces that protect case are dropped, and a name
wholly in braces (`{World Health Organization}`) is one literal name. As in Zotero, `note` is
the item's own Extra (CSL "note") and `annote`/`annotation`/`comment` the user's notes (CSL
"annote": Casefile's private notes, withheld from every default export)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from casefile.media.reference_items import problem_item

# BibTeX/BibLaTeX entry type -> CSL type (Zotero's BibTeX.js, with BibLaTeX's own types).
BIB_TO_CSL = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "collection": "book", "mvcollection": "book",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "manual": "report", "techreport": "report", "report": "report",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
    "unpublished": "manuscript", "misc": "document", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "dataset": "dataset", "patent": "patent",
    "jurisdiction": "legal_case", "legislation": "legislation", "legal": "legislation",
    "letter": "personal_communication", "software": "software", "video": "motion_picture",
    "movie": "motion_picture", "audio": "song", "music": "song", "artwork": "graphic",
    "image": "graphic", "standard": "standard", "periodical": "periodical",
    "inreference": "entry-encyclopedia", "reference": "book", "review": "review",
    "performance": "performance", "map": "map",
}
# entrysubtype (BibLaTeX; what Better BibTeX writes for newspaper and magazine articles).
_SUBTYPES = {("article", "newspaper"): "article-newspaper",
             ("article", "magazine"): "article-magazine",
             ("online", "blog"): "post-weblog", ("misc", "treaty"): "treaty",
             ("legislation", "bill"): "bill", ("legislation", "treaty"): "treaty"}
# CSL type -> (entry type, entrysubtype) for export; BibLaTeX types where BibTeX has none.
CSL_TO_BIB: dict[str, tuple[str, str]] = {
    "article-journal": ("article", ""), "article": ("article", ""),
    "article-newspaper": ("article", "newspaper"), "article-magazine": ("article", "magazine"),
    "book": ("book", ""), "pamphlet": ("booklet", ""), "chapter": ("incollection", ""),
    "paper-conference": ("inproceedings", ""), "report": ("report", ""),
    "thesis": ("thesis", ""), "manuscript": ("unpublished", ""), "document": ("misc", ""),
    "webpage": ("online", ""), "post-weblog": ("online", "blog"), "post": ("online", ""),
    "dataset": ("dataset", ""), "patent": ("patent", ""), "legal_case": ("jurisdiction", ""),
    "legislation": ("legislation", ""), "bill": ("legislation", "bill"),
    "treaty": ("misc", "treaty"), "personal_communication": ("letter", ""),
    "letter": ("letter", ""), "software": ("software", ""), "motion_picture": ("video", ""),
    "song": ("audio", ""), "graphic": ("artwork", ""), "standard": ("standard", ""),
    "periodical": ("periodical", ""), "entry-encyclopedia": ("inreference", ""),
    "entry-dictionary": ("inreference", ""), "review": ("review", ""), "map": ("map", ""),
}
_LEGAL_TYPES = frozenset({"legal_case", "legislation", "bill", "treaty"})
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator",
                "bookauthor": "container-author", "director": "director"}
# Plain text fields: bib field -> CSL variable (first one present wins).
_TEXT_FIELDS = (
    ("publisher", "publisher"), ("institution", "publisher"), ("school", "publisher"),
    ("organization", "publisher"), ("address", "publisher-place"),
    ("location", "publisher-place"), ("volume", "volume"), ("edition", "edition"),
    ("chapter", "chapter-number"), ("type", "genre"), ("isbn", "ISBN"), ("issn", "ISSN"),
    ("abstract", "abstract"), ("keywords", "keyword"), ("language", "language"),
    ("langid", "language"), ("note", "note"), ("annote", "annote"),
    ("annotation", "annote"), ("comment", "annote"), ("review", "annote"),
    ("howpublished", "medium"), ("eventtitle", "event-title"), ("venue", "event-place"),
    ("shorttitle", "title-short"), ("journalsubtitle", "_container-subtitle"),
)
_RICH = (  # LaTeX markup -> CSL rich text
    (("textit", "emph", "textsl", "mkbibemph", "mkbibitalic"), "<i>", "</i>"),
    (("textbf", "mkbibbold"), "<b>", "</b>"),
    (("enquote", "mkbibquote"), "“", "”"),
    (("textsuperscript",), "<sup>", "</sup>"),
    (("textsubscript",), "<sub>", "</sub>"),
    (("textsc",), '<span style="font-variant:small-caps;">', "</span>"),
)
_SWITCHES = {"em": ("<i>", "</i>"), "it": ("<i>", "</i>"), "itshape": ("<i>", "</i>"),
             "sl": ("<i>", "</i>"), "bf": ("<b>", "</b>"), "bfseries": ("<b>", "</b>"),
             "sc": ('<span style="font-variant:small-caps;">', "</span>"),
             "scshape": ('<span style="font-variant:small-caps;">', "</span>")}


_ASIDE = ((r"\textasciicircum{}", "\ue001"), (r"\textasciitilde{}", "\ue002"),
          (r"\textbackslash{}", "\ue003"), ("\\#", "\ue000"), ("#", "\ue000"),
          (r"\^{}", "\ue001"), (r"\~{}", "\ue002"))
_BACK = (("\ue000", "#"), ("\ue001", "^"), ("\ue002", "~"), ("\ue003", "\\"))


def _latex_decoder() -> Callable[[str], str]:
    from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]
    from pylatexenc.latexwalker import (  # type: ignore[import-untyped]
        get_default_latex_context_db,
    )

    converter = LatexNodes2Text(math_mode="text", keep_braced_groups=False)
    context = get_default_latex_context_db()  # built once: most of the cost of a call
    # Text with no macro, math, escape or tie: only braces and dashes to undo, done here as
    # pylatexenc does them (it takes ~5 ms for a long title; a file has thousands).
    simple = re.compile(r"[^\\$~`^_%#]*")

    def decode(text: str) -> str:
        if simple.fullmatch(text) and "''" not in text:
            # dashes before braces: "-{}-" is how a literal "--" is written (TeX's rule)
            text = text.replace("---", "\u2014").replace("--", "\u2013")
            text = text.replace("{", "").replace("}", "")
            return re.sub(r"[\s\xa0]+", " ", text).strip()
        # pylatexenc reads "#1" as a macro parameter and drops it, and makes \textasciicircum
        # a modifier letter: these go aside as private-use characters and come back as typed.
        for latex, char in _ASIDE:
            text = text.replace(latex, char)
        out = converter.latex_to_text(text, latex_context=context)
        for char, typed in _BACK:
            out = out.replace(char, typed)
        return re.sub(r"[\s\xa0]+", " ", out).strip()

    return decode


_decode_latex = _latex_decoder()


def _closing_brace(text: str, start: int) -> int:
    """Index of the '}' matching the '{' at `start`, or -1 if it never closes."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


_COMMAND = re.compile(r"\\([A-Za-z]+)\s*\{")
_SWITCH = re.compile(r"\{\\([A-Za-z]+)\b\s*")
_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
_SCRIPT = re.compile(r"([_^])(?:\{((?:[^{}]|\{[^{}]*\})*)\}|(\\[A-Za-z]+|[^\s{}$\\]))")


def _math_scripts(text: str) -> str:
    """Sub- and superscripts in inline math (`Cu$_2$O`, `$4^{\\textrm{ème}}$`) as <sub>/<sup>;
    the rest of the math is left to the LaTeX decoder."""
    def scripts(m: re.Match[str]) -> str:
        tag = "sub" if m.group(1) == "_" else "sup"
        return f"<{tag}>{m.group(2) if m.group(2) is not None else m.group(3)}</{tag}>"

    return _MATH.sub(lambda m: "$" + _SCRIPT.sub(scripts, m.group(1)) + "$", text)


MAX_NESTING = 100  # LaTeX commands inside one another, more than any real title has


class NestingError(ValueError):
    """A field's LaTeX commands are nested deeper than MAX_NESTING (a crafted file)."""


def _rich_markup(text: str, depth: int = 0) -> str:
    """`\\textit{X}`, `{\\em X}` and their kin as CSL rich text tags around X (X itself still
    LaTeX, decoded after)."""
    if "\\" not in text and "$" not in text:
        return text
    if depth > MAX_NESTING:
        raise NestingError(f"LaTeX nested too deeply (more than {MAX_NESTING} levels of "
                           "commands inside one another)")
    text = _math_scripts(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] not in "\\{":
            out.append(text[i])
            i += 1
            continue
        m = _COMMAND.match(text, i)
        if m:
            tags = next(((o, c) for names, o, c in _RICH if m.group(1) in names), None)
            end = _closing_brace(text, m.end() - 1)
            if tags and end > 0:
                out += [tags[0], _rich_markup(text[m.end():end], depth + 1), tags[1]]
                i = end + 1
                continue
        m = _SWITCH.match(text, i)
        if m and m.group(1) in _SWITCHES:
            end = _closing_brace(text, i)
            if end > 0:
                o, c = _SWITCHES[m.group(1)]
                out += [o, _rich_markup(text[m.end():end], depth + 1), c]
                i = end + 1
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _rich_text(text: str) -> str:
    return _decode_latex(_rich_markup(text)).replace("<i></i>", "")


def _plain(text: str) -> str:
    return _decode_latex(text)


_MULTILINE = frozenset({"note", "annote", "abstract"})


def _paragraphs(text: str) -> str:
    """A note or abstract: LaTeX decoded line by line, so its line breaks stay."""
    return "\n".join(_plain(line) for line in text.strip().splitlines() if line.strip())


def _raw(text: str) -> str:
    """A URL or DOI: only LaTeX escapes undone (no other decoding: `--` stays `--`)."""
    text = re.sub(r"\\url\{(.*)\}", r"\1", text.strip())
    return re.sub(r"\\([%_&#$~])", r"\1", text).replace("{", "").replace("}", "").strip()


def _names(value: str) -> list[dict[str, str]]:
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    people: list[dict[str, str]] = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw or raw == "others":
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        if not parts.first and not parts.von and not parts.jr and len(parts.last) == 1 \
                and parts.last[0].startswith("{") and _closing_brace(parts.last[0], 0) \
                == len(parts.last[0]) - 1:
            people.append({"literal": _plain(parts.last[0][1:-1])})  # a corporate name
            continue
        person = {"family": _plain(" ".join(parts.last)),
                  "given": _plain(" ".join(parts.first)),
                  "non-dropping-particle": _plain(" ".join(parts.von)),
                  "suffix": _plain(" ".join(parts.jr))}
        people.append({k: v for k, v in person.items() if v})
    return people


def _issued(fields: dict[str, str], where: str) -> dict[str, Any] | None:
    """A CSL date from BibLaTeX `date` (ISO 8601, ranges with '/') or `year`/`month`/`day`."""
    if fields.get("date", "").strip():
        return _edtf_date(fields["date"])
    year = _plain(fields.get("year", ""))
    if not year:
        return None
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"literal": year}  # "in press", "forthcoming", "1999/2000"
    parts = [int(year)]
    month = _plain(fields.get("month", "")).lower()
    number = _MONTHS.get(month[:3]) if month[:3] in _MONTHS else (
        int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    if number:
        parts.append(number)
        day = _plain(fields.get("day", ""))
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def _edtf_date(raw: str) -> dict[str, Any]:
    """A BibLaTeX date field (EDTF): a range with '/', approximate with a trailing '~' or
    '%' (CSL circa), read before LaTeX decoding makes '~' a space."""
    raw = raw.strip()
    circa = raw.endswith(("~", "%"))
    value = _iso_date(_plain(raw.rstrip("~%").rstrip()) if circa else _plain(raw))
    if circa and "date-parts" in value:
        value["circa"] = True
    return value


def _iso_date(text: str) -> dict[str, Any]:
    ends = text.split("/")
    parsed = []
    for end in ends:
        m = re.fullmatch(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", end.strip())
        if not m:
            return {"literal": text}
        parsed.append([int(p) for p in m.groups() if p])
    return {"date-parts": parsed}


def _entry_to_csl(entry: Any, fields: dict[str, str], where: str) -> dict[str, Any]:
    etype = entry.entry_type.lower()
    subtype = _plain(fields.get("entrysubtype", "")).lower()
    item: dict[str, Any] = {
        "id": entry.key,
        "type": _SUBTYPES.get((etype, subtype)) or BIB_TO_CSL.get(etype, "document"),
    }
    if etype in ("mastersthesis", "phdthesis") and "type" not in fields:
        item["genre"] = "Master's thesis" if etype == "mastersthesis" else "PhD thesis"
    title = _rich_text(fields.get("title", ""))
    if fields.get("subtitle", "").strip():
        title = f"{title}: {_rich_text(fields['subtitle'])}" if title else \
            _rich_text(fields["subtitle"])
    if title:
        item["title"] = title
    for bib_key, csl_key in _NAME_FIELDS.items():
        if fields.get(bib_key, "").strip():
            item[csl_key] = _names(fields[bib_key])
    container = fields.get("journaltitle") or fields.get("journal") or fields.get("booktitle")
    if container and container.strip():
        item["container-title"] = _rich_text(container)
    if fields.get("series", "").strip():
        item["collection-title"] = _rich_text(fields["series"])
    for bib_key, csl_key in _TEXT_FIELDS:
        if csl_key not in item and fields.get(bib_key, "").strip():
            item[csl_key] = _paragraphs(fields[bib_key]) if csl_key in _MULTILINE \
                else _plain(fields[bib_key])
    if item["type"] in _LEGAL_TYPES and "publisher" in item:
        item["authority"] = item.pop("publisher")  # the court or legislature (Zotero: court)
    sub = item.pop("_container-subtitle", None)
    if sub and "container-title" in item:
        item["container-title"] += f": {sub}"
    if fields.get("number", "").strip():
        number = _plain(fields["number"])
        item["issue" if item["type"].startswith("article") else "number"] = number
    if fields.get("issue", "").strip():
        item["issue"] = _plain(fields["issue"])
    if fields.get("pages", "").strip():
        item["page"] = re.sub(r"\s*[–—-]+\s*", "-", _plain(fields["pages"]))
    for bib_key, csl_key in (("doi", "DOI"), ("url", "URL")):
        if fields.get(bib_key, "").strip():
            item[csl_key] = _raw(fields[bib_key])
    if "DOI" in item:
        item["DOI"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", item["DOI"], flags=re.I)
    issued = _issued(fields, where)
    if issued:
        item["issued"] = issued
    if fields.get("urldate", "").strip():
        item["accessed"] = _iso_date(_plain(fields["urldate"]))
    if fields.get("origdate", "").strip():
        item["original-date"] = _edtf_date(fields["origdate"])
    return item


def bibtex_to_csl(text: str, source: str) -> list[dict[str, Any]]:
    """CSL-JSON items for every entry of a BibTeX/BibLaTeX text, in file order; a block that
    does not parse (or an entry whose key repeats) comes back as a problem item (see
    reference_items.problem_item) naming the file, line and key."""
    from bibtexparser import model
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares import (
        RemoveEnclosingMiddleware,
        ResolveStringReferencesMiddleware,
    )

    # bibtexparser logs each failed block itself; they are reported per entry here instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = parse_string(text, parse_stack=[
        ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        RemoveEnclosingMiddleware(allow_inplace_modification=True)])
    strings = {s.key.lower(): s.value for s in library.strings}
    blocks: list[tuple[int, dict[str, Any]]] = []
    parents = {e.key.lower(): e for e in library.entries}
    cut = _cut_short(library)
    for entry in library.entries:
        where = f"{source}:{(entry.start_line or 0) + 1}: entry '{entry.key}'"
        if id(entry) in cut:
            blocks.append((entry.start_line or 0, problem_item(
                where, f"its braces do not balance: the entry ends early and “{cut[id(entry)]}” "
                       "after it was not read (a field may be cut short); check the "
                       "braces of that entry", id=entry.key)))
            continue
        if not entry.fields:
            blocks.append((entry.start_line or 0, problem_item(
                where, "has no fields (nothing to import)", id=entry.key)))
            continue
        try:
            fields = _fields(entry, strings)
            parent = parents.get(fields.get("crossref", "").strip().lower())
            if parent is not None and parent is not entry:
                fields = _inherit(fields, _fields(parent, strings))
            blocks.append((entry.start_line or 0, _entry_to_csl(entry, fields, where)))
        except NestingError as exc:
            blocks.append((entry.start_line or 0, problem_item(where, str(exc), id=entry.key)))
        except RecursionError:  # braces or macros inside one another beyond what is read
            blocks.append((entry.start_line or 0, problem_item(
                where, "LaTeX nested too deeply to read (groups or commands inside one "
                       "another)", id=entry.key)))
        except Exception as exc:  # pylatexenc or a mapping on odd input: skip this one only
            blocks.append((entry.start_line or 0, problem_item(
                where, f"cannot be read ({type(exc).__name__}: {exc})", id=entry.key)))
    for block in library.failed_blocks:
        start = block.start_line or 0
        if isinstance(block, model.DuplicateBlockKeyBlock):
            what, key = "the same key as an earlier entry; skipped", block.key
        else:
            key = _guess_key(block.raw or "")
            what = f"not valid BibTeX ({_first_line(getattr(block, 'error', ''))})"
        label = f" entry '{key}'" if key else ""
        blocks.append((start, problem_item(f"{source}:{start + 1}:{label}", what, id=key)))
    return [item for _line, item in sorted(blocks, key=lambda b: b[0])]


def _cut_short(library: Any) -> dict[int, str]:
    """Entries a stray '}' ended early (`title={Close}} too}, year=2022}`), by id(): bibtexparser
    reads the rest as a comment between entries, which then starts on the line the entry
    ends on and has more closing than opening braces. The text left over, shortened."""
    from bibtexparser import model

    ends: dict[int, Any] = {}
    for entry in library.entries:
        ends[(entry.start_line or 0) + (entry.raw or "").count("\n")] = entry
    out: dict[int, str] = {}
    for block in library.blocks:
        if not isinstance(block, model.ImplicitComment):
            continue
        text = block.raw or ""
        entry = ends.get(block.start_line or 0)
        if entry is not None and text.count("}") > text.count("{"):
            first = text.strip().splitlines()[0] if text.strip() else ""
            out[id(entry)] = first[:60] + ("…" if len(first) > 60 else "")
    return out


def _fields(entry: Any, strings: dict[str, str]) -> dict[str, str]:
    return {f.key.lower(): _concatenated(f.value, strings)
            if getattr(f, "enclosing", None) == "no-enclosing" and isinstance(f.value, str)
            else str(f.value) for f in entry.fields}


def _inherit(child: dict[str, str], parent: dict[str, str]) -> dict[str, str]:
    """An entry's fields with what its `crossref` parent gives (BibTeX's rule: every field
    the child lacks; BibLaTeX's: the parent's title is the child's booktitle)."""
    out = dict(child)
    for key, value in parent.items():
        if key in ("crossref", "ids", "key", "entrysubtype"):
            continue
        if key == "title" and "booktitle" not in parent and "title" in child:
            out.setdefault("booktitle", value)
        else:
            out.setdefault(key, value)
    return out


def _concatenated(value: str, strings: dict[str, str]) -> str:
    """An unenclosed field value with BibTeX's '#' concatenation of @string macros and quoted
    or braced parts resolved (bibtexparser leaves `who # { Journal}` as written)."""
    if "#" not in value or value.startswith(("{", '"')) and _closing_brace(value, 0) \
            == len(value) - 1:
        return value
    parts: list[str] = []
    depth, start, quoted = 0, 0, False
    for i, ch in enumerate(value + "#"):
        if i and value[i - 1:i] == "\\":
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    out = []
    for part in parts:
        if part.startswith(("{", '"')) and len(part) >= 2:  # its spaces are kept
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return "".join(out)


def _guess_key(raw: str) -> str:
    m = re.match(r"\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)\s*,", raw)
    return m.group(1) if m else ""


def _first_line(error: object) -> str:
    text = str(getattr(error, "abort_reason", "") or error or "").strip()
    return text.splitlines()[0] if text else "syntax error"


# ---------------------------------------------------------------- export


_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
            "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}"}
_TAGS = {"i": (r"\textit{", "}"), "em": (r"\emph{", "}"), "b": (r"\textbf{", "}"),
         "strong": (r"\textbf{", "}"), "sup": (r"\textsuperscript{", "}"),
         "sub": (r"\textsubscript{", "}")}
_PROTECT_CAPS = re.compile(r"(?<=.)\b([\w]*[A-Z][\w]*)|^(\w+[A-Z]\w*)")


def _escape_specials(text: str) -> str:
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _escape(text: str) -> str:
    """Text as BibTeX reads it back the same: specials escaped, and a typed "--" written
    "-{}-" (LaTeX and every BibTeX reader make "--" an en dash)."""
    return re.sub(r"-(?=-)", "-{}", _escape_specials(text))


def _rich_to_latex(text: str, protect: bool) -> str:
    """CSL rich text as LaTeX; words with capitals in braces when `protect` (title fields:
    what Zotero does, so a style that lowercases titles keeps 'Amur' and 'UN')."""
    out: list[str] = []
    stack: list[str] = []
    for piece in re.split(r"(<[^<>]+>)", text):
        tag = re.fullmatch(r"<(/?)([a-z]+)([^<>]*)>", piece)
        if tag:
            closing, name, attrs = tag.groups()
            if closing:
                if stack:
                    out.append(stack.pop())
                continue
            if name in _TAGS:
                out.append(_TAGS[name][0])
                stack.append(_TAGS[name][1])
                continue
            if name == "span" and "small-caps" in attrs:
                out.append(r"\textsc{")
                stack.append("}")
                continue
            if name == "span":  # nocase and anything else: a brace group keeps the case
                out.append("{")
                stack.append("}")
                continue
        escaped = _escape(piece)
        if protect:
            escaped = _PROTECT_CAPS.sub(lambda m: "{" + m.group(0) + "}", escaped)
        out.append(escaped)
    return "".join(out) + "".join(reversed(stack))


def _name_to_bib(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    if person.get("literal") or not person.get("family"):
        literal = person.get("literal") or person.get("given") or ""
        return "{" + _escape(str(literal)) + "}" if literal else ""
    family = str(person["family"])
    particle = " ".join(str(person.get(k, "")) for k in ("dropping-particle",
                                                        "non-dropping-particle")).strip()
    fam = _escape(family)
    if " " in family or family[:1].islower() or " and " in f" {family} ":
        fam = "{" + fam + "}"  # kept as one family name
    if particle:
        fam = f"{_escape(particle)} {fam}"
    parts = [fam]
    if person.get("suffix"):
        parts.append(_escape(str(person["suffix"])))
    if person.get("given"):
        given = _escape(str(person["given"]))
        parts.append(re.sub(r"\band\b", "{and}", given))
    elif len(parts) > 1:
        parts.append("")
    return ", ".join(parts)


def _date_to_bib(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and all(isinstance(p, list) and p for p in parts):
        def iso(p: list[Any]) -> str:
            try:
                return "-".join([f"{int(p[0]):04d}", *[f"{int(x):02d}" for x in p[1:3]]])
            except (TypeError, ValueError):
                return ""
        ends = [iso(p) for p in parts[:2]]
        if all(ends):  # EDTF, as BibLaTeX reads it: "1999~" is circa 1999
            return {"date": "/".join(ends) + ("~" if value.get("circa") else "")}
    for key in ("literal", "raw"):
        if isinstance(value.get(key), str) and value[key].strip():
            return {"date": _escape(value[key].strip())} if key == "raw" else \
                {"year": _escape(value[key].strip())}
    return {}


# What a BibTeX key cannot hold (bibtexparser and biber stop at these); anything else stays,
# so that a key read from a .bib goes back out as it came in.
_KEY_CHARS = re.compile(r"[\s,{}()\"#%=~\\]")


def _citation_key(item: dict[str, Any], used: set[str]) -> str:
    key = _KEY_CHARS.sub("", str(item.get("id", ""))) or "item"
    base, n = key, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


def csl_to_bibtex(items: Sequence[dict[str, Any]]) -> str:
    """A BibLaTeX file (UTF-8; readable by BibTeX too) for CSL-JSON items — the items
    export_csl gives, already redacted by its policy; nothing else is consulted."""
    from bibtexparser import model
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import AddEnclosingMiddleware

    library = Library()
    used: set[str] = set()
    for item in items:
        ctype = str(item.get("type", "document"))
        etype, subtype = CSL_TO_BIB.get(ctype, ("misc", ""))
        out: dict[str, str] = {}
        if subtype:
            out["entrysubtype"] = subtype
        if isinstance(item.get("title"), str):
            out["title"] = _rich_to_latex(item["title"], protect=True)
        for bib_key, csl_key in _NAME_FIELDS.items():
            names = [n for n in map(_name_to_bib, item.get(csl_key) or []) if n]
            if names:
                out[bib_key] = " and ".join(names)
        if isinstance(item.get("container-title"), str):
            container_key = "journaltitle" if etype == "article" else "booktitle"
            out[container_key] = _rich_to_latex(item["container-title"], protect=True)
        if isinstance(item.get("collection-title"), str):
            out["series"] = _rich_to_latex(item["collection-title"], protect=True)
        publisher_key = {"report": "institution", "thesis": "institution",
                         "jurisdiction": "institution", "legislation": "institution"}.get(
            etype, "publisher")
        authority = item.get("authority") if isinstance(item.get("authority"), str) else None
        for csl_key, bib_key in (("publisher", publisher_key), ("publisher-place", "location"),
                                 ("volume", "volume"), ("issue", "number"),
                                 ("number", "number"), ("edition", "edition"),
                                 ("chapter-number", "chapter"), ("genre", "type"),
                                 ("ISBN", "isbn"), ("ISSN", "issn"), ("abstract", "abstract"),
                                 ("keyword", "keywords"), ("language", "langid"),
                                 ("note", "note"), ("annote", "annote"),
                                 ("medium", "howpublished"),
                                 ("event-title", "eventtitle"), ("event-place", "venue"),
                                 ("title-short", "shorttitle")):
            value = item.get(csl_key)
            if isinstance(value, (str, int)) and str(value).strip() and bib_key not in out:
                out[bib_key] = _escape(str(value))
        if authority and publisher_key not in out:
            out[publisher_key] = _escape(authority)
        if isinstance(item.get("page"), (str, int)):
            out["pages"] = _escape_specials(str(item["page"])).replace("–", "--") \
                .replace("-", "--").replace("----", "--")
        for csl_key, bib_key in (("DOI", "doi"), ("URL", "url")):
            if isinstance(item.get(csl_key), str):
                out[bib_key] = re.sub(r"([%#&{}\\])", r"\\\1", item[csl_key]) \
                    if bib_key == "doi" else item[csl_key].replace("{", "%7B") \
                    .replace("}", "%7D")
        out.update(_date_to_bib(item.get("issued")))
        original = _date_to_bib(item.get("original-date"))
        if "date" in original:
            out["origdate"] = original["date"]
        accessed = _date_to_bib(item.get("accessed"))
        if "date" in accessed:
            out["urldate"] = accessed["date"]
        fields = [model.Field(k, v) for k, v in out.items()]
        library.add(model.Entry(etype, _citation_key(item, used), fields))
    return str(write_string(
        library, unparse_stack=[AddEnclosingMiddleware(
            allow_inplace_modification=True, default_enclosing="{",
            reuse_previous_enclosing=False, enclose_integers=True)]))
