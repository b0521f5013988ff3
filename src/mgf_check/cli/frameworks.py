"""`mgf-check frameworks`: the bundled catalogues and their criteria counts."""

from __future__ import annotations

import sys

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command


@command(help="List the bundled framework catalogues with their criteria counts.")
def frameworks(
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.loader import available, load_bundled

    for fid in available():
        f = load_bundled(fid)
        sys.stdout.write(f"{f.id:<10} {len(f.criteria):>4} criteria in {len(f.groups)} groups  "
                         f"{f.title}" + (f" [{f.edition}]" if f.edition else "") + "\n")
        for g in f.groups:
            count = sum(1 for c in f.criteria if c.group == g.id)
            sys.stdout.write(f"{'':<10} {count:>4}  {g.id} {g.title}\n")
