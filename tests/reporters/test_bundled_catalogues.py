"""Every format end to end on the bundled catalogues (examples/riverton.yaml, all frameworks),
checked for structure against the report itself, never for bytes: a catalogue edit changes
what these outputs say but not whether these tests pass. The bytes of each format are pinned
on the test catalogues (tests/golden/formats/); the bundled catalogues' outcomes by the
example pins (tests/golden/examples/) and tests/test_catalogues.py."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from junitparser import JUnitXml

from mgf_check.diff import PolicyDiff, diff_reports
from mgf_check.model import Framework, PolicyReport
from mgf_check.pipeline import CheckOptions, check_file
from mgf_check.reporters import REPORTERS, RenderOptions, get_reporter
from mgf_check.reporters.csv_ import COLUMNS
from mgf_check.reporters.rows import gaps

from .conftest import ROOT
from .test_github import _parse as github_commands
from .test_sarif import _valid as valid_sarif
from .test_sarif import validator  # noqa: F401  (the fixture)


@pytest.fixture(scope="module")
def riverton(frameworks: tuple[Framework, ...]) -> PolicyReport:
    options = CheckOptions(frameworks=tuple(f.id for f in frameworks))
    return check_file(ROOT / "examples" / "riverton.yaml", frameworks, options,
                      "examples/riverton.yaml")


@pytest.fixture(scope="module")
def riverton_diff(frameworks: tuple[Framework, ...], riverton: PolicyReport) -> PolicyDiff:
    options = CheckOptions(frameworks=tuple(f.id for f in frameworks))
    old = check_file(ROOT / "tests" / "data" / "riverton-2025.yaml", frameworks, options,
                     "tests/data/riverton-2025.yaml")
    return diff_reports(old, riverton)


def test_every_bundled_framework_is_in_the_report(frameworks: tuple[Framework, ...],
                                                 riverton: PolicyReport) -> None:
    assert {r.criterion.framework for r in riverton.results} == {f.id for f in frameworks}
    assert len(riverton.results) == sum(len(f.criteria) for f in frameworks)
    assert gaps(riverton)  # the example has gaps, so the formats below list some


def test_json(riverton: PolicyReport) -> None:
    import jsonschema

    from mgf_check.schema.validation import load_schema

    data = json.loads(get_reporter("json").render(riverton))
    jsonschema.Draft202012Validator(load_schema("report")).validate(data)
    text = json.dumps(data)
    assert all(r.criterion.id in text for r in riverton.results)


def test_sarif(validator: Any, riverton: PolicyReport,  # noqa: F811
               riverton_diff: PolicyDiff) -> None:
    failing = frozenset((riverton.path, r.criterion.id) for r in gaps(riverton)[:3])
    log = valid_sarif(validator, get_reporter("sarif", RenderOptions(failing=failing))
                      .render(riverton))
    (run,) = log["runs"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == \
        [r.criterion.id for r in riverton.results]
    assert sorted(r["ruleId"] for r in run["results"]) == \
        sorted(r.criterion.id for r in gaps(riverton))
    assert sum(r["level"] == "error" for r in run["results"]) == len(failing)
    opened = json.loads(get_reporter("sarif").render_diff(riverton_diff))["runs"][0]
    assert {r["ruleId"] for r in opened["results"]} <= {r.criterion.id for r in gaps(riverton)}


def test_junit(frameworks: tuple[Framework, ...], riverton: PolicyReport) -> None:
    xml = JUnitXml.fromstring(get_reporter("junit").render(riverton).encode("utf-8"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {f.id for f in frameworks}
    assert sum(s.tests for s in suites.values()) == len(riverton.results)
    assert sum(s.failures for s in suites.values()) == len(gaps(riverton))


def test_csv(riverton: PolicyReport) -> None:
    reader = csv.DictReader(io.StringIO(get_reporter("csv").render(riverton), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert [r["criterion"] for r in rows] == [r.criterion.id for r in riverton.results]
    assert [r["status"] for r in rows] == [r.status.value for r in riverton.results]


def test_github(riverton: PolicyReport) -> None:
    commands = github_commands(get_reporter("github").render(riverton))
    assert commands and {level for level, _, _ in commands} <= {"warning", "notice"}
    assert all(props.get("file") in (None, "examples/riverton.yaml")
               for _, props, _ in commands)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_human_formats_name_every_framework(fmt: str, frameworks: tuple[Framework, ...],
                                            riverton: PolicyReport,
                                            riverton_diff: PolicyDiff) -> None:
    assert fmt in REPORTERS
    text = get_reporter(fmt, RenderOptions(verbose=True)).render(riverton)
    for framework in frameworks:
        assert framework.short_title in text, framework.id
    assert str(riverton.city["name"]) in text
    assert get_reporter(fmt).render_diff(riverton_diff)
