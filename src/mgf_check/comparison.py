"""Comparisons of many cities side by side: the values and how they are built."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mgf_check.model import GAP_STATUSES, Framework, PolicyReport, Status


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
        report=report if keep else None)


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
        present = [s for s in c.scores.values() if s is not None]
        mean = sum(present) / len(present) if present else -1.0
        return (-mean, *by_name(c))
    return by_score if sort == "score" else by_name


def compare(frameworks: Sequence[Framework], cities: Iterable[CitySummary],
            sort: str = "name", as_of: str | None = None) -> Comparison:
    """Cities side by side; by name unless `sort` is "score" (an explicit opt-in)."""
    rows = tuple(sorted(cities, key=_sort_key(sort)))
    return Comparison(columns(frameworks), tuple((f.id, f.short_title) for f in frameworks),
                      rows, sort, as_of)
