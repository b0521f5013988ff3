"""Outputs never land on inputs and are written whole (review F1, F7, F8, F18), and the
README's promise "mgf-check never writes to a policy file"."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mgf_check.errors import UsageError
from mgf_check.loading import safeio

Cli = Callable[..., Any]
REPRO = Path(__file__).parent / "data" / "robustness"
TINY = ("-f", str(REPRO / "one-criterion.yaml"))  # a one-criterion catalogue: fast runs


@pytest.fixture()
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city.yaml"
    path.write_bytes((REPRO / "min-policy.yaml").read_bytes())
    return path


@pytest.fixture(autouse=True)
def fresh_inputs() -> Iterator[None]:
    safeio.forget_inputs()
    yield
    safeio.forget_inputs()


def refused(result: Any, what: str = "is an input of this run") -> None:
    assert result.exit_code == 2, result.stdout
    assert what in result.stderr


def test_never_writes_to_a_policy_file(cli: Cli, city: Path, tmp_path: Path) -> None:
    """README: `mgf-check` never writes to a policy file (F1, every command and -o form)."""
    original = city.read_bytes()
    other = tmp_path / "other.yaml"
    other.write_bytes(original)
    saved = tmp_path / "r.json"
    cli("check", str(city), *TINY, "-F", "json", "-o", str(saved))
    attempts = [
        ("check", str(city), *TINY, "-o", f"json={city}"),
        ("check", str(city), *TINY, "-F", "json", "-o", str(city)),
        ("check", str(city), str(other), *TINY, "-j", "1", "-o", f"markdown={city}"),
        ("diff", str(city), str(other), *TINY, "-o", f"html={city}"),
        ("render", str(saved), "-o", f"html={saved}"),
    ]
    for args in attempts:
        refused(cli(*args))
    assert city.read_bytes() == original and other.read_bytes() == original
    json.loads(saved.read_text(encoding="utf-8"))  # the saved report is untouched too


def test_links_to_an_input_are_refused(cli: Cli, city: Path, tmp_path: Path) -> None:
    hard, soft = tmp_path / "hard.json", tmp_path / "soft.json"
    os.link(city, hard)
    soft.symlink_to(city)
    refused(cli("check", str(city), *TINY, "-o", str(hard)))
    refused(cli("check", str(city), *TINY, "-o", str(soft)))
    catalogue = tmp_path / "cat.yaml"
    catalogue.write_bytes((REPRO / "one-criterion.yaml").read_bytes())
    refused(cli("check", str(city), "-f", str(catalogue), "-o", f"json={catalogue}"))


def test_config_outputs_cannot_overwrite_inputs(cli: Cli, city: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    config = tmp_path / ".mgf-check.yaml"
    config.write_text(f"frameworks: [{REPRO / 'one-criterion.yaml'}]\n"
                      "outputs: [json=.mgf-check.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "city.yaml")
    refused(result)
    assert f"config: {config.as_posix()}" in result.stderr  # the run names its config
    assert config.read_text(encoding="utf-8").startswith("frameworks:")


def test_two_outputs_on_one_file_and_yaml_targets_are_refused(cli: Cli, city: Path,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "r.out"
    refused(cli("check", str(city), *TINY, "-o", f"json={target}", "-o", f"html={target}"),
            "the same file as")
    refused(cli("check", str(city), *TINY, "-o", f"json={tmp_path / 'new.yaml'}"),
            ".yaml/.yml")
    assert not target.exists() and not (tmp_path / "new.yaml").exists()


def test_a_failing_run_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    """F7: written to a temporary file in the same folder and renamed: an interrupted or
    failing write leaves the old report, and no temporary file behind."""
    target = tmp_path / "report.json"
    safeio.atomic_write(target, ['{"old": true}\n'])

    def pieces() -> Iterator[str]:
        yield '{"new": '
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        safeio.atomic_write(target, pieces())
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    safeio.atomic_write(target, ['{"new": ', "true}\n"])
    assert json.loads(target.read_text(encoding="utf-8")) == {"new": True}
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode


def test_output_check_compares_identities(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("x: 1\n", encoding="utf-8")
    safeio.remember_input(policy)
    with pytest.raises(UsageError):
        safeio.check_outputs([tmp_path / "sub" / ".." / "p.yaml"])
    safeio.check_outputs([tmp_path / "report.json", tmp_path / "report.html"])


def test_init_never_writes_through_a_symlink(cli: Cli, tmp_path: Path) -> None:
    """F18: `init` creates policy.schema.json only where nothing is, not via a dangling link."""
    folder = tmp_path / "d"
    folder.mkdir()
    outside = tmp_path / "outside.json"
    (folder / "policy.schema.json").symlink_to(outside)
    assert cli("init", str(folder / "city.yaml")).exit_code == 0
    assert not outside.exists()


@pytest.mark.parametrize("args", [
    ("check", "{city}", "-o", "{bad}/report.html"),
    ("docs", "-o", "{bad}/pages"),
    ("form", "export", "{bad}/city.xlsx"),
    ("init", "{bad}/city.yaml"),
])
def test_an_output_that_cannot_be_written_is_exit_2_with_the_reason(
        cli: Cli, city: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    """Every command that writes a file says why it cannot (an `OutputError`), never a
    traceback: here the folder to write in is a file."""
    bad = tmp_path / "a-file"
    bad.write_text("not a folder\n", encoding="utf-8")
    result = cli(*(a.format(city=city, bad=bad) for a in args))
    assert result.exit_code == 2, result.output
    assert f"error: {bad.as_posix()}/" in result.stderr and "cannot write" in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr
