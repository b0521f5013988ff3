"""`mgf-check trend`: cities' scores over several batches (folders or saved reports)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from mgf_check.pipeline import CheckOptions

from mgf_check.cli.params import FrameworkOpt, OutputOpt, TracebackOpt
from mgf_check.cli.root import command
from mgf_check.errors import ConfigError, Problem, UsageError
from mgf_check.exit_codes import ExitCode
from mgf_check.model import Framework
from mgf_check.portfolio.trend import Point

TREND_FORMATS = ("terminal", "markdown", "html", "json", "csv")
SUFFIXES = {".md": "markdown", ".html": "html", ".htm": "html", ".json": "json",
            ".csv": "csv", ".txt": "terminal", ".xlsx": "xlsx"}


@command(help="Each city's alignment per framework and group over several batches, "
             "oldest first: folders of policies (checked now) or saved JSON reports. Cities "
             "are paired by name and country, not by file name. "
             "-o trend.html draws a chart per framework; -o trend.xlsx adds a Trend sheet.")
def trend(
    points: Annotated[list[str], typer.Argument(help="Two or more folders or JSON reports, "
                                                "oldest first.", show_default=False)],
    framework: FrameworkOpt = None,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-F", help=f"Output format: {', '.join(TREND_FORMATS)}.")] = None,
    output: OutputOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Every group in the "
                                          "terminal, not only frameworks.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Parallel "
                                                "workers.")] = None,
    traceback: TracebackOpt = False,
) -> None:
    if len(points) < 2:
        raise UsageError(Problem("POINTS", None, "a trend needs at least two batches",
                      "give two or more folders or saved reports, oldest first",
                      rule="usage"))
    if fmt is not None and fmt not in TREND_FORMATS:
        raise UsageError(Problem("--format", None, f"{fmt!r} is not a valid choice",
                      "choose one of: " + ", ".join(TREND_FORMATS), rule="usage"))
    targets = [_target(spec) for spec in output or []]
    _run(points, framework, fmt or "terminal", targets, verbose, jobs)
    raise typer.Exit(int(ExitCode.OK))


def _target(spec: str) -> tuple[str, Path]:
    name, sep, file = spec.partition("=")
    if sep and name in (*TREND_FORMATS, "xlsx"):
        return name, Path(file)
    chosen = SUFFIXES.get(Path(spec).suffix.lower())
    if chosen is None:
        raise UsageError(Problem("--output", None,
                                 f"cannot tell the format of {spec!r} from its suffix",
                      "use .html, .md, .json, .csv, .txt or .xlsx, or FORMAT=FILE",
                      rule="usage"))
    return chosen, Path(spec)


def _run(points: list[str], framework: Optional[list[str]], fmt: str,
         targets: list[tuple[str, Path]], verbose: bool, jobs: Optional[int]) -> None:
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.pipeline import CheckOptions, load_frameworks
    from mgf_check.portfolio.folder import write_text
    from mgf_check.portfolio.summary import compare_portfolio
    from mgf_check.portfolio.trend import build_trend, trend_columns
    from mgf_check.reporters.trend_report import render_trend

    options = CheckOptions(frameworks=tuple(framework or BUNDLED))
    frameworks = load_frameworks(options.frameworks)
    loaded = [load_point(p, frameworks, options, jobs) for p in points]
    result = build_trend(loaded, trend_columns(frameworks))
    sys.stdout.write(render_trend(result, fmt, verbose))
    for name, path in targets:
        if name == "xlsx":
            from mgf_check.portfolio.workbook import write_workbook

            latest = compare_portfolio(frameworks, loaded[-1].cities)
            write_workbook(path, latest, frameworks, result)
        else:
            write_text(path, render_trend(result, name, True))


def is_batch(path: Path) -> bool:
    """A folder of policies, or a saved comparison report: one side of a batch diff."""
    if path.is_dir():
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    from mgf_check.app import read_saved_report as read_report

    return bool(read_report(path).get("kind") == "comparison")


def batch_diff(old: Path, new: Path, framework: Optional[list[str]], fmt: Optional[str],
               output: Optional[list[str]]) -> None:
    """`diff old/ new/`: each city's changes (paired by name and country) and the
    portfolio's, to stdout and any `-o` files."""
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.pipeline import CheckOptions, load_frameworks
    from mgf_check.portfolio.folder import write_text
    from mgf_check.portfolio.trend import portfolio_diff, trend_columns
    from mgf_check.reporters.trend_report import render_portfolio_diff

    if fmt is not None and fmt not in TREND_FORMATS:
        raise UsageError(Problem("--format", None, f"{fmt!r} is not available for a batch diff",
                      "choose one of: " + ", ".join(TREND_FORMATS), rule="usage"))
    targets = [_target(spec) for spec in output or []]
    options = CheckOptions(frameworks=tuple(framework or BUNDLED))
    frameworks = load_frameworks(options.frameworks)
    result = portfolio_diff(load_point(str(old), frameworks, options),
                            load_point(str(new), frameworks, options),
                            trend_columns(frameworks))
    sys.stdout.write(render_portfolio_diff(result, fmt or "terminal"))
    for name, path in targets:
        if name == "xlsx":
            raise UsageError(Problem("--output", None, "a batch diff has no workbook",
                          "use `mgf-check trend OLD NEW -o trend.xlsx`", rule="usage"))
        write_text(path, render_portfolio_diff(result, name, True))


def load_point(spec: str, frameworks: Sequence[Framework], options: CheckOptions,
               jobs: int | None = None) -> Point:
    """A folder of policies (checked now) or a saved JSON report, as one point in time."""
    path = Path(spec)
    if path.is_file() and path.suffix.lower() == ".json":
        return _saved_point(path)
    from mgf_check import batch
    from mgf_check.loading.policyfiles import expand

    files = expand([spec])
    rows = batch.run(files, frameworks, batch.BatchSettings(options, False), jobs)
    label = path.name or path.as_posix() if path.is_dir() else path.stem
    return Point(label, tuple(r.summary for r in rows))


def _saved_point(path: Path) -> Point:
    from mgf_check.app import read_saved_report as read_report
    from mgf_check.comparison import summarize
    from mgf_check.reporters import json_codec

    data = read_report(path)
    if data["kind"] == "comparison":
        comparison = json_codec.comparison_from_dict(data)
        return Point(path.stem, comparison.cities)
    if data["kind"] == "check":
        report = json_codec.from_dict(data)
        return Point(str(report.as_of or path.stem), (summarize(report),))
    raise ConfigError(Problem(path.as_posix(), None, "a trend needs check or comparison "
                              f"reports, not {data['kind']!r}", rule="usage"))

