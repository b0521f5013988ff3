"""HTML: escaped, self-contained, with charts, gaps, criteria and a print stylesheet."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport
from mgf_check.reporters import get_reporter
from mgf_check.reporters import wording as w
from mgf_check.reporters.view import report_view
from mgf_check.reporters.wording import SYMBOL

from .conftest import CITY_NORTH, REL


class _Page(HTMLParser):
    """Tags, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    def count(self, tag: str, **attrs: str) -> int:
        return sum(1 for t, a in self.tags if t == tag and all(
            v in (a.get(k) or "").split() for k, v in attrs.items()))

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def _self_contained(text: str, page: _Page) -> None:
    assert text.startswith("<!DOCTYPE html>")
    assert page.count("script") == 0 and page.count("link") == 0
    assert page.count("img") == 0 and page.count("iframe") == 0
    for tag, attrs in page.tags:
        for key in ("src", "href", "srcset", "action", "data"):
            # links a reader clicks load nothing: in-page anchors and recorded evidence
            if not (tag == "a" and key == "href"):
                assert key not in attrs, attrs
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("#", "https://", "http://")), attrs
    assert "@import" not in text and "@font-face" not in text
    # url(...) only for in-page SVG patterns (#id)
    assert set(re.findall(r"url\((.*?)\)", text)) <= {f"#{p}" for p in (
        "pat-diag", "pat-cross", "pat-dots", "pat-hlines", "pat-vlines", "pat-na")}
    loaded = re.sub(r'<a href="[^"]*"', "", text)  # links load nothing; resources would
    assert "http://" not in loaded.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert '<meta name="viewport"' in text and "@media print" in text


def test_policy_text_is_escaped(north: PolicyReport) -> None:
    text = get_reporter("html").render(north)
    page = _page(text)
    assert page.count("script") == 0 and page.count("b") == 0
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert CITY_NORTH in page.plain
    assert "Prepared for tests & <b>bold</b> claims" in page.plain
    assert "&amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert "Budget cycle & <review> pending" in page.plain  # waiver reason
    assert ("<title>mgf-check report: North | Bay &lt;script&gt;alert(1)&lt;/script&gt;"
            "</title>") in text

def test_report_page_is_self_contained_and_complete(north: PolicyReport) -> None:
    text = get_reporter("html").render(north)
    page = _page(text)
    _self_contained(text, page)
    plain = page.plain
    view = report_view(north)
    assert "Illustrative example" in plain
    assert "not an IOM score, not an IOM assessment, not a ranking" in plain
    assert "test edition 1" in plain and "As of" in plain
    assert page.count("svg", **{"class": "chart"}) == len(north.frameworks)
    for section in ("summary", "first-steps", "scores", "reading", "describe", "appendix"):
        assert any(t == "section" and a.get("id") == section for t, a in page.tags), section
    assert page.count("li", **{"class": "action"}) == view.first
    titles = re.findall(r'<li class="action prio-[a-z-]+"><article><h3>([^<]+)', text)
    assert [t.strip() for t in titles] == [f"{w.VERB[a.kind]}: {a.label}" for a in view.first_steps]
    assert "Describe these topics" in plain and "documented" in plain
    assert page.count("table", **{"class": "criteria"}) == len(north.frameworks)
    for result in north.results:
        assert result.criterion.id in plain
    for status in {r.status for r in north.results}:  # symbol and word, never colour alone
        assert f"{SYMBOL[status]} {w.STATUS_WORD[status]}" in plain
    assert f"{REL}/north.yaml:19:11" in plain
    assert "GCM O23" in plain  # crosswalk of a criterion
    assert "Waivers (2)" in plain and "Notices" in plain and "TOY-9.9" in plain
    assert "By Global Compact" in plain  # the --by view
    assert "mgf-check score on MiGOF-derived criteria" in plain
    assert "alignment" not in plain.lower()


def test_council_text_keeps_research_vocabulary_in_the_appendix(north: PolicyReport) -> None:
    text = get_reporter("html").render(north)
    council = _page(text[:text.index('<section id="appendix">')]).plain
    appendix = _page(text[text.index('<section id="appendix">'):]).plain
    for word in ("in our notes", "basis L", "UNCONFIRMED", "/rights/", ".yaml:"):
        assert word not in council, word
    assert "/rights/" in appendix and ".yaml:" in appendix


def test_stylesheet_is_inlined_from_package_data(north: PolicyReport) -> None:
    from importlib import resources

    css = (resources.files("mgf_check.reporters.html") / "report.css").read_text(encoding="utf-8")
    assert css in get_reporter("html").render(north)
    assert "@media print" in css and "max-width: 640px" in css


def test_comparison_heat_map(comparison: Comparison) -> None:
    text = get_reporter("html").render_comparison(comparison)
    page = _page(text)
    _self_contained(text, page)
    assert page.count("table", **{"class": "heat-table"}) == len(comparison.frameworks)
    cells = re.findall(r'<td class="num heat band-(high|mid|low|na)"[^>]*>([^<]+)</td>', text)
    assert cells and all(v == "n/a" if b == "na" else v.isdigit() for b, v in cells)
    assert "Comparison, not ranking" in page.plain
    assert f"{CITY_NORTH} (XX)" in page.plain and "<script>alert" not in text
    assert "Could not be checked (1)" in page.plain and "broken.yaml" in page.plain
    toy = text[text.index("Toy: score per group"):]
    assert re.search(r'band-high"[^>]*>83<', toy)  # South Harbour G1


def test_diff_page(diff: PolicyDiff) -> None:
    text = get_reporter("html").render_diff(diff)
    page = _page(text)
    _self_contained(text, page)
    plain = page.plain
    assert "Gaps closed (" in plain and "Gaps opened (" in plain
    opened = text[text.index('id="opened"'):text.index('id="changed"')]
    assert "TOY-2.2" in opened and "TOY-2.3" in opened and "TOY-1.1" not in opened
    assert "▲ +70.0" in plain  # Toy G1 30 -> 100
