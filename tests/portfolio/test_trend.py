"""Trends over three years of the bundled examples (varied by `vary`), and batch diffs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mgf_check.model import Framework
from mgf_check.portfolio.trend import PORTFOLIO, Point, build_trend, identity, trend_columns


@pytest.fixture(scope="module")
def folders(years: Callable[[], list[Path]]) -> list[Path]:
    return years()


def _score(cli: Callable[..., Any], path: Path) -> dict[str, float]:
    """A city's framework scores from a single check (the expected values)."""
    result = cli("check", str(path), "-F", "json")
    data = json.loads(result.stdout)
    return {f["id"]: f["score"] for f in data["frameworks"]}


def test_three_year_trend_gives_the_expected_series(cli: Callable[..., Any],
                                                    folders: list[Path]) -> None:
    result = cli("trend", *map(str, folders), "-F", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["labels"] == ["2023", "2024", "2025"]
    series = {(s["city"], s["framework"], s["group"]): s["values"] for s in data["series"]}
    expected = [_score(cli, folders[0] / "riverton.yaml"),
                _score(cli, folders[1] / "riverton.yaml"),
                _score(cli, folders[2] / "2025-riverton.yaml")]  # renamed: paired by city
    for fid in ("migof", "local-mgi", "micic"):
        assert series[("Riverton", fid, None)] == [e[fid] for e in expected]
    micic = series[("Riverton", "micic", None)]
    assert micic[0] <= micic[1] < micic[2]  # the plan names migrants in 2025
    mean = series[(PORTFOLIO, "migof", None)]
    cities = [series[(c, "migof", None)] for c in
              ("Coral Bay", "Kestrel Falls", "Lumenport", "Riverton")]
    assert mean == [round(sum(c[i] for c in cities) / 4, 1) for i in range(3)]


def test_a_file_that_cannot_be_read_makes_the_trend_exit_2_and_says_so(
        cli: Callable[..., Any], folders: list[Path], tmp_path: Path) -> None:
    # a copy of the three years with one more file in the middle year, whose date is impossible
    copies = [tmp_path / f.name for f in folders]
    for folder, copy in zip(folders, copies, strict=True):
        shutil.copytree(folder, copy)
    folders = copies
    (folders[1] / "broken.yaml").write_text(
        "schema_version: 1\ncity: {name: Broken, country: NO}\nassessment: {date: 2024-02-30}\n",
        encoding="utf-8")
    result = cli("trend", *map(str, folders), "-F", "json", "-o", str(tmp_path / "t.md"))
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)  # the trend of the files that could be read, in full
    assert data["labels"] == ["2023", "2024", "2025"]
    assert "Broken" not in {s["city"] for s in data["series"]}
    assert (tmp_path / "t.md").is_file()
    assert "broken.yaml" in result.stderr and "not a valid date" in result.stderr
    files = sum(len(list(f.glob("*.yaml"))) for f in folders)
    assert f"1 of {files} policy files is invalid or unreadable" in result.stderr


def test_a_saved_report_with_a_failed_row_neither_fails_the_trend_nor_reaches_stderr_raw(
        cli: Callable[..., Any], folders: list[Path], tmp_path: Path) -> None:
    # the first year saved as a comparison in which one file had failed (with hostile text):
    # that was the old run's problem; the trend reads it and exits 0
    saved = cli("check", str(folders[0]), "-F", "json")
    data = json.loads(saved.stdout)
    data["cities"].append(dict(data["cities"][0], path="gone/broken.yaml", name="", country="",
                               error="broken.yaml:1:1: \x1b[31mred\x1b]0;title\x07", scores={}))
    first = tmp_path / "2023.json"
    first.write_text(json.dumps(data), encoding="utf-8")
    result = cli("trend", str(first), *map(str, folders[1:]), "-F", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    # a file checked now that fails: exit 2, and its error on stderr without control characters
    broken = tmp_path / "2025"
    shutil.copytree(folders[2], broken)
    (broken / "\x1b[31mbad.yaml").write_text("schema_version: [\n", encoding="utf-8")
    result = cli("trend", str(first), str(folders[1]), str(broken), "-F", "json")
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.stderr and "bad.yaml" in result.stderr
    checked = len([*folders[1].glob("*.yaml"), *broken.glob("*.yaml")])  # not the saved year
    assert f"1 of {checked} policy files is invalid" in result.stderr


def test_a_batch_diff_against_a_saved_report_with_a_failed_row_is_not_invalid(
        cli: Callable[..., Any], folders: list[Path], tmp_path: Path) -> None:
    saved = json.loads(cli("check", str(folders[0]), "-F", "json").stdout)
    saved["cities"].append(dict(saved["cities"][0], path="gone/broken.yaml", name="",
                                country="", error="broken.yaml:1:1: bad", scores={}))
    old = tmp_path / "2023.json"
    old.write_text(json.dumps(saved), encoding="utf-8")
    result = cli("diff", str(old), str(folders[1]), "-F", "json")
    assert result.exit_code == 0, result.output


def test_trend_html_has_a_chart_per_framework(cli: Callable[..., Any], folders: list[Path],
                                              tmp_path: Path) -> None:
    result = cli("trend", *map(str, folders), "-o", str(tmp_path / "t.html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.count('<svg class="trend-chart"') == 3 and "<script" not in page


def test_batch_diff_pairs_cities_by_identity(cli: Callable[..., Any],
                                             folders: list[Path]) -> None:
    result = cli("diff", str(folders[0]), str(folders[2]), "-F", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "portfolio-diff" and len(data["cities"]) == 4
    river = next(c for c in data["cities"] if c["city"] == "Riverton")
    assert river["before"].endswith("2023/riverton.yaml")
    assert river["after"].endswith("2025/2025-riverton.yaml")
    assert river["closed"] and not river["opened"]
    assert data["closed"] == sum(len(c["closed"]) for c in data["cities"])


def test_cities_missing_or_duplicated_in_a_batch(frameworks: tuple[Framework, ...],
                                                 example_rows: list[Any]) -> None:
    first, second = example_rows[0], example_rows[1]
    trend = build_trend([Point("a", (first, second)), Point("b", (second, second))],
                        trend_columns(frameworks)[:1])
    values = {s.name: s.values for s in trend.series}
    assert values[first.name] == (first.scores["migof"], None)
    assert any("same city" in note for note in trend.notes)
    assert identity(first) == (identity(first)[0], first.country.upper())


def test_batch_diff_gate_fails_on_gaps_opened_in_any_city(cli: Callable[..., Any],
                                                          folders: list[Path]) -> None:
    """Backwards in time (2025 -> 2023) the emergency plans fall back: gaps open."""
    plain = cli("diff", str(folders[2]), str(folders[0]), "-F", "json")
    assert plain.exit_code == 0, plain.output  # no gate asked: report only
    opened = {c["city"]: c["opened"] for c in json.loads(plain.stdout)["cities"]}
    gated = cli("diff", str(folders[2]), str(folders[0]), "-F", "json", "--fail-on", "opened")
    assert gated.exit_code == 1, gated.output
    assert "in 4 cities (--fail-on opened): Coral Bay (" in gated.stderr
    assert "; Riverton (" in gated.stderr
    assert all(cid in gated.stderr for cid in opened["Riverton"][:2])
    forward = cli("diff", str(folders[0]), str(folders[2]), "--fail-on", "regressed")
    assert forward.exit_code == 0, forward.output


def test_batch_diff_regressed_counts_worse_statuses_and_priority_filters(
        frameworks: tuple[Framework, ...], example_rows: list[Any]) -> None:
    import dataclasses

    from mgf_check.gate import DiffFailOn, batch_diff_failures
    from mgf_check.model import Priority
    from mgf_check.portfolio.summary import criteria_of
    from mgf_check.portfolio.trend import portfolio_diff

    criteria = criteria_of(frameworks)
    # a city's partial criterion that is not core: unmet next year
    city, partial = next((c, i) for c in example_rows for i, code in enumerate(c.statuses)
                         if code == "P" and criteria[i].priority is not Priority.CORE)
    worse = dataclasses.replace(city, statuses=city.statuses[:partial] + "U"
                                + city.statuses[partial + 1:])
    change = portfolio_diff(Point("a", (city,)), Point("b", (worse,)),
                            trend_columns(frameworks)[:1], criteria).cities[0]
    cid = criteria[partial].id
    assert change.opened == () and change.regressed == (cid,)  # gaps unchanged, one worse
    priorities = {c.id: c.priority for c in criteria}
    assert batch_diff_failures(change.opened, change.regressed, DiffFailOn.REGRESSED, None,
                               priorities) == (cid,)
    assert batch_diff_failures(change.opened, change.regressed, DiffFailOn.OPENED, None,
                               priorities) == ()
    assert batch_diff_failures(change.opened, change.regressed, DiffFailOn.REGRESSED,
                               Priority.CORE, priorities) == ()


def test_trend_and_batch_diff_outputs_neutralise_city_names(
        frameworks: tuple[Framework, ...], example_rows: list[Any]) -> None:
    import dataclasses

    from mgf_check.portfolio.trend import portfolio_diff
    from mgf_check.reporters.trend_report import render_portfolio_diff, render_trend

    evil = dataclasses.replace(example_rows[0], name="Evil\x1b[31m\n::error::x")
    points = [Point("a", (evil,)), Point("b", (evil,))]
    trend = build_trend(points, trend_columns(frameworks)[:1])
    for text in (render_trend(trend, "terminal"), render_trend(trend, "csv"),
                 render_portfolio_diff(portfolio_diff(points[0], points[1],
                                                      trend_columns(frameworks)[:1]),
                                       "markdown")):
        assert "\x1b" not in text and "x1b" in text and "⏎" in text  # made visible
        assert not any(line.lstrip().startswith("::") for line in text.splitlines())
