"""Comparisons of many cities, and diffs between two versions of one city's policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from mgf_check.model import GAP_STATUSES, Framework, PolicyReport, Status
from mgf_check.model_compare import (
    CitySummary,
    ColumnGroup,
    Comparison,
    GroupCell,
    PolicyDiff,
    ScoreDelta,
    StatusChange,
)
from mgf_check.portfolio import encode, sort_score, summarize_portfolio


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
        as_of=report.as_of)


def failed(path: str, error: str) -> CitySummary:
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
            sort: str = "name", as_of: str | None = None, by: str | None = None) -> Comparison:
    """Cities side by side with their portfolio summary (crosswalk view `by` aggregated);
    by name unless `sort` is "score" (an explicit opt-in)."""
    rows = tuple(sorted(cities, key=_sort_key(sort)))
    return Comparison(columns(frameworks), tuple((f.id, f.short_title) for f in frameworks),
                      rows, sort, as_of, summarize_portfolio(frameworks, rows, by))


def _kind(before: Status | None, after: Status | None) -> str:
    if before == after:
        return "unchanged"
    was_gap = before in GAP_STATUSES
    is_gap = after in GAP_STATUSES
    if was_gap and not is_gap:
        return "closed"
    if is_gap and not was_gap:
        return "opened"
    return "changed"


def diff(old: PolicyReport, new: PolicyReport) -> PolicyDiff:
    """Status changes per criterion and score changes per framework and group."""
    before = {r.criterion.id: r for r in old.results}
    after = {r.criterion.id: r for r in new.results}
    order = [*after, *(cid for cid in before if cid not in after)]
    changes = tuple(
        StatusChange((after.get(cid) or before[cid]).criterion,
                     before[cid].status if cid in before else None,
                     after[cid].status if cid in after else None,
                     _kind(before[cid].status if cid in before else None,
                           after[cid].status if cid in after else None))
        for cid in order)
    return PolicyDiff(old, new, changes, tuple(_deltas(old, new)))


def _deltas(old: PolicyReport, new: PolicyReport) -> list[ScoreDelta]:
    olds = {f.framework.id: f for f in old.frameworks}
    out = []
    for f in new.frameworks:
        prior = olds.get(f.framework.id)
        out.append(ScoreDelta(f.framework.id, "", f.framework.short_title,
                              prior.score if prior else None, f.score))
        prior_groups = {g.id: g for g in prior.groups} if prior else {}
        for g in f.groups:
            p = prior_groups.get(g.id)
            out.append(ScoreDelta(f.framework.id, g.id, g.title, p.score if p else None,
                                  g.score))
    return out
