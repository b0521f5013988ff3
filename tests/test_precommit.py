"""The pre-commit hook, exercised with the real `pre-commit try-repo` tool."""

from __future__ import annotations

import os
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
    (hook,) = hooks
    assert hook["id"] == "mgf-check" and hook["language"] == "python"
    assert hook["entry"].split()[0] == "mgf-check"  # the console script of this package
    assert "yaml" in hook["types"]


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
    shutil.copy(EXAMPLES / "lumenport.yaml", repo / "lumenport.yaml")
    (repo / "broken.yaml").write_text("schema_version: 1\ncity: {name: X, country: NO}\n"
                                      "assessment: {date: 2026-02-30}\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), "mgf-check", "--files",
                               *files], cwd=repo, env=env, capture_output=True, text=True,
                              check=False, timeout=600)
    good = run("lumenport.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run("lumenport.yaml", "broken.yaml")
    assert bad.returncode != 0
    assert "broken.yaml:3:20" in bad.stdout and "not a valid date" in bad.stdout
