"""The portfolio summary: spread per group, criteria most cities lack, the --by view across
cities, unreadable files listed, the sort number shown."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mgf_check.comparison import STATUS_CODE, CitySummary, Comparison, failed_row, sort_score
from mgf_check.model import Framework, Status
from mgf_check.portfolio.summary import compare_portfolio as compare
from mgf_check.portfolio.summary import criteria_of


def _known(scores: list[float | None]) -> list[float]:
    """The scores, every one of them known (a None fails the test)."""
    assert None not in scores
    return [s for s in scores if s is not None]


def test_spread_per_framework_and_group(example_comparison: Comparison,
                                        example_rows: list[CitySummary]) -> None:
    summary = example_comparison.summary
    assert summary is not None and summary.checked == len(example_rows) == 4
    overall = {s.framework: s.spread for s in summary.scores if not s.group}
    migof = _known([r.scores["migof"] for r in example_rows])
    assert overall["migof"].mean == round(statistics.fmean(migof), 1)
    assert overall["migof"].median == round(statistics.median(migof), 1)
    assert (overall["migof"].low, overall["migof"].high) == (min(migof), max(migof))
    d1 = next(s.spread for s in summary.scores if s.group == "D1")
    d1_scores = _known([c.score for r in example_rows for c in r.cells if c.group == "D1"])
    assert d1.cities == 4 and d1.stdev == round(statistics.pstdev(d1_scores), 1)


def test_criteria_most_cities_lack(example_comparison: Comparison,
                                   frameworks: tuple[Framework, ...],
                                   example_rows: list[CitySummary]) -> None:
    summary = example_comparison.summary
    assert summary is not None
    criteria = criteria_of(frameworks)
    lacking = {x.id: x.cities for x in summary.lacking}
    for i, c in enumerate(criteria):  # recount from the rows' statuses
        n = sum(1 for r in example_rows if r.statuses[i] in (STATUS_CODE[Status.UNMET],
                                                             STATUS_CODE[Status.NOT_STATED]))
        assert lacking.get(c.id, 0) == (n if n > 2 else 0), c.id
    assert summary.lacking[0].share >= summary.lacking[-1].share
    assert all(x.cities > 2 for x in summary.measures)
    assert all(x.id.startswith("/") for x in summary.measures)


def test_by_view_is_aggregated_across_cities(example_comparison: Comparison) -> None:
    summary = example_comparison.summary
    assert summary is not None and summary.by == "gcm"
    assert "Global Compact" in summary.view_title
    assert summary.view and all(s.framework == "gcm" for s in summary.view)
    assert all(0 <= s.spread.cities <= 4 for s in summary.view)
    assert max(s.spread.cities for s in summary.view) == 4


def test_unreadable_files_are_listed_not_dropped(frameworks: tuple[Framework, ...],
                                                 example_rows: list[CitySummary]) -> None:
    rows = [*example_rows, failed_row("broken.yaml", "broken.yaml:1:1: not YAML")]
    comparison = compare(frameworks, rows)
    assert comparison.summary is not None
    assert comparison.summary.failed == (("broken.yaml", "broken.yaml:1:1: not YAML"),)
    assert comparison.summary.checked == 4


def test_sort_score_is_shown(cli: Callable[..., Any]) -> None:
    root = Path(__file__).resolve().parents[2]
    result = cli("check", str(root / "examples"), "--sort", "score", "-F", "markdown")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| Lumenport")]
    data = json.loads(cli("check", str(root / "examples"), "-F", "json").stdout)
    mean = next(c["mean"] for c in data["cities"] if c["name"] == "Lumenport")
    assert rows and all(row.rstrip(" |").endswith(f"| {mean:.1f}%") for row in rows)
    assert "Sorted by the mean of each city's framework scores" in result.stdout


def test_sort_score_is_the_mean_of_framework_scores(example_rows: list[CitySummary]) -> None:
    for row in example_rows:
        scores = [s for s in row.scores.values() if s is not None]
        assert sort_score(row) == round(sum(scores) / len(scores), 1)
