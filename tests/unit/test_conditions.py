"""The condition vocabulary: every operator passes and fails with a reason naming the path and
the value seen; wildcards, combinators, and compile errors located in the catalogue entry."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgf_check.conditions.combinators import (
    ConditionError,
    compile_condition,
    operators_of,
    paths_of,
)
from mgf_check.conditions.operators import OPERATORS, parse_date
from mgf_check.evaluate import PolicyDocument
from mgf_check.model import Outcome

DATA: dict[str, Any] = {
    "city": {"population": 5000, "migrant_languages": ["en", "ar"], "languages": ["fr"],
             "a/b": "slash"},
    "rights": {"health": {"status": "implemented", "scope": "everyone", "languages": ["en", "fr"],
                          "since": "2019-06", "funded": True, "notes": None}},
    "waivers": [{"criterion": "A-1"}, {"criterion": "B-2", "reason": "budget"}],
    "items": [{"langs": ["ar"]}, {"langs": ["so", "en"]}],
}
DOC = PolicyDocument(DATA, "2026-01-01")


def check(raw: dict[str, Any], doc: PolicyDocument = DOC) -> Outcome:
    return compile_condition(raw, "/criteria/0/met").check(doc)


H = "/rights/health"

# (condition, passes?, pointer, reason)
CASES: list[tuple[dict[str, Any], bool, str, str]] = [
    ({"path": f"{H}/status", "exists": True}, True, f"{H}/status", f"{H}/status is stated"),
    ({"path": "/rights/housing", "exists": True}, False, "/rights/housing",
     "/rights/housing is not stated"),
    ({"path": "/rights/housing", "exists": False}, True, "/rights/housing",
     "/rights/housing is not stated"),
    ({"path": H, "exists": False}, False, H, f"{H} is stated"),
    ({"path": f"{H}/notes", "exists": True}, False, f"{H}/notes", f"{H}/notes is not stated"),
    ({"path": f"{H}/status", "equals": "implemented"}, True, f"{H}/status",
     f"{H}/status is 'implemented'"),
    ({"path": f"{H}/status", "equals": "adopted"}, False, f"{H}/status",
     f"{H}/status is 'implemented', expected 'adopted'"),
    ({"path": f"{H}/funded", "equals": True}, True, f"{H}/funded", f"{H}/funded is true"),
    ({"path": f"{H}/funded", "equals": 1}, False, f"{H}/funded",
     f"{H}/funded is true, expected 1"),
    ({"path": f"{H}/status", "in": ["implemented", "adopted"]}, True, f"{H}/status",
     f"{H}/status is 'implemented'"),
    ({"path": f"{H}/status", "in": ["pilot", "planned"]}, False, f"{H}/status",
     f"{H}/status is 'implemented', expected one of: pilot, planned"),
    ({"path": f"{H}/languages", "contains": "fr"}, True, f"{H}/languages",
     f"{H}/languages is [en, fr]"),
    ({"path": f"{H}/languages", "contains": "ar"}, False, f"{H}/languages",
     f"{H}/languages is [en, fr], which lacks 'ar'"),
    ({"path": f"{H}/status", "contains": "x"}, False, f"{H}/status",
     f"{H}/status is 'implemented', expected a list including 'x'"),
    ({"path": f"{H}/languages", "contains_any": ["ar", "fr"]}, True, f"{H}/languages",
     f"{H}/languages is [en, fr]"),
    ({"path": f"{H}/languages", "contains_any": ["ar", "so"]}, False, f"{H}/languages",
     f"{H}/languages is [en, fr], expected any of: ar, so"),
    ({"path": f"{H}/languages", "contains_all": ["en", "fr"]}, True, f"{H}/languages",
     f"{H}/languages is [en, fr]"),
    ({"path": f"{H}/languages", "contains_all": ["en", "ar", "so"]}, False, f"{H}/languages",
     f"{H}/languages is [en, fr], which lacks ar, so"),
    ({"path": f"{H}/status", "contains_all": ["x"]}, False, f"{H}/status",
     f"{H}/status is 'implemented', expected a list"),
    ({"path": f"{H}/languages", "min_items": 2}, True, f"{H}/languages",
     f"{H}/languages is [en, fr]"),
    ({"path": f"{H}/languages", "min_items": 3}, False, f"{H}/languages",
     f"{H}/languages has 2 items, expected at least 3"),
    ({"path": f"{H}/status", "min_items": 1}, False, f"{H}/status",
     f"{H}/status has 0 items, expected at least 1"),
    ({"path": "/city/population", "min": 1000}, True, "/city/population",
     "/city/population is 5000"),
    ({"path": "/city/population", "min": 10000}, False, "/city/population",
     "/city/population is 5000, expected at least 10000"),
    ({"path": "/city/population", "max": 10000}, True, "/city/population",
     "/city/population is 5000"),
    ({"path": "/city/population", "max": 100}, False, "/city/population",
     "/city/population is 5000, expected at most 100"),
    ({"path": f"{H}/funded", "min": 0}, False, f"{H}/funded",
     f"{H}/funded is true, expected at least 0"),
    ({"path": f"{H}/since", "within_years": 10}, True, f"{H}/since", f"{H}/since is '2019-06'"),
    ({"path": f"{H}/since", "within_years": 5}, False, f"{H}/since",
     f"{H}/since is 2019-06, more than 5 years before 2026-01-01"),
    ({"path": f"{H}/status", "within_years": 5}, False, f"{H}/status",
     f"{H}/status is 'implemented', not a date"),
    ({"path": f"{H}/languages", "covers": "/city/languages"}, True, f"{H}/languages",
     f"{H}/languages is [en, fr], which covers /city/languages"),
    ({"path": f"{H}/languages", "covers": "/city/migrant_languages"}, False, f"{H}/languages",
     f"{H}/languages lacks ar (from /city/migrant_languages)"),
    ({"path": "/city/languages", "covers": "/city/nothing"}, False, "/city/languages",
     "/city/languages cannot be compared: /city/nothing is not stated"),
    ({"path": f"{H}/languages", "overlaps": "/city/migrant_languages"}, True, f"{H}/languages",
     f"{H}/languages is [en, fr], which overlaps /city/migrant_languages"),
    ({"path": "/city/languages", "overlaps": "/city/migrant_languages"}, False,
     "/city/languages",
     "/city/languages is [fr], with nothing from /city/migrant_languages ([en, ar])"),
    ({"path": "/city/a~1b", "equals": "slash"}, True, "/city/a~1b", "/city/a~1b is 'slash'"),
]


@pytest.mark.parametrize(("raw", "ok", "pointer", "reason"), CASES,
                         ids=[f"{next(k for k in c[0] if k != 'path')}-{c[1]}-{i}"
                              for i, c in enumerate(CASES)])
def test_leaf_operators(raw: dict[str, Any], ok: bool, pointer: str, reason: str) -> None:
    assert check(raw) == Outcome(ok, pointer, reason)


def test_failing_reason_names_the_path_and_the_value_seen() -> None:
    for raw, ok, _, reason in CASES:
        if not ok and "not stated" not in reason:
            assert raw["path"].split("/")[-1] in reason


def test_missing_path_is_not_stated_at_the_static_prefix() -> None:
    outcome = check({"path": "/governance/strategy/status", "equals": "implemented"})
    assert outcome == Outcome(False, "/governance/strategy/status",
                              "/governance/strategy/status is not stated")


def test_wildcard_passes_when_any_item_passes() -> None:
    assert check({"path": "/waivers/*/criterion", "equals": "B-2"}) == Outcome(
        True, "/waivers/1/criterion", "/waivers/1/criterion is 'B-2'")
    assert check({"path": "/items/*/langs", "contains": "en"}).pointer == "/items/1/langs"
    assert check({"path": "/waivers/*/reason", "exists": True}) == Outcome(
        True, "/waivers/1/reason", "/waivers/*/reason is stated")


def test_wildcard_failure_names_the_first_item() -> None:
    assert check({"path": "/waivers/*/criterion", "equals": "C-3"}) == Outcome(
        False, "/waivers/0/criterion",
        "no item of /waivers/*/criterion passes (first: /waivers/0/criterion is 'A-1', "
        "expected 'C-3')")


def test_wildcard_over_nothing_points_before_the_wildcard() -> None:
    assert check({"path": "/waivers/*/missing", "equals": 1}) == Outcome(
        False, "/waivers", "/waivers/*/missing is not stated")
    assert check({"path": "/city/*/x", "exists": True}).ok is False  # * over a mapping


def test_index_segments() -> None:
    assert check({"path": "/waivers/1/criterion", "equals": "B-2"}).ok
    assert not check({"path": "/waivers/9/criterion", "exists": True}).ok
    assert not check({"path": "/waivers/²/criterion", "exists": True}).ok


def test_all_passes_only_when_every_part_passes() -> None:
    status = {"path": f"{H}/status", "equals": "implemented"}
    assert check({"all": [status, {"path": f"{H}/scope", "equals": "everyone"}]}) == Outcome(
        True, f"{H}/status", f"{H}/status is 'implemented'; {H}/scope is 'everyone'")
    assert check({"all": [status, {"path": f"{H}/scope", "equals": "nationals"}]}) == Outcome(
        False, f"{H}/scope", f"{H}/scope is 'everyone', expected 'nationals'")


def test_any_passes_when_one_part_passes_and_explains_every_failure() -> None:
    none = {"path": f"{H}/status", "equals": "none"}
    assert check({"any": [none, {"path": f"{H}/scope", "equals": "everyone"}]}) == Outcome(
        True, f"{H}/scope", f"{H}/scope is 'everyone'")
    assert check({"any": [none, {"path": f"{H}/scope", "equals": "nationals"}]}) == Outcome(
        False, f"{H}/status", f"{H}/status is 'implemented', expected 'none' and "
        f"{H}/scope is 'everyone', expected 'nationals'")


def test_not_inverts() -> None:
    assert check({"not": {"path": f"{H}/status", "equals": "none"}}) == Outcome(
        True, f"{H}/status", f"as required, not {H}/status equals 'none' "
        f"({H}/status is 'implemented')")
    assert check({"not": {"path": f"{H}/status", "equals": "implemented"}}) == Outcome(
        False, f"{H}/status", f"{H}/status is 'implemented', which must not be the case "
        f"(not {H}/status equals 'implemented')")
    assert check({"not": {"any": [{"path": f"{H}/x", "exists": True}]}}).reason == \
        f"as required, not ({H}/x is stated)"


def test_within_years_is_measured_from_the_document_date_not_the_clock() -> None:
    raw = {"path": f"{H}/since", "within_years": 2}
    assert check(raw, PolicyDocument(DATA, "2021-01-01")).ok
    assert not check(raw, PolicyDocument(DATA, "2030-01-01")).ok
    assert check(raw, PolicyDocument(DATA, "not a date")).reason.endswith("not a date")


@pytest.mark.parametrize(("text", "expected"), [
    ("2019", (2019, 1, 1)), ("2019-06", (2019, 6, 1)), ("2019-06-30", (2019, 6, 30)),
    ("2019-13", None), ("2019-02-30", None), ("", None), ("soon", None), (2019, (2019, 1, 1)),
    (True, None),
    (None, None), ("9" * 5000, None), ("2147483648", None), (2**40, None),
    ("2019-99999999999", None),
])
def test_parse_date(text: Any, expected: tuple[int, int, int] | None) -> None:
    parsed = parse_date(text)
    assert (None if parsed is None else (parsed.year, parsed.month, parsed.day)) == expected


@pytest.mark.parametrize(("raw", "pointer", "message", "hint"), [
    ({"path": "/a", "equal": 1}, "/c/met/equal", "unknown test 'equal'",
     "did you mean 'equals'? known tests: exists, equals"),
    ({"path": "/a", "zap": 1}, "/c/met/zap", "unknown test 'zap'", "known tests: exists"),
    ({"path": "/a", "equals": 1, "in": [1]}, "/c/met",
     "a test needs exactly one operator next to `path`", "known tests: "),
    ({"path": "/a"}, "/c/met", "a test needs exactly one operator next to `path`", ""),
    ({"equals": 1}, "/c/met", "a test needs `path:`, a JSON pointer such as "
     "/rights/health/status", ""),
    ({"path": "a", "equals": 1}, "/c/met", "a test needs `path:`", ""),
    ({"path": "/a", "in": "x"}, "/c/met/in", "`in` takes a non-empty list of values, found 'x'",
     ""),
    ({"path": "/a", "in": []}, "/c/met/in", "`in` takes a non-empty list of values", ""),
    ({"path": "/a", "min_items": -1}, "/c/met/min_items",
     "`min_items` takes a whole number of at least 0, found -1", ""),
    ({"path": "/a", "min_items": True}, "/c/met/min_items", "`min_items` takes a whole", ""),
    ({"path": "/a", "min": "3"}, "/c/met/min", "`min` takes a number, found '3'", ""),
    ({"path": "/a", "within_years": False}, "/c/met/within_years", "`within_years` takes a",
     ""),
    ({"path": "/a", "exists": "yes"}, "/c/met/exists", "`exists` takes true or false", ""),
    ({"path": "/a", "equals": None}, "/c/met/equals", "`equals` takes one value", ""),
    ({"path": "/a", "contains": [1]}, "/c/met/contains", "`contains` takes one value", ""),
    ({"path": "/a", "covers": "a"}, "/c/met/covers", "`covers` takes a JSON pointer", ""),
    ({"all": []}, "/c/met/all", "`all` takes a non-empty list of conditions", ""),
    ({"any": {"path": "/a", "exists": True}}, "/c/met/any", "`any` takes a non-empty list",
     ""),
    ({"all": [{"path": "/a", "exists": True}, {"path": "/a", "zap": 1}]}, "/c/met/all/1/zap",
     "unknown test 'zap'", ""),
    ({"not": {"any": [{"path": "/a", "in": 3}]}}, "/c/met/not/any/0/in", "`in` takes", ""),
    ({"not": [1]}, "/c/met/not", "a condition must be a mapping", "write e.g."),
    ({"all": [{"path": "/a", "exists": True}], "path": "/a"}, "/c/met",
     "`all` must stand alone in its mapping", "wrap the other tests inside it"),
    ({}, "/c/met", "a condition must be a mapping", ""),
])
def test_compile_errors_are_located(raw: Any, pointer: str, message: str, hint: str) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition(raw, "/c/met")
    assert info.value.pointer == pointer
    assert info.value.message.startswith(message)
    assert info.value.hint.startswith(hint)
    assert str(info.value) == info.value.message


@pytest.mark.parametrize("raw", [[], "x", None, 3])
def test_non_mapping_conditions_are_errors(raw: Any) -> None:
    with pytest.raises(ConditionError, match="must be a mapping"):
        compile_condition(raw, "/c/met")


def test_paths_and_operators_of_a_combination() -> None:
    condition = compile_condition({"all": [
        {"path": "/a", "exists": True},
        {"any": [{"path": "/b", "covers": "/c"}, {"not": {"path": "/d", "min": 1}}]},
    ]})
    assert list(paths_of(condition)) == ["/a", "/b", "/c", "/d"]
    assert list(operators_of(condition)) == ["all", "exists", "any", "covers", "not", "min"]


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["a", "b", "0", "*"]), inner,
                                            max_size=3)),
    max_leaves=12)
LEAVES = st.builds(
    lambda path, op, operand: {"path": path, op: operand},
    st.sampled_from(["/a", "/a/b", "/a/*", "/a/*/b", "/a/0", "/b/*/*"]),
    st.sampled_from(sorted(OPERATORS)),
    st.sampled_from([True, 1, 0, "a", ["a", 1], 2.5, "/b", "/a"]),
)


@settings(max_examples=100)
@given(JSONISH, LEAVES)
def test_conditions_never_crash_on_any_data(data: Any, raw: dict[str, Any]) -> None:
    try:
        condition = compile_condition(raw)
    except ConditionError:
        return
    outcome = condition.check(PolicyDocument({"a": data, "b": data}, "2026-01-01"))
    assert isinstance(outcome.ok, bool) and outcome.reason
    assert outcome.pointer == "" or outcome.pointer.startswith("/")
    negated = compile_condition({"not": raw}).check(PolicyDocument({"a": data, "b": data},
                                                                   "2026-01-01"))
    assert negated.ok is not outcome.ok
