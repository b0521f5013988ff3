"""Options shared by several commands (their help texts derive from the registries)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from mgf_check.cli.root import remember_traceback
from mgf_check.model import Priority

PRIORITIES = ", ".join(p.value for p in Priority)

FrameworkOpt = Annotated[
    Optional[list[str]],
    typer.Option("--framework", "-f", help="Framework id ({frameworks}) or "
                 "path to a custom catalogue; repeat for several. Default: all bundled "
                 "frameworks."),
]
FormatOpt = Annotated[Optional[str], typer.Option(
    "--format", "-F", help="Output format: {formats}. Default: terminal.",
    show_default=False)]
OutputOpt = Annotated[Optional[list[str]], typer.Option(
    "--output", "-o", help="Write a report to FILE (format from the suffix, or FORMAT=FILE); "
    "repeat for several. The terminal summary is still printed.")]
ColorOpt = Annotated[Optional[bool], typer.Option(
    "--color/--no-color", help="Force colour on or off (default: on for a terminal, off with "
    "NO_COLOR).", show_default=False)]
TracebackOpt = Annotated[bool, typer.Option(
    "--traceback", callback=remember_traceback,
    help="Show the full traceback of an internal error.")]
