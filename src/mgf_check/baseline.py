"""Baselines for the CI gate: the reports a run is compared with.

Two sources, one result (policy path -> report):
- saved JSON reports (`check --format json`): one file, or a directory of them for a batch;
- the policy files as they were at a git ref (`git show REF:./file`, no checkout), checked
  with the same frameworks and options as the run itself, so a pull request is judged against
  its base without an artefact.

A policy the baseline does not have maps to None (a new city: the thresholds alone apply).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mgf_check.errors import ConfigError, MgfCheckError, Problem
from mgf_check.model import Framework, JSONObject, PolicyReport

if TYPE_CHECKING:
    from mgf_check.pipeline import CheckOptions

#: A saved report larger than this is not a report mgf-check wrote for one policy.
MAX_REPORT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Baseline:
    """Baseline reports by policy path; a lone saved report applies to a lone policy."""

    reports: Mapping[str, PolicyReport | None] = field(default_factory=dict)
    lone: PolicyReport | None = None

    def for_path(self, path: str, *, lone_run: bool = False) -> PolicyReport | None:
        """The baseline of the policy at `path` (None when the baseline does not have it)."""
        if lone_run and self.lone is not None:
            return self.lone
        return self.reports.get(path)


def _problem(path: Path | str, message: str, hint: str = "") -> ConfigError:
    return ConfigError(Problem(str(path) if isinstance(path, str) else path.as_posix(), None,
                               message, hint, rule="baseline"))


def read_report(path: Path, *, others: bool = False) -> JSONObject | None:
    """A saved single-policy JSON report, validated against the report schema. A comparison
    or diff report is an error, or, with `others` (reading a directory), skipped (None)."""
    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise _problem(path, "too large for a saved report")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _problem(path, "no such file", "give a report saved with "
                       "`mgf-check check FILE --format json -o FILE.json`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _problem(path, f"cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise _problem(path, f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                       "give a report written by --format json") from None
    if isinstance(data, dict) and data.get("kind") in ("comparison", "diff"):
        if others:
            return None
        raise _problem(path, f"a {data['kind']} report has no per-criterion statuses",
                       "save one report per policy (`check FILE --format json`) and give "
                       "their directory, or use --baseline-from REF")
    from mgf_check.reporters.json_codec import schema_problem, version_problem

    problem = version_problem(data) or schema_problem(data)
    if problem is not None:
        raise _problem(path, problem, "re-create it with `mgf-check check FILE --format json`")
    return data  # type: ignore[no-any-return]


def from_saved(path: Path) -> Baseline:
    """Saved reports: one JSON file, or every `*.json` under a directory (keyed by the
    policy path each report records)."""
    from mgf_check.reporters.json_codec import from_dict

    if not path.is_dir():
        data = read_report(path)
        assert data is not None  # a lone comparison or diff report raised
        return Baseline(lone=from_dict(data))
    reports: dict[str, PolicyReport | None] = {}
    for file in sorted(path.rglob("*.json"), key=lambda p: p.as_posix()):
        data = read_report(file, others=True)  # e.g. the portfolio.json beside city reports
        if data is not None:
            report = from_dict(data)
            reports[report.path] = report
    if not reports:
        raise _problem(path, "no saved single-policy JSON reports in this directory",
                       "write one with `mgf-check check FILE --format json -o DIR/NAME.json` "
                       "per policy (a comparison report has no per-criterion statuses)")
    return Baseline(reports)


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in `cwd` (no shell, no pager); the caller reads the return code."""
    try:
        return subprocess.run(["git", "--no-pager", *args], cwd=cwd, capture_output=True,
                              check=False, timeout=60)
    except FileNotFoundError:
        raise _problem("--baseline-from", "git is not installed",
                       "install git, or save a baseline report and use --baseline") from None


def show(ref: str, path: Path) -> bytes | None:
    """The bytes of `path` at `ref` (None when the file did not exist there)."""
    folder = path.parent if str(path.parent) else Path(".")
    done = git(folder, "show", f"{ref}:./{path.name}")
    return done.stdout if done.returncode == 0 else None


def check_ref(ref: str, folder: Path) -> bool:
    """True when `ref` names a commit of the repository holding `folder`; False for `HEAD`
    of a repository without commits yet (every file is new); a usage error otherwise."""
    if ref.startswith("-"):
        raise _problem("--baseline-from", f"{ref!r} is not a git ref")
    done = git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
               f"{ref}^{{commit}}")
    if done.returncode != 0:
        inside = git(folder, "rev-parse", "--is-inside-work-tree").returncode == 0
        if inside and ref == "HEAD" and git(folder, "rev-parse", "--verify", "--quiet",
                                            "HEAD").returncode != 0:
            return False
        raise _problem("--baseline-from", f"{ref!r} is not a commit of the git repository "
                       f"at {folder.as_posix()}" if inside else
                       f"{folder.as_posix()} is not inside a git repository",
                       "fetch the base first (e.g. `git fetch origin main --depth=1`) and "
                       "give its ref, e.g. origin/main")
    return True


def from_ref(ref: str, paths: Sequence[Path], frameworks: Sequence[Framework],
             options: CheckOptions) -> Baseline:
    """Each policy as it was at `ref`, checked like the run itself. A file absent at `ref`,
    or invalid there, has no baseline (its current version is judged on the thresholds)."""
    from mgf_check.loading.yamlsource import decode, load_text
    from mgf_check.pipeline import check_document
    from mgf_check.schema.validation import validate

    checked: dict[Path, bool] = {}
    reports: dict[str, PolicyReport | None] = {}
    for path in paths:
        folder = (path.parent if str(path.parent) else Path(".")).resolve()
        if folder not in checked:
            checked[folder] = check_ref(ref, folder)
        raw = show(ref, path) if checked[folder] else None
        reports[path.as_posix()] = None
        if raw is None:
            continue
        display = f"{ref}:{path.as_posix()}"
        try:
            doc = load_text(decode(raw, display), display)
        except MgfCheckError:
            continue
        if validate(doc, "policy"):
            continue
        report = check_document(doc, frameworks, options, locate=False)
        reports[path.as_posix()] = report
    return Baseline(reports)
