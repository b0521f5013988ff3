"""The action plan: gaps grouped by the policy measure that would close them, ranked.

One measure of the policy file (a `subject`, e.g. `/crisis/emergency_plan`) is read by
criteria of several frameworks; a fix to that measure closes all of them at once. So the
report's first steps are measures, not criteria. How they are ranked (docs/reports.md says the
same):

1. the most important criterion the measure would close (core, then recommended, then good
   practice);
2. then the number of core criteria it would close;
3. then the number of frameworks it serves;
4. then the score points it would win back (the sum over its criteria of weight x the points
   missing: 1 for unmet, 0.5 for partial);
5. then its place in the file, so the order is stable.

Blank topics (not-stated criteria) are not actions: the city has not said what it does, so
they are listed apart, as questions to answer, ranked the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mgf_check.measures import measure_label
from mgf_check.model import POINTS, PRIORITY_RANK, JSONObject, Priority, Status
from mgf_check.reporters.rows import BLANK, SHORTFALL, CriterionView

#: How many first steps a report leads with: every measure closing a core gap, at least
#: FIRST_MIN (when there are that many measures) and at most FIRST_MAX.
FIRST_MIN = 5
FIRST_MAX = 10
#: A measure in one of these states does not exist yet: the action is to create it.
NOT_IN_PLACE = ("none", "planned")


class ActionKind(StrEnum):
    """What an action asks of the city."""

    CREATE = "create"  # a measure the file lacks, or records as none or only planned
    CHANGE = "change"  # a measure in place that falls short
    DESCRIBE = "describe"  # a blank topic: the criteria are the questions to answer


@dataclass(frozen=True, slots=True)
class Action:
    """One measure to create or change, and the criteria that would close, in every framework.

    For blank topics (`ActionKind.DESCRIBE`) the criteria are the questions to answer.
    """

    subject: str
    kind: ActionKind
    recorded: JSONObject
    criteria: tuple[CriterionView, ...]
    competence: str  # "full" or "shared"

    @property
    def label(self) -> str:
        """The measure's name from its place in the file (`Emergency plan (crisis)`)."""
        return measure_label(self.subject)

    @property
    def priority(self) -> Priority:
        """The most important priority among the criteria it would close."""
        return min((c.result.criterion.priority for c in self.criteria),
                   key=PRIORITY_RANK.__getitem__)

    @property
    def core(self) -> int:
        """How many core criteria it would close."""
        return sum(1 for c in self.criteria if c.result.criterion.priority is Priority.CORE)

    @property
    def frameworks(self) -> tuple[str, ...]:
        """The frameworks it serves, in report order."""
        return tuple(dict.fromkeys(c.result.criterion.framework for c in self.criteria))

    @property
    def points(self) -> float:
        """Weighted score points it would win back."""
        return round(sum(c.result.criterion.weight * (1 - POINTS.get(c.status, 0.0))
                         for c in self.criteria), 3)

    @property
    def recommendation(self) -> str:
        """The recommendation of the most important criterion it closes."""
        return self.criteria[0].result.criterion.recommendation

    def rank(self) -> tuple[int, int, int, float, str]:
        """The sort key documented in the module docstring."""
        return (PRIORITY_RANK[self.priority], -self.core, -len(self.frameworks),
                -self.points, self.subject)


def _competence(criteria: Iterable[CriterionView], competences: Mapping[str, Any]) -> str:
    for c in criteria:
        key = c.result.criterion.competence
        if key and competences.get(key) == "shared":
            return "shared"
    return "full"


def _group(criteria: Sequence[CriterionView], statuses: tuple[Status, ...],
           measures: Mapping[str, Mapping[str, Any]], competences: Mapping[str, Any],
           describe: bool) -> list[Action]:
    by_subject: dict[str, list[CriterionView]] = {}
    for c in criteria:
        if c.status in statuses:
            by_subject.setdefault(c.result.criterion.subject, []).append(c)
    out = []
    for subject, mine in by_subject.items():
        recorded = measures.get(subject, {})
        kind = ActionKind.DESCRIBE if describe else (
            ActionKind.CREATE if recorded.get("status", "none") in NOT_IN_PLACE
            else ActionKind.CHANGE)
        out.append(Action(subject, kind, recorded, tuple(mine),
                          _competence(mine, competences)))
    return sorted(out, key=Action.rank)


def plan(criteria: Sequence[CriterionView], measures: Mapping[str, JSONObject],
         competences: JSONObject) -> tuple[Action, ...]:
    """Measures to create or change (unmet or partial criteria), most important first.

    `criteria` must already be in gap order, so each action lists its criteria that way.
    """
    return tuple(_group(criteria, SHORTFALL, measures, competences, describe=False))


def blanks(criteria: Sequence[CriterionView], competences: JSONObject
           ) -> tuple[Action, ...]:
    """Topics the file leaves blank (not-stated criteria), grouped by measure, ranked."""
    return tuple(_group(criteria, BLANK, {}, competences, describe=True))


def first_step_count(actions: Sequence[Action]) -> int:
    """How many actions lead the report (see FIRST_MIN and FIRST_MAX)."""
    core = sum(1 for a in actions if a.priority is Priority.CORE)
    return min(len(actions), FIRST_MAX, max(FIRST_MIN, core))
