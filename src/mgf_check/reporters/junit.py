"""`--format junit`: JUnit XML, a test suite per framework and a test case per criterion."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from mgf_check import __version__
from mgf_check.model import (
    NOT_SCORED,
    Change,
    CriterionResult,
    FrameworkScore,
    PolicyReport,
)
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.rows import is_gap, location_text, score_text, source_text, status_value
from mgf_check.reporters.wording import documented_text
from mgf_check.scoring import documented

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

#: Characters XML 1.0 cannot hold at all (ElementTree would write them as they are).
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SKIPPED = NOT_SCORED


def xml_text(value: object) -> str:
    """Text that XML 1.0 can hold: forbidden control characters become U+FFFD."""
    return _INVALID_XML.sub("\ufffd", str(value))


def _element(parent: ET.Element, tag: str, attrs: Mapping[str, object],
             text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def _testcase(suite: ET.Element, report: PolicyReport, result: CriterionResult) -> str:
    """Add one test case; return what it counts as: pass, failure or skipped."""
    c = result.criterion
    attrs: dict[str, object] = {"classname": c.framework, "name": f"{c.id} {c.title}",
                                "file": report.path}
    if result.span is not None:
        attrs["line"] = result.span.line
    attrs["time"] = "0"
    case = _element(suite, "testcase", attrs)
    body = (f"{result.status.value} ({c.priority.value}): {result.reason}\n"
            f"at: {location_text(report, result)}\ndo: {c.recommendation}\n"
            f"source: {source_text(result)}")
    if is_gap(result):
        _element(case, "failure", {"message": result.reason, "type": result.status.value},
                 body)
        return "failure"
    if result.status in SKIPPED:
        _element(case, "skipped", {"message": f"{result.status.value}: {result.reason}"})
        return "skipped"
    return "pass"


def _suite(parent: ET.Element, name: str, report: PolicyReport,
           framework: FrameworkScore) -> None:
    suite = _element(parent, "testsuite", {"name": name})
    props = _element(suite, "properties", {})
    for key, value in (("path", report.path), ("city", report.city.get("name", "")),
                       ("country", report.city.get("country", "")), ("as_of", report.as_of),
                       ("framework", framework.framework.title),
                       ("edition", framework.framework.edition),
                       ("alignment", score_text(framework.score)),
                       ("documented", documented_text(*documented(framework.counts)))):
        _element(props, "property", {"name": key, "value": value})
    kinds = [_testcase(suite, report, r) for r in report.results
             if r.criterion.framework == framework.framework.id]
    _count(suite, kinds)


def _count(suite: ET.Element, kinds: list[str]) -> None:
    suite.set("tests", str(len(kinds)))
    suite.set("failures", str(kinds.count("failure")))
    suite.set("errors", str(kinds.count("error")))
    suite.set("skipped", str(kinds.count("skipped")))
    suite.set("time", "0")


def _document(root: ET.Element) -> str:
    totals = {k: 0 for k in ("tests", "failures", "errors", "skipped")}
    for suite in root.iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _root() -> ET.Element:
    return ET.Element("testsuites", {"name": f"mgf-check {__version__}"})


def _report_suites(root: ET.Element, report: PolicyReport, prefix: str = "") -> None:
    for framework in report.frameworks:
        _suite(root, prefix + framework.framework.id, report, framework)


class JunitReporter(Reporter):
    """JUnit XML for CI dashboards: gaps fail; waived, out-of-competence and not-applicable
    criteria are skipped."""

    name = "junit"
    suffix = ".xml"
    description = "JUnit XML: one test case per criterion (gaps fail, waivers skip)"
    needs_details = True

    def render(self, report: PolicyReport) -> str:
        root = _root()
        _report_suites(root, report)
        return _document(root)

    def render_comparison(self, comparison: Comparison) -> str:
        root = _root()
        for city in comparison.cities:
            if city.report is not None:
                _report_suites(root, city.report, prefix=f"{city.path} ")
            elif not city.ok:
                suite = _element(root, "testsuite", {"name": f"{city.path} load"})
                case = _element(suite, "testcase", {"classname": "mgf-check", "name": "load",
                                                    "file": city.path, "time": "0"})
                _element(case, "error", {"message": city.error or "", "type": "load-error"},
                         city.error or "")
                _count(suite, ["error"])
        return _document(root)

    def render_diff(self, diff: PolicyDiff) -> str:
        root = _root()
        suite = _element(root, "testsuite", {"name": f"diff {diff.old.path} -> "
                                             f"{diff.new.path}"})
        kinds = list(_diff_cases(suite, diff))
        _count(suite, kinds)
        return _document(root)


def _diff_cases(suite: ET.Element, diff: PolicyDiff) -> Iterable[str]:
    new = {r.criterion.id: r for r in diff.new.results}
    for change in diff.changes:
        if change.kind == Change.UNCHANGED:
            continue
        c = change.criterion
        before, after = status_value(change.before), status_value(change.after)
        result = new.get(c.id)
        attrs: dict[str, object] = {"classname": c.framework, "name": f"{c.id} {c.title}",
                                    "file": diff.new.path}
        if result is not None and result.span is not None:
            attrs["line"] = result.span.line
        attrs["time"] = "0"
        case = _element(suite, "testcase", attrs)
        text = f"{change.kind}: {before} -> {after}"
        if change.kind == Change.OPENED:
            reason = result.reason if result is not None else text
            _element(case, "failure", {"message": f"gap opened: {before} -> {after}",
                                       "type": after}, f"{text}\n{reason}")
            yield "failure"
        else:
            _element(case, "system-out", {}, text)
            yield "pass"
