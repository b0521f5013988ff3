"""The presentation model: documented share, action plan, one wording; old reports refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mgf_check.model import PolicyReport, Status
from mgf_check.reporters import get_reporter
from mgf_check.reporters.view import report_view
from mgf_check.scoring import documented


def test_documented_share_tells_a_blank_group_from_a_weak_one() -> None:
    weak = {Status.MET: 0, Status.PARTIAL: 0, Status.UNMET: 4, Status.NOT_STATED: 0,
            Status.WAIVED: 2}
    blank = {Status.MET: 0, Status.PARTIAL: 0, Status.UNMET: 0, Status.NOT_STATED: 4,
             Status.NOT_APPLICABLE: 1}
    assert documented(weak) == (4, 4)   # low score, fully documented: a weak policy
    assert documented(blank) == (0, 4)  # low score, nothing documented: a blank file


def test_every_group_and_framework_shows_its_documented_share(north: PolicyReport) -> None:
    data = json.loads(get_reporter("json").render(north))
    assert data["report_version"] == 2
    for framework in data["frameworks"]:
        for group in [framework, *framework["groups"]]:
            c = group["counts"]
            assessed = c["met"] + c["partial"] + c["unmet"] + c["not-stated"]
            assert group["documented"]["assessed"] == assessed
            assert group["documented"]["stated"] == assessed - c["not-stated"]
    for fmt in ("terminal", "markdown", "html"):
        assert "documented" in get_reporter(fmt).render(north)


def test_actions_group_gaps_by_measure_and_blanks_stand_apart(north: PolicyReport) -> None:
    view = report_view(north)
    in_actions = [c.id for a in view.actions for c in a.criteria]
    in_blanks = [c.id for b in view.blanks for c in b.criteria]
    shortfalls = [r.criterion.id for r in north.results
                  if r.status in (Status.UNMET, Status.PARTIAL)]
    blanks = [r.criterion.id for r in north.results if r.status is Status.NOT_STATED]
    assert sorted(in_actions) == sorted(shortfalls)
    assert sorted(in_blanks) == sorted(blanks)
    for action in view.actions:  # one measure per action, every criterion reads it
        assert {c.result.criterion.subject for c in action.criteria} == {action.subject}
    ranks = [a.rank() for a in view.actions]
    assert ranks == sorted(ranks)


def test_a_report_of_an_older_version_gets_one_clear_sentence(
        cli: Callable[..., Any], tmp_path: Path, north: PolicyReport) -> None:
    data = json.loads(get_reporter("json").render(north))
    data["report_version"] = 1
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    result = cli("render", str(old), "--format", "markdown")
    assert result.exit_code == 2
    assert "report version 1; this mgf-check reads version 2" in result.stderr
    assert len(result.stderr.splitlines()) <= 3
