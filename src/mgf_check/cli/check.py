"""`mgf-check check`: one policy gives its report, several a comparison of the cities."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from mgf_check.cli.params import ColorOpt, FormatOpt, FrameworkOpt, OutputOpt, TracebackOpt
from mgf_check.cli.root import EXIT_HELP, command, use_color
from mgf_check.exit_codes import ExitCode

if TYPE_CHECKING:
    from mgf_check.config import Config

@command(help="Check policy files and print the gap report: one file gives the full report, "
             "several files, a directory or a glob give a comparison of the cities. "
             f"{EXIT_HELP}")
def check(
    paths: Annotated[list[str], typer.Argument(help="Policy YAML files, directories or globs.",
                                               show_default=False)],
    framework: FrameworkOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every criterion, not "
                                          "only the gaps.")] = False,
    by: Annotated[Optional[str], typer.Option(
        "--by", help="Also group the results by crosswalk target: {views}.")] = None,
    fail_under: Annotated[Optional[float], typer.Option(
        "--fail-under", min=0, max=100, help="Exit 1 when any framework's alignment score is "
        "below N.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", help="Exit 1 when any criterion has this status or a worse one: "
        "unmet, not-stated (or unmet), partial (or any gap).")] = None,
    fail_priority: Annotated[Optional[str], typer.Option(
        "--fail-priority", help="With --fail-on: only count gaps of this priority or a more "
        "important one (core, recommended, good-practice).")] = None,
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", help="Judge waivers and dates as of this day (YYYY-MM-DD). Default: each "
        "policy's assessment date.")] = None,
    ignore_waivers: Annotated[Optional[bool], typer.Option(
        "--ignore-waivers", help="Score waived criteria as if there were no waiver.",
        show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Parallel workers for many files (default: CPU cores).")]
    = None,
    sort: Annotated[Optional[str], typer.Option(
        "--sort", help="Order of cities in a comparison: name (default) or score (opt-in).")]
    = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Fail only on what got worse than this saved JSON report (a "
        "directory of them for many files): criteria at or past --fail-on (any gap without "
        "it), scores under --fail-under and lower than before.", show_default=False)] = None,
    baseline_from: Annotated[Optional[str], typer.Option(
        "--baseline-from", metavar="REF", help="Like --baseline, with the policy files as they "
        "were at this git ref (e.g. origin/main), read with `git show`, no checkout.",
        show_default=False)] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No report on stdout (files from --output are still written); "
        "only the reason line when the run fails.")] = False,
    show_config: Annotated[bool, typer.Option(
        "--show-config", help="Print the settings this run would use, and where each comes "
        "from (command line, config file, default); then exit.")] = False,
    config: Annotated[Optional[Path], typer.Option(
        "--config", help="Config file (default: .mgf-check.yaml here or in a parent).")] = None,
    csv_dialect: Annotated[Optional[str], typer.Option(
        "--csv-dialect", help="CSV files for: plain (default: commas, no BOM), excel (UTF-8 "
        "BOM, codes kept as text), excel-semicolon (the same with ';' and decimal commas) or "
        "excel-auto (picks from your locale).")] = None,
    color: ColorOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.cli import options
    from mgf_check.cli.root import language_hint

    language_hint(paths, "check")
    flags = options.CheckFlags(
        fmt=fmt, frameworks=framework, outputs=output, by=by, fail_under=fail_under,
        fail_on=fail_on, fail_priority=fail_priority, as_of=as_of,
        ignore_waivers=ignore_waivers, jobs=jobs, sort=sort, baseline=baseline,
        baseline_from=baseline_from, csv_dialect=csv_dialect)
    cfg = _config(config, paths)
    if cfg.path is not None:  # a run never takes settings from a file it does not name
        from mgf_check.reporters.neutral import display

        sys.stderr.write(f"config: {display(cfg.path)}\n")
    settings = options.merge(flags, cfg)
    if show_config:
        from mgf_check.config import origins

        sys.stdout.write(origins(settings.shown(), flags.given(), cfg))
        raise typer.Exit(int(ExitCode.OK))
    request = options.check_request(paths, settings, verbose=verbose, quiet=quiet,
                                    color=use_color(color))
    from mgf_check.app import run_check
    from mgf_check.cli import gating
    from mgf_check.errors import CatalogueError
    from mgf_check.exit_codes import exit_code_for

    try:
        run = run_check(request, _progress)
    except CatalogueError as exc:
        if framework:
            raise
        raise options.at_config_entry(exc, request.frameworks, cfg) from None
    gating.show(run, request)
    raise typer.Exit(int(exit_code_for(run.verdicts, invalid=run.invalid)))


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """While a batch runs: a progress bar, and Ctrl-C (exit 130) or SIGTERM (exit 143) stop it
    at once (the batch ends its workers on the way out, and nothing is written)."""
    from mgf_check.cli.output import progress_bar

    with progress_bar(total) as advance, _stoppable():
        yield advance


class Terminated(BaseException):
    """SIGTERM arrived (a supervisor, `kill`, a CI timeout): stop like Ctrl-C."""


@contextlib.contextmanager
def _stoppable() -> Iterator[None]:
    def terminate(_signum: int, _frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt:
        sys.stderr.write("interrupted: nothing written\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Terminated:
        sys.stderr.write("terminated: nothing written\n")
        raise typer.Exit(EXIT_TERMINATED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


#: Exit statuses after a signal, as a shell reports a process killed by it (128 + number).
EXIT_INTERRUPTED = 128 + int(signal.SIGINT)
EXIT_TERMINATED = 128 + int(signal.SIGTERM)


def _config(explicit: Optional[Path], paths: list[str]) -> Config:
    """The config given, else the nearest one here; run from outside the repository, the
    nearest one beside the policies (as ruff does for its files)."""
    from mgf_check.config import load

    cfg = load(explicit, Path.cwd())
    if cfg.path is None and explicit is None:
        first = Path(paths[0])
        start = first if first.is_dir() else first.parent
        if start.is_dir():
            cfg = load(None, start.resolve())
    return cfg
