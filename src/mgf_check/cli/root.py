"""The typer application, its root options, and the one error boundary of every command.

Every command is registered with `command(help=...)`, which runs it inside the boundary. A
command raises `MgfCheckError` for anything the user can fix (printed as located `error:`
lines, exit 2) and never catches a bug: the boundary turns any other exception into a short
message and exit 3 (`--traceback`, on the root or on the command, prints it in full).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Callable
from typing import Annotated, Optional, ParamSpec

import typer

from mgf_check import __version__
from mgf_check.cli.helptext import LocalizedCommand, LocalizedGroup
from mgf_check.errors import MgfCheckError, Problem
from mgf_check.exit_codes import ExitCode
from mgf_check.i18n import LANGUAGES, _, set_language
from mgf_check.reporters.neutral import problem as safe

EXIT_HELP = ("Exit codes: 0 ok; 1 gaps at or past --fail-under/--fail-on; 2 invalid input or "
             "usage; 3 internal error.")


app = typer.Typer(
    name="mgf-check",
    help="Check a city's migration policy (YAML) against MiGOF, the Local MGI and the MICIC "
    f"guidelines, and report the gaps. {EXIT_HELP}",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    cls=LocalizedGroup,
)


P = ParamSpec("P")
#: Whether `--traceback` was given in this invocation (reset by the root callback).
_traceback = {"on": False}
#: The `--lang` of this invocation (None: not given).
_lang: dict[str, Optional[str]] = {"given": None}


def command(help: str, *, on: typer.Typer | None = None, name: str | None = None
            ) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Register a command on `app` (or the sub-app `on`, as `name`), run inside the error
    boundary."""
    def register(func: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(func)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                func(*args, **kwargs)
            except MgfCheckError as exc:
                label = _("error")
                for problem in exc.problems:
                    sys.stderr.write(f"{label}: {shown(problem)}\n")
                raise typer.Exit(int(ExitCode.INVALID)) from None
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except Exception as exc:
                if _traceback["on"]:
                    import traceback

                    traceback.print_exc()
                sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n"
                                 "this is a bug in mgf-check; rerun with --traceback and "
                                 "report it\n")
                raise typer.Exit(int(ExitCode.INTERNAL)) from None

        (on or app).command(name, help=help, cls=LocalizedCommand)(guarded)
        return guarded
    return register


def shown(problem: Problem) -> str:
    """A problem as one safe line (two with its hint): file names and values from outside
    the program pass `neutral.display`, so they cannot drive the terminal or a CI log."""
    return safe(problem)


def remember_traceback(value: bool) -> bool:
    """`--traceback` (root or command): the boundary prints a bug's full traceback."""
    if value:
        _traceback["on"] = True
    return value


def _language(value: Optional[str]) -> Optional[str]:
    """`--lang` is read first (it is eager), so `mgf-check --lang fr --help` is in French."""
    if value in LANGUAGES:
        set_language(value)
    return value


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mgf-check {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    traceback: Annotated[bool, typer.Option("--traceback", callback=remember_traceback,
                                            help="Show the full traceback of an internal "
                                            "error.")] = False,
    lang: Annotated[Optional[str], typer.Option(
        "--lang", metavar="en|fr|es", is_eager=True, callback=_language,
        help="Language of messages, questions, forms and reports (default: from LANGUAGE, "
        "LC_ALL, LC_MESSAGES or LANG; else English). Keys and allowed values in the YAML stay "
        "in English.")] = None,
) -> None:
    """mgf-check: migration-governance gap reports for cities."""
    from mgf_check.translation.chrome import localize_wording

    _traceback["on"] = traceback
    _lang["given"] = lang
    if lang is not None and lang not in LANGUAGES:
        sys.stderr.write(f"error: --lang: {lang!r} is not a language mgf-check speaks\n"
                         f"  hint: choose one of: {', '.join(LANGUAGES)}\n")
        raise typer.Exit(int(ExitCode.INVALID))
    set_language(lang)
    localize_wording()


_COUNTRY = re.compile(r"^\s+country:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(#.*)?$", re.MULTILINE)


def language_hint(paths: list[str], command_name: str) -> None:
    """One stderr line when a policy's country speaks French or Spanish and the run is in
    English by default (no `--lang`, no language in the environment): `--lang fr` exists."""
    from mgf_check.i18n import from_environment, language, language_of_country

    if _lang["given"] is not None or language() != "en" or from_environment() != "en" or \
            len(paths) != 1 or not os.path.isfile(paths[0]):
        return
    try:
        with open(paths[0], encoding="utf-8", errors="replace") as handle:
            found = _COUNTRY.search(handle.read(65536))
    except OSError:
        return
    if found is None:
        return
    country = found.group(1).strip()
    code = country if re.fullmatch(r"[A-Za-z]{2}", country) else None
    if code is None:
        from mgf_check.entry.fix import country_code

        code = country_code(country)
    spoken = language_of_country(code or "")
    if spoken is None:
        return
    from mgf_check.reporters.neutral import display

    sys.stderr.write(f"hint: mgf-check also speaks {'French' if spoken == 'fr' else 'Spanish'}: "
                     f"mgf-check --lang {spoken} {command_name} {display(paths[0])}\n")


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
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100
