"""Checking a bundle's JSON against its schema: compiled for speed, `jsonschema` for words.

The compiled validator (jsonschema-rs) passes a valid 154k-record document in milliseconds
where the pure-Python one took seconds; only a document it refuses is checked again by
`jsonschema`, whose messages (with each problem's JSON path) are what the user reads and
what docs/bundle-format.md and the tests quote. A test checks that the compiled validator
never passes a document `jsonschema` refuses.
"""

from __future__ import annotations

import functools
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
    milliseconds instead of the seconds the pure-Python validator takes."""
    return jsonschema_rs.Draft202012Validator(load_schema())


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
    validator = jsonschema.Draft202012Validator(load_schema())
    return [f"{jpath(list(err.absolute_path))}: {_schema_message(err)}"
            for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path)))]


def _schema_message(err: jsonschema.ValidationError) -> str:
    message = str(err.message)
    if err.validator == "additionalProperties":
        return message.replace("Additional properties are not allowed", "unknown field")
    if err.validator == "required":
        return message.replace("is a required property", "is required")
    return message
