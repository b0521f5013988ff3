"""`mgf-check render`: a saved JSON report in another format, without checking again."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mgf_check.cli.params import ColorOpt, FormatOpt, OutputOpt, TracebackOpt
from mgf_check.cli.root import command, use_color
from mgf_check.comparison import Comparison
from mgf_check.exit_codes import ExitCode


@command(help="Re-render a saved JSON report (from --format json) in another format, "
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
    from mgf_check.app import load_saved_report
    from mgf_check.cli.options import format_option, parse_outputs
    from mgf_check.cli.output import emit
    from mgf_check.diff import PolicyDiff

    outputs = parse_outputs(format_option(fmt), output or [])
    saved = load_saved_report(report)
    if isinstance(saved, Comparison):
        emit(lambda r: r.render_comparison(saved), outputs, verbose, use_color(color))
    elif isinstance(saved, PolicyDiff):
        emit(lambda r: r.render_diff(saved), outputs, verbose, use_color(color))
    else:
        emit(lambda r: r.render(saved), outputs, verbose, use_color(color))
    raise typer.Exit(int(ExitCode.OK))
