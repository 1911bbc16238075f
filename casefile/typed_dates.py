"""Dates as people type them for a document ("Feb 2026", "12 February 2026", "2026"),
turned into the partial ISO form citations are made from ("2026-02", "2026-02-12", "2026").

A document is often known only to the month or the year, so a date may stop at either; a
day-first numeric date is read only with dots (12.02.2026), where no reader takes it for
American month-first. Anything else is refused with what was typed and what is accepted.
"""

from __future__ import annotations

import re
from datetime import date

from casefile.errors import ValidationError

ACCEPTED = ("2026, 2026 г., 2026-02, 2026-02-12, 12.02.2026, Feb 2026, February 2026, "
            "12 Feb 2026, 12th February 2026, Feb 12, 2026, февраль 2026 or 12 февраля 2026 г.")

# Every spelling of a month that is read as one — whole names, the usual abbreviations, and
# the Russian nominative and genitive ("февраль", "февраля") — and nothing else: a word that
# merely starts like a month ("мартышка", "августовский", "Mayor") is no date.
_MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "январь", "января", "янв"),
    ("february", "feb", "febr", "февраль", "февраля", "фев", "февр"),
    ("march", "mar", "март", "марта", "мар"),
    ("april", "apr", "апрель", "апреля", "апр"),
    ("may", "май", "мая"),
    ("june", "jun", "июнь", "июня", "июн"),
    ("july", "jul", "июль", "июля", "июл"),
    ("august", "aug", "август", "августа", "авг"),
    ("september", "sep", "sept", "сентябрь", "сентября", "сен", "сент"),
    ("october", "oct", "октябрь", "октября", "окт"),
    ("november", "nov", "ноябрь", "ноября", "ноя", "нояб"),
    ("december", "dec", "декабрь", "декабря", "дек"),
)
_MONTH_OF = {spelling: number for number, spellings in enumerate(_MONTHS, start=1)
             for spelling in spellings}
_WORD = r"([^\W\d_]+)\.?,?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"  # "12", "12th"
_YEAR_END = r"(?:\s*г\.?|\s*года?)?"  # "2026 г.", "2026 года"
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), order) for pattern, order in (
        (rf"(\d{{4}}){_YEAR_END}", "y"),
        (r"(\d{4})[-/.](\d{1,2})", "ym"),
        (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", "ymd"),
        (rf"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_YEAR_END}", "dmy"),
        (rf"{_WORD}\s*(\d{{4}}){_YEAR_END}", "My"),
        (rf"{_DAY}\s+(?:of\s+)?{_WORD}\s*(\d{{4}}){_YEAR_END}", "dMy"),
        (rf"{_WORD}\s*{_DAY},?\s+(\d{{4}})", "Mdy"),
    ))


def month_number(word: str) -> int | None:
    """1–12 for a month's name or usual abbreviation ("Feb", "Sept.", "февраля"), else None."""
    return _MONTH_OF.get(word.lower().rstrip("."))


def typed_date(text: str, label: str = "date") -> str:
    """The partial ISO date ("2026", "2026-02", "2026-02-12") for a date as typed; "" for
    nothing typed. ValidationError names the field, what was typed and what is accepted."""
    typed = " ".join(text.split())
    if not typed:
        return ""
    for pattern, order in _FORMS:
        found = pattern.fullmatch(typed)
        if found is None:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        month = parts.get("m") or (month_number(parts["M"]) if "M" in parts else None)
        if "M" in parts and month is None:
            break  # a word that is no month: refused below
        value = _checked(int(parts["y"]), int(month) if month else None,
                         int(parts["d"]) if "d" in parts else None)
        if value is not None:
            return value
        break
    raise ValidationError(f"{label}: “{text.strip()}” is not a date Casefile understands; "
                          f"write it like {ACCEPTED}")


def _checked(year: int, month: int | None, day: int | None) -> str | None:
    """The ISO text, or None when no such day exists (2026-02-30, month 13)."""
    if not 1 <= year <= 9999:
        return None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return "-".join([f"{year:04d}", *(f"{p:02d}" for p in (month, day) if p is not None)])
