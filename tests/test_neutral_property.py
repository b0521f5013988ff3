"""Property: whatever text sits in any free-text field (city name, file path, reasons,
catalogue titles and recommendations, waivers), every format keeps its own rules in the
single, comparison and diff views. A few dozen examples here; `scripts/fuzz_outputs.py`
runs the same property for as long as you like."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgf_check.comparison import compare, summarize
from mgf_check.diff import diff_reports as diff
from mgf_check.model import PolicyReport
from mgf_check.pipeline import CheckOptions, check_file, load_frameworks
from mgf_check.reporters import REPORTERS, get_reporter
from tests import hostile_corpus as hc

DATA = Path(__file__).parent / "data" / "reporters"

#: Characters that matter to some format, and ordinary text around them.
DANGER = list("\n\r\x0b\x0c\x1b\x00\x07\x7f\x85\x9b\u2028\u2029\u202e\u2066[]/:#@;=+-<>&|*_`%\t ")
hostile_text = st.one_of(
    st.sampled_from(hc.CORPUS),
    st.text(st.sampled_from(DANGER + list("abc:/x.")), max_size=24),
    st.lists(st.sampled_from(["::", "##[", "\n", "\r", "@team", "https://evil.example",
                              "[/x]", "=1+1", ";", "\x1b[2J", "\u202e", "error", " "]),
             max_size=8).map("".join),
)


@pytest.fixture(scope="module")
def base() -> PolicyReport:
    frameworks = load_frameworks([str(DATA / "toy.yaml")])
    return check_file(DATA / "north.yaml", frameworks, CheckOptions(), "north.yaml")


def poisoned(report: PolicyReport, texts: list[str]) -> PolicyReport:
    """`report` with hostile text in every kind of free-text field."""
    first, *rest = report.results
    criterion = dataclasses.replace(first.criterion, title=texts[0], recommendation=texts[1],
                                    question=texts[2])
    results = (dataclasses.replace(first, criterion=criterion, reason=texts[3]), *rest)
    framework = report.frameworks[0]
    group = dataclasses.replace(framework.groups[0], title=texts[4])
    frameworks = (dataclasses.replace(framework, groups=(group, *framework.groups[1:]),
                                      framework=dataclasses.replace(framework.framework,
                                                                    title=texts[5])),)
    waivers = tuple(dataclasses.replace(w, reason=texts[6]) for w in report.waivers)
    return dataclasses.replace(report, path=texts[7], city={**report.city, "name": texts[8]},
                               results=results, frameworks=frameworks, waivers=waivers)


def outputs(report: PolicyReport, other: PolicyReport) -> dict[str, Any]:
    frameworks = tuple(f.framework for f in report.frameworks)
    comparison = compare(frameworks, [summarize(report, keep=True),
                                      summarize(other, keep=True)])
    out = {}
    for fmt in REPORTERS:
        reporter = get_reporter(fmt)
        out[f"{fmt} single"] = reporter.render(report)
        out[f"{fmt} comparison"] = "".join(get_reporter(fmt).stream_comparison(comparison))
        out[f"{fmt} diff"] = get_reporter(fmt).render_diff(diff(other, report))
    return out


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(hostile_text, min_size=9, max_size=9))
def test_every_format_keeps_its_rules_for_any_text(base: PolicyReport,
                                                   texts: list[str]) -> None:
    report = poisoned(base, texts)
    for name, text in outputs(report, base).items():
        if text:
            hc.RULES[name.split()[0]](text)
