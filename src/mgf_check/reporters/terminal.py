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


def _cell(score: float | None) -> Text:
    if score is None:
        return Text("n/a", style="dim")
    style = {"high": "green", "mid": "yellow", "low": "red"}[band(score)[0]]
    return Text(f"{score:.0f}", style=style)


def comparison_parts(comparison: Comparison) -> Iterable[object]:
    """Cities by framework group: scores, gap counts, and files that failed to load."""
    order = "by alignment (--sort score)" if comparison.sort == "score" else "by name"
    yield Text(f"mgf-check comparison of {len(comparison.cities)} policies, {order}",
               style="bold underline")
    yield Text(DISCLAIMER + " Comparison, not ranking.", style="italic dim")
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        table = Table(title=f"{title}: alignment per group (0-100)", title_justify="left",
                      box=box.SIMPLE_HEAD, title_style="bold")
        table.add_column("city", overflow="fold")
        for col in cols:
            table.add_column(col.group, justify="right", no_wrap=True)
        table.add_column(title, justify="right", no_wrap=True)
        table.add_column("gaps", justify="right")
        for city in comparison.cities:
            if not city.ok:
                continue
            cells = {c.group: c for c in city.cells if c.framework == fid}
            gaps = sum(cells[c.group].gaps for c in cols if c.group in cells)
            table.add_row(f"{city.name} ({city.path})",
                          *[_cell(cells[c.group].score if c.group in cells else None)
                            for c in cols], _cell(city.scores.get(fid)), str(gaps))
        yield table
    legend = "; ".join(f"{c.group} = {c.title}" for c in comparison.columns)
    yield Text(f"groups: {legend}", style="dim")
    failed = [c for c in comparison.cities if not c.ok]
    if failed:
        yield Text(f"\n{len(failed)} file(s) could not be checked:", style="bold red")
        for city in failed:
            yield Text(f"{city.error}", style="red")


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
    unchanged = sum(1 for c in diff.changes if c.kind == "unchanged")
    yield Text(f"\n{unchanged} criteria unchanged.", style="dim")
