"""`mgf-check init`: a commented policy template to start from (never overwrites)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from mgf_check.cli.root import command
from mgf_check.errors import Problem, UsageError
from mgf_check.i18n import _


@command(help="Write a commented policy template to PATH (default: city.yaml in the current "
         "folder), listing every field with its allowed values, and policy.schema.json beside "
         "it for editor completion. Never overwrites an existing file.")
def init(
    path: Annotated[Path, typer.Argument(help="The new policy file, e.g. valcourt.yaml.",
                                         show_default=False)] = Path("city.yaml"),
    date: Annotated[str, typer.Option(help="Assessment date to put in the template.")] = "",
) -> None:
    from mgf_check.schema.validation import schema_text
    from mgf_check.tools.template import render_template

    if path.exists():
        raise UsageError(Problem(path.as_posix(), None,
                                 _("file already exists; not overwriting it"),
                                 _("give the new file another name: `mgf-check init "
                                   "yourcity.yaml`"), rule="usage"))
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
        from mgf_check.loading.safeio import unwritable

        raise unwritable(path, exc) from None
    sys.stdout.write(f"wrote {path.as_posix()}; fill it in, then run: mgf-check check "
                     f"{path.as_posix()}\n")
