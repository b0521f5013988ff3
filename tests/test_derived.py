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
