"""`mgf-check trend`: cities' scores over several batches (folders or saved reports)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from mgf_check.request import DiffRequest

from mgf_check.cli.params import FrameworkOpt, OutputOpt, TracebackOpt
from mgf_check.cli.root import command
from mgf_check.errors import Problem, UsageError
from mgf_check.exit_codes import exit_code_for
from mgf_check.reporters.neutral import display

#: `trend`'s own formats (what `reporters/trend_report` renders), not the report registry's.
TREND_FORMATS = ("terminal", "markdown", "html", "json", "csv")
SUFFIXES = {".md": "markdown", ".html": "html", ".htm": "html", ".json": "json",
            ".csv": "csv", ".txt": "terminal", ".xlsx": "xlsx"}


@command(help="Each city's score per framework and group over several batches, "
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
    raise typer.Exit(_run(points, framework, fmt or "terminal", targets, verbose, jobs))


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
         targets: list[tuple[str, Path]], verbose: bool, jobs: Optional[int]) -> int:
    """Write the trend; the exit status: 2 when a file of any batch could not be read (the
    trend is then incomplete: said on stderr, as `check` says it for a batch)."""
    from mgf_check.app import run_trend
    from mgf_check.cli.gating import say
    from mgf_check.cli.output import write
    from mgf_check.reporters.trend_report import render_trend
    from mgf_check.request import TrendRequest

    run = run_trend(TrendRequest(tuple(points), tuple(framework or ()), jobs))
    sys.stdout.write(render_trend(run.trend, fmt, verbose))
    for name, path in targets:
        if name == "xlsx":
            from mgf_check.portfolio.workbook import write_workbook

            write_workbook(path, run.latest, run.frameworks, run.trend)
        else:
            write(path, [render_trend(run.trend, name, True)])
    for city in run.failed:  # checked in this run, but shown by the rule for outside text
        sys.stderr.write(f"error: {display(city.error or '')}\n")
    if run.failed:
        n = len(run.failed)
        say(f"{n} of {run.files} policy files {'is' if n == 1 else 'are'} invalid or "
            "unreadable; the trend leaves them out")
    return int(exit_code_for((), invalid=len(run.failed)))


def batch_diff(request: DiffRequest, fmt: Optional[str], output: Optional[list[str]]) -> int:
    """`diff old/ new/`: each city's changes (paired by name and country) and the
    portfolio's, to stdout and any `-o` files; the exit status (`--fail-on` per city)."""
    from mgf_check.app import run_batch_diff
    from mgf_check.cli.gating import say
    from mgf_check.cli.output import write
    from mgf_check.gate import batch_diff_reason
    from mgf_check.reporters.trend_report import render_portfolio_diff

    if fmt is not None and fmt not in TREND_FORMATS:
        raise UsageError(Problem("--format", None, f"{fmt!r} is not available for a batch diff",
                      "choose one of: " + ", ".join(TREND_FORMATS), rule="usage"))
    targets = [_target(spec) for spec in output or []]
    for name, _ in targets:
        if name == "xlsx":
            raise UsageError(Problem("--output", None, "a batch diff has no workbook",
                          "use `mgf-check trend OLD NEW -o trend.xlsx`", rule="usage"))
    run = run_batch_diff(request)
    sys.stdout.write(render_portfolio_diff(run.diff, fmt or "terminal"))
    for name, path in targets:
        write(path, [render_portfolio_diff(run.diff, name, True)])
    for note in run.notes:
        sys.stderr.write(f"mgf-check: note: {note}\n")
    if request.fail_on is not None:
        failing = [(f"{c.name} ({c.country})" if c.country else c.name, v.criteria)
                   for c, v in zip(run.diff.cities, run.verdicts, strict=True) if v.failing]
        say(batch_diff_reason(failing, request.fail_on, request.priority))
    return int(exit_code_for(run.verdicts, invalid=run.invalid))
