"""The use cases behind the commands: each takes a typed request and returns values.

`run_check` (one policy gives a report, several a comparison), `run_diff` (two versions of one
policy) and `load_saved_report` (a JSON report written by `--format json`). No printing and no
exits: the CLI shows what they return, and `exit_codes.exit_code_for` turns a run's verdicts
into the exit status.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from mgf_check import batch, pipeline
from mgf_check.baseline import Baseline, from_ref, from_saved
from mgf_check.catalogue.loader import BUNDLED
from mgf_check.comparison import CitySummary, Comparison
from mgf_check.diff import PolicyDiff, diff_reports
from mgf_check.errors import PolicyLoadError, Problem, UsageError
from mgf_check.gate import DiffFailOn, Gate, Verdict, diff_failures, judge
from mgf_check.loading.policyfiles import expand
from mgf_check.loading.safeio import check_outputs
from mgf_check.model import Framework, JSONObject, PolicyReport
from mgf_check.pipeline import CheckOptions
from mgf_check.portfolio import folder as outfolder
from mgf_check.portfolio.summary import compare_portfolio
from mgf_check.portfolio.trend import Point, PortfolioDiff, Trend
from mgf_check.reporters import needs_details
from mgf_check.request import CheckRequest, DiffRequest, Thresholds, TrendRequest

#: Opens a progress display for N files and yields the callback that advances it.
Progress = Callable[[int], AbstractContextManager[Callable[[int], None]]]


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The outcome of `check`: one report (or the problems of its invalid file), or a
    comparison with a row per file; the gate's verdict on each checked policy."""

    frameworks: tuple[Framework, ...]
    gate: Gate
    report: PolicyReport | None = None
    problems: tuple[Problem, ...] = ()
    comparison: Comparison | None = None
    rows: tuple[batch.Row, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def invalid(self) -> int:
        """How many policy files could not be checked."""
        return (1 if self.problems else 0) + sum(1 for r in self.rows if not r.summary.ok)


@dataclass(frozen=True, slots=True)
class DiffRun:
    """The outcome of `diff`: what changed, and what fails `--fail-on` (as a verdict)."""

    diff: PolicyDiff
    verdict: Verdict


def check_options(request: CheckRequest) -> CheckOptions:
    """How each policy is checked (frameworks, date, waivers, crosswalk view)."""
    return CheckOptions(frameworks=request.frameworks or BUNDLED, as_of=request.as_of,
                        ignore_waivers=request.ignore_waivers, by=request.by)


def run_check(request: CheckRequest, progress: Progress | None = None) -> CheckRun:
    """Check the policies a request names (raises MgfCheckError for what stops the run)."""
    options = check_options(request)
    frameworks = pipeline.load_frameworks(options.frameworks)
    if request.batch:
        return _run_batch(request, frameworks, options, progress or _silent)
    path = Path(request.paths[0])
    try:
        report = pipeline.check_file(path, frameworks, options, request.paths[0])
    except PolicyLoadError as exc:
        return CheckRun(frameworks, request.thresholds.gate(False), problems=tuple(exc.problems))
    base = _baseline(request.thresholds, [path], frameworks, options)
    gate = request.thresholds.gate(base is not None)
    verdict = judge(report, gate, base.for_path(report.path, lone_run=True) if base else None)
    return CheckRun(frameworks, gate, report=report, verdicts=(verdict,))


def _run_batch(request: CheckRequest, frameworks: tuple[Framework, ...], options: CheckOptions,
               progress: Progress) -> CheckRun:
    files = expand(request.paths)
    check_outputs([*(o.file for o in request.outputs if o.file is not None),
                   *request.workbooks])  # before the long part
    t = request.thresholds
    base = _baseline(t, files, frameworks, options)
    notes: tuple[str, ...] = ()
    if base is not None and t.baseline is not None and \
            not any(base.for_path(f.as_posix()) for f in files):
        notes = ("the baseline has none of these policy paths (saved from another folder?), "
                 "so every policy is judged on the thresholds alone",)
    folder = request.folder
    city_dir = str(outfolder.prepare(folder)) if folder is not None else None
    details = needs_details([*(o.format for o in request.outputs),
                             *(request.folder_formats if folder is not None else ())])
    settings = batch.BatchSettings(options, details, t.gate(base is not None), base, city_dir,
                                   request.folder_formats)
    from mgf_check.portfolio.workbook import StreamedWorkbook

    # the workbooks' long sheet is written while the workers check (rows in input order)
    books = [StreamedWorkbook(path, frameworks) for path in request.workbooks]

    def on_row(row: batch.Row) -> None:
        for book in books:
            book.add(row.summary)

    with progress(len(files)) as advance:
        rows = batch.run(files, frameworks, settings, request.jobs, advance,
                         on_row if books else None)
    comparison = compare_portfolio(frameworks, [r.summary for r in rows], request.sort,
                                   options.as_of, options.by)
    if folder is not None:
        comparison = outfolder.write_folder(folder, comparison, request.folder_formats)
        notes = (*notes, f"wrote {(folder / 'index.html').as_posix()} and the reports of "
                 f"{len(comparison.links)} cities in {(folder / outfolder.CITIES).as_posix()}/")
    for book in books:
        book.finish(comparison)
    return CheckRun(frameworks, settings.gate, comparison=comparison, rows=tuple(rows),
                    verdicts=tuple(r.verdict for r in rows if r.verdict is not None),
                    notes=notes)


@contextlib.contextmanager
def _silent(_total: int) -> Iterator[Callable[[int], None]]:
    yield lambda _n: None


def _baseline(thresholds: Thresholds, files: Sequence[Path], frameworks: Sequence[Framework],
              options: CheckOptions) -> Baseline | None:
    """The baseline asked for (`--baseline FILE|DIR` or `--baseline-from REF`), or None."""
    saved, ref = thresholds.baseline, thresholds.baseline_from
    if saved is not None and ref is not None:
        raise UsageError(Problem("--baseline", None, "give --baseline or --baseline-from, "
                                 "not both", rule="usage"))
    if saved is not None:
        return from_saved(saved)
    if ref is not None:
        return from_ref(ref, files, frameworks, options)
    return None


def run_diff(request: DiffRequest) -> DiffRun:
    """Compare two versions of one policy (YAML files or saved JSON reports)."""
    options = CheckOptions(frameworks=request.frameworks or BUNDLED,
                           ignore_waivers=request.ignore_waivers)
    frameworks = pipeline.load_frameworks(options.frameworks)
    before = _diff_side(request.old, frameworks, options)
    after = _diff_side(request.new, frameworks, options)
    result = diff_reports(before, after)
    failed = diff_failures(result.changes, request.fail_on, request.priority)
    return DiffRun(result, Verdict(result.new.path, failed, (), "diff"))


def _diff_side(path: Path, frameworks: Sequence[Framework],
               options: CheckOptions) -> PolicyReport:
    """A policy report from a YAML policy, or from a saved JSON report."""
    if path.suffix.lower() == ".json":
        data = read_saved_report(path)
        if data.get("kind") != "check":
            raise UsageError(Problem(path.as_posix(), None, "diff needs a single-policy report "
                                     f"(kind 'check'), not {data.get('kind')!r}", rule="usage"))
        from mgf_check.reporters.json_codec import from_dict

        return from_dict(data)
    return pipeline.check_file(path, frameworks, options, path.as_posix())


@dataclass(frozen=True, slots=True)
class TrendRun:
    """The outcome of `trend`: the series, the latest batch as a comparison (for the
    workbook's other sheets), and the files checked in this run (folders, not saved reports)
    that could not be read (the trend leaves them out; the run exits 2), out of how many."""

    frameworks: tuple[Framework, ...]
    trend: Trend
    latest: Comparison
    failed: tuple[CitySummary, ...] = ()
    files: int = 0


@dataclass(frozen=True, slots=True)
class BatchDiffRun:
    """The outcome of `diff OLD/ NEW/`: each city's changes and the portfolio's; a verdict
    per city that fails `--fail-on`; files that could not be read (on either side)."""

    diff: PortfolioDiff
    verdicts: tuple[Verdict, ...]
    invalid: int
    notes: tuple[str, ...] = ()


def run_trend(request: TrendRequest) -> TrendRun:
    """Each city's scores over two or more batches (cities paired by identity)."""
    from mgf_check.portfolio.trend import build_trend, trend_columns

    options = CheckOptions(frameworks=request.frameworks or BUNDLED)
    frameworks = pipeline.load_frameworks(options.frameworks)
    points = [load_point(p, frameworks, options, request.jobs) for p in request.points]
    result = build_trend(points, trend_columns(frameworks))
    # a saved report's failed rows were that run's problem (its report shows them as notes)
    checked = [c for p in points if p.checked for c in p.cities]
    return TrendRun(frameworks, result, compare_portfolio(frameworks, points[-1].cities),
                    tuple(c for c in checked if not c.ok), len(checked))


def run_batch_diff(request: DiffRequest) -> BatchDiffRun:
    """Two batches compared city by city; `--fail-on` judged per city like a single diff
    (`opened`: a gap the city did not have; `regressed`: also a gap that scores less)."""
    from mgf_check.gate import batch_diff_failures
    from mgf_check.portfolio.summary import criteria_of
    from mgf_check.portfolio.trend import portfolio_diff, trend_columns

    options = CheckOptions(frameworks=request.frameworks or BUNDLED,
                           ignore_waivers=request.ignore_waivers)
    frameworks = pipeline.load_frameworks(options.frameworks)
    old = load_point(request.old.as_posix(), frameworks, options)
    new = load_point(request.new.as_posix(), frameworks, options)
    criteria = criteria_of(frameworks)
    result = portfolio_diff(old, new, trend_columns(frameworks), criteria)
    priorities = {c.id: c.priority for c in criteria}
    verdicts = []
    for city in result.cities:
        failed = batch_diff_failures(city.opened, city.regressed, request.fail_on,
                                     request.priority, priorities)
        verdicts.append(Verdict(city.after or city.before or city.name, failed, (), "diff"))
    notes: tuple[str, ...] = ()
    if request.fail_on is DiffFailOn.REGRESSED and any(c.regressed is None for c in result.cities
                                              if c.before and c.after):
        notes = ("saved comparison reports keep which criteria are gaps, not their status, so "
                 "for cities read from one a gap counts as regressed only when it is new",)
    # files checked in this run that failed (a saved report's failed rows were its own run's)
    invalid = sum(1 for point in (old, new) if point.checked for c in point.cities if not c.ok)
    return BatchDiffRun(result, tuple(verdicts), invalid, notes)


def is_batch(path: Path) -> bool:
    """A folder of policies, or a saved comparison report: one side of a batch diff."""
    if path.is_dir():
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    return bool(read_saved_report(path).get("kind") == "comparison")


def load_point(spec: str, frameworks: Sequence[Framework], options: CheckOptions,
               jobs: int | None = None) -> Point:
    """A folder of policies (checked now) or a saved JSON report, as one point in time."""
    path = Path(spec)
    if path.is_file() and path.suffix.lower() == ".json":
        return _saved_point(path)
    from mgf_check.loading.policyfiles import expand

    files = expand([spec])
    rows = batch.run(files, frameworks, batch.BatchSettings(options, False), jobs)
    label = path.name or path.as_posix() if path.is_dir() else path.stem
    return Point(label, tuple(r.summary for r in rows))


def _saved_point(path: Path) -> Point:
    from mgf_check.comparison import summarize
    from mgf_check.reporters import json_codec

    data = read_saved_report(path)
    if data["kind"] == "comparison":
        comparison = json_codec.comparison_from_dict(data)
        return Point(path.stem, comparison.cities, checked=False)
    if data["kind"] == "check":
        report = json_codec.from_dict(data)
        return Point(str(report.as_of or path.stem), (summarize(report),), checked=False)
    raise UsageError(Problem(path.as_posix(), None, "a trend needs check or comparison "
                             f"reports, not {data['kind']!r}", rule="usage"))


def load_saved_report(path: Path) -> PolicyReport | Comparison | PolicyDiff:
    """A saved JSON report as the value it was rendered from (for `render`)."""
    from mgf_check.reporters import json_codec

    data = read_saved_report(path)
    if data["kind"] == "check":
        return json_codec.from_dict(data)
    if data["kind"] == "comparison":
        return json_codec.comparison_from_dict(data)
    return diff_reports(json_codec.from_dict(data["old"]["report"]),
                        json_codec.from_dict(data["new"]["report"]))


def read_saved_report(path: Path) -> JSONObject:
    """A saved JSON report's data, read within limits and validated against the report schema
    (UsageError if not); errors are located and never repeat the document."""
    def bad(message: str, hint: str = "") -> UsageError:
        return UsageError(Problem(path.as_posix(), None, message, hint, rule="usage"))

    from mgf_check.loading.safeio import read_json

    data = read_json(path, path.as_posix())  # within limits; PolicyLoadError when unreadable
    from mgf_check.reporters.json_codec import schema_problem, version_problem

    problem = version_problem(data) or schema_problem(data)
    if problem is not None:
        raise bad(problem, "re-create it with `mgf-check check --format json`")
    return data  # type: ignore[no-any-return]
