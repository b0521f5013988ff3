"""A condition operator is one record (`conditions.operators.OPERATORS`): every record is
complete and its example behaves as documented, and a new operator written as a record works
end to end (compiling, checking, wording, docs table, schema, a custom catalogue, a check
report) without touching any other file."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from mgf_check.conditions.combinators import ConditionError, compile_condition, paths_of
from mgf_check.conditions.operators import (
    OPERATORS,
    SCALAR,
    Example,
    Operator,
    show,
)
from mgf_check.evaluate import PolicyDocument
from mgf_check.model import Document
from mgf_check.tools.derived import operator_defs, operator_table

AS_OF = "2026-01-01"


def _t_starts_with(value: Any, operand: Any, _doc: Document) -> str | None:
    if isinstance(value, str) and value.startswith(str(operand)):
        return None
    return f"is {show(value)}, expected text starting with {show(operand)}"


def _f_starts_with(operand: Any, _items: list[Any], _as_of: str) -> Any:
    return f"{operand}-and-more"


#: A toy operator, written the way a contributor adds one: a single record.
STARTS_WITH = Operator(
    "starts_with", SCALAR, _t_starts_with, "starts with", "is text that starts with it",
    Example("River", "Riverton", "Lakeside", "is 'Lakeside', expected text starting with "
            "'River'"), _f_starts_with)
WITH_TOY = {**OPERATORS, STARTS_WITH.name: STARTS_WITH}


def _doc(value: Any, op: Operator) -> PolicyDocument:
    return PolicyDocument({"value": value, **op.example.context}, AS_OF)


@pytest.mark.parametrize("op", list(WITH_TOY.values()), ids=list(WITH_TOY))
def test_every_record_is_complete_and_its_example_holds(op: Operator) -> None:
    assert WITH_TOY[op.name] is op and op.name.isidentifier()
    assert op.verb and op.means and op.operand.words and op.operand.schema
    example = op.example
    assert op.operand.accepts(example.operand)
    condition = compile_condition({"path": "/value", op.name: example.operand}, "/met",
                                  WITH_TOY)
    passed = condition.check(_doc(example.passing, op))
    assert passed.ok and passed.pointer == "/value", passed
    failed = condition.check(_doc(example.failing, op))
    assert (failed.ok, failed.reason) == (False, f"/value {example.reason}")
    assert condition.describe().startswith("/value ")  # type: ignore[attr-defined]
    assert list(paths_of(condition)) == (["/value", example.operand] if op.reads_pointer
                                         else ["/value"])
    # the favourable value passes (the judgement-rule checker builds policies with it)
    operand = example.context[example.operand.lstrip("/")] if op.reads_pointer \
        else example.operand
    favourable = op.favourable(operand, [], AS_OF)
    assert condition.check(_doc(favourable, op)).ok
    # a wrong operand is refused at compile time, located at the operator
    wrong = [] if op.operand.name != "list" else "x"
    with pytest.raises(ConditionError) as info:
        compile_condition({"path": "/value", op.name: wrong}, "/met", WITH_TOY)
    assert info.value.pointer == f"/met/{op.name}"
    assert info.value.message == f"`{op.name}` takes {op.operand.words}, found {show(wrong)}"


def test_a_new_operator_is_one_record() -> None:
    raw = {"path": "/city/name", "starts_with": "River"}
    with pytest.raises(ConditionError, match="unknown test 'starts_with'"):
        compile_condition(raw, "/met")  # not in the bundled vocabulary
    condition = compile_condition(raw, "/met", WITH_TOY)
    assert condition.describe() == "/city/name starts with 'River'"  # type: ignore[attr-defined]
    outcome = condition.check(PolicyDocument({"city": {"name": "Lakeside"}}, AS_OF))
    assert outcome.reason == "/city/name is 'Lakeside', expected text starting with 'River'"
    # the derived documentation follows the record
    assert "| `starts_with` | a value | is text that starts with it | `starts_with: River` |" \
        in operator_table(WITH_TOY).splitlines()
    assert operator_defs(WITH_TOY)["properties"]["starts_with"]["type"] == \
        ["string", "number", "boolean"]
    assert "starts_with" not in operator_table()


def test_a_new_operator_works_in_a_custom_catalogue(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from mgf_check.catalogue.loader import load
    from mgf_check.pipeline import CheckOptions, check_file
    from mgf_check.reporters.json_codec import to_dict

    monkeypatch.setitem(OPERATORS, STARTS_WITH.name, STARTS_WITH)
    catalogue = tmp_path / "toy.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    policy = tmp_path / "city.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    framework = load(str(catalogue))
    report = to_dict(check_file(policy, (framework,), CheckOptions(frameworks=())))
    (result,) = report["results"]
    assert (result["id"], result["status"]) == ("TOY-G.01", "met")
    assert "which" not in result["reason"] and "/city/name is 'Riverton'" in result["reason"]


def test_compiled_catalogues_pickle() -> None:
    """Without `fork` (Windows, macOS) batch workers receive the frameworks pickled: every
    record's functions are module-level, none a lambda."""
    from mgf_check.catalogue.loader import load_bundled

    framework = load_bundled("migof")
    assert pickle.loads(pickle.dumps(framework)).criteria[0].id == framework.criteria[0].id


CATALOGUE = """\
catalogue_version: 1
framework: {id: toy, title: Toy catalogue}
groups:
  - {id: G, title: G}
criteria:
  - id: TOY-G.01
    group: G
    title: A name that starts well
    question: Does the city name start with River?
    priority: core
    weight: 1
    subject: /city
    met: {path: /city/name, starts_with: River}
    met_means: The name starts with River.
    recommendation: Rename the city, perhaps.
    derived_from: {framework: T, element: E, document: D, year: 2026, basis: L4}
    refs: {}
    examples:
      met: {city: {name: Riverton}}
      unmet: {city: {name: Lakeside}}
"""
POLICY = """\
schema_version: 1
city: {name: Riverton, country: PL}
assessment: {date: 2026-01-01}
"""
