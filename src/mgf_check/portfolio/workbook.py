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
from mgf_check.comparison import FROM_CODE, CitySummary
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

    def __init__(self, sheet: Any, header: Sequence[str], widths: Sequence[int],
                 rows: int | None = None) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.sheet = sheet
        for i, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width
        self.sheet.freeze_panes = "A2"
        self.last = get_column_letter(len(header))
        self.rows = 0
        if rows is not None:
            self.filter(rows)
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.font = bold
            cells.append(cell)
        self.sheet.append(cells)

    def filter(self, rows: int) -> None:
        """Set the filter over the header and `rows` rows (written with the sheet's end)."""
        self.sheet.auto_filter.ref = f"A1:{self.last}{rows + 1}"

    def append(self, row: Sequence[object]) -> None:
        self.sheet.append(list(row))
        self.rows += 1


def _score(value: float | None) -> float | str:
    return "" if value is None else value


def write_workbook(path: Path, comparison: Comparison, frameworks: Sequence[Framework],
                   trend: Trend | None = None) -> None:
    """Write the workbook of a comparison (and of a trend) to `path`."""
    book = StreamedWorkbook(path, frameworks)
    for city in comparison.cities:
        book.add(city)
    book.finish(comparison, trend)


class StreamedWorkbook:
    """A workbook whose long Statuses sheet is written city by city while a batch runs (in
    the order the cities come), the other sheets once the comparison is known (`finish`).

    Writing the 187 rows of each city as its result arrives keeps the parent busy while the
    workers check, instead of writing every row after the batch."""

    def __init__(self, path: Path, frameworks: Sequence[Framework]) -> None:
        from openpyxl import Workbook

        self.path = path
        self.frameworks = tuple(frameworks)
        self.book = Workbook(write_only=True)
        self.scores = self.book.create_sheet("Scores")  # the first sheet; filled by finish
        self.ids = [c.id for c in criteria_of(frameworks)]
        self.statuses = _Sheet(self.book.create_sheet("Statuses"),
                               ("City", "Country", "File", "Criterion", "Status"),
                               (28, 8, 36, 14, 16))

    def add(self, city: CitySummary) -> None:
        """The Statuses rows of one city (none for a file that could not be read)."""
        if not city.ok or len(city.statuses) != len(self.ids):
            return
        name, country, path = city.name, city.country, city.path
        append = self.statuses.append
        for cid, code in zip(self.ids, city.statuses, strict=True):
            append((name, country, path, cid, _WORDS[code]))

    def finish(self, comparison: Comparison, trend: Trend | None = None) -> None:
        """Write the other sheets and save the workbook (whole or not at all)."""
        self.statuses.filter(self.statuses.rows)
        _scores(self.scores, comparison)
        _criteria(self.book, self.frameworks)
        _recommendations(self.book, comparison, self.frameworks)
        _summary(self.book, comparison)
        if trend is not None:
            _trend(self.book, trend)
        from mgf_check.loading.safeio import atomic_save

        atomic_save(self.path, self.book.save)


_WORDS = {code: status.value for code, status in FROM_CODE.items()}


def _scores(scores: Any, comparison: Comparison) -> None:
    from mgf_check.comparison import sort_score

    header = ["City", "Country", "File", "As of", "Mean"]
    for fid, title in comparison.frameworks:
        header.append(title)
        header += [f"{title} {c.group}" for c in comparison.columns if c.framework == fid]
    header += ["Gaps", "Error"]
    sheet = _Sheet(scores, header, [28, 8, 36, 11, 8] + [10] * (len(header) - 7) + [8, 40],
                   len(comparison.cities))
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


def _criteria(book: Any, frameworks: Sequence[Framework]) -> None:
    criteria = criteria_of(frameworks)
    header = ("Criterion", "Framework", "Group", "Title", "Priority", "Weight",
              *(f"Refs {k}" for k in REF_KEYS), "Recommendation")
    widths = (14, 10, 12, 50, 14, 8, *[16] * len(REF_KEYS), 80)
    sheet = _Sheet(book.create_sheet("Criteria"), header, widths, len(criteria))
    for c in criteria:
        sheet.append((c.id, c.framework, c.group, c.title, c.priority.value, c.weight,
                      *(", ".join(c.refs.get(k, ())) for k in REF_KEYS), c.recommendation))


def _recommendations(book: Any, comparison: Comparison,
                     frameworks: Sequence[Framework]) -> None:
    """Every criterion some city lacks: how many, which, and what to do."""
    from mgf_check.portfolio.summary import lacked_by_any

    found = lacked_by_any(frameworks, comparison.cities)
    header = ("Criterion", "Title", "Framework", "Priority", "Cities lacking", "Share",
              "Recommendation", "Cities")
    sheet = _Sheet(book.create_sheet("Recommendations"), header,
                   (14, 50, 10, 14, 10, 8, 80, 60), len(found))
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
    header = ("What", "Framework", "Group", "Title", "Cities", "Mean", "Median", "Lowest",
              "Highest", "Std dev")
    sheet = _Sheet(book.create_sheet("Summary"), header, (22, 12, 12, 60, 8, 8, 8, 8, 8, 8),
                   len(rows))
    for row in rows:
        sheet.append(row)


def _trend(book: Any, trend: Trend) -> None:
    labels = list(trend.labels)
    header = ("City", "Country", "Framework", "Group", *labels, "Change")
    sheet = _Sheet(book.create_sheet("Trend"), header, (28, 8, 12, 12, *[10] * len(labels), 10),
                   len(trend.series))
    for s in trend.series:
        values = [_score(v) for v in s.values]
        sheet.append((s.name, s.country, s.framework, s.group, *values,
                      _score(s.change)))
