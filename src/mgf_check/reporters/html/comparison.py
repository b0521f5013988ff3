"""The comparison (heat map) and diff pages of the HTML reporter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mgf_check.model import Change
from mgf_check.reporters import _portfolio as pf
from mgf_check.reporters.html.page import Cell, badge, e, score_cell, table
from mgf_check.reporters.rows import score_text
from mgf_check.reporters.wording import AGGREGATION, DIFF_SECTIONS, DISCLAIMER, DOCUMENTED

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison, PortfolioSummary
    from mgf_check.diff import PolicyDiff, StatusChange

LEGEND = ('<p class="legend" aria-label="Score bands">Bands: '
          '<span class="heat band-high">75-100 high</span> '
          '<span class="heat band-mid">40-74 middle</span> '
          '<span class="heat band-low">0-39 low</span> '
          '<span class="heat band-na">n/a nothing scored</span></p>')


def comparison_body(comparison: Comparison) -> Iterator[str]:
    """Header, one heat map per framework (cities x groups), the files that failed."""
    order = ("by score (--sort score, an explicit opt-in)" if comparison.sort == "score"
             else "by name")
    as_of = f" as of {e(comparison.as_of)}" if comparison.as_of else ""
    yield (f'<header class="report-header"><p class="kicker">mgf-check comparison</p>'
           f"<h1>{len(comparison.cities)} policies side by side</h1>"
           f'<p>Sorted {e(order)}{as_of}.</p>'
           f'<p class="disclaimer" role="note">{e(DISCLAIMER)} Comparison, not ranking. '
           f"{e(AGGREGATION)}</p></header>")
    if comparison.sort == "score":
        yield f'<p class="sort-note">{e(pf.sort_note(comparison))}</p>'
    yield "<main>"
    if comparison.summary is not None:
        yield _nav(comparison)
    by_score = comparison.sort == "score"
    labels = pf.city_labels(comparison.cities)
    for fid, title in comparison.frameworks:
        cols = [c for c in comparison.columns if c.framework == fid]
        rows: list[list[Cell]] = []
        for city in comparison.cities:
            extra: list[Cell] = [("num", e(pf.sort_value(city)))] if by_score else []
            if not city.ok:
                rows.append([("city failed", f"<code>{e(city.path)}</code><br>could not be "
                              'read: see <a href="#failures">below</a>'),
                             *[("num", "-")] * (len(cols) + 3), *extra])
                continue
            cells = {c.group: c for c in city.cells if c.framework == fid}
            link = comparison.links.get(city.path)
            label = e(labels[city.path])
            name = (f'<a href="{e(link)}">{label}</a>' if link else label) + \
                f'<br><code>{e(city.path)}</code>'
            gaps = sum(cells[c.group].gaps for c in cols if c.group in cells)
            stated, assessed = city.documented.get(fid, (0, 0))
            shown = f"{stated} of {assessed}" if fid in city.documented else "n/a"
            rows.append([("city", name),
                         *[score_cell(cells[c.group].score if c.group in cells else None)
                           for c in cols],
                         score_cell(city.scores.get(fid)), ("num", e(shown)),
                         ("num", str(gaps)), *extra])
        legend = "".join(f"<div><dt>{e(c.group)}</dt><dd>{e(c.title)}</dd></div>"
                         for c in cols)
        yield (f'<section class="heatmap" id="heat-{e(fid)}"><h2>{e(title)}: score per '
               "group (0-100)</h2>"
               + table(("City", *[c.group for c in cols], "Overall", "Documented", "Gaps",
                        *(["Mean (sort)"] if by_score else [])), rows, "heat-table")
               + LEGEND + f'<p class="note">{e(DOCUMENTED)}</p>'
               + f'<dl class="group-legend">{legend}</dl></section>')
    if comparison.summary is not None:
        yield from _summary(comparison.summary)
    failed = [c for c in comparison.cities if not c.ok]
    if failed:
        items = "".join(f'<li><code>{e(c.path)}</code><pre class="error">{e(c.error)}</pre>'
                        "</li>" for c in failed)
        yield (f'<section id="failures"><h2>Could not be checked ({len(failed)})</h2>'
               f'<ul class="failures">{items}</ul></section>')
    yield "</main>"


def _nav(comparison: Comparison) -> str:
    links = [(f"#heat-{fid}", f"{title} heat map") for fid, title in comparison.frameworks]
    links.append(("#portfolio", "Portfolio summary"))
    if any(not c.ok for c in comparison.cities):
        links.append(("#failures", "Could not be checked"))
    items = "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for href, text in links)
    return f'<nav class="toc" aria-label="Contents"><ul>{items}</ul></nav>'


def _summary(summary: PortfolioSummary) -> Iterator[str]:
    def section(anchor: str, title: str, tab: pf.Table, note: str) -> str:
        header, rows = tab
        cells = [[(("num", e(c)) if i and pf.is_number(rows, i) else e(c))
                  for i, c in enumerate(r)] for r in rows]
        return (f'<section id="{anchor}"><h3>{e(title)}</h3>'
                + (f"<p>{e(note)}</p>" if note else "")
                + table(header, cells, "summary cards") + "</section>")

    yield (f'<section id="portfolio"><h2>Portfolio summary: {summary.checked} cities '
           f"checked, {len(summary.failed)} could not be read</h2>")
    yield section("spread", "Scores across cities", pf.scores_table(summary), pf.SCORES_NOTE)
    if summary.by and summary.view:
        yield section("view", f"By {summary.view_title}, across cities",
                      pf.view_table(summary), "")
    if summary.detailed:
        yield section("lacking", f"Criteria most cities lack ({len(summary.lacking)})",
                      pf.lack_table(summary.lacking, summary.checked), pf.LACKING_NOTE)
        yield section("measures", "Policy sections most cities do not state "
                      f"({len(summary.measures)})",
                      pf.lack_table(summary.measures, summary.checked, measures=True),
                      pf.MEASURES_NOTE)
    yield "</section>"


def _change_rows(rows: list[StatusChange]) -> list[list[Cell]]:
    return [[f'<span class="cid">{e(c.criterion.id)}</span> {e(c.criterion.title)}',
             e(c.criterion.priority.value), badge(c.before), badge(c.after)] for c in rows]


def diff_body(diff: PolicyDiff) -> Iterator[str]:
    """Score changes by group, then the criteria whose status changed."""
    city = diff.new.city
    yield (f'<header class="report-header"><p class="kicker">mgf-check diff</p>'
           f'<h1>{e(city.get("name", "?"))} <span class="country">'
           f'({e(city.get("country", "?"))})</span></h1>'
           f'<dl class="meta"><div><dt>Before</dt><dd><code>{e(diff.old.path)}</code> as of '
           f"{e(diff.old.as_of)}</dd></div><div><dt>After</dt><dd><code>{e(diff.new.path)}"
           f"</code> as of {e(diff.new.as_of)}</dd></div></dl>"
           f'<p class="disclaimer" role="note">{e(DISCLAIMER)}</p></header><main>')
    rows: list[list[Cell]] = []
    for d in diff.deltas:
        if d.change is None:
            change = ("num", "n/a")
        else:
            arrow = "▲" if d.change > 0 else "▼" if d.change < 0 else "="
            kind = "up" if d.change > 0 else "down" if d.change < 0 else "same"
            change = (f"num change-{kind}",
                      f'<span aria-hidden="true">{arrow}</span> '
                      + (f"{d.change:+.1f}" if d.change else "0.0"))
        label = (f"<strong>{e(d.title)}</strong>" if not d.group
                 else f'<span class="cid">{e(d.group)}</span> {e(d.title)}')
        rows.append([label, ("num", score_text(d.before)), ("num", score_text(d.after)),
                     change])
    yield ('<section id="scores"><h2>Alignment by group</h2>'
           + table(("Group", "Before", "After", "Change"), rows, "deltas") + "</section>")
    for kind, heading in DIFF_SECTIONS:
        found = [c for c in diff.changes if c.kind == kind]
        yield f'<section id="{kind}"><h2>{heading} ({len(found)})</h2>'
        if found:
            yield table(("Criterion", "Priority", "Before", "After"), _change_rows(found),
                        "changes cards")
        yield "</section>"
    unchanged = sum(1 for c in diff.changes if c.kind == Change.UNCHANGED)
    yield f"<p>{unchanged} criteria unchanged.</p></main>"
