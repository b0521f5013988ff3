"""`--format github`: GitHub Actions workflow commands, one annotation per gap."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from mgf_check.model import CriterionResult, PolicyReport, Span
from mgf_check.reporters._common import detailed_reports, is_gap, level
from mgf_check.reporters.base import Reporter, gaps

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff


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


def _annotation(report: PolicyReport, result: CriterionResult, kind: str | None = None) -> str:
    c = result.criterion
    message = (f"{result.status.value} ({c.priority.value}): {result.reason}\n"
               f"Do: {c.recommendation}")
    return command(kind or level(result), message, file=report.path, span=result.span,
                   title=f"{c.id} {c.title}")


def _lines(commands: Iterable[str]) -> str:
    text = "\n".join(commands)
    return text + "\n" if text else ""


def report_commands(report: PolicyReport) -> Iterator[str]:
    """The annotations of one report's gaps, most important first."""
    for result in gaps(report):
        yield _annotation(report, result)


class GithubReporter(Reporter):
    """Workflow commands that GitHub Actions shows as annotations on the policy file."""

    name = "github"
    suffix = ""
    description = "GitHub Actions annotations (::error/::warning workflow commands)"
    needs_details = True

    def render(self, report: PolicyReport) -> str:
        return _lines(report_commands(report))

    def render_comparison(self, comparison: Comparison) -> str:
        out: list[str] = []
        for report in detailed_reports(comparison):
            out.extend(report_commands(report))
        for city in comparison.cities:
            if not city.ok:
                out.append(command("error", f"could not be checked: {city.error}",
                                   file=city.path, title="mgf-check load error"))
        return _lines(out)

    def render_diff(self, diff: PolicyDiff) -> str:
        new = {r.criterion.id: r for r in diff.new.results}
        out: list[str] = []
        for change in diff.changes:
            result = new.get(change.criterion.id)
            if change.kind == "opened" and result is not None and is_gap(result):
                out.append(_annotation(diff.new, result))
            elif change.kind == "closed":
                before = change.before.value if change.before else "absent"
                after = change.after.value if change.after else "absent"
                c = change.criterion
                out.append(command("notice", f"gap closed: {before} -> {after}",
                                   file=diff.new.path,
                                   span=result.span if result is not None else None,
                                   title=f"{c.id} {c.title}"))
        return _lines(out)
