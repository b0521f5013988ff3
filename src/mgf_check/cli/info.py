"""`mgf-check schema`, `init`, `frameworks` and `explain`: the commands that inform."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from mgf_check.cli import app, fail, guarded
from mgf_check.errors import Problem


@app.command(help="Print a JSON Schema: the policy schema (for editors), or with --report the "
             "report schema, with --catalogue the framework catalogue schema, with --config "
             "the schema of .mgf-check.yaml, with --validation the schema of `validate "
             "--format json`.")
def schema(
    report: Annotated[bool, typer.Option("--report", help="The JSON report's schema.")] = False,
    catalogue: Annotated[bool, typer.Option("--catalogue", help="The catalogue schema.")] = False,
    config: Annotated[bool, typer.Option("--config", help="The config file's schema.")] = False,
    validation: Annotated[bool, typer.Option("--validation", help="The schema of `validate "
                                             "--format json`.")] = False,
) -> None:
    from mgf_check.schema.validation import schema_text

    name = "report" if report else "framework" if catalogue else "config" if config \
        else "validation" if validation else "policy"
    sys.stdout.write(schema_text(name))


@app.command(help="Write a commented policy template to PATH (and policy.schema.json beside "
             "it for editor completion). Never overwrites an existing file.")
def init(
    path: Annotated[Path, typer.Argument(help="The new policy file.", show_default=False)],
    date: Annotated[str, typer.Option(help="Assessment date to put in the template.")] = "",
) -> None:
    import datetime as dt

    from mgf_check.schema.validation import schema_text
    from mgf_check.tools.template import render_template

    if path.exists():
        fail([Problem(path.as_posix(), None, "file already exists; not overwriting it",
                      "choose another name or remove the file first", rule="usage")])
    text = render_template(path.name, date or dt.date.today().isoformat())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        schema_file = path.parent / "policy.schema.json"
        # "x": created only if nothing is there, never through a (dangling) symlink
        with contextlib.suppress(FileExistsError), \
                schema_file.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(schema_text("policy"))
    except OSError as exc:
        fail([Problem(path.as_posix(), None, f"cannot write: {exc.strerror}", rule="usage")])
    sys.stdout.write(f"wrote {path.as_posix()}; fill it in, then run: mgf-check check "
                     f"{path.as_posix()}\n")


@app.command(help="List the bundled framework catalogues (or, with -f, custom ones) with "
             "their criteria counts.")
def frameworks(
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="List these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    traceback: Annotated[bool, typer.Option("--traceback", help="Full traceback on a bug.")]
    = False,
) -> None:
    from mgf_check.catalogue.loader import available, load

    for spec in framework or available():
        f = guarded(load, traceback, spec)
        sys.stdout.write(f"{f.id:<10} {len(f.criteria):>4} criteria in {len(f.groups)} groups  "
                         f"{f.title}" + (f" [{f.edition}]" if f.edition else "") + "\n")
        for g in f.groups:
            count = sum(1 for c in f.criteria if c.group == g.id)
            sys.stdout.write(f"{'':<10} {count:>4}  {g.id} {g.title}\n")


@app.command(help="Show one criterion in full: question, what met and partial mean, "
             "recommendation, source and crosswalk.")
def explain(
    criterion_id: Annotated[str, typer.Argument(metavar="ID", help="A criterion id, e.g. "
                                                "MIGOF-P1.01.", show_default=False)],
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="Look in these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    traceback: Annotated[bool, typer.Option("--traceback", help="Full traceback on a bug.")]
    = False,
) -> None:
    from mgf_check.catalogue.ids import deprecation
    from mgf_check.cli.output import write_stdout
    from mgf_check.reporters.neutral import apply, defuse_lines, display
    from mgf_check.tools.explain import find_criterion, render_explanation

    criterion = guarded(find_criterion, traceback, criterion_id, framework)
    if criterion.id.upper() != criterion_id.upper():
        sys.stderr.write(f"note: {display(deprecation(criterion_id, criterion.id))}\n")
    # catalogue text is text from outside the program: the terminal's rule, as in reports
    write_stdout(defuse_lines(render_explanation(apply(criterion, display))))
