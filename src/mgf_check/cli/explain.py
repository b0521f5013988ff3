"""`mgf-check explain`: one criterion in full."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command


@command(help="Show one criterion in full: question, what met and partial mean, "
             "recommendation, source and crosswalk.")
def explain(
    criterion_id: Annotated[str, typer.Argument(metavar="ID", help="A criterion id, e.g. "
                                                "MIGOF-P1.01.", show_default=False)],
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.ids import deprecation
    from mgf_check.tools.explain import find_criterion, render_explanation

    criterion = find_criterion(criterion_id)
    if criterion.id.upper() != criterion_id.upper():
        sys.stderr.write(f"note: {deprecation(criterion_id, criterion.id)}\n")
    sys.stdout.write(render_explanation(criterion))
