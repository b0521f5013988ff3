"""Exit codes, table-driven: thresholds on scores and statuses, priorities, invalid input wins."""

from __future__ import annotations

from typing import Any

import pytest

from mgf_check.exit_codes import FAIL_ON, ExitCode, exit_code_for
from mgf_check.gate import FailOn, Gate, judge
from mgf_check.model import (
    CriterionResult,
    FrameworkScore,
    PolicyReport,
    Priority,
    Status,
)
from tests.unit.helpers import M, N, O, P, U, W, criterion, tiny_framework

CORE, REC, GOOD = "core", "recommended", "good-practice"


def report(*rows: tuple[Status, str], score: float | None = 100.0) -> PolicyReport:
    """A report whose results have the given (status, priority) rows and framework score."""
    results = tuple(CriterionResult(criterion(f"T-{i}", priority=priority), status, "", "", None)
                    for i, (status, priority) in enumerate(rows))
    framework = FrameworkScore(tiny_framework(), score, {}, ())
    return PolicyReport("city.yaml", {}, {}, "2026-01-01", (framework,), results, (), False,
                        ())


CLEAN = report((M, CORE), (W, CORE), (O, CORE), score=100.0)
PARTIAL_GOOD = report((M, CORE), (P, GOOD), score=75.0)
NOT_STATED_REC = report((M, CORE), (N, REC), score=50.0)
UNMET_CORE = report((U, CORE), (M, REC), score=50.0)
UNMET_GOOD = report((M, CORE), (U, GOOD), score=50.0)
NOTHING_SCORED = report((W, CORE), score=None)

TABLE: list[tuple[str, list[PolicyReport], dict[str, Any], ExitCode]] = [
    ("no thresholds: gaps alone never fail", [UNMET_CORE], {}, ExitCode.OK),
    ("clean report", [CLEAN], {"fail_on": "partial", "fail_under": 100}, ExitCode.OK),
    # --fail-under
    ("score under threshold", [PARTIAL_GOOD], {"fail_under": 80}, ExitCode.GAPS),
    ("score at threshold passes", [PARTIAL_GOOD], {"fail_under": 75}, ExitCode.OK),
    ("score over threshold", [PARTIAL_GOOD], {"fail_under": 74.9}, ExitCode.OK),
    ("fail_under 0 never fails", [UNMET_CORE], {"fail_under": 0}, ExitCode.OK),
    ("no score is not under", [NOTHING_SCORED], {"fail_under": 100}, ExitCode.OK),
    # --fail-on unmet
    ("unmet fails on unmet", [UNMET_CORE], {"fail_on": "unmet"}, ExitCode.GAPS),
    ("not-stated passes on unmet", [NOT_STATED_REC], {"fail_on": "unmet"}, ExitCode.OK),
    ("partial passes on unmet", [PARTIAL_GOOD], {"fail_on": "unmet"}, ExitCode.OK),
    # --fail-on not-stated
    ("unmet fails on not-stated", [UNMET_CORE], {"fail_on": "not-stated"}, ExitCode.GAPS),
    ("not-stated fails on not-stated", [NOT_STATED_REC], {"fail_on": "not-stated"},
     ExitCode.GAPS),
    ("partial passes on not-stated", [PARTIAL_GOOD], {"fail_on": "not-stated"}, ExitCode.OK),
    # --fail-on partial
    ("unmet fails on partial", [UNMET_CORE], {"fail_on": "partial"}, ExitCode.GAPS),
    ("not-stated fails on partial", [NOT_STATED_REC], {"fail_on": "partial"}, ExitCode.GAPS),
    ("partial fails on partial", [PARTIAL_GOOD], {"fail_on": "partial"}, ExitCode.GAPS),
    ("waived and out-of-competence never fail", [CLEAN], {"fail_on": "partial"}, ExitCode.OK),
    # --fail-priority
    ("core unmet fails at core", [UNMET_CORE],
     {"fail_on": "unmet", "priority": Priority.CORE}, ExitCode.GAPS),
    ("good-practice unmet passes at core", [UNMET_GOOD],
     {"fail_on": "unmet", "priority": Priority.CORE}, ExitCode.OK),
    ("good-practice unmet passes at recommended", [UNMET_GOOD],
     {"fail_on": "unmet", "priority": Priority.RECOMMENDED}, ExitCode.OK),
    ("good-practice unmet fails at good-practice", [UNMET_GOOD],
     {"fail_on": "unmet", "priority": Priority.GOOD_PRACTICE}, ExitCode.GAPS),
    ("recommended not-stated fails at recommended", [NOT_STATED_REC],
     {"fail_on": "not-stated", "priority": Priority.RECOMMENDED}, ExitCode.GAPS),
    ("recommended not-stated passes at core", [NOT_STATED_REC],
     {"fail_on": "not-stated", "priority": Priority.CORE}, ExitCode.OK),
    ("priority alone does nothing", [UNMET_CORE], {"priority": Priority.CORE}, ExitCode.OK),
    ("priority does not filter fail_under", [UNMET_GOOD],
     {"fail_under": 60, "priority": Priority.CORE}, ExitCode.GAPS),
    # several reports
    ("any failing report fails the run", [CLEAN, UNMET_CORE], {"fail_on": "unmet"},
     ExitCode.GAPS),
    ("all clean", [CLEAN, CLEAN], {"fail_on": "partial"}, ExitCode.OK),
    ("no reports", [], {"fail_on": "partial", "fail_under": 100}, ExitCode.OK),
    # invalid input wins
    ("invalid wins over gaps", [UNMET_CORE], {"fail_on": "unmet", "invalid": True},
     ExitCode.INVALID),
    ("invalid wins with no thresholds", [CLEAN], {"invalid": True}, ExitCode.INVALID),
    ("invalid with no reports", [], {"invalid": True}, ExitCode.INVALID),
    ("invalid wins over fail_under", [PARTIAL_GOOD], {"fail_under": 99, "invalid": True},
     ExitCode.INVALID),
]


@pytest.mark.parametrize(("reports", "options", "expected"),
                         [row[1:] for row in TABLE], ids=[row[0] for row in TABLE])
def test_exit_code_for(reports: list[PolicyReport], options: dict[str, Any],
                       expected: ExitCode) -> None:
    gate = Gate(options.get("fail_on"), options.get("priority"), options.get("fail_under"))
    verdicts = [judge(report, gate) for report in reports]
    assert exit_code_for(verdicts, invalid=int(options.get("invalid", False))) is expected


def test_exit_codes_are_the_documented_numbers() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3]
    assert [c.name for c in ExitCode] == ["OK", "GAPS", "INVALID", "INTERNAL"]


def test_fail_on_choices_grow_in_severity() -> None:
    assert list(FAIL_ON) == ["unmet", "not-stated", "partial"]
    previous: set[Status] = set()
    for statuses in FAIL_ON.values():
        assert previous < set(statuses)
        previous = set(statuses)
    assert previous == {U, N, P}


def test_verdicts_are_read_from_any_iterable() -> None:
    gate = Gate(FailOn.UNMET)
    assert exit_code_for(judge(r, gate) for r in (CLEAN, UNMET_CORE)) is ExitCode.GAPS
