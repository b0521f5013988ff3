"""The condition vocabulary criteria are written in, compiled once at catalogue load.

A condition is data: a leaf `{path: /rights/health/status, in: [implemented, adopted]}` or a
combination `{all: [...]}`, `{any: [...]}`, `{not: {...}}`. Paths are JSON pointers; a `*`
segment means "any item of this list". No code, no regular expressions, no I/O. Every condition
explains its decision: which path was missing, or which value was seen. The leaf operators
are records in `conditions.operators.OPERATORS`; nothing here names one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mgf_check.conditions.operators import OPERATORS, Operator, matches, show
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
    spec: Operator

    def check(self, doc: Document) -> Outcome:
        """Pass when any value the path reaches passes (or, for `exists`, by presence)."""
        found = list(matches(doc.data, self.segments))
        if self.spec.presence:
            present = bool(found)
            pointer = found[0][0] if found else self._static()
            state = "is stated" if present else "is not stated"
            return Outcome(present == self.operand, pointer, f"{self.path} {state}")
        if not found:
            return Outcome(False, self._static(), f"{self.path} is not stated")
        failure = ""
        for pointer, value in found:
            problem = self.spec.test(value, self.operand, doc)
            if problem is None:
                return Outcome(True, pointer,
                               f"{pointer} {self.spec.success(value, self.operand)}")
            failure = failure or f"{pointer} {problem}"
        if len(found) > 1:
            failure = f"no item of {self.path} passes (first: {failure})"
        return Outcome(False, found[0][0], failure)

    def describe(self) -> str:
        """The test in words, e.g. `/rights/health/scope equals 'nationals'`."""
        return f"{self.path} {self.spec.words(self.operand)}"

    def _static(self) -> str:
        """The path up to its first wildcard: where something is missing."""
        out = ""
        for segment in self.segments:
            if segment == "*":
                break
            out += "/" + escape(segment)
        return out


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


def compile_condition(raw: JSONValue, where: str = "",
                      operators: Mapping[str, Operator] = OPERATORS) -> Condition:
    """Compile a condition from catalogue data; `where` locates errors in the catalogue.
    `operators` is the vocabulary (tests pass their own registry to try a new operator)."""
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(where, "a condition must be a mapping",
                             "write e.g. `{path: /rights/health/status, in: [implemented]}`")
    combinators = [k for k in COMBINATORS if k in raw]
    if combinators:
        return _combination(raw, combinators, where, operators)
    return _leaf(raw, where, operators)


def _combination(raw: dict[str, Any], keys: list[str], where: str,
                 operators: Mapping[str, Operator]) -> Condition:
    if len(raw) != 1:
        raise ConditionError(where, f"`{keys[0]}` must stand alone in its mapping",
                             "wrap the other tests inside it")
    key = keys[0]
    inner = raw[key]
    here = f"{where}/{key}"
    if key == "not":
        return Not(compile_condition(inner, here, operators))
    if not isinstance(inner, list) or not inner:
        raise ConditionError(here, f"`{key}` takes a non-empty list of conditions")
    parts = tuple(compile_condition(c, f"{here}/{i}", operators) for i, c in enumerate(inner))
    return All(parts) if key == "all" else AnyOf(parts)


def _leaf(raw: dict[str, Any], where: str, known: Mapping[str, Operator]) -> Leaf:
    path = raw.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ConditionError(where, "a test needs `path:`, a JSON pointer such as "
                             "/rights/health/status")
    operators = [k for k in raw if k != "path"]
    unknown = [k for k in operators if k not in known]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], list(known), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConditionError(f"{where}/{unknown[0]}", f"unknown test {unknown[0]!r}",
                             hint + "known tests: " + ", ".join(known))
    if len(operators) != 1:
        raise ConditionError(where, "a test needs exactly one operator next to `path`",
                             "known tests: " + ", ".join(known))
    spec = known[operators[0]]
    operand = raw[spec.name]
    if not spec.operand.accepts(operand):
        raise ConditionError(f"{where}/{spec.name}", f"`{spec.name}` takes "
                             f"{spec.operand.words}, found {show(operand)}")
    return Leaf(path, tuple(split(path)), spec.name, operand, spec)


def paths_of(condition: Condition) -> Iterator[str]:
    """Every path (and compared pointer) a condition reads, for meta-tests and docs."""
    if isinstance(condition, Leaf):
        yield condition.path
        if condition.spec.reads_pointer:
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
