"""Exit codes, decided in one place.

| code | meaning |
|------|---------|
| 0 | every policy valid and nothing at or past the failure threshold |
| 1 | gaps at or past the threshold (`--fail-under`, `--fail-on`) |
| 2 | invalid input or usage: unreadable, unparseable or schema-invalid policy, bad option, invalid catalogue or config |
| 3 | internal error (a bug): short message; `--traceback` shows the full one |
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from mgf_check.gate import FAIL_ON as FAIL_ON  # one table of --fail-on choices
from mgf_check.model import PRIORITY_RANK, PolicyReport, Priority


class ExitCode(IntEnum):
    """The documented exit statuses of every command."""

    OK = 0
    GAPS = 1
    INVALID = 2
    INTERNAL = 3




def failing(report: PolicyReport, fail_on: str | None, priority: Priority | None) -> bool:
    """True when some result is at or past `fail_on` (at `priority` or more important)."""
    if fail_on is None:
        return False
    statuses = FAIL_ON[fail_on]
    rank = PRIORITY_RANK[priority] if priority else len(PRIORITY_RANK)
    return any(r.status in statuses and PRIORITY_RANK[r.criterion.priority] <= rank
               for r in report.results)


def below(report: PolicyReport, fail_under: float | None) -> bool:
    """True when some framework's score is under `fail_under`."""
    if fail_under is None:
        return False
    return any(f.score is not None and f.score < fail_under for f in report.frameworks)


def exit_code_for(reports: Iterable[PolicyReport], *, fail_under: float | None = None,
                  fail_on: str | None = None, priority: Priority | None = None,
                  invalid: bool = False) -> ExitCode:
    """The exit status of a run: invalid input wins, then gaps past a threshold."""
    if invalid:
        return ExitCode.INVALID
    for report in reports:
        if failing(report, fail_on, priority) or below(report, fail_under):
            return ExitCode.GAPS
    return ExitCode.OK
