"""Fixtures of the portfolio tests: the bundled examples checked once, and year variants."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mgf_check.comparison import CitySummary, Comparison, summarize
from mgf_check.model import Framework
from mgf_check.portfolio.summary import compare_portfolio as compare

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def example_rows(frameworks: tuple[Framework, ...]) -> list[CitySummary]:
    """The bundled examples, each checked once, as comparison rows."""
    from mgf_check.pipeline import CheckOptions, check_file

    options = CheckOptions(frameworks=tuple(f.id for f in frameworks))
    return [summarize(check_file(p, frameworks, options, f"examples/{p.name}"))
            for p in EXAMPLES]


@pytest.fixture(scope="session")
def example_comparison(frameworks: tuple[Framework, ...],
                       example_rows: list[CitySummary]) -> Comparison:
    return compare(frameworks, example_rows, "name", None, "gcm")


def vary(data: dict[str, Any], year: int) -> dict[str, Any]:
    """A city's policy as it could read in `year`: dated that year; in 2023 its emergency
    plan is only planned, in 2024 it is as in the example, and in 2025 the plan names
    migrants and forbids discrimination."""
    out = copy.deepcopy(data)
    out["assessment"]["date"] = f"{year}-06-30"
    plan = out.setdefault("crisis", {}).setdefault("emergency_plan", {"status": "none"})
    if year == 2023:
        plan["status"] = "planned"
    if year == 2025:
        plan.update(status="implemented", mentions_migrants=True, non_discrimination=True)
    return out


@pytest.fixture(scope="session")
def years(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], list[Path]]:
    """Three folders 2023/, 2024/, 2025/ holding the examples varied by `vary`."""
    root = tmp_path_factory.mktemp("years")

    def make() -> list[Path]:
        folders = []
        for year in (2023, 2024, 2025):
            folder = root / str(year)
            folder.mkdir(exist_ok=True)
            for path in EXAMPLES:
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                data = vary(yaml.load(path.read_text(encoding="utf-8"), Loader=loader), year)
                # file names change between years: pairing is by city, not by file
                name = f"{year}-{path.name}" if year == 2025 else path.name
                dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
                (folder / name).write_text(yaml.dump(data, Dumper=dumper, sort_keys=False),
                                           encoding="utf-8")
            folders.append(folder)
        return folders
    return make
