"""Terminal report: user text printed literally, list values in reasons, a bounded length."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mgf_check.model import Framework
from mgf_check.pipeline import CheckOptions, check_file
from mgf_check.reporters import RenderOptions, get_reporter

from .conftest import ROOT

MARKUP = "[bold]Bay[/]"
NOTE = "Runs [/] until [red]2027[/red]"


@pytest.fixture(scope="module")
def bundled() -> tuple[Framework, ...]:
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.pipeline import load_frameworks

    return load_frameworks(BUNDLED)


def _render(path: Path, frameworks: tuple[Framework, ...], verbose: bool,
            color: bool = False) -> str:
    report = check_file(path, frameworks, CheckOptions(), path.name)
    return get_reporter("terminal", RenderOptions(color=color, width=100,
                                                  verbose=verbose)).render(report)


def test_markup_in_a_city_name_and_a_note_prints_literally(
        write_policy: Callable[..., Path], bundled: tuple[Framework, ...]) -> None:
    path = write_policy({
        "schema_version": 1, "city": {"name": f"North {MARKUP}", "country": "XX"},
        "assessment": {"date": "2026-01-01"},
        "governance": {"strategy": {"status": "adopted", "notes": NOTE}}})
    for color in (False, True):
        text = _render(path, bundled, verbose=True, color=color)
        assert f"North {MARKUP} (XX)" in text
        assert f"notes: {NOTE}" in text


def test_a_list_value_appears_in_a_terminal_reason(bundled: tuple[Framework, ...]) -> None:
    text = _render(ROOT / "examples" / "riverton.yaml", bundled, verbose=True)
    flat = " ".join(text.split())  # the reason may wrap at any space
    assert "/partnerships/civil_society/roles is [service-delivery]" in flat


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_default_report_fits_150_lines_and_verbose_lists_everything(
        example: str, bundled: tuple[Framework, ...]) -> None:
    path = ROOT / "examples" / example
    short = _render(path, bundled, verbose=False)
    assert len(short.splitlines()) <= 150
    assert "First steps:" in short and "documented" in short and "Describe these topics" in short
    assert max(len(line) for line in short.splitlines()) <= 100
    full = _render(path, bundled, verbose=True)
    report = check_file(path, bundled, CheckOptions(), path.name)
    for result in report.results:
        assert result.criterion.id in full
