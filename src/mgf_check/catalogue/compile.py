"""Compiling one validated catalogue document into a `Framework`: groups, criteria, their
conditions (compiled once) and crosswalk refs (checked against the reference lists)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mgf_check.catalogue.references import load_references
from mgf_check.conditions.combinators import ConditionError, compile_condition
from mgf_check.errors import CatalogueError, Problem
from mgf_check.loading.yamlsource import LoadedDocument
from mgf_check.model import Conditions, Criterion, Framework, Group, Priority
from mgf_check.schema.validation import validate


def validate_catalogue(doc: LoadedDocument) -> None:
    """Raise a located `CatalogueError` when `doc` breaks `framework.schema.json`."""
    problems = validate(doc, "framework")
    if problems:
        raise CatalogueError(problems)


def compile_framework(doc: LoadedDocument, *, validated: bool = False,
                      inherited: tuple[Group, ...] = ()) -> Framework:
    """Validate and compile one catalogue document (its criteria may also use `inherited`
    groups, those of the catalogue it extends)."""
    if not validated:
        validate_catalogue(doc)
    data = doc.data
    meta = data["framework"]
    groups = tuple(Group(g["id"], g["title"], g.get("description", ""))
                   for g in data.get("groups", []))
    group_ids = {g.id for g in (*inherited, *groups)}
    criteria = tuple(_criterion(doc, meta["id"], i, raw, group_ids)
                     for i, raw in enumerate(data.get("criteria", [])))
    _check_unique(doc, criteria)
    return Framework(
        id=meta["id"], title=meta["title"], short_title=meta.get("short_title", meta["id"]),
        edition=meta.get("edition", ""), source=meta.get("source", {}),
        description=meta.get("description", ""), groups=groups, criteria=criteria,
        path=doc.path,
    )


def fail(doc: LoadedDocument, pointer: str, message: str, hint: str = "") -> CatalogueError:
    """A catalogue error located at `pointer` of `doc`."""
    return CatalogueError(Problem(doc.path, doc.locate(pointer), message, hint,
                                  rule="catalogue"))


def _criterion(doc: LoadedDocument, framework_id: str, index: int, raw: Mapping[str, Any],
               group_ids: set[str]) -> Criterion:
    here = f"/criteria/{index}"
    if raw["group"] not in group_ids:
        raise fail(doc, f"{here}/group", f"unknown group {raw['group']!r}",
                    "groups defined here: " + ", ".join(sorted(group_ids)))
    _check_refs(doc, here, raw["refs"])
    try:
        met = compile_condition(raw["met"], f"{here}/met")
        partial = compile_condition(raw["partial"], f"{here}/partial") \
            if "partial" in raw else None
        applies = compile_condition(raw["applies_when"], f"{here}/applies_when") \
            if "applies_when" in raw else None
    except ConditionError as exc:
        raise fail(doc, exc.pointer, exc.message, exc.hint) from None
    return Criterion(
        id=raw["id"], framework=framework_id, group=raw["group"], title=raw["title"],
        question=raw["question"], priority=Priority(raw["priority"]),
        weight=float(raw["weight"]), subject=raw["subject"],
        conditions=Conditions(met, partial, applies),
        met_means=raw["met_means"], partial_means=raw.get("partial_means", ""),
        recommendation=raw["recommendation"], practice=raw.get("practice", ""),
        competence=raw.get("competence"), derived_from=raw["derived_from"],
        refs={k: tuple(v) for k, v in sorted(raw["refs"].items())},
        examples=raw["examples"],
        applies_means=raw.get("applies_means", ""),
        nationals_may_qualify=raw.get("nationals_may_qualify", ""),
        differs=dict(raw.get("differs", {})),
    )


def _check_refs(doc: LoadedDocument, here: str, refs: Mapping[str, list[str]]) -> None:
    known = load_references()
    for key, ids in refs.items():
        for i, ref in enumerate(ids):
            if ref not in known[key].items:
                import difflib

                padded = ref[:1] + ref[1:].zfill(2)  # O1 -> O01, G6 -> G06
                close = [padded] if padded in known[key].items else \
                    difflib.get_close_matches(ref, list(known[key].items), n=1)
                hint = f"did you mean {close[0]!r}?" if close else \
                    f"see frameworks/references/{key}.yaml for the ids"
                raise fail(doc, f"{here}/refs/{key}/{i}",
                            f"unknown {known[key].short_title} reference {ref!r}", hint)


def _check_unique(doc: LoadedDocument, criteria: tuple[Criterion, ...]) -> None:
    seen: set[str] = set()
    for i, criterion in enumerate(criteria):
        if criterion.id in seen:
            raise fail(doc, f"/criteria/{i}/id", f"duplicate criterion id {criterion.id!r}")
        seen.add(criterion.id)
