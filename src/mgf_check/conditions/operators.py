"""The leaf tests of the condition vocabulary: what each operator accepts, and why not.

Each test takes the value a path reaches, the operand from the catalogue and the document, and
returns None when the value passes, else a short reason naming the value seen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from mgf_check.loading.sourcemap import escape, split, value_at
from mgf_check.model import Document, JSONValue

#: The leaf operators, with the type of operand each takes.
LEAF_OPERATORS: Mapping[str, str] = {
    "exists": "boolean",
    "equals": "scalar",
    "in": "list",
    "contains": "scalar",
    "contains_any": "list",
    "contains_all": "list",
    "min_items": "integer",
    "min": "number",
    "max": "number",
    "within_years": "number",
    "covers": "pointer",
    "overlaps": "pointer",
}
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


TESTS: Mapping[str, Callable[[JSONValue, JSONValue, Document], str | None]] = {
    "exists": lambda _v, _o, _d: None,
    "equals": _t_equals,
    "in": _t_in,
    "contains": _t_contains,
    "contains_any": _t_contains_any,
    "contains_all": _t_contains_all,
    "min_items": _t_min_items,
    "min": _t_min,
    "max": _t_max,
    "within_years": _t_within_years,
    "covers": _t_covers,
    "overlaps": _t_overlaps,
}
