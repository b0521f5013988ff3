"""Meta-tests over every bundled catalogue: examples behave as labelled, paths exist in the
policy schema, refs resolve, ids are unique, and each framework covers its source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest

from mgf_check.catalogue.loader import available, load_bundled
from mgf_check.catalogue.references import load_references
from mgf_check.conditions.combinators import operators_of, paths_of
from mgf_check.conditions.operators import OPERATORS
from mgf_check.evaluate import PolicyDocument, evaluate_criterion
from mgf_check.loading.sourcemap import split
from mgf_check.model import Criterion, Status
from mgf_check.schema.validation import fast_check, load_schema
from tests.conftest import policy

CRITERIA = [c for f in available() for c in load_bundled(f).criteria]
EXAMPLE_CASES = [(c, label) for c in CRITERIA for label in c.examples]


def _schema_node(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def schema_has(pointer: str) -> bool:
    """True when the policy schema can hold a value at `pointer` (`*` = any list item)."""
    schema = load_schema("policy")
    node: Mapping[str, Any] = schema
    for segment in split(pointer):
        node = _schema_node(schema, node)
        if segment == "*" or segment.isdigit():
            if "items" not in node:
                return False
            node = node["items"]
        else:
            props = node.get("properties", {})
            if segment not in props:
                return False
            node = props[segment]
    return True


@pytest.mark.parametrize(("criterion", "label"), EXAMPLE_CASES,
                         ids=[f"{c.id}-{label}" for c, label in EXAMPLE_CASES])
def test_example_behaves_as_labelled(criterion: Criterion, label: str) -> None:
    data = policy(criterion.examples[label])
    assert fast_check("policy")(data), f"{criterion.id} example {label!r} is not schema-valid"
    status, reason, _, _ = evaluate_criterion(criterion, PolicyDocument(data, "2026-01-01"), {})
    assert status == Status(label), f"{criterion.id} {label}: got {status} ({reason})"


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_paths_exist_in_policy_schema(criterion: Criterion) -> None:
    paths = [criterion.subject, *paths_of(criterion.compiled.met)]
    for condition in (criterion.compiled.partial, criterion.compiled.applies_when):
        if condition is not None:
            paths += list(paths_of(condition))
    missing = [p for p in paths if not schema_has(p)]
    assert not missing, f"{criterion.id} reads paths the policy schema lacks: {missing}"


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_condition_paths_sit_under_subject(criterion: Criterion) -> None:
    """A met condition that reads outside the subject could be met while 'not stated'."""
    inside = [p for p in paths_of(criterion.compiled.met)
              if p.startswith(criterion.subject + "/") or p == criterion.subject
              or p.startswith("/city/")]
    assert inside, f"{criterion.id}: no met path under its subject {criterion.subject}"


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_criterion_is_complete(criterion: Criterion) -> None:
    assert criterion.recommendation.strip() and criterion.met_means.strip()
    assert {"met", "unmet"} <= set(criterion.examples)
    assert (criterion.compiled.partial is None) == ("partial" not in criterion.examples), \
        f"{criterion.id}: a partial condition needs a partial example and vice versa"
    assert criterion.refs.get("gcm") and criterion.refs.get("sdg"), \
        f"{criterion.id}: every criterion cites GCM objectives and SDG targets"
    if criterion.compiled.partial is not None:
        assert criterion.partial_means.strip()
    applies_when = criterion.compiled.applies_when
    assert (applies_when is None) == ("not-applicable" not in criterion.examples), \
        f"{criterion.id}: applies_when needs a not-applicable example and vice versa"
    assert (applies_when is None) == (not criterion.applies_means)


def test_ids_unique_across_catalogues() -> None:
    counts = Counter(c.id for c in CRITERIA)
    assert [cid for cid, n in counts.items() if n > 1] == []


def test_every_ref_resolves() -> None:
    refs = load_references()
    bad = [(c.id, key, rid) for c in CRITERIA for key, ids in c.refs.items() for rid in ids
           if rid not in refs[key].items]
    assert bad == []


def test_every_operator_is_used() -> None:
    used = {op for c in CRITERIA for cond in (c.compiled.met, c.compiled.partial)
            if cond is not None for op in operators_of(cond)}
    assert set(OPERATORS) | {"all", "any"} <= used | {"not"}


def _per_group(framework_id: str) -> Counter[str]:
    framework = load_bundled(framework_id)
    return Counter(c.group for c in framework.criteria)


def test_migof_covers_every_element() -> None:
    framework = load_bundled("migof")
    per_group = _per_group("migof")
    assert len(framework.criteria) >= 30
    assert {g.id for g in framework.groups} == {"P1", "P2", "P3", "O1", "O2", "O3"}
    assert min(per_group[g.id] for g in framework.groups) >= 4, per_group


def test_local_mgi_covers_every_dimension() -> None:
    assert "local-mgi" in available()  # bundled: its absence is a broken install
    framework = load_bundled("local-mgi")
    per_group = _per_group("local-mgi")
    assert len(framework.criteria) >= 70
    assert [g.id for g in framework.groups] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert min(per_group[g.id] for g in framework.groups) >= 8, per_group
    assert all(c.derived_from["basis"] in {"framework-text", "L1", "L2", "L3", "L4"}
               for c in framework.criteria)


def test_micic_covers_every_guideline_and_phase() -> None:
    assert "micic" in available()
    framework = load_bundled("micic")
    assert len(framework.criteria) >= 35
    assert [g.id for g in framework.groups] == ["preparedness", "response", "post-crisis"]
    phases = load_references()["micic"].items
    for c in framework.criteria:
        for ref in c.refs.get("micic", ()):
            if ref.startswith("G"):
                assert phases[ref].phase == c.group, f"{c.id}: {ref} is not in {c.group}"
        # the guideline or principle a criterion is derived from is one it cites
        kind, number = c.derived_from["element"].split(":")[0].split()
        assert f"{kind[0]}{int(number):02d}" in c.refs.get("micic", ()), c.id
    per_guideline = Counter(ref for c in framework.criteria for ref in c.refs.get("micic", ())
                            if ref.startswith("G"))
    assert all(per_guideline[f"G{n:02d}"] >= 2 for n in range(1, 16)), per_guideline
    principles = {ref for c in framework.criteria for ref in c.refs.get("micic", ())
                  if ref.startswith("P")}
    assert len(principles) >= 6, principles
