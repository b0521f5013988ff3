"""The hardened YAML loader: safe, YAML 1.2 scalars, positions kept, limits enforced.

Rules (each has a test): no Python tags; `NO`, `on`, `yes` stay strings (country codes!);
timestamps stay strings; duplicate keys and merge keys are errors; exactly one document;
a BOM is tolerated; non-UTF-8 text, oversized files, deep nesting and alias bombs fail fast
with a located, readable error.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mgf_check.errors import PolicyLoadError, Problem, with_source
from mgf_check.i18n import _
from mgf_check.loading.safeio import remember_input
from mgf_check.loading.sourcemap import SourceMap, span_of
from mgf_check.model import JSONValue, Span

try:  # libyaml's parser when available; the pure-Python one otherwise
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 16
MAX_NODES = 200_000

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
MERGE = "tag:yaml.org,2002:merge"
#: Tags a plain-text key may resolve to (`1:`, `true:` and `null:` are read as text keys).
_KEY_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, MERGE})

_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema resolution of plain scalars, decided in `_scalar` instead."""

    # own, empty tables: never share (or mutate) PyYAML's YAML 1.1 resolver tables
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own attribute
    yaml_path_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own attribute

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _plain_tag(value)
            return STR
        return SEQ if kind is yaml.SequenceNode else MAP


class _Loader(_Parser, _Resolver):
    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        _Resolver.__init__(self)


@functools.lru_cache(maxsize=8192)  # keys and enum values repeat in every file
def _plain_tag(value: str) -> str:
    if value in _BOOLS:
        return BOOL
    if value in _NULLS:
        return NULL
    if value == "<<":
        return MERGE
    if _INT_RE.match(value):
        return INT
    if _FLOAT_RE.match(value) and any(c.isdigit() for c in value):
        return FLOAT
    return STR


@dataclass
class LoadedDocument:
    """A parsed YAML file: its data, where it came from, and how to find positions in it."""

    path: str
    data: JSONValue
    source_map: SourceMap
    text: str = field(repr=False, default="")

    def locate(self, pointer: str, *, key: bool = False) -> Span | None:
        """1-based span of a pointer's value (or key), or of its nearest existing parent."""
        return self.source_map.locate(pointer, key=key)


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 (BOM tolerated), with clear errors for every way that fails."""
    remember_input(path)  # no output of this run may land on a file it reads
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PolicyLoadError(Problem(display, None, f"file is {size:,} bytes, more than "
                                          f"the {MAX_BYTES:,}-byte limit",
                                          "split the description or remove embedded data",
                                          rule="limits"))
        with path.open("rb") as handle:
            # Never trust st_size alone: it is 0 for pipes and devices such as /dev/zero.
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise PolicyLoadError(Problem(display, None, f"file is more than the "
                                          f"{MAX_BYTES:,}-byte limit",
                                          "split the description or remove embedded data",
                                          rule="limits"))
    except FileNotFoundError:
        raise PolicyLoadError(Problem(display, None, _("no such file"),
                                      _("check the path; run `mgf-check init FILE` to start a "
                                        "new policy file"))) from None
    except IsADirectoryError:
        raise PolicyLoadError(Problem(display, None, _("is a directory, not a file"))) from None
    except OSError as exc:
        raise PolicyLoadError(Problem(display, None, f"cannot read file: {exc.strerror}")) from None
    return decode(raw, display)


def decode(raw: bytes, display: str) -> str:
    """UTF-8 text of a file, or a located error at the first byte that is not UTF-8."""
    # Strip the BOM ourselves: utf-8-sig reports error offsets relative to the stripped data.
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise PolicyLoadError(Problem(
            display, Span(line, column, line, column + 1),
            _("the file is not UTF-8 text (byte 0x{byte:02x} cannot be decoded)").format(
                byte=body[exc.start]),
            _("save the file as UTF-8 in your editor (most offer 'Save with encoding')"),
            rule="encoding")) from None


def load_file(path: Path, display: str | None = None) -> LoadedDocument:
    """Read and parse a YAML file with every loader rule applied."""
    name = display if display is not None else path.as_posix()
    return load_text(read_text(path, name), name)


def load_text(text: str, display: str) -> LoadedDocument:
    """Parse YAML text with every loader rule applied."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line, column = _position(text, exc.start)
        raise PolicyLoadError(Problem(display, Span(line, column, line, column + 1),
                                      "the text holds a character that is not valid Unicode",
                                      "save the file as UTF-8", rule="encoding")) from None
    if size > MAX_BYTES:
        raise PolicyLoadError(Problem(display, None, "text is larger than the size limit",
                                      rule="limits"))
    try:
        root = _compose(text, display)
        if root is None:
            raise PolicyLoadError(Problem(display, Span(1, 1, 1, 1), _("the file is empty"),
                                          _("start with `schema_version: 1` (run `mgf-check "
                                            "init` for a template)"), rule="empty"))
        data = _Builder(display).build(root)
    except PolicyLoadError as exc:
        raise PolicyLoadError(with_source(exc.problems, text)) from None
    return LoadedDocument(display, data, SourceMap(root), text)


def _compose(text: str, display: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, display, text) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        raise PolicyLoadError(Problem(display, Span(line, column, line, column + 1),
                                      f"character {exc.character!r} is not allowed in YAML",
                                      "remove the control character", rule="syntax")) from None
    except yaml.YAMLError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PolicyLoadError(Problem(display, None, f"YAML error: {message}",
                                      rule="syntax")) from None
    except RecursionError:
        raise _depth_error(display, None) from None
    finally:
        loader.dispose()


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> PolicyLoadError:
    mark = exc.problem_mark or exc.context_mark
    span = Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else None
    problem = exc.problem or "invalid YAML"
    hint = _("check indentation and quoting around this point")
    if "expected a single document" in str(exc) or "but found another document" in problem:
        problem = _("the file holds more than one YAML document")
        hint = _("keep one policy per file: remove the `---` separator and what follows")
    elif "maximum nesting depth" in problem:
        return _depth_error(display, span)
    elif "tab character" in problem:
        problem = _("a tab character is used for indentation")
        hint = _("YAML indents with spaces only: replace the tab with spaces")
    elif exc.context and exc.context.startswith("found duplicate anchor"):
        first = exc.context_mark
        where = f" (first at line {first.line + 1})" if first else ""
        problem = f"an anchor (`&name`) is defined a second time here{where}"
        hint = "give each anchor (`&name`) its own name"
    elif span is not None and problem in _INDENT_PROBLEMS:
        found = _indentation(display, text, span.line, problem)
        if found is not None:
            return PolicyLoadError(found)
        if problem.startswith("mapping values are not allowed"):
            hint = _('a value that holds ": " must be in quotes, e.g. name: "Plan: 2021-2025"')
    return PolicyLoadError(Problem(display, span, _("YAML syntax error: {problem}").format(
        problem=problem), hint, rule="syntax"))


_INDENT_PROBLEMS = frozenset({
    "did not find expected key", "mapping values are not allowed here",
    "mapping values are not allowed in this context", "expected <block end>, but found '<block "
    "mapping start>'", "did not find expected '-' indicator",
})


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_above(lines: list[str], number: int) -> int:
    """The 1-based number of the closest line above `number` that holds YAML, or 0."""
    for n in range(number - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return 0


def _opens_block(line: str) -> bool:
    body = line.split(" #")[0].rstrip()
    return body.endswith((":", "|", ">", "-")) or body.lstrip().startswith("- ")


def _indentation(display: str, text: str, number: int, problem: str) -> Problem | None:
    """An indentation error pointed at the line that is out of line with its neighbours.

    The parser notices the problem one line late when a key is indented less than the keys
    before it and more than the block around it, so the line above is compared too.
    """
    lines = text.splitlines()
    here = lines[number - 1] if number <= len(lines) else ""
    above = _content_above(lines, number)
    if not above or _indent(lines[above - 1]) == _indent(here):
        return None  # the lines line up: not an indentation problem
    odd, other = number, above
    if _opens_block(lines[above - 1]):
        if _indent(here) > _indent(lines[above - 1]):
            return None  # the first key of a block below its parent: well placed
    else:
        before = _content_above(lines, above)
        if (before and not _opens_block(lines[before - 1])
                and _indent(lines[before - 1]) == _indent(here)):
            odd, other = above, number
    odd_line = lines[odd - 1]
    column = _indent(odd_line) + 1
    message = _("YAML syntax error ({problem}): the indentation does not line up").format(
        problem=problem)
    hint = _("line {line} is indented {n} spaces; keys of one block must start in the same "
             "column (line {other} is indented {m})").format(
        line=odd, n=_indent(odd_line), other=other, m=_indent(lines[other - 1]))
    return Problem(display, Span(odd, column, odd, len(odd_line.rstrip()) + 1), message, hint,
                   rule="syntax")


def _depth_error(display: str, span: Span | None) -> PolicyLoadError:
    return PolicyLoadError(Problem(display, span, f"nesting deeper than {MAX_DEPTH} levels",
                                   "a policy file is a few levels deep; flatten the structure",
                                   rule="limits"))


class _Builder:
    """Turns a composed node tree into plain data, enforcing the loader's rules."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.visited = 0

    def fail(self, node: yaml.Node, message: str, hint: str = "", *, rule: str) -> None:
        raise PolicyLoadError(Problem(self.display, span_of(node), message, hint, rule=rule))

    def build(self, root: yaml.Node) -> Any:
        return self._node(root, 0)

    def _node(self, node: yaml.Node, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            self.fail(node, f"the document expands to more than {MAX_NODES:,} nodes "
                      "(an alias bomb?)", "do not use anchors and aliases to repeat large "
                      "blocks", rule="limits")
        if depth > MAX_DEPTH:
            raise _depth_error(self.display, span_of(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, SEQ)
            return [self._node(item, depth + 1) for item in node.value]
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, MAP)
        return self._mapping(node, depth)

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.fail(node, f"tag {node.tag!r} is not allowed", "remove the `!` tag",
                      rule="tags")

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "keys must be plain text, not lists or mappings",
                          rule="keys")
            if key_node.tag not in _KEY_TAGS:
                self._check_tag(key_node, STR)
            if key_node.tag == MERGE:
                self.fail(key_node, "merge keys (`<<`) are not supported",
                          "write the keys out in full", rule="merge")
            key = key_node.value
            if key in out:
                self.fail(key_node, _("duplicate key {key!r}").format(key=key),
                          _("remove one of the two entries: YAML would silently keep only "
                            "the last"), rule="duplicate-key")
            out[key] = self._node(value_node, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value, tag = node.value, node.tag
        if tag == STR:
            return value
        if tag == BOOL and value in _BOOLS:
            return _BOOLS[value]
        if tag == NULL and value in _NULLS:
            return None
        if tag == INT and _INT_RE.match(value):
            try:
                return _int(value)
            except ValueError:  # more digits than Python converts (sys.int_info)
                self.fail(node, "number too long", "quote it to keep it as text",
                          rule="limits")
        if tag == FLOAT and _FLOAT_RE.match(value):
            number = float(value)
            if not math.isfinite(number):  # `1e999` overflows to infinity
                self.fail(node, f"{value!r} is not a finite number",
                          "write a number within ±1.8e308", rule="limits")
            return number
        self.fail(node, f"tag {tag!r} is not allowed for {value!r}", "remove the `!` tag",
                  rule="tags")
        return None  # unreachable: fail() raises


def _int(value: str) -> int:
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value)
