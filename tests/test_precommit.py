"""The pre-commit hook, exercised with the real `pre-commit try-repo` tool."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

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


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None or PRE_COMMIT is None,
                    reason="git or pre-commit is not installed")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    repo = tmp_path / "cities"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "test")
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

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), "mgf-check", "--files",
                               *files], cwd=repo, env=env, capture_output=True, text=True,
                              check=False, timeout=600)
    # the workflow file is not a policy: the default `files:` leaves it alone
    good = run("policies/lumenport.yaml", ".github/workflows/ci.yml")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run("policies/lumenport.yaml", "policies/broken.yaml")
    assert bad.returncode != 0
    assert "policies/broken.yaml:3:20" in bad.stdout and "not a valid date" in bad.stdout
    assert "mgf-check: 1 of 2 policy files is invalid" in bad.stdout
    assert len(bad.stdout.splitlines()) < 25  # a short summary, not the whole report
