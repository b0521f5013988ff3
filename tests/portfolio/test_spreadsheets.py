"""The workbook read back with openpyxl, and the CSV dialects checked byte for byte."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mgf_check.comparison import Comparison
from mgf_check.model import Framework
from mgf_check.portfolio.csvfiles import BOM, convert, delimiter_for, resolve, wide_scores
from mgf_check.portfolio.summary import criteria_of
from mgf_check.portfolio.workbook import SHEETS, write_workbook

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, example_comparison: Comparison,
         frameworks: tuple[Framework, ...]) -> Any:
    path = tmp_path_factory.mktemp("book") / "portfolio.xlsx"
    write_workbook(path, example_comparison, frameworks)
    return openpyxl.load_workbook(path)


def test_sheet_names_headers_and_layout(book: Any) -> None:
    assert book.sheetnames == list(SHEETS)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert sheet.column_dimensions["A"].width > 8
        assert all(cell.font.bold for cell in sheet[1])


def test_scores_sheet_holds_every_city_and_its_numbers(book: Any,
                                                      example_comparison: Comparison) -> None:
    rows = list(book["Scores"].iter_rows(values_only=True))
    header, cities = rows[0], rows[1:]
    assert header[:6] == ("City", "Country", "File", "As of", "Mean", "MiGOF")
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in cities}
    for city in example_comparison.cities:
        assert by_name[city.name]["MiGOF"] == city.scores["migof"]
        assert by_name[city.name]["Local MGI D1"] == next(
            c.score for c in city.cells if c.group == "D1")


def test_long_sheet_has_a_row_per_city_and_criterion(book: Any,
                                                     frameworks: tuple[Framework, ...]) -> None:
    rows = list(book["Statuses"].iter_rows(values_only=True))
    assert len(rows) - 1 == len(EXAMPLES) * len(criteria_of(frameworks))
    assert rows[1][3] == criteria_of(frameworks)[0].id
    assert {r[4] for r in rows[1:]} <= {"met", "partial", "unmet", "not-stated", "waived",
                                        "out-of-competence", "not-applicable"}


def test_codes_are_text(book: Any) -> None:
    sheet = book["Criteria"]
    header = [c.value for c in sheet[1]]
    sdg = header.index("Refs sdg")
    cells = [row[sdg] for row in sheet.iter_rows(min_row=2) if row[sdg].value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "16.10" in {code for c in cells for code in str(c.value).split(", ")}
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_recommendations_most_lacking_first(book: Any) -> None:
    rows = list(book["Recommendations"].iter_rows(values_only=True))[1:]
    assert rows and rows[0][4] == 4  # a criterion every example city lacks comes first
    assert [r[4] for r in rows] == sorted((r[4] for r in rows), reverse=True)


def test_excel_dialects_byte_for_byte() -> None:
    text = "id,refs_sdg,title,score\nX-1.01,16.10,Peñas,55.5\n"
    assert convert(text, "plain") == text
    assert convert(text, "excel").encode("utf-8") == (
        b"\xef\xbb\xbfid,refs_sdg,title,score\r\n"
        b'X-1.01,"=""16.10""",Pe\xc3\xb1as,55.5\r\n')
    assert convert(text, "excel-semicolon").encode("utf-8") == (
        b"\xef\xbb\xbfid;refs_sdg;title;score\r\n"
        b'X-1.01;"=""16.10""";Pe\xc3\xb1as;55,5\r\n')
    assert delimiter_for(",") == ";" and delimiter_for(".") == ","
    assert resolve("excel-auto", ",") == "excel-semicolon"
    assert resolve("excel-auto", ".") == "excel"


def test_cli_writes_wide_scores_and_summary_beside_the_long_csv(
        cli: Callable[..., Any], tmp_path: Path, example_comparison: Comparison) -> None:
    result = cli("check", *map(str, EXAMPLES[:2]), "-o", str(tmp_path / "p.csv"),
                 "-o", str(tmp_path / "p.xlsx"), "--csv-dialect", "excel")
    assert result.exit_code in (0, 1), result.output
    wide = (tmp_path / "p-scores.csv").read_bytes()
    assert wide.startswith(BOM.encode("utf-8") + b"path,city,country,as_of,mean,migof,")
    assert len(wide.decode("utf-8-sig").splitlines()) == 3
    assert (tmp_path / "p-summary.csv").read_bytes().startswith(BOM.encode("utf-8"))
    assert (tmp_path / "p.csv").read_bytes().startswith(BOM.encode("utf-8") + b"path,city")
    assert (tmp_path / "p.xlsx").stat().st_size > 0
    header = next(csv.reader(io.StringIO(wide_scores(example_comparison))))
    assert header[:6] == ["path", "city", "country", "as_of", "mean", "migof"]


def test_statuses_stream_in_input_order_while_the_batch_runs(
        tmp_path: Path, frameworks: tuple[Framework, ...], example_comparison: Comparison,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`batch.run(on_row=...)` hands rows over in input order even when workers finish out of
    order, and the workbook written from them has every row under its filter."""
    from mgf_check import batch
    from mgf_check.pipeline import CheckOptions
    from mgf_check.portfolio.workbook import StreamedWorkbook

    monkeypatch.setattr(batch, "PARALLEL_THRESHOLD", 2)  # the parallel path, one file a chunk
    files = list(reversed(EXAMPLES))
    settings = batch.BatchSettings(CheckOptions(frameworks=tuple(f.id for f in frameworks)),
                                   details=False)
    book = StreamedWorkbook(tmp_path / "streamed.xlsx", frameworks)
    seen: list[str] = []

    def on_row(row: batch.Row) -> None:
        seen.append(row.summary.path)
        book.add(row.summary)

    checked = batch.run(files, frameworks, settings, jobs=2, on_row=on_row)
    assert seen == [p.as_posix() for p in files]
    ids = {c.id: c.id for f in frameworks for c in f.criteria}  # the parent keeps one copy
    assert all(g is ids[g] for r in checked for g in r.summary.gaps)  # of each id (memory)
    book.finish(example_comparison)
    sheet = openpyxl.load_workbook(tmp_path / "streamed.xlsx")["Statuses"]
    rows = list(sheet.iter_rows(values_only=True))[1:]
    per_city = len(criteria_of(frameworks))
    assert len(rows) == len(files) * per_city
    assert [rows[i * per_city][2] for i in range(len(files))] == seen
    assert sheet.auto_filter.ref == f"A1:E{len(rows) + 1}"


def test_csv_dialect_comes_from_the_config_and_the_command_line_wins(
        cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".mgf-check.yaml").write_text("csv-dialect: excel-semicolon\n",
                                              encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check", str(EXAMPLES[0]), "-q", "-o", "city.csv")
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "city.csv").read_bytes().startswith(BOM.encode("utf-8") + b"path;city")
    shown = cli("check", str(EXAMPLES[0]), "--show-config", "--csv-dialect", "plain").stdout
    line = next(x for x in shown.splitlines() if x.startswith("csv-dialect"))
    assert "plain" in line and line.endswith("[command line]")
    bad = cli("check", str(EXAMPLES[0]), "--csv-dialect", "excel-comma")
    assert bad.exit_code == 2 and "excel-semicolon" in bad.output


def test_files_written_beside_a_csv_never_replace_an_input(
        cli: Callable[..., Any], tmp_path: Path) -> None:
    policy = tmp_path / "p-scores.csv"  # a policy file whose name a side file would take
    policy.write_bytes(EXAMPLES[0].read_bytes())
    result = cli("check", str(policy), str(EXAMPLES[1]), "-o", str(tmp_path / "p.csv"))
    assert result.exit_code == 2
    assert "is an input of this run" in result.stderr
    assert policy.read_bytes() == EXAMPLES[0].read_bytes()
