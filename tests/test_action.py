"""action.yml: valid against the schema for GitHub actions (check-jsonschema's vendored copy,
offline), and its shell steps work when run locally on a repository with git history.

The runner is imitated as far as the steps need: `${{ ... }}` in a step's `env` is resolved
from the inputs' defaults (or the test's values), earlier steps' outputs, `github.action_path`
and `runner.temp`; `run` goes to `bash --noprofile --norc -eo pipefail` as GitHub runs
composite shell steps; `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` are files. The install step
is skipped (mgf-check is installed in the test environment) and steps that `uses:` another
action are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def test_action_is_valid_against_the_actions_schema() -> None:
    """check-jsonschema ships the schema for action.yml files (`vendor.github-actions`)."""
    from check_jsonschema import main as check_jsonschema

    with pytest.raises(SystemExit) as done:
        check_jsonschema(["--builtin-schema", "vendor.github-actions", str(ACTION)])
    assert done.value.code == 0


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def run_action(repo: Path, tmp: Path, inputs: dict[str, str]) -> tuple[int, dict[str, Any]]:
    """Run the action's shell steps in `repo`; (exit code of the last step run, outputs)."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    values.update({f"inputs.{k}": v for k, v in inputs.items()})
    values.update({"github.action_path": str(ROOT), "runner.temp": str(tmp)})
    steps: dict[str, dict[str, str]] = {}
    env_base = {**os.environ, "RUNNER_TEMP": str(tmp),
                "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    code = 0
    for step in action["runs"]["steps"]:
        if "run" not in step or step["id"] == "install":
            continue
        output = tmp / f"{step['id']}.out"
        output.write_text("")

        def value(match: re.Match[str]) -> str:
            name = match[1]
            found = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
            if found:
                return steps.get(found[1], {}).get(found[2], "")
            return values[name]
        env = {k: EXPRESSION.sub(value, str(v)) for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               step["run"]], cwd=repo, env={**env_base, **env,
                                                            "GITHUB_OUTPUT": str(output)},
                              capture_output=True, text=True, timeout=120, check=False)
        steps[step["id"]] = _outputs(output)
        steps[step["id"]]["stdout"] = done.stdout
        steps[step["id"]]["stderr"] = done.stderr
        code = done.returncode
        if code:
            break
    return code, steps


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.usefixtures("git")
def test_action_checks_the_changed_policies_against_the_base(tmp_path: Path) -> None:
    repo = tmp_path / "cities"
    (repo / "policies").mkdir(parents=True)
    (repo / ".github").mkdir()
    shutil.copy(EXAMPLES / "lumenport.yaml", repo / "policies" / "lumenport.yaml")
    shutil.copy(EXAMPLES / "coral-bay.yaml", repo / "policies" / "coral-bay.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "test")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "two cities")
    _git(repo, "checkout", "-q", "-b", "pr")
    # the pull request: a workflow file (not a policy) and a worse Lumenport
    (repo / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    path = repo / "policies" / "lumenport.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: implemented", "status: none", 1), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "pr")
    work = tmp_path / "runner"
    work.mkdir()
    code, steps = run_action(repo, work, {"base-ref": "main",
                                          "args": "-f migof --fail-priority core"})
    assert steps["changed"]["count"] == "1"
    assert (work / "mgf-check-files.txt").read_text() == "policies/lumenport.yaml\n"
    assert code == 1 and steps["check"]["exit-code"] == "1"
    assert "mgf-check: " in steps["check"]["stderr"]
    assert "got worse than the baseline" in steps["check"]["stderr"]
    assert steps["check"]["stdout"].startswith("::error file=policies/lumenport.yaml")
    assert (work / "mgf-check.sarif").is_file() and (work / "mgf-check.html").is_file()
    assert "## mgf-check: failed" in (work / "summary.md").read_text(encoding="utf-8")
    # on a push (no base) every policy is checked, on the thresholds alone: passes
    code, steps = run_action(repo, work, {"base-ref": "", "args": "-f migof"})
    assert code == 0 and steps["changed"]["count"] == "2"


@pytest.mark.parametrize(("marker", "schema"), [
    ("# .github/workflows/policies.yml", "vendor.github-workflows"),
    ("# .gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_the_ci_snippets_in_the_docs_are_valid(tmp_path: Path, marker: str, schema: str) -> None:
    """docs/ci.md's workflow and pipeline parse and validate against their vendored schemas."""
    from check_jsonschema import main as check_jsonschema

    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    start = docs.index(marker)
    snippet = tmp_path / "snippet.yml"
    snippet.write_text(docs[start:docs.index("```", start)], encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        check_jsonschema(["--builtin-schema", schema, str(snippet)])
    assert done.value.code == 0
