"""The bundle's JSON Schema, generated from the same specs that dump and import use.

`python -m casefile.bundle.schema` prints it; the checked-in copy (bundle.schema.json) is
compared with this output by a test, so the published schema always matches the code.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import Boolean, Enum, Float, Integer
from sqlalchemy.types import JSON

from casefile.bundle.spec import FORMAT, FORMAT_VERSION, TOP, Spec
from casefile.db.types import ISODate, LocalDateTime, UTCDateTime, UUIDText

UUID_PATTERN = (
    "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
SCHEMA_FILE = "bundle.schema.json"
# What SQLite stores as an integer; the importer refuses anything outside (files.INT64).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
# JSON columns holding an object; the others hold arrays.
JSON_OBJECTS = {"exif", "csl_extra", "snapshot"}


def _column_schema(col: Any) -> dict[str, Any]:
    t = col.type
    out: dict[str, Any]
    if isinstance(t, Enum):
        values: list[Any] = list(t.enums)
        out = {"enum": values + ([None] if col.nullable else [])}
        return out
    if isinstance(t, UUIDText):
        out = {"type": "string", "pattern": UUID_PATTERN}
    elif isinstance(t, UTCDateTime):
        out = {"type": "string", "description": "ISO 8601 date-time with offset"}
    elif isinstance(t, LocalDateTime):
        out = {"type": "string", "description": "ISO 8601 date-time, offset when known"}
    elif isinstance(t, ISODate):
        out = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
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
    ref = {"type": ["string", "null"], "pattern": UUID_PATTERN}
    for name in spec.refs:
        props[name] = ref
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
    return {"type": "object", "properties": props, "required": sorted(set(required)),
            "additionalProperties": False}


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of bundle format FORMAT_VERSION."""
    defs: dict[str, Any] = {
        "uuid": {"type": "string", "pattern": UUID_PATTERN},
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
        "exported_at": {"type": "string"},
        "case": {
            "type": "object",
            "properties": {
                "uuid": {"$ref": "#/$defs/uuid"},
                "created_at": {"type": "string"},
                "updated_at": {"type": "string"},
                "title": {"type": "string", "minLength": 1},
                "slug": {"type": "string"},
                "summary": {"type": "string"},
                "language": {"type": "string"},
                "desk": {"type": "string"},
                "house_style": {"type": "object"},
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
                    "deleted_at": {"type": "string"},
                    "actor": {"type": "string"},
                    "record_kind": {"type": "string"},
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


def load_schema() -> dict[str, Any]:
    """The published schema shipped with the package."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


if __name__ == "__main__":
    print(json.dumps(build_schema(), indent=2, ensure_ascii=False))
