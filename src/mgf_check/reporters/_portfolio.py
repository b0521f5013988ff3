"""The portfolio summary as plain tables (header + rows of text), which every comparison
format lays out in its own way: terminal, Markdown, HTML, CSV and the workbook."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mgf_check.reporters.rows import score_text

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import (
        CitySummary,
        Comparison,
        GroupStat,
        Lack,
        PortfolioSummary,
    )

Table = tuple[tuple[str, ...], list[list[str]]]

SCORES_NOTE = ("Spread of the cities' scores per framework and group: how many cities have a "
               "score there, mean, median, lowest and highest, standard deviation.")
LACKING_NOTE = ("Criteria unmet or not stated in more than half of the cities checked, "
                "most widely lacking first.")
MEASURES_NOTE = ("Policy sections (what the criteria read) that more than half of the cities "
                 "do not state at all.")


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def stat_row(label: str, s: GroupStat) -> list[str]:
    """One row of a spread table."""
    sp = s.spread
    return [label, str(sp.cities), _num(sp.mean), _num(sp.median), _num(sp.low),
            _num(sp.high), _num(sp.stdev)]


STAT_HEADER = ("cities", "mean", "median", "lowest", "highest", "std dev")


def scores_table(summary: PortfolioSummary) -> Table:
    """Per framework (its overall row first) and group: the spread across cities."""
    rows = [stat_row(s.title if not s.group else f"{s.group} {s.title}", s)
            for s in summary.scores]
    return ("framework / group", *STAT_HEADER), rows


def view_table(summary: PortfolioSummary) -> Table:
    """The crosswalk view (`--by`) aggregated across cities."""
    return (summary.view_title or "target", *STAT_HEADER), \
        [stat_row(s.title, s) for s in summary.view]


def lack_table(lacks: Sequence[Lack], total: int, measures: bool = False) -> Table:
    """Criteria (or measures) most cities lack, with how many."""
    head = ("policy section", "criteria") if measures else ("criterion", "title")
    rows = [[x.id, x.title, x.framework, x.priority, f"{x.cities} of {total}",
             f"{100 * x.share:.0f}%"] for x in lacks]
    return (*head, "framework", "priority", "cities lacking", "share"), rows


def failed_table(summary: PortfolioSummary) -> Table:
    """Files that could not be read, with the first line of the reason."""
    rows = [[path, (error.splitlines() or [""])[0]] for path, error in summary.failed]
    return ("file", "why it could not be checked"), rows


def sort_note(comparison: Comparison) -> str:
    """What `--sort score` orders by, said where it is used."""
    return ("Sorted by the mean of each city's framework scores (shown as 'mean'), highest "
            "first; --sort score is an explicit opt-in: comparison, not ranking.")


def city_labels(cities: Sequence[CitySummary]) -> dict[str, str]:
    """`Name (CC)` per city path; the file is added only where two cities share a label."""
    base = {c.path: f"{c.name or c.path} ({c.country})" if c.country else (c.name or c.path)
            for c in cities}
    seen: dict[str, int] = {}
    for label in base.values():
        seen[label] = seen.get(label, 0) + 1
    return {path: label if seen[label] == 1 else f"{label} {path}"
            for path, label in base.items()}


def sort_value(city: CitySummary) -> str:
    """The sort score of a city as displayed."""
    from mgf_check.comparison import sort_score

    return score_text(sort_score(city))


def is_number(rows: Sequence[Sequence[str]], column: int) -> bool:
    """True when every cell of a column is a number, a share or n/a (right-aligned)."""
    return bool(rows) and all(
        r[column] == "n/a" or r[column].replace(".", "", 1).replace("%", "")
        .replace(" of ", "").isdigit() for r in rows)
