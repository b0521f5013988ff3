"""`--format sarif`: SARIF 2.1.0, one rule per criterion and one result per gap."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mgf_check import __version__
from mgf_check.errors import Problem, parse_rendered
from mgf_check.model import (
    Change,
    Criterion,
    CriterionResult,
    JSONDict,
    PolicyReport,
    Priority,
    Span,
)
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.neutral import markdown, safe_url
from mgf_check.reporters.rows import detailed_reports, gaps, is_gap, source_text

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
VERSION = "2.1.0"
FINGERPRINT = "mgfCheck/v1"
LOAD_ERROR = "load-error"


def fingerprint(path: str, criterion: str) -> str:
    """A stable fingerprint of one finding: sha256 of `path|criterion`, hex."""
    return hashlib.sha256(f"{path}|{criterion}".encode()).hexdigest()


def artifact_uri(path: str) -> dict[str, str]:
    """An artifactLocation for a path as given: relative paths resolve against %SRCROOT%."""
    location = {"uri": quote(path, safe="/:@!$&'()*+,;=-._~")}
    if not path.startswith("/") and ":" not in path.split("/")[0]:
        location["uriBaseId"] = "%SRCROOT%"
    return location


def _camel(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title))


def rule(criterion: Criterion, source: str) -> JSONDict:
    """The reportingDescriptor of one criterion."""
    c = criterion
    tags = [c.framework, f"{c.framework}/{c.group}", c.priority.value]
    tags += [f"{k}:{v}" for k in sorted(c.refs) for v in c.refs[k]]
    out: dict[str, Any] = {
        "id": c.id,
        "name": _camel(c.title) or c.id,
        "shortDescription": {"text": c.title},
        "fullDescription": {"text": c.question},
        "help": {"text": f"{c.recommendation}\n\nSource: {source}",
                 "markdown": f"**What to do:** {_md(c.recommendation)}\n\n**Met when:** "
                             f"{_md(c.met_means)}\n\n**Source:** {_md(source)}"},
        "defaultConfiguration": {"level": "error" if c.priority is Priority.CORE
                                 else "warning"},
        "properties": {"framework": c.framework, "group": c.group,
                       "priority": c.priority.value, "weight": c.weight, "tags": tags},
    }
    url = safe_url(c.derived_from.get("url"))
    if url:
        out["helpUri"] = url
    return out


def _md(text: str) -> str:
    """Catalogue or saved-report text inside `help.markdown`: Markdown's own rule."""
    from mgf_check.reporters.markdown_text import md

    return md(markdown(text))


def _load_error_rule() -> dict[str, Any]:
    return {"id": LOAD_ERROR, "name": "LoadError",
            "shortDescription": {"text": "The policy file could not be checked"},
            "fullDescription": {"text": "The file could not be read, parsed or validated "
                                        "against the policy schema, so no criterion was "
                                        "checked."},
            "defaultConfiguration": {"level": "error"}}


def _region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line,
            "endColumn": span.end_column}


def result(report: PolicyReport, r: CriterionResult, index: int,
           level: str = "warning") -> JSONDict:
    """The SARIF result of one gap; `level` is `error` for what fails the gate."""
    c = r.criterion
    physical: dict[str, Any] = {"artifactLocation": artifact_uri(report.path)}
    if r.span is not None:
        physical["region"] = _region(r.span)
    return {
        "ruleId": c.id,
        "ruleIndex": index,
        "kind": "fail",
        "level": level,
        "message": {"text": f"{r.status.value} ({c.priority.value}): {r.reason}. "
                            f"Recommendation: {c.recommendation}"},
        "locations": [{"physicalLocation": physical,
                       "logicalLocations": [{"fullyQualifiedName": r.pointer or "/",
                                             "kind": "member"}]}],
        "partialFingerprints": {FINGERPRINT: fingerprint(report.path, c.id)},
        "properties": {"status": r.status.value, "priority": c.priority.value,
                       "framework": c.framework, "group": c.group,
                       "city": str(report.city.get("name", ""))},
    }


class _Run:
    """Collects rules (first seen wins, in order) and results for one SARIF run."""

    def __init__(self) -> None:
        self.rules: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.results: list[dict[str, Any]] = []

    def add_rules(self, results: Iterable[CriterionResult]) -> None:
        """A rule for every criterion not seen yet."""
        for r in results:
            if r.criterion.id not in self.index:
                self.index[r.criterion.id] = len(self.rules)
                self.rules.append(rule(r.criterion, source_text(r)))

    def add(self, report: PolicyReport, found: Sequence[CriterionResult],
            failing: frozenset[tuple[str, str]] = frozenset()) -> None:
        """The rules of a report's criteria, and a result for each of `found` (an error when
        it is in `failing`, a warning otherwise)."""
        self.add_rules(report.results)
        self.results += [result(report, r, self.index[r.criterion.id],
                                "error" if (report.path, r.criterion.id) in failing
                                else "warning") for r in found]

    def load_error(self, path: str, error: str | Sequence[Problem]) -> None:
        """`load-error` results for a file that could not be checked: one per problem, each
        with its region when the problem has a position."""
        if LOAD_ERROR not in self.index:
            self.index[LOAD_ERROR] = len(self.rules)
            self.rules.append(_load_error_rule())
        problems = parse_rendered(error) if isinstance(error, str) else error
        for i, p in enumerate(problems or [Problem(path, None, "could not be checked")]):
            physical: dict[str, Any] = {"artifactLocation": artifact_uri(p.path or path)}
            if p.span is not None:
                physical["region"] = _region(p.span)
            text = f"{p.message} (how to fix: {p.hint})" if p.hint else p.message
            self.results.append({
                "ruleId": LOAD_ERROR, "ruleIndex": self.index[LOAD_ERROR], "kind": "fail",
                "level": "error", "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {FINGERPRINT: fingerprint(p.path or path,
                                                                 f"{LOAD_ERROR}/{i}")}})

    def log(self) -> str:
        """The SARIF log as JSON text."""
        run = {
            "tool": {"driver": {"name": "mgf-check", "version": __version__,
                                "semanticVersion": __version__, "rules": self.rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {
                "text": "The directory mgf-check was run from; policy paths are relative "
                        "to it."}}},
            "results": self.results,
            "columnKind": "unicodeCodePoints",
        }
        data = {"$schema": SCHEMA, "version": VERSION, "runs": [run]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log for code-scanning tools: rules are criteria, results are gaps."""

    name = "sarif"
    suffix = ".sarif"
    description = "SARIF 2.1.0 for code scanning (one rule per criterion, one result per gap)"
    needs_details = True

    def render(self, report: PolicyReport) -> str:
        run = _Run()
        run.add(report, gaps(report), self.options.failing)
        return run.log()

    def render_comparison(self, comparison: Comparison) -> str:
        run = _Run()
        for report in detailed_reports(comparison):
            run.add(report, gaps(report), self.options.failing)
        for city in comparison.cities:
            if not city.ok:
                run.load_error(city.path, city.error or "could not be checked")
        return run.log()

    def render_diff(self, diff: PolicyDiff) -> str:
        opened = {c.criterion.id for c in diff.changes if c.kind == Change.OPENED}
        run = _Run()
        run.add(diff.new, [r for r in gaps(diff.new) if r.criterion.id in opened and is_gap(r)],
                self.options.failing)
        return run.log()


def problems_log(files: Iterable[tuple[str, Sequence[Problem]]]) -> str:
    """A SARIF log of invalid files (`validate --format sarif`, a failed `check`)."""
    run = _Run()
    for path, problems in files:
        if problems:
            run.load_error(path, problems)
    return run.log()
