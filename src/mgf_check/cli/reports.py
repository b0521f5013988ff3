"""`mgf-check diff`, `render` and `docs`: reports from reports, and the catalogue docs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from mgf_check.cli import app, fail, guarded, use_color
from mgf_check.cli.check import ColorOpt, FormatOpt, FrameworkOpt, OutputOpt, TracebackOpt
from mgf_check.cli.output import emit, parse_outputs
from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.exit_codes import ExitCode


def _load_side(path: Path, frameworks: Any, options: Any) -> Any:
    """A policy report from a YAML policy, or from a saved JSON report."""
    if path.suffix.lower() == ".json":
        data = _read_report(path)
        if data.get("kind") != "check":
            fail([Problem(path.as_posix(), None, "diff needs a single-policy report "
                          f"(kind 'check'), not {data.get('kind')!r}", rule="usage")])
        from mgf_check.reporters.json_codec import from_dict

        return from_dict(data)
    from mgf_check.app import check_file

    return check_file(path, frameworks, options, path.as_posix())


@app.command(help="Compare two versions of one city's policy (YAML files or saved JSON "
             "reports): criteria whose status changed, gaps closed and opened, score change "
             "by group. Two folders (or saved comparison reports) compare a whole portfolio: "
             "cities paired by name and country, each city's and the portfolio's changes.")
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later version.", show_default=False)],
    framework: FrameworkOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    ignore_waivers: Annotated[bool, typer.Option("--ignore-waivers", help="Score waived "
                                                 "criteria as if there were no waiver.")]
    = False,
    fail_on: Annotated[Optional[str], typer.Option(
        "--fail-on", help="Exit 1 when a criterion opened a gap (opened) or got worse in any "
        "way, e.g. partial -> unmet (regressed).", show_default=False)] = None,
    fail_priority: Annotated[Optional[str], typer.Option(
        "--fail-priority", help="With --fail-on: only count criteria of this priority or a "
        "more important one (core, recommended, good-practice).", show_default=False)] = None,
    color: ColorOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.gate import DIFF_FAIL_ON, diff_failures, diff_reason
    from mgf_check.model import Priority

    for option, value, choices in (("--fail-on", fail_on, DIFF_FAIL_ON),
                                   ("--fail-priority", fail_priority,
                                    tuple(p.value for p in Priority))):
        if value is not None and value not in choices:
            fail([Problem(option, None, f"{value!r} is not a valid choice",
                          "choose one of: " + ", ".join(choices), rule="usage")])
    from mgf_check.app import CheckOptions, load_frameworks
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.cli.portfolio import batch_diff, is_batch
    from mgf_check.diff import diff_reports

    if guarded(is_batch, traceback, old) or guarded(is_batch, traceback, new):
        guarded(batch_diff, traceback, old, new, framework, fmt, output)
        raise typer.Exit(int(ExitCode.OK))
    pairs = guarded(parse_outputs, traceback, fmt, output or [])
    options = CheckOptions(frameworks=tuple(framework or BUNDLED),
                           ignore_waivers=ignore_waivers)
    frameworks = guarded(load_frameworks, traceback, options.frameworks)
    try:
        before = guarded(_load_side, traceback, old, frameworks, options)
        after = guarded(_load_side, traceback, new, frameworks, options)
    except PolicyLoadError as exc:  # pragma: no cover - guarded() turns it into exit 2
        fail(exc.problems)
    result = diff_reports(before, after)
    priority = Priority(fail_priority) if fail_priority else None
    failed = diff_failures(result.changes, fail_on, priority)
    guarded(emit, traceback, lambda r: r.render_diff(result), pairs, False, use_color(color),
            frozenset((result.new.path, cid) for cid in failed))
    if failed and fail_on is not None:
        sys.stderr.write(f"mgf-check: {diff_reason(failed, fail_on, priority)}\n")
        raise typer.Exit(int(ExitCode.GAPS))
    raise typer.Exit(int(ExitCode.OK))


def _read_report(path: Path) -> dict[str, Any]:
    """A saved JSON report, read within limits (`safeio.read_json`) and validated against
    the report schema; errors are located and never repeat the document."""
    from mgf_check.loading.safeio import read_json
    from mgf_check.schema.validation import load_schema

    display = path.as_posix()
    try:
        data = read_json(path, display)
    except PolicyLoadError as exc:
        fail(exc.problems)
    import jsonschema

    from mgf_check.reporters.json_codec import version_problem

    old = version_problem(data)
    if old is not None:
        fail([Problem(path.as_posix(), None, old,
                      "re-create it with `mgf-check check --format json`", rule="usage")])
    validator = jsonschema.Draft202012Validator(load_schema("report"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)[:200] or "top level"
        fail([Problem(display, None, f"not a valid mgf-check report ({where}): fails "
                      f"{error.validator!r} {_short(error.validator_value)}",
                      "re-create it with `mgf-check check --format json`", rule="usage")])
    return data  # type: ignore[no-any-return]


def _short(value: Any) -> str:
    """A schema keyword's value, short (the schema's own text, never the document's)."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 80 else text[:77] + "..."


@app.command(help="Re-render a saved JSON report (from --format json) in another format, "
             "without checking again.")
def render(
    report: Annotated[Path, typer.Argument(help="A JSON report.", show_default=False)],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every criterion.")]
    = False,
    color: ColorOpt = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.reporters import json_codec

    pairs = guarded(parse_outputs, traceback, fmt, output or [])
    data = _read_report(report)
    kind = data["kind"]
    if kind == "check":
        loaded = json_codec.from_dict(data)
        guarded(emit, traceback, lambda r: r.render(loaded), pairs, verbose, use_color(color))
    elif kind == "comparison":
        loaded_cmp = json_codec.comparison_from_dict(data)
        guarded(emit, traceback, lambda r: r.render_comparison(loaded_cmp), pairs, verbose,
                use_color(color))
    else:
        from mgf_check.diff import diff_reports

        pair = diff_reports(json_codec.from_dict(data["old"]["report"]),
                         json_codec.from_dict(data["new"]["report"]))
        guarded(emit, traceback, lambda r: r.render_diff(pair), pairs, verbose,
                use_color(color))
    raise typer.Exit(int(ExitCode.OK))


@app.command(help="Render every bundled catalogue (or, with -f, custom ones) to Markdown "
             "(default: docs/frameworks/). "
             "With --check, only report whether the files there are up to date (exit 1 if not).")
def docs(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder to write to "
                                                "(default: docs/frameworks for the bundled "
                                                "catalogues; required with -f).")] = None,
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="Render these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Do not write; exit 1 when a file "
                                             "differs.")] = False,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.loader import available, load, load_bundled
    from mgf_check.tools.docsgen import render_all

    if framework and out is None:
        fail([Problem("--out", None, "say where to write the custom catalogue's pages",
                      "add -o DIR", rule="usage")])
    out = out or Path("docs/frameworks")
    pages = render_all([guarded(load, traceback, f) for f in framework] if framework
                       else [guarded(load_bundled, traceback, f) for f in available()])
    stale = [name for name, text in pages.items()
             if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    if check_only:
        for name in stale:
            sys.stdout.write(f"out of date: {(out / name).as_posix()}\n")
        raise typer.Exit(int(ExitCode.GAPS if stale else ExitCode.OK))
    out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (out / name).write_text(pages[name], encoding="utf-8", newline="\n")
        sys.stdout.write(f"wrote {(out / name).as_posix()}\n")
    raise typer.Exit(int(ExitCode.OK))


