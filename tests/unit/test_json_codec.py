"""The report JSON codec: `to_dict` writes what the evaluator decided (summary, statuses,
reasons, spans, waivers, notices, view, measures); `from_dict` reads it back so that it
re-encodes byte for byte; comparisons survive the same round trip; a saved report of another
version or kind is refused with an error naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mgf_check.app import _diff_side, read_saved_report
from mgf_check.baseline import from_saved, read_report
from mgf_check.comparison import compare, failed_row, summarize
from mgf_check.errors import ConfigError, UsageError
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Notice, PolicyReport, Priority, Span, Status, Waiver
from mgf_check.pipeline import CheckOptions, check_document
from mgf_check.reporters.json_codec import (
    REPORT_VERSION,
    comparison_from_dict,
    comparison_to_dict,
    from_dict,
    schema_problem,
    to_dict,
    version_problem,
)
from tests.unit.helpers import tiny_framework

#: Partial health care, a current waiver of TINY-2 and a waiver of an unknown criterion.
WAIVED = """\
schema_version: 1
city: {name: Riverside, country: XX}
assessment: {date: '2026-01-01'}
rights:
  health:
    status: pilot
    name: Clinic access
waivers:
  - criterion: TINY-2
    reason: budget cycle
    approved_by: Council
    expires: '2026-12-31'
  - criterion: TINY-9
    reason: typo
    approved_by: Council
    expires: '2026-12-31'
"""

#: Met health care; an unmet office whose waiver expired before the assessment date.
EXPIRED = """\
schema_version: 1
city: {name: Lakeside, country: YY}
assessment: {date: '2026-01-01'}
rights:
  health: {status: implemented, scope: everyone}
governance:
  migrant_office: {status: none}
waivers:
  - criterion: TINY-2
    reason: old plan
    approved_by: Mayor
    expires: '2025-06-30'
"""

#: No competence over health, nothing about the office (not stated), waivers ignored.
NO_COMPETENCE = """\
schema_version: 1
city:
  name: Hillside
  country: ZZ
  competences: {health: none}
assessment: {date: '2026-01-01'}
"""


def check(text: str, *, by: str | None = None, ignore_waivers: bool = False) -> PolicyReport:
    return check_document(load_text(text, "city.yaml"), [tiny_framework()],
                          CheckOptions(frameworks=("tiny",), by=by,
                                       ignore_waivers=ignore_waivers))


def encode(report: PolicyReport) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def decided(report: PolicyReport) -> list[tuple[Any, ...]]:
    return [(r.criterion.id, r.status, r.reason, r.pointer, r.span, r.waiver)
            for r in report.results]


@pytest.mark.parametrize(("text", "by", "ignore", "statuses"), [
    (WAIVED, "gcm", False, [Status.PARTIAL, Status.WAIVED]),
    (EXPIRED, None, False, [Status.MET, Status.UNMET]),
    (NO_COMPETENCE, "sdg", True, [Status.OUT_OF_COMPETENCE, Status.NOT_STATED]),
])
def test_round_trip_re_encodes_byte_identically(text: str, by: str | None, ignore: bool,
                                               statuses: list[Status]) -> None:
    report = check(text, by=by, ignore_waivers=ignore)
    assert [r.status for r in report.results] == statuses
    saved = encode(report)
    back = from_dict(json.loads(saved))
    assert encode(back) == saved
    assert decided(back) == decided(report)
    assert back.waivers == report.waivers
    assert back.notices == report.notices
    assert back.waivers_ignored is ignore
    assert (back.path, back.as_of, dict(back.city)) == (report.path, "2026-01-01",
                                                         dict(report.city))


def test_round_trip_keeps_statuses_reasons_spans_and_waivers() -> None:
    back = from_dict(json.loads(encode(check(WAIVED, by="gcm"))))
    health, office = back.results
    assert (health.status, health.pointer, health.span) == (
        Status.PARTIAL, "/rights/health/status", Span(6, 13, 6, 18))
    assert health.reason == ("/rights/health/status is 'pilot'; not met because "
                             "/rights/health/status is 'pilot', expected 'implemented'; "
                             "/rights/health/scope is not stated")
    budget = Waiver("TINY-2", "budget cycle", "Council", "2026-12-31", False, "/waivers/0")
    assert (office.status, office.pointer, office.waiver) == (Status.WAIVED, "/waivers/0",
                                                              budget)
    assert office.reason == "waived until 2026-12-31: budget cycle (approved by Council)"
    assert back.waivers == (budget, Waiver("TINY-9", "typo", "Council", "2026-12-31", False,
                                           "/waivers/1"))
    assert back.notices == (Notice("waiver for TINY-9, which no loaded framework has "
                                   "(did you mean TINY-2?)", "/waivers/1/criterion",
                                   Span(13, 16, 13, 22)),)
    assert back.view is not None
    assert (back.view.by, [(g.id, g.score, g.criteria) for g in back.view.groups]) == (
        "gcm", [("O15", 50.0, ("TINY-1", "TINY-2")), ("O16", 50.0, ("TINY-1",))])
    assert back.measures == {"/rights/health": {"name": "Clinic access", "status": "pilot"}}


def test_an_expired_waiver_stays_attached_to_the_scored_result() -> None:
    back = from_dict(json.loads(encode(check(EXPIRED))))
    office = back.results[1]
    assert office.status is Status.UNMET
    assert office.waiver == Waiver("TINY-2", "old plan", "Mayor", "2025-06-30", True,
                                   "/waivers/0")
    assert office.reason.endswith(" [waiver expired on 2025-06-30, so the criterion is scored]")


def test_summary_and_scores_are_written_as_decided() -> None:
    data = to_dict(check(EXPIRED))
    assert (data["report_version"], data["kind"]) == (REPORT_VERSION, "check")
    assert data["summary"] == {
        "criteria": 2,
        "counts": {"met": 1, "partial": 0, "unmet": 1, "not-stated": 0, "waived": 0,
                   "out-of-competence": 0, "not-applicable": 0},
        "gaps": 1, "documented": {"stated": 2, "assessed": 2, "share": 100.0}}
    (tiny,) = data["frameworks"]
    assert (tiny["id"], tiny["score"]) == ("tiny", 50.0)  # mean of G1 (100) and G2 (0)
    assert [(g["id"], g["score"], g["criteria"]) for g in tiny["groups"]] == [
        ("G1", 100.0, ["TINY-1"]), ("G2", 0.0, ["TINY-2"])]
    assert data["results"][0]["location"] == {
        "path": "city.yaml", "pointer": "/rights/health/status",
        "span": {"line": 5, "column": 20, "end_line": 5, "end_column": 31}}


def test_a_blank_file_is_documented_as_zero_stated() -> None:
    data = to_dict(check(NO_COMPETENCE))
    # out-of-competence leaves the denominator; the office is assessed but not stated
    assert data["summary"]["documented"] == {"stated": 0, "assessed": 1, "share": 0.0}
    assert data["summary"]["gaps"] == 1
    assert [g["documented"]["share"] for g in data["frameworks"][0]["groups"]] == [None, 0.0]


def test_a_reloaded_report_keeps_criteria_and_frameworks_but_cannot_be_re_evaluated() -> None:
    back = from_dict(to_dict(check(WAIVED)))
    health = back.results[0].criterion
    assert (health.priority, health.weight, health.competence) == (Priority.CORE, 2.0, "health")
    assert health.refs == {"gcm": ("O15", "O16"), "sdg": ("3.8",)}
    (score,) = back.frameworks
    assert [c.id for c in score.framework.criteria] == ["TINY-1", "TINY-2"]
    assert [(g.id, g.title) for g in score.framework.groups] == [("G1", "First group"),
                                                                 ("G2", "Second group")]
    assert (score.score, score.counts[Status.WAIVED]) == (50.0, 1)
    # what each criterion says is back; what it checks is not (nothing stands in for it)
    assert health.conditions is None
    with pytest.raises(ValueError, match="read back from a saved report: it has no conditions"):
        health.compiled  # noqa: B018 (the property raises)


def test_a_comparison_round_trips_with_failed_rows_and_links() -> None:
    rows = [summarize(check(EXPIRED)), failed_row("broken.yaml", "broken.yaml:1:1: bad"),
            summarize(check(NO_COMPETENCE))]
    comparison = compare([tiny_framework()], rows, sort="score", as_of="2026-01-01")
    data = comparison_to_dict(comparison)
    assert data["summary"] == {"cities": 3, "failed": 1}
    assert [(c["name"], c["mean"]) for c in data["cities"]] == [
        ("Lakeside", 50.0), ("Hillside", 0.0), ("", None)]
    text = json.dumps(data)
    back = comparison_from_dict(json.loads(text))
    assert json.dumps(comparison_to_dict(back)) == text
    assert [(c.name, c.error, c.gaps) for c in back.cities] == [
        ("Lakeside", None, ("TINY-2",)), ("Hillside", None, ("TINY-2",)),
        ("", "broken.yaml:1:1: bad", ())]
    assert back.cities[0].documented == {"tiny": (2, 2)}


@pytest.mark.parametrize(("data", "problem"), [
    ({"report_version": 2}, None),
    ({}, None),  # no version: left to the schema
    ({"report_version": "1"}, None),
    ([], None),
    ({"report_version": 1}, "report version 1; this mgf-check reads version 2 (version 2 "
     "added the documented share, the recorded measures and the actions)"),
    ({"report_version": 3}, "report version 3; this mgf-check reads version 2 (version 2 "
     "added the documented share, the recorded measures and the actions)"),
])
def test_version_problem(data: Any, problem: str | None) -> None:
    assert version_problem(data) == problem


def save(folder: Path, data: Any, name: str = "report.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_old_saved_report_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = to_dict(check(WAIVED)) | {"report_version": 1}
    path = save(tmp_path, data)
    with pytest.raises(UsageError) as info:
        read_saved_report(path)
    (problem,) = info.value.problems
    assert (problem.path, problem.span) == (path.as_posix(), None)
    assert problem.message.startswith("report version 1; this mgf-check reads version 2 ")
    assert problem.hint == "re-create it with `mgf-check check --format json`"
    with pytest.raises(ConfigError) as baseline:
        read_report(path)
    assert baseline.value.problems[0].path == path.as_posix()
    assert baseline.value.problems[0].rule == "baseline"


def test_a_report_the_schema_refuses_is_located_without_repeating_it(tmp_path: Path) -> None:
    data = to_dict(check(WAIVED))
    data["results"][0]["location"]["span"]["line"] = 0
    with pytest.raises(UsageError) as info:
        read_saved_report(save(tmp_path, data))
    (problem,) = info.value.problems
    assert problem.message == ("not a valid mgf-check report (results/0/location/span/line): "
                               "fails 'minimum' 1")
    assert problem.hint == "re-create it with `mgf-check check --format json`"


@pytest.mark.parametrize(("key", "value", "where"), [
    ("status", "done", "results/1/status"),
    ("waivers_ignored", "no", "waivers_ignored"),
])
def test_a_check_report_the_schema_refuses_is_located_at_the_bad_value(
        tmp_path: Path, key: str, value: str, where: str) -> None:
    data = to_dict(check(WAIVED))
    if key == "status":
        data["results"][1]["status"] = value
    else:
        data[key] = value
    with pytest.raises(UsageError) as info:
        read_saved_report(save(tmp_path, data))
    assert info.value.problems[0].message.startswith(f"not a valid mgf-check report ({where}): ")


def test_a_baseline_the_schema_refuses_is_located_at_the_bad_value(tmp_path: Path) -> None:
    data = to_dict(check(WAIVED))
    data["results"][1]["status"] = "done"
    with pytest.raises(ConfigError) as info:
        read_report(save(tmp_path, data))
    assert info.value.problems[0].message.startswith(
        "not a valid mgf-check report (results/1/status): fails 'enum' [\"met\", ")


def test_a_report_of_another_kind_is_refused_where_one_policy_is_needed(
        tmp_path: Path) -> None:
    comparison = comparison_to_dict(compare([tiny_framework()], [summarize(check(WAIVED))]))
    path = save(tmp_path, comparison, "portfolio.json")
    with pytest.raises(UsageError) as info:
        _diff_side(path, [tiny_framework()], CheckOptions(frameworks=("tiny",)))
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == (
        path.as_posix(), "diff needs a single-policy report (kind 'check'), not 'comparison'")
    with pytest.raises(ConfigError) as baseline:
        read_report(path)
    assert baseline.value.problems[0].message == \
        "a comparison report has no per-criterion statuses"
    assert read_report(path, others=True) is None  # skipped when reading a folder


def test_a_saved_report_is_a_baseline_with_the_same_results(tmp_path: Path) -> None:
    report = check(EXPIRED)
    baseline = from_saved(save(tmp_path, to_dict(report)))
    assert baseline.lone is not None
    assert decided(baseline.lone) == decided(report)
    assert baseline.for_path("elsewhere.yaml", lone_run=True) is baseline.lone
    assert baseline.for_path("elsewhere.yaml") is None


KINDS = "a report's kind is one of check, comparison, diff"


@pytest.mark.parametrize(("data", "problem"), [
    ([], "not a valid mgf-check report (top level): not a JSON object"),
    (None, "not a valid mgf-check report (top level): not a JSON object"),
    ({}, f"not a valid mgf-check report (kind): missing or unknown; {KINDS}"),
    ({"kind": ["check"]}, f"not a valid mgf-check report (kind): missing or unknown; {KINDS}"),
    ({"kind": "weird"}, f"not a valid mgf-check report (kind): 'weird'; {KINDS}"),
])
def test_what_is_not_a_report_of_a_known_kind_says_so(data: Any, problem: str) -> None:
    assert schema_problem(data) == problem


def test_each_kind_is_judged_by_its_own_schema() -> None:
    report = to_dict(check(WAIVED))
    assert schema_problem(report) is None
    comparison = comparison_to_dict(compare([tiny_framework()], [summarize(check(WAIVED))]))
    assert schema_problem(comparison) is None
    comparison["cities"][0]["mean"] = "high"
    assert str(schema_problem(comparison)).startswith(
        "not a valid mgf-check report (cities/0/mean): fails 'type'")

