"""The one rule for text that did not come from the program: neutralised for each format.

Policy values, catalogue text, file paths and saved reports can hold anything. Before any
format sees them they pass through this module, once, at the format boundary
(`reporters.base.Reporter` applies `rule_for(name)` to the report it is given and to the text
it returns; the CLI applies `display` to every message on stderr). The rules:

- `display` (every human format: terminal, HTML, JUnit, CSV, GitHub, stderr): control
  characters (C0 but TAB, DEL, C1) and bidirectional overrides are made visible as `\\xNN` /
  `\\uNNNN`; line breaks (CR, LF, VT, FF, NEL, U+2028/9, ...) become `⏎`, so a value is one line
  and can never start a log line of its own; `::` at the start of the text or after a space
  (GitHub workflow commands) and `##[` anywhere (the runner's legacy commands) get a zero-width
  space inside; lone surrogates are made visible. Normal text is unchanged.
- `markdown`: `display`, plus `@mentions` and bare-URL autolinks defused with a zero-width
  space (the Markdown reporter still escapes its own syntax characters).
- JSON and SARIF keep every value exact: their rule works on the serialised text, writing the
  dangerous characters (C1, DEL, bidi, U+2028/9, lone surrogates) and `##[` as JSON `\\u`
  escapes, which decode to the same value.
- Every text format's output passes `defuse_lines`: no line starts with `::` (after blanks
  or colour codes) and no `##[` appears, even where a renderer wrapped a long value.
- Rich markup: the terminal reporter renders with markup off, so `[...]` is always text.
- `safe_url`: a link is kept only if it is http(s) with a host and no space, quote or angle
  bracket.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from mgf_check.errors import Problem

T = TypeVar("T")

ZWSP = "\u200b"
RETURN = "⏎"
TextRule = Callable[[str], str]

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = f"\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f{_BIDI}\ud800-\udfff"
_UNSAFE = re.compile(rf"[{_BREAKS}{_CONTROL}]|##\[|::")
_LINE_BREAK = re.compile(rf"\r\n|[{_BREAKS}]")
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_COMMAND = re.compile(rf"(^|\s|{RETURN})::")
_MENTION = re.compile(r"@(?=[\w-])")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])://|\bwww\.")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display(text: str) -> str:
    """Text from outside the program, safe to show in any human format (see module doc)."""
    if not _UNSAFE.search(text):
        return text
    text = _LINE_BREAK.sub(RETURN, text)
    text = _CONTROL_RE.sub(_escape_char, text)
    text = text.replace("##[", f"##{ZWSP}[")
    return _COMMAND.sub(rf"\1:{ZWSP}:", text)


def problem(item: Problem) -> str:
    """An error (`errors.Problem`) rendered with its file name, message and hint shown by
    `display`: for stderr and for the error rows of a batch."""
    safe = dataclasses.replace(item, path=display(item.path), message=display(item.message),
                               hint=display(item.hint),
                               source_line=display(item.source_line))
    return str(safe.render())


def markdown(text: str) -> str:
    """`display`, and no @mention or autolink when the Markdown is posted (e.g. a PR comment)."""
    text = display(text)
    if "@" in text:
        text = _MENTION.sub(f"@{ZWSP}", text)
    if "://" in text or "www." in text.lower():
        text = _AUTOLINK.sub(lambda m: m.group().replace(":", f":{ZWSP}").replace(".",
                                                                             f"{ZWSP}."), text)
    return text


_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]|##\[")


def json_text(text: str) -> str:
    """Serialised JSON with dangerous characters written as `\\u` escapes (same values)."""
    if not _JSON_UNSAFE.search(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: "##\\u005b" if m.group() == "##[" else
                            f"\\u{ord(m.group()):04x}", text)


_LINE_START = re.compile(r"(?m)^((?:[ \t]|\x1b\[[0-9;]*m)*):(?=:)")


_FIRST_LINE = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)*::")
_NEXT_LINES = re.compile(r"\n(?:[ \t]|\x1b\[[0-9;]*m)*::")  # the leading \n: a fast scan


def defuse_lines(text: str) -> str:
    """Output text where no line starts with `::` and no `##[` appears."""
    if "##[" not in text and not _FIRST_LINE.match(text) and not _NEXT_LINES.search(text):
        return text  # the usual case, found without trying the pattern at every position
    return _LINE_START.sub(rf"\1:{ZWSP}", text).replace("##[", f"##{ZWSP}[")


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) link with a host, else None."""
    if not isinstance(url, str) or len(url) > 2000 or display(url) != url or \
            any(c in url for c in " \t\"'<>\\`{}|^"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


@dataclass(frozen=True, slots=True)
class Rule:
    """How one format neutralises: `text` for every string of the report it is given (None:
    keep values exact), `output` for the text it produces (None: leave as is)."""

    text: TextRule | None
    output: TextRule | None


#: Each format's rule; a format not listed gets DEFAULT.
DEFAULT = Rule(display, defuse_lines)
RULES: Mapping[str, Rule] = {
    "terminal": DEFAULT,
    "html": DEFAULT,
    "junit": DEFAULT,
    "csv": DEFAULT,
    "markdown": Rule(markdown, defuse_lines),
    "json": Rule(None, json_text),
    "sarif": Rule(None, json_text),
    "github": Rule(display, None),  # its output *is* workflow commands, values escaped
}


def rule_for(format_name: str) -> Rule:
    """The neutralisation rule of an output format."""
    return RULES.get(format_name, DEFAULT)


def apply(value: T, rule: TextRule) -> T:
    """`value` with `rule` applied to every string inside it (dataclasses, mappings,
    sequences); unchanged parts are shared, not copied. Compiled conditions are left alone."""
    return cast(T, _Walker(rule).walk(value))


def apply_output(pieces: str | Iterable[str], rule: TextRule | None) -> str | Iterable[str]:
    """A rendered output (a string or an iterator of pieces) passed through `rule`."""
    if rule is None:
        return pieces
    if isinstance(pieces, str):
        return rule(pieces)
    return _map_pieces(pieces, rule)


def _map_pieces(pieces: Iterable[str], rule: TextRule) -> Iterator[str]:
    for piece in pieces:
        yield rule(piece)


#: Catalogue objects live as long as the process and are shared by every report: their
#: neutralised copies are kept (per rule) instead of being walked again for each report.
_LASTING = frozenset({"Framework", "Criterion", "Group"})
_LASTING_MEMO: dict[tuple[int, TextRule], tuple[Any, Any]] = {}


class _Walker:
    def __init__(self, rule: TextRule) -> None:
        self.rule = rule
        self.memo: dict[int, tuple[Any, Any]] = {}

    def walk(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.rule(value)
        how = _HOW.get(kind)
        if how is None:
            how = _how(kind)
        if how is _KEEP:
            return value  # numbers, None, statuses, positions, compiled conditions
        seen = self.memo.get(id(value))
        if seen is not None:
            return seen[1]
        lasting = how is _LASTING_FIELDS
        if lasting:
            kept = _LASTING_MEMO.get((id(value), self.rule))
            if kept is not None and kept[0] is value:
                return kept[1]
        out = self._walk(value, how)
        self.memo[id(value)] = (value, out)
        if lasting:  # holds `value`, so its id cannot be reused while the entry exists
            _LASTING_MEMO[(id(value), self.rule)] = (value, out)
        return out

    def _walk(self, value: Any, how: str) -> Any:
        step = self.step
        if how is _FIELDS or how is _LASTING_FIELDS:
            changes = {}
            kind: type = type(value)
            for name in _field_names(kind):
                old = getattr(value, name)
                new = step(old)
                if new is not old:
                    changes[name] = new
            if not changes:
                return value
            copy = _copy(value)
            for name, new in changes.items():
                object.__setattr__(copy, name, new)
            return copy
        if how is _MAPPING:
            old = list(value.items())
            items = [(step(k), step(v)) for k, v in old]
            if all(a is b for pair, was in zip(items, old, strict=True)
                   for a, b in zip(pair, was, strict=True)):
                return value
            return dict(items)
        if how is _SEQUENCE:
            walked = [step(v) for v in value]
            if all(a is b for a, b in zip(walked, value, strict=True)):
                return value
            if hasattr(value, "_fields"):  # a named tuple
                return type(value)(*walked)
            return type(value)(walked)
        return value

    def step(self, value: Any) -> Any:
        """`walk`, with the commonest cases (text, values without text) done inline."""
        kind = type(value)
        if kind is str:
            return self.rule(value)
        if _HOW.get(kind) is _KEEP:
            return value
        return self.walk(value)


#: How the walker treats a value of each type, decided once per type (`_how`).
_KEEP, _FIELDS, _LASTING_FIELDS, _MAPPING, _SEQUENCE = (
    "keep", "fields", "lasting fields", "mapping", "sequence")
_HOW: dict[type, str] = {}


def _how(kind: type) -> str:
    if kind in _SCALARS or issubclass(kind, (int, float, enum.Enum)):
        how = _KEEP  # no text from outside
    elif dataclasses.is_dataclass(kind):
        # positions; compiled conditions (program data, used as is)
        how = _KEEP if kind.__name__ in _NO_TEXT or callable(getattr(kind, "check", None)) \
            else _LASTING_FIELDS if kind.__name__ in _LASTING else _FIELDS
    elif issubclass(kind, Mapping):
        how = _MAPPING
    elif issubclass(kind, (tuple, list)):
        how = _SEQUENCE
    else:
        how = _KEEP
    _HOW[kind] = how
    return how


#: Value types that never hold text shown to anyone: positions; a criterion's compiled
#: conditions (program data, used as is).
_NO_TEXT = frozenset({"Span", "Conditions"})
_SCALARS = frozenset({int, float, bool, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _copy(value: Any) -> Any:
    import copy

    return copy.copy(value)
