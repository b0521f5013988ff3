"""`mgf-check docs`: every bundled catalogue as Markdown, or whether those files are stale."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from mgf_check.cli.params import TracebackOpt
from mgf_check.cli.root import command
from mgf_check.errors import Problem, UsageError
from mgf_check.exit_codes import ExitCode


@command(help="Render every bundled catalogue (or, with -f, custom ones) to Markdown "
             "(default: docs/frameworks/). "
             "With --check, only report whether the files there are up to date (exit 1 if not).")
def docs(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder to write to "
                                                "(default: docs/frameworks for the bundled "
                                                "catalogues; required with -f).")] = None,
    framework: Annotated[Optional[list[str]], typer.Option(
        "--framework", "-f", help="Render these catalogues (bundled ids or custom files) "
        "instead of the bundled ones.")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Do not write; exit 1 when a file "
                                             "differs.")] = False,
    traceback: TracebackOpt = False,
) -> None:
    from mgf_check.catalogue.loader import available, load, load_bundled
    from mgf_check.tools.docsgen import render_all

    if framework and out is None:
        raise UsageError(Problem("--out", None, "say where to write the custom catalogue's "
                                 "pages", "add -o DIR", rule="usage"))
    out = out or Path("docs/frameworks")
    pages = render_all([load(f) for f in framework] if framework
                       else [load_bundled(f) for f in available()])
    stale = [name for name, text in pages.items()
             if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
    if check_only:
        for name in stale:
            sys.stdout.write(f"out of date: {(out / name).as_posix()}\n")
        raise typer.Exit(int(ExitCode.GAPS if stale else ExitCode.OK))
    from mgf_check.loading.safeio import write_output

    for name in stale:  # whole pages only: an interrupted run leaves the old page
        write_output(out / name, [pages[name]], check=False, what="page")
        sys.stdout.write(f"wrote {(out / name).as_posix()}\n")
    raise typer.Exit(int(ExitCode.OK))
