"""The bundle's JSON Schema, generated from the same specs that dump and import use.

`python -m casefile.bundle.schema` prints it; the checked-in copy (bundle.schema.json) is
compared with this output by a test, so the published schema always matches the code.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import Boolean, Enum, Float, Integer
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.types import JSON

from casefile.bundle.spec import FORMAT, FORMAT_VERSION, TOP, Spec
from casefile.claims.style import OUTLET_MAX
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime, UUIDText
from casefile.models import RECORD_KINDS, GroundRules
from casefile.models.claims import EVIDENCE_TARGETS
from casefile.services.rules import ONE_EVIDENCE_TARGET

UUID_PATTERN = (
    "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
SCHEMA_FILE = "bundle.schema.json"
# What SQLite stores as an integer; the importer refuses anything outside (files.INT64).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# JSON columns holding an object; the others hold arrays.
JSON_OBJECTS = {"exif", "csl_extra", "snapshot"}

# Times as the dump writes them (Python's `isoformat()`): RFC 3339 with an upper-case `T`,
# seconds, an optional fraction and, for a moment, an offset (`+00:00` or `Z`). The earlier
# docs said only "ISO 8601", and import's parser (`datetime.fromisoformat`) has always
# taken a time without seconds (`2026-11-03T09:15`), so that shape is taken too, though
# RFC 3339 has none: strict where Casefile's writer is exact, lenient where the old docs
# allowed (docs/bundle-format.md, "Times"). The pattern keeps months, days (February 29th
# only in a leap year), hours and offsets in range, so it alone is exact; `format` says
# the same for a validator that checks formats. A leap second (`23:59:60`) is refused, as
# `fromisoformat` refuses it.
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_DATE = ("(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
         "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
         f"|{_LEAP_YEAR}-02-29)")
_TIME = "T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]+)?)?"
_OFFSET = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
MOMENT_PATTERN = f"^{_DATE}{_TIME}{_OFFSET}$"
# A local time keeps the offset it was given; Python writes one of seconds (a zone's
# historic mean time, `+05:53:28`) as RFC 3339 cannot, and import has always taken it.
_SECONDS_OFFSET = "[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?"
LOCAL_PATTERN = f"^{_DATE}{_TIME}(?:{_OFFSET}|{_SECONDS_OFFSET})?$"
# What RFC 3339's `date-time` format cannot judge, so the pattern alone does: a time
# without seconds (with an offset or not), a time without an offset, an offset of seconds.
_NO_SECONDS = "T[0-9]{2}:[0-9]{2}(?:$|[Z+-])"
_NO_OFFSET = "T[0-9:.]+$"
DATE_PATTERN = f"^{_DATE}$"
# Python's `str.strip()` white space, spelled out: ECMA-262's `\\s` (what a validator in
# another language runs) is a different set.
BLANK_PATTERN = ("^[\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680"
                 "\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$")
MOMENT = "an ISO 8601 date-time with a time zone offset (RFC 3339)"
LOCAL = "an ISO 8601 date-time, its offset left out when unknown (RFC 3339)"
A_UUID = "a UUID (lower-case, 8-4-4-4-12 hex digits)"
A_DATE = "a date (YYYY-MM-DD)"


def moment() -> dict[str, Any]:
    """A UTC moment: offset required."""
    return {"type": "string", "pattern": MOMENT_PATTERN,
            "anyOf": [{"format": "date-time"}, {"pattern": _NO_SECONDS}],
            "description": MOMENT}


def rule(sentence: str, **schema: Any) -> dict[str, Any]:
    """A rule import words as `sentence`: schema_check reports a broken `not`, `minimum`
    or `oneOf` here, or the field missing where it is required, in those words."""
    return {**schema, "description": sentence}


def not_blank(sentence: str, **schema: Any) -> dict[str, Any]:
    """Text with something besides white space in it (what `str.strip()` leaves)."""
    return rule(sentence, **schema, **{"not": {"pattern": BLANK_PATTERN}})


def _column_schema(col: Any) -> dict[str, Any]:
    t = col.type
    out: dict[str, Any]
    if isinstance(t, Enum):
        values: list[Any] = list(t.enums)
        out = {"enum": values + ([None] if col.nullable else [])}
        return out
    if isinstance(t, UUIDText):
        out = {"type": "string", "format": "uuid", "pattern": UUID_PATTERN,
               "description": A_UUID}
    elif isinstance(t, UTCDateTime):
        out = moment()
    elif isinstance(t, LocalDateTime):
        # With an offset and seconds it is an RFC 3339 date-time; without (a camera clock
        # of unknown zone, a time to the minute) only the pattern can check it.
        out = {"type": "string", "pattern": LOCAL_PATTERN,
               "anyOf": [{"format": "date-time"}, {"pattern": _NO_OFFSET},
                         {"pattern": _NO_SECONDS}, {"pattern": f"{_SECONDS_OFFSET}$"}],
               "description": LOCAL}
    elif isinstance(t, ISODate):
        out = {"type": "string", "format": "date", "pattern": DATE_PATTERN,
               "description": A_DATE}
    elif isinstance(t, Boolean):
        out = {"type": "boolean"}
    elif isinstance(t, Integer):
        out = {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
    elif isinstance(t, Float):
        out = {"type": "number"}
    elif isinstance(t, JSON):
        out = {"type": "object" if col.key in JSON_OBJECTS else "array"}
    else:
        out = {"type": "string"}
    if col.nullable:
        out["type"] = [out["type"], "null"]
    return out


def _record_schema(spec: Spec) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required = []
    for col in spec.scalar_columns():
        props[col.key] = _column_schema(col)
        if not col.nullable and col.default is None:
            required.append(col.key)
    if spec.model.KIND == "quote":
        props["span"] = {
            "type": "object",
            "properties": {"start": {"type": "integer", "minimum": 0, "maximum": INT_MAX},
                           "end": {"type": "integer", "minimum": 0, "maximum": INT_MAX}},
            "required": ["start", "end"],
            "additionalProperties": False,
        }
        required.append("span")
    kind = spec.model.KIND.replace("_", " ")
    for name in spec.refs:
        props[name] = {"type": ["string", "null"], "format": "uuid", "pattern": UUID_PATTERN,
                       "description": A_UUID}
        if _required_ref(spec, name):  # NOT NULL: given, and not null
            props[name] = rule(f"a {kind} needs its {name.replace('_', ' ')}",
                               type=["string", "null"],
                               allOf=[{"format": "uuid", "pattern": UUID_PATTERN,
                                       "description": A_UUID}],
                               **{"not": {"type": "null"}})
            required.append(name)
    for name in spec.lists:
        props[name] = {"type": "array", "items": {"$ref": "#/$defs/uuid"}}
    if spec.model.KIND == "draft":
        props["byline"] = {"type": "array", "items": {"$ref": "#/$defs/uuid"}}
    if spec.model.KIND == "tag":
        props["records"] = {"type": "array", "items": {"$ref": "#/$defs/uuid"}}
    if spec.file_attr:
        props["file"] = {"$ref": "#/$defs/file"} if spec.file_required else {
            "anyOf": [{"$ref": "#/$defs/file"}, {"type": "null"}]}
        if spec.file_required:
            required.append("file")
    for key, child, _p in spec.children:
        props[key] = {"type": "array", "items": {"$ref": f"#/$defs/{child.model.KIND}"}}
    props["trash"] = {"$ref": "#/$defs/uuid", "description": "the trash entry holding it"}
    out = {"type": "object", "properties": props, "required": sorted(set(required)),
           "additionalProperties": False}
    out.update(_record_rules(spec, props))
    return out


def _record_rules(spec: Spec, props: dict[str, Any]) -> dict[str, Any]:
    """The field rules import applies to each record (casefile/services/rules.py) that a
    schema can say; their words are import's, so a problem reads the same either way."""
    kind = spec.model.KIND
    if kind in ("team_member", "source"):
        props["name"] = not_blank("name is required", type="string")
    if kind == "team_member":
        props["byline_position"] = rule("a byline position counts from 1",
                                        type=["integer", "null"], minimum=1,
                                        maximum=INT_MAX)
    if kind == "source":  # a background or confidential source has an attribution phrase
        return {"allOf": [
            {"if": {"properties": {"ground_rules": {"const": rules.value}},
                    "required": ["ground_rules"]},
             "then": {"properties": {"attribution_phrase": not_blank(
                 f"required for a source under ground rules '{rules.value}'")},
                 "required": ["attribution_phrase"]}}
            for rules in GroundRules if rules.needs_phrase]}
    if kind == "evidence_link":  # exactly one target: one branch holds, never two
        return {"oneOf": [{"properties": {t: {"type": "string"}}, "required": [t]}
                          for t in EVIDENCE_TARGETS],
                "description": ONE_EVIDENCE_TARGET}
    return {}


def _required_ref(spec: Spec, name: str) -> bool:
    """Whether the reference `name` of a record is a NOT NULL foreign key."""
    column = sa_inspect(spec.model).columns.get(f"{name}_id")
    return column is not None and not column.nullable


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of bundle format FORMAT_VERSION."""
    defs: dict[str, Any] = {
        "uuid": {"type": "string", "format": "uuid", "pattern": UUID_PATTERN,
                 "description": A_UUID},
        "file": {
            "type": "object",
            "properties": {
                "path": {"type": "string", "minLength": 1,
                         "description": "relative to the bundle; no '..', no absolute paths"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "size": {"type": "integer", "minimum": 0, "maximum": INT_MAX},
                "media_type": {"type": "string"},
            },
            "required": ["path", "sha256"],
            "additionalProperties": False,
        },
    }
    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "format_version": {"const": FORMAT_VERSION},
        "generator": {"type": "string"},
        "exported_at": moment(),
        "case": {
            "type": "object",
            "properties": {
                "uuid": {"$ref": "#/$defs/uuid"},
                "created_at": moment(),
                "updated_at": moment(),
                "title": {"type": "string", "minLength": 1},
                "slug": {"type": "string"},
                "summary": {"type": "string"},
                "language": {"type": "string"},
                "desk": {"type": "string"},
                "house_style": _house_style(),
            },
            "required": ["title"],
            "additionalProperties": False,
        },
        "trash": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "uuid": {"$ref": "#/$defs/uuid"},
                    "deleted_at": moment(),
                    "actor": {"type": "string"},
                    "record_kind": {"enum": sorted(RECORD_KINDS)},
                    "record_uuid": {"$ref": "#/$defs/uuid"},
                    "label": {"type": "string"},
                    "item_count": {"type": "integer", "minimum": INT_MIN,
                                   "maximum": INT_MAX},
                },
                "required": ["uuid", "deleted_at", "record_kind", "record_uuid"],
                "additionalProperties": False,
            },
        },
    }
    for spec in TOP:
        defs[spec.model.KIND] = _record_schema(spec)
        for _k, child, _p in spec.children:
            defs[child.model.KIND] = _record_schema(child)
        props[spec.key] = {"type": "array", "items": {"$ref": f"#/$defs/{spec.model.KIND}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:casefile:bundle:{FORMAT_VERSION}",
        "title": "Casefile interchange bundle",
        "type": "object",
        "properties": props,
        "required": ["format", "format_version", "case"],
        "additionalProperties": False,
        "$defs": defs,
    }


def _house_style() -> dict[str, Any]:
    """The house style (casefile/claims/style.py): the keys this version knows, each as it
    must be; a key it does not know is ignored, so a newer Casefile's style still imports."""
    return {
        "type": "object",
        "properties": {
            "courtesy_titles": {"type": "boolean"},
            "verb": {"enum": ["said", "says"]},
            "date_style": {"enum": ["us", "uk", "iso"]},
            "outlet": {"type": "string", "maxLength": OUTLET_MAX,
                       "pattern": "^[^\\u0000-\\u001f\\u007f\\u2028\\u2029]*$",
                       "description": "one line of text"},
        },
    }


def load_schema() -> dict[str, Any]:
    """The published schema shipped with the package."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


if __name__ == "__main__":
    print(json.dumps(build_schema(), indent=2, ensure_ascii=False))
