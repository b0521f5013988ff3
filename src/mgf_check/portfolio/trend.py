"""Cities over time: a trend over several batches, and the diff of two batches.

A point in time is a folder of policies or a saved JSON report (a comparison, or one city's
report). Cities are paired by identity (name folded to ASCII and lower case, plus country),
never by file name, so files may be renamed or moved between years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mgf_check.comparison import CitySummary
from mgf_check.model import Criterion, Framework

Identity = tuple[str, str]


def identity(city: CitySummary) -> Identity:
    """The key that pairs a city across years: folded name and upper-case country."""
    from mgf_check.portfolio.summary import slug

    return slug(city.name) or city.path, city.country.strip().upper()


@dataclass(frozen=True, slots=True)
class Point:
    """One batch: a label (the folder's name, or the report's date) and its cities; `checked`
    when its files were checked in this run (a folder), not read from a saved report."""

    label: str
    cities: tuple[CitySummary, ...]
    checked: bool = True


@dataclass(frozen=True, slots=True)
class Series:
    """One city's score in one framework (group "") or group, at each point."""

    name: str
    country: str
    framework: str
    group: str
    title: str
    values: tuple[float | None, ...]

    @property
    def change(self) -> float | None:
        """Last score minus first score (of the points that have one), to 0.1."""
        present = [v for v in self.values if v is not None]
        return round(present[-1] - present[0], 1) if len(present) > 1 else None


@dataclass(frozen=True, slots=True)
class Trend:
    """Every city's series; the portfolio's own series (the mean across cities) first."""

    labels: tuple[str, ...]
    series: tuple[Series, ...]
    columns: tuple[tuple[str, str, str], ...]   # (framework, group, title), catalogue order
    notes: tuple[str, ...] = ()


PORTFOLIO = "All cities (mean)"


def build_trend(points: Sequence[Point],
                columns: Sequence[tuple[str, str, str]]) -> Trend:
    """Series per city (paired by identity) and for the portfolio mean, per framework and
    group in `columns` order. A city missing at a point has no value there."""
    notes: list[str] = []
    by_point: list[dict[Identity, CitySummary]] = []
    order: dict[Identity, CitySummary] = {}
    for point in points:
        found: dict[Identity, CitySummary] = {}
        for city in point.cities:
            if not city.ok:
                notes.append(f"{point.label}: {city.path} could not be read")
                continue
            key = identity(city)
            if key in found:
                notes.append(f"{point.label}: {city.path} and {found[key].path} are the same "
                             f"city ({city.name}, {city.country}); the first is used")
                continue
            found[key] = city
            order.setdefault(key, city)
        by_point.append(found)
    series: list[Series] = []
    for fid, gid, title in columns:
        values = []
        for found in by_point:
            scores = [_value(c, fid, gid) for c in found.values()]
            present = [s for s in scores if s is not None]
            values.append(round(sum(present) / len(present), 1) if present else None)
        series.append(Series(PORTFOLIO, "", fid, gid, title, tuple(values)))
    for key in sorted(order, key=lambda k: (order[k].name.casefold(), k)):
        city = order[key]
        for fid, gid, title in columns:
            series.append(Series(city.name, city.country, fid, gid, title,
                                 tuple(_value(found[key], fid, gid) if key in found else None
                                       for found in by_point)))
    return Trend(tuple(p.label for p in points), tuple(series), tuple(columns), tuple(notes))


def _value(city: CitySummary, framework: str, group: str) -> float | None:
    if not group:
        return city.scores.get(framework)
    for cell in city.cells:
        if cell.framework == framework and cell.group == group:
            return cell.score
    return None


@dataclass(frozen=True, slots=True)
class CityChange:
    """One city between two batches: gaps closed and opened (criterion ids)."""

    name: str
    country: str
    before: str | None   # path in the older batch (None: new city)
    after: str | None    # path in the newer batch (None: no longer there)
    closed: tuple[str, ...]
    opened: tuple[str, ...]
    #: Criteria whose status got worse (a new gap, or a gap that scores less, e.g. partial
    #: -> unmet); None when a side's statuses are unknown (a saved comparison report).
    regressed: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class PortfolioDiff:
    """Two batches: the trend of two points plus each city's gaps closed and opened."""

    trend: Trend
    cities: tuple[CityChange, ...]

    @property
    def closed(self) -> int:
        """Gaps closed across the portfolio."""
        return sum(len(c.closed) for c in self.cities)

    @property
    def opened(self) -> int:
        """Gaps opened across the portfolio."""
        return sum(len(c.opened) for c in self.cities)


def portfolio_diff(old: Point, new: Point, columns: Sequence[tuple[str, str, str]],
                   criteria: Sequence[Criterion] = ()) -> PortfolioDiff:
    """Pair the cities of two batches by identity and compare them (with `criteria`, the
    catalogue order of the cities' statuses, also which criteria regressed)."""
    trend = build_trend((old, new), columns)
    before = {identity(c): c for c in reversed(old.cities) if c.ok}
    after = {identity(c): c for c in reversed(new.cities) if c.ok}
    keys = sorted(set(before) | set(after),
                  key=lambda k: ((after.get(k) or before[k]).name.casefold(), k))
    changes = []
    for key in keys:
        b, a = before.get(key), after.get(key)
        city = a or b
        assert city is not None
        old_gaps = set(b.gaps) if b else set()
        new_gaps = set(a.gaps) if a else set()
        changes.append(CityChange(
            city.name, city.country, b.path if b else None, a.path if a else None,
            tuple(g for g in (b.gaps if b else ()) if g not in new_gaps) if a else (),
            tuple(g for g in (a.gaps if a else ()) if g not in old_gaps) if b else (),
            _regressed(b, a, criteria) if a and b else None))
    return PortfolioDiff(trend, tuple(changes))


def _regressed(before: CitySummary, after: CitySummary,
               criteria: Sequence[Criterion]) -> tuple[str, ...] | None:
    from mgf_check.comparison import FROM_CODE
    from mgf_check.gate import worse

    if not criteria or not len(before.statuses) == len(after.statuses) == len(criteria):
        return None
    return tuple(c.id for c, b, a in zip(criteria, before.statuses, after.statuses, strict=True)
                 if b != a and worse(FROM_CODE[b], FROM_CODE[a]))


def trend_columns(frameworks: Sequence[Framework]) -> list[tuple[str, str, str]]:
    """(framework, group, title): each framework's overall score, then its groups."""
    return [x for f in frameworks for x in
            [(f.id, "", f.short_title), *[(f.id, g.id, g.title) for g in f.groups]]]
