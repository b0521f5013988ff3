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

from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.loading.safeio import remember_input
from mgf_check.loading.sourcemap import SourceMap, span_of
from mgf_check.model import Span

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
    data: Any
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
        raise PolicyLoadError(Problem(display, None, "no such file",
                                      "check the path; run `mgf-check init FILE` to start a "
                                      "new policy file")) from None
    except IsADirectoryError:
        raise PolicyLoadError(Problem(display, None, "is a directory, not a file")) from None
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
            f"the file is not UTF-8 text (byte 0x{body[exc.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor (most offer 'Save with encoding')",
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
    root = _compose(text, display)
    if root is None:
        raise PolicyLoadError(Problem(display, Span(1, 1, 1, 1), "the file is empty",
                                      "start with `schema_version: 1` (run `mgf-check init` "
                                      "for a template)", rule="empty"))
    data = _Builder(display).build(root)
    return LoadedDocument(display, data, SourceMap(root), text)


def _compose(text: str, display: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, display) from None
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


def _syntax_error(exc: yaml.MarkedYAMLError, display: str) -> PolicyLoadError:
    mark = exc.problem_mark or exc.context_mark
    span = Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else None
    problem = exc.problem or "invalid YAML"
    hint = "check indentation and quoting around this point"
    if "expected a single document" in str(exc) or "but found another document" in problem:
        problem = "the file holds more than one YAML document"
        hint = "keep one policy per file: remove the `---` separator and what follows"
    elif "maximum nesting depth" in problem:
        return _depth_error(display, span)
    elif exc.context and exc.context.startswith("found duplicate anchor"):
        first = exc.context_mark
        where = f" (first at line {first.line + 1})" if first else ""
        problem = f"an anchor (`&name`) is defined a second time here{where}"
        hint = "give each anchor (`&name`) its own name"
    return PolicyLoadError(Problem(display, span, f"YAML syntax error: {problem}", hint,
                                   rule="syntax"))


def _depth_error(display: str, span: Span | None) -> PolicyLoadError:
    return PolicyLoadError(Problem(display, span, f"nesting deeper than {MAX_DEPTH} levels",
                                   "a policy file is a few levels deep; flatten the structure",
                                   rule="limits"))


class _Builder:
    """Turns a composed node tree into plain data, enforcing the loader's rules."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.visited = 0

    def fail(self, node: yaml.Node, message: str, hint: str = "", rule: str = "yaml") -> None:
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
                self.fail(key_node, f"duplicate key {key!r}",
                          "remove one of the two entries: YAML would silently keep only "
                          "the last", rule="duplicate-key")
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
