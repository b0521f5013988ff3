"""No `Any` in a public signature of the package without a reason: every annotation of a public
function, method, class field, module variable or type alias that contains `Any` carries a
`# Any: <why>` comment on one of its lines. Parsed YAML and JSON have named aliases
(`model.JSONValue`, `JSONObject`, `JSONDict`) whose definitions say why once; use them."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mgf_check"
REASON = "# Any:"


def mentions_any(node: ast.AST | None) -> bool:
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a quoted annotation
        try:
            node = ast.parse(node.value, mode="eval")
        except SyntaxError:
            return False
    return any((isinstance(n, ast.Name) and n.id == "Any")
               or (isinstance(n, ast.Attribute) and n.attr == "Any") for n in ast.walk(node))


def reason_lines(source: str) -> set[int]:
    """Lines with a `# Any: <why>` comment (a reason of at least a few words)."""
    out = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and token.string.startswith(REASON) \
                and len(token.string[len(REASON):].split()) >= 2:
            out.add(token.start[0])
    return out


def public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def signature_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> range:
    """From the `def` line to the line before the body (the docstring or first statement)."""
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return range(start, max(node.lineno, node.body[0].lineno - 1) + 1)


def unexplained(source: str, where: str) -> Iterator[str]:
    """`where:line: name` for every public annotation with `Any` and no reason comment."""
    reasons = reason_lines(source)

    def visit(body: list[ast.stmt], prefix: str) -> Iterator[str]:
        for node in body:
            name, typed, lines = "", False, range(node.lineno, (node.end_lineno or 0) + 1)
            if isinstance(node, ast.ClassDef) and public(node.name):
                yield from visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                a = node.args
                params = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
                name, lines = node.name, signature_lines(node)
                typed = mentions_any(node.returns) or any(
                    mentions_any(p.annotation) for p in params if p is not None)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                name = node.target.id
                typed = mentions_any(node.annotation) or (
                    ast.unparse(node.annotation).endswith("TypeAlias")
                    and mentions_any(node.value))
            elif isinstance(node, ast.Assign) and prefix == "" and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) \
                    and isinstance(node.value, ast.Subscript):
                # an implicit type alias: `Check = Callable[[Any], bool]`
                name, typed = node.targets[0].id, mentions_any(node.value)
            if typed and public(name) and not reasons & set(lines):
                yield f"{where}:{node.lineno}: {prefix}{name}"

    yield from visit(ast.parse(source).body, "")


def public_modules() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if not any(p.startswith("_") and p != "__init__" for p in parts):
            yield path


def test_every_any_in_a_public_signature_says_why() -> None:
    offenders = [found for path in public_modules()
                 for found in unexplained(path.read_text(encoding="utf-8"),
                                          path.relative_to(PACKAGE).as_posix())]
    assert offenders == []


def test_the_checker_sees_an_unexplained_any() -> None:
    sample = '''\
from typing import Any, TypeAlias
Plain: TypeAlias = Any
Checked: TypeAlias = Any  # Any: parsed JSON, checked by a schema
Check = Callable[[Any], bool]
def read(path: str) -> Any:
    """Doc."""
def kept(path: str,
         data: Any) -> None:  # Any: user data, any shape
    pass
def _private(x: Any) -> Any: ...
def quoted(x: "Mapping[str, Any]") -> None: ...
class Row:
    packed: tuple[Any, ...]
    size: int
    def get(self, key: str, default: Any = None) -> object: ...
    def _hidden(self) -> Any: ...
class _Private:
    data: Any
'''
    assert list(unexplained(sample, "m.py")) == [
        "m.py:2: Plain", "m.py:4: Check", "m.py:5: read", "m.py:11: quoted",
        "m.py:13: Row.packed", "m.py:15: Row.get"]
    found = [p.relative_to(PACKAGE).as_posix() for p in public_modules()]
    assert "model.py" in found and "reporters/_common.py" not in found
