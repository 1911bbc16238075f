"""CSL-JSON, the citation format Zotero exports, to and from Documents; citations for people
formatted by citeproc-py with a Chicago notes style."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from casefile.claims.names import publisher_name
from casefile.errors import CaseFileError, ValidationError
from casefile.identity import Hit
from casefile.models import Document, DocumentKind
from casefile.typed_dates import ACCEPTED, typed_date

if TYPE_CHECKING:
    from casefile.media.csl_render import RichText

# CSL type -> Casefile kind, and back (statistics has no CSL type of its own). A court filing
# (COURT_RECORD) exports as "legal_case", which imports as a ruling; a "bill" imports as
# legislation and keeps its type (casefile:type).
CSL_TO_KIND = {
    "report": DocumentKind.REPORT,
    "dataset": DocumentKind.DATASET,
    "legal_case": DocumentKind.COURT_RULING,
    "legislation": DocumentKind.LEGISLATION,
    "bill": DocumentKind.LEGISLATION,
    "treaty": DocumentKind.TREATY,
    "article-newspaper": DocumentKind.NEWS_ARTICLE,
    "article-magazine": DocumentKind.NEWS_ARTICLE,
    "webpage": DocumentKind.WEB_PAGE,
    "post-weblog": DocumentKind.WEB_PAGE,
    "post": DocumentKind.WEB_PAGE,
    "letter": DocumentKind.LETTER,
    "personal_communication": DocumentKind.LETTER,
}
KIND_TO_CSL = {
    DocumentKind.REPORT: "report",
    DocumentKind.DATASET: "dataset",
    DocumentKind.STATISTICS: "dataset",
    DocumentKind.COURT_RECORD: "legal_case",
    DocumentKind.COURT_RULING: "legal_case",
    DocumentKind.LEGISLATION: "legislation",
    DocumentKind.TREATY: "treaty",
    DocumentKind.NEWS_ARTICLE: "article-newspaper",
    DocumentKind.WEB_PAGE: "webpage",
    DocumentKind.LETTER: "personal_communication",
    DocumentKind.OTHER: "document",
}
# Types seen in the wild that the CSL schema does not have, and the CSL type written instead
# (Zotero writes a letter as "personal_communication"; "letter" fails the schema).
NOT_CSL_TYPES = {"letter": "personal_communication"}
# Legal types name their issuing body (court, legislature, council) in CSL's "authority".
LEGAL_TYPES = frozenset({"legal_case", "legislation", "bill", "treaty"})
IDENTIFIER_KEYS = ("DOI", "ISBN", "ISSN", "number")
_ID_KEY = "casefile:identifier-key"  # private note in csl_extra; never exported
_KIND_KEY = "casefile:type"  # the original CSL type, when the mapping would lose it
_PUBLISHER_KEY = "casefile:publisher-key"  # "publisher" on a legal item that used it
DEFAULT_STYLE = "chicago-notes-bibliography-16th-edition.csl"


class CslError(CaseFileError):
    """A CSL-JSON file that cannot be imported; `problems` names each item and field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{source}: not imported ({len(problems)} problems; nothing was "
                         "changed):\n  " + "\n  ".join(problems[:50]))


# -- dates ---------------------------------------------------------------------------------
# A document keeps a date as text (what the reporter sees and types): "2026-10-30", "2026-10",
# "2026"; a range "1999-05/2001-02" (ISO 8601's interval); "ca. 1999"; "Spring 1999"; or, from
# a reference manager only, a literal as written ("Winter 1941–42"). The CSL date it came as is
# kept beside it (_DATES_KEY) and exported again unchanged while the text is unchanged.

_DATES_KEY = "casefile:dates"  # {"issued": [stored text, CSL date as imported]}; not exported
_UNTITLED_KEY = "casefile:untitled"  # the placeholder title given to an untitled item
SEASONS = ("Spring", "Summer", "Autumn", "Winter")  # CSL seasons 1–4
_SEASON_OF = {**{s.lower(): s for s in SEASONS}, "fall": "Autumn"}
_CIRCA = re.compile(r"(?:ca?\.|circa|approx\.|~)\s*(.+)|(.+?)\s*~", re.IGNORECASE)
_RANGE = re.compile(r"\s*/\s*|\s+[-–—]\s+|(?<=\d)\s*[–—]\s*(?=\d)")
DATE_FORMS = "a range like 1999-05/2001-02, ca. 1999 or Spring 1999"


def document_date(text: str, label: str = "date", *, literal_ok: bool = False) -> str:
    """The text a document keeps for a date as typed: a date (`typed_date`), a range of two,
    "ca. " one, or a season and year; "" for nothing. Anything else is refused, naming the
    field and what is accepted — or, with `literal_ok` (an imported CSL literal date, which
    citations print as written), kept as it is."""
    typed = " ".join(text.split())
    if not typed:
        return ""
    try:
        return _read_date(typed, label)
    except ValidationError:
        if literal_ok:
            return typed
        raise ValidationError(f"{label}: “{typed}” is not a date Casefile understands; "
                              f"write it like {ACCEPTED}; or {DATE_FORMS}") from None


def _read_date(typed: str, label: str) -> str:
    """The kept form of a date as typed (one "ca." and one season at most), or
    ValidationError."""
    if len(typed) > 100:
        raise ValidationError(f"{label}: too long for a date")
    prefix = ""
    circa = _CIRCA.fullmatch(typed)
    if circa:
        prefix, typed = "ca. ", circa.group(1) or circa.group(2)
    word, _, rest = typed.partition(" ")
    season = _SEASON_OF.get(word.lower().rstrip(","))
    if season and rest:
        prefix, typed = f"{prefix}{season} ", rest
    try:
        return prefix + typed_date(typed, label)
    except ValidationError:
        sides = _RANGE.split(typed)
        if len(sides) != 2:
            raise
    start, end = (typed_date(side, label) for side in sides)
    return prefix + (start if start == end else f"{start}/{end}")


def _date_part(value: Any) -> int | None:
    # Zotero writes the year (and sometimes month and day) as text: [["1999", 12, 31]].
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _parts_text(parts: Any) -> str | None:
    """'1999-12-31' or '1999-05/2001-02' from CSL date-parts; None if they are no date."""
    if not (isinstance(parts, list) and 1 <= len(parts) <= 2):
        return None
    sides = []
    for side in parts:
        if not (isinstance(side, list) and 1 <= len(side) <= 3):
            return None
        numbers = [_date_part(p) for p in side]
        if None in numbers:
            return None
        y, *rest = (n for n in numbers if n is not None)
        if not 1 <= y <= 9999:
            return None
        try:
            date(y, rest[0] if rest else 1, rest[1] if len(rest) > 1 else 1)
        except ValueError:
            return None
        sides.append("-".join([f"{y:04d}", *[f"{p:02d}" for p in rest]]))
    return sides[0] if len(sides) == 1 or sides[0] == sides[1] else "/".join(sides)


_EDTF_SEASON = re.compile(r"(\d{4})-(2[1-4])([~%?]?)")  # EDTF's 2001-21: spring 2001


def _edtf_to_text(text: str) -> str:
    """The text a document keeps for a date written as a string — EDTF, which the CSL schema
    prefers ("2020-05", "1999-05/2001-02", "1999~", "2001-21" for spring 2001), or any date
    Casefile reads; anything else as a literal, printed as written."""
    typed = " ".join(text.split())
    season = _EDTF_SEASON.fullmatch(typed)
    if season:
        year, code, mark = season.groups()
        typed = f"{'ca. ' if mark in ('~', '%') else ''}{SEASONS[int(code) - 21]} {year}"
    elif typed.endswith("%"):  # EDTF: approximate and uncertain
        typed = typed[:-1] + "~"
    return document_date(typed, literal_ok=True)


def _date_to_text(value: Any) -> str | None:
    """The text a document keeps for a CSL date (see above), from its date-parts with any
    season and circa, its literal, or its raw text, or from an EDTF string; None for a value
    that is no date Casefile reads (the caller says so: nothing is dropped silently)."""
    if isinstance(value, str) and value.strip():
        return _edtf_to_text(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, str) and parts.strip():  # {"date-parts": "2020"}: a date as text
        value = {**value, "date-parts": None, "raw": parts}
    text = _parts_text(value.get("date-parts")) if "date-parts" in value else None
    if text is None:
        for key in ("literal", "raw"):
            if isinstance(value.get(key), str) and value[key].strip():
                return _edtf_to_text(value[key]) if key == "raw" else \
                    document_date(value[key], literal_ok=True)
        return None
    season = value.get("season")
    if isinstance(season, int) and not isinstance(season, bool) and 1 <= season <= 4:
        text = f"{SEASONS[season - 1]} {text}"
    elif isinstance(season, str) and season.strip():
        name = season.strip()
        text = f"{SEASONS[int(name) - 1] if name in ('1', '2', '3', '4') else name} {text}"
    elif season not in (None, "", 0):
        return None
    circa = value.get("circa")
    if circa not in (None, False, 0, "", "0", "false"):
        text = f"ca. {text}"
    return document_date(text, literal_ok=True)


def _text_to_date(text: str) -> dict[str, Any] | None:
    """A CSL date from a stored date: its parts (with season and circa) when it reads as a
    date ("2026-02", "1999-05/2001-02", "ca. Spring 1999", or "Feb 2026" kept as typed by a
    file older than typed dates), else the text as a literal ("Winter 1941–42"), printed as
    written — never a crash over a free-text date."""
    text = text.strip()
    if not text:
        return None
    try:
        form = _read_date(" ".join(text.split()), "date")
    except ValidationError:
        return {"literal": text}
    value: dict[str, Any] = {}
    circa = form.startswith("ca. ")
    form = form.removeprefix("ca. ")
    word, _, rest = form.partition(" ")
    if word in SEASONS:
        value["season"] = SEASONS.index(word) + 1
        form = rest
    value["date-parts"] = [[int(p) for p in side.split("-")] for side in form.split("/")]
    if circa:
        value["circa"] = True
    return dict(sorted(value.items()))


# -- Zotero's Extra ------------------------------------------------------------------------

_EXTRA_LINE = re.compile(r"([A-Za-z][A-Za-z _-]+):(.+)")
CSL_DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date",
                      "submitted")


def _extra_key(key: str) -> str:
    """A key of an Extra line as Zotero compares them: "Original Date", "originalDate" and
    "original-date" are one (Zotero's _normalizeExtraKey)."""
    key = re.sub(r"([a-z])([A-Z])", r"\1-\2", key.strip()).lower()
    return re.sub(r"[\s_-]", "-", key)


def _csl_variables() -> dict[str, str]:
    """The CSL variables an Extra line may set, by their normalized key."""
    if _VARIABLES:
        return _VARIABLES
    props = csl_schema()["items"]["properties"]
    names = {_extra_key(k): k for k in props if k not in ("type", "id", "custom", "note")}
    # Zotero's own field names for a few variables (its Extra accepts both).
    names.update({"publication-title": "container-title", "place": "publisher-place",
                  "date": "issued", "access-date": "accessed", "extra": "note"})
    names.pop("extra")
    _VARIABLES.update(names)
    return _VARIABLES


_VARIABLES: dict[str, str] = {}


def read_extra(item: dict[str, Any]) -> dict[str, Any]:
    """The item with the `key: value` lines of Zotero's Extra (CSL "note") that name a CSL
    variable the item lacks set as that variable, as Zotero does when it exports: a date as a
    CSL date, a name as "Family || Given" or a literal. The other lines stay in the note."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    variables = _csl_variables()
    out = dict(item)
    kept = []
    name_keys = {k for k, v in csl_schema()["items"]["properties"].items()
                 if v.get("type") == "array" and "$ref" in v.get("items", {})}
    for line in note.split("\n"):
        found = _EXTRA_LINE.fullmatch(line.strip())
        variable = variables.get(_extra_key(found.group(1))) if found else None
        value = found.group(2).strip() if found else ""
        if variable is None or not value or (variable in out and variable not in name_keys):
            kept.append(line)  # (the first line of a variable wins, as in Zotero)
            continue
        if variable in name_keys:
            if variable in item:  # names of that kind already there: citeproc-js ignores it
                kept.append(line)
                continue
            family, bar, given = value.partition("||")
            name = ({"family": family.strip(), "given": given.strip()} if bar
                    else {"literal": value})
            out[variable] = [*out.get(variable, []), name]  # several lines: one list
            continue
        if variable in CSL_DATE_VARIABLES:
            text = document_date(value, literal_ok=True)
            out[variable] = _text_to_date(text)
        else:
            out[variable] = value
    if len(kept) == note.count("\n") + 1:
        return item  # nothing read from it: the note exactly as it came
    rest = "\n".join(kept).strip()
    if rest:
        out["note"] = rest
    else:
        out.pop("note")
    return out


# -- items to documents --------------------------------------------------------------------

def untitled_title(ctype: str, item: dict[str, Any]) -> str:
    """The placeholder title of an item that has none (Zotero allows them; it lists them as
    "[untitled]"): the type, and where it was published or found, so the reporter can tell
    several apart — "[untitled webpage, kita.example/report]"."""
    where = item.get("container-title") or item.get("URL") or ""
    if isinstance(where, str) and where.strip():
        where = re.sub(r"^https?://(www\.)?", "", where.strip())[:60]
        return f"[untitled {ctype}, {where}]"
    return f"[untitled {ctype}]"


def _shown(value: Any) -> str:
    """A value as a problem quotes it: its JSON, cut short."""
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def csl_to_fields(item: dict[str, Any], where: str, problems: list[str],
                  warnings: list[str] | None = None) -> dict[str, Any]:
    """Document fields for one CSL item; anything without a column goes to csl_extra.
    `problems` get the item skipped (a date or name no citation can show among them);
    `warnings` say what was imported otherwise than it came (a type CSL does not have).

    An item without a title gets a placeholder (`untitled_title`), exported again without
    one; Zotero's Extra (CSL "note") is the item's own data, kept in csl_extra and read for
    variables (`read_extra`); "annote" is the reporter's note (what Casefile exports its
    private notes as, with --full)."""
    extra = read_extra(dict(item))
    fields: dict[str, Any] = {}
    ctype = extra.pop("type", None)
    title = extra.pop("title", None)
    if not isinstance(ctype, str) or not ctype.strip():
        problems.append(f"{where}.type: required (a CSL type such as 'report')")
        ctype = "document"
    if title is not None and not isinstance(title, str):
        problems.append(f"{where}.title: must be text")
    fields["kind"] = CSL_TO_KIND.get(ctype, DocumentKind.OTHER)
    known = csl_schema()["items"]["properties"]["type"]["enum"]
    if warnings is not None and ctype not in known and ctype not in NOT_CSL_TYPES:
        warnings.append(f"{where}.type: “{ctype[:40]}” is not a CSL type; imported as a "
                        "document (exported as “document”, the type kept)")
    if KIND_TO_CSL[fields["kind"]] != ctype:
        extra[_KIND_KEY] = ctype
    if isinstance(title, str) and title.strip():
        fields["title"] = title
    else:
        fields["title"] = extra[_UNTITLED_KEY] = untitled_title(ctype, extra)
    authors = extra.pop("author", [])
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        problems.append(f"{where}.author: must be a list of name objects")
        authors = []
    fields["authors"] = author_list = authors
    # The issuing body of a legal item is its "authority" (a "publisher" beside it stays in
    # the extras); one that has only "publisher" keeps that key on the way back out.
    pub_key = _publisher_key(ctype)
    if pub_key == "authority" and "authority" not in extra and "publisher" in extra:
        pub_key = extra[_PUBLISHER_KEY] = "publisher"
    for csl_key, field in ((pub_key, "publisher"), ("container-title", "container_title"),
                           ("URL", "url"), ("language", "language"), ("annote", "notes")):
        if csl_key in extra:
            value = extra.pop(csl_key)
            if not isinstance(value, str):
                problems.append(f"{where}.{csl_key}: must be text")
                continue
            fields[field] = value
    if "note" in extra and not isinstance(extra["note"], str):
        problems.append(f"{where}.note: must be text")
    dates: dict[str, list[Any]] = {}
    for csl_key in CSL_DATE_VARIABLES:  # a date nothing can be read from is not kept silently
        if extra.get(csl_key) not in (None, "", {}) and _date_to_text(extra[csl_key]) is None:
            problems.append(f"{where}.{csl_key}: not a date (CSL date-parts are whole numbers"
                            f", e.g. [[2026, 9, 21]], or give a literal or raw text)")
    for csl_key in ("issued", "accessed"):
        if csl_key in extra:
            text = _date_to_text(extra[csl_key])
            if text is not None:
                fields[csl_key] = text
                given = extra.pop(csl_key)
                if isinstance(given, dict):  # a string (EDTF) is exported as date-parts
                    dates[csl_key] = [text, given]
    for csl_key in CSL_DATE_VARIABLES:  # the others, kept in the extras: as CSL dates
        value = extra.get(csl_key)
        if isinstance(value, str) and value.strip():  # the schema takes no date as text
            extra[csl_key] = _text_to_date(_edtf_to_text(value))
    for csl_key in NAME_VARIABLES:  # a name no citation or export can show is not kept
        names = author_list if csl_key == "author" else extra.get(csl_key)
        if isinstance(names, list) and any(
                isinstance(n, dict) and any(not isinstance(n.get(k), (str, type(None)))
                                            for k in _NAME_PARTS) for n in names):
            problems.append(f"{where}.{csl_key}: a name whose parts are not all text "
                            f"({_shown(names)[:40]})")
    if dates:
        extra[_DATES_KEY] = dates
    for key in IDENTIFIER_KEYS:
        if isinstance(extra.get(key), str):
            fields["identifier"] = extra.pop(key)
            extra[_ID_KEY] = key
            break
    fields["csl_extra"] = extra
    return fields


def document_to_csl(doc: Document) -> dict[str, Any]:
    """One Document as a CSL-JSON item (what Zotero imports, and what footnotes are made of).

    The publisher is named as attributions name it (`publisher_name`: a linked source record
    wins, a protected one only by its attribution phrase), under "authority" for legal types.
    The reporter's private notes are "annote" (dropped by a redaction policy); the item's own
    note (Zotero's Extra) stays "note". Dates imported are written as they came while the
    document's date is unchanged."""
    extra = dict(doc.csl_extra or {})
    id_key = extra.pop(_ID_KEY, None)
    ctype = extra.pop(_KIND_KEY, None) or KIND_TO_CSL[doc.kind]
    ctype = NOT_CSL_TYPES.get(ctype, ctype)
    if ctype not in csl_schema()["items"]["properties"]["type"]["enum"]:
        ctype = KIND_TO_CSL[doc.kind]  # a type CSL does not have ("blog"): the kind's
    pub_key = extra.pop(_PUBLISHER_KEY, None) or _publisher_key(ctype)
    untitled = extra.pop(_UNTITLED_KEY, None)
    if not isinstance(extra.get("id"), str | int) or isinstance(extra.get("id"), bool):
        extra.pop("id", None)  # an id CSL cannot have: the document's own UUID
    dates = extra.pop(_DATES_KEY, None)
    dates = dates if isinstance(dates, dict) else {}
    item: dict[str, Any] = {"id": str(doc.uuid), "type": ctype}
    if doc.title != untitled:
        item["title"] = doc.title
    if doc.authors:
        item["author"] = doc.authors
    for field, csl_key in (("container_title", "container-title"), ("url", "URL"),
                           ("language", "language"), ("notes", "annote")):
        value = getattr(doc, field)
        if value:
            item[csl_key] = value
    for field in ("issued", "accessed"):
        text = getattr(doc, field)
        kept = dates.get(field)
        if isinstance(kept, list) and len(kept) == 2 and kept[0] == text and text:
            item[field] = kept[1]
        elif value := _text_to_date(text):
            item[field] = value
    if doc.identifier:
        item[id_key or _guess_id_key(doc.identifier)] = doc.identifier
    item.update(extra)  # fields Casefile keeps verbatim (including the original "id")
    publisher = publisher_name(doc.publisher or "", doc.publisher_source)
    if publisher:  # after the extras: the record's publisher is the one source of truth
        item[pub_key] = publisher
    return item


# -- the CSL data schema -------------------------------------------------------------------

_SCHEMA: list[Any] = []


def csl_schema() -> dict[str, Any]:
    """The official CSL-JSON data schema (casefile/data/csl-data.json, v1.0.2, MIT)."""
    if not _SCHEMA:
        import json
        from importlib import resources

        text = resources.files("casefile").joinpath("data/csl-data.json").read_text("utf-8")
        _SCHEMA.append(json.loads(text))
    schema: dict[str, Any] = _SCHEMA[0]
    return schema


def _validator() -> Any:
    """jsonschema's validator of one item (it says what is wrong), then jsonschema-rs's
    compiled one (which only tells whether it is valid, 50 times as fast: the bundles' fast
    path too)."""
    if len(_SCHEMA) < 2:
        import jsonschema_rs
        from jsonschema import Draft7Validator

        schema = csl_schema()
        one = schema["items"] | {"definitions": schema["definitions"]}
        _SCHEMA.append(Draft7Validator(one))
        _SCHEMA.append(jsonschema_rs.Draft7Validator(one))
    return _SCHEMA[1]


def _is_valid(item: dict[str, Any]) -> bool:
    _validator()
    return bool(_SCHEMA[2].is_valid(item))


def schema_problems(item: dict[str, Any]) -> list[str]:
    """What the CSL data schema says is wrong with one item ("issued: … is not valid…")."""
    return [f"{'.'.join(str(p) for p in e.absolute_path) or '(item)'}: {e.message}"
            for e in _validator().iter_errors(item)]


def conforming_item(item: dict[str, Any], where: str) -> dict[str, Any]:
    """The item as the CSL data schema allows it: variables CSL does not have moved into its
    "custom" object (kept, not lost), and a kept value the schema rejects (an odd date or
    name Casefile stored as it came) left out. Casefile's own fields always conform; if one
    does not, CslError: an export never writes an item the schema rejects."""
    known = csl_schema()["items"]["properties"]
    out: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for key, value in item.items():
        if key in known:
            out[key] = value
        else:
            custom[key] = value
    if custom:
        given = out.get("custom")
        merged = dict(given) if isinstance(given, dict) else {}
        for key, value in custom.items():
            name, n = key, 1
            while name in merged:  # the item's own "custom" keeps its keys
                n += 1
                name = f"{key} ({n})"
            merged[name] = value
        out["custom"] = merged
    if _is_valid(out):
        return out
    for _attempt in range(3):
        errors = list(_validator().iter_errors(out))
        if not errors:
            return out
        for e in errors:
            top = e.absolute_path[0] if e.absolute_path else None
            if top in ("id", "type", "title") or top is None:
                raise CslError(where, schema_problems(out))
            out.pop(top, None)
    raise CslError(where, schema_problems(out))


def _publisher_key(ctype: Any) -> str:
    return "authority" if ctype in LEGAL_TYPES else "publisher"


def _guess_id_key(identifier: str) -> str:
    if re.match(r"^10\.\d{4,9}/", identifier):
        return "DOI"
    if re.fullmatch(r"(97[89][- ]?)?[0-9][- 0-9]{8,15}[0-9Xx]", identifier):
        return "ISBN"
    return "number"


def refused_file(path: Path, reason: str, problem: str = "") -> CslError:
    """A whole reference file refused: `problems` as CslError has them ('where: what'), the
    message on one line, saying nothing was imported."""
    err = CslError(str(path), [problem or f"(file): {reason}"])
    err.args = (f"{path}: {reason} (nothing was imported)",)
    return err


def read_limited(path: Path, max_bytes: int, what: str, give: str) -> bytes:
    """The bytes of the file at `path`, or CslError: a folder, a pipe or anything else not a
    regular file (never opened, so a pipe cannot block), more than `max_bytes` (also when it
    grew since it was looked at). `what` names the kind of file in the size refusal ("a
    CSL-JSON file"), `give` what to give instead of a folder or a pipe."""
    import os
    import stat

    def check(st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise refused_file(path, f"is a folder; give {give}")
        if not stat.S_ISREG(st.st_mode):
            raise refused_file(path, "is not a regular file (a pipe, socket or device); "
                                     f"give {give}")
        if st.st_size > max_bytes:
            raise refused_file(path, f"{st.st_size:,} bytes, more than {what} may hold "
                                     f"({max_bytes // 2**20} MB)")

    try:
        check(os.stat(path))
        # O_NONBLOCK: if the name became a pipe since the check, opening it does not wait.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            check(os.fstat(fh.fileno()))
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise refused_file(path, "no such file") from None
    except OSError as exc:
        raise refused_file(path, f"cannot be read ({exc.strerror})") from None
    if len(raw) > max_bytes:  # it grew since
        raise refused_file(path, f"more than {what} may hold ({max_bytes // 2**20} MB)")
    return raw


def load_csl(path: Path, *, max_bytes: int = 64 * 1024 * 1024) -> list[Any]:
    """Read a CSL-JSON file (a list of items), with a clear error if it is not one.

    Refused with a one-line CslError naming the file and the problem, before anything is
    imported: a folder, a pipe or anything else not a regular file (never opened, so a pipe
    cannot block), a file over `max_bytes` (64 MB: a Zotero export of 10,000 items is ~20 MB),
    and JSON a case cannot hold, by the rules bundles follow (casefile/bounded_json.py:
    nesting, NaN and Infinity, integers beyond 64 bits, with their JSON path)."""
    from casefile.bounded_json import JsonRefusedError, load_bounded_json

    def refused(reason: str, problem: str = "") -> CslError:
        return refused_file(path, reason, problem)

    raw = read_limited(path, max_bytes, "a CSL-JSON file", "a CSL-JSON file")
    try:
        data = load_bounded_json(raw, "the file", max_bytes=max_bytes)
    except JsonRefusedError as exc:
        data = _items_refused_one_by_one(raw, exc)
        if data is None:
            more = f" and {len(exc.problems) - 1} more" if len(exc.problems) > 1 else ""
            raise refused(f"not CSL-JSON Casefile can import ({exc.problems[0]}{more})",
                          f"(file): not CSL-JSON ({exc.problems[0]})") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise refused("not CSL-JSON (its top level is not a list of items)",
                      "(top): CSL-JSON is a list of items")
    return data


def _items_refused_one_by_one(raw: bytes, exc: Exception) -> list[Any] | None:
    """The items of a CSL-JSON list that `load_bounded_json` refused only for values inside
    some items (a number too large to store, `[[1e400]]`, a 20-digit year): those items as
    problems of their own (`_problem`, skipped by the import, the rest imported); None when
    the file itself is refused (not JSON, too large, too deep, a problem outside the items)."""
    import json

    from casefile.bounded_json import bounded_problems

    problems = getattr(exc, "problems", [])
    if not problems or any(not p.startswith("[") for p in problems):
        return None  # about the file as a whole ("the file line 3 column 4: …")
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=lambda name: None)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, list):
        return None
    items: list[Any] = []
    for item in data:
        found = bounded_problems([item])
        if not found:
            items.append(item)
            continue
        title = item.get("title") if isinstance(item, dict) else None
        reason = "; ".join(p.removeprefix("[0]").lstrip(".") for p in found[:3])
        items.append({"_problem": reason,
                      **({"title": title[:200]} if isinstance(title, str) else {})})
    return items if not bounded_problems(items) else None


def format_citation(item: dict[str, Any], style: str = DEFAULT_STYLE, locale: str = "en-US"
                    ) -> RichText:
    """A note citation for one CSL item, e.g. 'Elena Morozova, “Bridge Traffic Thins…,”
    Amur Courier, September 21, 2026, https://…', in the CSL locale `locale` (`csl_locale`
    picks it from a case's language).

    The result is RichText: a str of the plain visible text, with the styled spans (italic
    titles, Zotero's <i>/<b>/<sub>/<sup>/small caps) for Word runs. Legal instruments are
    written by `legal_note` (the Chicago 16th style knows only US public laws: it would print
    a UN resolution as "Pub. L. No. S/RES/2231"); everything else by citeproc-py
    (casefile/media/csl_render.py), then tidied by the style's punctuation rules
    (`tidy_punctuation`)."""
    from casefile.media.csl_render import NoteRules, render_citation

    rules = NoteRules(NAME_VARIABLES, _UNQUOTED_TITLE_TYPES, _ITALIC_TITLE_TYPES, LEGAL_TYPES,
                      _without_blanks, drop_note_stop, legal_note, tidy_punctuation)
    try:
        return render_citation(item, style, locale, rules)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # citeproc-py fails on data it cannot read (the renderer cleans the dates and names
        # it knows of): say which item, never an internal error
        title = plain_title(item.get("title")) or "(untitled)"
        raise CitationError(f"{title}: its citation cannot be formatted (a field holds "
                            f"data the citation processor cannot read: "
                            f"{type(exc).__name__})") from exc


class CitationError(CaseFileError):
    """A CSL item whose note citation cannot be formatted; callers that must go on (an
    export) print `fallback_citation` instead."""


def plain_title(value: Any) -> str:
    """A title's visible text, Zotero's markup taken out ("The <i>Titanic</i>" -> "The
    Titanic"); "" if it is not text."""
    from casefile.media.csl_render import markup_to_marks, strip_marks

    return " ".join(strip_marks(markup_to_marks(value)).split()) if isinstance(value, str) \
        else ""


def fallback_citation(title: str) -> str:
    """What a footnote prints for a document whose citation cannot be formatted: its title
    as plain visible text (never Zotero's markup)."""
    return plain_title(title) or "(untitled)"


# -- punctuation ---------------------------------------------------------------------------

# Types whose title the Chicago style prints in italics or plain; the rest are in quotes.
_UNQUOTED_TITLE_TYPES = frozenset({"book", "graphic", "motion_picture", "report", "song",
                                   "legal_case", "interview", "patent", "bill", "legislation"})
_ITALIC_TITLE_TYPES = frozenset({"book", "graphic", "motion_picture", "report", "song"})
# Words whose full stop is the abbreviation's own, kept before a comma or a locator (case
# matters: "Art." may be a word, "art." is an article). Dotted short forms ("n.d.", "U.S.",
# "Ph.D.") and a capital initial ("J.") are recognised by shape.
_ABBREVIATIONS = frozenset({
    "Inc.", "Corp.", "Ltd.", "Co.", "Jr.", "Sr.", "Bros.", "Mfg.", "Assn.", "Dept.", "Univ.",
    "Intl.", "Natl.", "Govt.", "St.", "Mt.", "Ft.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.",
    "Gen.", "Sen.", "Rep.", "Hon.", "Ave.", "Blvd.", "Rd.", "Esq.",
    "ed.", "eds.", "trans.", "comp.", "comps.", "rev.", "repr.", "ser.", "suppl.", "vol.",
    "vols.", "no.", "nos.", "p.", "pp.", "sec.", "secs.", "art.", "arts.", "para.", "paras.",
    "ch.", "chap.", "chaps.", "fig.", "figs.", "pt.", "pts.", "app.", "approx.", "etc.",
    "cf.", "ff.", "esp.", "viz.", "vs.", "v.", "ca.", "c.", "ibid.", "id.",
    "г.", "гг.", "обл.", "ул.", "д.", "им.", "т.", "с.",
})
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}")  # n.d., U.S., e.g., Ph.D., т.д.
_LINK = re.compile(r"((?:https?://|doi:)\S+)")
# A note's closing link (Chicago 16th: after the locator), with an access date before it.
# After a title's "?" or "!" it follows with no comma; in American English the comma before
# it may stand inside a closing quotation mark.
_TRAILING_LINK = re.compile(r"(?:,|(?<=,[”’])|(?<=[?!])|(?<=[?!][”’]))\s+"
                            r"(?:accessed\s+[^,]+(?:,\s+\d{4})?,\s+)?(?:https?://|doi:)\S+$")
_CLOSE_QUOTES = ("”", "’")


def keeps_full_stop(text: str) -> bool:
    """Whether the full stop ending `text` belongs to an abbreviation ("n.d.", "Inc.", "et
    al.", "J.") or an ellipsis, so it stays when a comma, locator or colon follows."""
    if not text.endswith("."):
        return False
    if text.endswith("..."):
        return True
    word = text.rsplit(None, 1)[-1].lstrip("(“‘\"'[")
    if word in _ABBREVIATIONS or _DOTTED.fullmatch(word):
        return True
    if word == "al." and text[:-3].rstrip().endswith(" et") or text == "et al.":
        return True
    return len(word) == 2 and word[0].isupper()  # an initial: "Smith, J."


def drop_note_stop(text: str) -> str:
    """`text` without the full stop that ends a note (inside a closing quotation mark too),
    keeping one that belongs to an abbreviation."""
    if text.endswith(tuple("." + q for q in _CLOSE_QUOTES)):
        inner = text[:-1]
        return (inner if keeps_full_stop(inner) else inner[:-1]) + text[-1]
    if text.endswith(".") and not keeps_full_stop(text):
        return text[:-1]
    return text


def _without_blanks(item: dict[str, Any]) -> dict[str, Any]:
    """The item without blank text fields and empty name entries: the style takes "" for a
    value and prints around it ("Trade (n.d.)" for an empty publisher)."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, str) and not value.strip():
            continue
        if key in NAME_VARIABLES and isinstance(value, list):
            value = [n for n in value if not isinstance(n, dict)
                     or any(isinstance(v, str) and v.strip() for v in n.values())]
            if not value:
                continue
        out[key] = value
    return out


def tidy_punctuation(text: str, locale: str = "en-US", *, in_quote: bool | None = None
                     ) -> str:
    """A formatted note with the joins the style's rules call for: no comma or full stop
    after a title's "?" or "!", no doubled full stop ("Inc.."), no ", ," / " ," / ",." /
    empty parentheses left by empty fields, and, where the locale puts punctuation in quotes
    (`in_quote`; by default in American English), commas and full stops inside closing
    quotation marks (citeproc-py does not apply that rule). Links are left exactly as they
    are; a no-break space stays."""
    pieces = _LINK.split(re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" "))
    if in_quote is None:
        in_quote = locale.startswith("en-US")
    for i in range(0, len(pieces), 2):  # even pieces are text between links
        t = pieces[i]
        if in_quote:
            t = t.replace("”,", ",”").replace("”.", ".”")
            t = re.sub(r"(‘[^‘’”]*)’([.,])”", r"\1\2’”", t)  # “The ‘Grey,’” as well
        t = re.sub(r"([?!])[.,]([”’])", r"\1\2", t)
        t = re.sub(r"([?!][”’]?)[.,]", r"\1", t)
        t = re.sub(r"(?<!\.)\.\.(?!\.)", ".", t)
        t = re.sub(r"\.([”’])\.", r".\1", t)
        t = re.sub(r"\s*\(\s*[,;]?\s*\)", "", t)  # "()" left by empty fields
        t = re.sub(r"\(\s*[,;]\s*", "(", t)
        t = re.sub(r"\s*[,;]\s*\)", ")", t)
        t = re.sub(r"\s+([,;)])", r"\1", t)
        t = re.sub(r"\(\s+", "(", t)
        t = re.sub(r"\s+\.(?=\s|$)", ".", t)
        t = re.sub(r",(?:\s*,)+", ",", t)
        t = re.sub(r",\.(?=\s|$)", ".", t)
        pieces[i] = t
    return "".join(pieces).strip()


def with_locator(citation: str, locator: str) -> str:
    """A note citation joined to an excerpt's locator ("sec. 4", "table 2"), ready to be
    followed by ': “excerpt”'. The note's own full stop goes (an abbreviation's stays:
    "n.d., sec. 4"); the locator follows the last element, but comes before a closing link
    and its access date, as Chicago 16th puts it; after a title ending in "?" or "!" no
    comma is added; in quotation marks the comma goes inside; straight quotation marks in
    the locator are curled."""
    text = " ".join(citation.split())
    loc = drop_note_stop(" ".join(locator.split()).strip(" ,;:"))
    loc = re.sub(r'"([^"]*)"', "“\\1”", loc)  # row "Amur region" -> row “Amur region”
    tail = ""
    link = _TRAILING_LINK.search(text)
    if link:
        text, tail = text[:link.start()], text[link.start():]
        if tail.endswith("."):  # the note's full stop after the link
            tail = tail[:-1]
        if tail.startswith(" ") and text.endswith(tuple("," + q for q in _CLOSE_QUOTES)):
            text, tail = text[:-2] + text[-1], "," + tail  # '“Memo,” https…': the comma back
    text = drop_note_stop(text)
    if loc:
        if not text:
            text = loc
        elif text.endswith(("?", "!")) or text[-2:-1] in ("?", "!") and \
                text.endswith(_CLOSE_QUOTES):
            text = f"{text} {loc}"
        elif text.endswith(_CLOSE_QUOTES):
            text = f"{text[:-1]},{text[-1]} {loc}"
        else:
            text = f"{text}, {loc}"
    if loc and tail.startswith(" "):  # the link followed a "?": the locator is the last word
        tail = "," + tail
    if tail.startswith(",") and text.endswith(_CLOSE_QUOTES) and text[-2:-1] not in "?!":
        text, tail = f"{text[:-1]},{text[-1]}", tail[1:]  # 'row “Amur region,” https://…'
    return text + tail


# -- legal instruments ---------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _one_date(parts: list[Any], locale: str) -> str:
    try:
        ymd = [int(p) for p in parts[:3]]
    except (TypeError, ValueError, OverflowError):
        return ""
    if not ymd:
        return ""
    year, month, day = str(ymd[0]), ymd[1] if len(ymd) > 1 else 0, ymd[2] if len(ymd) > 2 else 0
    if not 1 <= month <= 12:
        return year
    name = _MONTHS[month - 1]
    if not 1 <= day <= 31:
        return f"{name} {year}"
    return f"{name} {day}, {year}" if locale.startswith("en-US") else f"{day} {name} {year}"


def csl_date_text(value: Any, locale: str = "en-US") -> str:
    """'July 20, 2015' (or '20 July 2015' outside American English) from a CSL date; a range
    joined by an en dash; '' when there is no date."""
    if not isinstance(value, dict):
        return ""
    if _text(value.get("literal")):
        return _text(value.get("literal"))
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and all(isinstance(p, list) for p in parts):
        return "–".join(t for t in (_one_date(p, locale) for p in parts[:2]) if t)
    return _text(value.get("raw"))


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def legal_note(item: dict[str, Any], locale: str = "en-US") -> str:
    """A note for a law, resolution, ruling or treaty, with its issuing body ("authority",
    else "publisher") where Chicago puts it:
    legislation: 'UN Security Council, Resolution 2231 (2015), S/RES/2231, July 20, 2015.';
    ruling: 'Amur Timber LLC v. Customs, No. A04-1234/2026 (Arbitration Court of the Amur
    Region, May 12, 2026).'; treaty: 'Treaty of …, Russia–China, July 16, 2001.'."""
    ctype = item.get("type")
    title = drop_note_stop(_text(item.get("title")) or _text(item.get("genre")))
    body = _text(item.get("authority")) or _text(item.get("publisher"))
    number = _text(item.get("number"))
    if number and _squash(number) in _squash(title):
        number = ""  # "Resolution 2231 (2015)" already says it
    year = re.search(r"\(\d{4}\)$", title)
    if number and year and number.endswith(year.group(0)):
        number = number.removesuffix(year.group(0)).rstrip()  # 'S/RES/2397', not '… (2017)'
    issued = csl_date_text(item.get("issued"), locale)
    reporter = " ".join(p for p in (_text(item.get(k)) for k in ("volume", "container-title",
                                                                   "page")) if p)
    section = _text(item.get("section"))
    if section and not re.match(r"(?i)(§|sec|art|para)", section):
        section = f"sec. {section}"
    if ctype == "legal_case":
        if number and not re.match(r"(?i)no\.?\s", number):
            number = f"No. {number}"
        head = ", ".join(p for p in (title, reporter or number) if p)
        court = ", ".join(p for p in (body, issued) if p)
        parts = [f"{head} ({court})".strip() if court else head]
    elif ctype == "treaty":
        parts = [title, body, issued, number, reporter]
    else:  # legislation, bill
        parts = [body, title, number, section, reporter, issued]
    doi = _text(item.get("DOI"))
    link = f"doi:{doi}" if doi else _text(item.get("URL"))
    if link and not issued:
        accessed = csl_date_text(item.get("accessed"), locale)
        parts.append(f"accessed {accessed}" if accessed else "")
    parts.append(link)
    text = ", ".join(p for p in parts if p)
    if not text or text.endswith(("?", "!")) or keeps_full_stop(text):
        return text
    return drop_note_stop(text) + "." if not link else text + "."


# CSL's name variables: each a list of {"family", "given", …} or {"literal"} objects.
NAME_VARIABLES = ("author", "editor", "translator", "recipient", "interviewer",
                  "collection-editor", "composer", "container-author", "director",
                  "editorial-director", "illustrator", "original-author", "reviewed-author",
                  "chair", "compiler", "contributor", "curator", "executive-producer",
                  "guest", "host", "narrator", "organizer", "performer", "producer",
                  "script-writer", "series-creator")
_NAME_PARTS = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix",
               "literal")


class NameMatcher(Protocol):
    """What `redact_names` needs of a redactor (casefile.redaction.Redactor)."""

    def text(self, value: str) -> str: ...

    def find(self, value: str) -> Sequence[Hit]: ...


def redact_names(names: Any, matcher: NameMatcher) -> Any:
    """A CSL name list where every entry naming a protected source is `{"literal":
    pseudonym}` — never the given name left beside a replaced family name."""
    if not isinstance(names, list):
        return names
    out: list[Any] = []
    for entry in names:
        if not isinstance(entry, dict):
            out.append(entry)
            continue
        raw = [str(entry[k]) for k in _NAME_PARTS if isinstance(entry.get(k), str)]
        parts = [rich_visible(p) for p in raw]  # "Be<i>lov</i>" is read "Belov"
        views = [" ".join(parts), "".join(parts), *parts, *raw,
                 " ".join(reversed(parts)), ", ".join(reversed(parts))]
        hits = [h for v in views for h in matcher.find(v)]
        if not hits:
            out.append(entry)
            continue
        pseudonym = max(hits, key=lambda h: len(h.words)).identity.replacement
        out.append({"literal": pseudonym if not matcher.find(pseudonym) else "[withheld]"})
    return out


def redact_csl_names(item: dict[str, Any], matcher: NameMatcher) -> dict[str, Any]:
    """`redact_names` applied to every name variable of one CSL item (or csl_extra), at any
    depth, and every key of its mappings redacted (`redact_keys`): Zotero's free-form fields
    keep whatever the reporter typed, a name as a key too."""

    def names(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: redact_names(v, matcher) if k in NAME_VARIABLES else names(v)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [names(v) for v in node]
        return node

    result: dict[str, Any] = redact_keys(names(item), matcher)
    return result


def redact_keys(node: Any, matcher: NameMatcher) -> Any:
    """A JSON-like structure whose mapping keys, at any depth, have protected identities
    replaced (`Redactor.deep` redacts values only). Two keys that become the same are told
    apart by a number ("a plant engineer (2)"), so no value is lost."""
    if isinstance(node, list):
        return [redact_keys(v, matcher) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[Any, Any] = {}
    for k, v in node.items():
        new = matcher.text(k) if isinstance(k, str) and matcher.find(k) else k
        base, n = new, 1
        while new in out:
            n += 1
            new = f"{base} ({n})"
        out[new] = redact_keys(v, matcher)
    return out


# CSL rich text (what Zotero and Part 5's BibTeX reader write): tags a reader never sees, and
# HTML character references they see decoded.
_RICH_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*?(/?)>")
_RICH_PIECE = re.compile(r"</?[A-Za-z][^<>]*>"
                         r"|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]\w{0,31});")
_EMPTY_PAIR = re.compile(r"<([A-Za-z][\w-]*)[^<>]*></\1>")


def _visible_map(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text a reader sees of CSL rich text (tags removed, character references decoded),
    and for each of its characters the stretch of `text` it comes from."""
    import html

    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _RICH_PIECE.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            spans.append((i, i + 1))
        token = m.group(0)
        if token.startswith("&"):
            decoded = html.unescape(token)
            out.append(decoded)
            spans += [(m.start(), m.end())] * len(decoded)
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        spans.append((i, i + 1))
    return "".join(out), spans


def rich_visible(text: str) -> str:
    """What a reader sees of CSL rich text: "Art<i>yom</i> Be<b>lov</b>" is "Artyom Belov"."""
    if "<" not in text and "&" not in text:
        return text
    return _visible_map(text)[0]


def _balanced_cut(segment: str) -> tuple[str, str]:
    """The tags of a cut-out stretch of rich text that must stay for the rest to stay well
    formed: (closings of tags opened before it, openings of tags closed after it)."""
    before: list[str] = []
    opened: list[tuple[str, str]] = []
    for m in _RICH_TAG.finditer(segment):
        closing, name, empty = m.group(1), m.group(2).lower(), m.group(3)
        if empty:
            continue
        if not closing:
            opened.append((name, m.group(0)))
        elif opened and opened[-1][0] == name:
            opened.pop()
        else:
            before.append(m.group(0))
    return "".join(before), "".join(tag for _name, tag in opened)


def redact_rich(value: str, matcher: NameMatcher) -> str:
    """One string as it may leave: protected identities replaced both as written and as a
    reader sees them — a name split by markup ("Art<i>yom</i> Be<b>lov</b>") is found in
    the visible text and its whole marked-up stretch replaced, the tags around it kept
    balanced. If markup still hides a name after that, the field leaves as plain visible
    text, redacted."""
    if "<" not in value and "&" not in value:
        return matcher.text(value)
    seen, spans = _visible_map(value)
    hits = matcher.find(seen)
    if not hits:
        return matcher.text(value)
    out: list[str] = []
    pos = 0
    for h in hits:
        a, b = spans[h.start][0], spans[h.end - 1][1]
        if a < pos:
            continue
        closes, opens = _balanced_cut(value[a:b])
        out += [value[pos:a], closes, h.identity.replacement, opens]
        pos = b
    result = "".join(out) + value[pos:]
    while _EMPTY_PAIR.search(result):
        result = _EMPTY_PAIR.sub("", result)
    result = matcher.text(result)  # what only the text as written shows (an attribute)
    if matcher.find(rich_visible(result)):
        return matcher.text(rich_visible(result))
    return result


def redact_rich_text(node: Any, matcher: NameMatcher) -> Any:
    """`redact_rich` applied to every string value of a JSON-like structure (what
    `Redactor.deep` does for plain text; mapping keys are `redact_keys`'s)."""
    if isinstance(node, str):
        return redact_rich(node, matcher)
    if isinstance(node, list):
        return [redact_rich_text(v, matcher) for v in node]
    if isinstance(node, dict):
        return {k: redact_rich_text(v, matcher) for k, v in node.items()}
    return node


_CITATION_KEY_LINE = re.compile(r"(?im)^(\s*citation[ _-]?key\s*:\s*).*$")


def anonymous_keys(item: dict[str, Any], key: str) -> dict[str, Any]:
    """The item with every key a reference manager or LaTeX shows (its id, citation-key,
    Better BibTeX's "Citation Key:" line in Extra) set to `key`, and its citation-label
    dropped: an imported key glues names together ("BelovTalk2020") where no word match
    sees them."""
    out = dict(item)
    out["id"] = key
    if "citation-key" in out:
        out["citation-key"] = key
    out.pop("citation-label", None)
    if isinstance(out.get("note"), str):
        out["note"] = _CITATION_KEY_LINE.sub(lambda m: m.group(1) + key, out["note"])
    return out
