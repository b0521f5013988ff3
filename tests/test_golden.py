"""The golden files written by scripts/regen_golden.py, byte for byte (regenerate them there;
never edit by hand). Two sets with two jobs:

* `tests/golden/formats/`: every output format for a report, a comparison and a diff, on the
  small fixed test catalogues. A difference means a reporter changed.
* `tests/golden/examples/`: the JSON report of every example on the bundled catalogues (and
  their comparison and action plans). A difference means a bundled catalogue or the checking
  behaviour changed: review it with that change.

The last test proves the split: with every bundled criterion's title edited, no format golden
changes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
REGEN = "run `python scripts/regen_golden.py` and review the diff"


def _regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden",
                                                  ROOT / "scripts" / "regen_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regen() -> ModuleType:
    return _regen()


@pytest.fixture(scope="module")
def formats(regen: ModuleType) -> dict[str, str]:
    out: dict[str, str] = regen.format_cases()
    return out


@pytest.fixture(scope="module")
def examples(regen: ModuleType) -> dict[str, str]:
    out: dict[str, str] = regen.example_cases()
    return out


def _compare(rendered: dict[str, str], folder: str, meaning: str) -> None:
    names = sorted(p.relative_to(GOLDEN).as_posix() for p in (GOLDEN / folder).iterdir())
    assert names == sorted(rendered), REGEN
    for name in names:
        expected = (GOLDEN / name).read_text(encoding="utf-8")
        assert rendered[name] == expected, f"{name} differs ({meaning}): {REGEN}"


def test_format_goldens_match(formats: dict[str, str]) -> None:
    _compare(formats, "formats", "a reporter changed")
    # every format renders each of the three documents
    from mgf_check.reporters import REPORTERS

    for fmt in REPORTERS:
        for doc in ("north", "comparison", "diff"):
            assert f"formats/{doc}.{fmt}" in formats


def test_example_pins_match(examples: dict[str, str]) -> None:
    examples_on_disk = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
    assert [n for n in examples_on_disk if f"examples/{n}.json" not in examples] == []
    _compare(examples, "examples", "a bundled catalogue or the checking behaviour changed")


def test_json_goldens_follow_the_report_schema(formats: dict[str, str],
                                               examples: dict[str, str]) -> None:
    import jsonschema

    from mgf_check.schema.validation import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("report"))
    checked = [name for name in {**formats, **examples} if name.endswith(".json")]
    assert len(checked) >= 8
    for name in checked:
        validator.validate(json.loads({**formats, **examples}[name]))


def test_rendering_twice_is_identical(regen: ModuleType, formats: dict[str, str]) -> None:
    assert regen.format_cases() == formats


@pytest.fixture()
def edited_catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The bundled catalogues as a contributor might edit them: every criterion's title
    changed. The package `mgf_check.frameworks` points at this copy while the fixture is
    active, so everything that reads bundled catalogues reads the edited ones."""
    import importlib

    from mgf_check.catalogue import bundled, loader, references

    package = importlib.import_module("mgf_check.frameworks")
    copy = tmp_path / "frameworks"
    shutil.copytree(bundled.frameworks_dir(), copy)
    edited = 0
    for path in copy.glob("*.yaml"):
        text, n = re.subn(r"^(    title: )([\"']?)", r"\1\2EDITED ",
                          path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
        edited += n
    assert edited > 100
    caches: list[Callable[[], None]] = [
        loader.load_bundled.cache_clear, references.load_references.cache_clear,
        bundled.bundled_frameworks.cache_clear, bundled.crosswalks.cache_clear]
    monkeypatch.setattr(package, "__file__", str(copy / "__init__.py"))
    for clear in caches:
        clear()
    assert bundled.frameworks_dir() == copy
    yield copy
    monkeypatch.undo()
    for clear in caches:
        clear()


def test_editing_a_bundled_criterion_changes_no_format_golden(
        edited_catalogues: Path, regen: ModuleType, formats: dict[str, str]) -> None:
    from mgf_check.catalogue.loader import available, load_bundled

    assert regen.format_cases() == formats
    # the edit did reach the bundled catalogues (and so the example pins, which load them)
    for framework in map(load_bundled, available()):
        assert all(c.title.startswith("EDITED ") for c in framework.criteria), framework.id
