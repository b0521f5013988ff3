"""`mgf-check diff`: two versions of one city's policy, what changed and what got worse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from mgf_check.cli.params import ColorOpt, FormatOpt, FrameworkOpt, OutputOpt, TracebackOpt
from mgf_check.cli.root import command, use_color


@command(help="Compare two versions of one city's policy (YAML files or saved JSON "
             "reports): criteria whose status changed, gaps closed and opened, score change "
             "by group. Two folders (or saved comparison reports) compare a whole portfolio: "
             "cities paired by name and country, each city's and the portfolio's changes; "
             "--fail-on judges every city.")
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
    from mgf_check.app import is_batch, run_diff
    from mgf_check.cli.options import diff_request, format_option, parse_outputs
    from mgf_check.cli.output import emit
    from mgf_check.exit_codes import exit_code_for
    from mgf_check.gate import diff_reason

    request = diff_request(old, new, framework, ignore_waivers, fail_on, fail_priority)
    if is_batch(old) or is_batch(new):  # two portfolios: cities paired by identity
        from mgf_check.cli.portfolio import batch_diff

        raise typer.Exit(batch_diff(request, fmt, output))
    outputs = parse_outputs(format_option(fmt), output or [])
    run = run_diff(request)
    emit(lambda r: r.render_diff(run.diff), outputs, False, use_color(color),
         frozenset((run.diff.new.path, cid) for cid in run.verdict.criteria))
    if run.verdict.failing and request.fail_on is not None:
        from mgf_check.cli.gating import say

        say(diff_reason(run.verdict.criteria, request.fail_on, request.priority))
    raise typer.Exit(int(exit_code_for([run.verdict])))
