"""The committed policy schema is exactly what scripts/gen_policy_schema.py generates."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Any

import jsonschema

from mgf_check.schema.validation import load_schema, schema_text
from tests.conftest import ROOT


def test_policy_schema_is_generated_and_current() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_policy_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert schema_text("policy") == module.render(), \
        "run `python scripts/gen_policy_schema.py` and commit the result"


def test_bundled_schemas_are_valid_2020_12() -> None:
    for name in ("policy", "framework", "report", "config"):
        jsonschema.Draft202012Validator.check_schema(load_schema(name))


def test_every_policy_field_is_described() -> None:
    schema = load_schema("policy")
    missing = []

    def walk(node: Mapping[str, Any], where: str) -> None:
        for key, child in node.get("properties", {}).items():
            if "$ref" not in child and not child.get("description"):
                missing.append(f"{where}/{key}")
            walk(child, f"{where}/{key}")
    walk(schema, "")
    for name, node in schema["$defs"].items():
        walk(node, f"$defs/{name}")
    assert missing == []
