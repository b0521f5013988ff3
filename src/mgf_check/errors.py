"""Errors that stop a run, each able to say where in which file the problem is."""

from __future__ import annotations

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
