"""SARIF 2.1.0: every log validates against the official schema; rules, results, places."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mgf_check import __version__
from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport, Status
from mgf_check.reporters import RenderOptions, get_reporter

from .conftest import NORTH_TOY, REL, SOUTH_TOY, Fixtures

#: The official schema, vendored with its notice (tests/data/sarif/NOTICE.md).
SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    """A Draft 4 validator for the official SARIF 2.1.0 schema (a missing file fails the
    tests: SARIF output must never go unvalidated)."""
    assert SCHEMA.is_file(), f"the vendored SARIF schema is missing: {SCHEMA}"
    from jsonschema import Draft4Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def _valid(validator: Any, text: str) -> dict[str, Any]:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def _sha(path: str, criterion: str) -> str:
    return hashlib.sha256(f"{path}|{criterion}".encode()).hexdigest()


def _toy(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in results if r["ruleId"].startswith("TOY-")}


def test_single_report_is_valid_sarif_with_one_rule_per_criterion(
        validator: Any, north: PolicyReport) -> None:
    log = _valid(validator, get_reporter("sarif").render(north))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mgf-check" and driver["version"] == __version__
    assert run["columnKind"] == "unicodeCodePoints"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.criterion.id for r in north.results]
    toy = {r["id"]: r for r in rules if r["id"].startswith("TOY-")}
    assert toy["TOY-1.1"]["helpUri"] == "https://example.org/toy/health"
    assert "helpUri" not in toy["TOY-1.2"]
    assert toy["TOY-1.2"]["shortDescription"]["text"] == "Schools enrol every child <all> & always"
    assert toy["TOY-2.1"]["properties"]["priority"] == "core"
    assert toy["TOY-2.1"]["properties"]["framework"] == "toy"
    assert toy["TOY-2.1"]["properties"]["group"] == "G2"
    assert "Adopt a strategy" in toy["TOY-2.1"]["help"]["text"]
    assert "Source:" in toy["TOY-2.1"]["help"]["markdown"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_are_the_gaps_with_levels_locations_and_fingerprints(
        validator: Any, north: PolicyReport) -> None:
    failing = frozenset({(north.path, "TOY-2.1"), (north.path, "TOY-1.2")})
    run = _valid(validator, get_reporter("sarif", RenderOptions(failing=failing))
                 .render(north))["runs"][0]
    toy = _toy(run["results"])
    gaps = {c for c, s in NORTH_TOY.items() if s in (Status.UNMET, Status.NOT_STATED,
                                                      Status.PARTIAL)}
    assert set(toy) == gaps  # met, waived and out-of-competence are not results
    assert toy["TOY-2.1"]["level"] == "error"       # fails the gate
    assert toy["TOY-1.2"]["level"] == "error"       # fails the gate
    assert toy["TOY-1.1"]["level"] == "warning"     # a gap that does not fail the run
    passing = _toy(json.loads(get_reporter("sarif").render(north))["runs"][0]["results"])
    assert {r["level"] for r in passing.values()} == {"warning"}
    path = f"{REL}/north.yaml"
    by_id = {r.criterion.id: r for r in north.results}
    for cid, res in toy.items():
        (location,) = res["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": path, "uriBaseId": "%SRCROOT%"}
        span = by_id[cid].span
        assert span is not None
        assert physical["region"] == {"startLine": span.line, "startColumn": span.column,
                                      "endLine": span.end_line, "endColumn": span.end_column}
        assert res["partialFingerprints"] == {"mgfCheck/v1": _sha(path, cid)}
        assert by_id[cid].reason in res["message"]["text"]
        assert by_id[cid].criterion.recommendation in res["message"]["text"]
    assert toy["TOY-2.1"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 19


def test_results_without_a_position_have_no_region(validator: Any, built: Fixtures) -> None:
    run = _valid(validator, get_reporter("sarif").render(built.unlocated))["runs"][0]
    assert run["results"]
    for res in run["results"]:
        physical = res["locations"][0]["physicalLocation"]
        assert "region" not in physical
        assert physical["artifactLocation"]["uri"] == f"{REL}/south.yaml"


def test_fingerprints_are_stable_across_rounds(validator: Any, north: PolicyReport,
                                               diff: PolicyDiff) -> None:
    """The same (path, criterion) keeps its fingerprint even when its line moves."""
    first = _toy(_valid(validator, get_reporter("sarif").render(north))["runs"][0]["results"])
    again = _toy(_valid(validator, get_reporter("sarif").render(diff.old))["runs"][0]["results"])
    assert {k: v["partialFingerprints"] for k, v in first.items()} == \
        {k: v["partialFingerprints"] for k, v in again.items()}


def test_comparison_puts_every_city_in_one_run_and_load_errors_as_results(
        validator: Any, comparison: Comparison) -> None:
    log = _valid(validator, get_reporter("sarif").render_comparison(comparison))
    (run,) = log["runs"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris == {f"{REL}/north.yaml", f"{REL}/south.yaml", f"{REL}/broken.yaml"}
    south = {r["ruleId"] for r in run["results"] if r["locations"][0]["physicalLocation"]
             ["artifactLocation"]["uri"].endswith("south.yaml") and r["ruleId"][:4] == "TOY-"}
    assert south == {c for c, s in SOUTH_TOY.items() if s is not Status.MET}
    errors = [r for r in run["results"] if r["ruleId"] == "load-error"]
    assert len(errors) == 1 and errors[0]["level"] == "error"
    assert "assessment" in errors[0]["message"]["text"]
    assert errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) and "load-error" in ids


def test_diff_reports_the_opened_gaps_in_the_new_file(validator: Any,
                                                       diff: PolicyDiff) -> None:
    run = _valid(validator, get_reporter("sarif").render_diff(diff))["runs"][0]
    toy = _toy(run["results"])
    assert set(toy) == {"TOY-2.2", "TOY-2.3"}
    for res in toy.values():
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
            f"{REL}/north-2027.yaml"
    opened = {c.criterion.id for c in diff.changes if c.kind == "opened"}
    assert {r["ruleId"] for r in run["results"]} <= opened


def test_no_timestamps_or_absolute_paths(north: PolicyReport) -> None:
    text = get_reporter("sarif").render(north)
    for key in ("startTimeUtc", "endTimeUtc", "timeUtc", "file://"):
        assert key not in text
    assert str(Path.cwd()) not in text


def test_invalid_files_are_load_errors_with_regions(validator: Any) -> None:
    from mgf_check.errors import Problem
    from mgf_check.model import Span
    from mgf_check.reporters.sarif import problems_log

    problems = [Problem("a.yaml", Span(3, 20, 3, 30), "not a valid date", "write YYYY-MM-DD"),
                Problem("a.yaml", None, "the file is empty")]
    (run,) = _valid(validator, problems_log([("a.yaml", problems), ("b.yaml", [])]))["runs"]
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in run["results"]]
    assert regions == [{"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 30}, None]
    assert run["results"][0]["message"]["text"] == \
        "not a valid date (how to fix: write YYYY-MM-DD)"
