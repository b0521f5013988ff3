"""`mgf-check frameworks`: the bundled catalogues and their criteria counts."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command


@command(help="List the bundled framework catalogues (or, with -f, custom ones) with their "
             "criteria counts.")
def frameworks(
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="List these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.loader import available, load

    for spec in framework or available():
        f = load(spec)
        sys.stdout.write(f"{f.id:<10} {len(f.criteria):>4} criteria in {len(f.groups)} groups  "
                         f"{f.title}" + (f" [{f.edition}]" if f.edition else "") + "\n")
        for g in f.groups:
            count = sum(1 for c in f.criteria if c.group == g.id)
            sys.stdout.write(f"{'':<10} {count:>4}  {g.id} {g.title}\n")
