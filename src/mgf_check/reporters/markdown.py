"""`--format markdown`: a gap report to paste into pull requests, wikis and issues (GFM)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from mgf_check.model import GroupScore, PolicyReport, Status
from mgf_check.reporters._common import AGGREGATION, DISCLAIMER, SYMBOL, city_label
from mgf_check.reporters.base import (
    Reporter,
    gaps,
    location_text,
    refs_text,
    score_text,
    source_text,
)

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.model_compare import Comparison, PolicyDiff, PortfolioSummary

#: Characters that could start Markdown or HTML syntax inside running text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def md(text: object) -> str:
    """Text safe in running Markdown: syntax characters escaped, whitespace folded."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_cell(text: object) -> str:
    """Text safe in a table cell: escaped, `|` escaped, newlines as `<br>`."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(md(line) for line in lines if line.strip())


def code(text: object, cell: bool = False) -> str:
    """An inline code span that survives backticks (and, in a table `cell`, `|`)."""
    value = " ".join(str(text).split())
    if cell:
        value = value.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]],
          align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. `align` holds `l`/`r` per column."""
    marks = [("---:" if a == "r" else "---") for a in align.ljust(len(header), "l")]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def status_md(status: Status | None) -> str:
    """A status word with its symbol (never colour alone)."""
    return "absent" if status is None else f"{SYMBOL[status]} {status.value}"


def _group_rows(groups: Iterable[GroupScore]) -> Iterator[list[str]]:
    for g in groups:
        c = g.counts
        yield [md_cell(g.id), md_cell(g.title), score_text(g.score), str(c[Status.MET]),
               str(c[Status.PARTIAL]), str(c[Status.UNMET]), str(c[Status.NOT_STATED]),
               str(c[Status.WAIVED]),
               str(c[Status.OUT_OF_COMPETENCE] + c[Status.NOT_APPLICABLE])]


_GROUP_HEADER = ("group", "title", "score", "met", "partial", "unmet", "not stated", "waived",
                 "out of competence or not applicable")


def report_lines(report: PolicyReport) -> Iterator[str]:
    """The Markdown lines of one report."""
    city = report.city
    yield f"# mgf-check gap report: {md(city_label(report))}"
    yield ""
    if city.get("illustrative"):
        yield "> **Illustrative example**, not a real city."
        yield ""
    yield f"- **File:** {code(report.path)}"
    yield (f"- **Assessed:** {md(report.assessment.get('date', '?'))} · **as of:** "
           f"{md(report.as_of)}")
    for f in report.frameworks:
        edition = f" (edition {md(f.framework.edition)})" if f.framework.edition else ""
        yield f"- **Framework:** {md(f.framework.title)}{edition}"
    yield ""
    yield f"_{md(DISCLAIMER)}_"
    yield ""
    yield "## Alignment by group"
    for f in report.frameworks:
        yield ""
        yield f"### {md(f.framework.short_title)}: {score_text(f.score)}"
        yield ""
        yield from table(_GROUP_HEADER, _group_rows(f.groups), "llrrrrrrr")
    if report.view is not None:
        yield ""
        yield f"### By {md(report.view.title)}"
        yield ""
        yield from table(_GROUP_HEADER, _group_rows(report.view.groups), "llrrrrrrr")
    yield from _gap_lines(report)
    yield from _extra_lines(report)


def _gap_lines(report: PolicyReport) -> Iterator[str]:
    found = gaps(report)
    yield ""
    yield f"## Gaps ({len(found)}), most important first"
    yield ""
    if not found:
        yield "No gaps: every criterion is met, waived or out of competence."
    for i, r in enumerate(found, 1):
        c = r.criterion
        yield (f"{i}. **{md(c.id)} {md(c.title)}**: {status_md(r.status)} "
               f"({c.priority.value})")
        yield f"   - why: {md(r.reason)}"
        yield f"   - at: {code(location_text(report, r))}"
        yield f"   - do: {md(c.recommendation)}"
        yield f"   - source: {md(source_text(r))}"
        if refs_text(r):
            yield f"   - serves: {md(refs_text(r))}"


def _extra_lines(report: PolicyReport) -> Iterator[str]:
    if report.waivers:
        state = " (ignored: --ignore-waivers)" if report.waivers_ignored else ""
        yield ""
        yield f"## Waivers ({len(report.waivers)}){state}"
        yield ""
        yield from table(("criterion", "state", "expires", "reason", "approved by"), (
            [md_cell(w.criterion), "expired" if w.expired else "valid", md_cell(w.expires),
             md_cell(w.reason), md_cell(w.approved_by)] for w in report.waivers))
    if report.notices:
        yield ""
        yield "## Notices"
        yield ""
        for n in report.notices:
            where = report.path + (f":{n.span.line}:{n.span.column}" if n.span else "")
            yield f"- {code(where)}: {md(n.message)}"
    yield ""
    yield "<details>"
    yield f"<summary>Every criterion ({len(report.results)})</summary>"
    yield ""
    yield from table(("criterion", "title", "status", "priority", "at", "reason"), (
        [md_cell(r.criterion.id), md_cell(r.criterion.title), status_md(r.status),
         r.criterion.priority.value, code(location_text(report, r), cell=True),
         md_cell(r.reason)]
        for r in report.results))
    yield ""
    yield "</details>"


def comparison_lines(comparison: Comparison) -> Iterator[str]:
    """A matrix table per framework (unreadable files as rows), then the portfolio summary."""
    from mgf_check.reporters import _portfolio as pf

    order = "by alignment (--sort score)" if comparison.sort == "score" else "by name"
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
        yield f"## {md(title)}: alignment per group (0-100)"
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
    for kind, heading in (("closed", "Gaps closed"), ("opened", "Gaps opened"),
                          ("changed", "Other status changes")):
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
    """GitHub-flavoured Markdown: summary tables, the gaps, every criterion in <details>."""

    name = "markdown"
    suffix = ".md"
    description = "Markdown for pull requests, wikis and issues (GitHub-flavoured)"

    def render(self, report: PolicyReport) -> str:
        return _join(report_lines(report))

    def render_comparison(self, comparison: Comparison) -> str:
        return _join(comparison_lines(comparison))

    def render_diff(self, diff: PolicyDiff) -> str:
        return _join(diff_lines(diff))
