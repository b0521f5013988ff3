"""jsonschema errors in words: each error becomes `Problem`s at the right `file:line:col`.

`required` points at the parent key, `additionalProperties` at the unexpected key (with a "did
you mean" suggestion), `enum` lists the allowed values. Only loaded on the error path.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mgf_check.errors import Problem
from mgf_check.i18n import N_, _, labelled, schema_text
from mgf_check.loading.sourcemap import join
from mgf_check.loading.yamlsource import LoadedDocument
from mgf_check.model import JSONObject, JSONValue

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

#: The `schema_version` this mgf-check reads (the `const` in policy.schema.json).
POLICY_SCHEMA_VERSION = 1
_TYPE_NAMES = {"object": N_("a mapping of keys"), "array": N_("a list"), "string": N_("text"),
               "integer": N_("a whole number"), "number": N_("a number"),
               "boolean": N_("true or false"), "null": N_("nothing")}
_FORMAT_NAMES = {"date": N_("date")}


@dataclass(frozen=True, slots=True)
class Failure:
    """What the messages read of one jsonschema error (the same names as jsonschema's
    `ValidationError`, all set for an error a validator raised)."""

    validator: str  # the failing keyword: `required`, `enum`, `type`, ...
    validator_value: JSONValue  # that keyword's value in the schema (required keys, values...)
    instance: JSONValue  # the value found in the document
    schema: JSONObject  # the schema node that holds the keyword
    message: str  # jsonschema's own sentence, for keywords without a handler

    @classmethod
    def of(cls, error: ValidationError) -> Failure:
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        return cls(str(error.validator), error.validator_value, error.instance, schema,
                   error.message)


def _specific(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the most specific branch error (jsonschema's best match)."""
    if error.context and not _key_choice(Failure.of(error)):
        import jsonschema

        return jsonschema.exceptions.best_match(error.context) or error
    return error


def _key_choice(error: Failure) -> list[str]:
    """The keys of a `oneOf` whose branches each only require one key (e.g. a waiver names a
    `criterion` or a `measure`); empty for any other error."""
    branches = error.validator_value if error.validator == "oneOf" else []
    if not branches or any(set(b) != {"required"} or len(b["required"]) != 1
                           for b in branches):
        return []
    return [b["required"][0] for b in branches]


def _pointer(path: Iterable[Any]) -> str:
    pointer = ""
    for part in path:
        pointer = join(pointer, part)
    return pointer


def problems_of(doc: LoadedDocument, error: ValidationError, root: JSONObject) -> list[Problem]:
    """The located problems one jsonschema error stands for (`root` is the whole schema, to
    resolve `$ref`s into `$defs`)."""
    specific = _specific(error)
    failure = Failure.of(specific)
    handler = _HANDLERS.get(failure.validator, _generic)
    return handler(doc, failure, _pointer(specific.absolute_path), root)


def _enum_of(sub: JSONObject, root: JSONObject) -> list[Any]:
    if "enum" in sub:
        return list(sub["enum"])
    ref = sub.get("$ref", "")
    if ref.startswith("#/$defs/"):
        target = root.get("$defs", {}).get(ref.split("/")[-1], {})
        return list(target.get("enum", []))
    return []


def _one_of_keys(doc: LoadedDocument, error: Failure, pointer: str,
                 root: JSONObject) -> list[Problem]:
    keys = _key_choice(error)
    given = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
    names = _(" or ").join(f"`{k}:`" for k in keys)
    message = (_("{where} has both {keys}").format(
        where=_where(pointer), keys=_(" and ").join(repr(k) for k in given))
        if given else _("{where} needs {names}").format(where=_where(pointer), names=names))
    return [Problem(doc.path, doc.locate(pointer), message,
                    _("give exactly one of {names}").format(names=names), rule="schema")]


def _where(pointer: str) -> str:
    return pointer or _("the top level")


def _additional(doc: LoadedDocument, error: Failure, pointer: str,
                root: JSONObject) -> list[Problem]:
    allowed = sorted(error.schema.get("properties", {}))
    out = []
    for key in sorted(set(error.instance) - set(allowed)):
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (_("did you mean {value!r}?").format(value=close[0]) if close
                else _("allowed keys here: {keys}").format(keys=", ".join(allowed)))
        out.append(Problem(doc.path, doc.locate(join(pointer, key), key=True),
                           _("unknown key {key!r} in {where}").format(
                               key=key, where=_where(pointer)), hint, rule="schema"))
    return out


def _required(doc: LoadedDocument, error: Failure, pointer: str,
              root: JSONObject) -> list[Problem]:
    missing = [k for k in error.validator_value if k not in error.instance]
    span = doc.locate(pointer, key=True) if pointer else doc.locate(pointer)
    out = []
    for key in missing:
        sub = error.schema.get("properties", {}).get(key, {})
        hint = _("add `{key}:`").format(key=key)
        values = _enum_of(sub, root)
        if values:
            hint += " " + _("with one of: {values}").format(values=", ".join(map(str, values)))
        elif sub.get("description"):
            hint += f" ({sub['description']})"
        out.append(Problem(doc.path, span, _("missing required key {key!r} in {where}").format(
            key=key, where=_where(pointer)), hint, rule="schema"))
    return out


def meanings(description: str) -> dict[str, str]:
    """`value -> meaning` from a description written "`value`: meaning; `other`: ..." (French
    typography's space before the colon is accepted)."""
    found = re.findall(r"`([^`]+)`\s?: ([^;`]+?)(?:;|\.?$|\. )", description)
    return {value: meaning.strip() for value, meaning in found}


def enum_hint(value: str, options: list[str], description: str = "") -> str:
    """A hint for a value outside `options`: a suggestion only when it is surely a slip.

    A close spelling is not enough for short words (`done` is one letter from `none`, and
    means the opposite), so only a case difference or a long near-miss is suggested; the
    allowed values are listed with their meanings when the schema gives them.
    """
    folded = {o.casefold(): o for o in options}
    close: list[str] = []
    if value.casefold() in folded:
        close = [folded[value.casefold()]]
    elif len(value) >= 6:
        close = difflib.get_close_matches(value.casefold(), options, n=1, cutoff=0.8)
    hint = _("did you mean {value!r}?").format(value=close[0]) + " " if close else ""
    meaning_of = meanings(schema_text(description))
    if all(o in meaning_of for o in options):
        return hint + _("allowed: {values}").format(
            values="; ".join(f"{o} ({meaning_of[o]})" for o in options))
    return hint + _("allowed: {values}").format(values=labelled(options))


def _enum(doc: LoadedDocument, error: Failure, pointer: str,
          root: JSONObject) -> list[Problem]:
    options = [str(v) for v in error.validator_value]
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    hint = enum_hint(str(error.instance), options, description)
    return [Problem(doc.path, doc.locate(pointer), _("{value} is not an allowed value for "
                                                     "{where}").format(
                        value=_show(error.instance), where=_where(pointer)), hint,
                    rule="schema")]


_YES_NO = frozenset({"yes", "no", "y", "n", "oui", "non", "sí", "si", "on", "off", "vrai",
                     "faux", "verdadero", "falso"})
EVIDENCE_EXAMPLE = " `- title: Council resolution 2021-45` (and `url: https://...` below it)"


def _items_are_objects(error: Failure, root: JSONObject) -> bool:
    items = error.schema.get("items", {}) if isinstance(error.schema, dict) else {}
    ref = items.get("$ref", "")
    if ref.startswith("#/$defs/"):
        items = root.get("$defs", {}).get(ref.split("/")[-1], {})
    return items.get("type") == "object"


def _type_hint(error: Failure, names: list[str], pointer: str, root: JSONObject) -> str:
    found = error.instance
    text = found.strip() if isinstance(found, str) else None
    if "boolean" in names and text is not None:
        if text.lower() in ("true", "false"):
            return _("remove the quotes: write {value} without quotation marks").format(
                value=text.lower())
        if text.casefold() in _YES_NO:
            return _("write true for yes and false for no (`mgf-check fix FILE` can change "
                     "them for you)")
    if "array" in names and _items_are_objects(error, root):
        return _("list each document on its own line, starting with `- title:`, e.g.") + \
            EVIDENCE_EXAMPLE
    if "array" in names:
        if text is not None and "," in text:
            return _("put the values between square brackets: {values}").format(
                values="[" + ", ".join(p.strip() for p in text.split(",")) + "]")
        return _("write a list, e.g. `[en, fr]` or one `- item` per line")
    if "object" in names and text is not None and pointer.split("/")[-2:-1] == ["evidence"]:
        return _("write the document as `- title: {text}` (a URL goes on its own `url:` "
                 "line)").format(text=text)
    if ("integer" in names or "number" in names) and text is not None:
        if re.fullmatch(r"[0-9]+,[0-9]+", text):
            return _("use a decimal point: {value}").format(value=text.replace(",", "."))
        if re.fullmatch(r"[0-9]{1,3}([ ,.'  ][0-9]{3})+", text):
            return _("write the number without separators: {value}").format(
                value=re.sub(r"[^0-9]", "", text))
    return _("quote it to make it text: \"...\"") if "string" in names else ""


def _type(doc: LoadedDocument, error: Failure, pointer: str,
          root: JSONObject) -> list[Problem]:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else expected
    want = _(" or ").join(_(_TYPE_NAMES[n]) if n in _TYPE_NAMES else n for n in names)
    found = _show(error.instance)
    if not pointer and isinstance(error.instance, str) and len(error.instance) > 40:
        found = f"text ({len(error.instance):,} characters)"
    elif isinstance(error.instance, str) and error.instance.strip().lower() in ("true", "false"):
        found = _("the quoted text {text!r}").format(text=error.instance)
    return [Problem(doc.path, doc.locate(pointer), _("{where} should be {want}, found {found}")
                    .format(where=_where(pointer), want=want, found=found),
                    _type_hint(error, names, pointer, root), rule="schema")]


def _const(doc: LoadedDocument, error: Failure, pointer: str,
           root: JSONObject) -> list[Problem]:
    if pointer == "/schema_version":
        return [Problem(doc.path, doc.locate(pointer), _(
            "schema_version {value} is not supported: this mgf-check reads schema version "
            "{version}").format(value=_show(error.instance), version=POLICY_SCHEMA_VERSION),
            _("write `schema_version: {version}` (see `mgf-check schema`)").format(
                version=POLICY_SCHEMA_VERSION), rule="schema")]
    return _generic(doc, error, pointer, root)


def _format(doc: LoadedDocument, error: Failure, pointer: str,
            root: JSONObject) -> list[Problem]:
    return [Problem(doc.path, doc.locate(pointer), _("{value} is not a valid {kind} in {where}")
                    .format(value=_show(error.instance), kind=_(_FORMAT_NAMES.get(
                        error.validator_value, str(error.validator_value))),
                            where=_where(pointer)),
                    _("write dates as YYYY-MM-DD, e.g. 2026-03-31"), rule="schema")]


def _pattern(doc: LoadedDocument, error: Failure, pointer: str,
             root: JSONObject) -> list[Problem]:
    described = error.schema.get("description", "")
    return [Problem(doc.path, doc.locate(pointer), _("{value} is not in the expected form for "
                                                     "{where}").format(
                        value=_show(error.instance), where=_where(pointer)), described,
                    rule="schema")]


def _unique(doc: LoadedDocument, error: Failure, pointer: str,
            root: JSONObject) -> list[Problem]:
    seen: set[str] = set()
    repeated = None
    for value in error.instance:
        if repr(value) in seen:
            repeated = value
            break
        seen.add(repr(value))
    return [Problem(doc.path, doc.locate(pointer), _("{where} lists {value} more than once")
                    .format(where=_where(pointer), value=_show(repeated)),
                    _("remove the repeated item"), rule="schema")]


def _generic(doc: LoadedDocument, error: Failure, pointer: str,
             root: JSONObject) -> list[Problem]:
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
        return _("nothing (null)")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
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
