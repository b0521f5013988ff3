"""`--format html`: one self-contained page to share and print (inline CSS and SVG, no script).

`page` holds the frame and shared blocks, `report` the single report, `comparison` the
comparison and diff pages, `svg` the charts. Everything that came from a policy file or a
catalogue goes through `html.escape`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgf_check.model import PolicyReport
from mgf_check.reporters import wording as w
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.html.page import page

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff


class HtmlReporter(Reporter):
    """A printable, self-contained HTML page: summary, first steps, scores, appendix."""

    name = "html"
    suffix = ".html"
    description = "self-contained HTML page to share or print (inline CSS and SVG)"

    def render(self, report: PolicyReport) -> str:
        from mgf_check.reporters.html.report import body
        from mgf_check.reporters.view import report_view

        title = f"{w.REPORT_KICKER}: {report.city.get('name', '?')}"
        return page(title, body(report_view(report)), "report", back=self.options.back)

    def render_comparison(self, comparison: Comparison) -> str:
        from mgf_check.reporters.html.comparison import comparison_body

        return page(f"mgf-check comparison of {len(comparison.cities)} policies",
                    comparison_body(comparison), "comparison")

    def render_diff(self, diff: PolicyDiff) -> str:
        from mgf_check.reporters.html.comparison import diff_body

        return page(f"mgf-check diff: {diff.new.city.get('name', '?')}", diff_body(diff),
                    "diff")
