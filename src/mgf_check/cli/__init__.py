"""The command line: options in, one use case called, text out, one exit code.

`root` holds the typer app and the one error boundary; `params` the options several commands
share; `options` turns options and the config file into typed requests (`mgf_check.request`);
each command is one module that calls one use case of `mgf_check.app`, shows its result
(`output`, `gating`) and exits with `exit_codes.exit_code_for`.

Exit codes: 0 ok · 1 gaps at or past `--fail-under`/`--fail-on` · 2 invalid input or usage ·
3 internal error (`--traceback` for details).
"""

from __future__ import annotations

import contextlib
import os
import sys

# Importing a command module registers its command; `--help` lists them in this order.
# isort: off
from mgf_check.cli import check, validate, schema, init, frameworks, explain  # noqa: F401
from mgf_check.cli import diff, render, docs, entry, portfolio  # noqa: F401
# isort: on
from mgf_check.cli.root import app

__all__ = ["app", "help_texts", "main"]


def help_texts() -> list[str]:
    """Every `--help` text of the command line (message ids for the catalogue)."""
    import typer.main

    from mgf_check.cli.helptext import help_messages

    return help_messages(typer.main.get_command(app))


def main() -> None:
    """The console-script entry point: the command, then stdout flushed with its errors
    handled (a closed pipe is quiet, status 141; a full disk is exit 2 with the reason)."""
    from mgf_check.exit_codes import ExitCode

    code: int | str | None
    try:
        app()
        code = 0
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
