"""JUnit XML read back with junitparser: suites, cases, failures, skips, escaping."""

from __future__ import annotations

import pytest
from junitparser import Attr, Failure, IntAttr, JUnitXml, Skipped, TestCase, TestSuite

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport, Status
from mgf_check.reporters import get_reporter

from .conftest import CITY_NORTH, NORTH_TOY, REL, SOUTH_TOY


class LocatedCase(TestCase):
    """A test case with the file/line attributes CI tools read."""

    file = Attr()
    line = IntAttr()


def _parse(text: str) -> JUnitXml:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return JUnitXml.fromstring(text.encode("utf-8"))


def _suites(xml: JUnitXml) -> dict[str, TestSuite]:
    return {suite.name: suite for suite in xml}


def _cases(suite: TestSuite) -> dict[str, LocatedCase]:
    return {case.name.split(" ", 1)[0]: LocatedCase.fromelem(case) for case in suite}


def test_one_suite_per_framework_one_case_per_criterion(north: PolicyReport) -> None:
    xml = _parse(get_reporter("junit").render(north))
    suites = _suites(xml)
    assert set(suites) == {"migof", "toy"}
    migof = [r for r in north.results if r.criterion.framework == "migof"]
    assert suites["migof"].tests == len(migof) and len(list(suites["migof"])) == len(migof)
    toy = suites["toy"]
    assert (toy.tests, toy.failures, toy.skipped, toy.errors) == (6, 3, 2, 0)
    cases = _cases(toy)
    assert set(cases) == set(NORTH_TOY)
    for cid, status in NORTH_TOY.items():
        case = cases[cid]
        assert case.classname == "toy"
        assert case.file == f"{REL}/north.yaml"
        assert case.line is not None and case.line > 0
        if status in (Status.UNMET, Status.NOT_STATED, Status.PARTIAL):
            (failure,) = case.result
            assert isinstance(failure, Failure) and failure.type == status.value
        elif status in (Status.WAIVED, Status.OUT_OF_COMPETENCE):
            (skipped,) = case.result
            assert isinstance(skipped, Skipped) and status.value in (skipped.message or "")
        else:
            assert case.is_passed
    assert cases["TOY-1.2"].name == "TOY-1.2 Schools enrol every child <all> & always"
    assert cases["TOY-2.1"].line == 19
    totals = sum(s.failures for s in xml), sum(s.skipped for s in xml)
    assert (xml.failures, xml.skipped) == totals


def test_text_from_the_policy_survives_escaping(north: PolicyReport) -> None:
    xml = _parse(get_reporter("junit").render(north))
    toy = _suites(xml)["toy"]
    props = {p.name: p.value for p in toy.properties()}
    assert props["city"] == CITY_NORTH
    (failure,) = _cases(toy)["TOY-2.1"].result
    assert "=cmd|' /C calc'!A0 <b>&" in (failure.message or "")
    assert "<b>&" in (failure.text or "")


def test_control_characters_cannot_break_the_xml() -> None:
    from mgf_check.reporters.junit import xml_text

    assert xml_text("a\x00b\x1bc\td\n") == "a\ufffdb\ufffdc\td\n"


def test_comparison_has_a_suite_per_city_and_framework(comparison: Comparison) -> None:
    xml = _parse(get_reporter("junit").render_comparison(comparison))
    suites = _suites(xml)
    assert {f"{REL}/north.yaml toy", f"{REL}/south.yaml toy", f"{REL}/north.yaml migof",
            f"{REL}/south.yaml migof", f"{REL}/broken.yaml load"} == set(suites)
    south = suites[f"{REL}/south.yaml toy"]
    failing = {c for c, s in SOUTH_TOY.items() if s is not Status.MET}
    assert south.failures == len(failing)
    assert {cid for cid, case in _cases(south).items() if case.is_failure} == failing
    broken = suites[f"{REL}/broken.yaml load"]
    assert broken.errors == 1 and xml.errors == 1
    (case,) = list(broken)
    assert case.is_error


@pytest.mark.parametrize("kind", ["opened", "closed"])
def test_diff_has_a_case_per_changed_criterion(diff: PolicyDiff, kind: str) -> None:
    xml = _parse(get_reporter("junit").render_diff(diff))
    (suite,) = list(xml)
    cases = _cases(suite)
    changed = {c.criterion.id for c in diff.changes if c.kind != "unchanged"}
    assert set(cases) == changed
    wanted = {c.criterion.id for c in diff.changes if c.kind == kind}
    assert {"opened": {"TOY-2.2", "TOY-2.3"}, "closed": {"TOY-1.1", "TOY-1.2"}}[kind] <= wanted
    for cid in wanted:
        assert cases[cid].is_failure is (kind == "opened")
    assert suite.failures == len({c.criterion.id for c in diff.changes if c.kind == "opened"})
