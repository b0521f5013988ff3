"""Files whose content derives from the registries, regenerated and checked for staleness.

Some facts must be written down in files that are shipped or read by people: the operator table
of `docs/catalogue-format.md` and the operands of `framework.schema.json` (`$defs/operators`),
both from `conditions.operators.OPERATORS`. `expected(root)` computes what each of those files must
contain, from the files as they are (only the derived parts change); `scripts/gen_derived.py`
writes them and `tests/test_derived.py` fails when one is stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from mgf_check.conditions.operators import OPERATORS, Operator
from mgf_check.model import JSONDict, JSONValue

#: Markers around a generated section of a Markdown file.
BEGIN = "<!-- generated from {source} by scripts/gen_derived.py; do not edit by hand -->"
END = "<!-- end of generated section -->"

CATALOGUE_FORMAT = Path("docs/catalogue-format.md")
FRAMEWORK_SCHEMA = Path("src/mgf_check/schemas/framework.schema.json")


def flow(value: JSONValue) -> str:
    """A YAML flow rendering of a simple example value (`[a, b]`, `true`, `3`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def operator_table(operators: Mapping[str, Operator] = OPERATORS) -> str:
    """The Markdown table of leaf operators: operand, meaning and an example."""
    lines = ["| operator | operand | passes when the value at `path` ... | example |",
             "|---|---|---|---|"]
    for op in operators.values():
        lines.append(f"| `{op.name}` | {op.operand.short} | {op.means} | "
                     f"`{op.name}: {flow(op.example.operand)}` |")
    return "\n".join(lines) + "\n"


def operator_defs(operators: Mapping[str, Operator] = OPERATORS) -> JSONDict:
    """`$defs/operators` of the catalogue schema: each operator's operand as JSON schema.

    Documentation for editors and readers, not referenced by validation: the compiler checks
    operands with messages located at the catalogue line (`conditions.combinators`), and a
    schema error would replace those messages (behaviour kept)."""
    return {
        "description": "The leaf operators of a condition and the operand each takes "
                       "(generated from mgf_check.conditions.operators.OPERATORS).",
        "type": "object",
        "properties": {op.name: {**op.operand.schema, "description": op.means}
                       for op in operators.values()},
    }


def replace_section(text: str, source: str, body: str) -> str:
    """`text` with the generated section from `source` replaced by `body`."""
    begin = BEGIN.format(source=source)
    head, found, rest = text.partition(begin + "\n")
    if not found:
        raise ValueError(f"no generated section from {source} (add the marker line {begin!r})")
    _, found, tail = rest.partition(END)
    if not found:
        raise ValueError(f"the generated section from {source} has no end marker {END!r}")
    return head + begin + "\n" + body + END + tail


def _catalogue_format(text: str) -> str:
    return replace_section(text, "mgf_check.conditions.operators", operator_table())


def _framework_schema(text: str) -> str:
    schema = json.loads(text)
    schema.setdefault("$defs", {})["operators"] = operator_defs()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


#: Each derived file (relative to the repository root) and how to compute it from its text.
DERIVED: Mapping[Path, Callable[[str], str]] = {
    CATALOGUE_FORMAT: _catalogue_format,
    FRAMEWORK_SCHEMA: _framework_schema,
}


def expected(root: Path) -> dict[Path, str]:
    """What every derived file under `root` must contain."""
    return {path: update((root / path).read_text(encoding="utf-8"))
            for path, update in DERIVED.items()}


def stale(root: Path) -> list[Path]:
    """The derived files under `root` that differ from what they must contain."""
    return [path for path, text in expected(root).items()
            if (root / path).read_text(encoding="utf-8") != text]
