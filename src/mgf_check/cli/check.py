"""`mgf-check check` and `mgf-check validate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from mgf_check.cli import (
    EXIT_HELP,
    FORMATS,
    app,
    fail,
    guarded,
    terminal_width,
    use_color,
)
from mgf_check.errors import ConfigError, Problem
from mgf_check.exit_codes import FAIL_ON, ExitCode, exit_code_for
from mgf_check.model import Priority
from mgf_check.references import VIEWS

FrameworkOpt = Annotated[
    Optional[list[str]],
    typer.Option("--framework", "-f", help="Framework id (migof, local-mgi, micic) or path to a "
                 "custom catalogue; repeat for several. Default: all bundled frameworks."),
]
TracebackOpt = Annotated[bool, typer.Option("--traceback", help="Show the full traceback of an "
                                            "internal error.")]


def _outputs(fmt: Optional[str], outputs: list[str]) -> list[tuple[str, Optional[Path]]]:
    """(format, file) pairs; file None is stdout. `-o FILE` takes its format from the suffix,
    `-o FORMAT=FILE` names it, and a lone `--format` applies to a lone `-o`."""
    from mgf_check.reporters import format_for

    pairs: list[tuple[str, Optional[Path]]] = []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if sep and name in FORMATS:
            pairs.append((name, Path(file)))
            continue
        chosen = fmt if (fmt and len(outputs) == 1) else format_for(spec)
        if chosen is None:
            raise ConfigError(Problem("--output", None, f"cannot tell the format of {spec!r} "
                                      "from its suffix", "write FORMAT=FILE, e.g. "
                                      f"json={spec}; formats: {', '.join(FORMATS)}",
                                      rule="usage"))
        pairs.append((chosen, Path(spec)))
    if not outputs or (fmt and len(outputs) != 1):
        pairs.insert(0, (fmt or "terminal", None))
    elif fmt is None:
        pairs.insert(0, ("terminal", None))
    return pairs


@app.command(help=f"Check policy file(s) and print the gap report. {EXIT_HELP}")
def check(
    paths: Annotated[list[Path], typer.Argument(help="Policy YAML file(s).", show_default=False)],
    framework: FrameworkOpt = None,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-F", help=f"Output format: {', '.join(FORMATS)}. Default: terminal.",
        show_default=False)] = None,
    output: Annotated[Optional[list[str]], typer.Option(
        "--output", "-o", help="Write a report to FILE (format from the suffix, or "
        "FORMAT=FILE); repeat for several. The terminal summary is still printed.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every criterion, not "
                                          "only the gaps.")] = False,
    by: Annotated[Optional[str], typer.Option(
        "--by", help=f"Also group the results by crosswalk target: {', '.join(VIEWS)}.")] = None,
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
        "--as-of", help="Judge waivers and dates as of this day (YYYY-MM-DD). Default: the "
        "policy's assessment date.")] = None,
    ignore_waivers: Annotated[bool, typer.Option(
        "--ignore-waivers", help="Score waived criteria as if there were no waiver.")] = False,
    color: Annotated[Optional[bool], typer.Option(
        "--color/--no-color", help="Force colour on or off (default: on for a terminal, off "
        "with NO_COLOR).", show_default=False)] = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.app import CheckOptions, check_file, load_frameworks
    from mgf_check.catalogue import BUNDLED

    _check_choices(fmt, by, fail_on, fail_priority, as_of)
    pairs = guarded(_outputs, traceback, fmt, output or [])
    options = CheckOptions(frameworks=tuple(framework or BUNDLED), as_of=as_of,
                           ignore_waivers=ignore_waivers, by=by)
    frameworks = guarded(load_frameworks, traceback, options.frameworks)
    reports, problems = [], []
    for path in paths:
        try:
            reports.append(guarded(check_file, traceback, path, frameworks, options,
                                   path.as_posix()))
        except typer.Exit as exc:
            if exc.exit_code != ExitCode.INVALID:
                raise
            problems.append(path)
    for report in reports:
        guarded(_emit, traceback, report, pairs, verbose, use_color(color))
    code = exit_code_for(reports, fail_under=fail_under, fail_on=fail_on,
                         priority=Priority(fail_priority) if fail_priority else None,
                         invalid=bool(problems))
    raise typer.Exit(int(code))


def _check_choices(fmt: Optional[str], by: Optional[str], fail_on: Optional[str],
                   priority: Optional[str], as_of: Optional[str]) -> None:
    from mgf_check.validator import is_date

    bad: list[Problem] = []
    for option, value, choices in (("--format", fmt, FORMATS), ("--by", by, tuple(VIEWS)),
                                   ("--fail-on", fail_on, tuple(FAIL_ON)),
                                   ("--fail-priority", priority,
                                    tuple(p.value for p in Priority))):
        if value is not None and value not in choices:
            bad.append(Problem(option, None, f"{value!r} is not a valid choice",
                               "choose one of: " + ", ".join(choices), rule="usage"))
    if as_of is not None and not is_date(as_of):
        bad.append(Problem("--as-of", None, f"{as_of!r} is not a date", "write YYYY-MM-DD",
                           rule="usage"))
    if bad:
        fail(bad)


def _emit(report: object, pairs: list[tuple[str, Optional[Path]]], verbose: bool,
          color: bool) -> None:
    from mgf_check.reporters import RenderOptions, get_reporter

    for name, file in pairs:
        options = RenderOptions(color=color and file is None, width=terminal_width()
                                if file is None else 100, verbose=verbose)
        text = get_reporter(name, options).render(report)  # type: ignore[arg-type]
        if file is None:
            sys.stdout.write(text)
        else:
            _write(file, text)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ConfigError(Problem(path.as_posix(), None, f"cannot write report: "
                                  f"{exc.strerror}", rule="output")) from None


@app.command(help="Only validate policy file(s) against the policy schema. "
             "Exit 0 when all are valid, 2 otherwise.")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Policy YAML file(s).", show_default=False)],
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.app import load_policy

    invalid = False
    for path in paths:
        try:
            guarded(load_policy, traceback, path, path.as_posix())
            sys.stdout.write(f"ok: {path.as_posix()}\n")
        except typer.Exit as exc:
            if exc.exit_code != ExitCode.INVALID:
                raise
            invalid = True
    raise typer.Exit(int(ExitCode.INVALID if invalid else ExitCode.OK))


