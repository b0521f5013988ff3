"""CSV read back with the csv module: one row per city and criterion, formula-safe cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import Framework, PolicyReport
from mgf_check.pipeline import CheckOptions, check_file
from mgf_check.reporters import get_reporter
from mgf_check.reporters.csv_ import COLUMNS, cell

from .conftest import CITY_NORTH, NORTH_TOY, REL, SOUTH_TOY

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[dict[str, str]]:
    assert "\r\n" not in text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert all(None not in row for row in rows)  # no row has more cells than the header
    return rows


def _safe(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            assert not value.startswith(DANGEROUS), value


def test_one_row_per_criterion_with_its_place(north: PolicyReport) -> None:
    rows = _rows(get_reporter("csv").render(north))
    assert len(rows) == len(north.results)
    toy = {r["criterion"]: r for r in rows if r["framework"] == "toy"}
    assert {k: v["status"] for k, v in toy.items()} == {k: s.value for k, s in NORTH_TOY.items()}
    row = toy["TOY-2.1"]
    assert row["path"] == f"{REL}/north.yaml" and row["city"] == CITY_NORTH
    assert (row["country"], row["group"], row["priority"], row["weight"]) == \
        ("XX", "G2", "core", "3")
    assert (row["line"], row["column"]) == ("19", "11")
    assert row["reason"] == "/governance/strategy/name is \"=cmd|' /C calc'!A0 <b>&\", " \
        "expected 'Welcome plan'"
    _safe(rows)


def test_formula_cells_are_neutralised(north: PolicyReport) -> None:
    rows = _rows(get_reporter("csv").render(north))
    toy = {r["criterion"]: r for r in rows if r["framework"] == "toy"}
    assert toy["TOY-2.1"]["recommendation"] == "'=HYPERLINK(\"x\") Adopt a strategy | publish it."
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert cell(text) == "'" + text
    assert cell("plain = text") == "plain = text" and cell(None) == "" and cell(3) == "3"


def test_a_city_named_like_a_formula(write_policy: Callable[..., Path],
                                     reporter_frameworks: tuple[Framework, ...]) -> None:
    path = write_policy({"schema_version": 1,
                         "city": {"name": "=HYPERLINK(\"http://x\",\"y\")", "country": "ZZ"},
                         "assessment": {"date": "2026-01-01", "notes": "@x"}})
    report = check_file(path, reporter_frameworks, CheckOptions(), "-city.yaml")
    rows = _rows(get_reporter("csv").render(report))
    assert {r["city"] for r in rows} == {"'=HYPERLINK(\"http://x\",\"y\")"}
    assert {r["path"] for r in rows} == {"'-city.yaml"}
    _safe(rows)


def test_comparison_has_rows_for_every_city_and_an_error_row(comparison: Comparison) -> None:
    rows = _rows(get_reporter("csv").render_comparison(comparison))
    by_path: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_path.setdefault(row["path"], []).append(row)
    assert set(by_path) == {f"{REL}/north.yaml", f"{REL}/south.yaml", f"{REL}/broken.yaml"}
    south = {r["criterion"]: r["status"] for r in by_path[f"{REL}/south.yaml"]
             if r["framework"] == "toy"}
    assert south == {k: s.value for k, s in SOUTH_TOY.items()}
    (error,) = by_path[f"{REL}/broken.yaml"]
    assert error["status"] == "error" and "assessment" in error["reason"]
    _safe(rows)


def test_diff_rows_are_the_changed_criteria(diff: PolicyDiff) -> None:
    text = get_reporter("csv").render_diff(diff)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and all(r["kind"] in ("closed", "opened", "changed") for r in rows)
    toy = {r["criterion"]: (r["before"], r["after"], r["kind"]) for r in rows
           if r["framework"] == "toy"}
    assert toy == {"TOY-1.1": ("partial", "met", "closed"),
                   "TOY-1.2": ("not-stated", "met", "closed"),
                   "TOY-2.2": ("met", "unmet", "opened"),
                   "TOY-2.3": ("waived", "unmet", "opened")}
