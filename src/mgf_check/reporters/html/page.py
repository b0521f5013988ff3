"""The HTML page frame and the building blocks every HTML page shares: escaping, the
stylesheet, status badges, heat-map cells and tables."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from html import escape
from importlib import resources

from mgf_check import __version__
from mgf_check.i18n import _, language
from mgf_check.model import Status
from mgf_check.reporters.html import svg
from mgf_check.reporters.wording import ABSENT, DISCLAIMER, SYMBOL

_SPECIAL = re.compile("[&<>\"']")


def e(value: object) -> str:
    """Escape text for HTML content and attribute values."""
    text = value if type(value) is str else str(value)
    return escape(text, quote=True) if _SPECIAL.search(text) else text


@functools.cache
def stylesheet() -> str:
    """The report's CSS, shipped as package data next to this module."""
    return (resources.files("mgf_check.reporters.html") / "report.css").read_text(encoding="utf-8")


#: The text of the link from a city's page back to the portfolio index.
BACK = "All cities (portfolio index)"


def page(title: str, body: Iterable[str], kind: str, back: str | None = None) -> str:
    """A complete HTML document around `body` (a list of already-escaped fragments); `back`
    links to the page that lists this one."""
    head = (f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="mgf-check {e(__version__)}">\n'
            f"<title>{e(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n")
    link = (f'<nav class="back-link" aria-label="Portfolio"><a href="{e(back)}">'
            f"← {e(BACK)}</a></nav>\n" if back else "")
    return (head + f'<body class="{kind}">\n' + svg.defs() + "\n" + link + "\n".join(body)
            + '\n<footer class="page-footer"><p>'
            + e(_("Made with mgf-check {version}.").format(version=__version__)) + " "
            f"{e(DISCLAIMER)}</p></footer>\n</body>\n</html>\n")


def badge(status: Status | None) -> str:
    """A status badge: symbol and word (the colour only repeats them)."""
    if status is None:
        return f'<span class="status st-absent">{ABSENT}</span>'
    return (f'<span class="status st-{status.value}"><span aria-hidden="true">'
            f"{SYMBOL[status]}</span> {e(status.value)}</span>")


#: A table cell: escaped HTML, or (css class, escaped HTML).
Cell = str | tuple[str, str]


def score_cell(score: float | None) -> tuple[str, str]:
    """A heat-map cell: band colour and the number."""
    return f"num heat band-{svg.band(score)}", "n/a" if score is None else f"{score:.0f}"


def table(header: Sequence[str], rows: Iterable[Sequence[Cell]], css: str = "") -> str:
    """A table in a scrolling wrapper. Header texts are plain (escaped here); cells are HTML."""
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in header)
    labels = [f' data-label="{e(h)}">' for h in header]  # escaped once per table
    lines = []
    for row in rows:
        cells = []
        for label, cell in zip(labels, row, strict=True):
            if isinstance(cell, tuple):
                cls, content = cell
                cells.append(f'<td class="{cls}"{label}{content}</td>' if cls else
                             f"<td{label}{content}</td>")
            else:
                cells.append(f"<td{label}{cell}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="table-wrap"><table class="{css}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(lines)}</tbody></table></div>')
