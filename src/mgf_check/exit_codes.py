"""Exit codes, decided in one place (`exit_code_for`) for every command.

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
from mgf_check.gate import Verdict


class ExitCode(IntEnum):
    """The documented exit statuses of every command."""

    OK = 0
    GAPS = 1
    INVALID = 2
    INTERNAL = 3


def exit_code_for(verdicts: Iterable[Verdict], *, invalid: int = 0) -> ExitCode:
    """The exit status of any run (one policy, many, or a diff): invalid input wins, then
    anything a verdict fails on (`gate.judge` and `gate.diff_failures` decide what fails)."""
    if invalid:
        return ExitCode.INVALID
    return ExitCode.GAPS if any(v.failing for v in verdicts) else ExitCode.OK
