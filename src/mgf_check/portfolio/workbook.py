"""`-o portfolio.xlsx`: the portfolio as an Excel workbook, written with openpyxl.

Sheets: Scores (a row per city, a column per framework and group, and the mean that
`--sort score` uses), Statuses (a row per city and criterion: the long table for pivots),
Criteria (what each criterion is, with its crosswalk codes), Recommendations (criteria lacked
by at least one city, most widely lacking first), Summary (spread per group, the --by view,
policy sections most cities lack, files that could not be read) and, for `trend`, Trend.
Every code is stored as text (an SDG target 16.10 stays 16.10), headers are frozen and
filtered, and columns have widths. Written in openpyxl's write-only mode: rows stream to
disk, so a 10,000-city workbook never sits in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgf_check.catalogue.bundled import views
from mgf_check.comparison import FROM_CODE
from mgf_check.model import Framework
from mgf_check.portfolio.summary import criteria_of

if TYPE_CHECKING:
    from mgf_check.comparison import Comparison
    from mgf_check.portfolio.trend import Trend

#: The crosswalk keys in `--by` order (global agendas first), one column each.
REF_KEYS = tuple(views().values())
SHEETS = ("Scores", "Statuses", "Criteria", "Recommendations", "Summary")


class _Sheet:
    """A write-only sheet with a bold frozen header, a filter over its rows, and widths."""

    def __init__(self, book: Any, title: str, header: Sequence[str], widths: Sequence[int],
                 rows: int) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.sheet = book.create_sheet(title)
        for i, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width
        self.sheet.freeze_panes = "A2"
        last = get_column_letter(len(header))
        self.sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.font = bold
            cells.append(cell)
        self.sheet.append(cells)

    def append(self, row: Sequence[object]) -> None:
        self.sheet.append(list(row))


def _score(value: float | None) -> float | str:
    return "" if value is None else value


def write_workbook(path: Path, comparison: Comparison, frameworks: Sequence[Framework],
                   trend: Trend | None = None) -> None:
    """Write the workbook of a comparison (and of a trend) to `path`."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    _scores(book, comparison)
    _statuses(book, comparison, frameworks)
    _criteria(book, frameworks)
    _recommendations(book, comparison, frameworks)
    _summary(book, comparison)
    if trend is not None:
        _trend(book, trend)
    from mgf_check.portfolio.folder import replace_with

    replace_with(path, book.save)


def _scores(book: Any, comparison: Comparison) -> None:
    from mgf_check.comparison import sort_score

    header = ["City", "Country", "File", "As of", "Mean"]
    for fid, title in comparison.frameworks:
        header.append(title)
        header += [f"{title} {c.group}" for c in comparison.columns if c.framework == fid]
    header += ["Gaps", "Error"]
    sheet = _Sheet(book, "Scores", header, [28, 8, 36, 11, 8] + [10] * (len(header) - 7)
                   + [8, 40], len(comparison.cities))
    for city in comparison.cities:
        cells = {(c.framework, c.group): c.score for c in city.cells}
        row: list[object] = [city.name, city.country, city.path, city.as_of,
                             _score(sort_score(city))]
        for fid, _ in comparison.frameworks:
            row.append(_score(city.scores.get(fid)))
            row += [_score(cells.get((fid, c.group))) for c in comparison.columns
                    if c.framework == fid]
        row += [len(city.gaps) if city.ok else "", city.error or ""]
        sheet.append(row)


def _statuses(book: Any, comparison: Comparison, frameworks: Sequence[Framework]) -> None:
    criteria = criteria_of(frameworks)
    rows = [c for c in comparison.cities if c.ok and len(c.statuses) == len(criteria)]
    sheet = _Sheet(book, "Statuses", ("City", "Country", "File", "Criterion", "Status"),
                   (28, 8, 36, 14, 16), len(rows) * len(criteria))
    ids = [c.id for c in criteria]
    words = {code: status.value for code, status in FROM_CODE.items()}
    for city in rows:
        for cid, code in zip(ids, city.statuses, strict=True):
            sheet.append((city.name, city.country, city.path, cid, words[code]))


def _criteria(book: Any, frameworks: Sequence[Framework]) -> None:
    criteria = criteria_of(frameworks)
    header = ("Criterion", "Framework", "Group", "Title", "Priority", "Weight",
              *(f"Refs {k}" for k in REF_KEYS), "Recommendation")
    sheet = _Sheet(book, "Criteria", header, (14, 10, 12, 50, 14, 8, *[16] * len(REF_KEYS),
                                              80), len(criteria))
    for c in criteria:
        sheet.append((c.id, c.framework, c.group, c.title, c.priority.value, c.weight,
                      *(", ".join(c.refs.get(k, ())) for k in REF_KEYS), c.recommendation))


def _recommendations(book: Any, comparison: Comparison,
                     frameworks: Sequence[Framework]) -> None:
    """Every criterion some city lacks: how many, which, and what to do."""
    from mgf_check.portfolio.summary import lacked_by_any

    found = lacked_by_any(frameworks, comparison.cities)
    sheet = _Sheet(book, "Recommendations", ("Criterion", "Title", "Framework", "Priority",
                                             "Cities lacking", "Share", "Recommendation",
                                             "Cities"), (14, 50, 10, 14, 10, 8, 80, 60),
                   len(found))
    for x, names in found:
        sheet.append((x.id, x.title, x.framework, x.priority, x.cities, x.share,
                      x.recommendation, "; ".join(names)))


def _summary(book: Any, comparison: Comparison) -> None:
    summary = comparison.summary
    rows: list[Sequence[object]] = []
    if summary is not None:
        for s in (*summary.scores, *summary.view):
            sp = s.spread
            rows.append(("scores" if s in summary.scores else f"by {summary.by}",
                         s.framework, s.group, s.title, sp.cities, _score(sp.mean),
                         _score(sp.median), _score(sp.low), _score(sp.high),
                         _score(sp.stdev)))
        for x in summary.measures:
            rows.append(("section most cities do not state", x.framework, "", x.id,
                         x.cities, "", "", "", "", ""))
        for path, error in summary.failed:
            rows.append(("could not be read", "", "", path, "", "", "", "", "",
                         (error.splitlines() or [""])[0]))
    sheet = _Sheet(book, "Summary", ("What", "Framework", "Group", "Title", "Cities", "Mean",
                                     "Median", "Lowest", "Highest", "Std dev"),
                   (22, 12, 12, 60, 8, 8, 8, 8, 8, 8), len(rows))
    for row in rows:
        sheet.append(row)


def _trend(book: Any, trend: Trend) -> None:
    labels = list(trend.labels)
    sheet = _Sheet(book, "Trend", ("City", "Country", "Framework", "Group", *labels, "Change"),
                   (28, 8, 12, 12, *[10] * len(labels), 10), len(trend.series))
    for s in trend.series:
        values = [_score(v) for v in s.values]
        sheet.append((s.name, s.country, s.framework, s.group, *values,
                      _score(s.change)))
