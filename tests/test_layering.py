"""The layering of the package, checked by parsing every module's imports with `ast` against
the layer table of docs/architecture.md: no module imports a layer above its own, there is no
import cycle, only the CLI uses typer and exits, only the CLI and the terminal reporter use
rich, and the model is a leaf."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mgf_check"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def modules() -> dict[str, ast.Module]:
    return {module_name(path): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str) -> bool:
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()


@functools.cache
def imports(name: str) -> set[str]:
    """Every module `name` imports, anywhere in the file (lazy imports in functions too).

    `from pkg import mod` counts as importing `pkg.mod` when that is a module, else `pkg`.
    """
    out: set[str] = set()
    here = name if is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(modules()[name]):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{alias.name}" for alias in node.names
                          if f"{base}.{alias.name}" in modules()}
            out.update(submodules)
            if len(submodules) < len(node.names):  # some names come from `base` itself
                out.add(base)
    return out


@functools.cache
def internal_imports(name: str) -> set[str]:
    return {m for m in imports(name) if m == "mgf_check" or m.startswith("mgf_check.")}


def reachable(name: str) -> set[str]:
    """Every mgf_check module `name` imports, directly or through others."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        for target in internal_imports(todo.pop()):
            if target in modules() and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def uses(name: str, top: str) -> bool:
    return any(m == top or m.startswith(top + ".") for m in imports(name))


def in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


DOC = PACKAGE.parent.parent / "docs" / "architecture.md"


def doc_layers() -> tuple[tuple[str, ...], ...]:
    """The layer table of docs/architecture.md (between its `layers` markers), top to bottom:
    a module may import its own layer and the layers below it, never a layer above."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- layers: read by tests/test_layering.py -->")[1]
    table = table.split("<!-- /layers -->")[0]
    rows = [line.split("|") for line in table.splitlines() if line.startswith("| ")]
    out = []
    for number, (_, depth, members, *_rest) in enumerate(rows[1:]):  # skip the header row
        assert depth.strip() == str(number), f"layers must be numbered 0, 1, ...: {depth}"
        out.append(tuple(m.strip(" `") for m in members.split(",")))
    return tuple(out)


LAYERS = doc_layers()


def layer_of(name: str) -> int | None:
    for depth, members in enumerate(LAYERS):
        if any(in_package(name, f"mgf_check.{m}") for m in members):
            return depth
    return None


def test_the_package_is_found() -> None:
    assert {"mgf_check.model", "mgf_check.cli", "mgf_check.loading.yamlsource",
            "mgf_check.reporters.terminal"} <= set(modules())
    # the detectors see what is known to be there, so an empty offender list means something
    assert uses("mgf_check.cli.root", "typer")
    assert uses("mgf_check.reporters.terminal", "rich")
    assert {"mgf_check.catalogue.loader", "mgf_check.evaluate",
            "mgf_check.loading.yamlsource"} <= reachable("mgf_check.app")


def test_every_module_has_a_layer() -> None:
    top = {"mgf_check", "mgf_check.__main__"}  # the version and `python -m` entry point
    assert [m for m in modules() if m not in top and layer_of(m) is None] == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    offenders = []
    for name in modules():
        depth = layer_of(name)
        if depth is None:
            continue
        for target in internal_imports(name):
            above = layer_of(target)
            if above is not None and above < depth:
                offenders.append(f"{name} -> {target}")
    assert offenders == []


def test_the_layer_check_sees_an_upward_import() -> None:
    modules()["mgf_check.loading._probe"] = ast.parse("from mgf_check.cli import main\n")
    try:
        assert layer_of("mgf_check.loading._probe") == layer_of("mgf_check.loading.sourcemap")
        assert layer_of("mgf_check.cli") == 0
        assert "mgf_check.cli" in internal_imports("mgf_check.loading._probe")
    finally:
        del modules()["mgf_check.loading._probe"]


def test_there_is_no_import_cycle() -> None:
    cyclic = sorted(m for m in modules() if m in reachable(m))
    assert cyclic == []


def test_only_the_cli_imports_typer() -> None:
    offenders = [m for m in modules() if uses(m, "typer") and not in_package(m, "mgf_check.cli")]
    assert offenders == []


def test_only_the_cli_and_the_terminal_reporter_import_rich() -> None:
    allowed = {"mgf_check.reporters.terminal"}
    offenders = [m for m in modules() if uses(m, "rich")
                 and not in_package(m, "mgf_check.cli") and m not in allowed]
    assert offenders == []


@pytest.mark.parametrize("name", ["mgf_check.model", "mgf_check.errors"])
def test_model_and_errors_import_only_the_model(name: str) -> None:
    assert reachable(name) <= {"mgf_check.model"}


def exits(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Every `sys.exit(...)`, `os._exit(...)`, `exit()`/`quit()`, `raise SystemExit` or
    `raise typer.Exit`/`typer.Abort` in a module, and imports of `exit` from sys."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                    (func.value.id, func.attr) in {("sys", "exit"), ("os", "_exit")}:
                yield node.lineno, f"{func.value.id}.{func.attr}()"
            elif isinstance(func, ast.Name) and func.id in {"exit", "quit"}:
                yield node.lineno, f"{func.id}()"
        elif isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            text = ast.unparse(exc)
            if text in {"SystemExit", "typer.Exit", "typer.Abort", "Exit", "Abort",
                        "click.exceptions.Exit"}:
                yield node.lineno, f"raise {text}"
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" and \
                any(alias.name == "exit" for alias in node.names):
            yield node.lineno, "from sys import exit"


def test_only_the_cli_exits() -> None:
    offenders = [f"{name}:{line}: {what}" for name, tree in modules().items()
                 if not in_package(name, "mgf_check.cli") for line, what in exits(tree)]
    assert offenders == []


def test_the_exit_detector_works() -> None:
    sample = ast.parse("import sys\nsys.exit(1)\nraise typer.Exit(code=2)\nraise SystemExit\n"
                       "from sys import exit\n")
    assert sorted(line for line, _ in exits(sample)) == [2, 3, 4, 5]


def test_the_import_parser_resolves_relative_imports() -> None:
    tree = ast.parse("from . import model\nfrom .reporters import base\nimport rich.console\n")
    modules()["mgf_check._probe"] = tree
    try:
        found = imports("mgf_check._probe")
    finally:
        del modules()["mgf_check._probe"]
    assert found == {"mgf_check.model", "mgf_check.reporters.base", "rich.console"}
