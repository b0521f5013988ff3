"""The fast compiled validator agrees with jsonschema, on our real schemas and on every keyword."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from mgf_check.loading.yamlsource import load_text
from mgf_check.schema.fast import UnsupportedSchema, compile_schema, is_date
from mgf_check.schema.validation import _validator_class, load_schema
from tests.unit.helpers import CATALOGUE

FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER


def agree(schema: Mapping[str, Any], instance: Any) -> bool:
    """Assert that both validators give the same answer, and return it."""
    fast = compile_schema(schema)(instance)
    slow = _validator_class()(schema, format_checker=FORMAT_CHECKER).is_valid(instance)
    assert fast == slow, f"fast={fast} jsonschema={slow} for {instance!r}"
    return fast


# --- a policy and a catalogue to mutate -------------------------------------------------------

MEASURE = {"status": "implemented", "scope": "everyone", "languages": ["en", "fr", "zh-Hans"],
           "since": "2019-06", "funded": True,
           "evidence": [{"title": "City decree", "url": "https://example.org/d",
                         "date": "2020-01-31"}]}
BASE_POLICY: dict[str, Any] = {
    "schema_version": 1,
    "city": {"name": "Example", "country": "NO", "population": 120000, "migrant_share": 12.5,
             "languages": ["nb", "en"], "migrant_languages": ["ar", "so", "pl"],
             "hazards": ["flood"], "competences": {"health": "shared", "housing": "none"}},
    "assessment": {"date": "2026-01-01", "prepared_by": "City office",
                   "sources": [{"title": "Annual report"}]},
    "governance": {"strategy": copy.deepcopy(MEASURE), "migrant_office": {"status": "pilot"}},
    "rights": {"health": copy.deepcopy(MEASURE), "housing": None},
    "crisis": {"early_warning": {"status": "adopted", "languages": ["en"]}},
    "waivers": [{"criterion": "MIGOF-P1.01", "reason": "Budget cycle", "approved_by": "Council",
                 "expires": "2026-12-31"}],
}
BASE_CATALOGUE: dict[str, Any] = load_text(CATALOGUE, "tiny.yaml").data

# Sample values for the patterns our schemas use (a pattern cannot be sampled generically).
PATTERN_SAMPLES = {
    "^[A-Z]{2}$": "PH",
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "fil",
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$": "2019-06-30",
    "^[A-Z][A-Z0-9]*-[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$": "LMGI-D1.02",
    "^[a-z][a-z0-9-]*$": "local-mgi",
    "^/": "/rights/health",
}
# Values that are wrong somewhere: types, bool vs int, 1.0 for integers, bad dates and codes.
AWKWARD: list[Any] = [
    None, True, False, 0, 1, -1, 1.0, 0.0, 2.5, 5.0, 101, 10**20, "", "x", "NO", "no", "EN",
    "english", "en-", "zh-Hans", "2024-13-45", "2024-02-30", "2024-3-1", "2024-03-01",
    "20240301", "2024-03-01\n", "２０２４-03-01", "2019-13", "implmented", "implemented",
    "Implemented", "everyone", "helth", "MIGOF-P1.01", "migof 1", "https://x.org", "ftp://x",
    [], ["en"], ["en", "en"], [1, 1.0], [True, 1], ["EN"], {}, {"status": "implemented"},
    {"status": "none", "extra": 1}, {"helth": {}},
]
UNKNOWN_KEYS = ["helth", "Status", "extra", "", "x-notes"]


def resolve(root: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = root["$defs"][node["$ref"].split("/")[-1]]
    return node


def sub_schema(root: Mapping[str, Any], path: list[str | int]) -> Any:
    """The schema that applies at `path` (None when nothing does)."""
    node: Any = root
    for step in path:
        node = resolve(root, node)
        if not isinstance(node, dict):
            return None
        if isinstance(step, int):
            node = node.get("items")
        else:
            node = node.get("properties", {}).get(step, node.get("additionalProperties"))
    node = resolve(root, node)
    return node if isinstance(node, dict) else None


def example(root: Mapping[str, Any], node: Any, depth: int = 0) -> Any:
    """A small valid value for a schema node."""
    node = resolve(root, node)
    if not isinstance(node, dict):
        return "x"
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type", "object")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object":
        props = node.get("properties", {})
        return {k: example(root, props.get(k), depth + 1) for k in node.get("required", [])
                if depth < 8}
    if kind == "array":
        return [example(root, node["items"], depth + 1)] if node.get("minItems") else []
    if kind == "string":
        if node.get("format") == "date":
            return "2025-05-31"
        return PATTERN_SAMPLES.get(node.get("pattern", ""), "some text")
    return {"integer": 3, "number": 1.5, "boolean": True, "null": None}[kind]


def near_misses(root: Mapping[str, Any], node: Any) -> list[Any]:
    """A valid value for `node` and values that just miss it."""
    node = resolve(root, node)
    if not isinstance(node, dict):
        return ["x"]
    valid = example(root, node)
    out: list[Any] = [valid]
    for value in node.get("enum", [])[:4]:
        out += [value, str(value).upper(), str(value)[:-1]]
    if isinstance(valid, bool):
        out += [int(valid), str(valid).lower()]
    elif isinstance(valid, (int, float)):
        out += [float(valid), valid + 0.5, True, -1, node.get("maximum", 10**6) + 1, str(valid)]
    elif isinstance(valid, str):
        out += [valid.upper(), valid + "-", valid + "\n", "", 1, "2024-13-45"]
    elif isinstance(valid, list):
        item = example(root, node.get("items"))
        out += [[item], [item, item], [item, copy.deepcopy(item)], [1], {}]
    elif isinstance(valid, dict):
        props = sorted(node.get("properties", {}))
        out += [{}, {**valid, "helth": 1}, []]
        out += [{**valid, key: example(root, node["properties"][key])} for key in props[:8]]
    return out


def candidates(draw: st.DrawFn, root: Mapping[str, Any], node: Any) -> Any:
    """Half the time a near miss for `node`, else an awkward value from anywhere."""
    pool = near_misses(root, node) if node is not None else AWKWARD
    return copy.deepcopy(draw(st.one_of(st.sampled_from(pool), st.sampled_from(AWKWARD))))


def nodes(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...],
                                                                     Any]]:
    out = [(path, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            out += nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += nodes(value, (*path, index))
    return out


def get(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn, base: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    """`base` after up to five mutations: replace, delete, add a known or unknown key, append."""
    data = copy.deepcopy(dict(base))
    for _ in range(draw(st.integers(0, 5))):
        path, target = draw(st.sampled_from(nodes(data)))
        operation = draw(st.sampled_from(["replace", "replace", "delete", "add", "append"]))
        if operation == "replace" and path:
            get(data, path[:-1])[path[-1]] = candidates(draw, root, sub_schema(root, list(path)))
        elif operation == "delete" and path and isinstance(get(data, path[:-1]), dict):
            del get(data, path[:-1])[path[-1]]
        elif operation == "add" and isinstance(target, dict):
            here = sub_schema(root, list(path)) or {}
            known = sorted(here.get("properties", {}))
            key = draw(st.sampled_from(known + UNKNOWN_KEYS if known else UNKNOWN_KEYS))
            target[key] = candidates(draw, root, sub_schema(root, [*path, key]))
        elif operation == "append" and isinstance(target, list):
            target.append(candidates(draw, root, sub_schema(root, [*path, 0])))
    return data


POLICY = load_schema("policy")
FRAMEWORK = load_schema("framework")
FAST_POLICY = compile_schema(POLICY)
FAST_FRAMEWORK = compile_schema(FRAMEWORK)
# jsonschema with `pattern` read as JSON Schema means it (`$` is the end of the text, not
# "before a final newline"): the validator that explains errors, which the fast one must match
SLOW_POLICY = _validator_class()(POLICY, format_checker=FORMAT_CHECKER)
SLOW_FRAMEWORK = _validator_class()(FRAMEWORK, format_checker=FORMAT_CHECKER)


def test_bases_are_valid() -> None:
    assert FAST_POLICY(BASE_POLICY) and SLOW_POLICY.is_valid(BASE_POLICY)
    assert FAST_FRAMEWORK(BASE_CATALOGUE) and SLOW_FRAMEWORK.is_valid(BASE_CATALOGUE)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(BASE_POLICY, POLICY))
def test_fast_validator_agrees_with_jsonschema_on_policies(instance: Any) -> None:
    event("valid" if FAST_POLICY(instance) else "invalid")
    assert FAST_POLICY(instance) == SLOW_POLICY.is_valid(instance), instance


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(BASE_CATALOGUE, FRAMEWORK))
def test_fast_validator_agrees_with_jsonschema_on_catalogues(instance: Any) -> None:
    event("valid" if FAST_FRAMEWORK(instance) else "invalid")
    assert FAST_FRAMEWORK(instance) == SLOW_FRAMEWORK.is_valid(instance), instance


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(set(PATTERN_SAMPLES.values()) | {"2025-05-31"})))
def test_pattern_samples_are_valid_where_they_apply(sample: str) -> None:
    """Guards the generator: its samples must be valid, or mutations would never be valid."""
    assert any(agree({"type": "string", "pattern": p}, sample) for p in PATTERN_SAMPLES) or \
        is_date(sample)


@pytest.mark.parametrize(("path", "value", "valid"), [
    (("city", "population"), 1.0, True),       # 1.0 is an integer in JSON Schema
    (("city", "population"), True, False),     # a boolean is never a number
    (("city", "population"), 2.5, False),
    (("city", "population"), -1, False),
    (("city", "country"), "no", False),
    (("city", "country"), "NOR", False),
    (("assessment", "date"), "2024-13-45", False),
    (("assessment", "date"), "2024-02-29", True),
    (("assessment", "date"), "2023-02-29", False),
    (("assessment", "date"), "2024-03-01\n", False),
    (("city", "languages"), ["EN"], False),
    (("city", "languages"), ["en", "en"], False),
    (("city", "languages"), ["en", "zh-Hans"], True),
    (("schema_version",), 1.0, True),
    (("schema_version",), True, False),
    (("schema_version",), 2, False),
    (("rights", "health", "status"), "implmented", False),
    (("rights", "health", "helth"), 1, False),
    (("rights",), None, True),
])
def test_policy_edge_cases(path: tuple[str, ...], value: Any, valid: bool) -> None:
    instance = copy.deepcopy(BASE_POLICY)
    get(instance, path[:-1])[path[-1]] = value
    assert agree(POLICY, instance) is valid


@pytest.mark.parametrize(("schema", "instance", "valid"), [
    ({"type": "integer"}, 1.0, True),
    ({"type": "integer"}, True, False),
    ({"type": "number"}, False, False),
    ({"type": ["string", "null"]}, None, True),
    ({"enum": [1, "a"]}, True, False),
    ({"enum": [1, "a"]}, 1.0, True),
    ({"enum": [[1, 2]]}, [1, 2], True),
    ({"enum": [{"a": 1}]}, {"a": True}, False),
    ({"const": False}, 0, False),
    ({"const": 0}, False, False),
    ({"uniqueItems": True}, [1, True], True),
    ({"uniqueItems": True}, [1, 1.0], False),
    ({"uniqueItems": True}, [{"a": 1}, {"a": 1}], False),
    ({"uniqueItems": False}, [1, 1], True),
    ({"minimum": 0}, True, True),
    ({"maximum": 5}, 5.0, True),
    ({"exclusiveMinimum": 0}, 0, False),
    ({"exclusiveMinimum": 0}, "a", True),
    ({"minLength": 2}, "é!", True),
    ({"minLength": 2}, "é", False),
    ({"maxLength": 1}, "😀", True),
    ({"pattern": "^a"}, "ba", False),
    ({"pattern": "a"}, "ba", True),
    ({"format": "date"}, "2024-02-30", False),
    ({"format": "date"}, 20240101, True),
    ({"required": ["a"]}, [], True),
    ({"minProperties": 1}, {}, False),
    ({"maxProperties": 1}, {"a": 1, "b": 2}, False),
    ({"minItems": 1, "maxItems": 2}, [1, 2, 3], False),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x"}, True),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"b": 1}, False),
    ({"additionalProperties": {"type": "integer"}}, {"b": 1.5}, False),
    ({"items": {"type": "string"}}, ["a", 1], False),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, 1, True),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1, False),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1.5, True),
    ({"allOf": [{"minimum": 1}, {"maximum": 2}]}, 3, False),
    ({"not": {"type": "null"}}, None, False),
    (True, 1, True),
    ({"properties": {"a": False}}, {"a": 1}, False),
    ({"$defs": {"n": {"type": "integer"}}, "items": {"$ref": "#/$defs/n"}}, [1, "x"], False),
    ({"$defs": {"tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}},
      "$ref": "#/$defs/tree"}, [[[]], [[[]]]], True),
    ({"$defs": {"tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}},
      "$ref": "#/$defs/tree"}, [[[1]]], False),
    ({"title": "t", "description": "d", "default": 1, "examples": [1], "$comment": "c"}, 5,
     True),
])
def test_each_keyword_agrees(schema: Any, instance: Any, valid: bool) -> None:
    if isinstance(schema, bool):
        assert compile_schema(schema)(instance) is valid  # type: ignore[arg-type]
        return
    assert agree(schema, instance) is valid


@pytest.mark.parametrize("schema", [
    {"if": {"type": "string"}, "then": {"minLength": 1}},
    {"patternProperties": {"^a": {}}},
    {"additionalProperties": False, "patternProperties": {"^a": {}}},
    {"format": "email"},
    {"$ref": "https://example.org/schema.json"},
    {"prefixItems": [{"type": "string"}]},
    {"dependentRequired": {"a": ["b"]}},
    {"unevaluatedProperties": False},
    {"properties": {"a": {"contains": {"type": "string"}}}},
    {"type": "text"},
    {"type": ["string", "date"]},
])
def test_unsupported_keywords_raise(schema: Mapping[str, Any]) -> None:
    with pytest.raises(UnsupportedSchema):
        compile_schema(schema)


@pytest.mark.parametrize("value", ["2024-02-29", "2024-12-31", "0001-01-01"])
def test_is_date_accepts(value: str) -> None:
    assert is_date(value)


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-29", "20240301", "2024-3-1",
                                   "2024-03-01\n", "２０２４-03-01", "2024-W01-1", ""])
def test_is_date_rejects(value: str) -> None:
    assert not is_date(value)
    assert FORMAT_CHECKER.conforms(value, "date") is False
