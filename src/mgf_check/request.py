"""What a `check` run is asked to do: one frozen, typed request, built by the CLI
(`cli/options.py`) from its options and the config file, and read by `app.run_check`.

The choices are enums derived from their registries, so a new report format, crosswalk view
or `--fail-on` level becomes a valid choice without another edit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from mgf_check.catalogue.references import VIEWS
from mgf_check.gate import DiffFailOn, FailOn, Gate
from mgf_check.model import Priority
from mgf_check.reporters import REPORTERS

# The functional API builds each enum from its registry; mypy cannot list members it does not
# see as literals, hence the ignores (the members are checked by tests/test_request.py).
#: `--format` / `-o FORMAT=FILE`: the reporter registry's names.
Format = StrEnum("Format", {name.upper(): name for name in REPORTERS})  # type: ignore[misc]
#: `--by`: the crosswalk views.
View = StrEnum("View", {name.upper(): name for name in VIEWS})  # type: ignore[misc]


class CsvDialect(StrEnum):
    """`--csv-dialect`: how CSV files are written (`portfolio.csvfiles` applies it)."""

    PLAIN = "plain"
    EXCEL = "excel"
    EXCEL_SEMICOLON = "excel-semicolon"
    EXCEL_AUTO = "excel-auto"


class Sort(StrEnum):
    """`--sort`: order of the cities in a comparison (by name unless asked)."""

    NAME = "name"
    SCORE = "score"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What fails a run: `--fail-under`, `--fail-on`, `--fail-priority`, and a baseline."""

    fail_under: float | None = None
    fail_on: FailOn | None = None
    priority: Priority | None = None
    baseline: Path | None = None
    baseline_from: str | None = None

    def gate(self, with_baseline: bool) -> Gate:
        """The gate these thresholds set (comparing with a baseline when one was loaded)."""
        return Gate(self.fail_on, self.priority, self.fail_under, with_baseline)


@dataclass(frozen=True, slots=True)
class Output:
    """One report to write: its format, and its file (None: stdout)."""

    format: Format
    file: Path | None = None


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """Everything `app.run_check` needs; no defaults are looked up after this point."""

    paths: tuple[str, ...]
    frameworks: tuple[str, ...]
    outputs: tuple[Output, ...]
    thresholds: Thresholds = Thresholds()
    as_of: str | None = None
    ignore_waivers: bool = False
    by: View | None = None
    sort: Sort = Sort.NAME
    jobs: int | None = None
    verbose: bool = False
    quiet: bool = False
    color: bool = False
    #: `-o out/`: the folder for a report per city and the portfolio files, and the formats.
    folder: Path | None = None
    folder_formats: tuple[str, ...] = ()
    #: `-o portfolio.xlsx`: workbooks of the comparison.
    workbooks: tuple[Path, ...] = ()
    #: `--csv-dialect`: the dialect of CSV files (`-o x.csv`; stdout stays plain).
    csv_dialect: CsvDialect = CsvDialect.PLAIN

    @property
    def batch(self) -> bool:
        """More than one file, a directory or a glob: a comparison; one file: a report
        (a folder or workbook output makes even one file a portfolio)."""
        if self.folder is not None or self.workbooks:
            return True
        return len(self.paths) > 1 or any(
            Path(p).is_dir() or (any(c in p for c in "*?[") and not Path(p).is_file())
            for p in self.paths)


@dataclass(frozen=True, slots=True)
class DiffRequest:
    """What `app.run_diff` (two versions of one policy) or `app.run_batch_diff` (two
    batches: folders or saved comparison reports) compares, and what fails it."""

    old: Path
    new: Path
    frameworks: tuple[str, ...] = ()
    ignore_waivers: bool = False
    fail_on: DiffFailOn | None = None
    priority: Priority | None = None


@dataclass(frozen=True, slots=True)
class TrendRequest:
    """What `app.run_trend` reads: two or more batches (folders or saved reports), oldest
    first."""

    points: tuple[str, ...]
    frameworks: tuple[str, ...] = ()
    jobs: int | None = None
