"""Errors that stop a run, each able to say where in which file the problem is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mgf_check.model import Span


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file: what is wrong and how to fix it."""

    path: str
    span: Span | None
    message: str
    hint: str = ""
    rule: str = "input"

    def render(self) -> str:
        """`file:line:col: message (hint)` in one line, the form editors understand."""
        where = self.path
        if self.span is not None:
            where = f"{self.path}:{self.span.line}:{self.span.column}"
        text = f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


_RENDERED = re.compile(r"^(?P<path>.+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<msg>.*)$")


def parse_rendered(text: str) -> list[Problem]:
    """Problems back from their rendered lines (`Problem.render`, joined by newlines), e.g.
    a batch's failed row: positions kept (as one-character spans), hints re-attached.
    A line that names no position becomes a problem of the whole file."""
    out: list[Problem] = []
    for line in text.splitlines():
        if line.startswith("  hint: ") and out:
            out[-1] = Problem(out[-1].path, out[-1].span, out[-1].message, line[8:],
                              out[-1].rule)
            continue
        match = _RENDERED.match(line)
        if match:
            row, col = int(match["line"]), int(match["col"])
            out.append(Problem(match["path"], Span(row, col, row, col), match["msg"]))
        elif line.strip():
            path, sep, message = line.partition(": ")
            out.append(Problem(path if sep else "", None, message if sep else line))
    return out


class MgfCheckError(Exception):
    """Base class: a problem the user can fix; the CLI prints it and exits 2."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(p.render() for p in self.problems))


class PolicyLoadError(MgfCheckError):
    """A policy file could not be read, parsed or validated."""


class CatalogueError(MgfCheckError):
    """A framework catalogue (bundled or custom) is invalid."""


class ConfigError(MgfCheckError):
    """A configuration file or command-line option is invalid."""


class UsageError(MgfCheckError):
    """A command-line option, or a config setting standing in for one, is invalid."""
