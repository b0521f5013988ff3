"""`mgf-check init`: a commented policy template generated from the policy schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from mgf_check.schema.validation import load_schema

HEADER = """\
# yaml-language-server: $schema=policy.schema.json
# A city migration-policy description for mgf-check (policy schema version 1).
# Fill in what the city has; leave a key empty when it is not known (reported as
# `not-stated`), and write `status: none` when the city has no such measure.
# Every measure shares the same fields: status (required), name, scope, groups,
# instrument, responsible, since, reviewed, languages, funded, evidence, notes.
# Editor completion: keep policy.schema.json next to this file
# (`mgf-check schema > policy.schema.json`).
# Check it with:  mgf-check check {name}
"""

CITY = """\
schema_version: 1
city:
  name: Example City            # as it should appear in reports
  country: XX                   # ISO 3166-1 alpha-2 code, e.g. PH, NO, BR
  # population: 250000
  # migrant_share: 12.5         # percent of residents born abroad or foreign nationals
  # languages: [en]             # languages of the city administration
  # migrant_languages: [ar, es] # main languages of migrants who do not speak them well
  # migration_profile: [destination]
  # hazards: [flood]
  # competences:                # areas not listed count as `full`
  #   health: shared            # full | shared | none
assessment:
  date: {date}             # the date this description is valid for (YYYY-MM-DD)
  # prepared_by: Office of ...
"""


def _short(text: str, limit: int = 88) -> str:
    first = text.split(". ")[0].rstrip(".")
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref", "")
    return schema["$defs"][ref.split("/")[-1]] if ref else node


def _measure_lines(schema: Mapping[str, Any], props: Mapping[str, Any]) -> Iterator[str]:
    common = set(schema["$defs"]["measure"]["properties"])
    yield "    #   status: implemented     # implemented | adopted | pilot | planned | none"
    yield ("    #   scope: everyone         # everyone | regular-status | specific-groups | "
           "nationals")
    for name, node in props.items():
        if name in common:
            continue
        yield f"    #   {name}:  # {_short(_resolve(schema, node).get('description', ''), 70)}"


def _section(schema: Mapping[str, Any], name: str, node: Mapping[str, Any]) -> Iterator[str]:
    yield f"{name}:  # {_short(node['description'])}"
    for key, child in node["properties"].items():
        yield f"  {key}:  # {_short(child.get('description', ''))}"
        props = child.get("properties", {})
        if "status" in props:
            yield from _measure_lines(schema, props)
        else:
            for sub, grandchild in props.items():
                yield f"    # {sub}:  # {_short(grandchild.get('description', ''), 70)}"


def render_template(file_name: str, date: str = "2026-01-01") -> str:
    """The template text for a new policy file."""
    schema = load_schema("policy")
    lines = [HEADER.format(name=file_name), CITY.format(date=date)]
    for name, node in schema["properties"].items():
        if name in ("schema_version", "city", "assessment", "waivers"):
            continue
        lines.extend(_section(schema, name, node))
        lines.append("")
    lines.append("waivers: []  # e.g. - {criterion: MIGOF-P1.01, reason: ..., approved_by: ..., "
                 "expires: 2026-12-31}")
    return "\n".join(lines) + "\n"
