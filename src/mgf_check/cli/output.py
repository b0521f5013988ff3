"""Where reports go: stdout and `-o` files, each in its format; and the progress bar."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from mgf_check.cli.root import terminal_width
from mgf_check.errors import ConfigError, Problem
from mgf_check.reporters import RenderOptions, Reporter, get_reporter
from mgf_check.request import Output


def emit(render: Callable[[Reporter], str | Iterable[str]], outputs: Sequence[Output],
         verbose: bool, color: bool, failing: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Render once per output and write each to stdout or its file (piece by piece when the
    reporter streams); `failing` names what fails the gate (the CI formats' errors)."""
    for output in outputs:
        file = output.file
        options = RenderOptions(color=color and file is None,
                                width=terminal_width() if file is None else 100,
                                verbose=verbose, failing=failing)
        text = render(get_reporter(output.format, options))
        pieces = [text] if isinstance(text, str) else text
        if file is None:
            for piece in pieces:
                sys.stdout.write(piece)
        else:
            write(file, pieces)


def write(path: Path, pieces: Iterable[str]) -> None:
    """Write a report file (never a policy file: outputs only)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise ConfigError(Problem(path.as_posix(), None, f"cannot write report: "
                                  f"{exc.strerror}", rule="output")) from None


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
