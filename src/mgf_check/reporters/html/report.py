"""The single-report HTML page: charts, gaps, every criterion, waivers.

Everything that came from a policy file or a catalogue goes through `page.e` (`html.escape`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mgf_check.model import (
    CriterionResult,
    FrameworkScore,
    GroupScore,
    PolicyReport,
    Status,
)
from mgf_check.reporters._common import DISCLAIMER
from mgf_check.reporters.base import (
    gaps,
    location_text,
    refs_text,
    score_text,
    source_text,
)
from mgf_check.reporters.html import svg
from mgf_check.reporters.html.page import Cell, badge, e, table


def _header(report: PolicyReport) -> str:
    city, a = report.city, report.assessment
    badge_html = ('<span class="illustrative">Illustrative example, not a real city</span>'
                  if city.get("illustrative") else "")
    meta = [("File", f"<code>{e(report.path)}</code>"),
            ("Assessed", e(a.get("date", "?"))), ("As of", e(report.as_of))]
    meta += [(label, e(a[key])) for key, label in
             (("prepared_by", "Prepared by"), ("reviewed_by", "Reviewed by"),
              ("notes", "Notes")) if a.get(key)]
    frameworks = "".join(
        f"<li>{e(f.framework.title)}" + (f' <span class="edition">(edition '
                                          f"{e(f.framework.edition)})</span>"
                                          if f.framework.edition else "") + "</li>"
        for f in report.frameworks)
    meta.append(("Frameworks", f'<ul class="frameworks">{frameworks}</ul>'))
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in meta)
    return (f'<header class="report-header"><p class="kicker">mgf-check gap report</p>'
            f'<h1>{e(city.get("name", "?"))} <span class="country">'
            f'({e(city.get("country", "?"))})</span></h1>{badge_html}'
            f'<dl class="meta">{items}</dl>'
            f'<p class="disclaimer" role="note">{e(DISCLAIMER)}</p></header>')


def _group_table(groups: Iterable[GroupScore]) -> str:
    rows: list[list[Cell]] = []
    for g in groups:
        c = g.counts
        numbers = (score_text(g.score), c[Status.MET], c[Status.PARTIAL],
                   c[Status.UNMET] + c[Status.NOT_STATED],
                   c[Status.WAIVED] + c[Status.OUT_OF_COMPETENCE] + c[Status.NOT_APPLICABLE])
        rows.append([f'<span class="cid">{e(g.id)}</span>', e(g.title),
                     *[("num", str(n)) for n in numbers]])
    return table(("Group", "Title", "Score", "Met", "Partial", "Unmet or not stated",
                  "Not scored (waived, out of competence, not applicable)"), rows,
                 "groups cards")


def _framework(f: FrameworkScore) -> str:
    fw = f.framework
    rows = [(g.id, g.title, g.score) for g in f.groups]
    return (f'<section class="framework"><h3>{e(fw.short_title)}: alignment '
            f"{score_text(f.score)}</h3><div class=\"charts\">"
            f'<figure><figcaption>Alignment by group (0-100)</figcaption>'
            f"{svg.score_chart(rows, f'{fw.short_title}: alignment by group')}</figure>"
            f"<figure><figcaption>Criteria by status</figcaption>"
            f"{svg.status_chart(f.counts, f'{fw.short_title}: criteria by status')}"
            f"</figure></div>{_group_table(f.groups)}</section>")


def _gap(report: PolicyReport, r: CriterionResult) -> str:
    c = r.criterion
    details = [("Why", e(r.reason)), ("Where", f"<code>{e(location_text(report, r))}</code>"),
               ("What to do", e(c.recommendation)), ("Source", e(source_text(r)))]
    if refs_text(r):
        details.append(("Serves", e(refs_text(r))))
    items = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in details)
    return (f'<li class="gap prio-{c.priority.value}"><article><h3>'
            f'<span class="cid">{e(c.id)}</span> {e(c.title)}</h3>'
            f'<p class="tags">{badge(r.status)} <span class="prio">{e(c.priority.value)}'
            f"</span></p><dl>{items}</dl></article></li>")


def _criterion_row(report: PolicyReport, r: CriterionResult) -> list[Cell]:
    c = r.criterion
    serves = f"<br>{e(refs_text(r))}" if refs_text(r) else ""
    name = (f'<span class="cid">{e(c.id)}</span> {e(c.title)}<br>'
            f'<span class="prio">{e(c.priority.value)}</span>')
    return [name, badge(r.status),
            f"{e(r.reason)}<br><code>{e(location_text(report, r))}</code>",
            f"{e(c.recommendation)}<br><small>{e(source_text(r))}{serves}</small>"]


def _criteria(report: PolicyReport) -> Iterator[str]:
    for f in report.frameworks:
        rows = [_criterion_row(report, r) for r in report.results
                if r.criterion.framework == f.framework.id]
        yield f"<h3>{e(f.framework.short_title)}</h3>"
        yield table(("Criterion", "Status", "Why and where", "What to do, source"), rows,
                    "criteria cards")


def report_body(report: PolicyReport) -> Iterator[str]:
    yield _header(report)
    yield '<main>'
    yield '<section id="summary"><h2>Summary</h2>'
    yield from (_framework(f) for f in report.frameworks)
    yield "</section>"
    found = gaps(report)
    yield f'<section id="gaps"><h2>Gaps ({len(found)}), most important first</h2>'
    yield ('<ol class="gaps">' + "".join(_gap(report, r) for r in found) + "</ol>"
           if found else "<p>No gaps: every criterion is met, waived or out of competence.</p>")
    yield "</section>"
    if report.waivers:
        state = " (ignored: --ignore-waivers)" if report.waivers_ignored else ""
        yield f'<section id="waivers"><h2>Waivers ({len(report.waivers)}){state}</h2>'
        yield table(("Criterion", "State", "Expires", "Reason", "Approved by"), (
            [e(w.criterion), "expired" if w.expired else "valid", e(w.expires), e(w.reason),
             e(w.approved_by)] for w in report.waivers), "waivers cards")
        yield "</section>"
    if report.notices:
        items = "".join(
            f"<li><code>{e(report.path)}"
            + (f":{n.span.line}:{n.span.column}" if n.span else "")
            + f"</code>: {e(n.message)}</li>" for n in report.notices)
        yield f'<section id="notices"><h2>Notices</h2><ul>{items}</ul></section>'
    if report.view is not None:
        v = report.view
        rows = [(g.id, g.title, g.score) for g in v.groups]
        yield (f'<section id="view"><h2>By {e(v.title)}</h2><figure>'
               f"{svg.score_chart(rows, f'Alignment by {v.title}')}</figure>"
               f"{_group_table(v.groups)}</section>")
    yield f'<section id="criteria"><h2>Every criterion ({len(report.results)})</h2>'
    yield from _criteria(report)
    yield "</section></main>"
