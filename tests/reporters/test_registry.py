"""The registry and the reporter classes agree, and every format renders purely."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable

import pytest

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport
from mgf_check.reporters import REPORTERS, Reporter, format_for, get_reporter

from .conftest import ROOT

#: The formats that list every city's per-criterion results in a comparison (a behaviour, not
#: a copy of the registry: the batch sends packed results to the parent only for these).
DETAILED = {"sarif", "junit", "csv", "github"}


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_entry_imports_and_its_class_carries_the_key(name: str) -> None:
    entry = REPORTERS[name]
    found = getattr(importlib.import_module(entry.module), entry.cls)
    assert inspect.isclass(found) and issubclass(found, Reporter)
    cls: type[Reporter] = found
    assert not inspect.isabstract(cls), f"{cls.__name__} misses a render method"
    assert cls.name == name
    assert cls.description.strip()
    assert cls.suffix == (entry.suffixes[0] if entry.suffixes else "")
    assert isinstance(get_reporter(name), cls)


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_each_suffix_names_its_format(name: str) -> None:
    for suffix in REPORTERS[name].suffixes:
        assert format_for(f"out/report{suffix.upper()}") == name
    assert type(get_reporter(name)).needs_details is (name in DETAILED)


def test_no_two_formats_claim_a_suffix() -> None:
    seen = [s for e in REPORTERS.values() for s in e.suffixes]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_rendering_is_deterministic_and_pure(name: str, north: PolicyReport,
                                             comparison: Comparison,
                                             diff: PolicyDiff) -> None:
    """Same input, byte-identical output (two instances); no absolute path leaks in."""
    renders: list[Callable[[Reporter], str]] = [
        lambda r: r.render(north), lambda r: r.render_comparison(comparison),
        lambda r: r.render_diff(diff)]
    for render in renders:
        first, second = render(get_reporter(name)), render(get_reporter(name))
        assert first == second
        assert first.encode("utf-8") == second.encode("utf-8")
        assert str(ROOT) not in first
        assert first.endswith("\n") or first == ""
