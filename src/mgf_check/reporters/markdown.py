"""`--format markdown`: a gap report to paste into pull requests, wikis and issues (GFM)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from mgf_check.model import Change, PolicyReport, Status
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.markdown_text import code, md, md_cell, table
from mgf_check.reporters.rows import city_label, score_text
from mgf_check.reporters.wording import ABSENT, AGGREGATION, DIFF_SECTIONS, DISCLAIMER, SYMBOL

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison, PortfolioSummary
    from mgf_check.diff import PolicyDiff

def status_md(status: Status | None) -> str:
    """A status word with its symbol (never colour alone)."""
    return ABSENT if status is None else f"{SYMBOL[status]} {status.value}"


def comparison_lines(comparison: Comparison) -> Iterator[str]:
    """A matrix table per framework (unreadable files as rows), then the portfolio summary."""
    from mgf_check.reporters import _portfolio as pf

    order = "by score (--sort score)" if comparison.sort == "score" else "by name"
    yield f"# mgf-check comparison of {len(comparison.cities)} policies, {order}"
    yield ""
    yield f"_{md(DISCLAIMER)} Comparison, not ranking._ {md(AGGREGATION)}"
    if comparison.sort == "score":
        yield ""
        yield md(pf.sort_note(comparison))
    by_score = comparison.sort == "score"
    labels = pf.city_labels(comparison.cities)
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        yield ""
        yield f"## {md(title)}: score per group (0-100)"
        yield ""
        rows = []
        for city in comparison.cities:
            extra = [pf.sort_value(city)] if by_score else []
            link = comparison.links.get(city.path)
            name = md_cell(labels[city.path])
            if link:
                name = f"[{name}](<{link}>)"
            if not city.ok:
                rows.append([md_cell(city.path), "could not be read",
                             *["-"] * (len(cols) + 2), *extra])
                continue
            cells = {c.group: c for c in city.cells if c.framework == fid}
            scores = [score_text(cells[c.group].score) if c.group in cells else "n/a"
                      for c in cols]
            n = sum(cells[c.group].gaps for c in cols if c.group in cells)
            rows.append([name, code(city.path, cell=True),
                         *scores, score_text(city.scores.get(fid)), str(n), *extra])
        yield from table(("city", "file", *[md_cell(c.group) for c in cols], md_cell(title),
                          "gaps", *(["mean"] if by_score else [])), rows,
                         "ll" + "r" * (len(cols) + 2 + by_score))
        yield ""
        yield "Groups: " + "; ".join(f"{md(c.group)} = {md(c.title)}" for c in cols)
    if comparison.summary is not None:
        yield from _portfolio_lines(comparison.summary)
    failed = [c for c in comparison.cities if not c.ok]
    if failed:
        yield ""
        yield f"## Could not be checked ({len(failed)})"
        yield ""
        for city in failed:
            yield f"- {code(city.path)}: {md(' '.join((city.error or '').split()))}"


def _portfolio_lines(summary: PortfolioSummary) -> Iterator[str]:
    from mgf_check.reporters import _portfolio as pf

    def section(title: str, tab: tuple[tuple[str, ...], list[list[str]]], note: str
                ) -> Iterator[str]:
        header, rows = tab
        yield ""
        yield f"### {md(title)}"
        yield ""
        if note:
            yield md(note)
            yield ""
        yield from table([md_cell(h) for h in header],
                         [[md_cell(c) for c in r] for r in rows],
                         "l" + "".join("r" if pf.is_number(rows, i) else "l"
                                       for i in range(1, len(header))))

    yield ""
    yield (f"## Portfolio summary: {summary.checked} cities checked, "
           f"{len(summary.failed)} could not be read")
    yield from section("Scores across cities", pf.scores_table(summary), pf.SCORES_NOTE)
    if summary.by and summary.view:
        yield from section(f"By {summary.view_title}, across cities", pf.view_table(summary),
                           "")
    if summary.detailed:
        yield from section(f"Criteria most cities lack ({len(summary.lacking)})",
                           pf.lack_table(summary.lacking, summary.checked), pf.LACKING_NOTE)
        yield from section(f"Policy sections most cities do not state "
                           f"({len(summary.measures)})",
                           pf.lack_table(summary.measures, summary.checked, measures=True),
                           pf.MEASURES_NOTE)


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
    unchanged = sum(1 for c in diff.changes if c.kind == Change.UNCHANGED)
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
