"""Markdown: tables keep their shape whatever the policy says; rendered by markdown-it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport
from mgf_check.reporters import get_reporter
from mgf_check.reporters.markdown_text import code, md, md_cell

from .conftest import CITY_NORTH

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[str]]:
    """The raw table blocks of a Markdown text (runs of lines starting with `|`)."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def _assert_shapes(text: str) -> int:
    tables = _tables(text)
    for table in tables:
        widths = {len(UNESCAPED_PIPE.findall(line)) for line in table}
        assert len(widths) == 1, "ragged table:\n" + "\n".join(table)
        assert set(table[1]) <= set("|-: "), table[1]
    return len(tables)


class _Cells(HTMLParser):
    """Collects every table row's cell count and the tags an HTML text contains."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _render(text: str) -> _Cells:
    import markdown_it  # rich's dependency: always installed with mgf-check

    html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    parser = _Cells()
    parser.feed(html)
    return parser


def test_report_tables_keep_their_shape(north: PolicyReport) -> None:
    text = get_reporter("markdown").render(north)
    assert _assert_shapes(text) >= 6  # summary, two frameworks, the view, waivers, appendix
    parsed = _render(text)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    widths = {len(row) for row in parsed.rows}
    assert widths <= {4, 5, 7, 8}
    reasons = [row for row in parsed.rows if row and row[0] == "TOY-2.1"]
    assert reasons and reasons[0][5] == \
        "/governance/strategy/name is \"=cmd|' /C calc'!A0 <b>&\", expected 'Welcome plan'"


def test_report_sections(north: PolicyReport) -> None:
    text = get_reporter("markdown").render(north)
    assert text.startswith("# mgf-check report: North \\| Bay \\<script\\>")
    assert "> **Illustrative example" in text
    assert "not an IOM score" in text
    order = [text.index(h) for h in ("## Summary", "## First steps (", "## Scores",
                                      "## Dimension by dimension", "## Describe these topics",
                                      "<details>")]
    assert order == sorted(order)
    assert "<summary>Technical appendix: every criterion (" in text
    assert text.rstrip().endswith("</details>")
    assert "`tests/data/reporters/north.yaml:19:11`" in text
    first = text[text.index("## First steps ("):].split("\n")[4]
    assert first.startswith("1. **")
    assert "### mgf-check score on MiGOF-derived criteria: " in text


def test_comparison_matrix_keeps_its_shape_with_a_pipe_in_a_city(
        comparison: Comparison) -> None:
    text = get_reporter("markdown").render_comparison(comparison)
    # a matrix per framework, then the portfolio summary: spread, criteria and sections lacked
    assert _assert_shapes(text) == len(comparison.frameworks) + 3
    parsed = _render(text)
    cities = [row[0] for row in parsed.rows if row and row[0].startswith("North")]
    assert cities and all(c == f"{CITY_NORTH} (XX)" for c in cities)
    assert "## Could not be checked (1)" in text and "broken.yaml" in text


def test_diff_tables(diff: PolicyDiff) -> None:
    text = get_reporter("markdown").render_diff(diff)
    assert _assert_shapes(text) >= 3
    parsed = _render(text)
    opened = [row for row in parsed.rows if row and row[0] in ("TOY-2.2", "TOY-2.3")]
    assert [row[-1] for row in opened] == ["✗ unmet", "✗ unmet"]


def test_escaping_helpers() -> None:
    assert md_cell("a | b\nc") == "a \\| b<br>c"
    assert md("*x* <b> [l](u) `c` # h & _y_") == \
        "\\*x\\* \\<b\\> \\[l\\](u) \\`c\\` \\# h \\& \\_y\\_"
    assert code("a`b") == "``a`b``" and code("p|q", cell=True) == "`p\\|q`"
