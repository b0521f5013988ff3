"""The condition vocabulary criteria are written in, compiled once at catalogue load.

A condition is data: a leaf `{path: /rights/health/status, in: [implemented, adopted]}` or a
combination `{all: [...]}`, `{any: [...]}`, `{not: {...}}`. Paths are JSON pointers; a `*`
segment means "any item of this list". No code, no regular expressions, no I/O. Every condition
explains its decision: which path was missing, or which value was seen. The leaf operators
and their tests are in `conditions.operators`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mgf_check.conditions.operators import LEAF_OPERATORS, TESTS, matches, show
from mgf_check.loading.sourcemap import escape, split
from mgf_check.model import Condition, Document, JSONValue, Outcome

COMBINATORS = ("all", "any", "not")


class ConditionError(ValueError):
    """A malformed condition; `pointer` is where in the catalogue entry it is."""

    def __init__(self, pointer: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Leaf:
    """One test of the value(s) a path reaches."""

    path: str
    segments: tuple[str, ...]
    operator: str
    operand: JSONValue
    test: Callable[[JSONValue, JSONValue, Document], str | None]

    def check(self, doc: Document) -> Outcome:
        """Pass when any value the path reaches passes (or, for `exists`, by presence)."""
        found = list(matches(doc.data, self.segments))
        if self.operator == "exists":
            present = bool(found)
            pointer = found[0][0] if found else self._static()
            state = "is stated" if present else "is not stated"
            return Outcome(present == self.operand, pointer, f"{self.path} {state}")
        if not found:
            return Outcome(False, self._static(), f"{self.path} is not stated")
        failure = ""
        for pointer, value in found:
            problem = self.test(value, self.operand, doc)
            if problem is None:
                return Outcome(True, pointer, f"{pointer} {self._success(value)}")
            failure = failure or f"{pointer} {problem}"
        if len(found) > 1:
            failure = f"no item of {self.path} passes (first: {failure})"
        return Outcome(False, found[0][0], failure)

    def describe(self) -> str:
        """The test in words, e.g. `/rights/health/scope equals 'nationals'`."""
        words = {"exists": "is stated" if self.operand else "is not stated",
                 "in": "is one of", "min": "is at least", "max": "is at most",
                 "min_items": "has at least", "within_years": "is within years:"}
        verb = words.get(self.operator, self.operator.replace("_", " "))
        if self.operator == "exists":
            return f"{self.path} {verb}"
        return f"{self.path} {verb} {show(self.operand)}"

    def _static(self) -> str:
        """The path up to its first wildcard: where something is missing."""
        out = ""
        for segment in self.segments:
            if segment == "*":
                break
            out += "/" + escape(segment)
        return out

    def _success(self, value: Any) -> str:
        if self.operator in ("covers", "overlaps"):
            return f"is {show(value)}, which {self.operator} {self.operand}"
        return f"is {show(value)}"


@dataclass(frozen=True, slots=True)
class All:
    """Passes when every part passes; explains every failure (the first one locates it),
    so a reader fixes all of them in one go rather than one per run."""

    parts: tuple[Condition, ...]

    def describe(self) -> str:
        """The combination in words."""
        return "(" + " and ".join(_describe(p) for p in self.parts) + ")"

    def check(self, doc: Document) -> Outcome:
        outcomes = [part.check(doc) for part in self.parts]
        failures = [o for o in outcomes if not o.ok]
        if failures:
            return Outcome(False, failures[0].pointer, _unique("; ", failures))
        return Outcome(True, outcomes[0].pointer, "; ".join(o.reason for o in outcomes))


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Passes when some part passes; explains every failure otherwise."""

    parts: tuple[Condition, ...]

    def describe(self) -> str:
        """The combination in words."""
        return "(" + " or ".join(_describe(p) for p in self.parts) + ")"

    def check(self, doc: Document) -> Outcome:
        failures = []
        for part in self.parts:
            outcome = part.check(doc)
            if outcome.ok:
                return outcome
            failures.append(outcome)
        return Outcome(False, failures[0].pointer, _unique(" and ", failures))


@dataclass(frozen=True, slots=True)
class Not:
    """Passes when its part fails."""

    part: Condition

    def describe(self) -> str:
        """The negation in words."""
        return f"not {_describe(self.part)}"

    def check(self, doc: Document) -> Outcome:
        outcome = self.part.check(doc)
        if outcome.ok:
            return Outcome(False, outcome.pointer, f"{outcome.reason}, which must not be the "
                           f"case ({self.describe()})")
        if isinstance(self.part, Leaf):
            found = next(matches(doc.data, self.part.segments), None)
            seen = "is not stated" if found is None else f"is {show(found[1])}"
            return Outcome(True, outcome.pointer, f"as required, not {self.part.describe()} "
                           f"({self.part.path} {seen})")
        return Outcome(True, outcome.pointer, f"as required, not {_describe(self.part)}")


def _unique(separator: str, outcomes: list[Outcome]) -> str:
    """The outcomes' reasons joined, each said once (two parts can fail the same way)."""
    return separator.join(dict.fromkeys(o.reason for o in outcomes))


def _describe(condition: Condition) -> str:
    describe = getattr(condition, "describe", None)
    return describe() if describe is not None else "a condition"


def compile_condition(raw: JSONValue, where: str = "") -> Condition:
    """Compile a condition from catalogue data; `where` locates errors in the catalogue."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(where, "a condition must be a mapping",
                             "write e.g. `{path: /rights/health/status, in: [implemented]}`")
    combinators = [k for k in COMBINATORS if k in raw]
    if combinators:
        return _combination(raw, combinators, where)
    return _leaf(raw, where)


def _combination(raw: dict[str, Any], keys: list[str], where: str) -> Condition:
    if len(raw) != 1:
        raise ConditionError(where, f"`{keys[0]}` must stand alone in its mapping",
                             "wrap the other tests inside it")
    key = keys[0]
    inner = raw[key]
    here = f"{where}/{key}"
    if key == "not":
        return Not(compile_condition(inner, here))
    if not isinstance(inner, list) or not inner:
        raise ConditionError(here, f"`{key}` takes a non-empty list of conditions")
    parts = tuple(compile_condition(c, f"{here}/{i}") for i, c in enumerate(inner))
    return All(parts) if key == "all" else AnyOf(parts)


def _leaf(raw: dict[str, Any], where: str) -> Leaf:
    path = raw.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ConditionError(where, "a test needs `path:`, a JSON pointer such as "
                             "/rights/health/status")
    operators = [k for k in raw if k != "path"]
    unknown = [k for k in operators if k not in LEAF_OPERATORS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], list(LEAF_OPERATORS), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConditionError(f"{where}/{unknown[0]}", f"unknown test {unknown[0]!r}",
                             hint + "known tests: " + ", ".join(LEAF_OPERATORS))
    if len(operators) != 1:
        raise ConditionError(where, "a test needs exactly one operator next to `path`",
                             "known tests: " + ", ".join(LEAF_OPERATORS))
    operator = operators[0]
    operand = raw[operator]
    _check_operand(operator, operand, f"{where}/{operator}")
    return Leaf(path, tuple(split(path)), operator, operand, TESTS[operator])


def _check_operand(operator: str, operand: Any, where: str) -> None:
    kind = LEAF_OPERATORS[operator]
    ok = {
        "boolean": isinstance(operand, bool),
        "scalar": isinstance(operand, (str, int, float, bool)),
        "list": isinstance(operand, list) and bool(operand),
        "integer": isinstance(operand, int) and not isinstance(operand, bool) and operand >= 0,
        "number": isinstance(operand, (int, float)) and not isinstance(operand, bool),
        "pointer": isinstance(operand, str) and operand.startswith("/"),
    }[kind]
    if not ok:
        raise ConditionError(where, f"`{operator}` takes {_KIND_DOC[kind]}, found "
                             f"{show(operand)}")


_KIND_DOC = {
    "boolean": "true or false",
    "scalar": "one value (text, number or true/false)",
    "list": "a non-empty list of values",
    "integer": "a whole number of at least 0",
    "number": "a number",
    "pointer": "a JSON pointer such as /city/migrant_languages",
}


def paths_of(condition: Condition) -> Iterator[str]:
    """Every path (and compared pointer) a condition reads, for meta-tests and docs."""
    if isinstance(condition, Leaf):
        yield condition.path
        if condition.operator in ("covers", "overlaps"):
            yield condition.operand
    elif isinstance(condition, (All, AnyOf)):
        for part in condition.parts:
            yield from paths_of(part)
    elif isinstance(condition, Not):
        yield from paths_of(condition.part)


def operators_of(condition: Condition) -> Iterator[str]:
    """Every operator a condition uses (meta-test: each one is used somewhere)."""
    if isinstance(condition, Leaf):
        yield condition.operator
    elif isinstance(condition, (All, AnyOf)):
        yield "all" if isinstance(condition, All) else "any"
        for part in condition.parts:
            yield from operators_of(part)
    elif isinstance(condition, Not):
        yield "not"
        yield from operators_of(condition.part)
