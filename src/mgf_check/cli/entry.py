"""`mgf-check fix`, `interview` and `form`: the commands for people who do not write YAML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from mgf_check.cli.helptext import LocalizedGroup
from mgf_check.cli.root import app, command, remember_traceback, shown
from mgf_check.errors import MgfCheckError, Problem
from mgf_check.exit_codes import ExitCode
from mgf_check.i18n import _


def fail(problems: list[Problem]) -> NoReturn:
    """Print located problems to stderr and exit 2."""
    label = _("error")
    for problem in problems:
        sys.stderr.write(f"{label}: {shown(problem)}\n")
    raise typer.Exit(int(ExitCode.INVALID))


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


@command(help="Repair the usual slips in a policy file and show them as a diff: yes/no "
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


def _say(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@command(help="A guided questionnaire in the terminal that writes the policy file for you: "
             "it asks the plain question behind each measure (from the criteria that read it), "
             "offers the allowed values as numbered choices, takes Enter as \"don't know\" (left "
             "not stated), skips what does not apply, and asks for a document as evidence. Every "
             "answer is saved at once (comments and order kept; the file is always valid); run "
             "it again to continue where you stopped, or use --section to revisit one section. "
             "Exit codes: 0 done or input ended; 2 invalid file or usage; 130 stopped with "
             "Ctrl-C (answers kept).")
def interview(
    path: Annotated[Path, typer.Argument(help="The policy file to write or continue "
                                         "(default: city.yaml).", show_default=False)]
    = Path("city.yaml"),
    section: Annotated[Optional[str], typer.Option(
        "--section", help="Ask only this section's questions again, e.g. crisis.")] = None,
    traceback: Annotated[bool, typer.Option("--traceback", callback=remember_traceback,
                                            help="Full traceback on a bug.")]
    = False,
) -> None:
    from mgf_check.catalogue.loader import available
    from mgf_check.entry.interview import Terminal, run_interview
    from mgf_check.pipeline import load_frameworks

    frameworks = load_frameworks(available())
    session = run_interview(path, Terminal(_say, input), frameworks, section)
    if session.stopped and not session.ready():
        _say("\n" + _("Stopped before the city's name, country and assessment date were all "
                      "known, so nothing was written; run the same command to start again.")
             + "\n")
    elif session.stopped == "interrupt":
        _say("\n" + _("Stopped. {n} answer(s) saved in {path}; run the same command to "
                      "continue.").format(n=session.saved, path=path.as_posix()) + "\n")
    if session.stopped == "interrupt":
        raise typer.Exit(130)
    if session.stopped == "end" and session.ready():
        _say("\n" + _("Input ended. {n} answer(s) saved in {path}.").format(
            n=session.saved, path=path.as_posix()) + "\n")


form_app = typer.Typer(help="The policy as a spreadsheet for departments that collect answers "
                       "by email: `form export` writes the workbook, `form import` reads it back.",
                       cls=LocalizedGroup,
                       no_args_is_help=True, context_settings={"help_option_names": ["-h",
                                                                                    "--help"]})
app.add_typer(form_app, name="form")


@command(on=form_app, name="export",
         help="Write a workbook with one row per measure and question, drop-down lists of the "
         "allowed values, the current answers of --from filled in, and an instructions sheet. "
         "Never overwrites a file.")
def form_export(
    target: Annotated[Path, typer.Argument(help="The .xlsx file to write.", show_default=False)],
    source: Annotated[Optional[Path], typer.Option(
        "--from", help="A policy file whose answers are filled in.")] = None,
    section: Annotated[Optional[list[str]], typer.Option(
        "--section", help="Only this section (repeatable), e.g. for one department.")] = None,
    traceback: Annotated[bool, typer.Option("--traceback", callback=remember_traceback,
                                            help="Full traceback on a bug.")]
    = False,
) -> None:
    from mgf_check.catalogue.loader import available
    from mgf_check.entry.fields import sections
    from mgf_check.entry.form import export_workbook
    from mgf_check.pipeline import load_frameworks, load_policy

    unknown = [s for s in section or () if s not in sections()]
    if unknown:
        fail([Problem("--section", None, _("unknown section {name!r}").format(name=unknown[0]),
                      _("choose one of: {names}").format(names=", ".join(sections())),
                      rule="usage")])
    if target.exists():
        fail([Problem(target.as_posix(), None, _("file already exists; not overwriting it"),
                      _("choose another name or remove the file first"), rule="usage")])
    data = load_policy(source).data if source else None
    frameworks = load_frameworks(available())
    export_workbook(target, frameworks, data, tuple(section or ()))  # OutputError if unwritable
    _say(_("wrote {path}; send it out, then: mgf-check form import {path} -o city.yaml")
         .format(path=target.as_posix()) + "\n")


@command(on=form_app, name="import",
         help="Read filled-in workbooks (several are merged; different answers to one question "
         "are reported) into a policy file, created or updated with its comments kept. Every "
         "problem is reported as file!sheet!cell; nothing is written unless all is right. Exit "
         "codes: 0 written; 2 problems.")
def form_import(
    workbooks: Annotated[list[Path], typer.Argument(help="The .xlsx files.",
                                                    show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The policy file to write.")],
    traceback: Annotated[bool, typer.Option("--traceback", callback=remember_traceback,
                                            help="Full traceback on a bug.")]
    = False,
) -> None:
    from mgf_check.catalogue.loader import available
    from mgf_check.entry.formcmd import import_forms
    from mgf_check.pipeline import load_frameworks

    frameworks = load_frameworks(available())
    count = import_forms(workbooks, output, frameworks)
    _say(_("wrote {n} answer(s) to {path}; check it with: mgf-check check {path}").format(
        n=count, path=output.as_posix()) + "\n")


__all__ = ["ExitCode", "fix", "form_export", "form_import", "interview"]
