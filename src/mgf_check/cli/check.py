"""`mgf-check check` and `mgf-check validate`."""

from __future__ import annotations

import contextlib
import math
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from mgf_check.catalogue.references import VIEWS
from mgf_check.cli import EXIT_HELP, FORMATS, app, fail, guarded, use_color
from mgf_check.cli.output import emit, parse_outputs
from mgf_check.errors import Problem
from mgf_check.exit_codes import FAIL_ON, ExitCode
from mgf_check.model import Priority

FrameworkOpt = Annotated[
    Optional[list[str]],
    typer.Option("--framework", "-f", help="Framework id (migof, local-mgi, micic) or path to a "
                 "custom catalogue; repeat for several. Default: all bundled frameworks."),
]
FormatOpt = Annotated[Optional[str], typer.Option(
    "--format", "-F", help=f"Output format: {', '.join(FORMATS)}. Default: terminal.",
    show_default=False)]
OutputOpt = Annotated[Optional[list[str]], typer.Option(
    "--output", "-o", help="Write a report to FILE (format from the suffix, or FORMAT=FILE); "
    "repeat for several. The terminal summary is still printed.")]
ColorOpt = Annotated[Optional[bool], typer.Option(
    "--color/--no-color", help="Force colour on or off (default: on for a terminal, off with "
    "NO_COLOR).", show_default=False)]
TracebackOpt = Annotated[bool, typer.Option("--traceback", help="Show the full traceback of an "
                                            "internal error.")]


@app.command(help="Check policy files and print the gap report: one file gives the full report, "
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
        "BOM, codes kept as text), excel-semicolon (the same with ';', for locales with a "
        "decimal comma) or excel-auto (picks from your locale).")] = None,
    color: ColorOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check import config as config_module

    cfg = guarded(config_module.load, traceback, config, Path.cwd())
    if cfg.path is None and config is None:  # run from outside the repository: look beside
        first = Path(paths[0])                # the policies, as ruff does for its files
        start = first if first.is_dir() else first.parent
        if start.is_dir():
            cfg = guarded(config_module.load, traceback, None, start.resolve())
    if cfg.path is not None:  # a run never takes settings from a file it does not name
        from mgf_check.reporters.neutral import display

        sys.stderr.write(f"config: {display(cfg.path)}\n")
    given = {k for k, v in (("frameworks", framework), ("fail-under", fail_under),
                            ("fail-on", fail_on), ("fail-priority", fail_priority),
                            ("outputs", output), ("by", by), ("ignore-waivers", ignore_waivers),
                            ("jobs", jobs), ("sort", sort)) if v is not None}
    settings: dict[str, Any] = {
        "fmt": fmt,
        "by": by if by is not None else cfg.get("by"),
        "fail_under": fail_under if fail_under is not None else cfg.get("fail-under"),
        "fail_on": fail_on if fail_on is not None else cfg.get("fail-on"),
        "priority": fail_priority if fail_priority is not None else cfg.get("fail-priority"),
        "as_of": as_of,
        "ignore_waivers": bool(ignore_waivers if ignore_waivers is not None
                               else cfg.get("ignore-waivers", False)),
        "jobs": jobs or cfg.get("jobs"),
        "sort": sort or cfg.get("sort", "name"),
        "frameworks": framework or cfg.frameworks(),
        "outputs": output if output is not None else (cfg.outputs() or []),
        "baseline": baseline,
        "baseline_from": baseline_from,
    }
    _check_choices(settings)
    if show_config:
        sys.stdout.write(config_module.origins({
            "frameworks": settings["frameworks"], "fail-under": settings["fail_under"],
            "fail-on": settings["fail_on"], "fail-priority": settings["priority"],
            "outputs": settings["outputs"], "by": settings["by"],
            "ignore-waivers": settings["ignore_waivers"], "jobs": settings["jobs"],
            "sort": settings["sort"]}, given, cfg))
        raise typer.Exit(int(ExitCode.OK))
    from mgf_check.csvfiles import DIALECTS
    from mgf_check.outfolder import split_outputs, split_workbooks

    folder, settings["folder_formats"], files = guarded(split_outputs, traceback,
                                                        settings["outputs"], FORMATS)
    settings["folder"] = folder
    settings["workbooks"], files = split_workbooks(files)
    settings["csv_dialect"] = csv_dialect or cfg.get("csv-dialect", "plain")
    if settings["csv_dialect"] not in DIALECTS:
        fail([Problem("--csv-dialect", None, f"{settings['csv_dialect']!r} is not a valid "
                      "choice", "choose one of: " + ", ".join(DIALECTS), rule="usage")])
    pairs = guarded(parse_outputs, traceback, settings["fmt"], files)
    if quiet:
        pairs = [(name, file) for name, file in pairs if file is not None]
    code = guarded(_run, traceback, paths, settings, pairs, verbose, use_color(color))
    raise typer.Exit(int(code))


def _check_choices(s: dict[str, Any]) -> None:
    from mgf_check.schema.fast import is_date

    bad: list[Problem] = []
    for option, key, choices in (("--format", "fmt", FORMATS), ("--by", "by", tuple(VIEWS)),
                                 ("--fail-on", "fail_on", tuple(FAIL_ON)),
                                 ("--fail-priority", "priority",
                                  tuple(p.value for p in Priority)),
                                 ("--sort", "sort", ("name", "score"))):
        value = s[key]
        if value is not None and value not in choices:
            bad.append(Problem(option, None, f"{value!r} is not a valid choice",
                               "choose one of: " + ", ".join(choices), rule="usage"))
    if s["fail_under"] is not None and not math.isfinite(s["fail_under"]):
        bad.append(Problem("--fail-under", None, f"{s['fail_under']!r} is not a number",
                           "give a score from 0 to 100", rule="usage"))
    if s["as_of"] is not None and not is_date(s["as_of"]):
        bad.append(Problem("--as-of", None, f"{s['as_of']!r} is not a date",
                           "write YYYY-MM-DD", rule="usage"))
    if bad:
        fail(bad)


def _run(paths: list[str], s: dict[str, Any], pairs: list[tuple[str, Optional[Path]]],
         verbose: bool, color: bool) -> ExitCode:
    from mgf_check.app import CheckOptions, load_frameworks
    from mgf_check.catalogue.loader import BUNDLED

    options = CheckOptions(frameworks=tuple(s["frameworks"] or BUNDLED), as_of=s["as_of"],
                           ignore_waivers=s["ignore_waivers"], by=s["by"])
    frameworks = load_frameworks(options.frameworks)
    priority = Priority(s["priority"]) if s["priority"] else None
    if _is_batch(paths) or s["folder"] is not None or s["workbooks"]:
        return _run_batch(paths, frameworks, options, s, pairs, verbose, color, priority)
    from mgf_check.app import check_file
    from mgf_check.cli import gating
    from mgf_check.errors import PolicyLoadError
    from mgf_check.gate import Gate, judge, reason

    path = Path(paths[0])
    try:
        report = check_file(path, frameworks, options, paths[0])
    except PolicyLoadError as exc:
        gating.write_problems(pairs, [(paths[0], exc.problems)])
        for problem in exc.problems:
            sys.stderr.write(f"error: {problem.render()}\n")
        n = len(exc.problems)
        gating.say(f"{paths[0]} is invalid ({n} problem{'s' if n != 1 else ''})")
        return ExitCode.INVALID
    base = gating.load_baseline(s["baseline"], s["baseline_from"], [path], frameworks, options)
    gate = Gate(s["fail_on"], priority, s["fail_under"], base is not None)
    verdict = judge(report, gate, base.for_path(report.path, lone_run=True) if base else None)
    emit(lambda r: r.render(report), pairs, verbose, color, gating.failing_pairs([verdict]))
    _finish_csv(pairs, s["csv_dialect"], None)
    why = reason(verdict, gate)
    gating.say(why)
    gating.step_summary([gating.summary_row(report, verdict)], why,
                        bool(gate.statuses or gate.fail_under is not None))
    return ExitCode.GAPS if verdict.failing else ExitCode.OK


def _run_batch(paths: list[str], frameworks: Any, options: Any, s: dict[str, Any],
               pairs: list[tuple[str, Optional[Path]]], verbose: bool, color: bool,
               priority: Optional[Priority]) -> ExitCode:
    from mgf_check import batch, outfolder
    from mgf_check.cli import gating
    from mgf_check.cli.output import check_outputs, needs_details, progress_bar
    from mgf_check.gate import batch_reason
    from mgf_check.portfolio import compare_portfolio
    from mgf_check.reporters.stepsummary import Row

    files = batch.expand(paths)
    check_outputs([*(file for _, file in pairs if file is not None), *s["workbooks"]])
    base = gating.load_baseline(s["baseline"], s["baseline_from"], files, frameworks, options)
    if base is not None and s["baseline"] is not None and \
            not any(base.for_path(f.as_posix()) for f in files):
        sys.stderr.write("mgf-check: note: the baseline has none of these policy paths (saved "
                         "from another folder?), so every policy is judged on the thresholds "
                         "alone\n")
    folder = s["folder"]
    city_dir = str(outfolder.prepare(folder)) if folder is not None else None
    settings = batch.BatchSettings(options, needs_details(pairs) or (
        folder is not None and needs_details([(f, None) for f in s["folder_formats"]])),
        s["fail_under"], s["fail_on"], priority, base, city_dir, tuple(s["folder_formats"]))
    with progress_bar(len(files)) as advance, stoppable():
        rows = batch.run(files, frameworks, settings, s["jobs"], advance)
    verdicts = [r.verdict for r in rows if r.verdict is not None]
    comparison = compare_portfolio(frameworks, [r.summary for r in rows], s["sort"],
                                   options.as_of, options.by)
    if folder is not None:
        comparison = outfolder.write_folder(folder, comparison, s["folder_formats"])
        sys.stderr.write(f"mgf-check: wrote {(folder / 'index.html').as_posix()} and the "
                         f"reports of {len(comparison.links)} cities in "
                         f"{(folder / outfolder.CITIES).as_posix()}/\n")
    emit(lambda r: r.stream_comparison(comparison), pairs, verbose, color,
         gating.failing_pairs(verdicts))
    _finish_csv(pairs, s["csv_dialect"], comparison)
    if s["workbooks"]:
        from mgf_check.workbook import write_workbook

        for book in s["workbooks"]:
            write_workbook(book, comparison, frameworks)
    for row in rows:
        if not row.summary.ok:  # check_one made the message safe (`neutral.problem`)
            sys.stderr.write(f"error: {row.summary.error}\n")
    invalid = sum(1 for r in rows if not r.summary.ok)
    why = batch_reason(verdicts, settings.gate, invalid)
    gating.say(why)
    titles = {f.id: f.short_title for f in frameworks}
    gating.step_summary([Row(r.summary.path, r.summary.name,
                             {titles.get(k, k): v for k, v in r.summary.scores.items()},
                             len(r.summary.gaps), r.verdict.criteria if r.verdict else (),
                             r.summary.error) for r in rows], why,
                        bool(settings.gate.statuses or s["fail_under"] is not None))
    if invalid:
        return ExitCode.INVALID
    return ExitCode.GAPS if any(r.failing for r in rows) else ExitCode.OK


def _finish_csv(pairs: list[tuple[str, Optional[Path]]], dialect: str,
                comparison: Any) -> None:
    from mgf_check.csvfiles import finish

    for name, file in pairs:
        if name == "csv" and file is not None:
            finish(file, dialect, comparison)


class Terminated(BaseException):
    """SIGTERM arrived (a supervisor, `kill`, a CI timeout): stop like Ctrl-C."""


@contextlib.contextmanager
def stoppable() -> Iterator[None]:
    """Ctrl-C (exit 130) and SIGTERM (exit 143) stop a batch at once: the batch ends its
    workers on the way out, and nothing is written."""
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


def _is_batch(specs: list[str]) -> bool:
    """More than one file, a directory or a glob means a comparison; one file, a report."""
    return len(specs) > 1 or any(Path(s).is_dir() or (any(c in s for c in "*?[")
                                                       and not Path(s).is_file())
                                 for s in specs)


@app.command(help="Only validate policy file(s) against the policy schema. "
             "Exit 0 when all are valid, 2 otherwise.")
def validate(
    paths: Annotated[list[str], typer.Argument(help="Policy YAML files, directories or globs.",
                                               show_default=False)],
    fmt: Annotated[str, typer.Option(
        "--format", "-F", help="text (ok/error lines), json, github (annotations at line and "
        "column) or sarif (load errors with regions).")] = "text",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print only the problems (no `ok:` lines, no closing count).")]
    = False,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.app import load_policy
    from mgf_check.batch import expand
    from mgf_check.cli.output import write_stdout
    from mgf_check.errors import MgfCheckError
    from mgf_check.reporters import problems
    from mgf_check.reporters.neutral import display
    from mgf_check.reporters.neutral import problem as shown_problem

    if fmt not in problems.FORMATS:
        fail([Problem("--format", None, f"{fmt!r} is not a valid choice",
                      "choose one of: " + ", ".join(problems.FORMATS), rule="usage")])

    def each(files: list[Path]) -> list[tuple[str, list[Problem]]]:
        found: list[tuple[str, list[Problem]]] = []
        for path in files:
            try:
                load_policy(path, path.as_posix())
                found.append((path.as_posix(), []))
            except MgfCheckError as exc:
                found.append((path.as_posix(), exc.problems))
        return found

    found = guarded(each, traceback, guarded(expand, traceback, paths))
    invalid = any(p for _, p in found)
    if fmt == "text":
        for path_text, listed in found:
            if not listed and not quiet:
                write_stdout(f"ok: {display(path_text)}\n")
            for problem in listed:
                sys.stderr.write(f"error: {shown_problem(problem)}\n")
    else:
        write_stdout(problems.render(fmt, found, quiet))
    if invalid or not quiet:
        sys.stderr.write(f"mgf-check: {problems.summary(found)}\n")
    raise typer.Exit(int(ExitCode.INVALID if invalid else ExitCode.OK))
