"""Mistakes a schema cannot see: an untouched template, `182.000` read as 182, and a value
typed after a `#` (`employment_services:  # ... status: implemented`), which YAML drops as a
comment.

All pass the policy schema, and all would give a report that looks valid and is wrong, so a
valid document is looked at once more before it is checked.
"""

from __future__ import annotations

import re
from typing import Any

from mgf_check.entry.fields import blocks
from mgf_check.errors import Problem, with_source
from mgf_check.i18n import _
from mgf_check.loading.sourcemap import segments, value_at
from mgf_check.loading.yamlsource import LoadedDocument
from mgf_check.model import Span
from mgf_check.tools.template import PLACEHOLDER_COUNTRY, PLACEHOLDER_NAME

_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    return value is not None and value != []


def _filled_sections(data: dict[str, Any]) -> list[str]:
    return [k for k, v in data.items() if k not in ("schema_version", "city", "assessment",
                                                   "waivers") and _has_content(v)]


def _template(doc: LoadedDocument) -> list[Problem]:
    city = doc.data.get("city") or {}
    if city.get("name") != PLACEHOLDER_NAME or city.get("country") != PLACEHOLDER_COUNTRY:
        return []
    if _filled_sections(doc.data):
        message = _("the city's name and country are still the template's placeholders")
    else:
        message = _("this is the untouched template from `mgf-check init`: nothing is filled "
                    "in")
    hint = _("write the city's name and its two-letter country code (e.g. FR), and describe at "
             "least one measure; `mgf-check interview {path}` asks the questions for you"
             ).format(path=doc.path)
    return [Problem(doc.path, doc.locate("/city/name"), message, hint, rule="template")]


def _whole_numbers(doc: LoadedDocument) -> list[Problem]:
    out = []
    for block in blocks():
        for field in block.fields:
            if field.kind not in ("integer", "since"):
                continue
            value = value_at(doc.data, segments(field.pointer))
            if not isinstance(value, float):
                continue
            span = doc.locate(field.pointer)
            written = _written(doc, span) or repr(value)
            hint = _("write a whole number, without a decimal point")
            if _GROUPED.fullmatch(written):
                hint = _("a point in a number is a decimal point: if you mean {number}, write "
                         "{number} (no thousands separators)").format(
                    number=written.replace(".", ""))
            out.append(Problem(doc.path, span, _("{pointer} should be a whole number, found "
                                                 "{written}").format(
                pointer=field.pointer, written=written), hint, rule="schema"))
    return out


_COMMENTED = re.compile(r"#.*?\b(?P<key>[a-z_]+)\s*:\s*(?P<value>[^\s#,;]+)")


def _commented_values(doc: LoadedDocument) -> list[Problem]:
    """A measure left empty on its line while one of its fields is written in the comment
    after it: the officer meant the value, YAML dropped it."""
    out = []
    lines = doc.text.splitlines()
    for block in blocks():
        parts = segments(block.pointer)
        parent = value_at(doc.data, parts[:-1])
        if not isinstance(parent, dict) or parts[-1] not in parent or parent[parts[-1]] is not None:
            continue
        span = doc.locate(block.pointer, key=True)
        if span is None or not 0 < span.line <= len(lines):
            continue
        line = lines[span.line - 1]
        found = _COMMENTED.search(line, span.column - 1)
        if found is None or block.field(found.group("key")) is None:
            continue
        written = f"{found.group('key')}: {found.group('value')}"
        column = found.start() + 1
        out.append(Problem(
            doc.path, Span(span.line, column, span.line, len(line) + 1),
            _("`{written}` is inside a comment (after `#`), so {pointer} is empty").format(
                written=written, pointer=block.pointer),
            _("YAML ignores everything after `#`: put `{written}` on its own line under "
              "`{key}:`, indented two more spaces, and keep the comment after it").format(
                written=written, key=parts[-1]), rule="comment"))
    return out


def _written(doc: LoadedDocument, span: Any) -> str:
    if span is None or span.line != span.end_line:
        return ""
    lines = doc.text.splitlines()
    return lines[span.line - 1][span.column - 1: span.end_column - 1] if lines else ""


def first_contact_problems(doc: LoadedDocument) -> list[Problem]:
    """Problems of a schema-valid policy that would still make its report wrong."""
    if not isinstance(doc.data, dict):
        return []
    return with_source(_template(doc) + _whole_numbers(doc) + _commented_values(doc), doc.text)
