"""RIS to and from CSL-JSON items, through rispy.

Tags map to the CSL variables Zotero's RIS translator uses (zotero/translators, RIS.js):
TY types, AU/A1 authors, A2/ED editors, A3 series editors, A4 translators, PY/DA/Y1 dates,
TI/T1 titles, T2/JO/JF/BT containers, SP/EP pages, DO, UR, AB/N2, KW; N1/RN are the user's
notes (CSL "annote", private) and M2 is Zotero's Extra (CSL "note"), as Zotero reads them.
rispy drops a record silently when it has no `ER` or no `TY`; records are therefore cut here
first, so each bad one is reported with its line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from casefile.media.reference_items import problem_item

RIS_TO_CSL = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "JFULL": "periodical",
    "ABST": "article-journal", "INPR": "article-journal", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "SER": "book", "CTLG": "book", "CHAP": "chapter", "ECHAP": "chapter", "RPRT": "report",
    "GOVDOC": "report", "THES": "thesis", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "ELEC": "webpage", "WEB": "webpage", "ICOMM": "webpage",
    "BLOG": "post-weblog", "DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset",
    "CASE": "legal_case", "STAT": "legislation", "LEGAL": "legislation", "BILL": "bill",
    "PCOMM": "personal_communication", "GEN": "document", "UNPB": "manuscript",
    "MANSCPT": "manuscript", "PAT": "patent", "MAP": "map", "VIDEO": "motion_picture",
    "MPCT": "motion_picture", "SOUND": "song", "MUSIC": "song", "ADVS": "motion_picture",
    "STAND": "standard", "PAMP": "pamphlet", "HEAR": "hearing", "ART": "graphic",
    "FIGURE": "figure", "COMP": "software", "ENCYC": "entry-encyclopedia",
    "DICT": "entry-dictionary", "MULTI": "webpage", "CLSWK": "book", "SLIDE": "speech",
    "EQUA": "document", "CHART": "graphic", "GRANT": "document", "UNBILL": "bill",
}
CSL_TO_RIS = {
    "article-journal": "JOUR", "article": "JOUR", "periodical": "JFULL",
    "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
    "chapter": "CHAP", "report": "RPRT", "thesis": "THES", "paper-conference": "CPAPER",
    "webpage": "ELEC", "post-weblog": "BLOG", "post": "ELEC", "dataset": "DATA",
    "legal_case": "CASE", "legislation": "STAT", "bill": "BILL",
    "personal_communication": "PCOMM", "letter": "PCOMM", "document": "GEN",
    "manuscript": "MANSCPT", "patent": "PAT", "map": "MAP", "motion_picture": "MPCT",
    "song": "SOUND", "standard": "STAND", "pamphlet": "PAMP", "hearing": "HEAR",
    "graphic": "ART", "figure": "FIGURE", "software": "COMP",
    "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT", "speech": "SLIDE",
    "treaty": "LEGAL",  # RIS has no treaty: LEGAL with M3 "treaty" (read back as a treaty)
}
_TREATY_GENRE = "treaty"
_TAGS = re.findall(r"\w\w", "TY A1 A2 A3 A4 AU ED AB AD AN BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CY DA "
                   "DB DO DP ET EP ID IS J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB M1 M2 M3 N1 N2 NV "
                   "OP PB PP PY RI RN RP SE SN SP ST T1 T2 T3 TA TI TT UR VL Y1 Y2 ER")
_MAPPING = {**{t: t.lower() for t in _TAGS}, "UK": "unknown_tag"}
_LIST_TAGS = ["A1", "A2", "A3", "A4", "AU", "ED", "KW", "N1", "UR", "L1", "L2", "L3", "L4",
              "SN", "M2"]  # M2: Zotero's Extra, one line of it each
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})
# Extra lines that carry what RIS has no tag for (Zotero's Extra convention: a CSL variable
# and its value), written on export and read back here.
_ISSUED_LINE = re.compile(r"(?im)^\s*issued\s*:\s*(.+?)\s*$")
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
# Some exporters (EndNote variants, Zotero's own test case) write one space: "TY - JOUR".
_LOOSE_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")


def _records(text: str, source: str) -> list[tuple[int, str | None, list[str]]]:
    """(line, problem or None, lines) for each record: from 'TY  -' to 'ER  -'. Tag lines
    come back in the standard 'XX  - value' form rispy reads."""
    records: list[tuple[int, str | None, list[str]]] = []
    current: list[str] | None = None
    start = 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_ty = next((ln for ln in lines if ln.startswith("TY ")), "")
    pattern = _TAG_LINE if _TAG_LINE.match(first_ty.rstrip()) else _LOOSE_TAG_LINE
    for number, line in enumerate(lines, 1):
        m = pattern.match(line.rstrip())
        tag = m.group(1) if m else None
        if m:
            line = f"{tag}  - {m.group(2) or ''}".rstrip()
        if tag == "TY":
            if current is not None:
                records.append((start, "has no 'ER  -' line before the next 'TY  -'", current))
            current, start = [line], number
        elif current is None:
            if line.strip() and tag:  # a tag outside any record (text between is ignored)
                records.append((number, f"'{tag}' outside a record (no 'TY  -' before it)",
                                []))
        else:
            current.append(line)
            if tag == "ER":
                records.append((start, None, current))
                current = None
    if current is not None:
        records.append((start, "has no 'ER  -' line (the file ends inside it)", current))
    return records


def _name(value: str) -> dict[str, str]:
    """'Family, Given[, Suffix]' (the RIS form), else one literal name (an organisation)."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 2 and parts[0] and not parts[1]:
        return {"family": parts[0]}  # "Family," (one name, not an organisation)
    if len(parts) >= 2 and parts[0] and parts[1]:
        if len(parts) == 3 and parts[1].lower() in _SUFFIXES and \
                parts[2].lower() not in _SUFFIXES:
            parts = [parts[0], parts[2], parts[1]]  # "O'Neil, Jr, Pat": the suffix first
        person = {"family": parts[0], "given": parts[1]}
        if len(parts) > 2 and parts[2]:
            person["suffix"] = ", ".join(parts[2:])
        return person
    return {"literal": value.strip().strip(",").strip()}


def _date(value: str) -> dict[str, Any] | None:
    """A CSL date from RIS 'YYYY/MM/DD/other' (or 'YYYY-MM-DD'); else a literal."""
    value = value.strip()
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?(?:/.*)?", value)
    if not m:
        return {"literal": value}
    if int(m.group(1)) == 0:
        return None  # "0000": no date (Scopus writes it)
    parts = [int(m.group(1))]
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        parts.append(int(m.group(2)))
        if m.group(3) and 1 <= int(m.group(3)) <= 31:
            parts.append(int(m.group(3)))
    return {"date-parts": [parts]}


def _extra_date(text: str) -> dict[str, Any] | None:
    """A CSL date from an Extra `issued:` line (what export writes for a range or a circa
    date), or None if it is no date."""
    from casefile.errors import ValidationError
    from casefile.media.csl import _text_to_date, document_date

    try:
        value = _text_to_date(document_date(text, "issued"))
    except ValidationError:
        return None
    return value if value and "date-parts" in value else None


def _values(record: dict[str, Any], key: str) -> list[str]:
    value = record.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else \
        [value] if isinstance(value, str) else []


def _first(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key.lower())
        if isinstance(value, list):
            value = next((v for v in value if v.strip()), "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _record_to_csl(record: dict[str, Any]) -> dict[str, Any]:
    ty = _first(record, "TY").upper()
    genre = _first(record, "M3")
    if re.match(r"(doi:\s*)?10\.\d{4,9}/", genre, re.I):
        genre = ""  # a DOI where the type of work belongs (a common publisher export)
    ctype = RIS_TO_CSL.get(ty, "document")
    if ty == "LEGAL" and genre.lower() == _TREATY_GENRE:
        ctype, genre = "treaty", ""
    item: dict[str, Any] = {"type": ctype}
    if _first(record, "ID"):
        item["id"] = _first(record, "ID")
    title = _first(record, "TI", "T1", "CT")
    if not title and ty in ("JFULL",):
        title = _first(record, "JO", "JF", "T2")
    if title:
        item["title"] = re.sub(r"\s+", " ", title)
    for tags, csl_key in ((("AU", "A1"), "author"), (("A2", "ED"), "editor"),
                          (("A3",), "collection-editor"), (("A4",), "translator")):
        names = [_name(v) for t in tags for v in record.get(t.lower()) or [] if v.strip()]
        if names:
            item[csl_key] = names
    container = _first(record, "T2", "JF", "JO", "BT", "JA", "J2", "J1") \
        if ty != "JFULL" else ""
    if container and ctype == "book" and not _first(record, "T3"):
        item["collection-title"] = container  # a book's T2 is its series (as in Zotero)
    elif container:
        item["container-title"] = container
    short_container = _first(record, "J2", "JA")
    if short_container and short_container != container:
        item["container-title-short"] = short_container
    for tag, csl_key in (("T3", "collection-title"), ("ST", "title-short"),
                         ("PB", "publisher"), ("CY", "publisher-place"),
                         ("PP", "publisher-place"), ("VL", "volume"), ("IS", "issue"),
                         ("ET", "edition"), ("LA", "language"), ("AB", "abstract"),
                         ("N2", "abstract"), ("DO", "DOI"), ("NV", "number-of-volumes"),
                         ("SE", "chapter-number" if ctype == "chapter" else "section")):
        value = _first(record, tag)
        if value and csl_key not in item:
            item[csl_key] = value
    if "title-short" in item and item["title-short"] == item.get("title"):
        del item["title-short"]
    if ctype in ("legal_case", "legislation", "bill", "treaty") and "publisher" in item:
        item["authority"] = item.pop("publisher")  # the court or legislature (Zotero: court)
    if genre:
        item["genre"] = genre
    if "issue" in item and not ctype.startswith("article") and ctype != "chapter":
        item["number"] = item.pop("issue")  # a report's or bill's number
    start, end = _first(record, "SP"), _first(record, "EP")
    if start or end:
        item["page"] = f"{start}-{end}" if start and end and start != end else start or end
    urls = [u.strip() for u in record.get("ur") or [] for u in re.split(r"\s*;\s*|\s+", u)
            if u.strip()]
    if urls:
        item["URL"] = urls[0]
    for serial in (s.strip() for s in record.get("sn") or [] if s.strip()):
        # SN is either: an ISSN has eight digits, and articles and periodicals have ISSNs
        issn = ctype.startswith("article") or ctype == "periodical" or \
            re.fullmatch(r"\d{4}-?\d{3}[\dXx]", serial) is not None
        item.setdefault("ISSN" if issn else "ISBN", serial)
    if "DOI" in item:
        item["DOI"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", item["DOI"], flags=re.I)
    keywords = [k.strip() for k in record.get("kw") or [] if k.strip()]
    if keywords:
        item["keyword"] = ", ".join(keywords)
    # As in Zotero: N1 and RN are the user's notes (Casefile's private notes, CSL "annote",
    # withheld from every default export); M2 is Zotero's "Extra" (CSL "note").
    notes = [n.strip() for tag in ("n1", "rn") for n in _values(record, tag) if n.strip()]
    if notes:
        item["annote"] = "\n".join(notes)
    extra = "\n".join(line.rstrip() for line in _values(record, "m2")).strip()
    issued_line = _ISSUED_LINE.search(extra)
    exact = _extra_date(issued_line.group(1)) if issued_line else None
    if exact is not None and issued_line is not None:  # a range or circa RIS cannot hold
        extra = "\n".join(line for n, line in enumerate(extra.split("\n"))
                          if n != extra.count("\n", 0, issued_line.start())).strip("\n")
    if extra:
        item["note"] = extra
    issued = _date(_first(record, "DA", "PY", "Y1"))
    year = _date(_first(record, "PY", "Y1"))
    if issued and year and "date-parts" in issued and "date-parts" in year \
            and issued["date-parts"][0][0] != year["date-parts"][0][0]:
        issued = year  # DA is sometimes another date than the publication year (Zotero)
    if exact is not None:
        issued = exact
    if issued:
        item["issued"] = issued
    accessed = _date(_first(record, "Y2"))
    if accessed:
        item["accessed"] = accessed
    return item


def ris_to_csl(text: str, source: str) -> list[dict[str, Any]]:
    """CSL-JSON items for every record of a RIS text, in file order; a record that is cut
    short or cannot be read comes back as a problem item naming the file and line."""
    import rispy  # type: ignore[import-untyped]

    items: list[dict[str, Any]] = []
    for line, problem, lines in _records(text, source):
        where = f"{source}:{line}: record"
        if problem:
            title = next((m.group(2) for m in map(_TAG_LINE.match, lines)
                          if m and m.group(1) in ("TI", "T1") and m.group(2)), "")
            items.append(problem_item(where, problem, title=title))
            continue
        try:
            [record] = rispy.loads("\n".join(lines), mapping=_MAPPING, list_tags=_LIST_TAGS)
            item = _record_to_csl(record)
        except Exception as exc:  # rispy on an odd record: skip this one only
            items.append(problem_item(where, f"cannot be read ({type(exc).__name__}: {exc})"))
            continue
        items.append(item)
    return items


# ---------------------------------------------------------------- export


def _name_to_ris(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    if person.get("literal") or not person.get("family"):
        literal = str(person.get("literal") or person.get("given") or "").strip()
        return literal if person.get("literal") or "," not in literal else ""
    family = " ".join(str(person.get(k, "")) for k in (
        "dropping-particle", "non-dropping-particle", "family")).strip()
    parts = [family]
    if not person.get("given") and not person.get("suffix"):
        return family + ","  # a family name alone, read back as one (not as a literal)
    if person.get("given") or person.get("suffix"):
        parts.append(str(person.get("given", "")))
    if person.get("suffix"):
        parts.append(str(person["suffix"]))
    return ", ".join(parts)


def _date_to_ris(value: Any) -> tuple[str, str]:
    """(PY, DA) for a CSL date: the year, and 'YYYY/MM/DD/' when there is more."""
    if not isinstance(value, dict):
        return "", ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            nums = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            nums = []
        if nums:
            da = "/".join([f"{nums[0]:04d}", *[f"{n:02d}" for n in nums[1:]]])
            return f"{nums[0]:04d}", da + "/" * (4 - len(nums)) if len(nums) > 1 else ""
    for key in ("literal", "raw"):
        if isinstance(value.get(key), str) and value[key].strip():
            return value[key].strip(), ""
    return "", ""


def _exact_date(value: Any, *, always: bool = False) -> str:
    """A CSL date as Casefile's date text ("1999-05/2001-02", "ca. 1999") when RIS's PY/DA
    would lose part of it (a range, circa, a season), or `always`; else ""."""
    from casefile.media.csl import _date_to_text

    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    lossy = value.get("circa") or value.get("season") or \
        (isinstance(parts, list) and len(parts) > 1)
    if not (lossy or always):
        return ""
    return _date_to_text(value) or ""


def _one_line(value: Any) -> str:
    return re.sub(r"\s*\n\s*", " ", str(value)).strip()


def csl_to_ris(items: Sequence[dict[str, Any]]) -> str:
    """A RIS file for CSL-JSON items — the items export_csl gives, already redacted by its
    policy; nothing else is consulted."""
    import rispy  # type: ignore[import-untyped]
    from rispy.writer import RisWriter  # type: ignore[import-untyped]

    class _Writer(RisWriter):  # type: ignore[misc]  # no "1." line before each record (Zotero writes none)
        def set_header(self, count: int) -> str:
            return ""

        REFERENCE_TYPE_KEY = "ty"

    records: list[dict[str, Any]] = []
    for item in items:
        ctype = str(item.get("type", "document"))
        rec: dict[str, Any] = {"ty": CSL_TO_RIS.get(ctype, "GEN")}
        if item.get("id"):
            rec["id"] = _one_line(item["id"])
        if isinstance(item.get("title"), str):
            rec["ti"] = _one_line(item["title"])
        for csl_key, tag in (("author", "au"), ("editor", "a2"), ("collection-editor", "a3"),
                             ("translator", "a4")):
            names = [n for n in map(_name_to_ris, item.get(csl_key) or []) if n]
            if names:
                rec[tag] = names
        for csl_key, tag in (("container-title", "t2"), ("container-title-short", "j2"),
                             ("collection-title", "t3"), ("title-short", "st"),
                             ("publisher", "pb"), ("authority", "pb"),
                             ("publisher-place", "cy"), ("volume", "vl"), ("issue", "is"),
                             ("number", "is"), ("edition", "et"), ("language", "la"),
                             ("abstract", "ab"), ("DOI", "do"), ("genre", "m3"),
                             ("number-of-volumes", "nv"), ("section", "se"),
                             ("chapter-number", "se")):
            value = item.get(csl_key)
            if isinstance(value, (str, int)) and str(value).strip() and tag not in rec:
                rec[tag] = _one_line(value)
        if ctype == "treaty":
            rec["m3"] = _TREATY_GENRE
        if isinstance(item.get("page"), (str, int)):
            start, _, end = str(item["page"]).replace("–", "-").partition("-")
            rec["sp"] = start.strip()
            if end.strip():
                rec["ep"] = end.strip()
        for csl_key in ("ISBN", "ISSN"):
            if isinstance(item.get(csl_key), str):
                rec.setdefault("sn", []).append(item[csl_key])
        if isinstance(item.get("URL"), str):
            rec["ur"] = [item["URL"]]
        if isinstance(item.get("keyword"), str):
            rec["kw"] = [k.strip() for k in item["keyword"].split(",") if k.strip()]
        if isinstance(item.get("annote"), str) and item["annote"].strip():
            rec["n1"] = [_one_line(n) for n in item["annote"].splitlines() if n.strip()]
        extra = [line.rstrip() for line in str(item.get("note") or "").splitlines()
                 if line.strip()]
        exact = _exact_date(item.get("issued"))
        if exact:
            extra.append(f"issued: {exact}")
        original = _exact_date(item.get("original-date"), always=True)
        if original and not any(re.match(r"(?i)\s*original[ -]?date\s*:", e) for e in extra):
            extra.append(f"original-date: {original}")
        if extra:
            rec["m2"] = extra  # one M2 line for each line of the Extra (its key: value lines)
        py, da = _date_to_ris(item.get("issued"))
        if py:
            rec["py"] = py
        if da:
            rec["da"] = da
        y2 = _date_to_ris(item.get("accessed"))
        if y2[0]:
            rec["y2"] = y2[1] or y2[0]
        records.append(rec)
    return str(rispy.dumps(records, implementation=_Writer, mapping=_MAPPING,
                           list_tags=_LIST_TAGS))
