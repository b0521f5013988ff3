"""Value objects of comparisons (many cities) and diffs (two versions of one policy).

Kept apart from `model` so that checking one file never pays for defining them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mgf_check.model import Criterion, PolicyReport, Status


@dataclass(frozen=True, slots=True)
class GroupCell:
    """One cell of a comparison matrix: a city's score in one framework group."""

    framework: str
    group: str
    score: float | None
    gaps: int


@dataclass(frozen=True, slots=True)
class CitySummary:
    """One row of a comparison: a city's scores and gap counts, or why it failed to load."""

    path: str
    name: str
    country: str
    error: str | None
    scores: Mapping[str, float | None]
    cells: tuple[GroupCell, ...]
    counts: Mapping[Status, int]
    gaps: tuple[str, ...]
    report: PolicyReport | None = None

    @property
    def ok(self) -> bool:
        """True when the file loaded and was checked."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class ColumnGroup:
    """A column of the comparison matrix: one group of one framework."""

    framework: str
    framework_title: str
    group: str
    title: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """Many cities side by side (comparison, not ranking: sorted by name unless asked)."""

    columns: tuple[ColumnGroup, ...]
    frameworks: tuple[tuple[str, str], ...]
    cities: tuple[CitySummary, ...]
    sort: str
    as_of: str | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One criterion's status in two versions of a policy."""

    criterion: Criterion
    before: Status | None
    after: Status | None
    kind: str  # "closed" (gap closed), "opened" (new gap), "changed", "unchanged"


@dataclass(frozen=True, slots=True)
class ScoreDelta:
    """A group's (or framework's, when group is "") score in two versions."""

    framework: str
    group: str
    title: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """after - before, rounded to 0.1 (None when either is missing)."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    """What changed between two versions of one city's policy."""

    old: PolicyReport
    new: PolicyReport
    changes: tuple[StatusChange, ...]
    deltas: tuple[ScoreDelta, ...]
