"""The policy schema read as a form: sections, measures and their fields, derived at run time.

Nothing here copies the schema: questions, allowed values and field kinds all come from the
bundled `policy.schema.json`, so a field added to the schema shows up in the template, the
questionnaire and the spreadsheet without code changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mgf_check.i18n import schema_text
from mgf_check.measures import measure_label
from mgf_check.model import JSONObject
from mgf_check.schema.validation import load_schema

#: Top-level keys that are not filled in as a form (set by the tool or written by hand).
NOT_FORM = ("schema_version", "waivers")


@dataclass(frozen=True, slots=True)
class Field:
    """One answerable value, e.g. `/crisis/early_warning/channels`."""

    pointer: str
    key: str
    kind: str  # boolean choice choices text integer number date since codes evidence list
    allowed: tuple[str, ...]
    text: str  # the schema's English description
    required: bool

    @property
    def description(self) -> str:
        """The field's description in the current language."""
        return schema_text(self.text)

    @property
    def shared(self) -> bool:
        """True for the fields every measure shares (status, scope, evidence...)."""
        return self.key in shared_keys()


@dataclass(frozen=True, slots=True)
class Measure:
    """A block of fields: a policy measure (it has `status`) or a record such as `city`."""

    pointer: str
    key: str
    text: str  # the schema's English description
    fields: tuple[Field, ...]

    @property
    def description(self) -> str:
        """The block's description in the current language."""
        return schema_text(self.text)

    @property
    def label(self) -> str:
        """`Emergency plan (crisis)`, in the current language."""
        return measure_label(self.pointer)

    @property
    def is_measure(self) -> bool:
        """True when this block is a policy measure with a `status`."""
        return any(f.key == "status" for f in self.fields)

    @property
    def section(self) -> str:
        """The top-level section the block belongs to, e.g. `crisis`."""
        return self.pointer.split("/")[1]

    def field(self, key: str) -> Field | None:
        """The block's field called `key`, if any."""
        return next((f for f in self.fields if f.key == key), None)


def resolve(node: JSONObject) -> JSONObject:
    """A schema node with its local `$ref` followed."""
    schema = load_schema("policy")
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def _types(node: Mapping[str, Any]) -> tuple[str, ...]:
    kind = node.get("type", ())
    return (kind,) if isinstance(kind, str) else tuple(kind)


def _is_block(node: Mapping[str, Any]) -> bool:
    return "object" in _types(node) and "properties" in node


def kind_of(node: JSONObject) -> tuple[str, tuple[str, ...]]:
    """The field kind of a resolved schema node and its allowed values."""
    types = _types(node)
    if "enum" in node:
        return "choice", tuple(str(v) for v in node["enum"])
    if "array" in types:
        item = resolve(node.get("items", {}))
        if "enum" in item:
            return "choices", tuple(str(v) for v in item["enum"])
        if "object" in _types(item):
            return "evidence", ()
        return ("codes" if "pattern" in item else "list"), ()
    if "boolean" in types:
        return "boolean", ("true", "false")
    if node.get("format") == "date":
        return "date", ()
    if "integer" in types and "string" in types:
        return "since", ()
    if "integer" in types:
        return "integer", ()
    if "number" in types:
        return "number", ()
    return "text", ()


def _field(pointer: str, key: str, raw: Mapping[str, Any], required: bool) -> Field:
    node = resolve(raw)
    kind, allowed = kind_of(node)
    description = raw.get("description") or node.get("description", "")
    return Field(pointer, key, kind, allowed, description, required)


def _blocks(node: Mapping[str, Any], pointer: str, key: str) -> Iterator[Measure]:
    node = resolve(node)
    props: Mapping[str, Any] = node.get("properties", {})
    required = set(node.get("required", ()))
    fields = tuple(_field(f"{pointer}/{k}", k, v, k in required) for k, v in props.items()
                   if not _is_block(resolve(v)))
    if fields:
        yield Measure(pointer, key, node.get("description", ""), fields)
    for k, v in props.items():
        if _is_block(resolve(v)):
            yield from _blocks(v, f"{pointer}/{k}", k)


@functools.cache
def blocks() -> tuple[Measure, ...]:
    """Every block of the policy schema, in schema order."""
    schema = load_schema("policy")
    out: list[Measure] = []
    for key, node in schema["properties"].items():
        if key not in NOT_FORM:
            out.extend(_blocks(node, f"/{key}", key))
    return tuple(out)


@functools.cache
def sections() -> tuple[str, ...]:
    """The top-level sections, in schema order."""
    return tuple(k for k in load_schema("policy")["properties"] if k not in NOT_FORM)


@functools.cache
def shared_keys() -> frozenset[str]:
    """The keys of `$defs/measure`: the fields every measure shares."""
    return frozenset(load_schema("policy")["$defs"]["measure"]["properties"])


@functools.cache
def field_at(pointer: str) -> Field | None:
    """The field at a JSON pointer such as `/city/population`, if it is one."""
    for block in blocks():
        if pointer.startswith(block.pointer + "/"):
            found = block.field(pointer[len(block.pointer) + 1:])
            if found is not None:
                return found
    return None


def section_description(section: str) -> str:
    """The schema's description of a top-level section."""
    node = load_schema("policy")["properties"][section]
    return schema_text(str(node.get("description", "")))
