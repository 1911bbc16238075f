"""The published JSON Schema is exactly what the code validates with, and the sample obeys it."""

from __future__ import annotations

import json

import jsonschema

from casefile.bundle.schema import build_schema, load_schema
from casefile.resources import sample_bundle


def test_checked_in_schema_matches_the_code() -> None:
    assert load_schema() == build_schema(), (
        "regenerate: python -m casefile.bundle.schema > casefile/bundle/bundle.schema.json")


def test_schema_is_valid_and_the_sample_bundle_conforms() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(sample_bundle().read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(doc)) == []
