"""Files derived from the registries are up to date (regenerate with
`python scripts/gen_derived.py`): see mgf_check/tools/derived.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgf_check.tools.derived import DERIVED, expected, replace_section

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", list(DERIVED), ids=[p.as_posix() for p in DERIVED])
def test_derived_file_is_up_to_date(path: Path) -> None:
    assert (ROOT / path).read_text(encoding="utf-8") == expected(ROOT)[path], \
        f"{path.as_posix()} is stale: run python scripts/gen_derived.py"


def test_a_stale_section_is_noticed() -> None:
    text = "intro\n" + "<!-- generated from x by scripts/gen_derived.py; do not edit by hand " \
        "-->\nold\n<!-- end of generated section -->\nafter\n"
    assert replace_section(text, "x", "new\n") == text.replace("old", "new")
    with pytest.raises(ValueError, match="no generated section from y"):
        replace_section(text, "y", "new\n")


def test_hand_written_docs_name_what_is_bundled() -> None:
    from mgf_check.tools.derived import missing_mentions

    assert missing_mentions(ROOT) == [], "update these sentences (python scripts/gen_derived.py)"


def test_config_schema_choices_are_the_options_choices() -> None:
    """Every choice `.mgf-check.yaml` may hold is the command line's (review: the config
    schema's enums were copied by hand; `by` is generated, the others are checked here)."""
    from enum import Enum

    from mgf_check.gate import FailOn
    from mgf_check.model import Priority
    from mgf_check.request import CsvDialect, Sort, View
    from mgf_check.schema.validation import load_schema

    properties = load_schema("config")["properties"]
    choices: dict[str, type[Enum]] = {"fail-on": FailOn, "fail-priority": Priority, "by": View,
                                      "sort": Sort, "csv-dialect": CsvDialect}
    for key, enum in choices.items():
        assert properties[key]["enum"] == [m.value for m in enum], key
    assert sorted(k for k, v in properties.items() if "enum" in v) == sorted(choices)
