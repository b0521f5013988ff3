"""`mgf-check fix`, `interview` and `form`: the commands for people who do not write YAML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from mgf_check.cli import app, fail
from mgf_check.errors import MgfCheckError, Problem
from mgf_check.exit_codes import ExitCode

PolicyArg = Annotated[Path, typer.Argument(help="The policy YAML file.", show_default=False)]


def _ask_date(pointer: str, written: str, readings: list[str]) -> str | None:
    """Ask on the terminal which reading of an ambiguous date is meant."""
    sys.stderr.write(f"{pointer}: {written!r} can be read as\n")
    for number, reading in enumerate(readings, 1):
        sys.stderr.write(f"  {number}) {reading}\n")
    sys.stderr.write("  Enter) leave it as written\nwhich one? ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip()
    if answer.isdigit() and 1 <= int(answer) <= len(readings):
        return readings[int(answer) - 1]
    return None


@app.command(help="Repair the usual slips in a policy file and show them as a diff: yes/no "
             "(oui/non, sí/no) and quoted \"true\" to true/false, comma-separated text to "
             "lists, day/month/year dates to YYYY-MM-DD (asking, or refusing, when the reading "
             "is ambiguous), the case of allowed values, thousands separators, country and "
             "language names to their codes. Writes only with --write, keeps comments, and "
             "never changes a meaning it is unsure of. Exit codes: 0 nothing left to repair "
             "and the file is valid; 1 repairs shown, not written; 2 the file stays invalid.")
def fix(
    path: PolicyArg,
    write: Annotated[bool, typer.Option("--write", help="Write the repairs into the file.")]
    = False,
    dates: Annotated[Optional[str], typer.Option(
        "--dates", metavar="dmy|mdy", help="How the file writes ambiguous dates such as "
        "03/05/2024: dmy (day first) or mdy (month first).")] = None,
) -> None:
    from mgf_check.entry.fixcmd import run_fix

    if dates not in (None, "dmy", "mdy"):
        fail([Problem("--dates", None, f"{dates!r} is not dmy or mdy",
                      "dmy: 03/05/2024 is 3 May; mdy: it is 5 March", rule="usage")])
    ask = _ask_date if sys.stdin.isatty() and sys.stderr.isatty() else None
    try:
        outcome = run_fix(path, write=write, date_order=dates, ask=ask)
    except MgfCheckError as exc:
        fail(exc.problems)
    sys.stdout.write(outcome.stdout)
    sys.stderr.write(outcome.stderr)
    raise typer.Exit(int(outcome.code))


__all__ = ["ExitCode", "fix"]
