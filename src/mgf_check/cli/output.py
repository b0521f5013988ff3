"""Where reports go: stdout and `-o` files, each in its format; and the progress bar."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import typer

from mgf_check.cli.root import terminal_width
from mgf_check.errors import OutputError, Problem
from mgf_check.reporters import RenderOptions, Reporter, get_reporter
from mgf_check.request import Output

#: The status when stdout's reader went away (128 + SIGPIPE, as a shell reports it).
EXIT_PIPE = 141


def emit(render: Callable[[Reporter], str | Iterable[str]], outputs: Sequence[Output],
         verbose: bool, color: bool, failing: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Render once per output and write each to stdout or its file (piece by piece when the
    reporter streams); `failing` names what fails the gate (the CI formats' errors). Outputs
    are checked first: none may land on an input of the run (policy, catalogue, config, saved
    report), on a .yaml file, or on another output."""
    check_outputs([o.file for o in outputs if o.file is not None])
    for output in outputs:
        file = output.file
        options = RenderOptions(color=color and file is None,
                                width=terminal_width() if file is None else 100,
                                verbose=verbose, failing=failing)
        text = render(get_reporter(output.format, options))
        pieces = [text] if isinstance(text, str) else text
        if file is None:
            for piece in pieces:
                write_stdout(piece)
            write_stdout("", flush=True)
        else:
            write(file, pieces)


def check_outputs(files: list[Path]) -> None:
    """Refuse outputs on inputs, on .yaml files or on each other (exit 2, nothing written)."""
    from mgf_check.loading.safeio import check_outputs as check

    check(files)


def write_stdout(text: str, *, flush: bool = False) -> None:
    """Write to stdout; a reader that went away ends the run quietly (status 141, like a
    process killed by SIGPIPE), a full disk or I/O error is exit 2 with the reason."""
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()
    except OSError as exc:
        stdout_failed(exc)


def stdout_closed() -> NoReturn:
    """The reader of stdout is gone: stop quietly, without a flush error at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(EXIT_PIPE)


def stdout_failed(exc: OSError) -> NoReturn:
    """Stdout cannot be written (full disk, I/O error): exit 2 with the reason."""
    with contextlib.suppress(OSError, ValueError):  # drop what cannot be written
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise OutputError(Problem("stdout", None, exc.strerror or str(exc), rule="output"))


def write(path: Path, pieces: Iterable[str]) -> None:
    """Write a report file atomically (outputs are checked first, in `emit`)."""
    from mgf_check.loading.safeio import write_output

    write_output(path, pieces, check=False)


@contextlib.contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and there is enough to wait for;
    a silent no-op otherwise."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("checking policies", total=total)
        yield lambda n: progress.advance(task, n)
