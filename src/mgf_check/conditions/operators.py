"""The leaf tests of the condition vocabulary, one `Operator` record each, in `OPERATORS`.

A record is the one place an operator is defined: its name, the kind of operand it takes (with
its JSON-schema fragment), its test, its wording, an example and a favourable value. Everything
else derives from `OPERATORS`: compiling and checking operands (`conditions.combinators`), the
operand shapes in `framework.schema.json` (`$defs/operators`) and the operator table of
`docs/catalogue-format.md` (both written by `scripts/gen_derived.py`, checked by
`tests/test_derived.py`), the judgement-rule checker (`tools.rules`), and the meta-tests, which
run every record's example (`tests/unit/test_operator_records.py`). To add an operator, add a
record here and run `python scripts/gen_derived.py`.

Each test takes the value a path reaches, the operand from the catalogue and the document, and
returns None when the value passes, else a short reason naming the value seen (reasons are in
English, like the rest of the evaluation's explanations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from mgf_check.loading.sourcemap import escape, split, value_at
from mgf_check.model import Document, JSONValue


def show(value: JSONValue) -> str:
    """A value as a reader sees it in a reason."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(show(v) if not isinstance(v, str) else v for v in value) + "]"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return str(value)


def matches(data: JSONValue, segments: tuple[str, ...]) -> Iterator[tuple[str, JSONValue]]:
    """Every (pointer, value) the path reaches; `*` fans out over list items."""
    if "*" not in segments:  # the common case: one plain walk down mappings
        node = value_at(data, segments)
        if node is not None:
            yield "/" + "/".join(escape(s) for s in segments) if segments else "", node
        return
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        pointer, node, i = stack.pop()
        if i == len(segments):
            if node is not None:
                yield pointer, node
            continue
        segment = segments[i]
        if segment == "*":
            if isinstance(node, list):
                for index in range(len(node) - 1, -1, -1):
                    stack.append((f"{pointer}/{index}", node[index], i + 1))
        elif isinstance(node, dict) and segment in node:
            stack.append((f"{pointer}/{escape(segment)}", node[segment], i + 1))
        elif (isinstance(node, list) and segment.isascii() and segment.isdigit()
              and int(segment) < len(node)):
            stack.append((f"{pointer}/{segment}", node[int(segment)], i + 1))


def parse_date(text: JSONValue) -> dt.date | None:
    """A date from `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a bare integer year too)."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        year, month, day = [*numbers, 1, 1][:3]
        return dt.date(year, month, day)
    except (ValueError, TypeError, OverflowError):  # OverflowError: a year past C's int
        return None


def _t_equals(value: Any, operand: Any, _doc: Document) -> str | None:
    if value == operand and type(value) is type(operand):
        return None
    return f"is {show(value)}, expected {show(operand)}"


def _t_in(value: Any, operand: list[Any], _doc: Document) -> str | None:
    if any(value == o and type(value) is type(o) for o in operand):
        return None
    if len(operand) == 1:
        return f"is {show(value)}, expected {show(operand[0])}"
    return f"is {show(value)}, expected one of: {', '.join(map(str, operand))}"


def _as_list(value: Any) -> list[Any] | None:
    return value if isinstance(value, list) else None


def _t_contains(value: Any, operand: Any, _doc: Document) -> str | None:
    items = _as_list(value)
    if items is None:
        return f"is {show(value)}, expected a list including {show(operand)}"
    return None if operand in items else f"is {show(value)}, which lacks {show(operand)}"


def _t_contains_any(value: Any, operand: list[Any], _doc: Document) -> str | None:
    items = _as_list(value)
    if items is not None and any(o in items for o in operand):
        return None
    return f"is {show(value)}, expected any of: {', '.join(map(str, operand))}"


def _t_contains_all(value: Any, operand: list[Any], _doc: Document) -> str | None:
    items = _as_list(value)
    if items is None:
        return f"is {show(value)}, expected a list"
    missing = [o for o in operand if o not in items]
    return None if not missing else f"is {show(value)}, which lacks {', '.join(map(str, missing))}"


def _t_min_items(value: Any, operand: int, _doc: Document) -> str | None:
    items = _as_list(value)
    count = len(items) if items is not None else 0
    if items is not None and count >= operand:
        return None
    return f"has {count} item{'s' * (count != 1)}, expected at least {operand}"


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _t_min(value: Any, operand: float, _doc: Document) -> str | None:
    number = _number(value)
    if number is not None and number >= operand:
        return None
    return f"is {show(value)}, expected at least {operand}"


def _t_max(value: Any, operand: float, _doc: Document) -> str | None:
    number = _number(value)
    if number is not None and number <= operand:
        return None
    return f"is {show(value)}, expected at most {operand}"


def _t_within_years(value: Any, operand: float, doc: Document) -> str | None:
    when, as_of = parse_date(value), parse_date(doc.as_of)
    if when is None or as_of is None:
        return f"is {show(value)}, not a date"
    age = (as_of - when).days / 365.25
    if age <= operand:
        return None
    return f"is {value}, more than {operand:g} years before {doc.as_of}"


def _other_list(operand: str, doc: Document) -> list[Any] | None:
    found = [v for _, v in matches(doc.data, tuple(split(operand)))]
    return found[0] if found and isinstance(found[0], list) and found[0] else None


def _t_covers(value: Any, operand: str, doc: Document) -> str | None:
    other, items = _other_list(operand, doc), _as_list(value)
    if other is None:
        return f"cannot be compared: {operand} is not stated"
    if items is None:
        return f"is {show(value)}, expected a list"
    missing = [o for o in other if o not in items]
    return None if not missing else f"lacks {', '.join(map(str, missing))} (from {operand})"


def _t_overlaps(value: Any, operand: str, doc: Document) -> str | None:
    other, items = _other_list(operand, doc), _as_list(value)
    if other is None:
        return f"cannot be compared: {operand} is not stated"
    if items is not None and any(o in items for o in other):
        return None
    return f"is {show(value)}, with nothing from {operand} ({show(other)})"


def _t_exists(_value: Any, _operand: Any, _doc: Document) -> str | None:
    return None  # presence is decided by the leaf (`Operator.presence`), not by a value


def _stated(operand: Any) -> str:
    return "is stated" if operand else "is not stated"


#: A leaf test: (value found, operand, document) -> None when it passes, else the reason.
Test = Callable[[JSONValue, JSONValue, Document], str | None]


@dataclass(frozen=True, slots=True)
class Operand:
    """A kind of operand: what a catalogue may write after an operator.

    `schema` is the JSON-schema fragment of the kind; `accepts` decides at compile time,
    where the error can name the catalogue line.
    """

    name: str
    words: str
    short: str
    schema: Mapping[str, JSONValue]
    accepts: Callable[[JSONValue], bool]


def _is_bool(o: Any) -> bool:
    return isinstance(o, bool)


def _is_scalar(o: Any) -> bool:
    return isinstance(o, (str, int, float, bool))


def _is_list(o: Any) -> bool:
    return isinstance(o, list) and bool(o)


def _is_count(o: Any) -> bool:
    return isinstance(o, int) and not isinstance(o, bool) and o >= 0


def _is_number(o: Any) -> bool:
    return isinstance(o, (int, float)) and not isinstance(o, bool)


def _is_pointer(o: Any) -> bool:
    return isinstance(o, str) and o.startswith("/")


BOOLEAN = Operand("boolean", "true or false", "true/false", {"type": "boolean"}, _is_bool)
SCALAR = Operand("scalar", "one value (text, number or true/false)", "a value",
                 {"type": ["string", "number", "boolean"]}, _is_scalar)
LIST = Operand("list", "a non-empty list of values", "list",
               {"type": "array", "minItems": 1}, _is_list)
COUNT = Operand("integer", "a whole number of at least 0", "n",
                {"type": "integer", "minimum": 0}, _is_count)
NUMBER = Operand("number", "a number", "number", {"type": "number"}, _is_number)
POINTER = Operand("pointer", "a JSON pointer such as /city/migrant_languages", "pointer",
                  {"type": "string", "pattern": "^/"}, _is_pointer)


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example, run by the meta-tests: the operand, a value that passes, a value that
    fails with `reason`, and `context`, other top-level values of the example document (the list
    a pointer operand names). The value sits at `/value`; the document is dated 2026-01-01."""

    operand: JSONValue
    passing: JSONValue
    failing: JSONValue
    reason: str
    context: Mapping[str, JSONValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Operator:
    """One leaf operator of the condition vocabulary.

    - `test`: the check of one value (see `Test`);
    - `verb`: how `describe()` words the test, `{path} {verb} {operand}`;
    - `means`: the documentation's "passes when the value at `path` ..." column;
    - `favourable(operand, items, as_of)`: a value that passes, given the operand (for a pointer
      operand: the list it names), the list already at the path and the document date; the
      judgement-rule checker builds favourable policies with it;
    - `presence`: the test is on presence, not on a value (`exists`);
    - `reads_pointer`: the operand is a JSON pointer to another list that the test reads.
    """

    name: str
    operand: Operand
    test: Test
    verb: str
    means: str
    example: Example
    favourable: Callable[[JSONValue, list[JSONValue], str], JSONValue]
    presence: bool = False
    reads_pointer: bool = False

    def words(self, operand: JSONValue) -> str:
        """The test in words, after the path: `is one of [a, b]`."""
        if self.presence:
            return _stated(operand)
        return f"{self.verb} {show(operand)}"

    def success(self, value: JSONValue, operand: JSONValue) -> str:
        """Why a value passed, after its pointer."""
        if self.reads_pointer:
            return f"is {show(value)}, which {self.name} {operand}"
        return f"is {show(value)}"


def _f_operand(operand: Any, _items: list[Any], _as_of: str) -> Any:
    return operand


def _f_first(operand: list[Any], _items: list[Any], _as_of: str) -> Any:
    return operand[0]


def _f_contains(operand: Any, items: list[Any], _as_of: str) -> list[Any]:
    return items if operand in items else [*items, operand]


def _f_contains_any(operand: list[Any], items: list[Any], _as_of: str) -> list[Any]:
    return items if set(items) & set(operand) else [*items, operand[0]]


def _f_contains_all(operand: list[Any], items: list[Any], _as_of: str) -> list[Any]:
    return items + [v for v in operand if v not in items]


def _f_min_items(operand: int, items: list[Any], _as_of: str) -> list[Any]:
    return items + [f"item-{k}" for k in range(len(items), operand)]


def _f_as_of(_operand: Any, _items: list[Any], as_of: str) -> str:
    return as_of


def _f_union(other: list[Any], items: list[Any], _as_of: str) -> list[Any]:
    return sorted(set(items) | set(other))


def _f_stated(operand: Any, _items: list[Any], _as_of: str) -> str | None:
    return "stated" if operand else None


#: Every leaf operator, by name, in the order the documentation lists them.
OPERATORS: Mapping[str, Operator] = {op.name: op for op in (
    Operator("exists", BOOLEAN, _t_exists, "is stated", "is present (not null) / absent",
             Example(True, "yes", None, "is not stated"), _f_stated, presence=True),
    Operator("equals", SCALAR, _t_equals, "equals", "equals it (same type)",
             Example("adopted", "adopted", "planned", "is 'planned', expected 'adopted'"),
             _f_operand),
    Operator("in", LIST, _t_in, "is one of", "is one of the values",
             Example(["adopted", "implemented"], "adopted", "planned",
                     "is 'planned', expected one of: adopted, implemented"), _f_first),
    Operator("contains", SCALAR, _t_contains, "contains", "is a list that includes it",
             Example("ar", ["en", "ar"], ["en"], "is [en], which lacks 'ar'"), _f_contains),
    Operator("contains_any", LIST, _t_contains_any, "contains any",
             "is a list sharing at least one value",
             Example(["ar", "so"], ["so"], ["en"], "is [en], expected any of: ar, so"),
             _f_contains_any),
    Operator("contains_all", LIST, _t_contains_all, "contains all",
             "is a list including every value",
             Example(["ar", "so"], ["so", "ar", "en"], ["so"], "is [so], which lacks ar"),
             _f_contains_all),
    Operator("min_items", COUNT, _t_min_items, "has at least", "is a list of at least n items",
             Example(2, ["a", "b"], ["a"], "has 1 item, expected at least 2"), _f_min_items),
    Operator("min", NUMBER, _t_min, "is at least", "is a number >= it",
             Example(10, 12, 8, "is 8, expected at least 10"), _f_operand),
    Operator("max", NUMBER, _t_max, "is at most", "is a number <= it",
             Example(10, 8, 12, "is 12, expected at most 10"), _f_operand),
    Operator("within_years", NUMBER, _t_within_years, "is within years:",
             "is a date (YYYY, YYYY-MM or YYYY-MM-DD) at most n years before the assessment "
             "date",
             Example(5, "2023-06", "2019", "is 2019, more than 5 years before 2026-01-01"),
             _f_as_of),
    Operator("covers", POINTER, _t_covers, "covers",
             "is a list including every item of the list at the other pointer",
             Example("/languages", ["ar", "en"], ["en"], "lacks ar (from /languages)",
                     {"languages": ["en", "ar"]}), _f_union, reads_pointer=True),
    Operator("overlaps", POINTER, _t_overlaps, "overlaps",
             "is a list sharing an item with the list at the other pointer",
             Example("/languages", ["ar"], ["so"], "is [so], with nothing from /languages "
                     "([en, ar])", {"languages": ["en", "ar"]}), _f_union,
             reads_pointer=True),
)}
