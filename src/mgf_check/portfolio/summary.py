"""The portfolio summary: what many cities' results say together.

Per framework and group, the mean, median and spread of the cities' scores; the criteria and
the policy measures most cities lack; the crosswalk view (`--by`) aggregated across cities;
the files that could not be read. Pure arithmetic over comparison rows: a row carries its
statuses as one initial per criterion (`STATUS_CODE`), so nothing here needs whole reports.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Sequence

from mgf_check.comparison import (
    FROM_CODE,
    STATUS_CODE,
    CitySummary,
    Comparison,
    GroupStat,
    Lack,
    PortfolioSummary,
    Spread,
    compare,
)
from mgf_check.model import (
    PRIORITY_RANK,
    Criterion,
    CriterionResult,
    Framework,
    Priority,
    Status,
)

#: A criterion is lacking when it is unmet or not stated (partial is half-way, not lacking).
LACKING = frozenset("UN")
#: "Most cities": strictly more than this share of the cities checked.
MOST = 0.5


def criteria_of(frameworks: Iterable[Framework]) -> tuple[Criterion, ...]:
    """Every criterion in the order a city's status row uses (frameworks, then catalogue)."""
    return tuple(c for f in frameworks for c in f.criteria)


def statuses_of(city: CitySummary, criteria: Sequence[Criterion]) -> list[Status] | None:
    """A city's statuses aligned with `criteria`, or None when the row does not carry them."""
    if not city.ok or len(city.statuses) != len(criteria):
        return None
    return [FROM_CODE[ch] for ch in city.statuses]


def spread(values: Iterable[float | None]) -> Spread:
    """Mean, median, range and standard deviation of the scores that exist (0.1 precision)."""
    present = [v for v in values if v is not None]
    if not present:
        return Spread(0, None, None, None, None, None)

    def r(x: float) -> float:
        return round(x, 1)

    return Spread(len(present), r(statistics.fmean(present)), r(statistics.median(present)),
                  min(present), max(present), r(statistics.pstdev(present)))


def summarize_portfolio(frameworks: Sequence[Framework], cities: Sequence[CitySummary],
                        by: str | None = None) -> PortfolioSummary:
    """The summary of a batch (cities that failed are listed, never dropped)."""
    ok = [c for c in cities if c.ok]
    failed = tuple((c.path, c.error or "") for c in cities if not c.ok)
    criteria = criteria_of(frameworks)
    rows = [s for s in (statuses_of(c, criteria) for c in ok) if s is not None]
    detailed = bool(ok) and len(rows) == len(ok)
    lacking, measures = _lacks(criteria, rows) if detailed else ((), ())
    view: tuple[GroupStat, ...] = ()
    view_title = ""
    if by and detailed:
        view_title, view = _view(by, criteria, rows)
    return PortfolioSummary(len(ok), failed, tuple(_scores(frameworks, ok)), lacking,
                            measures, by, view_title, view, detailed)


def _scores(frameworks: Sequence[Framework], ok: Sequence[CitySummary]) -> Iterable[GroupStat]:
    for f in frameworks:
        yield GroupStat(f.id, "", f.short_title, spread(c.scores.get(f.id) for c in ok))
        for g in f.groups:
            values = [cell.score for c in ok for cell in c.cells
                      if cell.framework == f.id and cell.group == g.id]
            yield GroupStat(f.id, g.id, g.title, spread(values))


def _lacks(criteria: Sequence[Criterion], rows: Sequence[Sequence[Status]]
           ) -> tuple[tuple[Lack, ...], tuple[Lack, ...]]:
    total = len(rows)
    lacking = []
    subjects: dict[str, set[int]] = {}
    subject_criteria: dict[str, list[Criterion]] = {}
    for i, c in enumerate(criteria):
        count = sum(1 for row in rows if STATUS_CODE[row[i]] in LACKING)
        if count > MOST * total:
            lacking.append(Lack(c.id, c.title, c.framework, c.priority.value, count,
                                round(count / total, 3), c.recommendation))
        subject_criteria.setdefault(c.subject, []).append(c)
        missing = subjects.setdefault(c.subject, set())
        missing.update(n for n, row in enumerate(rows) if row[i] is Status.NOT_STATED)
    measures = [Lack(subject, str(len(subject_criteria[subject])),
                     ", ".join(sorted({c.framework for c in subject_criteria[subject]})),
                     min((c.priority for c in subject_criteria[subject]),
                         key=PRIORITY_RANK.__getitem__).value,
                     len(missing), round(len(missing) / total, 3))
                for subject, missing in subjects.items() if len(missing) > MOST * total]

    def order(x: Lack) -> tuple[float, int, str]:
        return (-x.share, PRIORITY_RANK[Priority(x.priority)], x.id)
    return tuple(sorted(lacking, key=order)), tuple(sorted(measures, key=order))


def _view(by: str, criteria: Sequence[Criterion], rows: Sequence[Sequence[Status]]
          ) -> tuple[str, tuple[GroupStat, ...]]:
    from mgf_check.catalogue.references import load_references
    from mgf_check.scoring import regroup

    refs = load_references()
    per_target: dict[str, list[float | None]] = {}
    titles: dict[str, str] = {}
    title = ""
    for row in rows:
        results = [CriterionResult(c, s, "", "", None) for c, s in zip(criteria, row,
                                                                         strict=True)]
        view = regroup(by, results, refs)
        title = view.title
        for g in view.groups:
            per_target.setdefault(g.id, []).append(g.score)
            titles[g.id] = g.title
    stats = tuple(GroupStat(by, gid, titles[gid], spread(values))
                  for gid, values in per_target.items())
    return title, stats


def lacked_by_any(frameworks: Sequence[Framework], cities: Sequence[CitySummary]
                  ) -> list[tuple[Lack, list[str]]]:
    """Every criterion at least one city lacks, with those cities' names; most widely
    lacking first (then priority, then id)."""
    criteria = criteria_of(frameworks)
    rows = [(c, s) for c in cities if (s := statuses_of(c, criteria)) is not None]
    out = []
    for i, c in enumerate(criteria):
        names = [city.name or city.path for city, s in rows if STATUS_CODE[s[i]] in LACKING]
        if names:
            out.append((Lack(c.id, c.title, c.framework, c.priority.value, len(names),
                             round(len(names) / len(rows), 3), c.recommendation), names))
    out.sort(key=lambda pair: (-pair[0].cities, PRIORITY_RANK[Priority(pair[0].priority)],
                               pair[0].id))
    return out


def compare_portfolio(frameworks: Sequence[Framework], cities: Iterable[CitySummary],
                      sort: str = "name", as_of: str | None = None,
                      by: str | None = None) -> Comparison:
    """`comparison.compare` with the portfolio summary (crosswalk view `by` aggregated)."""
    comparison = compare(frameworks, cities, sort, as_of)
    return dataclasses.replace(comparison, summary=summarize_portfolio(
        frameworks, comparison.cities, by))


MAX_SLUG = 60


def slug(text: str) -> str:
    """`São Paulo de Olivença` -> `sao-paulo-de-olivenca`: ASCII letters, digits and dashes
    (names files and pairs cities across years)."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_SLUG].strip("-")
