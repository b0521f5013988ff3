"""Inline SVG charts for the HTML report: no scripts, no external resources.

Charts are as wide as their container (widths in %) while text keeps its size, so a phone
screen shows them as legibly as a desktop one. Every bar carries its number and its label as
text; colour and pattern only repeat what the text says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from mgf_check.model import Status
from mgf_check.reporters import rows
from mgf_check.reporters.wording import SYMBOL

ROW = 42          # px per chart row: a label line and a bar
BAR_Y = 20        # bar offset inside a row
BAR_H = 14
LABEL_CHARS = 32  # longer labels are cut (the full text is in the table and the tooltip);
#                 32 leaves room for "57.9% middle" on a 390 px phone


def band(score: float | None) -> str:
    """Score band used for colours (`high`, `mid`, `low` or `na`: see `rows.band`)."""
    return rows.band(score)[0]


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def defs() -> str:
    """One hidden SVG holding the patterns every chart on the page refers to."""
    return (
        '<svg class="svg-defs" width="0" height="0" aria-hidden="true" focusable="false">'
        "<defs>"
        '<pattern id="pat-diag" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="2" height="6" fill="#fff" '
        'fill-opacity=".55"/></pattern>'
        '<pattern id="pat-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-opacity=".6" stroke-width="1.2"/>'
        "</pattern>"
        '<pattern id="pat-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1.1" fill="#fff" fill-opacity=".7"/></pattern>'
        '<pattern id="pat-hlines" width="6" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="1.3" fill="#fff" fill-opacity=".6"/></pattern>'
        '<pattern id="pat-vlines" width="4" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="1.3" height="6" fill="#fff" fill-opacity=".6"/></pattern>'
        '<pattern id="pat-na" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="1.5" height="6" fill="#8c959f"/></pattern>'
        "</defs></svg>")


#: The pattern that overlays each status's colour (met stays solid).
PATTERN = {
    Status.MET: None,
    Status.PARTIAL: "pat-diag",
    Status.UNMET: "pat-cross",
    Status.NOT_STATED: "pat-dots",
    Status.WAIVED: "pat-hlines",
    Status.OUT_OF_COMPETENCE: "pat-vlines",
    Status.NOT_APPLICABLE: "pat-vlines",
}


def _frame(rows: int, label: str, body: str) -> str:
    height = rows * ROW
    return (f'<svg class="chart" width="100%" height="{height}" role="img" '
            f'aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{_e(label)}</title>{body}</svg>")


def _bar(y: int, fraction: float, css: str, pattern: str | None = None) -> str:
    width = f"{max(0.0, min(1.0, fraction)) * 100:.2f}%"
    out = (f'<rect class="track" x="0" y="{y + BAR_Y}" width="100%" height="{BAR_H}" '
           f'rx="2"/><rect class="{css}" x="0" y="{y + BAR_Y}" width="{width}" '
           f'height="{BAR_H}" rx="2"/>')
    if pattern:
        out += (f'<rect x="0" y="{y + BAR_Y}" width="{width}" height="{BAR_H}" rx="2" '
                f'fill="url(#{pattern})"/>')
    return out


def _labels(y: int, left: str, right: str, full: str) -> str:
    return (f'<text class="label" x="0" y="{y + 14}"><title>{_e(full)}</title>'
            f"{_e(_cut(left))}</text>"
            f'<text class="value" x="100%" y="{y + 14}" text-anchor="end">{_e(right)}</text>')


def score_chart(bars: Sequence[tuple[str, float | None, str]], label: str) -> str:
    """Horizontal bars of scores (0-100) coloured by band: (label, score, band word) rows.

    The band is named in the value text, so the colour never carries it alone.
    """
    body = []
    for i, (name, score, word) in enumerate(bars):
        y = i * ROW
        value = f"{rows.score_text(score)} {word}"
        body.append(_labels(y, name, value, f"{name}: {value}"))
        if score is None:
            body.append(_bar(y, 1.0, "bar band-na", "pat-na"))
        else:
            body.append(_bar(y, score / 100, f"bar band-{band(score)}"))
    return _frame(len(bars), label, "".join(body))


def status_chart(counts: Mapping[Status, int], label: str) -> str:
    """One labelled bar per status: symbol, status word and count, bar length by share."""
    total = sum(counts.values()) or 1
    body = []
    for i, status in enumerate(Status):
        y = i * ROW
        n = counts.get(status, 0)
        word = f"{SYMBOL[status]} {status.value}"
        body.append(_labels(y, word, f"{n} of {sum(counts.values())}", f"{word}: {n}"))
        body.append(_bar(y, n / total, f"bar st-{status.value}", PATTERN[status]))
    return _frame(len(Status), label, "".join(body))
