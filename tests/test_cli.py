"""The command line, in process: every command, exit codes, outputs, config, tailoring."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mgf_check.schema.validation import load_schema
from tests.conftest import ROOT, policy

DATA = Path(__file__).parent / "data"
CATALOGUES = DATA / "catalogues"
Cli = Callable[..., Any]

HEALTH_PARTIAL = policy({"rights": {"health": {"status": "implemented",
                                               "scope": "regular-status"}}})


def report_of(result: Any) -> dict[str, Any]:
    """The JSON report a CLI run printed, validated against the report schema."""
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(load_schema("report")).validate(data)
    return data


def test_check_prints_report_and_exits_0(cli: Cli, write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH_PARTIAL)
    result = cli("check", str(path), "-f", "migof")
    assert result.exit_code == 0
    assert "MIGOF-P1.01" in result.stdout and "partly met" in result.stdout
    assert f"{path.as_posix()}:" in result.stdout  # gaps carry file:line:col
    assert "\x1b[" not in result.stdout  # piped output is plain


def test_check_json_is_valid_and_complete(cli: Cli, write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH_PARTIAL)
    data = report_of(cli("check", str(path), "-f", "migof", "-F", "json"))
    by_id = {r["id"]: r for r in data["results"]}
    assert by_id["MIGOF-P1.01"]["status"] == "partial"
    scope_line = path.read_text().splitlines().index("    scope: regular-status") + 1
    assert by_id["MIGOF-P1.01"]["location"]["span"]["line"] == scope_line
    assert data["summary"]["criteria"] == len(data["results"])


def test_json_shape_same_at_every_verbosity(cli: Cli, write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH_PARTIAL)
    quiet = cli("check", str(path), "-f", "migof", "-F", "json").stdout
    loud = cli("check", str(path), "-f", "migof", "-F", "json", "--verbose").stdout
    assert quiet == loud


def test_fail_on_and_fail_under_exit_1(cli: Cli, write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH_PARTIAL)
    assert cli("check", str(path), "-f", "migof", "--fail-on", "partial").exit_code == 1
    assert cli("check", str(path), "-f", "migof", "--fail-under", "99").exit_code == 1
    assert cli("check", str(path), "-f", "migof", "--fail-under", "0").exit_code == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("schema_version: 1\ncity: {name: X, country: NO}\nassessment: {date: 2026-01-01}\n"
     "rights:\n  helth: {status: implemented}\n", ("5:3", "did you mean 'health'")),
    ("schema_version: 1\ncity: {name: X, country: NO}\nassessment: {date: 2026-13-01}\n",
     ("3:20", "not a valid date")),
    ("schema_version: 1\ncity: {name: X, country: NO}\ncity: {name: Y}\n",
     ("3:1", "duplicate key 'city'")),
    ("", ("1:1", "the file is empty")),
])
def test_bad_input_exits_2_with_position(cli: Cli, write_policy: Callable[..., Path],
                                         text: str, expected: tuple[str, str]) -> None:
    path = write_policy(text)
    result = cli("check", str(path))
    assert result.exit_code == 2
    where, what = expected
    assert f"{path.as_posix()}:{where}:" in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


@pytest.mark.parametrize("args", [
    ["--format", "pdf"], ["--by", "planet"], ["--fail-on", "everything"],
    ["--as-of", "yesterday"], ["-f", "migoff"], ["-o", "report.unknown"],
])
def test_bad_options_exit_2(cli: Cli, write_policy: Callable[..., Path],
                            args: list[str]) -> None:
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), *args)
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr


def test_unknown_framework_suggests(cli: Cli, write_policy: Callable[..., Path]) -> None:
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), "-f", "migoff")
    assert "did you mean 'migof'" in result.stderr


def test_internal_error_exits_3(cli: Cli, write_policy: Callable[..., Path],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import mgf_check.pipeline

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("kaput")
    monkeypatch.setattr(mgf_check.pipeline, "check_file", boom)
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), "-f", "migof")
    assert result.exit_code == 3
    assert "internal error: RuntimeError: kaput" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Traceback" in cli("check", str(write_policy(HEALTH_PARTIAL)), "-f", "migof",
                              "--traceback").stderr


def test_several_outputs_in_one_run(cli: Cli, write_policy: Callable[..., Path],
                                    tmp_path: Path) -> None:
    path = write_policy(HEALTH_PARTIAL)
    out_json, out_txt = tmp_path / "r.json", tmp_path / "r.txt"
    result = cli("check", str(path), "-f", "migof", "-o", str(out_json), "-o",
                 f"terminal={out_txt}")
    assert result.exit_code == 0
    assert "mgf-check report" in result.stdout  # the terminal summary is still printed
    assert json.loads(out_json.read_text())["kind"] == "check"
    assert "MIGOF-P1.01" in out_txt.read_text()


def test_color_follows_flag_and_no_color(cli: Cli, write_policy: Callable[..., Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_policy(HEALTH_PARTIAL)
    assert "\x1b[" in cli("check", str(path), "-f", "migof", "--color").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("check", str(path), "-f", "migof").stdout


def test_by_view_regroups(cli: Cli, write_policy: Callable[..., Path]) -> None:
    path = write_policy(HEALTH_PARTIAL)
    data = report_of(cli("check", str(path), "-f", "migof", "-F", "json", "--by", "gcm"))
    titles = [g["title"] for g in data["view"]["groups"]]
    assert "GCM objective 15: Provide access to basic services for migrants" in titles
    text = cli("check", str(path), "-f", "migof", "--by", "gcm").stdout
    assert "GCM objective 15" in text


def test_waivers_valid_expired_and_ignored(cli: Cli, write_policy: Callable[..., Path]) -> None:
    waiver = {"criterion": "MIGOF-P1.01", "reason": "national law", "approved_by": "Council",
              "expires": "2026-06-30"}
    path = write_policy(merge_waiver(HEALTH_PARTIAL, waiver))
    status = {r["id"]: r for r in report_of(cli("check", str(path), "-f", "migof", "-F",
                                                "json"))["results"]}["MIGOF-P1.01"]
    assert status["status"] == "waived" and "national law" in status["reason"]
    late = report_of(cli("check", str(path), "-f", "migof", "-F", "json", "--as-of",
                         "2026-07-01"))
    result = {r["id"]: r for r in late["results"]}["MIGOF-P1.01"]
    assert result["status"] == "partial" and "waiver expired" in result["reason"]
    ignored = report_of(cli("check", str(path), "-f", "migof", "-F", "json",
                            "--ignore-waivers"))
    assert {r["id"]: r for r in ignored["results"]}["MIGOF-P1.01"]["status"] == "partial"
    assert ignored["waivers_ignored"] is True


def merge_waiver(base: dict[str, Any], waiver: dict[str, Any]) -> dict[str, Any]:
    """`base` with one waiver added."""
    return {**base, "waivers": [waiver]}


def test_validate_command(cli: Cli, write_policy: Callable[..., Path]) -> None:
    good = write_policy(HEALTH_PARTIAL, "good.yaml")
    bad = write_policy("schema_version: 1\n", "bad.yaml")
    assert cli("validate", str(good)).exit_code == 0
    result = cli("validate", str(good), str(bad))
    assert result.exit_code == 2 and "ok: " in result.stdout and "bad.yaml:1:1" in result.stderr


def test_schema_command_prints_json(cli: Cli) -> None:
    assert json.loads(cli("schema").stdout)["title"].startswith("mgf-check city")
    assert json.loads(cli("schema", "--report").stdout)["title"].startswith("mgf-check JSON")


def test_init_writes_valid_template_and_refuses_overwrite(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert cli("init", str(target), "--date", "2026-01-01").exit_code == 0
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=policy.schema.json")
    assert (tmp_path / "policy.schema.json").is_file()
    for section in ("governance:", "rights:", "inclusion:", "economy:", "partnerships:",
                    "crisis:", "mobility:", "waivers:"):
        assert f"\n{section}" in text
    untouched = cli("validate", str(target))  # valid YAML, but nothing filled in yet
    assert untouched.exit_code == 2 and "untouched template" in untouched.stderr
    before = target.read_text()
    again = cli("init", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert target.read_text() == before


def test_frameworks_and_explain(cli: Cli) -> None:
    listing = cli("frameworks").stdout
    assert "migof" in listing and "criteria" in listing
    text = cli("explain", "migof-p1.1").stdout
    assert "MIGOF-P1.01" in text and "Recommendation:" in text and "GCM objective 15" in text
    wrong = cli("explain", "MIGOF-P1.11x")
    assert wrong.exit_code == 2 and "did you mean" in wrong.stderr


def test_batch_reports_broken_file_and_goes_on(cli: Cli, write_policy: Callable[..., Path],
                                               tmp_path: Path) -> None:
    write_policy(HEALTH_PARTIAL, "a.yaml")
    write_policy(policy({"city": {"name": "Bee"}}), "b.yaml")
    write_policy("schema_version: 1\ncity: [\n", "broken.yaml")
    result = cli("check", str(tmp_path), "-f", "migof", "-F", "json")
    assert result.exit_code == 2
    data = report_of(result)
    assert data["kind"] == "comparison" and data["summary"] == {"cities": 3, "failed": 1}
    errors = [c for c in data["cities"] if c["error"]]
    assert "broken.yaml:3:1" in errors[0]["error"]
    assert [c["name"] for c in data["cities"] if not c["error"]] == ["Bee", "Example"]


def test_batch_serial_and_parallel_identical(cli: Cli, write_policy: Callable[..., Path],
                                             tmp_path: Path) -> None:
    for i in range(10):
        write_policy(policy({"city": {"name": f"City {i:02d}"},
                             "rights": {"health": {"status": ["none", "implemented"][i % 2]}}}),
                     f"c{i}.yaml")
    serial = cli("check", str(tmp_path), "-f", "migof", "-F", "json", "--jobs", "1").stdout
    parallel = cli("check", str(tmp_path), "-f", "migof", "-F", "json", "--jobs", "2").stdout
    assert serial == parallel
    assert len(json.loads(serial)["cities"]) == 10


def test_batch_sort_is_opt_in(cli: Cli, write_policy: Callable[..., Path],
                              tmp_path: Path) -> None:
    write_policy(policy({"city": {"name": "Alpha"}, "rights": {"health": {"status": "none"}}}),
                 "a.yaml")
    write_policy(policy({"city": {"name": "Zed"}, "rights": {"health": {
        "status": "implemented", "scope": "everyone"}}}), "z.yaml")
    by_name = report_of(cli("check", str(tmp_path), "-f", "migof", "-F", "json"))
    assert [c["name"] for c in by_name["cities"]] == ["Alpha", "Zed"]
    by_score = report_of(cli("check", str(tmp_path), "-f", "migof", "-F", "json",
                             "--sort", "score"))
    assert [c["name"] for c in by_score["cities"]] == ["Zed", "Alpha"]


def test_diff_shows_closed_gaps(cli: Cli, write_policy: Callable[..., Path]) -> None:
    old = write_policy(HEALTH_PARTIAL, "2025.yaml")
    new = write_policy(policy({"rights": {"health": {"status": "implemented",
                                                     "scope": "everyone"}}}), "2026.yaml")
    data = report_of(cli("diff", str(old), str(new), "-f", "migof", "-F", "json"))
    assert data["kind"] == "diff"
    assert {"id": "MIGOF-P1.01", "kind": "closed", "before": "partial", "after": "met"}.items() \
        <= next(c for c in data["changes"] if c["id"] == "MIGOF-P1.01").items()
    p1 = next(s for s in data["scores"] if s["group"] == "P1")
    assert p1["change"] is not None and p1["change"] > 0
    assert "Gaps closed (1)" in cli("diff", str(old), str(new), "-f", "migof").stdout


def test_render_reproduces_saved_report(cli: Cli, write_policy: Callable[..., Path],
                                        tmp_path: Path) -> None:
    path = write_policy(HEALTH_PARTIAL)
    saved = tmp_path / "report.json"
    cli("check", str(path), "-f", "migof", "-o", str(saved))
    direct = cli("check", str(path), "-f", "migof").stdout
    assert cli("render", str(saved)).stdout == direct
    assert cli("render", str(saved), "-F", "json").stdout == saved.read_text()
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "check"}')
    assert cli("render", str(bad)).exit_code == 2


def test_config_file_found_upward_and_validated(cli: Cli, write_policy: Callable[..., Path],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_policy(HEALTH_PARTIAL)
    (tmp_path / ".git").mkdir()  # the search goes up to the repository root, no further
    (tmp_path / ".mgf-check.yaml").write_text("frameworks: [migof]\nfail-on: partial\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    assert cli("check", str(path)).exit_code == 1
    assert cli("check", str(path), "--fail-on", "unmet").exit_code == 0
    (tmp_path / ".mgf-check.yaml").write_text("frameworks: [migof]\nfail-onn: partial\n")
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert ".mgf-check.yaml:2:1" in result.stderr and "did you mean 'fail-on'" in result.stderr


def test_custom_catalogue_extends_overrides_and_adds(cli: Cli,
                                                     write_policy: Callable[..., Path]) -> None:
    path = write_policy(policy({"governance": {"transparency": {"status": "implemented",
                                                                "annual_report": True}}}))
    data = report_of(cli("check", str(path), "-f", str(CATALOGUES / "programme.yaml"),
                         "-F", "json"))
    by_id = {r["id"]: r for r in data["results"]}
    assert by_id["NP-X.1"]["status"] == "met"
    assert by_id["NP-P1.9"]["group"] == "P1"  # a new criterion in an inherited group
    assert by_id["MIGOF-P1.01"]["weight"] == 5 and by_id["MIGOF-P1.01"]["priority"] == \
        "recommended"
    assert not any(r["group"] == "O3" for r in data["results"])
    assert data["frameworks"][0]["id"] == "national-programme"


def test_extends_cycle_is_an_error(cli: Cli, write_policy: Callable[..., Path]) -> None:
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), "-f",
                 str(CATALOGUES / "cycle-a.yaml"))
    assert result.exit_code == 2 and "cycle" in result.stderr


def test_catalogue_typo_is_located(cli: Cli, write_policy: Callable[..., Path]) -> None:
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), "-f",
                 str(CATALOGUES / "typo.yaml"))
    assert result.exit_code == 2
    assert "typo.yaml:13:51:" in result.stderr and "did you mean 'in'" in result.stderr


def test_unknown_crosswalk_ref_is_located(cli: Cli, write_policy: Callable[..., Path]) -> None:
    result = cli("check", str(write_policy(HEALTH_PARTIAL)), "-f",
                 str(CATALOGUES / "badref.yaml"))
    assert result.exit_code == 2
    assert "badref.yaml:17:18: unknown GCM reference 'O1'" in result.stderr
    assert "did you mean 'O01'" in result.stderr


def test_docs_are_up_to_date(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("docs", "--check")
    assert result.exit_code == 0, "run `mgf-check docs` and commit docs/frameworks:\n" + \
        result.stdout


def test_help_documents_exit_codes(cli: Cli) -> None:
    text = cli("check", "--help").stdout
    assert "3 internal error" in " ".join(text.split())


def test_module_entry_point_runs() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mgf_check", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("mgf-check ")


def test_template_yaml_round_trips() -> None:
    from mgf_check.tools.template import render_template

    assert yaml.safe_load(render_template("x.yaml", "2026-01-01"))["schema_version"] == 1
