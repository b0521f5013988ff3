"""Deciding each criterion's status: met, partial, unmet, not-stated, waived (and expired
waivers), out-of-competence; waiver notices; pointers located in the policy file."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from mgf_check.evaluate import (
    PolicyDocument,
    as_of_date,
    evaluate,
    evaluate_criterion,
    read_waivers,
    waiver_notices,
)
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Criterion, Framework, Span, Status, Waiver
from tests.conftest import policy
from tests.unit.helpers import tiny_framework

AS_OF = "2026-01-01"


@pytest.fixture(scope="module")
def tiny() -> Framework:
    return tiny_framework()


@pytest.fixture(scope="module")
def health(tiny: Framework) -> Criterion:
    return tiny.criteria[0]


def judge(criterion: Criterion, fragment: dict[str, Any],
          waivers: dict[str, Waiver] | None = None) -> tuple[Status, str, str, Waiver | None]:
    return evaluate_criterion(criterion, PolicyDocument(policy(fragment), AS_OF), waivers or {})


def waiver(criterion: str = "TINY-1", expires: str = "2026-12-31") -> dict[str, Any]:
    return {"criterion": criterion, "reason": "budget cycle", "approved_by": "Council",
            "expires": expires}


def test_met(health: Criterion) -> None:
    status, reason, pointer, used = judge(
        health, {"rights": {"health": {"status": "implemented", "scope": "everyone"}}})
    assert (status, pointer, used) == (Status.MET, "/rights/health/status", None)
    assert reason == ("/rights/health/status is 'implemented'; "
                      "/rights/health/scope is 'everyone'")


def test_partial(health: Criterion) -> None:
    status, reason, pointer, _ = judge(health, {"rights": {"health": {"status": "pilot"}}})
    assert (status, pointer) == (Status.PARTIAL, "/rights/health/status")
    assert reason == ("/rights/health/status is 'pilot'; not met because /rights/health/status "
                      "is 'pilot', expected 'implemented'; /rights/health/scope is not stated")


def test_a_criterion_failing_two_conditions_lists_both(health: Criterion) -> None:
    status, reason, _, _ = judge(
        health, {"rights": {"health": {"status": "planned", "scope": "nationals"}}})
    assert status is Status.UNMET
    assert "/rights/health/status is 'planned'" in reason
    assert "/rights/health/scope is 'nationals'" in reason


def test_partial_when_the_met_path_is_missing_points_at_the_partial_value(
        health: Criterion) -> None:
    status, reason, pointer, _ = judge(health, {"rights": {"health": {"status": "implemented"}}})
    assert status is Status.PARTIAL
    assert pointer == "/rights/health/status"
    assert "/rights/health/scope is not stated" in reason


def test_unmet(health: Criterion) -> None:
    status, reason, pointer, _ = judge(health, {"rights": {"health": {"status": "none"}}})
    assert (status, pointer) == (Status.UNMET, "/rights/health/status")
    assert reason == ("/rights/health/status is 'none': the city states it has no such "
                      "measure")


def test_unmet_without_a_partial_condition(tiny: Framework) -> None:
    office = tiny.criteria[1]
    status, reason, pointer, _ = judge(office, {"governance": {"migrant_office":
                                                               {"status": "planned"}}})
    assert (status, pointer) == (Status.UNMET, "/governance/migrant_office/status")
    assert reason == "/governance/migrant_office/status is 'planned', expected 'implemented'"


@pytest.mark.parametrize(("fragment", "pointer", "advice"), [
    ({}, "", "add `rights:` at the top level"),
    ({"rights": None}, "", "add `rights:` at the top level"),
    ({"rights": {}}, "/rights", "add `health:` under `rights:`"),
    ({"rights": {"health": None}}, "/rights", "add `health:` under `rights:`"),
    ({"rights": {"housing": {"status": "none"}}}, "/rights", "add `health:` under `rights:`"),
])
def test_not_stated_when_the_subject_is_absent_or_null(
        health: Criterion, fragment: dict[str, Any], pointer: str, advice: str) -> None:
    status, reason, where, _ = judge(health, fragment)
    assert (status, where) == (Status.NOT_STATED, pointer)
    assert reason == (f"/rights/health is not stated: {advice} (or write `status: none` if "
                      "the city has no such measure)")


def test_waived_by_a_valid_waiver(health: Criterion) -> None:
    data = policy({"rights": {"health": {"status": "none"}}, "waivers": [waiver()]})
    waivers = {w.criterion: w for w in read_waivers(data, AS_OF)}
    status, reason, pointer, used = evaluate_criterion(health, PolicyDocument(data, AS_OF),
                                                       waivers)
    assert (status, pointer) == (Status.WAIVED, "/waivers/0")
    assert reason == "waived until 2026-12-31: budget cycle (approved by Council)"
    assert used is not None and not used.expired


def test_waiver_still_applies_on_its_last_day(health: Criterion) -> None:
    data = policy({"waivers": [waiver(expires=AS_OF)]})
    waivers = {w.criterion: w for w in read_waivers(data, AS_OF)}
    assert judge(health, {}, waivers)[0] is Status.WAIVED


def test_expired_waiver_is_scored_normally_and_says_so(health: Criterion) -> None:
    data = policy({"rights": {"health": {"status": "none"}},
                   "waivers": [waiver(expires="2025-06-30")]})
    waivers = {w.criterion: w for w in read_waivers(data, AS_OF)}
    status, reason, pointer, used = evaluate_criterion(health, PolicyDocument(data, AS_OF),
                                                       waivers)
    assert (status, pointer) == (Status.UNMET, "/rights/health/status")
    assert reason.endswith("[waiver expired on 2025-06-30, so the criterion is scored]")
    assert used is not None and used.expired


def test_waiver_expiry_follows_the_reference_date() -> None:
    data = policy({"waivers": [waiver(expires="2026-06-30")]})
    assert [w.expired for w in read_waivers(data, "2026-06-30")] == [False]
    assert [w.expired for w in read_waivers(data, "2026-07-01")] == [True]
    assert [w.expired for w in read_waivers(data, "")] == [False]


def test_read_waivers() -> None:
    data = policy({"waivers": [waiver(), waiver("TINY-2", "2020-01-01")]})
    assert read_waivers(data, AS_OF) == (
        Waiver("TINY-1", "budget cycle", "Council", "2026-12-31", False, "/waivers/0"),
        Waiver("TINY-2", "budget cycle", "Council", "2020-01-01", True, "/waivers/1"),
    )
    assert read_waivers(policy({"waivers": None}), AS_OF) == ()
    assert read_waivers(policy(), AS_OF) == ()


def test_out_of_competence(health: Criterion) -> None:
    status, reason, pointer, _ = judge(health, {"city": {"competences": {"health": "none"}},
                                                "rights": {"health": {"status": "none"}}})
    assert (status, pointer) == (Status.OUT_OF_COMPETENCE, "/city/competences/health")
    assert reason.startswith("the city declares no competence over health "
                             "(/city/competences/health)")
    assert "advocacy" in reason


@pytest.mark.parametrize("level", ["full", "shared"])
def test_shared_or_full_competence_is_scored(health: Criterion, level: str) -> None:
    fragment = {"city": {"competences": {"health": level}},
                "rights": {"health": {"status": "none"}}}
    assert judge(health, fragment)[0] is Status.UNMET


def test_out_of_competence_wins_over_not_stated(health: Criterion) -> None:
    assert judge(health, {"city": {"competences": {"health": "none"}}})[0] \
        is Status.OUT_OF_COMPETENCE


def test_a_valid_waiver_wins_over_out_of_competence(health: Criterion) -> None:
    data = policy({"city": {"competences": {"health": "none"}}, "waivers": [waiver()]})
    waivers = {w.criterion: w for w in read_waivers(data, AS_OF)}
    assert judge(health, {"city": {"competences": {"health": "none"}}}, waivers)[0] \
        is Status.WAIVED


def test_unknown_criterion_waivers_produce_notices() -> None:
    waivers = read_waivers(policy({"waivers": [waiver(), waiver("TINY-3"),
                                               waiver("ZZZ-99")]}), AS_OF)
    notices = waiver_notices(waivers, {"TINY-1", "OTHER-2"})
    assert [(n.message, n.pointer) for n in notices] == [
        ("waiver for TINY-3, which no loaded framework has (did you mean TINY-1?)",
         "/waivers/1/criterion"),
        ("waiver for ZZZ-99, which no loaded framework has", "/waivers/2/criterion"),
    ]


def test_no_notices_for_known_criteria() -> None:
    assert waiver_notices(read_waivers(policy({"waivers": [waiver()]}), AS_OF),
                          {"TINY-1"}) == []


def test_as_of_date() -> None:
    assert as_of_date(policy()) == "2026-01-01"
    assert as_of_date(policy(), "2030-05-05") == "2030-05-05"
    assert as_of_date({}) == ""


def test_evaluate_every_criterion_in_order_with_located_pointers(tiny: Framework) -> None:
    text = yaml.safe_dump(policy({"rights": {"health": {"status": "pilot"}},
                                  "governance": {"strategy": {"status": "none"}}}),
                          sort_keys=False)
    doc = load_text(text, "city.yaml")
    lines = text.splitlines()
    results = evaluate([tiny], PolicyDocument(doc.data, AS_OF), (),
                       lambda pointer, key: doc.locate(pointer, key=key))
    assert [(r.criterion.id, r.status, r.pointer) for r in results] == [
        ("TINY-1", Status.PARTIAL, "/rights/health/status"),
        ("TINY-2", Status.NOT_STATED, "/governance"),
    ]
    status_line = lines.index("    status: pilot") + 1
    assert results[0].span == Span(status_line, 13, status_line, 18)
    governance_line = lines.index("governance:") + 1
    assert results[1].span is not None
    assert (results[1].span.line, results[1].span.column) == (governance_line, 1)


def test_evaluate_without_positions(tiny: Framework) -> None:
    results = evaluate([tiny], PolicyDocument(policy(), AS_OF), (), None)
    assert [r.status for r in results] == [Status.NOT_STATED, Status.NOT_STATED]
    assert all(r.span is None for r in results)


def test_evaluate_applies_waivers_by_criterion(tiny: Framework) -> None:
    data = policy({"waivers": [waiver("TINY-2")]})
    results = evaluate([tiny], PolicyDocument(data, AS_OF), read_waivers(data, AS_OF), None)
    assert [r.status for r in results] == [Status.NOT_STATED, Status.WAIVED]
    assert results[1].waiver is not None and results[1].pointer == "/waivers/0"


def test_catalogue_examples_behave_as_labelled(tiny: Framework) -> None:
    for criterion in tiny.criteria:
        for label, fragment in criterion.examples.items():
            assert judge(criterion, fragment)[0] == Status(label), (criterion.id, label)


def test_a_national_body_delivering_a_measure_counts_and_is_named(health: Criterion) -> None:
    status, reason, _, _ = judge(health, {"rights": {"health": {
        "status": "implemented", "scope": "everyone", "delivered_by": ["national-body"]}}})
    assert status is Status.MET
    assert "delivered in the city by a national body, not by the municipality" in reason


def test_a_stated_measure_missing_a_detail_is_partial_and_names_it(health: Criterion) -> None:
    status, reason, _, _ = judge(health, {"rights": {"health": {"status": "implemented"}}})
    assert status is Status.PARTIAL
    assert "rights.health.scope" in reason or "/rights/health/scope" in reason
