"""CSV for spreadsheets: the wide scores file beside the long one, and the `excel` dialects.

`plain` (the default) is RFC 4180 with commas and no byte-order mark. `excel` adds a UTF-8
byte-order mark (so Excel on Windows reads accents right) and stores codes that Excel would
turn into numbers or dates (an SDG target `16.10`, a paragraph `28`) as `="16.10"`, which it
shows as the text 16.10. `excel-semicolon` does the same with `;` between cells and decimal
commas (55,0), as Excel expects where the decimal separator is a comma (French, Spanish,
German, ... settings). `excel-auto` picks one of the two from the user's locale.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mgf_check.request import CsvDialect

if TYPE_CHECKING:
    from mgf_check.comparison import Comparison

DIALECTS = tuple(d.value for d in CsvDialect)
BOM = "\ufeff"
#: A code Excel would read as a number or a date.
NUMERIC_CODE = re.compile(r"\d+(\.\d+)*")
#: A decimal number, written with a decimal comma where `;` separates the cells.
DECIMAL = re.compile(r"-?\d+\.\d+")
#: Columns whose cells are codes (criterion ids, groups, crosswalk references).
CODE_COLUMNS = re.compile(r"(refs_.*|group|criterion|id)")


def delimiter_for(decimal_point: str) -> str:
    """`;` where numbers are written with a decimal comma, else `,` (what Excel expects)."""
    return ";" if decimal_point == "," else ","


def resolve(dialect: str, decimal_point: str | None = None) -> str:
    """`excel-auto` -> `excel` or `excel-semicolon` from the locale's decimal separator."""
    if dialect != "excel-auto":
        return dialect
    if decimal_point is None:
        import locale

        try:
            locale.setlocale(locale.LC_NUMERIC, "")
            decimal_point = str(locale.localeconv()["decimal_point"])
        except locale.Error:
            decimal_point = "."
        finally:
            locale.setlocale(locale.LC_NUMERIC, "C")
    return "excel-semicolon" if delimiter_for(decimal_point) == ";" else "excel"


def convert(text: str, dialect: str) -> str:
    """CSV text (comma-separated, as the reporters write it) in another dialect."""
    if dialect == "plain":
        return text
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return BOM
    codes = {i for i, name in enumerate(rows[0]) if CODE_COLUMNS.fullmatch(name)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dialect == "excel-semicolon" else ",",
                        lineterminator="\r\n")
    writer.writerow(rows[0])
    comma = dialect == "excel-semicolon"
    for row in rows[1:]:
        writer.writerow([f'="{v}"' if i in codes and NUMERIC_CODE.fullmatch(v)
                         else v.replace(".", ",") if comma and DECIMAL.fullmatch(v) else v
                         for i, v in enumerate(row)])
    return BOM + buffer.getvalue()


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    from mgf_check.reporters.csv_ import table

    return table(header, rows)


def wide_scores(comparison: Comparison) -> str:
    """One row per city: mean, each framework's score and each group's, gaps, error."""
    from mgf_check.comparison import sort_score

    header = ["path", "city", "country", "as_of", "mean"]
    keys: list[tuple[str, str]] = []
    for fid, _ in comparison.frameworks:
        keys.append((fid, ""))
        keys += [(fid, c.group) for c in comparison.columns if c.framework == fid]
    header += [f"{f}" if not g else f"{f} {g}" for f, g in keys]
    header += ["gaps", "error"]

    def num(v: float | None) -> object:
        return "" if v is None else v

    rows = []
    for city in comparison.cities:
        cells = {(c.framework, c.group): c.score for c in city.cells}
        values = [city.scores.get(f) if not g else cells.get((f, g)) for f, g in keys]
        rows.append([city.path, city.name, city.country, city.as_of, num(sort_score(city)),
                     *map(num, values), len(city.gaps) if city.ok else "", city.error or ""])
    return _table(header, rows)


def summary_csv(comparison: Comparison) -> str:
    """The portfolio summary as one table: spread rows, then lacking criteria and sections."""
    summary = comparison.summary
    header = ["what", "framework", "group", "title", "cities", "mean", "median", "lowest",
              "highest", "std dev", "share"]
    rows: list[list[object]] = []
    if summary is not None:
        for s in (*summary.scores, *summary.view):
            sp = s.spread
            rows.append(["scores" if s in summary.scores else f"by {summary.by}",
                         s.framework, s.group, s.title, sp.cities, sp.mean, sp.median,
                         sp.low, sp.high, sp.stdev, ""])
        for kind, lacks in (("criterion most cities lack", summary.lacking),
                            ("section most cities do not state", summary.measures)):
            rows += [[kind, x.framework, "", f"{x.id} {x.title}", x.cities, "", "", "", "",
                      "", x.share] for x in lacks]
        rows += [["could not be read", "", "", path, "", "", "", "", "", "",
                  ""] for path, _ in summary.failed]
    return _table(header, [["" if v is None else v for v in r] for r in rows])


def finish(path: Path, dialect: str, comparison: Comparison | None) -> None:
    """Rewrite a CSV file in `dialect`; for a comparison, also write `<stem>-scores.csv`
    (one row per city) and `<stem>-summary.csv` (the portfolio summary) beside it."""
    from mgf_check.portfolio.folder import write_text

    chosen = resolve(dialect)
    if chosen != "plain":
        write_text(path, convert(path.read_text(encoding="utf-8"), chosen), newline="")
    if comparison is None:
        return
    for suffix, text in (("-scores", wide_scores(comparison)),
                         ("-summary", summary_csv(comparison))):
        write_text(path.with_name(f"{path.stem}{suffix}.csv"), convert(text, chosen),
                   newline="")
