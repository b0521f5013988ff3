"""From typer's parameters and the config file to typed requests.

The command line wins over `.mgf-check.yaml`, which wins over the defaults. Choices become
enums here (`request.Format`, `View`, `Sort`, `gate.FailOn`, `model.Priority`); a bad one raises
`UsageError` naming the option and the valid choices, all bad options at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from mgf_check.config import Config
from mgf_check.errors import CatalogueError, Problem, UsageError
from mgf_check.gate import DiffFailOn, FailOn
from mgf_check.model import Priority
from mgf_check.reporters import REPORTERS, format_for
from mgf_check.request import (
    CheckRequest,
    CsvDialect,
    DiffRequest,
    Format,
    Output,
    Sort,
    Thresholds,
    View,
)

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class CheckFlags:
    """`check`'s options as typed on the command line (None: not given)."""

    fmt: str | None = None
    frameworks: Sequence[str] | None = None
    outputs: Sequence[str] | None = None
    by: str | None = None
    fail_under: float | None = None
    fail_on: str | None = None
    fail_priority: str | None = None
    as_of: str | None = None
    ignore_waivers: bool | None = None
    jobs: int | None = None
    sort: str | None = None
    baseline: Path | None = None
    baseline_from: str | None = None
    csv_dialect: str | None = None

    def given(self) -> set[str]:
        """The config keys this command line sets (for `--show-config`)."""
        return {key for key, value in (
            ("frameworks", self.frameworks), ("fail-under", self.fail_under),
            ("fail-on", self.fail_on), ("fail-priority", self.fail_priority),
            ("outputs", self.outputs), ("by", self.by), ("ignore-waivers", self.ignore_waivers),
            ("jobs", self.jobs), ("sort", self.sort), ("csv-dialect", self.csv_dialect))
            if value is not None}


@dataclass(frozen=True, slots=True)
class Settings:
    """`check`'s settings after merging the command line over the config file, validated."""

    fmt: Format | None
    frameworks: tuple[str, ...]
    outputs: tuple[str, ...]
    by: View | None
    thresholds: Thresholds
    as_of: str | None
    ignore_waivers: bool
    jobs: int | None
    sort: Sort
    csv_dialect: CsvDialect

    def shown(self) -> dict[str, object]:
        """The settings a config file may give, by config key (for `--show-config`)."""
        t = self.thresholds
        return {"frameworks": list(self.frameworks), "fail-under": t.fail_under,
                "fail-on": t.fail_on, "fail-priority": t.priority, "outputs": list(self.outputs),
                "by": self.by, "ignore-waivers": self.ignore_waivers, "jobs": self.jobs,
                "sort": self.sort, "csv-dialect": self.csv_dialect}


def merge(flags: CheckFlags, cfg: Config) -> Settings:
    """The command line over the config file; every bad choice in one UsageError."""
    from mgf_check.schema.fast import is_date

    bad: list[Problem] = []

    def pick(option: str, value: str | None, enum: type[E]) -> E | None:
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            bad.append(_not_a_choice(option, value, [e.value for e in enum]))
            return None

    fmt = pick("--format", flags.fmt, Format)
    by = pick("--by", flags.by if flags.by is not None else cfg.get("by"), View)
    fail_on = pick("--fail-on", flags.fail_on if flags.fail_on is not None
                   else cfg.get("fail-on"), FailOn)
    priority = pick("--fail-priority", flags.fail_priority if flags.fail_priority is not None
                    else cfg.get("fail-priority"), Priority)
    sort = pick("--sort", flags.sort or cfg.get("sort", "name"), Sort)
    dialect = pick("--csv-dialect", flags.csv_dialect or cfg.get("csv-dialect", "plain"),
                   CsvDialect)
    fail_under = flags.fail_under if flags.fail_under is not None else cfg.get("fail-under")
    if fail_under is not None and not math.isfinite(fail_under):
        bad.append(Problem("--fail-under", None, f"{fail_under!r} is not a number",
                           "give a score from 0 to 100", rule="usage"))
    if flags.as_of is not None and not is_date(flags.as_of):
        bad.append(Problem("--as-of", None, f"{flags.as_of!r} is not a date", "write YYYY-MM-DD",
                           rule="usage"))
    if bad:
        raise UsageError(bad)
    outputs = flags.outputs if flags.outputs is not None else (cfg.outputs() or [])
    return Settings(
        fmt=fmt, frameworks=tuple(flags.frameworks or cfg.frameworks() or ()),
        outputs=tuple(outputs), by=by,
        thresholds=Thresholds(fail_under, fail_on, priority, flags.baseline,
                              flags.baseline_from),
        as_of=flags.as_of,
        ignore_waivers=bool(flags.ignore_waivers if flags.ignore_waivers is not None
                            else cfg.get("ignore-waivers", False)),
        jobs=flags.jobs or cfg.get("jobs"), sort=sort or Sort.NAME,
        csv_dialect=dialect or CsvDialect.PLAIN)


def at_config_entry(exc: CatalogueError, specs: Sequence[str], cfg: Config) -> CatalogueError:
    """A framework named by the config that cannot be loaded, reported at its entry in the
    config's `frameworks:` list (not as a `--framework` option nobody gave)."""
    from mgf_check.pipeline import load_frameworks

    first = exc.problems[0]
    if cfg.path is None or first.span is not None:
        return exc
    for index, spec in enumerate(specs):
        try:
            load_frameworks([spec])
        except CatalogueError:
            return CatalogueError(Problem(cfg.path, cfg.locate(f"/frameworks/{index}"),
                                          f"frameworks: {first.message}", first.hint,
                                          rule="config"))
    return exc


def check_request(paths: Sequence[str], settings: Settings, *, verbose: bool, quiet: bool,
                  color: bool) -> CheckRequest:
    """The request `app.run_check` runs (`--quiet` keeps only the file outputs)."""
    from mgf_check.portfolio.folder import split_outputs, split_workbooks

    folder, folder_formats, rest = split_outputs(settings.outputs, tuple(REPORTERS))
    workbooks, rest = split_workbooks(rest)
    outputs = parse_outputs(settings.fmt, rest)
    if quiet:
        outputs = tuple(o for o in outputs if o.file is not None)
    return CheckRequest(
        paths=tuple(paths), frameworks=settings.frameworks, outputs=outputs, folder=folder,
        folder_formats=tuple(folder_formats), workbooks=tuple(workbooks),
        thresholds=settings.thresholds, as_of=settings.as_of,
        ignore_waivers=settings.ignore_waivers, by=settings.by, sort=settings.sort,
        jobs=settings.jobs, verbose=verbose, quiet=quiet, color=color,
        csv_dialect=settings.csv_dialect)


def diff_request(old: Path, new: Path, frameworks: Sequence[str] | None, ignore_waivers: bool,
                 fail_on: str | None, fail_priority: str | None) -> DiffRequest:
    """The request `app.run_diff` runs."""
    for option, value, enum in (("--fail-on", fail_on, DiffFailOn),
                                ("--fail-priority", fail_priority, Priority)):
        if value is not None and value not in {e.value for e in enum}:
            raise UsageError(_not_a_choice(option, value, [e.value for e in enum]))
    return DiffRequest(old, new, tuple(frameworks or ()), ignore_waivers,
                       DiffFailOn(fail_on) if fail_on else None,
                       Priority(fail_priority) if fail_priority else None)


def format_option(fmt: str | None) -> Format | None:
    """`--format` of the commands that take no config (diff, render)."""
    if fmt is not None and fmt not in REPORTERS:
        raise UsageError(_not_a_choice("--format", fmt, list(REPORTERS)))
    return Format(fmt) if fmt is not None else None


def parse_outputs(fmt: Format | None, outputs: Sequence[str]) -> tuple[Output, ...]:
    """Where reports go; file None is stdout.

    `-o FILE` takes its format from the suffix, `-o FORMAT=FILE` names it, and a lone
    `--format` with a lone `-o` applies to that file. Stdout always gets a report: the
    terminal summary, or `--format` when no file takes it.
    """
    out: list[Output] = []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if sep and name in REPORTERS:
            out.append(Output(Format(name), Path(file)))
            continue
        chosen = fmt if (fmt and len(outputs) == 1) else format_for(spec)
        if chosen is None:
            raise UsageError(Problem("--output", None, f"cannot tell the format of {spec!r} "
                                     "from its suffix", "write FORMAT=FILE, e.g. "
                                     f"json={spec}; formats: {', '.join(REPORTERS)}",
                                     rule="usage"))
        out.append(Output(Format(chosen), Path(spec)))
    claimed = fmt is not None and len(outputs) == 1 and "=" not in outputs[0]
    out.insert(0, Output(Format("terminal") if claimed or fmt is None else fmt))
    return tuple(out)


def _not_a_choice(option: str, value: str, choices: Sequence[str]) -> Problem:
    return Problem(option, None, f"{value!r} is not a valid choice",
                   "choose one of: " + ", ".join(choices), rule="usage")
