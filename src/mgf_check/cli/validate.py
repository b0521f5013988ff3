"""`mgf-check validate`: only the policy schema, for many files, in text or CI formats."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command
from mgf_check.errors import MgfCheckError, Problem, UsageError
from mgf_check.exit_codes import exit_code_for
from mgf_check.reporters.neutral import display
from mgf_check.reporters.neutral import problem as shown_problem


@command(help="Only validate policy file(s) against the policy schema. "
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
    from mgf_check.cli.output import write_stdout
    from mgf_check.cli.root import language_hint
    from mgf_check.loading.policyfiles import expand
    from mgf_check.pipeline import load_policy
    from mgf_check.reporters import problems

    if fmt not in problems.FORMATS:
        raise UsageError(Problem("--format", None, f"{fmt!r} is not a valid choice",
                                 "choose one of: " + ", ".join(problems.FORMATS),
                                 rule="usage"))
    found: list[tuple[str, list[Problem]]] = []
    language_hint(paths, "validate")
    for path in expand(paths):
        try:
            load_policy(path, path.as_posix())
            found.append((path.as_posix(), []))
        except MgfCheckError as exc:
            found.append((path.as_posix(), exc.problems))
    invalid = sum(1 for _, listed in found if listed)
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
    raise typer.Exit(int(exit_code_for((), invalid=invalid)))
