"""The CI gate on a real git repository: a pull-request-like change is judged against its base.

A repository is made in a temporary folder with a city policy on `main`; each test changes it
on a branch as a contributor would and runs `check` against the base (`--baseline-from main`)
or a saved report of the base (`--baseline`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("git")
Cli = Callable[..., Any]
POLICY = "policies/riverton.yaml"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with Riverton on `main` and a `change` branch checked out."""
    root = tmp_path / "cities"
    (root / "policies").mkdir(parents=True)
    shutil.copy(EXAMPLES / "riverton.yaml", root / POLICY)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "user.name", "test")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Riverton")
    git(root, "checkout", "-q", "-b", "change")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


def edit_population(repo: Path) -> None:
    path = repo / POLICY
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("  population: ")
    path.write_text(head + sep + "999999" + rest[rest.index("\n"):], encoding="utf-8")
    git(repo, "commit", "-q", "-am", "population")


def remove_measure(repo: Path, key: str = "  education:") -> None:
    """Delete a measure's block (its line and every more-indented line after it)."""
    lines = (repo / POLICY).read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(key))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
        end += 1
    (repo / POLICY).write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "drop a measure")


def test_a_population_edit_passes_the_gate_that_old_gaps_would_fail(repo: Path,
                                                                      cli: Cli) -> None:
    edit_population(repo)
    strict = cli("check", POLICY, "--fail-on", "unmet", "-q")
    assert strict.exit_code == 1 and strict.stderr.startswith("mgf-check: ")
    gated = cli("check", POLICY, "--fail-on", "unmet", "--baseline-from", "main", "-q")
    assert gated.exit_code == 0, gated.stderr
    assert gated.stdout == "" and gated.stderr == ""


def test_removing_a_measure_fails_with_the_reason_and_both_baselines_agree(
        repo: Path, cli: Cli) -> None:
    saved = cli("check", POLICY, "-F", "json", "-o", "base.json", "-q")
    assert saved.exit_code == 0
    remove_measure(repo)
    from_ref = cli("check", POLICY, "--baseline-from", "main", "--fail-priority", "core", "-q")
    from_file = cli("check", POLICY, "--baseline", "base.json", "--fail-priority", "core", "-q")
    assert from_ref.exit_code == from_file.exit_code == 1
    assert from_ref.stderr == from_file.stderr
    (line,) = from_ref.stderr.splitlines()
    assert line.startswith("mgf-check: ") and " core criteria got worse than the baseline: " \
        in line


def test_a_batch_is_judged_against_a_directory_of_saved_reports(repo: Path, cli: Cli) -> None:
    shutil.copy(EXAMPLES / "lumenport.yaml", repo / "policies" / "lumenport.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Lumenport")
    for name in ("riverton", "lumenport"):
        assert cli("check", f"policies/{name}.yaml", "-f", "migof", "-F", "json", "-o",
                   f"base/{name}.json", "-q").exit_code == 0
    (repo / "base" / "portfolio.json").write_text('{"kind": "comparison"}', encoding="utf-8")
    remove_measure(repo)
    result = cli("check", "policies", "-f", "migof", "--baseline", "base", "-q")
    assert result.exit_code == 1
    assert result.stderr.startswith("mgf-check: 1 of 2 policies fail the gate: "
                                    "policies/riverton.yaml: ")
    same = cli("check", "policies", "-f", "migof", "--baseline-from", "HEAD~1", "-q")
    assert same.exit_code == 1 and same.stderr == result.stderr
    # one saved report cannot stand for a batch: said, and the thresholds alone apply
    lone = cli("check", "policies", "-f", "migof", "--baseline", "base/riverton.json", "-q")
    assert lone.exit_code == 0
    assert lone.stderr.startswith("mgf-check: note: the baseline has none of these policy")


def test_a_new_policy_is_judged_on_the_thresholds_and_bad_refs_are_usage_errors(
        repo: Path, cli: Cli) -> None:
    shutil.copy(EXAMPLES / "lumenport.yaml", repo / "policies" / "new.yaml")
    new = cli("check", "policies/new.yaml", "--baseline-from", "main", "--fail-on", "unmet",
              "-q")
    assert new.exit_code in (0, 1)
    if new.exit_code:
        assert "not in the baseline, so judged on the thresholds" in new.stderr
    bad = cli("check", POLICY, "--baseline-from", "no-such-branch")
    assert bad.exit_code == 2 and "'no-such-branch' is not a commit" in bad.stderr


def test_github_output_follows_the_gate_and_the_step_summary_is_appended(
        repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = repo.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    passing = cli("check", POLICY, "-F", "github")
    assert passing.exit_code == 0 and "::error" not in passing.stdout
    assert "## mgf-check: passed" in summary.read_text(encoding="utf-8")
    remove_measure(repo)
    failing = cli("check", POLICY, "-F", "github", "--baseline-from", "main")
    errors = [line for line in failing.stdout.splitlines() if line.startswith("::error")]
    assert failing.exit_code == 1 and 0 < len(errors) <= 10
    text = summary.read_text(encoding="utf-8")
    assert "## mgf-check: failed" in text and "**Why:**" in text


def test_diff_fails_on_opened_gaps_only_when_asked(repo: Path, cli: Cli) -> None:
    old = repo.parent / "old.yaml"
    old.write_text(git(repo, "show", f"main:{POLICY}"), encoding="utf-8")
    remove_measure(repo)
    assert cli("diff", str(old), POLICY).exit_code == 0
    opened = cli("diff", str(old), POLICY, "--fail-on", "opened", "--fail-priority", "core")
    assert opened.exit_code == 1
    assert "core criteria opened a gap (--fail-on opened): " in opened.stderr
    assert cli("diff", str(old), POLICY, "--fail-on", "worse").exit_code == 2


def test_validate_speaks_ci_formats(repo: Path, cli: Cli) -> None:
    (repo / "policies" / "bad.yaml").write_text(
        "schema_version: 1\ncity: {name: X, country: XX}\nassessment: {date: 2026-02-30}\n",
        encoding="utf-8")
    github = cli("validate", "policies", "-F", "github")
    assert github.exit_code == 2
    (line,) = github.stdout.splitlines()
    assert line.startswith("::error file=policies/bad.yaml,line=3,col=")
    data = json.loads(cli("validate", "policies", "-F", "json").stdout)
    assert data["summary"] == {"files": 2, "invalid": 1, "problems": 1}
    import jsonschema

    from mgf_check.schema.validation import load_schema

    jsonschema.Draft202012Validator(load_schema("validation")).validate(data)
    checked = cli("check", "policies/bad.yaml", "-F", "github", "-o", "sarif=bad.sarif")
    assert checked.exit_code == 2 and checked.stdout.startswith(
        "::error file=policies/bad.yaml,line=3,col=")
    assert checked.stderr.endswith("mgf-check: policies/bad.yaml is invalid (1 problem)\n")
    (result,) = json.loads((repo / "bad.sarif").read_text())["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    quiet = cli("validate", POLICY, "-q")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_the_example_with_most_gaps_stays_within_githubs_limits(cli: Cli) -> None:
    """kestrel-falls.yaml has the most gaps of the examples: with every gap failing
    the gate, GitHub still gets 10 errors, and one notice counts the rest."""
    path = (EXAMPLES / "kestrel-falls.yaml").as_posix()
    result = cli("check", path, "-F", "github", "--fail-on", "partial")
    assert result.exit_code == 1
    (why,) = [line for line in result.stderr.splitlines() if line.startswith("mgf-check: ")]
    gaps = int(why.split(" ")[1])  # "mgf-check: 165 criteria are gaps (--fail-on partial): ..."
    assert gaps >= 100
    lines = result.stdout.splitlines()
    kinds = [line[2:].split(" ", 1)[0].split("::", 1)[0] for line in lines]
    assert kinds.count("error") == 10 and kinds.count("warning") == 0
    assert kinds.count("notice") == 1 and lines[-1].startswith("::notice")
    assert f"::{gaps - 10} more gaps are not annotated here" in lines[-1]
