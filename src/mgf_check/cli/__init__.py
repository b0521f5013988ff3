"""The command line: options in, one use case called, text out, one exit code.

Exit codes: 0 ok · 1 gaps at or past `--fail-under`/`--fail-on` · 2 invalid input or usage ·
3 internal error (`--traceback` for details).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn, Optional

import typer

from mgf_check import __version__
from mgf_check.errors import MgfCheckError, Problem
from mgf_check.exit_codes import ExitCode
from mgf_check.reporters import REPORTERS

EXIT_HELP = ("Exit codes: 0 ok; 1 gaps at or past --fail-under/--fail-on; 2 invalid input or "
             "usage; 3 internal error.")

app = typer.Typer(
    name="mgf-check",
    help="Check a city's migration policy (YAML) against MiGOF, the Local MGI and the MICIC "
    f"guidelines, and report the gaps. {EXIT_HELP}",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)

FORMATS = tuple(REPORTERS)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mgf-check {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """mgf-check: migration-governance gap reports for cities."""


def fail(problems: list[Problem], code: ExitCode = ExitCode.INVALID) -> NoReturn:
    """Print located problems to stderr and exit."""
    for problem in problems:
        sys.stderr.write(f"error: {shown(problem)}\n")
    raise typer.Exit(int(code))


def shown(problem: Problem) -> str:
    """A problem as one safe line (two with its hint): file names and values from outside
    the program pass `neutral.display`, so they cannot drive the terminal or a CI log."""
    from mgf_check.reporters.neutral import problem as safe

    return safe(problem)


def guarded(func: Callable[..., Any], traceback: bool, *args: Any, **kwargs: Any) -> Any:
    """Run a use case: user errors exit 2, bugs exit 3 with a short message."""
    try:
        return func(*args, **kwargs)
    except MgfCheckError as exc:
        fail(exc.problems)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if traceback:
            import traceback as tb

            tb.print_exc()
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n"
                         "this is a bug in mgf-check; rerun with --traceback and report it\n")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def use_color(choice: Optional[bool]) -> bool:
    """Colour only on a terminal, never with NO_COLOR set, unless forced."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int:
    """The terminal's width, or 100 when output is not a terminal (stable files)."""
    if sys.stdout.isatty():
        import shutil

        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


# The commands live in submodules so that each stays small; importing them registers them.
from mgf_check.cli import check, info, portfolio, reports  # noqa: E402,F401


def main() -> None:
    """The console-script entry point: the command, then stdout flushed with its errors
    handled (a closed pipe is quiet, status 141; a full disk is exit 2 with the reason)."""
    try:
        app()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = 141
        _drop_stdout()
    except OSError as exc:
        sys.stderr.write(f"error: stdout: {exc.strerror or exc}\n")
        code = int(ExitCode.INVALID)
        _drop_stdout()
    sys.exit(code)


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
