"""Schema validation: every error located at the right key or value, with a useful hint."""

from __future__ import annotations

import pytest

from mgf_check.errors import Problem
from mgf_check.loading.yamlsource import load_text
from mgf_check.schema import validation as schema
from tests.unit.helpers import CATALOGUE

HEAD = "schema_version: 1\ncity:\n  name: Example\n  country: XX\nassessment:\n  date: 2026-01-01\n"


def problems(text: str, name: str = "policy") -> list[Problem]:
    return schema.validate(load_text(text, "city.yaml"), name)


def only(text: str, name: str = "policy") -> Problem:
    found = problems(text, name)
    assert len(found) == 1, [p.render() for p in found]
    return found[0]


def at(problem: Problem) -> tuple[str, int, int]:
    assert problem.span is not None, problem
    return problem.rule, problem.span.line, problem.span.column


def test_valid_policy_has_no_problems() -> None:
    assert problems(HEAD + "rights:\n  health:\n    status: implemented\n") == []


def test_misspelled_key_is_reported_at_the_key_with_a_suggestion() -> None:
    problem = only(HEAD + "rights:\n  helth:\n    status: implemented\n")
    assert at(problem) == ("schema", 8, 3)
    assert problem.message == "unknown key 'helth' in /rights"
    assert problem.hint == "did you mean 'health'?"
    assert problem.path == "city.yaml"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    problem = only(HEAD + "zzzz: 1\n")
    assert at(problem) == ("schema", 7, 1)
    assert problem.message == "unknown key 'zzzz' in the top level"
    assert problem.hint.startswith("allowed keys here: ") and "rights" in problem.hint


def test_missing_required_status_is_reported_at_the_parent_key() -> None:
    problem = only(HEAD + "rights:\n  health:\n    scope: everyone\n")
    assert at(problem) == ("schema", 8, 3)
    assert problem.message == "missing required key 'status' in /rights/health"
    assert problem.hint == "add `status:` with one of: implemented, adopted, pilot, planned, none"


def test_missing_required_top_level_key_is_reported_at_the_start() -> None:
    problem = only("city:\n  name: A\n  country: XX\nassessment:\n  date: 2026-01-01\n")
    assert at(problem) == ("schema", 1, 1)
    assert problem.message == "missing required key 'schema_version' in the top level"


def test_missing_keys_in_a_list_item_point_at_the_item() -> None:
    found = problems(HEAD + "waivers:\n  - criterion: MIGOF-P1.01\n    reason: budget\n")
    assert [(at(p), p.message) for p in found] == [
        (("schema", 8, 5), "missing required key 'approved_by' in /waivers/0"),
        (("schema", 8, 5), "missing required key 'expires' in /waivers/0"),
    ]


def test_bad_enum_value_suggests_the_closest() -> None:
    problem = only(HEAD + "rights:\n  health:\n    status: implmented\n")
    assert at(problem) == ("schema", 9, 13)
    assert problem.message == "'implmented' is not an allowed value for /rights/health/status"
    assert problem.hint.startswith("did you mean 'implemented'? allowed: implemented (in force")


def test_enum_value_with_no_close_match_lists_the_allowed_values() -> None:
    problem = only(HEAD + "rights:\n  health:\n    status: xyzzy\n")
    assert at(problem) == ("schema", 9, 13)
    assert problem.hint.startswith("allowed: implemented (in force and operating); adopted (")
    assert problem.hint.endswith("none (the city states it has no such measure)")


def test_bad_date_format() -> None:
    problem = only(HEAD.replace("2026-01-01", "2024-13-45"))
    assert at(problem) == ("schema", 6, 9)
    assert problem.message == "'2024-13-45' is not a valid date in /assessment/date"
    assert "YYYY-MM-DD" in problem.hint


def test_unsupported_schema_version_explains_the_supported_one() -> None:
    problem = only(HEAD.replace("schema_version: 1", "schema_version: 2"))
    assert at(problem) == ("schema", 1, 17)
    assert problem.message == ("schema_version 2 is not supported: this mgf-check reads "
                               "schema version 1")
    assert "schema_version: 1" in problem.hint


@pytest.mark.parametrize(("old", "new", "message", "column"), [
    ("country: XX", "country: XX\n  population: many",
     "/city/population should be a whole number, found 'many'", 15),
    ("country: XX", "country: XX\n  population: true",
     "/city/population should be a whole number, found true", 15),
    ("country: XX", "country: XX\n  languages: en",
     "/city/languages should be a list, found 'en'", 14),
    ("country: XX", "country: XX\n  migrant_share: ~",
     "/city/migrant_share should be a number, found nothing (null)", 18),
])
def test_wrong_type(old: str, new: str, message: str, column: int) -> None:
    problem = only(HEAD.replace(old, new))
    assert (at(problem), problem.message) == (("schema", 5, column), message)


def test_number_where_text_is_expected() -> None:
    problem = only(HEAD.replace("name: Example", "name: 12"))
    assert (at(problem), problem.message) == (("schema", 3, 9),
                                              "/city/name should be text, found 12")


def test_wrong_type_hints() -> None:
    assert "quote it" in only(HEAD.replace("name: Example", "name: 12")).hint
    assert "[en, fr]" in only(HEAD.replace("country: XX", "country: XX\n  languages: en")).hint


def test_whole_document_of_the_wrong_type() -> None:
    problem = only("just text\n")
    assert at(problem) == ("schema", 1, 1)
    assert problem.message == "the top level should be a mapping of keys, found 'just text'"


def test_pattern_error_uses_the_field_description_as_hint() -> None:
    problem = only(HEAD.replace("country: XX", "country: no"))
    assert at(problem) == ("schema", 4, 12)
    assert problem.message == "'no' is not in the expected form for /city/country"
    assert "ISO 3166-1" in problem.hint


def test_generic_errors_are_located() -> None:
    problem = only(HEAD.replace("country: XX", "country: XX\n  population: -5"))
    assert at(problem) == ("schema", 5, 15)
    assert problem.message == "/city/population: -5 is less than the minimum of 0"


MESSY = HEAD.replace("country: XX", "country: no\n  population: many") + """\
rights:
  helth:
    status: implemented
  housing:
    scope: everyone
  health:
    status: implmented
    since: 2019-13
    languages: [EN, en, en]
waivers:
  - criterion: bad id
    reason: ''
    approved_by: Council
    expires: 2026-02-30
zzz: 1
"""


def test_errors_are_sorted_by_position_and_deterministic() -> None:
    first = problems(MESSY)
    assert len(first) >= 9
    positions = [(p.span.line, p.span.column) for p in first if p.span is not None]
    assert positions == sorted(positions)
    for _ in range(3):
        assert problems(MESSY) == first
    messy = load_text(MESSY, "city.yaml")
    assert schema.schema_problems(messy, schema.load_schema("policy")) == first


def test_every_problem_of_a_messy_file_is_located() -> None:
    assert all(p.span is not None and p.rule == "schema" for p in problems(MESSY))


def test_catalogue_errors_are_located_with_suggestions() -> None:
    text = CATALOGUE.replace("    priority: recommended\n", "    prority: recommended\n")
    found = problems(text, "framework")
    messages = {(at(p), p.message, p.hint) for p in found}
    line = text.splitlines().index("    prority: recommended") + 1
    assert (("schema", line, 5), "unknown key 'prority' in /criteria/1",
            "did you mean 'priority'?") in messages
    assert any(p.message == "missing required key 'priority' in /criteria/1" for p in found)


def test_valid_catalogue_has_no_problems() -> None:
    assert problems(CATALOGUE, "framework") == []


def test_problem_render_is_file_line_column() -> None:
    problem = only(HEAD + "rights:\n  helth:\n    status: implemented\n")
    assert problem.render() == ("city.yaml:8:3: unknown key 'helth' in /rights\n"
                                "  8 |   helth:\n"
                                "    |   ^^^^^\n"
                                "  hint: did you mean 'health'?")
    assert problem.render(excerpt=False) == ("city.yaml:8:3: unknown key 'helth' in /rights\n"
                                             "  hint: did you mean 'health'?")
