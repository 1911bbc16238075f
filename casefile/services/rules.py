"""The rules a record's values must keep, on plain values: the services apply them to what a
caller sets (and raise ValidationError), the bundle loader to a bundle's rows in bulk (and
lists each problem at its JSON path). One rule, two wordings of where it broke.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import JSON
from sqlalchemy.sql.sqltypes import Enum as SAEnum

from casefile.db.types import UTCDateTime
from casefile.errors import ValidationError
from casefile.models.claims import EVIDENCE_TARGETS
from casefile.models.enums import GroundRules, parse_enum

NUL = "contains a NUL character"
LONE_SURROGATE = "contains invalid Unicode (a lone surrogate)"
ONE_EVIDENCE_TARGET = "give exactly one of " + ", ".join(EVIDENCE_TARGETS)


def text_problem(value: str) -> str | None:
    """Why SQLite cannot store this text faithfully (a NUL, a lone surrogate), or None.
    ASCII without NUL — nearly every string — is answered without encoding it."""
    if "\x00" in value:
        return NUL
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE
    return None


def check_text(where: str, value: str) -> None:
    """Refuse text SQLite cannot store faithfully (NUL, lone surrogates)."""
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(f"{where} {problem}")


def needs_attribution_phrase(ground_rules: GroundRules | str | None, phrase: str | None) -> bool:
    """True when the ground rules (background, confidential) require a pseudonym or an
    attribution phrase — how the story may refer to the source — and there is none."""
    rules = parse_enum(GroundRules, ground_rules or GroundRules.ON_RECORD.value)
    return rules.needs_phrase and not (phrase or "").strip()


def record_problems(kind: str, get: Callable[[str], Any]) -> list[tuple[str, str]]:
    """The field rules of one record of `kind` (`get(name)`: a field's value, from an object
    or from a bundle's row), as (field, what is wrong) for each one broken."""
    problems: list[tuple[str, str]] = []
    if kind in ("team_member", "source"):
        name = get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(("name", "name is required"))
    if kind == "team_member":
        position = get("byline_position")
        if isinstance(position, int) and position < 1:
            problems.append(("byline_position", "a byline position counts from 1"))
    return problems


def check_record(kind: str, obj: Any) -> None:
    """Raise ValidationError for the first field rule `obj` breaks (`record_problems`)."""
    for _field, problem in record_problems(kind, lambda name: getattr(obj, name, None)):
        raise ValidationError(f"{kind.replace('_', ' ')}: {problem}")


SpanProblem = Literal["beyond", "reversed"]


def span_problem(start: int | None, end: int | None, length: int) -> SpanProblem | None:
    """What is wrong with a quote's span [start, end) of a transcript `length` long:
    "beyond" (outside the transcript), "reversed" (empty or backwards), or None."""
    if start is None or end is None or start < 0 or end > length:
        return "beyond"
    if start >= end:
        return "reversed"
    return None


def words_at_span(transcript: str, start: int, end: int, text: str) -> bool:
    """Whether the transcript holds exactly the quote's words at its span."""
    return transcript[start:end] == text


def published_wording(text: str) -> str:
    """A published wording as kept: white space alone is no wording."""
    return text if text.strip() else ""


def evidence_target_problem(targets: Mapping[str, Any]) -> str | None:
    """An evidence link points at exactly one of EVIDENCE_TARGETS (`targets`: each
    target field's value, missing or empty for none)."""
    given = [t for t in EVIDENCE_TARGETS if targets.get(t)]
    return None if len(given) == 1 else ONE_EVIDENCE_TARGET


def needs_zone(column_type: Any) -> bool:
    """Whether a column keeps an instant (a time zone is required) rather than a local
    date-time."""
    return isinstance(column_type, UTCDateTime)


def coerce(kind: str, col: Any, value: Any) -> Any:
    """Check one value against its column, converting enum text; raise ValidationError."""
    name, type_ = col.key, col.type
    if value is None:
        if col.nullable:
            return None
        raise ValidationError(f"{kind}: {name} cannot be empty")
    if isinstance(type_, SAEnum) and type_.enum_class is not None:
        try:
            return parse_enum(type_.enum_class, value)
        except ValueError as exc:
            raise ValidationError(f"{kind}: {name}: {exc}") from None
    if isinstance(type_, JSON):
        expected: type = type(col.default.arg(None)) if col.default is not None else list
    else:
        expected = type_.python_type
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is date and isinstance(value, datetime):
        ok = False
    if not ok:
        raise ValidationError(
            f"{kind}: {name} must be {expected.__name__}, not {type(value).__name__}")
    if needs_zone(type_) and value.tzinfo is None:
        raise ValidationError(f"{kind}: {name} needs a time zone")
    if isinstance(value, str):
        check_text(f"{kind}: {name}", value)
    return value
