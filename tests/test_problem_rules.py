"""`Problem.rule` is a closed, documented set (`errors.PROBLEM_RULES`): every rule the code
gives a problem (a `rule=` argument, a `rule` parameter's or field's default) is listed there
with its meaning, and every listed rule is used."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from mgf_check.errors import PROBLEM_RULES

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mgf_check"


def rules_given(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, rule) for every string literal given as a rule."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "rule" and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str):
                    yield node.lineno, keyword.value.value
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            a = node.args
            positional = [*a.posonlyargs, *a.args]
            pairs = [*zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True),
                     *zip(a.kwonlyargs, a.kw_defaults, strict=True)]
            for arg, default in pairs:
                if arg.arg == "rule" and isinstance(default, ast.Constant) \
                        and isinstance(default.value, str):
                    yield node.lineno, default.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and node.target.id == "rule" and isinstance(node.value, ast.Constant):
            yield node.lineno, str(node.value.value)


@functools.cache
def used() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        for line, rule in rules_given(ast.parse(path.read_text(encoding="utf-8"))):
            out.setdefault(rule, []).append(f"{where}:{line}")
    return out


def test_every_rule_given_is_documented() -> None:
    unknown = {rule: places for rule, places in used().items() if rule not in PROBLEM_RULES}
    assert unknown == {}, "add these to errors.PROBLEM_RULES, with their meaning"


def test_every_documented_rule_is_used() -> None:
    assert sorted(set(PROBLEM_RULES) - set(used())) == []
    assert all(meaning.strip() for meaning in PROBLEM_RULES.values())


def test_the_finder_sees_each_way_of_giving_a_rule() -> None:
    sample = ast.parse('Problem("f", None, "m", rule="usage")\n'
                       'def fail(node, hint="", *, rule="tags"): ...\n'
                       'def other(a, rule="limits", b=1): ...\n'
                       'class Problem:\n    rule: str = "input"\n')
    assert sorted(rule for _, rule in rules_given(sample)) == ["input", "limits", "tags",
                                                                 "usage"]
