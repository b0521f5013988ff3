"""A fast yes/no JSON Schema validator for the keywords our own schemas use.

`jsonschema` is exact and explains errors well, but importing it and walking a document with it
costs more than parsing the document. Our schemas use a small subset of JSON Schema 2020-12, so
they are compiled once into closures that answer "valid?" quickly; only when the answer is no
does `schema.validation` ask `jsonschema` for the located, explained errors. A property test
checks that both always agree. Compiling a schema that uses any other keyword raises, so no
keyword is ever silently ignored.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from mgf_check.model import JSONObject, JSONValue

Check = Callable[[JSONValue], bool]

ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "title", "description", "default", "examples",
    "markdownDescription", "deprecated", "readOnly", "writeOnly",
})
_TYPES = frozenset({"object", "array", "string", "boolean", "null", "number", "integer"})
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this validator does not implement."""


def is_date(value: str) -> bool:
    """The `date` format exactly as jsonschema checks it."""
    if not _DATE_RE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if name == "number":
        return True
    if name == "integer":
        return isinstance(value, int) or value.is_integer()
    raise UnsupportedSchema(f"unknown type {name!r}")


class Compiler:
    """Compiles a schema (with local `$ref`s into `$defs`) into one check function."""

    def __init__(self, root: JSONObject) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: JSONObject | bool) -> Check:
        """The check function for `schema`."""
        if schema is True:
            return lambda _v: True
        if schema is False:
            return lambda _v: False
        found = (self._keyword(k, v, schema) for k, v in schema.items() if k not in ANNOTATIONS)
        checks: list[Check] = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(c(value) for c in checks)

    def _ref(self, ref: str) -> Check:
        if not ref.startswith("#/$defs/"):
            raise UnsupportedSchema(f"only local $refs are supported, not {ref!r}")
        if ref not in self.refs:
            # A trampoline first, so that recursive schemas compile.
            target: list[Check] = []
            self.refs[ref] = lambda v: target[0](v)
            target.append(self.compile(self.root["$defs"][ref[len("#/$defs/"):]]))
        return self.refs[ref]

    def _keyword(self, key: str, value: Any, schema: Mapping[str, Any]) -> Check | None:
        method = getattr(self, "_k_" + key.lstrip("$"), None)
        if method is None:
            raise UnsupportedSchema(f"keyword {key!r} is not supported by the fast validator")
        return method(value, schema)  # type: ignore[no-any-return]

    def _k_defs(self, _value: Any, _schema: Any) -> None:
        return None

    def _k_ref(self, value: str, _schema: Any) -> Check:
        return self._ref(value)

    def _k_type(self, value: str | list[str], _schema: Any) -> Check:
        names = [value] if isinstance(value, str) else list(value)
        unknown = [n for n in names if n not in _TYPES]
        if unknown:  # else the error would only surface when a value reaches this check
            raise UnsupportedSchema(f"unknown type {unknown[0]!r}")
        return lambda v: any(_is_type(v, n) for n in names)

    def _k_enum(self, value: list[Any], _schema: Any) -> Check:
        return lambda v: any(_equal(v, e) for e in value)

    def _k_const(self, value: Any, _schema: Any) -> Check:
        return lambda v: _equal(v, value)

    def _k_properties(self, value: Mapping[str, Any], _schema: Any) -> Check:
        props = {k: self.compile(s) for k, s in value.items()}

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(props[k](item) for k, item in v.items() if k in props)
        return check

    def _k_additionalProperties(self, value: Any, schema: Mapping[str, Any]) -> Check:
        known = frozenset(schema.get("properties", {}))
        if "patternProperties" in schema:
            raise UnsupportedSchema("patternProperties is not supported")
        extra = self.compile(value)
        return lambda v: not isinstance(v, dict) or all(
            extra(item) for k, item in v.items() if k not in known)

    def _k_required(self, value: list[str], _schema: Any) -> Check:
        return lambda v: not isinstance(v, dict) or all(k in v for k in value)

    def _k_minProperties(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= value

    def _k_maxProperties(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) <= value

    def _k_items(self, value: Any, _schema: Any) -> Check:
        item = self.compile(value)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)

    def _k_minItems(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def _k_maxItems(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def _k_uniqueItems(self, value: bool, schema: Mapping[str, Any]) -> Check | None:
        if not value:
            return None
        return lambda v: not isinstance(v, list) or _unique(v)

    def _k_minLength(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _k_maxLength(self, value: int, _schema: Any) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def _k_pattern(self, value: str, _schema: Any) -> Check:
        regex = ecma_regex(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def _k_format(self, value: str, _schema: Any) -> Check:
        if value != "date":
            raise UnsupportedSchema(f"format {value!r} is not supported")
        return lambda v: not isinstance(v, str) or is_date(v)

    def _k_minimum(self, value: float, _schema: Any) -> Check:
        return lambda v: not _is_type(v, "number") or v >= value

    def _k_maximum(self, value: float, _schema: Any) -> Check:
        return lambda v: not _is_type(v, "number") or v <= value

    def _k_exclusiveMinimum(self, value: float, _schema: Any) -> Check:
        return lambda v: not _is_type(v, "number") or v > value

    def _k_anyOf(self, value: list[Any], _schema: Any) -> Check:
        branches = [self.compile(s) for s in value]
        return lambda v: any(b(v) for b in branches)

    def _k_oneOf(self, value: list[Any], _schema: Any) -> Check:
        branches = [self.compile(s) for s in value]
        return lambda v: sum(1 for b in branches if b(v)) == 1

    def _k_not(self, value: Any, _schema: Any) -> Check:
        inner = self.compile(value)
        return lambda v: not inner(v)

    def _k_allOf(self, value: list[Any], _schema: Any) -> Check:
        branches = [self.compile(s) for s in value]
        return lambda v: all(b(v) for b in branches)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: booleans are never numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if type(a) in (int, float) and type(b) in (int, float):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def _unique(items: list[Any]) -> bool:
    if all(isinstance(x, str) for x in items):
        return len(set(items)) == len(items)
    return not any(_equal(items[i], items[j]) for i in range(len(items))
                   for j in range(i + 1, len(items)))


def compile_schema(schema: JSONObject) -> Check:
    """Compile a whole schema document into one check function."""
    return Compiler(schema).compile(schema)


@functools.lru_cache(maxsize=256)
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema `pattern` compiled with JSON Schema's (ECMA-262) meaning of `$`: the end of
    the text. Python's `$` also matches before a final newline, so `"PL\n"` would pass
    `^[A-Z]{2}$`; here every `$` outside a character class becomes `\\Z`."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))
