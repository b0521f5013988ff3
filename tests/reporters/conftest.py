"""Reports built through the real pipeline for the reporter tests.

Two catalogues are loaded: the bundled `migof` (it grows, so tests never count its results
exactly) and `tests/data/reporters/toy.yaml`, a small fixed catalogue whose statuses the tests
can count. The policy files in `tests/data/reporters/` carry text that must be escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mgf_check import comparison as compare
from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff, diff_reports
from mgf_check.errors import PolicyLoadError
from mgf_check.model import Framework, PolicyReport, Status
from mgf_check.pipeline import (
    CheckOptions,
    check_document,
    check_file,
    load_frameworks,
    load_policy,
)
from mgf_check.portfolio.summary import compare_portfolio

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
DATA = TESTS / "data" / "reporters"
#: Paths as a user would type them from the project root (reports keep them as given).
REL = "tests/data/reporters"
SHARED = TESTS.parent.parent / "shared"
SCREENSHOTS = ROOT / "test-output" / "screenshots"

#: What toy.yaml gives each city: the exact statuses the tests can rely on.
NORTH_TOY = {"TOY-1.1": Status.PARTIAL, "TOY-1.2": Status.NOT_STATED,
             "TOY-1.3": Status.OUT_OF_COMPETENCE, "TOY-2.1": Status.UNMET,
             "TOY-2.2": Status.MET, "TOY-2.3": Status.WAIVED}
SOUTH_TOY = {"TOY-1.1": Status.MET, "TOY-1.2": Status.MET, "TOY-1.3": Status.UNMET,
             "TOY-2.1": Status.MET, "TOY-2.2": Status.UNMET, "TOY-2.3": Status.NOT_STATED}
CITY_NORTH = "North | Bay <script>alert(1)</script>"


@dataclass(frozen=True)
class Fixtures:
    """Everything the reporter tests render."""

    north: PolicyReport
    south: PolicyReport
    north_next: PolicyReport
    unlocated: PolicyReport
    comparison: Comparison
    diff: PolicyDiff
    broken_error: str


@pytest.fixture(scope="session")
def reporter_frameworks() -> tuple[Framework, ...]:
    """migof (growing) and the fixed toy catalogue."""
    return load_frameworks(["migof", str(DATA / "toy.yaml")])


def _check(name: str, frameworks: tuple[Framework, ...]) -> PolicyReport:
    return check_file(DATA / f"{name}.yaml", frameworks, CheckOptions(by="gcm"),
                      f"{REL}/{name}.yaml")


@pytest.fixture(scope="session")
def built(reporter_frameworks: tuple[Framework, ...]) -> Fixtures:
    """The reports, the comparison and the diff, built once per session."""
    fw = reporter_frameworks
    north, south, north_next = (_check(n, fw) for n in ("north", "south", "north-2027"))
    doc = load_policy(DATA / "south.yaml", f"{REL}/south.yaml")
    unlocated = check_document(doc, fw, CheckOptions(), locate=False)
    with pytest.raises(PolicyLoadError) as failure:
        _check("broken", fw)
    error = str(failure.value)
    comparison = compare_portfolio(fw, [  # with the portfolio summary, as batches have
        compare.summarize(north, keep=True), compare.summarize(south, keep=True),
        compare.failed_row(f"{REL}/broken.yaml", error)])
    return Fixtures(north, south, north_next, unlocated, comparison,
                    diff_reports(north, north_next), error)


@pytest.fixture(scope="session")
def north(built: Fixtures) -> PolicyReport:
    """Every status in the toy catalogue, a waiver, a notice, escaping bait."""
    return built.north


@pytest.fixture(scope="session")
def south(built: Fixtures) -> PolicyReport:
    """A plainer city."""
    return built.south


@pytest.fixture(scope="session")
def comparison(built: Fixtures) -> Comparison:
    """north and south with full reports kept, and broken.yaml as a load failure."""
    return built.comparison


@pytest.fixture(scope="session")
def diff(built: Fixtures) -> PolicyDiff:
    """north.yaml -> north-2027.yaml: TOY-1.1/1.2 closed, TOY-2.2/2.3 opened."""
    return built.diff
