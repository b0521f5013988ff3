"""The HTML reports in a real browser: headless Chromium via Playwright (never downloaded).

Fails on console errors, page errors and any request other than the page file itself;
checks the summary, charts and gaps are visible, that nothing overflows a phone screen, and
saves a screenshot of the first screen (desktop and phone) to test-output/screenshots/ (what a
reader sees on opening; a full-page capture cost ~1.7 s each and checked nothing more).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport
from mgf_check.reporters import get_reporter
from mgf_check.reporters.view import report_view

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TOLERANCE = 2  # px of horizontal overflow allowed at phone width (sub-pixel rounding)


class _Visit:
    """One page load with every console message, page error and request recorded."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int]) -> None:
        self.url = path.as_uri()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport=viewport)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url, wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def shoot(self, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A screenshot of what the reader sees first, at the current viewport."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name), full_page=False)
        with capsys.disabled():
            print(f"\nscreenshot: {SCREENSHOTS / name}")

    def finish(self) -> None:
        self.page.close()
        assert not self.problems, self.problems
        assert [u for u in self.requests if u != self.url] == [], "unexpected requests"
        assert self.requests == [self.url]


def _open(browser: Any, tmp_path: Path, name: str, html: str,
          viewport: dict[str, int]) -> _Visit:
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return _Visit(browser, path, viewport)


def _visible(visit: _Visit, selector: str) -> Any:
    locator = visit.page.locator(selector)
    assert locator.count() > 0, f"nothing matches {selector}"
    assert locator.first.is_visible(), f"{selector} is not visible"
    return locator


def _no_overflow(visit: _Visit) -> None:
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + TOLERANCE, f"page is {width}px wide on a phone"


def _charts_fill(visit: _Visit, count: int, share: float) -> None:
    charts = _visible(visit, "#scores svg.chart")
    assert charts.count() == count
    box = charts.first.bounding_box()
    width = visit.page.viewport_size["width"]
    assert box is not None and box["width"] > share * width, (box, width)


def test_report_page(browser: Any, tmp_path: Path, north: PolicyReport,
                     capsys: pytest.CaptureFixture[str]) -> None:
    """One page load, seen on a desktop and then on a phone (the viewport resized)."""
    visit = _open(browser, tmp_path, "report", get_reporter("html").render(north), DESKTOP)
    view = report_view(north)
    for label, viewport, share in (("desktop", DESKTOP, 0.6 * 0.75), ("phone", PHONE, 0.6 * 0.9)):
        visit.page.set_viewport_size(viewport)
        _visible(visit, "h1")
        assert "<script>" in visit.page.locator("h1").inner_text()  # shown as text, not run
        _visible(visit, "#summary")
        _charts_fill(visit, len(north.frameworks), share)
        assert _visible(visit, "ol.actions > li.action").count() == view.first
        # the technical appendix is collapsed on screen
        assert not visit.page.locator("table.criteria").first.is_visible()
        if label == "phone":
            _no_overflow(visit)
        visit.shoot(f"report-{label}.png", capsys)
    visit.page.locator("details.appendix > summary").click()  # and opens on a click
    _visible(visit, "table.criteria")
    _visible(visit, ".illustrative")
    _no_overflow(visit)
    visit.finish()


#: The page limit for a council document (issue 10), and the paper content widths in CSS px
#: (page width less the print stylesheet's 9 mm side margins).
MAX_PAGES = 30
PAPER = {"A4": 210 - 18, "Letter": 215.9 - 18}


def _pages(pdf: bytes) -> int:
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    assert counts, "no page tree in the PDF"
    return max(counts)


def test_example_report_prints_in_few_pages_without_clipping(
        browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """examples/riverton.yaml prints to at most 30 A4 and 30 Letter pages, nothing clipped:
    the print stylesheet applies (wide tables unfold instead of scrolling) and Chromium's
    "Print to PDF" makes the document (saved as test-output/screenshots/report.pdf)."""
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.pipeline import CheckOptions, check_file, load_frameworks

    from .conftest import ROOT

    report = check_file(ROOT / "examples" / "riverton.yaml", load_frameworks(BUNDLED),
                        CheckOptions(), "examples/riverton.yaml")
    visit = _open(browser, tmp_path, "riverton", get_reporter("html").render(report), DESKTOP)
    pages = {}
    for paper, width_mm in PAPER.items():
        width = round(width_mm / 25.4 * 96)
        visit.page.set_viewport_size({"width": width, "height": 1000})
        visit.page.emulate_media(media="print")
        assert visit.page.locator("table.criteria").first.is_visible()  # appendix prints
        clipped = visit.page.evaluate("""() => [...document.querySelectorAll(
            'td, th, li, p, h1, h2, h3, h4, dd')].filter(e => e.scrollWidth > e.clientWidth + 1
            && getComputedStyle(e).overflowX !== 'visible' || e.getBoundingClientRect().right
            > document.documentElement.clientWidth + 1).map(e => e.textContent.slice(0, 60))""")
        assert clipped == [], f"{paper}: clipped or overflowing: {clipped[:5]}"
        overflow = visit.page.evaluate(
            "getComputedStyle(document.querySelector('.table-wrap')).overflowX")
        assert overflow == "visible"
        pdf = visit.page.pdf(format=paper, print_background=True)
        assert pdf.startswith(b"%PDF")
        pages[paper] = _pages(pdf)
        assert pages[paper] <= MAX_PAGES, f"{paper}: {pages[paper]} pages"
        if paper == "A4":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            (SCREENSHOTS / "report.pdf").write_bytes(pdf)
    visit.page.close()
    assert not visit.problems, visit.problems
    with capsys.disabled():
        print(f"\nriverton printed: {pages}; pdf: {SCREENSHOTS / 'report.pdf'}")


def test_comparison_page(browser: Any, tmp_path: Path, comparison: Comparison,
                         capsys: pytest.CaptureFixture[str]) -> None:
    html = get_reporter("html").render_comparison(comparison)
    visit = _open(browser, tmp_path, "comparison", html, DESKTOP)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        visit.page.set_viewport_size(viewport)
        tables = _visible(visit, "table.heat-table")
        assert tables.count() == len(comparison.frameworks)
        cells = _visible(visit, "td.heat")
        assert cells.first.inner_text().strip() != ""
        _visible(visit, "#failures")
        if label == "phone":
            _no_overflow(visit)
        visit.shoot(f"comparison-{label}.png", capsys)
    visit.finish()


def test_diff_page(browser: Any, tmp_path: Path, diff: PolicyDiff,
                   capsys: pytest.CaptureFixture[str]) -> None:
    visit = _open(browser, tmp_path, "diff", get_reporter("html").render_diff(diff), DESKTOP)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        visit.page.set_viewport_size(viewport)
        _visible(visit, "table.deltas")
        _visible(visit, "#opened table.changes")
        if label == "phone":
            _no_overflow(visit)
        visit.shoot(f"diff-{label}.png", capsys)
    visit.finish()
