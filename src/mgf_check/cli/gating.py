"""The gate's side of a `check` run: loading the baseline, the reason line on stderr, the
GitHub step summary, and the CI formats of invalid input."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mgf_check.baseline import Baseline, from_ref, from_saved
from mgf_check.errors import ConfigError, Problem
from mgf_check.gate import Verdict
from mgf_check.model import PolicyReport

#: Formats that also carry invalid input (annotations, load-error results).
PROBLEM_FORMATS = ("github", "sarif")


def load_baseline(saved: Path | None, ref: str | None, files: Sequence[Path],
                  frameworks: Any, options: Any) -> Baseline | None:
    """The baseline asked for (`--baseline FILE|DIR` or `--baseline-from REF`), or None."""
    if saved is not None and ref is not None:
        raise ConfigError(Problem("--baseline", None, "give --baseline or --baseline-from, "
                                  "not both", rule="usage"))
    if saved is not None:
        return from_saved(saved)
    if ref is not None:
        return from_ref(ref, files, frameworks, options)
    return None


def say(reason: str) -> None:
    """The one line that says why a run failed, on stderr (pre-commit and CI show it)."""
    if reason:
        sys.stderr.write(f"mgf-check: {reason}\n")


def failing_pairs(verdicts: Sequence[Verdict]) -> frozenset[tuple[str, str]]:
    """(path, criterion) of everything that fails the gate, for the CI formats' levels."""
    return frozenset((v.path, cid) for v in verdicts for cid in v.criteria)


def step_summary(rows: Sequence[Any], reason: str, gated: bool) -> None:
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


def summary_row(report: PolicyReport, verdict: Verdict | None) -> Any:
    """A step-summary row of one checked policy."""
    from mgf_check.model import GAP_STATUSES
    from mgf_check.reporters.stepsummary import Row

    return Row(report.path, str(report.city.get("name", "")),
               {f.framework.short_title: f.score for f in report.frameworks},
               sum(1 for r in report.results if r.status in GAP_STATUSES),
               verdict.criteria if verdict else ())


def write_problems(pairs: Sequence[tuple[str, Path | None]],
                   files: Sequence[tuple[str, Sequence[Problem]]]) -> None:
    """Invalid input in the CI formats asked for (annotations at line and column, SARIF
    load errors with regions); the other formats have nothing to show for it."""
    from mgf_check.cli.output import write
    from mgf_check.reporters.problems import render

    for name, file in pairs:
        if name not in PROBLEM_FORMATS:
            continue
        text = render(name, files)
        if file is None:
            sys.stdout.write(text)
        else:
            write(file, [text])
