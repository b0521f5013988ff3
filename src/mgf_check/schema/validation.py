"""Validation of policies, catalogues and configs against the bundled JSON Schemas.

The fast compiled validator (`schema.fast`) answers "valid?"; only for invalid documents is
`jsonschema` loaded, and `schema.messages` turns each of its errors into a `Problem` at its
`file:line:col`, with "did you mean" hints for misspelled keys and values.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from mgf_check.errors import Problem, with_source
from mgf_check.loading.yamlsource import LoadedDocument
from mgf_check.model import JSONObject
from mgf_check.schema.fast import Check, compile_schema, ecma_regex

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@functools.cache
def schema_text(name: str) -> str:
    """The text of a bundled schema, e.g. `policy` for `schemas/policy.schema.json`."""
    return (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")


@functools.cache
def load_schema(name: str) -> JSONObject:
    """A bundled schema, parsed (cached for the process)."""
    return json.loads(schema_text(name))  # type: ignore[no-any-return]


@functools.cache
def fast_check(name: str) -> Check:
    """The compiled yes/no validator of a bundled schema (cached for the process)."""
    return compile_schema(load_schema(name))


def validate(doc: LoadedDocument, name: str) -> list[Problem]:
    """Problems of `doc` against bundled schema `name`, located and sorted; [] when valid."""
    if fast_check(name)(doc.data):
        return []
    return schema_problems(doc, load_schema(name))


def schema_problems(doc: LoadedDocument, schema: JSONObject) -> list[Problem]:
    """Every schema error of `doc`, located, with a fix hint (uses jsonschema)."""
    import jsonschema  # only on the error path: it is slow to import

    from mgf_check.schema.messages import problems_of

    validator = _validator_class()(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(problems_of(doc, error, schema))
    unique = {(p.span.line if p.span else 0, p.span.column if p.span else 0, p.message): p
              for p in problems}
    return with_source((unique[k] for k in sorted(unique)), doc.text)


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12 with `pattern` read as JSON Schema means it (`fast.ecma_regex`), so
    that the explaining validator agrees with the fast one on a trailing newline."""
    import jsonschema

    def pattern(validator: Any, value: str, instance: Any, _schema: Any) -> Any:
        if validator.is_type(instance, "string") and not ecma_regex(value).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {value!r}")

    return jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": pattern})
