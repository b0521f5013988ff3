"""Trends and batch diffs rendered: terminal text, Markdown, HTML (with a small SVG chart per
framework), JSON and CSV. Pure functions from the trend objects to text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from html import escape
from typing import TypeVar

from mgf_check import __version__
from mgf_check.portfolio.trend import PORTFOLIO, PortfolioDiff, Series, Trend
from mgf_check.reporters import neutral

_T = TypeVar("_T")

FORMATS = ("terminal", "markdown", "html", "json", "csv")
NOTE = ("Scores are mgf-check's own summary of alignment with the encoded criteria: not an IOM "
        "score, not a ranking. Cities are paired across batches by name and country, not by "
        "file name.")


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _change(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def _rows(trend: Trend, groups: bool) -> list[list[str]]:
    return [[s.name + (f" ({s.country})" if s.country else ""), s.title if not s.group
             else f"{s.group} {s.title}", *map(_num, s.values), _change(s.change)]
            for s in trend.series if groups or not s.group]


def _header(trend: Trend) -> list[str]:
    return ["city", "framework / group", *trend.labels, "change"]


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    fmt = [f"{{:<{w}}}" if i < 2 else f"{{:>{w}}}" for i, w in enumerate(widths)]
    lines = ["  ".join(f.format(c) for f, c in zip(fmt, header, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(f.format(c) for f, c in zip(fmt, r, strict=True)).rstrip()
              for r in rows]
    return lines


def _neutral(fmt: str, value: _T, render: Callable[[_T], str]) -> str:
    """`render(value)` under the format's rule for outside text (city names, paths, notes):
    these pages are not `Reporter`s, so the rule is applied here (`reporters.neutral`)."""
    rule = neutral.rule_for(fmt)
    if rule.text is not None:
        value = neutral.apply(value, rule.text)
    text = render(value)
    return text if rule.output is None else rule.output(text)


def render_trend(trend: Trend, fmt: str, verbose: bool = False) -> str:
    """A trend in one of FORMATS."""
    return _neutral(fmt, trend, lambda t: _render_trend(t, fmt, verbose))


def _render_trend(trend: Trend, fmt: str, verbose: bool) -> str:
    if fmt == "json":
        return _json({"kind": "trend", **_trend_dict(trend)})
    if fmt == "csv":
        return _csv(trend)
    if fmt == "html":
        return _html("mgf-check trend", _trend_html(trend))
    if fmt == "markdown":
        return "\n".join(_md_trend(trend)) + "\n"
    lines = [f"mgf-check trend over {len(trend.labels)} batches: {', '.join(trend.labels)}",
             NOTE, ""]
    lines += _text_table(_header(trend), _rows(trend, verbose))
    if not verbose:
        lines += ["", "Framework scores only; -v adds every group (HTML, JSON, CSV and the "
                  "workbook always have them)."]
    lines += [f"note: {n}" for n in trend.notes]
    return "\n".join(lines) + "\n"


def _trend_dict(trend: Trend) -> dict[str, object]:
    return {"report_version": 1, "tool": {"name": "mgf-check", "version": __version__},
            "labels": list(trend.labels),
            "series": [{"city": s.name, "country": s.country, "framework": s.framework,
                        "group": s.group or None, "title": s.title, "values": list(s.values),
                        "change": s.change} for s in trend.series],
            "notes": list(trend.notes)}


def _json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _csv(trend: Trend) -> str:
    from mgf_check.reporters.csv_ import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["city", "country", "framework", "group", *trend.labels, "change"])
    for s in trend.series:
        writer.writerow([cell(v) for v in (s.name, s.country, s.framework, s.group,
                                           *("" if v is None else v for v in s.values),
                                           "" if s.change is None else s.change)])
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    from mgf_check.reporters.markdown_text import md_cell

    return md_cell(text)


def _md_trend(trend: Trend) -> Iterator[str]:
    yield f"# mgf-check trend: {', '.join(trend.labels)}"
    yield ""
    yield f"_{NOTE}_"
    yield ""
    header = _header(trend)
    yield "| " + " | ".join(_md_cell(h) for h in header) + " |"
    yield "| --- | --- | " + " | ".join("---:" for _ in header[2:]) + " |"
    for row in _rows(trend, True):
        yield "| " + " | ".join(_md_cell(c) for c in row) + " |"
    for note in trend.notes:
        yield ""
        yield f"- {_md_cell(note)}"


# ---------------------------------------------------------------- HTML and the SVG chart

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 240, 36, 150, 12, 28


def chart(title: str, labels: Sequence[str], lines: Sequence[Series]) -> str:
    """A line per series over the labels (0-100), the portfolio mean drawn thick; each line
    is labelled at its end with its last value, so colour carries nothing alone."""
    n = len(labels)

    def x(i: int) -> float:
        return PAD_L + (W - PAD_L - PAD_R) * (i / (n - 1) if n > 1 else 0.5)

    def y(v: float) -> float:
        return PAD_T + (H - PAD_T - PAD_B) * (1 - v / 100)

    parts = [f'<svg class="trend-chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#d0d7de" stroke-width="1"/>'
                     f'<text x="{PAD_L - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="#57606a">{tick}</text>')
    for i, label in enumerate(labels):
        parts.append(f'<text x="{x(i):.1f}" y="{H - 8}" text-anchor="middle" font-size="11" '
                     f'fill="#24292f">{escape(label)}</text>')
    for s in lines:
        mean = s.name == PORTFOLIO
        points = [(x(i), y(v)) for i, v in enumerate(s.values) if v is not None]
        if not points:
            continue
        stroke = "#0969da" if mean else "#8c959f"
        width = 3 if mean else 1.2
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline fill="none" stroke="{stroke}" stroke-width="{width}" '
                     f'points="{path}"><title>{escape(s.name)}</title></polyline>')
        parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{3 if mean else 2}" '
                  f'fill="{stroke}"/>' for px, py in points]
        last = next(v for v in reversed(s.values) if v is not None)
        lx, ly = points[-1]
        parts.append(f'<text x="{lx + 6:.1f}" y="{ly + 4:.1f}" font-size="11" '
                     f'font-weight="{700 if mean else 400}" fill="#24292f">'
                     f"{escape(s.name[:18])} {last:.0f}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    from mgf_check.reporters.html.page import Cell, table

    cells: list[list[Cell]] = [[escape(c) if i < 2 else ("num", escape(c))
                                for i, c in enumerate(r)] for r in rows]
    return table(header, cells, "trend")


def _trend_html(trend: Trend) -> Iterator[str]:
    yield ('<header class="report-header"><p class="kicker">mgf-check trend</p>'
           f"<h1>Scores over {len(trend.labels)} batches: {escape(', '.join(trend.labels))}"
           f'</h1><p class="disclaimer" role="note">{escape(NOTE)}</p></header><main>')
    frameworks = [(f, t) for f, g, t in trend.columns if not g]
    for fid, title in frameworks:
        lines = [s for s in trend.series if s.framework == fid and not s.group]
        yield (f'<section class="trend"><h2>{escape(title)}</h2><figure>'
               + chart(f"{title}: score over time, each city and the mean",
                       trend.labels, lines) + "</figure>")
        rows = _rows(Trend(trend.labels, tuple(s for s in trend.series if s.framework == fid),
                           trend.columns), True)
        yield _html_table(_header(trend), rows) + "</section>"
    if trend.notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in trend.notes)
        yield f'<section id="notes"><h2>Notes</h2><ul>{items}</ul></section>'
    yield "</main>"


def _html(title: str, body: Iterator[str]) -> str:
    from mgf_check.reporters.html.page import page

    return page(title, body, "trend")


# ---------------------------------------------------------------- batch diff

def render_portfolio_diff(diff: PortfolioDiff, fmt: str, verbose: bool = False) -> str:
    """The diff of two batches in one of FORMATS."""
    return _neutral(fmt, diff, lambda d: _render_portfolio_diff(d, fmt, verbose))


def _render_portfolio_diff(diff: PortfolioDiff, fmt: str, verbose: bool) -> str:
    trend = diff.trend
    if fmt == "json":
        return _json({"kind": "portfolio-diff", **_trend_dict(trend),
                      "closed": diff.closed, "opened": diff.opened,
                      "cities": [{"city": c.name, "country": c.country, "before": c.before,
                                  "after": c.after, "closed": list(c.closed),
                                  "opened": list(c.opened)} for c in diff.cities]})
    if fmt == "csv":
        return _csv(trend)
    rows = [[c.name + (f" ({c.country})" if c.country else ""), c.before or "(new)",
             c.after or "(gone)", str(len(c.closed)), str(len(c.opened))]
            for c in diff.cities]
    header = ["city", f"file in {trend.labels[0]}", f"file in {trend.labels[1]}",
              "gaps closed", "gaps opened"]
    total = (f"Across the portfolio: {diff.closed} gaps closed, {diff.opened} opened, "
             f"{len(diff.cities)} cities.")
    if fmt == "html":
        def body() -> Iterator[str]:
            parts = list(_trend_html(trend))
            parts[0] = parts[0].replace("mgf-check trend", "mgf-check batch diff", 1)
            yield parts[0]
            yield (f'<section id="cities"><h2>Gaps closed and opened</h2><p>{escape(total)}'
                   "</p>" + _html_table(header, rows) + "</section>")
            yield from parts[1:]
        return _html("mgf-check batch diff", body())
    if fmt == "markdown":
        lines = list(_md_trend(trend))
        lines[0] = f"# mgf-check batch diff: {' → '.join(trend.labels)}"
        lines += ["", "## Gaps closed and opened", "", total, "",
                  "| " + " | ".join(_md_cell(h) for h in header) + " |",
                  "| --- | --- | --- | ---: | ---: |"]
        lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    text = _render_trend(trend, "terminal", verbose).replace(
        "mgf-check trend over 2 batches", "mgf-check batch diff", 1)
    return text + "\n" + "\n".join([total, "", *_text_table(header, rows)]) + "\n"
