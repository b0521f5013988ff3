"""Files whose content derives from the registries, regenerated and checked for staleness.

Some facts must be written down in files that are shipped or read by people:
- from the operator records (`conditions.operators.OPERATORS`): the operator table of
  `docs/catalogue-format.md` and `$defs/operators` of `framework.schema.json`;
- from the bundled data files (`catalogue.bundled`: `frameworks/*.yaml` and
  `frameworks/references/*.yaml`): the catalogue schema's `refs` keys, the config schema's
  `frameworks` description and `by` choices, the report schema's `view.by` choices, and the
  table of crosswalk keys and bundled frameworks in `docs/catalogue-format.md`.

`expected(root)` computes what each of those files must contain from the files under `root` as
they are (only the derived parts change); `mentions(root)` lists the sentences that hand-written
docs (README.md) must contain word for word. `scripts/gen_derived.py` writes the first and
reports the second; `tests/test_derived.py` fails when either is stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from mgf_check.catalogue.bundled import Crosswalk, bundled_frameworks, crosswalks, views
from mgf_check.conditions.operators import OPERATORS, Operator
from mgf_check.model import JSONDict, JSONValue
from mgf_check.reporters import REPORTERS

#: Markers around a generated section of a Markdown file.
BEGIN = "<!-- generated from {source} by scripts/gen_derived.py; do not edit by hand -->"
END = "<!-- end of generated section -->"

CATALOGUE_FORMAT = Path("docs/catalogue-format.md")
FRAMEWORK_SCHEMA = Path("src/mgf_check/schemas/framework.schema.json")
CONFIG_SCHEMA = Path("src/mgf_check/schemas/config.schema.json")
REPORT_SCHEMA = Path("src/mgf_check/schemas/report.schema.json")
README = Path("README.md")


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


def crosswalk_table(keys: tuple[Crosswalk, ...], frameworks: tuple[str, ...]) -> str:
    """The Markdown table of crosswalk keys, and the bundled frameworks in their order."""
    lines = ["| key in `refs` | `--by` | shown as | global agenda | ids it holds |",
             "|---|---|---|---|---|"]
    for c in keys:
        lines.append(f"| `{c.key}` | `{c.view}` | {c.name} | {'yes' if c.agenda else 'no'} | "
                     f"{c.refs} |")
    bundled = ", ".join(f"`{f}`" for f in frameworks)
    return "\n".join(lines) + f"\n\nBundled frameworks, in their `order`: {bundled}.\n"


def refs_schema(keys: tuple[Crosswalk, ...]) -> JSONDict:
    """The catalogue schema's `refs` properties: one list of ids per crosswalk key."""
    return {c.key: {"type": "array", "items": {"type": "string", "minLength": 1},
                    "uniqueItems": True, "description": c.refs} for c in keys}


def _dump(schema: JSONValue) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _catalogue_format(folder: Path, text: str) -> str:
    text = replace_section(text, "mgf_check.conditions.operators", operator_table())
    return replace_section(text, "frameworks/", crosswalk_table(crosswalks(folder),
                                                                bundled_frameworks(folder)))


def _framework_schema(folder: Path, text: str) -> str:
    schema = json.loads(text)
    criterion = schema["properties"]["criteria"]["items"]["properties"]
    criterion["refs"]["properties"] = refs_schema(crosswalks(folder))
    schema.setdefault("$defs", {})["operators"] = operator_defs()
    return _dump(schema)


def _config_schema(folder: Path, text: str) -> str:
    schema = json.loads(text)
    ids = ", ".join(bundled_frameworks(folder))
    schema["properties"]["frameworks"]["description"] = (
        f"Framework ids ({ids}) or paths to custom catalogues, relative to this file.")
    schema["properties"]["by"]["enum"] = list(views(folder))
    return _dump(schema)


def _report_schema(folder: Path, text: str) -> str:
    schema = json.loads(text)
    view = schema["$defs"]["check"]["properties"]["view"]["oneOf"][1]
    view["properties"]["by"]["enum"] = list(views(folder))
    return _dump(schema)


#: Each derived file (relative to the repository root) and how to compute it from the bundled
#: `frameworks/` folder and the file's current text.
DERIVED: Mapping[Path, Callable[[Path, str], str]] = {
    CATALOGUE_FORMAT: _catalogue_format,
    FRAMEWORK_SCHEMA: _framework_schema,
    CONFIG_SCHEMA: _config_schema,
    REPORT_SCHEMA: _report_schema,
}


def expected(root: Path) -> dict[Path, str]:
    """What every derived file under `root` must contain (from `root/frameworks`)."""
    folder = root / "frameworks"
    return {path: update(folder, (root / path).read_text(encoding="utf-8"))
            for path, update in DERIVED.items()}


def mentions(root: Path) -> dict[Path, list[str]]:
    """Sentences hand-written docs must contain word for word (checked, not rewritten)."""
    folder = root / "frameworks"
    ids, by = bundled_frameworks(folder), list(views(folder))
    ticked = ", ".join(f"`{i}`" for i in ids)
    by_words = ", ".join(f"`{v}`" for v in by[:-1]) + f" or `{by[-1]}`"
    return {
        README: [
            f"`--format/-F {'|'.join(REPORTERS)}`",
            f"`--framework/-f {'|'.join(ids)}|path/to/custom.yaml`",
            f"`--by {'|'.join(by)}`",
            f"| `frameworks` | list of framework ids ({ticked}) or catalogue paths |",
            f"| `by` | {by_words} | `--by` |",
        ],
        CATALOGUE_FORMAT: [f"a bundled framework id ({ticked}) or a path relative to this file"],
    }


def missing_mentions(root: Path) -> list[str]:
    """`path: sentence` for every required sentence a doc under `root` lacks."""
    out = []
    for path, sentences in mentions(root).items():
        text = (root / path).read_text(encoding="utf-8")
        out += [f"{path.as_posix()}: {s}" for s in sentences if s not in text]
    return out
