"""The Markdown appended to `$GITHUB_STEP_SUMMARY`: the gate's verdict and one row per policy.

Short on purpose (a reviewer reads it on the run's page): the verdict and its reason, then per
policy its scores, its gaps and what fails the gate. GitHub caps a step summary at 1 MiB;
this stays far below by listing at most `MAX_ROWS` policies and `SHOWN` ids per policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mgf_check.reporters import neutral
from mgf_check.reporters.markdown_text import md_cell as _md_cell


def md_cell(text: object) -> str:
    """Outside text for a summary cell: the Markdown rule (no @mention, no autolink, no
    workflow command), then the Markdown reporter's cell escaping."""
    return _md_cell(neutral.markdown(str(text)))


MAX_ROWS = 200
SHOWN = 10


@dataclass(frozen=True, slots=True)
class Row:
    """One policy in the summary: its scores and gaps, what fails the gate, or its error."""

    path: str
    city: str = ""
    scores: Mapping[str, float | None] | None = None
    gaps: int = 0
    failing: Sequence[str] = ()
    error: str | None = None


def _scores(scores: Mapping[str, float | None] | None) -> str:
    if not scores:
        return ""
    return ", ".join(f"{name} {'n/a' if s is None else f'{s:.1f}%'}" for name, s in
                     scores.items())


def _failing(row: Row) -> str:
    if row.error is not None:
        return "invalid: " + (row.error.splitlines() or [""])[0]
    ids = list(row.failing[:SHOWN])
    more = len(row.failing) - SHOWN
    return ", ".join(ids) + (f" and {more} more" if more > 0 else "")


def render(rows: Sequence[Row], reason: str, *, gated: bool) -> str:
    """The summary: `## mgf-check: passed|failed`, the reason line, a table of policies."""
    failed = bool(reason)
    verdict = "failed" if failed else "passed"
    out = [f"## mgf-check: {verdict}", ""]
    if failed:
        out += [f"**Why:** {md_cell(reason)}", ""]
    elif not gated:
        out += ["No threshold or baseline was set, so gaps are listed but fail nothing.", ""]
    out += ["| policy | city | alignment | gaps | fails the gate |",
            "|---|---|---|---:|---|"]
    for row in rows[:MAX_ROWS]:
        out.append(f"| {md_cell(row.path)} | {md_cell(row.city)} | {md_cell(_scores(row.scores))}"
                   f" | {row.gaps if row.error is None else ''} | {md_cell(_failing(row))} |")
    if len(rows) > MAX_ROWS:
        out += ["", f"{len(rows) - MAX_ROWS} more policies are in the full report."]
    out += ["", "Scores are mgf-check's own summary of alignment with its encoded criteria: "
            "not an IOM score, not a ranking.", ""]
    return "\n".join(out)
