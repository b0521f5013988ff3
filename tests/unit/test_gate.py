"""The CI gate: thresholds, baselines (only what got worse fails) and the reason line."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from mgf_check.gate import FailOn, Gate, batch_reason, judge, reason, worse
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import PolicyReport, Priority, Status
from mgf_check.pipeline import CheckOptions, check_document

from .helpers import tiny_framework


def report(health: str | None, office: str | None, path: str = "city.yaml") -> PolicyReport:
    data: dict[str, Any] = {"schema_version": 1, "city": {"name": "X", "country": "XX"},
                            "assessment": {"date": "2026-01-01"}}
    if health:
        data["rights"] = {"health": {"status": health, "scope": "everyone"}}
    if office:
        data["governance"] = {"migrant_office": {"status": office}}
    doc = load_text(yaml.safe_dump(data), path)
    return check_document(doc, [tiny_framework()], CheckOptions(), locate=False)


@pytest.mark.parametrize(("before", "after", "expected"), [
    (Status.MET, Status.PARTIAL, True), (Status.PARTIAL, Status.UNMET, True),
    (Status.UNMET, Status.NOT_STATED, False), (Status.NOT_STATED, Status.UNMET, False),
    (Status.WAIVED, Status.UNMET, True), (None, Status.PARTIAL, True),
    (Status.UNMET, Status.MET, False), (Status.MET, Status.OUT_OF_COMPETENCE, False),
])
def test_worse_means_a_new_gap_or_a_lower_scoring_one(before: Status | None, after: Status,
                                                       expected: bool) -> None:
    assert worse(before, after) is expected


def test_thresholds_alone_fail_on_existing_gaps_with_a_reason() -> None:
    now = report("none", None)  # TINY-1 unmet (core), TINY-2 not stated (recommended)
    gate = Gate(fail_on=FailOn.NOT_STATED)
    verdict = judge(now, gate)
    assert verdict.criteria == ("TINY-1", "TINY-2")
    assert reason(verdict, gate) == \
        "2 criteria are unmet or not stated (--fail-on not-stated): TINY-1, TINY-2"
    core = Gate(fail_on=FailOn.UNMET, priority=Priority.CORE)
    assert reason(judge(now, core), core) == \
        "1 core criterion is unmet (--fail-on unmet): TINY-1"
    assert not judge(now, Gate()).failing and reason(judge(now, Gate()), Gate()) == ""


def test_a_baseline_lets_old_gaps_through_and_stops_new_ones() -> None:
    base = report("none", "implemented")
    gate = Gate(fail_on=FailOn.PARTIAL, baseline=True)
    assert not judge(report("none", "implemented"), gate, base).failing
    worse_now = judge(report("none", None), gate, base)
    assert worse_now.criteria == ("TINY-2",)
    assert reason(worse_now, gate) == \
        "1 criterion got worse than the baseline (--fail-on partial): TINY-2"
    # no --fail-on with a baseline: any gap that got worse fails; priorities still filter
    assert judge(report("pilot", "implemented"), Gate(baseline=True),
                 report("implemented", "implemented")).failing
    core_only = Gate(priority=Priority.CORE, baseline=True)
    assert not judge(report("implemented", None), core_only, base).failing


def test_a_policy_missing_from_the_baseline_is_judged_on_the_thresholds() -> None:
    gate = Gate(fail_on=FailOn.UNMET, baseline=True)
    verdict = judge(report("none", None), gate, None)
    assert verdict.against == "new" and verdict.failing
    assert reason(verdict, gate).startswith("not in the baseline, so judged on the thresholds: "
                                            "1 criterion is unmet")
    assert not judge(report("none", None), Gate(baseline=True), None).failing


def test_fail_under_with_and_without_a_baseline() -> None:
    now = report("pilot", None)  # tiny score well under 60
    gate = Gate(fail_under=60)
    (failure,) = judge(now, gate).scores
    assert reason(judge(now, gate), gate) == \
        f"tiny score {failure.score:.1f} is under --fail-under 60"
    with_base = Gate(fail_under=60, baseline=True)
    assert not judge(now, with_base, report("pilot", None)).failing  # no lower than before
    lower = judge(report("none", None), with_base, now)
    assert "and below the baseline's" in reason(lower, with_base)


def test_batch_reason_counts_cities_and_invalid_files() -> None:
    gate = Gate(fail_on=FailOn.UNMET)
    verdicts = [judge(report("none", None, "a.yaml"), gate),
                judge(report("implemented", None, "b.yaml"), gate)]
    assert batch_reason(verdicts, gate, invalid=1) == (
        "1 of 3 policy files is invalid (errors above); 1 of 3 policies fail the gate: "
        "a.yaml: 1 criterion is unmet (--fail-on unmet): TINY-1")
