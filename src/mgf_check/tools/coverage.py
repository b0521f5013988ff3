"""Which policy-schema fields the criteria read, and which no criterion reads.

A field of the policy schema is *read* when a bundled criterion's subject or condition reaches
it, or when evaluation itself reads it (a measure's `status`, `scope` and `delivered_by`, see
`mgf_check.judgement`). Every other field must say in its schema description that it is
context only (the marker below), so a reader knows no score depends on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from mgf_check.conditions.combinators import paths_of
from mgf_check.model import Criterion, JSONObject

#: Measure fields evaluation reads for every criterion (judgement rules).
EVALUATION_READS = ("status", "scope", "delivered_by")
#: The phrase a schema description carries when no criterion reads the field.
CONTEXT_ONLY = "Context only:"
#: Fields every measure (or every partnership) shares: read when read on any measure.
SHARED = ("name", "scope", "groups", "instrument", "responsible", "since", "reviewed",
          "languages", "funded", "evidence", "notes", "language_count", "delivered_by",
          "reach", "target_areas", "formal", "partners", "roles")
#: Identity and bookkeeping: shown in every report, never judged.
IDENTITY = ("/schema_version", "/waivers", "/assessment", "/city/name", "/city/country",
            "/city/illustrative", "/city/competences")


def schema_fields(schema: JSONObject) -> Iterator[tuple[str, JSONObject]]:
    """(pointer, node) of every named field below the top level (`*` for list items)."""
    def walk(node: Mapping[str, Any], here: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for name, child in (node.get("properties") or {}).items():
            pointer = f"{here}/{name}"
            yield pointer, child
            yield from walk(child, pointer)
        items = node.get("items")
        if isinstance(items, dict):
            yield from walk(items, f"{here}/*")
    yield from walk(schema, "")


def _normal(pointer: str) -> str:
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))


def read_paths(criteria: Iterable[Criterion]) -> set[str]:
    """Every pointer a criterion reads, and each of its parents."""
    out: set[str] = set()
    for criterion in criteria:
        compiled = criterion.compiled
        conditions = [c for c in (compiled.met, compiled.partial, compiled.applies_when)
                      if c is not None]
        for path in [criterion.subject, *(p for c in conditions for p in paths_of(c))]:
            parts = _normal(path).split("/")
            out |= {"/".join(parts[:i]) for i in range(2, len(parts) + 1)}
    return out


def _description(schema: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        node = schema.get("$defs", {}).get(ref.rsplit("/", 1)[1], {})
    return str(node.get("description", ""))


def unread_fields(schema: JSONObject, criteria: Iterable[Criterion],
                  skip: tuple[str, ...] = IDENTITY) -> list[str]:
    """Fields no criterion or rule reads and whose description does not say context only.
    The competences are read through each criterion's `competence` (evaluation)."""
    read = read_paths(criteria)
    fields = list(schema_fields(schema))
    measures = {p for p, node in fields if "status" in (node.get("properties") or {})}
    shared_read = {p.rpartition("/")[2] for p in read if p.rpartition("/")[0] in measures}
    context = [p for p, node in fields if CONTEXT_ONLY in _description(schema, node)]
    out = []
    for pointer, _node in fields:
        parent, _, name = pointer.rpartition("/")
        if pointer.startswith(skip) or pointer in read:
            continue
        if parent in measures and (name in EVALUATION_READS or
                                   (name in SHARED and name in shared_read)):
            continue
        if pointer in context or any(pointer.startswith(p + "/") for p in context):
            continue
        out.append(pointer)
    return out
