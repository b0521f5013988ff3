"""The pre-commit hooks, exercised with the real `pre-commit` tool."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, need

pytestmark = pytest.mark.slow
PRE_COMMIT = shutil.which("pre-commit") or shutil.which(
    "pre-commit", path=str(Path(sys.executable).parent))


def test_hook_definition_is_sound() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["mgf-check", "mgf-check-all", "mgf-check-validate"]
    policy = re.compile(hooks[0]["files"])
    for hook in hooks:
        assert hook["language"] == "python" and hook["files"] == hooks[0]["files"]
        assert hook["entry"].split()[:2] in (["mgf-check", "check"], ["mgf-check", "validate"])
        assert "--quiet" in hook["entry"].split()
    # the convention of docs/ci.md: policies/ folders and *.mgf.yaml files, nothing else
    for name in ("policies/riverton.yaml", "cities/policies/2026/a.yml", "riverton.mgf.yaml"):
        assert policy.search(name), name
    for name in (".github/workflows/ci.yml", "action.yml", ".pre-commit-config.yaml",
                 "docs/policies.md", "mypolicies.yaml"):
        assert not policy.search(name), name


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


def _snapshot(dest: Path) -> str:
    """This checkout as one commit in a clone at `dest`, uncommitted edits included (as
    `pre-commit try-repo` does), so the hooks under test are the ones in the working tree."""
    _git(dest.parent, "clone", "-q", "--no-checkout", str(ROOT), dest.name)
    work = ["--git-dir", str(dest / ".git"), "--work-tree", str(ROOT)]
    _git(dest, *work, "read-tree", "HEAD")
    _git(dest, *work, "add", "-A")
    _git(dest, *work, "-c", "user.email=test@example.invalid", "-c", "user.name=test",
         "commit", "-q", "--allow-empty", "--no-verify", "-m", "snapshot")
    return _git(dest, "rev-parse", "HEAD")


@pytest.mark.usefixtures("git")
def test_pre_commit_runs_the_hook_from_the_repository(tmp_path: Path) -> None:
    # `pre-commit run` with a config naming this repository, as a user's repository does.
    # One PRE_COMMIT_HOME for both runs: pre-commit installs the hook's environment once (an
    # install of the package and its dependencies; the test extra adds pre-commit-uv, so uv
    # does it instead of pip, ~5 s of CPU instead of ~16 s) and reuses it; `try-repo` would
    # install it again per call. So this tests the hook definition and what the hook does; a
    # packaging problem only pip would hit is caught by `.ci/run`'s wheel install instead.
    hooks_repo = tmp_path / "hooks"
    rev = _snapshot(hooks_repo)
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(yaml.safe_dump({"repos": [
        {"repo": str(hooks_repo), "rev": rev, "hooks": [{"id": "mgf-check"}]}]}),
        encoding="utf-8")
    repo = tmp_path / "cities"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "policies").mkdir()
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(EXAMPLES / "lumenport.yaml", repo / "policies" / "lumenport.yaml")
    (repo / "policies" / "broken.yaml").write_text(
        "schema_version: 1\ncity: {name: X, country: NO}\nassessment: {date: 2026-02-30}\n",
        encoding="utf-8")
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n",
                                                           encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = need(PRE_COMMIT, "pre-commit is not installed (it is in the test extras)")

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "run", "--config", str(config), "mgf-check",
                               "--files", *files], cwd=repo, env=env, capture_output=True,
                              text=True, check=False, timeout=600)
    # the workflow file is not a policy: the default `files:` leaves it alone
    good = run("policies/lumenport.yaml", ".github/workflows/ci.yml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "mgf-check (gate on what this commit makes worse)" in good.stdout
    assert "Installing environment" in good.stdout + good.stderr, good.stdout + good.stderr
    bad = run("policies/lumenport.yaml", "policies/broken.yaml")
    assert bad.returncode != 0
    assert "Installing environment" not in bad.stdout + bad.stderr  # reused, not rebuilt
    assert "policies/broken.yaml:3:20" in bad.stdout and "not a valid date" in bad.stdout
    assert "mgf-check: 1 of 2 policy files is invalid" in bad.stdout
    assert len(bad.stdout.splitlines()) < 25  # a short summary, not the whole report
