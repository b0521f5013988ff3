"""`mgf-check init`: a commented policy template generated from the policy schema.

Every field is listed with its full description and, when the schema restricts it, every
allowed value: nothing is cut off, and nothing is copied from the schema by hand.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from mgf_check.entry.fields import Field, Measure, blocks, section_description, shared_keys
from mgf_check.i18n import N_, _, labelled

WIDTH = 100
#: Placeholders an untouched template still holds (see `entry.firstcontact`).
PLACEHOLDER_NAME = "Example City"
PLACEHOLDER_COUNTRY = "XX"

HEADER = N_("""\
# yaml-language-server: $schema=policy.schema.json
# A city migration-policy description for mgf-check (policy schema version 1).
# Prefer not to write YAML? `mgf-check interview {name}` asks the questions one by one,
# and `mgf-check form export {stem}.xlsx` makes a spreadsheet to fill in.
#
# How to fill it in: remove the `#` in front of a line to use it, keep the indentation (spaces,
# never tabs), and write `status: none` when the city has no such measure. A measure left empty
# is reported as `not-stated`. Write true/false (not yes/no), dates as YYYY-MM-DD, lists as
# [a, b], and language codes such as en, fr, es, ar.
# `mgf-check fix {name}` repairs the usual slips (yes/no, dd/mm/yyyy dates, case of
# allowed values).
#
# Every measure shares these fields:
""")
FOOTER = N_("""\
# Check it with:  mgf-check check {name}
# Editor completion: keep policy.schema.json next to this file
# (`mgf-check schema > policy.schema.json`).
""")


def _wrap(text: str, indent: str, first: str = "", rest: str = "  ") -> list[str]:
    """`text` as comment lines no wider than WIDTH, never cut mid-word."""
    prefix = f"{indent}# "
    return textwrap.wrap(text, WIDTH, initial_indent=prefix + first,
                         subsequent_indent=prefix + rest, break_long_words=False,
                         break_on_hyphens=False) or [prefix.rstrip()]


def example(field: Field) -> str:
    """A value of the right kind to show after the field's key."""
    return {
        "boolean": "true", "choice": field.allowed[0] if field.allowed else "...",
        "choices": f"[{field.allowed[0]}]" if field.allowed else "[]", "codes": "[en]",
        "date": "2026-01-31", "since": "2019", "integer": "250000", "number": "12.5",
        "evidence": "", "list": "[...]",
    }.get(field.kind, "...")


def field_lines(field: Field, indent: str) -> list[str]:
    """The commented lines that document one field: example, description, allowed values."""
    lines = [f"{indent}# {field.key}: {example(field)}".rstrip()]
    if field.kind == "evidence":
        lines += [f"{indent}#   - title: Council resolution 2021-45",
                  f"{indent}#     url: https://example.org/resolution-2021-45.pdf",
                  f"{indent}#     date: 2021-06-30"]
    required = " " + _("(required)") if field.required else ""
    lines += _wrap(field.description + required, indent, "  ", "  ")
    if field.allowed and field.kind != "boolean":
        lines += _wrap(_("allowed: {values}").format(values=labelled(field.allowed)), indent,
                       "  ", "    ")
    return lines


def _shared_lines(first: Measure) -> list[str]:
    lines: list[str] = []
    for field in first.fields:
        if field.shared:
            lines += field_lines(field, "")
    return lines


def _city_lines(block: Measure, date: str) -> Iterator[str]:
    values = {"name": PLACEHOLDER_NAME, "country": PLACEHOLDER_COUNTRY, "date": date}
    yield from _wrap(block.description, "")
    yield f"{block.key}:"
    for field in block.fields:
        if field.key in values:
            yield from _wrap(field.description, "  ")
            yield f"  {field.key}: {values[field.key]}"
        else:
            yield from field_lines(field, "  ")


def _plain(description: str) -> str:
    """A description without the schema's cross-references (`$defs/...`), meant for editors."""
    kept = " ".join(s for s in description.split(". ") if "$defs" not in s).strip()
    return kept if kept.endswith(".") else kept + "."


def _block_lines(block: Measure) -> Iterator[str]:
    depth = block.pointer.count("/") - 1
    indent = "  " * depth
    yield f"{indent}{block.key}:"
    inner = indent + "  "
    yield from _wrap(_plain(block.description), inner, rest="")
    if block.is_measure:
        yield f"{inner}# status: implemented"
        yield f"{inner}# " + _("(and any shared field described at the top of the file)")
    for field in block.fields:
        if not field.shared or not block.is_measure:
            yield from field_lines(field, inner)


def _commented_block(block: Measure) -> Iterator[str]:
    """A block inside `city` or `assessment`, commented out whole: its key may not be empty."""
    indent = "  " * (block.pointer.count("/") - 1)
    yield f"{indent}# {block.key}:"
    yield from _wrap(block.description, indent, "  ", "  ")
    for field in block.fields:
        yield from field_lines(field, indent + "  ")


def _containers(block: Measure, opened: set[str]) -> Iterator[str]:
    parts = block.pointer.strip("/").split("/")
    for depth in range(1, len(parts)):
        container = "/" + "/".join(parts[:depth])
        if container in opened:
            continue
        opened.add(container)
        indent = "  " * (depth - 1)
        yield from ([""] if depth == 1 else [])
        yield f"{indent}{parts[depth - 1]}:"
        if depth == 1:
            yield from _wrap(section_description(parts[0]), indent + "  ", rest="")


def render_template(file_name: str, date: str = "2026-01-01") -> str:
    """The template text for a new policy file."""
    everything = blocks()
    measures = [b for b in everything if b.is_measure]
    stem = file_name.rsplit(".", 1)[0] or "city"
    lines = _(HEADER).format(name=file_name, stem=stem).splitlines()
    lines += [*_shared_lines(measures[0]), "", "schema_version: 1"]
    opened: set[str] = set()
    measures_at = {b.pointer for b in measures}
    for block in everything:
        if block.pointer.rsplit("/", 1)[0] in measures_at:  # e.g. a measure's `reach`:
            lines += list(_commented_block(block))     # an empty key there is invalid
            continue
        if block.section in ("city", "assessment"):
            top = block.pointer.count("/") == 1
            lines += ["", *_city_lines(block, date)] if top else list(_commented_block(block))
            continue
        lines += [*_containers(block, opened), *_block_lines(block)]
        opened.add(block.pointer)
    lines += ["", "waivers: []",
              *_wrap(_("Accepted exceptions, each approved and dated, e.g. {example}").format(
                  example="- {criterion: MIGOF-P1.01, reason: ..., approved_by: ..., "
                  "expires: 2026-12-31}"), ""),
              "", *_(FOOTER).format(name=file_name).splitlines()]
    return "\n".join(lines) + "\n"


__all__ = ["PLACEHOLDER_COUNTRY", "PLACEHOLDER_NAME", "render_template", "shared_keys"]
