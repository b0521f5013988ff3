"""The judgement rules (mgf_check.tools.rules), generated over every bundled criterion, and proof
that they catch a broken criterion."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from mgf_check.catalogue.loader import available, load, load_bundled
from mgf_check.conditions.combinators import compile_condition
from mgf_check.evaluate import PolicyDocument, evaluate_criterion
from mgf_check.model import Conditions, Criterion, Status
from mgf_check.tools.rules import AS_OF, check, check_consistency, check_criterion, favourable
from tests.conftest import ROOT

CRITERIA = [c for f in available() for c in load_bundled(f).criteria]
BY_ID = {c.id: c for c in CRITERIA}


def by_id(cid: str) -> Criterion:
    return BY_ID[cid]


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_criterion_obeys_the_judgement_rules(criterion: Criterion) -> None:
    assert check_criterion(criterion) == []


def test_one_fact_is_tested_one_way_across_catalogues() -> None:
    assert check_consistency(CRITERIA) == []


def test_rules_run_on_a_custom_catalogue() -> None:
    custom = load(str(ROOT / "tests" / "data" / "catalogues" / "programme.yaml"))
    assert check(custom.criteria) == []


# --- the rules can fail: deliberately broken copies of real criteria -------------------------

def test_r1_catches_a_met_that_never_reads_status() -> None:
    g12 = by_id("MICIC-G12.01")
    broken = replace(g12, conditions=replace(g12.compiled, met=compile_condition(
        {"path": "/crisis/referral/needs", "contains_all": ["child-protection", "trafficking"]})))
    breaches = check_criterion(broken)
    assert any("R1 met holds while /crisis/referral is only planned" in b for b in breaches)
    assert any("status none" in b for b in breaches)


def test_r2_catches_credit_for_a_service_reserved_for_nationals() -> None:
    d101 = by_id("LMGI-D1.01")
    broken = replace(d101, conditions=replace(d101.compiled, partial=compile_condition(
        {"any": [{"path": "/rights/health/scope", "in": ["regular-status", "nationals"]},
                 {"path": "/rights/health/status", "in": ["adopted", "pilot"]}]})))
    assert any("R2" in b for b in check_criterion(broken))


def test_r5_catches_one_fact_read_two_ways() -> None:
    p106 = by_id("MIGOF-P1.06")
    broken = replace(p106, id="X-P1.06", differs={}, conditions=Conditions(compile_condition(
        {"all": [{"path": "/rights/firewall/status", "in": ["implemented"]},
                 {"path": "/rights/firewall/services", "contains_all": ["health", "police"]}]})))
    assert any(b.startswith("X-P1.06: R5") for b in check_consistency([*CRITERIA, broken]))


def test_r4_and_r3_hold_through_evaluation_even_for_a_strict_criterion() -> None:
    d103 = by_id("LMGI-D1.03")
    # without a partial, a missing detail must still give partial, naming the detail
    strict = replace(d103, conditions=replace(d103.compiled, partial=None))
    assert check_criterion(strict) == []


# --- acceptance: whole policies built from every criterion ------------------------------------

def _set_everywhere(data: Any, key: str, value: str) -> Any:
    if isinstance(data, dict):
        out = {k: _set_everywhere(v, key, value) for k, v in data.items()}
        if key in out or (key == "scope" and "status" in out):
            out[key] = value
        return out
    if isinstance(data, list):
        return [_set_everywhere(v, key, value) for v in data]
    return data


def _status(criterion: Criterion, data: dict[str, Any]) -> Status:
    return evaluate_criterion(criterion, PolicyDocument(data, AS_OF), {}).status


@pytest.fixture(scope="module")
def policies() -> list[tuple[Criterion, dict[str, Any]]]:
    return [(c, p) for c in CRITERIA for p in favourable(c)]


def test_every_measure_planned_gives_no_met(policies: list[tuple[Criterion, dict[str, Any]]]
                                            ) -> None:
    met = [c.id for c, p in policies
           if _status(c, _set_everywhere(p, "status", "planned")) is Status.MET]
    assert met == []


def test_every_measure_absent_gives_no_credit(policies: list[tuple[Criterion, dict[str, Any]]]
                                              ) -> None:
    credited = [c.id for c, p in policies
                if _status(c, _set_everywhere(p, "status", "none")) in (Status.MET,
                                                                        Status.PARTIAL)]
    assert credited == []


def test_every_service_for_nationals_gives_no_credit(
        policies: list[tuple[Criterion, dict[str, Any]]]) -> None:
    credited = [c.id for c, p in policies if not c.nationals_may_qualify and
                _status(c, _set_everywhere(p, "scope", "nationals")) in (Status.MET,
                                                                         Status.PARTIAL)]
    assert credited == []
    exempt = [c for c in CRITERIA if c.nationals_may_qualify]
    assert all(len(c.nationals_may_qualify) > 20 for c in exempt)


@pytest.mark.parametrize("status", ["implemented", "adopted"])
def test_a_stated_measure_without_details_is_never_unmet(status: str) -> None:
    unmet = []
    for criterion in CRITERIA:
        data = copy.deepcopy(favourable(criterion)[0])
        for key in ("city", "governance", "rights", "inclusion", "economy", "partnerships",
                    "crisis", "mobility"):
            if key != "city":
                data.pop(key, None)
        data["city"] = {"name": "Rule", "country": "XX"}
        parts = criterion.subject.strip("/").split("/")
        node = data
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = {"status": status}
        result = _status(criterion, data)
        if result is Status.UNMET:
            unmet.append(criterion.id)
    assert unmet == []


def test_returnee_reintegration_for_nationals_still_counts() -> None:
    d604 = by_id("LMGI-D6.04")
    assert d604.nationals_may_qualify
    data = favourable(d604)[0]
    data["mobility"]["returnees"]["scope"] = "nationals"
    assert _status(d604, data) is Status.MET
