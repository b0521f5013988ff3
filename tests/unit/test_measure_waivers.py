"""Waivers of a measure: one decision covers every criterion that reads the measure."""

from __future__ import annotations

from typing import Any

import yaml

from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Status
from mgf_check.pipeline import CheckOptions, check_document
from mgf_check.schema import validation as schema

from .helpers import tiny_framework

BASE = "schema_version: 1\ncity: {name: X, country: XX}\nassessment: {date: 2026-01-01}\n"


def waiver(**kw: Any) -> dict[str, Any]:
    return {"reason": "national law", "approved_by": "Council", "expires": "2027-01-01", **kw}


def statuses(*waivers: dict[str, Any]) -> tuple[dict[str, Status], list[str]]:
    text = BASE + "rights: {health: {status: none}}\n" + yaml.safe_dump({"waivers": list(waivers)})
    doc = load_text(text, "city.yaml")
    assert schema.validate(doc, "policy") == []
    report = check_document(doc, [tiny_framework()], CheckOptions())
    return ({r.criterion.id: r.status for r in report.results},
            [n.message for n in report.notices])


def test_a_measure_waiver_covers_criteria_reading_that_measure() -> None:
    found, notices = statuses(waiver(measure="/rights/health"))
    assert found == {"TINY-1": Status.WAIVED, "TINY-2": Status.NOT_STATED} and notices == []
    broader, _ = statuses(waiver(measure="/rights"))
    assert broader["TINY-1"] is Status.WAIVED


def test_an_expired_measure_waiver_no_longer_applies_and_ids_win() -> None:
    found, _ = statuses(waiver(measure="/rights/health", expires="2025-01-01"))
    assert found["TINY-1"] is Status.UNMET
    doc = load_text(BASE + "rights: {health: {status: none}}\n" + yaml.safe_dump({"waivers": [
        waiver(measure="/rights/health", reason="by measure"),
        waiver(criterion="TINY-1", reason="by id")]}), "city.yaml")
    (result, _) = check_document(doc, [tiny_framework()], CheckOptions()).results
    assert result.waiver is not None and result.waiver.reason == "by id"


def test_a_measure_no_criterion_reads_gets_a_notice_with_a_suggestion() -> None:
    _, notices = statuses(waiver(measure="/rights/helth"))
    assert notices == ["waiver for /rights/helth, which no loaded criterion reads "
                       "(did you mean /rights/health?)"]


def test_a_waiver_names_exactly_one_of_criterion_or_measure() -> None:
    text = BASE + yaml.safe_dump({"waivers": [waiver(), waiver(criterion="TINY-1",
                                                               measure="/rights/health")]})
    problems = schema.validate(load_text(text, "city.yaml"), "policy")
    assert [(p.span.line if p.span else None, p.message) for p in problems] == [
        (5, "/waivers/0 needs `criterion:` or `measure:`"),
        (8, "/waivers/1 has both 'criterion' and 'measure'")]
