"""`mgf-check form export/import`: the workbook is opened with openpyxl, and a workbook edited by
a person (a value outside the list, a deleted row, an extra sheet, two departments that
disagree) gives located errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mgf_check.loading.yamlsource import load_file

Cli = Callable[..., Any]
POLICY = """\
# Valcourt, kept by the mayor's office
schema_version: 1
city:
  name: Valcourt-sur-Meuse
  country: FR
assessment:
  date: 2026-03-01
crisis:
  early_warning:
    status: pilot      # tested in two districts
    channels: [sms, radio]
"""


@pytest.fixture(scope="module")
def exported_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbook is written once (through the real command) and copied for each test."""
    from typer.testing import CliRunner

    from mgf_check.cli import app

    folder = tmp_path_factory.mktemp("form")
    policy = folder / "city.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    book = folder / "city.xlsx"
    result = CliRunner().invoke(app, ["form", "export", str(book), "--from", str(policy),
                                      "--section", "city", "--section", "crisis"])
    assert result.exit_code == 0, result.output
    return book


@pytest.fixture()
def exported(exported_once: Path, tmp_path: Path) -> Path:
    import shutil

    book = tmp_path / "city.xlsx"
    shutil.copy(exported_once, book)
    (tmp_path / "city.yaml").write_text(POLICY, encoding="utf-8")
    return book


def row_of(sheet: Any, key: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == key:
            return row
    raise AssertionError(key)


def test_export_has_drop_downs_current_answers_and_instructions(exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames[:2] == ["Instructions", "Lists"]
    assert {"city", "crisis"} <= set(book.sheetnames)
    assert "Answer in column D only" in " ".join(
        str(c.value) for c in book["Instructions"]["A"] if c.value)
    crisis = book["crisis"]
    status = row_of(crisis, "/crisis/early_warning/status")
    assert crisis.cell(status, 4).value == "pilot"
    assert "Where does the city stand" in str(crisis.cell(status, 3).value)
    assert crisis.cell(row_of(crisis, "/crisis/early_warning/channels"), 4).value == "sms, radio"
    [rule] = [v for v in crisis.data_validations.dataValidation if f"D{status}" in v.sqref]
    assert rule.type == "list" and rule.showErrorMessage
    sheet, cells = rule.formula1.split("!")
    values = [row[0].value for row in book[sheet][cells.replace("$", "")]]
    assert values == ["implemented", "adopted", "pilot", "planned", "none"]


def test_round_trip_keeps_comments_and_writes_answers(cli: Cli, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    crisis = book["crisis"]
    crisis.cell(row_of(crisis, "/crisis/early_warning/status"), 4).value = "implemented"
    crisis.cell(row_of(crisis, "/crisis/early_warning/tested_with_migrants"), 4).value = "yes"
    crisis.cell(row_of(crisis, "/crisis/early_warning/evidence/0/title"), 4).value = "Plan ORSEC"
    book.save(exported)
    target = exported.with_name("city.yaml")
    result = cli("form", "import", str(exported), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "# Valcourt, kept by the mayor's office" in text
    warning = load_file(target).data["crisis"]["early_warning"]
    assert warning["status"] == "implemented" and warning["tested_with_migrants"] is True
    assert warning["evidence"] == [{"title": "Plan ORSEC"}]


def test_edited_workbook_gives_located_errors(cli: Cli, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    crisis = book["crisis"]
    status = row_of(crisis, "/crisis/early_warning/status")
    crisis.cell(status, 4).value = "en cours"  # outside the drop-down
    crisis.delete_rows(row_of(crisis, "/crisis/early_warning/scope"))
    book.create_sheet("Notes")
    book.save(exported)
    target = exported.with_name("out.yaml")
    result = cli("form", "import", str(exported), "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    err = result.stderr
    assert f"city.xlsx!crisis!D{status}: 'en cours' is not a valid answer" in err
    assert "the row for /crisis/early_warning/scope is missing" in err
    assert "city.xlsx!Notes!A1: sheet 'Notes' is not part of the form" in err


def test_departments_merge_and_conflicts_are_reported(cli: Cli, exported: Path) -> None:
    other = exported.with_name("social.xlsx")
    book = openpyxl.load_workbook(exported)
    crisis = book["crisis"]
    status = row_of(crisis, "/crisis/early_warning/status")
    crisis.cell(status, 4).value = "implemented"
    book.save(other)
    target = exported.with_name("out.yaml")
    result = cli("form", "import", str(exported), str(other), "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert (f"social.xlsx!crisis!D{status}: conflicting answers for "
            f"/crisis/early_warning/status: 'implemented' here, 'pilot' in "
            f"city.xlsx!crisis!D{status}") in result.stderr


def test_a_required_answer_left_empty_is_located(cli: Cli, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    city = book["city"]
    name = row_of(city, "/city/name")
    city.cell(name, 4).value = None
    book.save(exported)
    target = exported.with_name("new.yaml")
    result = cli("form", "import", str(exported), "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert f"city.xlsx!city!D{name}: /city/name is required" in result.stderr
