"""`--format github`: GitHub Actions workflow commands (annotations on the policy lines).

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest without a word, so this reporter chooses: most important first, at most `CAP` of each
level, and one closing notice that counts what was left out. Levels follow the gate: `error`
only for what fails the run (criteria past the thresholds or worse than the baseline, as the
CLI passes them in `RenderOptions.failing`, and invalid files); every other gap is a
`warning`. A passing run therefore never shows an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgf_check.errors import Problem, parse_rendered
from mgf_check.model import Change, CriterionResult, PolicyReport, Span, gap_order
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.rows import detailed_reports, gaps, is_gap, status_value

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

#: Annotations of one level GitHub shows per step (docs: actions/toolkit problem-matchers.md).
CAP = 10
LEVELS = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command (after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (`file=`, `title=`, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, *, file: str | None = None, span: Span | None = None,
            title: str | None = None) -> str:
    """One workflow command line: `::kind file=..,line=..::message`."""
    props: list[tuple[str, str]] = []
    if file is not None:
        props.append(("file", file))
    if span is not None:
        props += [("line", str(span.line)), ("col", str(span.column)),
                  ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
    if title is not None:
        props.append(("title", title))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{kind}{' ' + head if head else ''}::{escape_data(message)}"


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotation before capping: its level, its sort key and its command text."""

    level: str
    key: tuple[object, ...]
    text: str


def capped(annotations: Iterable[Annotation], what: str = "findings") -> list[str]:
    """At most CAP annotations per level, most important first, then one notice counting
    the rest (GitHub would drop them silently)."""
    by_level: dict[str, list[Annotation]] = {level: [] for level in LEVELS}
    for annotation in annotations:
        by_level[annotation.level].append(annotation)
    out: list[str] = []
    left = 0
    for level in LEVELS:
        ranked = sorted(by_level[level], key=lambda a: a.key)
        room = CAP - 1 if level == "notice" else CAP
        out += [a.text for a in ranked[:room]]
        left += max(0, len(ranked) - room)
    if left:
        out.append(command("notice", f"{left} more {what} are not annotated here (GitHub "
                           f"shows {CAP} errors, {CAP} warnings and {CAP} notices per step); "
                           "the full report lists them all.", title="mgf-check: more "
                           "findings"))
    return out


def _criterion(report: PolicyReport, result: CriterionResult, level: str) -> Annotation:
    c = result.criterion
    message = (f"{result.status.value} ({c.priority.value}): {result.reason}\n"
               f"Do: {c.recommendation}")
    return Annotation(level, (*gap_order(result), report.path),
                      command(level, message, file=report.path, span=result.span,
                              title=f"{c.id} {c.title}"))


def problem_annotations(problems: Sequence[Problem], path: str = "") -> Iterator[Annotation]:
    """Errors of an invalid file, each at its line and column when known."""
    for i, p in enumerate(problems):
        text = f"{p.message}\nHow to fix: {p.hint}" if p.hint else p.message
        yield Annotation("error", (-1, p.path or path, i),
                         command("error", text, file=p.path or path or None, span=p.span,
                                 title="mgf-check: invalid policy file"))


def problems_text(files: Iterable[tuple[str, Sequence[Problem]]]) -> str:
    """The annotations of invalid files (capped), for `validate` and a failed `check`."""
    return _lines(capped((a for path, found in files
                          for a in problem_annotations(found, path)), "problems"))


def _lines(commands: Iterable[str]) -> str:
    text = "\n".join(commands)
    return text + "\n" if text else ""


class GithubReporter(Reporter):
    """Workflow commands that GitHub Actions shows as annotations on the policy file."""

    name = "github"
    suffix = ""
    description = "GitHub Actions annotations (::error/::warning workflow commands), capped " \
        "to what GitHub shows, with a notice counting the rest"
    needs_details = True

    def _level(self, report: PolicyReport, result: CriterionResult) -> str:
        return "error" if (report.path, result.criterion.id) in self.options.failing \
            else "warning"

    def _report(self, report: PolicyReport) -> Iterator[Annotation]:
        for result in gaps(report):
            yield _criterion(report, result, self._level(report, result))

    def render(self, report: PolicyReport) -> str:
        return _lines(capped(self._report(report), "gaps"))

    def render_comparison(self, comparison: Comparison) -> str:
        found: list[Annotation] = []
        for report in detailed_reports(comparison):
            found.extend(self._report(report))
        for city in comparison.cities:
            if not city.ok:
                found.extend(problem_annotations(parse_rendered(city.error or ""), city.path))
        return _lines(capped(found, "findings"))

    def render_diff(self, diff: PolicyDiff) -> str:
        new = {r.criterion.id: r for r in diff.new.results}
        found: list[Annotation] = []
        for change in diff.changes:
            result = new.get(change.criterion.id)
            if change.kind == Change.OPENED and result is not None and is_gap(result):
                found.append(_criterion(diff.new, result, self._level(diff.new, result)))
            elif change.kind == Change.CLOSED:
                before, after = status_value(change.before), status_value(change.after)
                c = change.criterion
                found.append(Annotation("notice", (c.id,), command(
                    "notice", f"gap closed: {before} -> {after}", file=diff.new.path,
                    span=result.span if result is not None else None,
                    title=f"{c.id} {c.title}")))
        return _lines(capped(found, "changes"))
