"""Every example in every format, the comparison and a diff, byte for byte against the golden
files written by scripts/regen_golden.py (regenerate them there; never edit by hand)."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


def _cases() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("regen", ROOT / "scripts" / "regen_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cases()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def rendered(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, str]:
    return _cases()


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    import os

    patch = pytest.MonkeyPatch()
    patch.chdir(os.getcwd())  # cases() changes directory; undo it after the module
    yield patch  # type: ignore[misc]
    patch.undo()


def test_golden_files_match(rendered: dict[str, str]) -> None:
    names = sorted(p.name for p in GOLDEN.iterdir())
    assert names == sorted(rendered), "run `python scripts/regen_golden.py`"
    for name in names:
        expected = (GOLDEN / name).read_text(encoding="utf-8")
        assert rendered[name] == expected, f"{name} differs: run scripts/regen_golden.py " \
            "and review the diff"


def test_json_goldens_follow_the_report_schema(rendered: dict[str, str]) -> None:
    import json

    import jsonschema

    from mgf_check.schema.validation import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("report"))
    checked = [name for name in rendered if name.endswith(".json")]
    assert len(checked) >= 6
    for name in checked:
        validator.validate(json.loads(rendered[name]))


def test_rendering_twice_is_identical(rendered: dict[str, str]) -> None:
    assert _cases() == rendered
