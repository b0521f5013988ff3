"""Value objects of comparisons (many cities) and diffs (two versions of one policy).

Kept apart from `model` so that checking one file never pays for defining them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    #: One status initial per criterion, in catalogue order (see `portfolio.STATUS_CODE`):
    #: every city's full status row in a few hundred bytes, for portfolio summaries and
    #: workbooks without keeping whole reports. Empty when unknown (failed or re-read rows).
    statuses: str = ""
    #: The city's assessment date, when known (orders a trend's points).
    as_of: str = ""

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
    #: Aggregates across cities (computed by `compare.compare`); None for re-read reports.
    summary: PortfolioSummary | None = None
    #: City path -> relative link to its own report (when a batch writes a folder).
    links: Mapping[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True, slots=True)
class Spread:
    """Scores of one group (or framework, or crosswalk target) across the cities."""

    cities: int          # cities with a score here (nothing scored: left out)
    mean: float | None
    median: float | None
    low: float | None
    high: float | None
    stdev: float | None  # population standard deviation


@dataclass(frozen=True, slots=True)
class GroupStat:
    """One row of the summary table: a framework (group "") or a group, or a crosswalk
    target, with its spread across cities."""

    framework: str
    group: str
    title: str
    spread: Spread


@dataclass(frozen=True, slots=True)
class Lack:
    """A criterion (or, for measures, a policy section) that many cities lack."""

    id: str           # criterion id, or the JSON pointer of the measure
    title: str
    framework: str
    priority: str
    cities: int       # how many cities lack it
    share: float      # cities / cities checked, 0..1
    recommendation: str = ""


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    """Aggregates across the cities of a batch."""

    checked: int
    failed: tuple[tuple[str, str], ...]      # (path, error) of files that could not be read
    scores: tuple[GroupStat, ...]            # per framework (group "") then its groups
    lacking: tuple[Lack, ...]                # criteria lacked by most cities
    measures: tuple[Lack, ...]               # policy sections most cities do not state
    by: str | None = None
    view_title: str = ""
    view: tuple[GroupStat, ...] = ()          # the crosswalk view, aggregated
    detailed: bool = True                     # False when rows carried no statuses
