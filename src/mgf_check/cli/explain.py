"""`mgf-check explain`: one criterion in full."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command
from mgf_check.reporters.neutral import apply, defuse_lines, display


@command(help="Show one criterion in full: question, what met and partial mean, "
             "recommendation, source and crosswalk.")
def explain(
    criterion_id: Annotated[str, typer.Argument(metavar="ID", help="A criterion id, e.g. "
                                                "MIGOF-P1.01.", show_default=False)],
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="Look in these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.ids import deprecation
    from mgf_check.cli.output import write_stdout
    from mgf_check.tools.explain import find_criterion, render_explanation

    criterion = find_criterion(criterion_id, framework) if framework else \
        find_criterion(criterion_id)
    if criterion.id.upper() != criterion_id.upper():
        sys.stderr.write(f"note: {display(deprecation(criterion_id, criterion.id))}\n")
    # catalogue text is text from outside the program: the terminal's rule, as in reports
    write_stdout(defuse_lines(render_explanation(apply(criterion, display))))
