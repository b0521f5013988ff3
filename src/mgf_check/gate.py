"""The CI gate: what fails a run, against thresholds and an optional baseline, and the one
line that says why.

Without a baseline a criterion fails when its status is at or past `--fail-on` (at
`--fail-priority` or more important), and a framework fails when its score is under
`--fail-under`. With a baseline only what got *worse* fails: a criterion whose status is at or
past the threshold (any gap when no `--fail-on` is given) and was better in the baseline, and a
framework whose score is under `--fail-under` and lower than the baseline's. A policy file the
baseline does not have (a new city) is judged on the thresholds alone. Pure functions: the
baseline reports are loaded elsewhere (`mgf_check.baseline`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from mgf_check.model import (
    GAP_STATUSES,
    POINTS,
    PRIORITY_RANK,
    Change,
    CriterionResult,
    PolicyReport,
    Priority,
    Status,
    gap_order,
)

if TYPE_CHECKING:
    from mgf_check.diff import StatusChange

class FailOn(StrEnum):
    """`--fail-on`: each level fails on its own status and every more severe one."""

    UNMET = "unmet"
    NOT_STATED = "not-stated"
    PARTIAL = "partial"


#: The statuses each `--fail-on` level fails on.
FAIL_ON: Mapping[FailOn, tuple[Status, ...]] = {
    FailOn.UNMET: (Status.UNMET,),
    FailOn.NOT_STATED: (Status.UNMET, Status.NOT_STATED),
    FailOn.PARTIAL: GAP_STATUSES,
}
#: What each `--fail-on` level calls the statuses it counts, for the reason line.
_STATUS_WORDS = {FailOn.UNMET: "unmet", FailOn.NOT_STATED: "unmet or not stated",
                 FailOn.PARTIAL: "gaps"}
#: How many criterion ids a reason line names before "and N more".
SHOWN = 8


@dataclass(frozen=True, slots=True)
class Gate:
    """The thresholds of a run (all optional) and whether a baseline was given."""

    fail_on: FailOn | None = None
    priority: Priority | None = None
    fail_under: float | None = None
    baseline: bool = False

    @property
    def statuses(self) -> tuple[Status, ...]:
        """The statuses that can fail: `--fail-on`'s, or every gap when gating on a baseline."""
        if self.fail_on is not None:
            return FAIL_ON[self.fail_on]
        return GAP_STATUSES if self.baseline else ()

    def counts(self, result: CriterionResult) -> bool:
        """True when a result is at or past the threshold (status and priority)."""
        rank = PRIORITY_RANK[self.priority] if self.priority else len(PRIORITY_RANK)
        return result.status in self.statuses and \
            PRIORITY_RANK[result.criterion.priority] <= rank


@dataclass(frozen=True, slots=True)
class ScoreFailure:
    """A framework whose score is under `--fail-under` (and under the baseline's, if any)."""

    framework: str
    score: float
    baseline: float | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What fails one policy: criteria (most important first) and scores.

    `against` is "thresholds" (no baseline), "baseline" (compared with its baseline) or "new"
    (a baseline was given but does not have this policy, so the thresholds alone apply).
    """

    path: str
    criteria: tuple[str, ...]
    scores: tuple[ScoreFailure, ...]
    against: str

    @property
    def failing(self) -> bool:
        """True when anything fails."""
        return bool(self.criteria or self.scores)


def worse(before: Status | None, after: Status) -> bool:
    """True when `after` is a gap and `before` was not one (or absent), or scored more."""
    if after not in GAP_STATUSES:
        return False
    if before is None or before not in GAP_STATUSES:
        return True
    return POINTS[after] < POINTS[before]


def judge(report: PolicyReport, gate: Gate, baseline: PolicyReport | None = None) -> Verdict:
    """What fails `report` under `gate`, compared with `baseline` when the gate has one.

    Criteria the baseline does not know (its catalogue was older) are not counted as got
    worse: the catalogue changed, not the policy. A policy without a baseline is judged on
    the thresholds alone (with no `--fail-on`, no criterion fails it).
    """
    compared = gate.baseline and baseline is not None
    counting = gate if compared else replace(gate, baseline=False)
    before = {r.criterion.id: r.status for r in baseline.results} if baseline else {}
    criteria = sorted((r for r in report.results if counting.counts(r) and (
        not compared or (r.criterion.id in before and worse(before[r.criterion.id], r.status))
    )), key=gap_order)
    return Verdict(report.path, tuple(r.criterion.id for r in criteria),
                   _scores(report, gate, baseline if compared else None),
                   "baseline" if compared else "new" if gate.baseline else "thresholds")


def _scores(report: PolicyReport, gate: Gate,
            baseline: PolicyReport | None) -> tuple[ScoreFailure, ...]:
    if gate.fail_under is None:
        return ()
    prior = {f.framework.id: f.score for f in baseline.frameworks} if baseline else {}
    out = []
    for f in report.frameworks:
        if f.score is None or f.score >= gate.fail_under:
            continue
        was = prior.get(f.framework.id)
        if baseline is not None and (was is None or round(f.score, 1) >= round(was, 1)):
            continue
        out.append(ScoreFailure(f.framework.short_title, f.score, was))
    return tuple(out)


def _ids(ids: Sequence[str], shown: int) -> str:
    more = len(ids) - shown
    return ", ".join(ids[:shown]) + (f" and {more} more" if more > 0 else "")


def reason(verdict: Verdict, gate: Gate, *, shown: int = SHOWN) -> str:
    """One line saying what failed and against which threshold ("" when nothing fails)."""
    parts = []
    if verdict.criteria:
        n = len(verdict.criteria)
        noun = f"{gate.priority.value + ' ' if gate.priority else ''}" \
            f"{'criterion' if n == 1 else 'criteria'}"
        flag = f" (--fail-on {gate.fail_on})" if gate.fail_on else ""
        if verdict.against == "baseline":
            what = f"got worse than the baseline{flag}"
        else:
            verb = "is" if n == 1 else "are"
            word = _STATUS_WORDS[gate.fail_on or FailOn.PARTIAL]
            what = f"{verb} {word[:-1] if n == 1 and word == 'gaps' else word}{flag}"
        parts.append(f"{n} {noun} {what}: {_ids(verdict.criteria, shown)}")
    for s in verdict.scores:
        text = f"{s.framework} score {s.score:.1f} is under --fail-under {gate.fail_under:g}"
        if s.baseline is not None:
            text += f" and below the baseline's {s.baseline:.1f}"
        parts.append(text)
    if parts and verdict.against == "new":
        parts[0] = "not in the baseline, so judged on the thresholds: " + parts[0]
    return "; ".join(parts)


def batch_reason(verdicts: Sequence[Verdict], gate: Gate, invalid: int = 0) -> str:
    """One line for many policies: how many fail, and each one's reason in short."""
    failing = [v for v in verdicts if v.failing]
    total = len(verdicts) + invalid
    parts = []
    if invalid:
        parts.append(f"{invalid} of {total} policy files {'is' if invalid == 1 else 'are'} "
                     "invalid (errors above)")
    if failing:
        detail = "; ".join(f"{v.path}: {reason(v, gate, shown=3)}" for v in failing[:5])
        more = f"; and {len(failing) - 5} more" if len(failing) > 5 else ""
        parts.append(f"{len(failing)} of {total} policies fail the gate: {detail}{more}")
    return "; ".join(parts)


class DiffFailOn(StrEnum):
    """`diff --fail-on`: a gap opened (was not a gap), or any change for the worse."""

    OPENED = "opened"
    REGRESSED = "regressed"


def diff_failures(changes: Sequence[StatusChange], fail_on: DiffFailOn | None,
                  priority: Priority | None = None) -> tuple[str, ...]:
    """Ids of the criteria a diff fails on: `opened` gaps, or every `regressed` one (a new
    gap, or a gap that scores less, e.g. partial -> unmet)."""
    if fail_on is None:
        return ()
    rank = PRIORITY_RANK[priority] if priority else len(PRIORITY_RANK)
    out = []
    for change in changes:
        if change.after is None or PRIORITY_RANK[change.criterion.priority] > rank:
            continue
        if change.kind == Change.OPENED or (fail_on == DiffFailOn.REGRESSED and
                                       worse(change.before, change.after)):
            out.append(change.criterion.id)
    return tuple(out)


def batch_diff_failures(opened: Sequence[str], regressed: Sequence[str] | None,
                        fail_on: DiffFailOn | None, priority: Priority | None,
                        priorities: Mapping[str, Priority]) -> tuple[str, ...]:
    """Ids a city of a batch diff fails on: like `diff_failures`, from the gaps it opened
    and (for `regressed`, when its statuses are known) the criteria whose status got worse.
    A criterion the catalogues do not know counts at every priority."""
    if fail_on is None:
        return ()
    ids = regressed if fail_on == DiffFailOn.REGRESSED and regressed is not None else opened
    rank = PRIORITY_RANK[priority] if priority else len(PRIORITY_RANK)
    return tuple(i for i in ids if i not in priorities or PRIORITY_RANK[priorities[i]] <= rank)


def batch_diff_reason(failing: Sequence[tuple[str, Sequence[str]]], fail_on: DiffFailOn,
                      priority: Priority | None = None) -> str:
    """`2 core criteria regressed in 1 city (--fail-on regressed): Riverton (XX): A, B`."""
    if not failing:
        return ""
    n = sum(len(ids) for _, ids in failing)
    noun = f"{priority.value + ' ' if priority else ''}{'criterion' if n == 1 else 'criteria'}"
    what = "opened a gap" if fail_on == DiffFailOn.OPENED else "regressed"
    cities = "; ".join(f"{name}: {_ids(ids, SHOWN)}" for name, ids in failing[:SHOWN])
    more = f"; and {len(failing) - SHOWN} more cities" if len(failing) > SHOWN else ""
    return (f"{n} {noun} {what} in {len(failing)} "
            f"{'city' if len(failing) == 1 else 'cities'} (--fail-on {fail_on}): {cities}{more}")


def diff_reason(failed: Sequence[str], fail_on: DiffFailOn,
                priority: Priority | None = None) -> str:
    """`2 core criteria regressed (--fail-on regressed): A, B` ("" when none)."""
    if not failed:
        return ""
    n = len(failed)
    noun = f"{priority.value + ' ' if priority else ''}{'criterion' if n == 1 else 'criteria'}"
    what = "opened a gap" if fail_on == DiffFailOn.OPENED else "regressed"
    return f"{n} {noun} {what} (--fail-on {fail_on}): {_ids(failed, SHOWN)}"
