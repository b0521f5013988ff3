"""Config you can trust: paths resolve against the config's folder, --show-config says where
each setting came from, the schema is printable and every key is in the README."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mgf_check import __version__
from mgf_check.schema.validation import load_schema
from tests.conftest import EXAMPLES, ROOT

Cli = Callable[..., Any]


def test_outputs_resolve_against_the_config_folder(tmp_path: Path, cli: Cli,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # config discovery stops at the repository root (issue 14)
    (tmp_path / ".mgf-check.yaml").write_text(
        "frameworks: [micic]\noutputs: [reports/out.json, sarif=reports/out.sarif]\n",
        encoding="utf-8")
    (tmp_path / "policies").mkdir()
    policy = tmp_path / "policies" / "lumenport.yaml"
    policy.write_text((EXAMPLES / "lumenport.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path / "policies")
    result = cli("check", "lumenport.yaml", "-q")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "reports" / "out.json").is_file()
    assert (tmp_path / "reports" / "out.sarif").is_file()
    assert not (tmp_path / "policies" / "reports").exists()
    shown = cli("check", "lumenport.yaml", "--show-config", "--fail-on", "unmet")
    assert shown.exit_code == 0
    lines = {line.split()[0]: line for line in shown.stdout.splitlines()}
    assert lines["frameworks"].endswith("[" + (tmp_path / ".mgf-check.yaml").as_posix() + "]")
    assert "../reports/out.json, sarif=../reports/out.sarif" in lines["outputs"]
    assert lines["fail-on"].endswith("[command line]")
    assert lines["fail-under"].endswith("(not set)  [default]")


def test_schema_config_prints_the_config_schema_and_the_readme_lists_every_key(
        cli: Cli) -> None:
    printed = json.loads(cli("schema", "--config").stdout)
    assert printed == load_schema("config")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Configuration reference"):]
    keys = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))
    assert keys == set(printed["properties"])


def test_the_version_comes_from_one_place(cli: Cli) -> None:
    assert cli("--version").stdout == f"mgf-check {__version__}\n"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^version\s*=\s*\"", pyproject, re.M) is None  # no second copy
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "mgf_check.__version__" }' in pyproject


def test_the_config_beside_the_policies_applies_when_run_from_outside(
        tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "policies").mkdir(parents=True)
    (repo / ".git").mkdir()  # the search goes up to the repository root (issue 14)
    outside.mkdir()
    (repo / ".mgf-check.yaml").write_text("fail-on: unmet\n", encoding="utf-8")
    monkeypatch.chdir(outside)
    shown = cli("check", (repo / "policies").as_posix(), "--show-config")
    assert shown.stdout.splitlines()[0] == f"config file: {(repo / '.mgf-check.yaml').as_posix()}"
