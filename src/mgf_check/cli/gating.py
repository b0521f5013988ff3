"""Showing a `check` run: the reports, the reason line on stderr, the GitHub step summary,
and the CI formats of invalid input."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mgf_check.app import CheckRun
from mgf_check.cli.output import emit
from mgf_check.errors import Problem
from mgf_check.gate import Verdict, batch_reason, reason
from mgf_check.model import GAP_STATUSES, PolicyReport
from mgf_check.reporters.neutral import display
from mgf_check.reporters.neutral import problem as shown_problem
from mgf_check.request import CheckRequest, Output

if TYPE_CHECKING:
    from mgf_check.comparison import Comparison
    from mgf_check.reporters.stepsummary import Row

#: Formats that also carry invalid input (annotations, load-error results).
PROBLEM_FORMATS = ("github", "sarif")


def say(reason: str) -> None:
    """The one line that says why a run failed, on stderr (pre-commit and CI show it)."""
    if reason:  # names policy paths: shown by the rule for outside text
        sys.stderr.write(f"mgf-check: {display(reason)}\n")


def failing_pairs(verdicts: Sequence[Verdict]) -> frozenset[tuple[str, str]]:
    """(path, criterion) of everything that fails the gate, for the CI formats' levels."""
    return frozenset((v.path, cid) for v in verdicts for cid in v.criteria)


def step_summary(rows: Sequence[Row], reason: str, gated: bool) -> None:
    """Append the Markdown summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions sets it."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from mgf_check.reporters import stepsummary

    text = stepsummary.render(rows, reason, gated=gated)
    try:
        with open(target, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        sys.stderr.write(f"mgf-check: cannot append the step summary to {target}: "
                         f"{exc.strerror}\n")


def summary_row(report: PolicyReport, verdict: Verdict | None) -> Row:
    """A step-summary row of one checked policy."""
    from mgf_check.reporters.stepsummary import Row

    return Row(report.path, str(report.city.get("name", "")),
               {f.framework.short_title: f.score for f in report.frameworks},
               sum(1 for r in report.results if r.status in GAP_STATUSES),
               verdict.criteria if verdict else ())


def write_problems(outputs: Sequence[Output],
                   files: Sequence[tuple[str, Sequence[Problem]]]) -> None:
    """Invalid input in the CI formats asked for (annotations at line and column, SARIF
    load errors with regions); the other formats have nothing to show for it."""
    from mgf_check.cli.output import write
    from mgf_check.reporters.problems import render

    for output in outputs:
        if output.format not in PROBLEM_FORMATS:
            continue
        text = render(output.format, files)
        if output.file is None:
            sys.stdout.write(text)
        else:
            write(output.file, [text])


def finish_csv(request: CheckRequest, comparison: Comparison | None) -> None:
    """CSV files in `--csv-dialect`, and for a comparison the wide scores and summary files
    beside each."""
    from mgf_check.portfolio.csvfiles import finish

    for out in request.outputs:
        if out.format == "csv" and out.file is not None and out.file.is_file():
            finish(out.file, request.csv_dialect, comparison)


def show(run: CheckRun, request: CheckRequest) -> None:
    """Write the run's reports and say why it fails (stdout, `-o` files, stderr)."""
    gated = bool(run.gate.statuses or run.gate.fail_under is not None)
    if run.problems:
        path = request.paths[0]
        write_problems(request.outputs, [(path, run.problems)])
        for problem in run.problems:
            sys.stderr.write(f"error: {shown_problem(problem)}\n")
        n = len(run.problems)
        say(f"{path} is invalid ({n} problem{'s' if n != 1 else ''})")
    elif run.report is not None:
        report = run.report
        verdict = run.verdicts[0]
        emit(lambda r: r.render(report), request.outputs, request.verbose, request.color,
             failing_pairs(run.verdicts))
        finish_csv(request, None)
        why = reason(verdict, run.gate)
        say(why)
        step_summary([summary_row(report, verdict)], why, gated)
    elif run.comparison is not None:
        _show_batch(run, request, gated)


def _show_batch(run: CheckRun, request: CheckRequest, gated: bool) -> None:
    from mgf_check.reporters.stepsummary import Row as StepRow

    comparison = run.comparison
    assert comparison is not None
    for note in run.notes:
        sys.stderr.write(f"mgf-check: note: {note}\n")
    emit(lambda r: r.stream_comparison(comparison), request.outputs, request.verbose,
         request.color, failing_pairs(run.verdicts))
    finish_csv(request, comparison)
    for row in run.rows:
        if not row.summary.ok:
            sys.stderr.write(f"error: {row.summary.error}\n")
    why = batch_reason(run.verdicts, run.gate, run.invalid)
    say(why)
    titles = {f.id: f.short_title for f in run.frameworks}
    step_summary([StepRow(r.summary.path, r.summary.name,
                      {titles.get(k, k): v for k, v in r.summary.scores.items()},
                      len(r.summary.gaps), r.verdict.criteria if r.verdict else (),
                      r.summary.error) for r in run.rows], why, gated)
