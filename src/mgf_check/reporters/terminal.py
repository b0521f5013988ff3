"""`--format terminal` for comparisons and diffs: rich tables drawn into a string.

One policy's terminal report is `terminal_report.py` (plain text, no rich: it is the path
officers run most). `TerminalReporter` lives there and calls into this module for the rest.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mgf_check.model import Change
from mgf_check.reporters.base import RenderOptions
from mgf_check.reporters.rows import band, group_label, score_text, status_value
from mgf_check.reporters.wording import DIFF_SECTIONS, DISCLAIMER

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

def print_parts(parts: Iterable[object], options: RenderOptions) -> str:
    """rich renderables printed into a string (trailing blanks stripped)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, force_terminal=options.color,
                      color_system="standard" if options.color else None,
                      no_color=not options.color, highlight=False, emoji=False,
                      markup=False, legacy_windows=False)  # `[...]` is always text
    for part in parts:
        console.print(part)
    # rich pads table lines to the full width; trailing blanks only make diffs noisy.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


#: Rows of "criteria most cities lack" shown in a terminal.
TOP = 20


def _cell(score: float | None) -> Text:
    if score is None:
        return Text("n/a", style="dim")
    style = {"high": "green", "mid": "yellow", "low": "red"}[band(score)[0]]
    return Text(f"{score:.0f}", style=style)


def comparison_parts(comparison: Comparison) -> Iterable[object]:
    """Cities by framework group (unreadable files as rows too), then the portfolio summary."""
    from mgf_check.reporters import _portfolio as pf

    order = "by score (--sort score)" if comparison.sort == "score" else "by name"
    yield Text(f"mgf-check comparison of {len(comparison.cities)} policies, {order}",
               style="bold underline")
    yield Text(DISCLAIMER + " Comparison, not ranking.", style="italic dim")
    if comparison.sort == "score":
        yield Text(pf.sort_note(comparison), style="dim")
    labels = pf.city_labels(comparison.cities)
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        table = Table(title=f"{title}: score per group (0-100)", title_justify="left",
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
    for kind, heading in DIFF_SECTIONS:
        rows = [c for c in diff.changes if c.kind == kind]
        yield Text(f"\n{heading} ({len(rows)})", style="bold underline")
        for c in rows:
            before, after = status_value(c.before), status_value(c.after)
            yield Text(f"  {c.criterion.id} {c.criterion.title}: {before} -> {after}")
    unchanged = sum(1 for c in diff.changes if c.kind == Change.UNCHANGED)
    yield Text(f"\n{unchanged} criteria unchanged.", style="dim")
