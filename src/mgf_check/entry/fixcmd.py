"""The `fix` use case: read, repair, prove nothing else changed, show, write, re-validate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mgf_check.entry.firstcontact import first_contact_problems
from mgf_check.entry.fix import Ask, changed_only_as_repaired, describe, fix_text
from mgf_check.entry.yamledit import save_atomic
from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.exit_codes import ExitCode
from mgf_check.i18n import _
from mgf_check.loading.yamlsource import load_text, read_text
from mgf_check.schema.validation import validate


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """What the command prints and how it exits."""

    stdout: str
    stderr: str
    code: ExitCode


def run_fix(path: Path, *, write: bool, date_order: str | None = None,
            ask: Ask | None = None) -> FixOutcome:
    """Repair `path`; write only when `write`. Raises PolicyLoadError for unreadable YAML."""
    name = path.as_posix()
    text = read_text(path, name)
    before = load_text(text, name)  # syntax errors are reported as by `check`
    result = fix_text(text, date_order=date_order, ask=ask)
    after = load_text(result.fixed, name)
    if not changed_only_as_repaired(before.data, after.data, result.repairs):
        raise PolicyLoadError(Problem(name, None, _("the repairs would change more than the "
                                                    "repaired values, so nothing was changed"),
                                      _("please report this file as a bug in mgf-check"),
                                      rule="fix"))
    out: list[str] = []
    err: list[str] = []
    if result.repairs:
        out.append(result.diff(name))
        err.extend(f"{name}:{line}\n" for line in describe(result.repairs))
    for doubt in result.doubts:
        err.append(Problem(name, None, f"{doubt.line}:{doubt.column}: {doubt.pointer}: "
                           f"{doubt.message}", doubt.hint, rule="fix").render() + "\n")
    if write and result.repairs:
        save_atomic(path, result.fixed)
        err.append(_("wrote {n} repair(s) to {path}").format(n=len(result.repairs), path=name)
                   + "\n")
    remaining = validate(after, "policy") or first_contact_problems(after)
    if remaining:
        err.append(_("{n} problem(s) remain that fix cannot repair safely:").format(
            n=len(remaining)) + "\n")
        err.extend(f"error: {p.render()}\n" for p in remaining)
    elif not result.repairs and not result.doubts:
        err.append(_("{path}: nothing to repair; the file is valid").format(path=name) + "\n")
    code = ExitCode.OK
    if remaining or result.doubts:
        code = ExitCode.INVALID
    elif result.repairs and not write:
        code = ExitCode.GAPS
        err.append(_("rerun with --write to apply these repairs") + "\n")
    return FixOutcome("".join(out), "".join(err), code)
