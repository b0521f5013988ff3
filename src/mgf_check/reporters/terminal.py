"""`--format terminal`: the human gap report, drawn with rich into a string."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mgf_check.model import GAP_STATUSES, GroupScore, PolicyReport, Status
from mgf_check.reporters._common import DISCLAIMER
from mgf_check.reporters.base import (
    Reporter,
    gaps,
    location_text,
    refs_text,
    score_text,
    source_text,
)

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.model_compare import Comparison, PolicyDiff

STYLE = {
    Status.MET: "green",
    Status.PARTIAL: "yellow",
    Status.UNMET: "bold red",
    Status.NOT_STATED: "magenta",
    Status.WAIVED: "blue",
    Status.OUT_OF_COMPETENCE: "cyan",
    Status.NOT_APPLICABLE: "dim",
}
BAR = 20
#: Rows of "criteria most cities lack" shown in a terminal.
TOP = 20


def bar(score: float | None) -> Text:
    """A 20-cell bar; `n/a` when nothing was scored."""
    if score is None:
        return Text("·" * BAR, style="dim")
    filled = round(score / 100 * BAR)
    return Text("█" * filled, style="green") + Text("░" * (BAR - filled), style="dim")


def group_label(gid: str, title: str) -> str:
    """`P1 Partnerships`, or just the title when it already names the group."""
    return title if gid.lower() in title.lower() else f"{gid} {title}"


def status_text(status: Status) -> Text:
    """A status word (never colour alone)."""
    return Text(status.value, style=STYLE[status])


class TerminalReporter(Reporter):
    """Header, alignment bars per group, counts, the gaps by priority, waivers, notices."""

    name = "terminal"
    suffix = ".txt"
    description = "human-readable gap report (colour follows the terminal; NO_COLOR honoured)"

    def render(self, report: PolicyReport) -> str:
        return self._print(self._parts(report))

    def render_comparison(self, comparison: Comparison) -> str:
        return self._print(comparison_parts(comparison))

    def render_diff(self, diff: PolicyDiff) -> str:
        return self._print(diff_parts(diff))

    def _print(self, parts: Iterable[object]) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, width=self.options.width, force_terminal=self.options.color,
                          color_system="standard" if self.options.color else None,
                          no_color=not self.options.color, highlight=False, emoji=False,
                          legacy_windows=False)
        for part in parts:
            console.print(part)
        # rich pads table lines to the full width; trailing blanks only make diffs noisy.
        return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))

    def _parts(self, report: PolicyReport) -> Iterable[object]:
        yield from self._header(report)
        for framework in report.frameworks:
            yield self._groups_table(
                f"{framework.framework.short_title} — alignment "
                f"{score_text(framework.score)}", framework.groups)
        if report.view is not None:
            yield self._groups_table(f"By {report.view.title}", report.view.groups)
        yield self._counts(report)
        yield from self._gaps(report)
        if self.options.verbose:
            yield self._all(report)
        yield from self._waivers(report)
        yield from self._notices(report)
        yield self._footer(report)

    def _header(self, report: PolicyReport) -> Iterable[object]:
        city = report.city
        title = Text(f"{city.get('name', '?')} ({city.get('country', '?')})", style="bold")
        if city.get("illustrative"):
            title.append("  [illustrative example, not a real city]", style="italic")
        yield Text("mgf-check gap report", style="bold underline")
        yield title
        yield Text(f"file: {report.path} · assessed {report.assessment.get('date', '?')} · "
                   f"as of {report.as_of}")
        for f in report.frameworks:
            yield Text(f"framework: {f.framework.title}"
                       + (f" (edition {f.framework.edition})" if f.framework.edition else ""),
                       style="dim")
        yield Text(DISCLAIMER, style="italic dim")

    def _groups_table(self, title: str, groups: Iterable[GroupScore]) -> Table:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=False,
                      title_style="bold")
        table.add_column("group", overflow="fold", ratio=3)
        table.add_column("alignment", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("met", justify="right")
        table.add_column("partial", justify="right")
        table.add_column("gaps", justify="right")
        for g in groups:
            gap_count = g.counts[Status.UNMET] + g.counts[Status.NOT_STATED]
            table.add_row(group_label(g.id, g.title),
                          bar(g.score), score_text(g.score), str(g.counts[Status.MET]),
                          str(g.counts[Status.PARTIAL]), str(gap_count))
        return table

    def _counts(self, report: PolicyReport) -> Text:
        totals = dict.fromkeys(Status, 0)
        for result in report.results:
            totals[result.status] += 1
        text = Text(f"{len(report.results)} criteria: ")
        for i, status in enumerate(Status):
            if i:
                text.append(" · ")
            text.append(f"{totals[status]} ")
            text.append(status.value, style=STYLE[status])
        return text

    def _gaps(self, report: PolicyReport) -> Iterable[object]:
        found = gaps(report)
        yield Text(f"\nGaps ({len(found)}), most important first", style="bold underline")
        if not found:
            yield Text("No gaps: every criterion is met, waived, out of competence or not "
                       "applicable.")
        for result in found:
            c = result.criterion
            line = Text(f"[{c.priority.value}] ", style="bold")
            line.append(f"{c.id} ", style="bold")
            line.append(c.title)
            line.append(" — ")
            line.append_text(status_text(result.status))
            yield line
            # a grid keeps wrapped lines indented under their label
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True, min_width=8)
            grid.add_column(overflow="fold")
            grid.add_row("why:", result.reason)
            grid.add_row("at:", Text(location_text(report, result), style="cyan"))
            grid.add_row("do:", c.recommendation)
            grid.add_row("source:", Text(source_text(result), style="dim"))
            crosswalk = refs_text(result)
            if crosswalk:
                grid.add_row("serves:", Text(crosswalk, style="dim"))
            yield grid

    def _all(self, report: PolicyReport) -> Table:
        table = Table(title="Every criterion", title_justify="left", box=box.SIMPLE_HEAD,
                      title_style="bold")
        table.add_column("id", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("title", overflow="fold")
        table.add_column("at", overflow="fold")
        for result in report.results:
            table.add_row(result.criterion.id, status_text(result.status),
                          result.criterion.title, location_text(report, result))
        return table

    def _waivers(self, report: PolicyReport) -> Iterable[object]:
        if not report.waivers:
            return
        state = " (ignored: --ignore-waivers)" if report.waivers_ignored else ""
        yield Text(f"\nWaivers ({len(report.waivers)}){state}", style="bold underline")
        for w in report.waivers:
            when = f"expired {w.expires}" if w.expired else f"valid until {w.expires}"
            yield Text(f"  {w.criterion}: {when}; {w.reason} (approved by {w.approved_by})")

    def _notices(self, report: PolicyReport) -> Iterable[object]:
        for notice in report.notices:
            where = report.path
            if notice.span is not None:
                where += f":{notice.span.line}:{notice.span.column}"
            yield Text(f"notice: {where}: {notice.message}", style="yellow")

    def _footer(self, report: PolicyReport) -> Text:
        found = [r for r in report.results if r.status in GAP_STATUSES]
        core = sum(1 for r in found if r.criterion.priority.value == "core")
        hint = "" if self.options.verbose else " --verbose lists every criterion;"
        return Text(f"\n{len(found)} gaps ({core} core).{hint} `mgf-check explain ID` shows "
                    "one criterion in full.", style="bold")


def _cell(score: float | None) -> Text:
    if score is None:
        return Text("n/a", style="dim")
    style = "green" if score >= 75 else "yellow" if score >= 40 else "red"
    return Text(f"{score:.0f}", style=style)


def comparison_parts(comparison: Comparison) -> Iterable[object]:
    """Cities by framework group (unreadable files as rows too), then the portfolio summary."""
    from mgf_check.reporters import _portfolio as pf

    order = "by alignment (--sort score)" if comparison.sort == "score" else "by name"
    yield Text(f"mgf-check comparison of {len(comparison.cities)} policies, {order}",
               style="bold underline")
    yield Text(DISCLAIMER + " Comparison, not ranking.", style="italic dim")
    if comparison.sort == "score":
        yield Text(pf.sort_note(comparison), style="dim")
    labels = pf.city_labels(comparison.cities)
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        table = Table(title=f"{title}: alignment per group (0-100)", title_justify="left",
                      box=box.SIMPLE_HEAD, title_style="bold")
        table.add_column("city", overflow="fold")
        for col in cols:
            table.add_column(col.group, justify="right", no_wrap=True)
        table.add_column(title, justify="right", no_wrap=True)
        table.add_column("gaps", justify="right")
        if comparison.sort == "score":
            table.add_column("mean", justify="right")
        for city in comparison.cities:
            extra = [pf.sort_value(city)] if comparison.sort == "score" else []
            if not city.ok:
                table.add_row(Text(f"{city.path} (could not be read)", style="red"),
                              *["-"] * (len(cols) + 2), *extra)
                continue
            cells = {c.group: c for c in city.cells if c.framework == fid}
            gaps = sum(cells[c.group].gaps for c in cols if c.group in cells)
            table.add_row(labels[city.path],
                          *[_cell(cells[c.group].score if c.group in cells else None)
                            for c in cols], _cell(city.scores.get(fid)), str(gaps), *extra)
        yield table
    legend = "; ".join(f"{c.group} = {c.title}" for c in comparison.columns)
    yield Text(f"groups: {legend}", style="dim")
    if comparison.summary is not None:
        yield from _portfolio_parts(comparison)
    failed = [c for c in comparison.cities if not c.ok]
    if failed:
        yield Text(f"\n{len(failed)} file(s) could not be checked:", style="bold red")
        for city in failed:
            yield Text(f"{city.error}", style="red")


def _plain_table(title: str, header: tuple[str, ...], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    for i, name in enumerate(header):
        numeric = i > 0 and all(_numeric(r[i]) for r in rows)
        short = max((len(r[i]) for r in rows), default=0) <= 40
        table.add_column(name, justify="right" if numeric else "left", overflow="fold",
                         no_wrap=numeric or (i == 0 and short))
    for row in rows:
        table.add_row(*row)
    return table


def _numeric(text: str) -> bool:
    return text == "n/a" or text.replace(".", "", 1).replace("%", "").replace(" of ", "")\
        .isdigit()


def _portfolio_parts(comparison: Comparison) -> Iterable[object]:
    from mgf_check.reporters import _portfolio as pf

    summary = comparison.summary
    assert summary is not None
    yield Text(f"\nPortfolio summary: {summary.checked} cities checked, "
               f"{len(summary.failed)} could not be read", style="bold underline")
    yield _plain_table("Scores across cities", *pf.scores_table(summary))
    yield Text(pf.SCORES_NOTE, style="dim")
    if summary.by and summary.view:
        yield _plain_table(f"By {summary.view_title}, across cities", *pf.view_table(summary))
    if not summary.detailed:
        return
    header, rows = pf.lack_table(summary.lacking, summary.checked)
    yield _plain_table(f"Criteria most cities lack ({len(rows)})", header, rows[:TOP])
    more = f" The first {TOP} are shown; the HTML, JSON and workbook list all." \
        if len(rows) > TOP else ""
    yield Text(pf.LACKING_NOTE + more, style="dim")
    header, rows = pf.lack_table(summary.measures, summary.checked, measures=True)
    yield _plain_table(f"Policy sections most cities do not state ({len(rows)})", header, rows)
    yield Text(pf.MEASURES_NOTE, style="dim")


def diff_parts(diff: PolicyDiff) -> Iterable[object]:
    """Score changes by group, then the criteria whose status changed."""
    yield Text(f"mgf-check diff: {diff.old.path} -> {diff.new.path}", style="bold underline")
    yield Text(f"{diff.new.city.get('name', '?')}: as of {diff.old.as_of} -> {diff.new.as_of}")
    table = Table(title="Alignment by group", title_justify="left", box=box.SIMPLE_HEAD,
                  title_style="bold")
    for name, justify in (("group", "left"), ("before", "right"), ("after", "right"),
                          ("change", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for d in diff.deltas:
        label = d.title if not d.group else f"  {group_label(d.group, d.title)}"
        change = "n/a" if d.change is None else f"{d.change:+.1f}"
        table.add_row(label, score_text(d.before), score_text(d.after), change)
    yield table
    for kind, heading in (("closed", "Gaps closed"), ("opened", "Gaps opened"),
                          ("changed", "Other status changes")):
        rows = [c for c in diff.changes if c.kind == kind]
        yield Text(f"\n{heading} ({len(rows)})", style="bold underline")
        for c in rows:
            before = c.before.value if c.before else "absent"
            after = c.after.value if c.after else "absent"
            yield Text(f"  {c.criterion.id} {c.criterion.title}: {before} -> {after}")
    unchanged = sum(1 for c in diff.changes if c.kind == "unchanged")
    yield Text(f"\n{unchanged} criteria unchanged.", style="dim")
