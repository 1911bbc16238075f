"""CSL-JSON, the citation format Zotero exports, to and from Documents; citations for people
formatted by citeproc-py with a Chicago notes style."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from casefile.errors import CaseFileError
from casefile.identity import Hit
from casefile.models import Document, DocumentKind
from casefile.resources import resource_path

# CSL type -> Casefile kind, and back (statistics has no CSL type of its own).
CSL_TO_KIND = {
    "report": DocumentKind.REPORT,
    "dataset": DocumentKind.DATASET,
    "legal_case": DocumentKind.COURT_RECORD,
    "legislation": DocumentKind.COURT_RECORD,
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
    DocumentKind.NEWS_ARTICLE: "article-newspaper",
    DocumentKind.WEB_PAGE: "webpage",
    DocumentKind.LETTER: "letter",
    DocumentKind.OTHER: "document",
}
IDENTIFIER_KEYS = ("DOI", "ISBN", "ISSN", "number")
_ID_KEY = "casefile:identifier-key"  # private note in csl_extra; never exported
_KIND_KEY = "casefile:type"  # the original CSL type, when the mapping would lose it
DEFAULT_STYLE = "chicago-notes-bibliography-16th-edition.csl"
_STYLES: dict[tuple[str, str], Any] = {}


class CslError(CaseFileError):
    """A CSL-JSON file that cannot be imported; `problems` names each item and field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{source}: not imported ({len(problems)} problems; nothing was "
                         "changed):\n  " + "\n  ".join(problems[:50]))


def _date_to_text(value: Any) -> str | None:
    """'2026-10-30' from a CSL date with one plain date; None if it is anything richer."""
    if not isinstance(value, dict) or set(value) - {"date-parts"}:
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)
            and 1 <= len(parts[0]) <= 3 and all(isinstance(p, int) for p in parts[0])):
        return None
    y, *rest = parts[0]
    try:
        date(y, rest[0] if rest else 1, rest[1] if len(rest) > 1 else 1)
    except ValueError:
        return None
    return "-".join([f"{y:04d}", *[f"{p:02d}" for p in rest]])


def _text_to_date(text: str) -> dict[str, Any] | None:
    if not text:
        return None
    return {"date-parts": [[int(p) for p in text.split("-")]]}


def csl_to_fields(item: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any]:
    """Document fields for one CSL item; anything without a column goes to csl_extra."""
    extra = dict(item)
    fields: dict[str, Any] = {}
    ctype = extra.pop("type", None)
    title = extra.pop("title", None)
    if not isinstance(ctype, str):
        problems.append(f"{where}.type: required (a CSL type such as 'report')")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}.title: required")
    fields["kind"] = CSL_TO_KIND.get(ctype or "", DocumentKind.OTHER)
    if KIND_TO_CSL[fields["kind"]] != ctype:
        extra[_KIND_KEY] = ctype
    fields["title"] = title or ""
    authors = extra.pop("author", [])
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        problems.append(f"{where}.author: must be a list of name objects")
        authors = []
    fields["authors"] = authors
    for csl_key, field in (("publisher", "publisher"), ("container-title", "container_title"),
                           ("URL", "url"), ("language", "language"), ("note", "notes")):
        if csl_key in extra:
            value = extra.pop(csl_key)
            if not isinstance(value, str):
                problems.append(f"{where}.{csl_key}: must be text")
                continue
            fields[field] = value
    for csl_key, field in (("issued", "issued"), ("accessed", "accessed")):
        if csl_key in extra:
            text = _date_to_text(extra[csl_key])
            if text is not None:
                fields[field] = text
                del extra[csl_key]
    for key in IDENTIFIER_KEYS:
        if isinstance(extra.get(key), str):
            fields["identifier"] = extra.pop(key)
            extra[_ID_KEY] = key
            break
    fields["csl_extra"] = extra
    return fields


def document_to_csl(doc: Document) -> dict[str, Any]:
    """One Document as a CSL-JSON item (what Zotero imports)."""
    extra = dict(doc.csl_extra or {})
    id_key = extra.pop(_ID_KEY, None)
    ctype = extra.pop(_KIND_KEY, None) or KIND_TO_CSL[doc.kind]
    item: dict[str, Any] = {"id": str(doc.uuid), "type": ctype, "title": doc.title}
    if doc.authors:
        item["author"] = doc.authors
    for field, csl_key in (("publisher", "publisher"), ("container_title", "container-title"),
                           ("url", "URL"), ("language", "language"), ("notes", "note")):
        value = getattr(doc, field)
        if value:
            item[csl_key] = value
    for field in ("issued", "accessed"):
        value = _text_to_date(getattr(doc, field))
        if value:
            item[field] = value
    if doc.identifier:
        item[id_key or _guess_id_key(doc.identifier)] = doc.identifier
    item.update(extra)  # fields Casefile keeps verbatim (including the original "id")
    return item


def _guess_id_key(identifier: str) -> str:
    if re.match(r"^10\.\d{4,9}/", identifier):
        return "DOI"
    if re.fullmatch(r"(97[89][- ]?)?[0-9][- 0-9]{8,15}[0-9Xx]", identifier):
        return "ISBN"
    return "number"


def load_csl(path: Path, *, max_bytes: int = 64 * 1024 * 1024) -> list[Any]:
    """Read a CSL-JSON file (a list of items), with a clear error if it is not one.

    Refused with a one-line CslError naming the file and the problem, before anything is
    imported: a folder, a pipe or anything else not a regular file (never opened, so a pipe
    cannot block), a file over `max_bytes` (64 MB: a Zotero export of 10,000 items is ~20 MB),
    and JSON a case cannot hold, by the rules bundles follow (casefile/bounded_json.py:
    nesting, NaN and Infinity, integers beyond 64 bits, with their JSON path)."""
    import os
    import stat

    from casefile.bounded_json import JsonRefusedError, load_bounded_json

    def refused(reason: str, problem: str = "") -> CslError:
        # `problems` as CslError has them ('where: what'); the message on one line.
        err = CslError(str(path), [problem or f"(file): {reason}"])
        err.args = (f"{path}: {reason} (nothing was imported)",)
        return err

    def check(st: os.stat_result) -> None:
        if stat.S_ISDIR(st.st_mode):
            raise refused("is a folder; give a CSL-JSON file")
        if not stat.S_ISREG(st.st_mode):
            raise refused("is not a regular file (a pipe, socket or device); give a CSL-JSON "
                          "file")
        if st.st_size > max_bytes:
            raise refused(f"{st.st_size:,} bytes, more than a CSL-JSON file may hold "
                          f"({max_bytes // 2**20} MB)")

    try:
        check(os.stat(path))
        # O_NONBLOCK: if the name became a pipe since the check, opening it does not wait.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            check(os.fstat(fh.fileno()))
            raw = fh.read(max_bytes + 1)  # a file that grew since is still refused
    except FileNotFoundError:
        raise refused("no such file") from None
    except OSError as exc:
        raise refused(f"cannot be read ({exc.strerror})") from None
    try:
        data = load_bounded_json(raw, "the file", max_bytes=max_bytes)
    except JsonRefusedError as exc:
        more = f" and {len(exc.problems) - 1} more" if len(exc.problems) > 1 else ""
        raise refused(f"not CSL-JSON Casefile can import ({exc.problems[0]}{more})",
                      f"(file): not CSL-JSON ({exc.problems[0]})") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise refused("not CSL-JSON (its top level is not a list of items)",
                      "(top): CSL-JSON is a list of items")
    return data


def format_citation(item: dict[str, Any], style: str = DEFAULT_STYLE, locale: str = "en-US"
                    ) -> str:
    """A note citation for one CSL item, as plain text, e.g.
    'Elena Morozova, “Bridge Traffic Thins…,” Amur Courier, September 21, 2026, https://…'."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    key = (style, locale)
    if key not in _STYLES:  # parsing the style is most of the cost of one citation
        _STYLES[key] = CitationStylesStyle(str(resource_path("csl", style)), locale=locale,
                                           validate=False)
    csl_item = dict(item, id="item")
    source = CiteProcJSON([csl_item])
    bib = CitationStylesBibliography(_STYLES[key], source, formatter.plain)
    citation = Citation([CitationItem("item")])
    bib.register(citation)
    text = str(bib.cite(citation, lambda _item: None))
    if locale.startswith("en-US"):
        # American style puts commas and full stops inside closing quotation marks; citeproc-py
        # does not apply the locale's punctuation-in-quote rule itself.
        text = text.replace("”,", ",”").replace("”.", ".”")
    return text


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
        parts = [str(entry[k]) for k in _NAME_PARTS if isinstance(entry.get(k), str)]
        views = [" ".join(parts), "".join(parts), *parts,
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
