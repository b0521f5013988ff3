"""Hostile inputs are located errors with exit 2, never exit 3 or a traceback (review F6,
F8, F11, F14, F15, F18), and the README's exit codes hold for them."""

from __future__ import annotations

import json
import os
import pwd
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mgf_check import config

Cli = Callable[..., Any]
DATA = Path(__file__).parent / "data" / "robustness"
TINY = ("-f", str(DATA / "one-criterion.yaml"))


def invalid(result: Any, *needles: str) -> None:
    """Exit 2, a located message on stderr, nothing that looks like a crash."""
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A report saved by this version, and the review's hostile edits of it (F4, F6)."""
    from typer.testing import CliRunner

    from mgf_check.cli import app

    root = tmp_path_factory.mktemp("saved")
    valid = root / "valid.json"
    result = CliRunner().invoke(app, ["check", str(DATA / "min-policy.yaml"), *TINY,
                                      "-o", f"json={valid}"])
    assert result.exit_code == 0, result.output
    text = valid.read_text(encoding="utf-8")
    data = json.loads(text)
    files = {"valid": valid}
    files["deep"] = root / "deep.json"
    files["deep"].write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    files["nan"] = root / "nan.json"
    files["nan"].write_text(text.replace('"report_version": ', '"x": NaN, "report_version": ',
                                         1), encoding="utf-8")
    data["policy"]["city"]["name"] = "\ud800"
    files["surrogate"] = root / "surrogate.json"
    files["surrogate"].write_text(json.dumps(data), encoding="utf-8")
    data["policy"]["city"]["name"] = "[/x] [bold]markup"
    files["markup"] = root / "markup.json"
    files["markup"].write_text(json.dumps(data), encoding="utf-8")
    return files


def where(path: Path, token: str) -> str:
    text = path.read_text(encoding="utf-8")
    offset = text.index(token)
    line = text.count("\n", 0, offset) + 1
    return f"{path.name}:{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def test_saved_reports_are_read_within_limits(cli: Cli, saved: dict[str, Path]) -> None:
    needles = {"deep": ["nesting too deep"],
               "nan": [f"{where(saved['nan'], 'NaN')}: NaN is not a number"],
               "surrogate": ["#/policy/city/name: text is not valid Unicode"]}
    for name, expected in needles.items():
        invalid(cli("render", str(saved[name])), *expected)
        invalid(cli("diff", str(saved[name]), str(saved["valid"])), *expected)


def test_a_saved_report_error_never_echoes_the_document(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"x": "a" * 100_000}), encoding="utf-8")
    result = cli("render", str(big))
    invalid(result, "not a valid mgf-check report")
    assert len(result.stderr) < 400
    invalid(cli("render", "/dev/zero"), "not a regular file")


def test_markup_in_a_saved_report_renders(cli: Cli, saved: dict[str, Path]) -> None:
    result = cli("render", str(saved["markup"]))
    assert result.exit_code == 0 and "[/x] [bold]markup" in result.stdout


def test_non_finite_numbers_are_rejected(cli: Cli, tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    text = (DATA / "min-policy.yaml").read_text(encoding="utf-8")
    policy.write_text(text + "\ncity_extra_number: 1e999\n", encoding="utf-8")
    invalid(cli("validate", str(policy)), "p.yaml:", "'1e999' is not a finite number")
    invalid(cli("check", str(DATA / "min-policy.yaml"), *TINY, "--fail-under", "nan"),
            "--fail-under: nan is not a number")


def test_schema_patterns_ignore_no_trailing_newline(cli: Cli, tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text('schema_version: 1\ncity: {name: X, country: "PL\\n"}\n'
                      'assessment: {date: "2026-01-01"}\n', encoding="utf-8")
    invalid(cli("validate", str(policy)), "p.yaml:2:26:")


def test_criterion_ids_colliding_across_catalogues_are_located(cli: Cli,
                                                               tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes((DATA / "min-policy.yaml").read_bytes())
    invalid(cli("check", str(tmp_path), "-f", "migof", "-f", str(DATA / "collide.yaml")),
            "collide.yaml:8:9: criterion id 'MIGOF-P1.01' is already used by 'migof'")


def test_extends_chains_are_limited_and_located(cli: Cli, tmp_path: Path) -> None:
    base = (DATA / "one-criterion.yaml").read_text(encoding="utf-8")
    (tmp_path / "c40.yaml").write_text(base, encoding="utf-8")
    for i in range(40):
        (tmp_path / f"c{i}.yaml").write_text(
            f"catalogue_version: 1\nframework: {{id: c{i}, title: C{i}}}\n"
            f"extends: c{i + 1}.yaml\n", encoding="utf-8")
    policy = str(DATA / "min-policy.yaml")
    invalid(cli("check", policy, "-f", str(tmp_path / "c0.yaml")),
            "c31.yaml:3:10: `extends` chain longer than 32")
    (tmp_path / "c39.yaml").write_text("catalogue_version: 1\nframework: {id: x, title: X}\n"
                                       "extends: nowhere/none.yaml\n", encoding="utf-8")
    invalid(cli("check", policy, "-f", str(tmp_path / "c39.yaml")),
            "c39.yaml:3:10: extends", "no such file")


def test_config_discovery_stops_at_the_repository(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """F8: a config above the repository (or above a folder outside any repository) is not
    applied; inside the repository it is found upward."""
    outer = tmp_path / "shared"
    repo = outer / "repo" / "sub"
    repo.mkdir(parents=True)
    (outer / ".mgf-check.yaml").write_text("jobs: 1\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config.find(repo) is None  # no repository, not under home: only the folder itself
    (outer / "repo" / ".git").mkdir()
    assert config.find(repo) is None  # the repository root is the last folder searched
    (outer / "repo" / ".mgf-check.yaml").write_text("jobs: 1\n", encoding="utf-8")
    assert config.find(repo) == (outer / "repo" / ".mgf-check.yaml").resolve()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown to a second user")
def test_a_config_another_user_can_write_is_ignored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    found = tmp_path / ".mgf-check.yaml"
    found.write_text("jobs: 1\n", encoding="utf-8")
    os.chown(found, pwd.getpwnam("nobody").pw_uid, -1)
    assert config.find(tmp_path) is None
    assert "belongs to another user" in capsys.readouterr().err
    os.chown(found, os.geteuid(), -1)
    found.chmod(0o666)
    assert config.find(tmp_path) is None
    assert "writable by other users" in capsys.readouterr().err
    found.chmod(0o644)
    assert config.find(tmp_path) == found.resolve()


def test_exit_codes_are_the_documented_ones(cli: Cli, tmp_path: Path) -> None:
    """README: 0 ok, 1 gaps past a threshold, 2 invalid input or usage; hostile input (the
    review's reproducers) is never 3."""
    policy = str(DATA / "min-policy.yaml")
    assert cli("check", policy, *TINY).exit_code == 0
    assert cli("check", policy, *TINY, "--fail-under", "50").exit_code == 1
    assert cli("check", str(tmp_path / "missing.yaml"), *TINY).exit_code == 2
    for name in ("gh-inject-city.yaml", "min-policy.yaml"):
        assert cli("check", str(DATA / name), "-f", "migof").exit_code in (0, 1)


def test_a_duplicate_anchor_keeps_its_context(cli: Cli, tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("a: &x 1\nb: &x 2\n", encoding="utf-8")
    invalid(cli("validate", str(policy)), "p.yaml:2:4:", "defined a second time here "
            "(first at line 1)")


def test_config_frameworks_errors_point_at_the_config(cli: Cli, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """F14: `frameworks:` entries are reported at their line in the config, and a file that
    is not a catalogue is never quoted."""
    (tmp_path / ".git").mkdir()
    config_file = tmp_path / ".mgf-check.yaml"
    monkeypatch.chdir(tmp_path)
    policy = str(DATA / "min-policy.yaml")
    config_file.write_text("frameworks: [nope]\n", encoding="utf-8")
    invalid(cli("check", policy), ".mgf-check.yaml:1:14: frameworks: no bundled framework")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret-value\n", encoding="utf-8")
    config_file.write_text("frameworks: [secret.txt]\n", encoding="utf-8")
    result = cli("check", policy)
    invalid(result, ".mgf-check.yaml:1:14: frameworks:")
    assert "secret-value" not in result.stderr
    config_file.write_text("frameworks: [secret.yaml]\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("root:x:0:0:root:/root:/bin/bash\n"
                                          "daemon:x:1:1:secret-value\n", encoding="utf-8")
    result = cli("check", policy)
    invalid(result, "secret.yaml:1:1: the top level should be a mapping of keys, found text (")
    assert "secret-value" not in result.stderr
