"""Comparisons of many cities side by side: the values and how they are built."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mgf_check.model import GAP_STATUSES, Framework, PolicyReport, Status
from mgf_check.scoring import documented


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
    #: One status initial per criterion, in catalogue order (see `STATUS_CODE`): every
    #: city's full status row in a few hundred bytes, for portfolio summaries and workbooks
    #: without keeping whole reports. Empty when unknown (failed or re-read rows).
    statuses: str = ""
    #: The city's assessment date, when known (orders a trend's points).
    as_of: str = ""
    #: Framework id -> (stated, assessed): how much of each framework the file describes
    #: (`scoring.documented`), shown beside the scores as in a single report.
    documented: Mapping[str, tuple[int, int]] = field(default_factory=dict)

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
    #: Aggregates across cities (`portfolio.compare_portfolio`); None when not computed.
    summary: PortfolioSummary | None = None
    #: City path -> relative link to its own report (when a batch writes a folder).
    links: Mapping[str, str] = field(default_factory=dict)


#: One letter per status, for the compact status row of a city.
STATUS_CODE: Mapping[Status, str] = {
    Status.MET: "M", Status.PARTIAL: "P", Status.UNMET: "U", Status.NOT_STATED: "N",
    Status.WAIVED: "W", Status.OUT_OF_COMPETENCE: "O", Status.NOT_APPLICABLE: "A",
}
FROM_CODE: Mapping[str, Status] = {v: k for k, v in STATUS_CODE.items()}


def encode(statuses: Iterable[Status]) -> str:
    """Statuses as a string of initials."""
    return "".join(STATUS_CODE[s] for s in statuses)


def sort_score(city: CitySummary) -> float | None:
    """The number `--sort score` orders by: the mean of the city's framework scores."""
    present = [s for s in city.scores.values() if s is not None]
    return round(sum(present) / len(present), 1) if present else None


def summarize(report: PolicyReport, *, keep: bool = False) -> CitySummary:
    """A report reduced to one comparison row (keeping the full report when asked)."""
    cells = tuple(
        GroupCell(f.framework.id, g.id, g.score,
                  sum(g.counts[s] for s in GAP_STATUSES))
        for f in report.frameworks for g in f.groups)
    counts = dict.fromkeys(Status, 0)
    for result in report.results:
        counts[result.status] += 1
    return CitySummary(
        path=report.path, name=str(report.city.get("name", "")),
        country=str(report.city.get("country", "")), error=None,
        scores={f.framework.id: f.score for f in report.frameworks}, cells=cells,
        counts=counts, gaps=tuple(r.criterion.id for r in report.results
                                  if r.status in GAP_STATUSES),
        report=report if keep else None, statuses=encode(r.status for r in report.results),
        as_of=report.as_of,
        documented={f.framework.id: documented(f.counts) for f in report.frameworks})


def failed_row(path: str, error: str) -> CitySummary:
    """A comparison row for a file that could not be loaded."""
    return CitySummary(path, "", "", error, {}, (), dict.fromkeys(Status, 0), ())


def columns(frameworks: Iterable[Framework]) -> tuple[ColumnGroup, ...]:
    """The matrix columns: every group of every framework, in catalogue order."""
    return tuple(ColumnGroup(f.id, f.short_title, g.id, g.title)
                 for f in frameworks for g in f.groups)


def _sort_key(sort: str) -> Callable[[CitySummary], tuple[Any, ...]]:
    def by_name(c: CitySummary) -> tuple[Any, ...]:
        return (c.name.casefold() or "\uffff", c.path)

    def by_score(c: CitySummary) -> tuple[Any, ...]:
        mean = sort_score(c)  # the number the reports show beside each city
        return (-(mean if mean is not None else -1.0), *by_name(c))
    return by_score if sort == "score" else by_name


def compare(frameworks: Sequence[Framework], cities: Iterable[CitySummary],
            sort: str = "name", as_of: str | None = None) -> Comparison:
    """Cities side by side; by name unless `sort` is "score" (an explicit opt-in)."""
    rows = tuple(sorted(cities, key=_sort_key(sort)))
    return Comparison(columns(frameworks), tuple((f.id, f.short_title) for f in frameworks),
                      rows, sort, as_of)


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
