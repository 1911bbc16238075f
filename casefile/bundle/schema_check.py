"""Checking a bundle's JSON against its schema: compiled for speed, `jsonschema` for words.

The compiled validator (jsonschema-rs) passes a valid 154k-record document in milliseconds
where the pure-Python one took seconds; only a document it refuses is checked again by
`jsonschema`, whose messages (with each problem's JSON path) are what the user reads and
what docs/bundle-format.md and the tests quote. A test checks that the compiled validator
never passes a document `jsonschema` refuses.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import jsonschema
import jsonschema_rs

from casefile.bundle.schema import load_schema


def jpath(parts: list[Any]) -> str:
    """`['interviews', 3, 'quotes', 0]` -> 'interviews[3].quotes[0]'."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"


@functools.cache
def _compiled() -> Any:
    """The schema compiled once (jsonschema-rs): checking a 154k-record bundle takes
    milliseconds instead of the seconds the pure-Python validator takes. Its `format`s
    (date-time, date, uuid) are checked too: the schema is import's first check, so a
    third party validating with formats on refuses what import refuses."""
    return jsonschema_rs.Draft202012Validator(load_schema(), validate_formats=True)


# The formats the schema names, for the full check. `date-time` is judged as import parses
# times (`datetime.fromisoformat`, after the schema's pattern has fixed their shape), so
# listing the problems needs no RFC 3339 package at run time.
_FORMATS = jsonschema.FormatChecker(["date", "uuid"])


def _date_time(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value)
    return True


_FORMATS.checks("date-time", raises=ValueError)(_date_time)


def schema_problems(doc: Any) -> list[str]:
    """Every place `doc` breaks the schema, each as 'json.path: what'. A valid document is
    passed by the compiled check alone; only a document it refuses (or a value it cannot
    take, such as a lone surrogate) is checked again by `jsonschema`, which lists every
    problem in the messages the tests and docs quote."""
    try:
        if _compiled().is_valid(doc):
            return []
    except Exception:  # noqa: BLE001, S110 - the full check below decides
        pass
    validator = jsonschema.Draft202012Validator(load_schema(), format_checker=_FORMATS)
    found = [_problem(err) for err in
             sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path)))]
    if not found:
        found = _compiled_problems(doc)
    return list(dict.fromkeys(found))  # a value broken two ways (pattern, format) once


def _compiled_problems(doc: Any) -> list[str]:
    """The compiled validator's own words, for a document only it refuses (its date-time
    format differs from `fromisoformat` at the edges): never a refusal with no reason."""
    try:
        return [f"{jpath(list(err.instance_path))}: {err.message}"
                for err in _compiled().iter_errors(doc)]
    except Exception:  # noqa: BLE001 - a value it cannot take: the semantic check decides
        return []


# Keywords whose failure is reported in the words of the rule's `description`
# (schema.rule), and those reported as "<value> is not <description>" (a time, a UUID).
_RULE_KEYWORDS = {"not", "minimum", "oneOf"}
_SHAPE_KEYWORDS = {"pattern", "format", "anyOf"}


def _problem(err: jsonschema.ValidationError) -> str:
    where = list(err.absolute_path)
    schema = err.schema if isinstance(err.schema, dict) else {}
    if err.validator == "required" and isinstance(err.instance, dict):
        # A missing field import has always named in its rule's words: a reference that
        # must be given (a request's source), a field a condition requires (a
        # confidential source's phrase). Any other is "'name' is required", as ever.
        for name in err.validator_value:
            field = schema.get("properties", {}).get(name, {})
            worded = field.get("not") == {"type": "null"} or "additionalProperties" not in schema
            if name not in err.instance and worded and "description" in field:
                return f"{jpath([*where, name])}: {field['description']}"
    return f"{jpath(where)}: {_schema_message(err, schema)}"


def _schema_message(err: jsonschema.ValidationError, schema: dict[str, Any]) -> str:
    message = str(err.message)
    description = schema.get("description")
    if isinstance(description, str):
        if err.validator in _RULE_KEYWORDS:
            return description
        if err.validator in _SHAPE_KEYWORDS:
            return f"{err.instance!r} is not {description}"
    if err.validator == "additionalProperties":
        return message.replace("Additional properties are not allowed", "unknown field")
    if err.validator == "required":
        return message.replace("is a required property", "is required")
    return message
