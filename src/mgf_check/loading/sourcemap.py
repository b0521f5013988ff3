"""JSON pointers and their positions in a YAML node tree.

Positions are looked up lazily by walking the node tree along a pointer, and converted from
PyYAML's 0-based marks to 1-based line/column here and nowhere else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml

from mgf_check.model import JSONValue, Span


def escape(segment: str | int) -> str:
    """Escape one pointer segment (RFC 6901)."""
    return str(segment).replace("~", "~0").replace("/", "~1")


def unescape(segment: str) -> str:
    """Undo `escape`."""
    return segment.replace("~1", "/").replace("~0", "~")


def join(parent: str, segment: str | int) -> str:
    """The pointer of `segment` inside `parent`."""
    return f"{parent}/{escape(segment)}"


def split(pointer: str) -> list[str]:
    """The unescaped segments of a pointer ("" is the root)."""
    return list(segments(pointer))


@functools.lru_cache(maxsize=4096)  # criteria read the same pointers for every city
def segments(pointer: str) -> tuple[str, ...]:
    """The unescaped segments of a pointer, as a cached tuple."""
    if not pointer:
        return ()
    return tuple(unescape(part) for part in pointer[1:].split("/"))


def value_at(data: JSONValue, path: tuple[str, ...]) -> JSONValue:
    """The value at a path of unescaped segments in plain data, or None when absent."""
    node = data
    for segment in path:
        if isinstance(node, dict):
            node = node.get(segment)
        elif (isinstance(node, list) and segment.isascii() and segment.isdigit()
              and int(segment) < len(node)):
            node = node[int(segment)]
        else:
            return None
    return node


def parent(pointer: str) -> str:
    """The pointer one level up (the root's parent is the root)."""
    return pointer.rpartition("/")[0]


def span_of(node: yaml.Node) -> Span:
    """The 1-based span of a node."""
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Finds the span of a pointer's value or key in a composed YAML document."""

    root: yaml.Node | None

    def _walk(self, pointer: str) -> tuple[yaml.Node | None, yaml.Node | None, str]:
        """The deepest (key node, value node, pointer) that exists along `pointer`."""
        node, key, here = self.root, None, ""
        for segment in split(pointer):
            child = _child(node, segment)
            if child is None:
                break
            key, node = child
            here = join(here, segment)
        return key, node, here

    def locate(self, pointer: str, *, key: bool = False) -> Span | None:
        """Span of the value (or key) at `pointer`, or of its nearest existing ancestor."""
        if self.root is None:
            return None
        key_node, value_node, _ = self._walk(pointer)
        node = key_node if key and key_node is not None else value_node
        return span_of(node) if node is not None else None

    def nearest(self, pointer: str) -> str:
        """The longest prefix of `pointer` that exists in the document."""
        return self._walk(pointer)[2] if self.root is not None else ""


def _child(node: yaml.Node | None, segment: str) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == segment:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and segment.isascii() and segment.isdigit():
        index = int(segment)
        if index < len(node.value):
            return None, node.value[index]
    return None
