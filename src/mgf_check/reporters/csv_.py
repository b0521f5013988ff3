"""`--format csv`: one row per city and criterion, for spreadsheets (formula-safe cells)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mgf_check.catalogue.bundled import ref_keys
from mgf_check.model import Change, PolicyReport
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.rows import status_value

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

#: The crosswalk keys, one `refs_<key>` column each (from frameworks/references/).
REF_KEYS = ref_keys()
COLUMNS = ("path", "city", "country", "framework", "group", "criterion", "title", "priority",
           "weight", "status", "reason", "line", "column", "recommendation",
           *(f"refs_{k}" for k in REF_KEYS))
DIFF_COLUMNS = ("path", "city", "framework", "group", "criterion", "title", "priority",
                "before", "after", "kind")
#: A cell starting with one of these could run as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The same after a line break (an importer may start a new row there).
_FORMULA_AFTER_BREAK = re.compile(r"(?<=[\r\n])(?=[=+\-@\t])")


def cell(value: object) -> str:
    """A CSV cell as text, prefixed with `'` when a spreadsheet could read it as a formula,
    at its start or after any line break (OWASP's CSV-injection rule). `table` quotes every
    cell, so none can start a row or split at `;` (Excel's separator in many locales)."""
    text = "" if value is None else str(value)
    if "\r" in text or "\n" in text:
        text = _FORMULA_AFTER_BREAK.sub("'", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def _weight(weight: float) -> str:
    return f"{weight:g}"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Header and rows as CSV text with `\\n` line endings, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def report_rows(report: PolicyReport) -> Iterable[list[object]]:
    """One row per criterion of one report, in catalogue order."""
    city = report.city
    for r in report.results:
        c = r.criterion
        yield [report.path, city.get("name", ""), city.get("country", ""), c.framework,
               c.group, c.id, c.title, c.priority.value, _weight(c.weight), r.status.value,
               r.reason, r.span.line if r.span else "", r.span.column if r.span else "",
               c.recommendation, *(" ".join(c.refs.get(k, ())) for k in REF_KEYS)]


class CsvReporter(Reporter):
    """Every criterion of every city as a row: path, city, criterion, status, reason, place."""

    name = "csv"
    suffix = ".csv"
    description = "one row per city and criterion, for spreadsheets (formula-safe)"
    needs_details = True

    def render(self, report: PolicyReport) -> str:
        return table(COLUMNS, report_rows(report))

    def render_comparison(self, comparison: Comparison) -> str:
        rows: list[list[object]] = []
        for city in comparison.cities:
            if not city.ok:
                rows.append([city.path, city.name, city.country, "", "", "", "", "", "",
                             "error", city.error, "", "", "", *[""] * len(REF_KEYS)])
            elif city.report is not None:
                rows.extend(report_rows(city.report))
            else:  # a summary without details: its gaps, without positions
                rows.extend([city.path, city.name, city.country, "", "", gap, "", "", "",
                             "gap", "", "", "", "", *[""] * len(REF_KEYS)]
                            for gap in city.gaps)
        return table(COLUMNS, rows)

    def render_diff(self, diff: PolicyDiff) -> str:
        city = diff.new.city.get("name", "")
        rows = ([diff.new.path, city, ch.criterion.framework, ch.criterion.group,
                 ch.criterion.id, ch.criterion.title, ch.criterion.priority.value,
                 status_value(ch.before), status_value(ch.after), ch.kind]
                for ch in diff.changes if ch.kind != Change.UNCHANGED)
        return table(DIFF_COLUMNS, rows)
