"""Diffs of two versions of one policy (`diff.diff_reports`): the change kind of every
before/after status pair, criteria present on one side only, the order of the changes, and
exact score deltas per framework and group (also as `diff_to_dict` writes them)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mgf_check.diff import ScoreDelta, diff_reports
from mgf_check.model import (
    Change,
    Criterion,
    CriterionResult,
    Framework,
    Group,
    PolicyReport,
    Status,
)
from mgf_check.reporters.json_codec import diff_to_dict
from mgf_check.scoring import score_frameworks
from tests.unit.helpers import A, M, N, O, P, U, W, criterion

GROUPS = (Group("G1", "One"), Group("G2", "Two"))
#: Criteria of framework `alpha`: id -> (group, weight).
CRITERIA = {"A-1": ("G1", 1.0), "A-2": ("G1", 2.0), "A-3": ("G2", 1.0), "A-4": ("G2", 2.0)}


def made(cid: str, weight: float | None = None) -> Criterion:
    group, default = CRITERIA[cid]
    return criterion(cid, group=group, weight=default if weight is None else weight,
                     framework="alpha")


def report(statuses: Mapping[str, Status], groups: tuple[Group, ...] = GROUPS,
           criteria: Mapping[str, Criterion] | None = None,
           path: str = "city.yaml") -> PolicyReport:
    """A report of framework `alpha` holding a result for each criterion in `statuses`."""
    chosen = dict(criteria or {})
    results = tuple(CriterionResult(chosen.get(cid) or made(cid), status, "", "", None)
                    for cid, status in statuses.items())
    framework = Framework("alpha", "Alpha", "AL", "", {}, "", groups,
                          tuple(r.criterion for r in results), "")
    return PolicyReport(path, {"name": "Harbour"}, {}, "2026-01-01",
                        score_frameworks([framework], results), results, (), False, ())


@pytest.mark.parametrize(("before", "after", "kind"), [
    (U, M, Change.CLOSED), (N, W, Change.CLOSED), (P, M, Change.CLOSED),
    (U, O, Change.CLOSED), (N, A, Change.CLOSED),
    (U, None, Change.CLOSED),  # a gap whose criterion is gone is no gap now
    (M, U, Change.OPENED), (W, P, Change.OPENED), (O, N, Change.OPENED), (A, U, Change.OPENED),
    (None, U, Change.OPENED), (None, N, Change.OPENED), (None, P, Change.OPENED),
    (U, P, Change.CHANGED), (N, U, Change.CHANGED), (P, N, Change.CHANGED),  # still a gap
    (M, W, Change.CHANGED), (W, O, Change.CHANGED), (A, M, Change.CHANGED),  # never a gap
    (M, None, Change.CHANGED), (None, M, Change.CHANGED), (None, W, Change.CHANGED),
    (M, M, Change.UNCHANGED), (U, U, Change.UNCHANGED), (W, W, Change.UNCHANGED),
])
def test_change_kind_of_each_status_pair(before: Status | None, after: Status | None,
                                         kind: Change) -> None:
    old = report({"A-1": before} if before else {"A-2": M})
    new = report({"A-1": after} if after else {"A-2": M})
    (change,) = [c for c in diff_reports(old, new).changes if c.criterion.id == "A-1"]
    assert (change.before, change.after, change.kind) == (before, after, kind)


def test_changes_follow_the_new_report_then_criteria_only_in_the_old_one() -> None:
    old = report({"A-3": U, "A-1": M, "A-4": N})
    new = report({"A-2": P, "A-1": M, "A-3": M})
    result = diff_reports(old, new)
    assert [(c.criterion.id, c.before, c.after, c.kind) for c in result.changes] == [
        ("A-2", None, P, Change.OPENED), ("A-1", M, M, Change.UNCHANGED),
        ("A-3", U, M, Change.CLOSED), ("A-4", N, None, Change.CLOSED)]
    assert (result.old, result.new) == (old, new)


def test_a_change_describes_the_criterion_as_it_is_now() -> None:
    old = report({"A-1": U, "A-2": U}, criteria={"A-1": made("A-1", 1.0), "A-2": made("A-2", 5)})
    new = report({"A-1": M}, criteria={"A-1": made("A-1", 3.0)})
    weights = {c.criterion.id: c.criterion.weight for c in diff_reports(old, new).changes}
    assert weights == {"A-1": 3.0, "A-2": 5.0}  # the new version's, else the old one's


def test_score_deltas_per_framework_then_group_are_exact() -> None:
    # in each group one criterion weighs 1 and the other 2
    old = report({"A-1": M, "A-2": U, "A-3": U, "A-4": M})
    new = report({"A-1": U, "A-2": M, "A-3": P, "A-4": M})
    deltas = diff_reports(old, new).deltas
    assert deltas == (ScoreDelta("alpha", "", "AL", 50.0, 75.0),  # the mean of its groups
                      ScoreDelta("alpha", "G1", "One", 33.3, 66.7),  # 1/3 -> 2/3
                      ScoreDelta("alpha", "G2", "Two", 66.7, 83.3))  # 2/3 -> 2.5/3
    assert [d.change for d in deltas] == [25.0, 33.4, 16.6]


def test_a_score_going_down_or_missing_on_one_side() -> None:
    old = report({"A-1": M, "A-3": W})  # G2: only a waived criterion, no score
    new = report({"A-1": P, "A-3": U})
    assert [(d.group, d.before, d.after, d.change) for d in diff_reports(old, new).deltas] == [
        ("", 100.0, 25.0, -75.0), ("G1", 100.0, 50.0, -50.0), ("G2", None, 0.0, None)]


def test_a_group_new_in_the_new_version_has_no_before() -> None:
    old = report({"A-1": M}, groups=GROUPS[:1])
    new = report({"A-1": M, "A-3": U})
    assert [(d.group, d.before, d.after, d.change) for d in diff_reports(old, new).deltas] == [
        ("", 100.0, 50.0, -50.0), ("G1", 100.0, 100.0, 0.0), ("G2", None, 0.0, None)]


def test_diff_to_dict_counts_kinds_and_lists_only_real_changes() -> None:
    old = report({"A-1": U, "A-2": M, "A-3": N, "A-4": W}, path="2025.yaml")
    new = report({"A-1": M, "A-2": U, "A-3": P, "A-4": W}, path="2026.yaml")
    data = diff_to_dict(diff_reports(old, new))
    assert data["summary"] == {"closed": 1, "opened": 1, "changed": 1, "unchanged": 1}
    assert [(c["id"], c["before"], c["after"], c["kind"]) for c in data["changes"]] == [
        ("A-1", "unmet", "met", "closed"), ("A-2", "met", "unmet", "opened"),
        ("A-3", "not-stated", "partial", "changed")]
    assert [s["group"] for s in data["scores"]] == [None, "G1", "G2"]
    assert data["scores"][1] == {"framework": "alpha", "group": "G1", "title": "One",
                                 "before": 66.7, "after": 33.3, "change": -33.4}
    assert (data["old"]["path"], data["new"]["path"], data["new"]["city"]) == (
        "2025.yaml", "2026.yaml", "Harbour")
