"""Comment-preserving edits of a policy file (ruamel.yaml round trip) and atomic saving.

`fix` and `interview` change values in a file a person wrote. The round trip keeps comments,
key order, quoting and the file's own indentation; every edited text is parsed again by the
project's hardened loader before it is saved, and saving replaces the file in one step, so an
interrupted run leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import io
import itertools
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from mgf_check.loading.sourcemap import segments
from mgf_check.model import JSONValue


class Editor:
    """A YAML text loaded for editing: `data` is a tree of ruamel mappings and sequences."""

    def __init__(self, text: str) -> None:
        self.original = text
        _, sequence, offset = load_yaml_guess_indent(text or "{}\n")
        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never fold a long line the person wrote on one line
        if not any(line.lstrip().startswith("- ") for line in text.splitlines()):
            sequence, offset = 4, 2  # the file shows no list yet: indent them like the template
        offset = offset or 0
        self.yaml.indent(mapping=mapping_indent(text), sequence=max(sequence or 2, offset + 2),
                         offset=offset)
        loaded = self.yaml.load(text) if text.strip() else None
        self.data: CommentedMap = loaded if isinstance(loaded, CommentedMap) else CommentedMap()

    def dump(self) -> str:
        """The edited text."""
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def parent_of(self, pointer: str, *, create: bool = False
                  ) -> CommentedMap | CommentedSeq | None:
        """The mapping or list that holds the last segment of `pointer` (mappings are created
        when asked), or None."""
        node: Any = self.data
        for part in segments(pointer)[:-1]:
            if isinstance(node, CommentedSeq):
                index = int(part) if part.isdigit() else len(node)
                node = node[index] if index < len(node) else None
                if node is None:
                    return None
                continue
            child = node.get(part) if isinstance(node, CommentedMap) else None
            if not isinstance(child, (CommentedMap, CommentedSeq)):
                if not create or not isinstance(node, CommentedMap):
                    return None
                child = CommentedMap()
                node[part] = child
            node = child
        return node if isinstance(node, (CommentedMap, CommentedSeq)) else None

    def get(self, pointer: str) -> JSONValue:
        """The value at `pointer`, or None."""
        parent = self.parent_of(pointer)
        key = _key(parent, segments(pointer)[-1])
        if isinstance(parent, CommentedSeq):
            return parent[key] if isinstance(key, int) and key < len(parent) else None
        return None if parent is None else parent.get(key)

    def set(self, pointer: str, value: JSONValue) -> None:
        """Set the value at `pointer`, creating the mappings above it."""
        parent = self.parent_of(pointer, create=True)
        if parent is None:
            raise ValueError(f"{pointer} is not inside a mapping or list")
        parent[_key(parent, segments(pointer)[-1])] = to_yaml(value)

    def remove(self, pointer: str) -> None:
        """Remove the value at `pointer` if it is there."""
        parent = self.parent_of(pointer)
        key = _key(parent, segments(pointer)[-1])
        if isinstance(parent, CommentedMap):
            parent.pop(key, None)
        elif isinstance(parent, CommentedSeq) and isinstance(key, int) and key < len(parent):
            del parent[key]

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based line and column of the value at `pointer` (of its parent when unknown)."""
        parent = self.parent_of(pointer)
        try:
            key = _key(parent, segments(pointer)[-1])
            if parent is None:
                line, column = 0, 0
            elif isinstance(parent, CommentedSeq):
                line, column = parent.lc.item(key)
            else:
                line, column = parent.lc.value(key)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError):
            line, column = 0, 0
        return line + 1, column + 1


def _key(parent: Any, segment: str) -> Any:
    return int(segment) if isinstance(parent, CommentedSeq) else segment


def mapping_indent(text: str) -> int:
    """The indentation step of the file's mappings (2 when the file does not show it)."""
    lines = [line for line in text.splitlines() if line.strip() and
             not line.lstrip().startswith("#")]
    for above, below in itertools.pairwise(lines):
        step = len(below) - len(below.lstrip(" ")) - (len(above) - len(above.lstrip(" ")))
        if above.rstrip().endswith(":") and step > 0 and not below.lstrip().startswith("- "):
            return step
    return 2


def to_yaml(value: JSONValue) -> JSONValue:
    """Plain Python data as ruamel nodes (subclasses of dict and list): lists of scalars in
    flow style, `[a, b]`."""
    if isinstance(value, list):
        seq = CommentedSeq(to_yaml(v) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = to_yaml(item)
        return mapping
    return value


def save_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step (a temporary file beside it, then rename)."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
