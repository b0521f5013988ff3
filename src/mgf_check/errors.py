"""Errors that stop a run, each able to say where in which file the problem is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from mgf_check.model import Span

#: What kind of problem a `Problem` is: its `rule`, shown in `validate --format json`.
#: A closed set: tests/test_problem_rules.py checks every `rule=` in the code against it, so a
#: new kind is added here, with what it means.
PROBLEM_RULES: Mapping[str, str] = {
    "input": "a file or folder that cannot be read as asked (the default)",
    "empty": "an empty file",
    "encoding": "a file that is not UTF-8 text",
    "syntax": "YAML or JSON that does not parse",
    "duplicate-key": "a key given twice in one mapping",
    "keys": "a key that is not plain text",
    "merge": "a YAML merge key (`<<`)",
    "tags": "a YAML tag the loader does not allow",
    "limits": "a file past a limit of the loader (size, depth, nodes, numbers)",
    "schema": "a value the JSON schema of the file refuses",
    "template": "a policy still holding the template's placeholder values",
    "comment": "a value written after `#`, which YAML reads as a comment and drops",
    "duplicate-id": "two criteria with one id across the frameworks of a run",
    "catalogue": "an invalid framework catalogue",
    "extends": "a catalogue's `extends` that cannot be followed",
    "install": "a bundled file missing from the installation",
    "config": "an invalid setting in `.mgf-check.yaml`",
    "baseline": "a baseline that cannot be read or built",
    "usage": "an option, argument or setting that is not valid",
    "output": "a report that cannot be written where asked",
    "fix": "a value `fix` will not repair, or repairs it refuses to write",
    "form": "a workbook `form import` cannot read",
    "interview": "a policy file the questionnaire cannot continue",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an input file: what is wrong and how to fix it."""

    path: str
    span: Span | None
    message: str
    hint: str = ""
    rule: str = "input"  # one of PROBLEM_RULES
    #: The text of the offending source line (without its line break), when known.
    source_line: str = ""

    def render(self, *, excerpt: bool = True) -> str:
        """`file:line:col: message`, then the source line with a caret under the column, then
        the hint: the first line is the form editors understand."""
        where = self.path
        if self.span is not None:
            where = f"{self.path}:{self.span.line}:{self.span.column}"
        text = f"{where}: {self.message}"
        if excerpt and self.source_line and self.span is not None:
            text += "\n" + self.excerpt()
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    def excerpt(self) -> str:
        """Two lines: `  12 | the source line` and a caret under the problem's column(s)."""
        assert self.span is not None
        number = str(self.span.line)
        line = self.source_line.replace("\t", " ")  # a tab would shift the caret
        width = 1
        if self.span.end_line == self.span.line:
            width = max(1, min(self.span.end_column, len(line) + 1) - self.span.column)
        pad = " " * (self.span.column - 1)
        return f"  {number} | {line}\n  {' ' * len(number)} | {pad}{'^' * width}"


def with_source(problems: Iterable[Problem], text: str) -> list[Problem]:
    """`problems` with the source line of each located one filled in from `text`."""
    lines = text.splitlines()
    out = []
    for problem in problems:
        span = problem.span
        if span is not None and not problem.source_line and 0 < span.line <= len(lines):
            problem = replace(problem, source_line=lines[span.line - 1].rstrip())
        out.append(problem)
    return out


_EXCERPT = re.compile(r"^  [0-9 ]+ \| ")
_RENDERED = re.compile(r"^(?P<path>.+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<msg>.*)$")


def parse_rendered(text: str) -> list[Problem]:
    """Problems back from their rendered lines (`Problem.render`, joined by newlines), e.g.
    a batch's failed row: positions kept (as one-character spans), hints re-attached.
    A line that names no position becomes a problem of the whole file."""
    out: list[Problem] = []
    for line in text.splitlines():
        if _EXCERPT.match(line):
            continue  # the source line and caret under a rendered problem
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


class OutputError(MgfCheckError):
    """A report or stdout could not be written (permissions, a full disk, an I/O error)."""
