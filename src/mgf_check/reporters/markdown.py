"""`--format markdown`: a gap report to paste into pull requests, wikis and issues (GFM)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from mgf_check.model import PolicyReport, Status
from mgf_check.reporters._common import city_label
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.markdown_text import code, md, md_cell, table
from mgf_check.reporters.rows import score_text
from mgf_check.reporters.wording import ABSENT, AGGREGATION, DIFF_SECTIONS, DISCLAIMER, SYMBOL

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

def status_md(status: Status | None) -> str:
    """A status word with its symbol (never colour alone)."""
    return ABSENT if status is None else f"{SYMBOL[status]} {status.value}"


def comparison_lines(comparison: Comparison) -> Iterator[str]:
    """A matrix table per framework, then the files that failed."""
    order = "by alignment (--sort score)" if comparison.sort == "score" else "by name"
    yield f"# mgf-check comparison of {len(comparison.cities)} policies, {order}"
    yield ""
    yield f"_{md(DISCLAIMER)} Comparison, not ranking._ {md(AGGREGATION)}"
    ok = [c for c in comparison.cities if c.ok]
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        yield ""
        yield f"## {md(title)}: alignment per group (0-100)"
        yield ""
        rows = []
        for city in ok:
            cells = {c.group: c for c in city.cells if c.framework == fid}
            scores = [score_text(cells[c.group].score) if c.group in cells else "n/a"
                      for c in cols]
            n = sum(cells[c.group].gaps for c in cols if c.group in cells)
            rows.append([md_cell(f"{city.name} ({city.country})"), code(city.path, cell=True),
                         *scores, score_text(city.scores.get(fid)), str(n)])
        yield from table(("city", "file", *[md_cell(c.group) for c in cols], md_cell(title),
                          "gaps"), rows, "ll" + "r" * (len(cols) + 2))
        yield ""
        yield "Groups: " + "; ".join(f"{md(c.group)} = {md(c.title)}" for c in cols)
    failed = [c for c in comparison.cities if not c.ok]
    if failed:
        yield ""
        yield f"## Could not be checked ({len(failed)})"
        yield ""
        for city in failed:
            yield f"- {code(city.path)}: {md(' '.join((city.error or '').split()))}"


def diff_lines(diff: PolicyDiff) -> Iterator[str]:
    """Score changes and status changes as tables."""
    yield f"# mgf-check diff: {code(diff.old.path)} → {code(diff.new.path)}"
    yield ""
    yield (f"{md(city_label(diff.new))}: as of {md(diff.old.as_of)} → {md(diff.new.as_of)}")
    yield ""
    yield "## Alignment by group"
    yield ""
    yield from table(("framework", "group", "title", "before", "after", "change"), (
        [md_cell(d.framework), md_cell(d.group or "(all)"), md_cell(d.title),
         score_text(d.before), score_text(d.after),
         "n/a" if d.change is None else f"{d.change:+.1f}"] for d in diff.deltas), "lllrrr")
    for kind, heading in DIFF_SECTIONS:
        rows = [c for c in diff.changes if c.kind == kind]
        yield ""
        yield f"## {heading} ({len(rows)})"
        if rows:
            yield ""
            yield from table(("criterion", "title", "priority", "before", "after"), (
                [md_cell(c.criterion.id), md_cell(c.criterion.title),
                 c.criterion.priority.value, status_md(c.before), status_md(c.after)]
                for c in rows))
    unchanged = sum(1 for c in diff.changes if c.kind == "unchanged")
    yield ""
    yield f"{unchanged} criteria unchanged."


def _join(lines: Iterable[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


class MarkdownReporter(Reporter):
    """GitHub-flavoured Markdown: summary, first steps, scores, blanks, appendix in <details>."""

    name = "markdown"
    suffix = ".md"
    description = "Markdown for pull requests, wikis and issues (GitHub-flavoured)"

    def render(self, report: PolicyReport) -> str:
        from mgf_check.reporters.markdown_report import report_lines
        from mgf_check.reporters.view import report_view

        return _join(report_lines(report_view(report)))

    def render_comparison(self, comparison: Comparison) -> str:
        return _join(comparison_lines(comparison))

    def render_diff(self, diff: PolicyDiff) -> str:
        return _join(diff_lines(diff))
