"""jsonschema errors in words: each error becomes `Problem`s at the right `file:line:col`.

`required` points at the parent key, `additionalProperties` at the unexpected key (with a "did
you mean" suggestion), `enum` lists the allowed values. Only loaded on the error path.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from mgf_check.errors import Problem
from mgf_check.loading.sourcemap import join
from mgf_check.loading.yamlsource import LoadedDocument

#: The `schema_version` this mgf-check reads (the `const` in policy.schema.json).
POLICY_SCHEMA_VERSION = 1
_TYPE_NAMES = {"object": "a mapping of keys", "array": "a list", "string": "text",
               "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "null": "nothing"}


def _specific(error: Any) -> Any:
    """For anyOf/oneOf, the most specific branch error (jsonschema's best match)."""
    if error.context and not _key_choice(error):
        import jsonschema

        return jsonschema.exceptions.best_match(error.context) or error
    return error


def _key_choice(error: Any) -> list[str]:
    """The keys of a `oneOf` whose branches each only require one key (e.g. a waiver names a
    `criterion` or a `measure`); empty for any other error."""
    branches = error.validator_value if error.validator == "oneOf" else []
    if not branches or any(set(b) != {"required"} or len(b["required"]) != 1
                           for b in branches):
        return []
    return [b["required"][0] for b in branches]


def _one_of_keys(doc: LoadedDocument, error: Any, pointer: str,
                 root: Mapping[str, Any]) -> list[Problem]:
    keys = _key_choice(error)
    given = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
    names = " or ".join(f"`{k}:`" for k in keys)
    message = (f"{_where(pointer)} has both {' and '.join(repr(k) for k in given)}"
               if given else f"{_where(pointer)} needs {names}")
    return [Problem(doc.path, doc.locate(pointer), message, f"give exactly one of {names}",
                    rule="schema")]


def _pointer(path: Iterable[Any]) -> str:
    pointer = ""
    for part in path:
        pointer = join(pointer, part)
    return pointer


def _where(pointer: str) -> str:
    return pointer or "the top level"


def problems_of(doc: LoadedDocument, error: Any, root: Mapping[str, Any]) -> list[Problem]:
    """The located problems one jsonschema error stands for (`root` is the whole schema, to
    resolve `$ref`s into `$defs`)."""
    error = _specific(error)
    pointer = _pointer(error.absolute_path)
    handler = _HANDLERS.get(error.validator, _generic)
    return handler(doc, error, pointer, root)


def _additional(doc: LoadedDocument, error: Any, pointer: str,
                root: Mapping[str, Any]) -> list[Problem]:
    allowed = sorted(error.schema.get("properties", {}))
    out = []
    for key in sorted(set(error.instance) - set(allowed)):
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (f"did you mean {close[0]!r}?" if close
                else "allowed keys here: " + ", ".join(allowed))
        out.append(Problem(doc.path, doc.locate(join(pointer, key), key=True),
                           f"unknown key {key!r} in {_where(pointer)}", hint, rule="schema"))
    return out


def _required(doc: LoadedDocument, error: Any, pointer: str,
              root: Mapping[str, Any]) -> list[Problem]:
    missing = [k for k in error.validator_value if k not in error.instance]
    span = doc.locate(pointer, key=True) if pointer else doc.locate(pointer)
    out = []
    for key in missing:
        sub = error.schema.get("properties", {}).get(key, {})
        hint = f"add `{key}:`"
        values = _enum_of(sub, root)
        if values:
            hint += " with one of: " + ", ".join(map(str, values))
        elif sub.get("description"):
            hint += f" ({sub['description']})"
        out.append(Problem(doc.path, span, f"missing required key {key!r} in "
                           f"{_where(pointer)}", hint, rule="schema"))
    return out


def _enum_of(sub: Mapping[str, Any], root: Mapping[str, Any]) -> list[Any]:
    if "enum" in sub:
        return list(sub["enum"])
    ref = sub.get("$ref", "")
    if ref.startswith("#/$defs/"):
        target = root.get("$defs", {}).get(ref.split("/")[-1], {})
        return list(target.get("enum", []))
    return []


def _enum(doc: LoadedDocument, error: Any, pointer: str,
          root: Mapping[str, Any]) -> list[Problem]:
    options = [str(v) for v in error.validator_value]
    close = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    hint += "allowed: " + ", ".join(options)
    return [Problem(doc.path, doc.locate(pointer), f"{_show(error.instance)} is not an "
                    f"allowed value for {_where(pointer)}", hint, rule="schema")]


def _type(doc: LoadedDocument, error: Any, pointer: str,
          root: Mapping[str, Any]) -> list[Problem]:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else expected
    want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    hint = "quote it to make it text: \"...\"" if "string" in names else ""
    if "array" in names:
        hint = "write a list, e.g. `[en, fr]` or one `- item` per line"
    # at the top level the "value" is the whole file (e.g. a path that is not YAML at all):
    # beyond a few words, name its kind, never quote it
    found = _show(error.instance)
    if not pointer and isinstance(error.instance, str) and len(error.instance) > 40:
        found = f"text ({len(error.instance):,} characters)"
    return [Problem(doc.path, doc.locate(pointer), f"{_where(pointer)} should be {want}, "
                    f"found {found}", hint, rule="schema")]


def _const(doc: LoadedDocument, error: Any, pointer: str,
           root: Mapping[str, Any]) -> list[Problem]:
    if pointer == "/schema_version":
        return [Problem(doc.path, doc.locate(pointer), f"schema_version {_show(error.instance)}"
                        f" is not supported: this mgf-check reads schema version "
                        f"{POLICY_SCHEMA_VERSION}", f"write `schema_version: "
                        f"{POLICY_SCHEMA_VERSION}` (see `mgf-check schema`)", rule="schema")]
    return _generic(doc, error, pointer, root)


def _format(doc: LoadedDocument, error: Any, pointer: str,
            root: Mapping[str, Any]) -> list[Problem]:
    return [Problem(doc.path, doc.locate(pointer), f"{_show(error.instance)} is not a valid "
                    f"{error.validator_value} in {_where(pointer)}",
                    "write dates as YYYY-MM-DD, e.g. 2026-03-31", rule="schema")]


def _pattern(doc: LoadedDocument, error: Any, pointer: str,
             root: Mapping[str, Any]) -> list[Problem]:
    described = error.schema.get("description", "")
    return [Problem(doc.path, doc.locate(pointer), f"{_show(error.instance)} is not in the "
                    f"expected form for {_where(pointer)}", described, rule="schema")]


def _unique(doc: LoadedDocument, error: Any, pointer: str,
            root: Mapping[str, Any]) -> list[Problem]:
    seen: set[str] = set()
    repeated = None
    for value in error.instance:
        if repr(value) in seen:
            repeated = value
            break
        seen.add(repr(value))
    return [Problem(doc.path, doc.locate(pointer), f"{_where(pointer)} lists "
                    f"{_show(repeated)} more than once", "remove the repeated item",
                    rule="schema")]


def _generic(doc: LoadedDocument, error: Any, pointer: str,
             root: Mapping[str, Any]) -> list[Problem]:
    return [Problem(doc.path, doc.locate(pointer), f"{_where(pointer)}: {error.message}",
                    error.schema.get("description", "") if isinstance(error.schema, dict)
                    else "", rule="schema")]


def _show(value: Any) -> str:
    """A value for a message, short: an error never repeats a whole document."""
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 80 else f"{text[:76]}...{text[0]}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


_HANDLERS = {
    "additionalProperties": _additional,
    "oneOf": _one_of_keys,
    "required": _required,
    "enum": _enum,
    "type": _type,
    "const": _const,
    "format": _format,
    "pattern": _pattern,
    "uniqueItems": _unique,
}
