"""Configuration loading (`.mgf-check.yaml`): found from a folder upward to the repository root
or the home folder; refused when another user owns it or may write it (unless given
explicitly); bad keys and values are located errors with hints; paths resolve against the
config's folder; the command line wins over the config, as `origins` reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mgf_check.cli.options import CheckFlags, merge
from mgf_check.config import Config, find, load, origins, search_folders, trusted
from mgf_check.errors import ConfigError
from mgf_check.gate import FailOn
from mgf_check.model import Span
from mgf_check.request import Sort


def write(folder: Path, text: str, name: str = ".mgf-check.yaml", mode: int = 0o644) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository folder (holding `.git`) with the home folder elsewhere."""
    monkeypatch.setenv("HOME", (tmp_path / "home").as_posix())
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    return tmp_path / "repo"


def test_the_config_is_found_from_a_subfolder_up_to_the_repository_root(repo: Path) -> None:
    config = write(repo, "fail-on: unmet\n")
    start = repo / "policies" / "2026"
    start.mkdir(parents=True)
    assert find(start) == config
    assert search_folders(start) == [start, repo / "policies", repo]
    loaded = load(None, start)
    assert (loaded.path, dict(loaded.values)) == (config.as_posix(), {"fail-on": "unmet"})


def test_the_nearest_config_wins_and_yaml_before_yml(repo: Path) -> None:
    write(repo, "fail-on: unmet\n")
    inner = repo / "policies"
    write(inner, "fail-on: partial\n", ".mgf-check.yml")
    assert find(inner) == inner / ".mgf-check.yml"
    nearest = write(inner, "fail-on: not-stated\n")
    assert find(inner) == nearest


def test_the_search_stops_at_the_repository_root(repo: Path) -> None:
    write(repo.parent, "fail-on: unmet\n")  # above the repository: never applied
    (repo / "policies").mkdir()
    assert find(repo / "policies") is None
    assert load(None, repo) == Config()


def test_the_search_stops_at_the_home_folder(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", home.as_posix())
    write(tmp_path, "fail-on: unmet\n")  # above home
    start = home / "work" / "city"
    start.mkdir(parents=True)
    assert search_folders(start) == [start, home / "work", home]
    assert find(start) is None
    config = write(home, "sort: score\n")
    assert find(start) == config


def test_outside_a_repository_and_home_only_the_folder_itself_is_searched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", (tmp_path / "home").as_posix())
    shared = tmp_path / "shared"
    write(shared, "fail-on: unmet\n")
    start = shared / "inbox"
    start.mkdir()
    assert search_folders(start) == [start]
    assert find(start) is None
    assert find(shared) == shared / ".mgf-check.yaml"


@pytest.mark.parametrize(("mode", "reason"), [
    (0o666, "is writable by other users"),
    (0o664, "is writable by other users"),
])
def test_a_config_others_may_write_is_ignored_with_a_warning(
        repo: Path, capsys: pytest.CaptureFixture[str], mode: int, reason: str) -> None:
    config = write(repo, "fail-on: unmet\n", mode=mode)
    assert trusted(config) is False
    assert capsys.readouterr().err == (
        f"warning: ignoring config {config.as_posix()}: it {reason} (give it with --config "
        "to use it anyway)\n")
    assert find(repo) is None
    assert load(None, repo) == Config()


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_a_config_another_user_owns_is_ignored(repo: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(repo, "fail-on: unmet\n")
    if os.geteuid() == 0:
        os.chown(config, 4242, 4242)
    else:  # the file is ours: pretend to be someone else (root-owned files stay trusted)
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)
    assert trusted(config) is False
    assert "it belongs to another user" in capsys.readouterr().err
    assert find(repo) is None


def test_an_untrusted_config_is_skipped_for_a_trusted_one_further_up(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outer = write(repo, "fail-on: unmet\n")
    write(repo / "policies", "fail-on: partial\n", mode=0o666)
    assert find(repo / "policies") == outer
    assert "ignoring config" in capsys.readouterr().err


def test_a_config_given_explicitly_is_used_even_if_others_may_write_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path, "jobs: 4\n", "shared.yaml", mode=0o666)
    loaded = load(config, tmp_path / "elsewhere")
    assert (loaded.path, loaded.get("jobs")) == (config.as_posix(), 4)
    assert capsys.readouterr().err == ""


def test_a_missing_file_is_not_trusted(tmp_path: Path) -> None:
    assert trusted(tmp_path / ".mgf-check.yaml") is False


def test_a_config_holding_an_empty_document_sets_nothing(tmp_path: Path) -> None:
    config = write(tmp_path, "---\n# nothing yet\n")
    assert load(config, tmp_path) == Config(config.as_posix(), {})


@pytest.mark.parametrize("text", ["", "# defaults for check, none yet\n"])
def test_an_empty_or_comment_only_config_sets_nothing(tmp_path: Path, text: str) -> None:
    config = write(tmp_path, text)
    assert load(config, tmp_path) == Config(config.as_posix(), {})


def problem_of(text: str, tmp_path: Path) -> tuple[str, Span | None, str, str]:
    config = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load(config, tmp_path)
    (problem,) = info.value.problems
    assert problem.path == config.as_posix()
    return problem.source_line, problem.span, problem.message, problem.hint


def test_an_unknown_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    assert problem_of("sort: name\nfail-undr: 50\n", tmp_path) == (
        "fail-undr: 50", Span(2, 1, 2, 10), "unknown key 'fail-undr' in the top level",
        "did you mean 'fail-under'?")


def test_an_unknown_key_far_from_any_lists_the_allowed_keys(tmp_path: Path) -> None:
    _, span, message, hint = problem_of("colour: blue\n", tmp_path)
    assert (span, message) == (Span(1, 1, 1, 7), "unknown key 'colour' in the top level")
    assert hint == ("allowed keys here: by, csv-dialect, fail-on, fail-priority, fail-under, "
                    "frameworks, ignore-waivers, jobs, outputs, sort")


@pytest.mark.parametrize(("text", "span", "message", "hint"), [
    ("frameworks: migof\n", Span(1, 13, 1, 18), "/frameworks should be a list, found 'migof'",
     "write a list, e.g. `[en, fr]` or one `- item` per line"),
    ("frameworks: migof, micic\n", Span(1, 13, 1, 25),
     "/frameworks should be a list, found 'migof, micic'",
     "put the values between square brackets: [migof, micic]"),
    ("fail-under: '62,5'\n", Span(1, 13, 1, 19), "/fail-under should be a number, found '62,5'",
     "use a decimal point: 62.5"),
    ("ignore-waivers: 'yes'\n", Span(1, 17, 1, 22),
     "/ignore-waivers should be true or false, found 'yes'",
     "write true for yes and false for no (`mgf-check fix FILE` can change them for you)"),
])
def test_a_value_of_the_wrong_type_is_located_with_a_hint(
        tmp_path: Path, text: str, span: Span, message: str, hint: str) -> None:
    assert problem_of(text, tmp_path)[1:] == (span, message, hint)


def test_a_value_outside_the_choices_lists_them(tmp_path: Path) -> None:
    assert problem_of("fail-on: unmett\n", tmp_path)[1:] == (
        Span(1, 10, 1, 16), "'unmett' is not an allowed value for /fail-on",
        "did you mean 'unmet'? allowed: unmet, not-stated, partial")


def test_every_problem_of_a_config_is_reported_at_once(tmp_path: Path) -> None:
    config = write(tmp_path, "jobs: 0\nsort: random\n")
    with pytest.raises(ConfigError) as info:
        load(config, tmp_path)
    assert [(p.span.line if p.span else 0, p.message) for p in info.value.problems] == [
        (1, "/jobs: 0 is less than the minimum of 1"),
        (2, "'random' is not an allowed value for /sort")]


def test_a_yaml_syntax_error_is_a_config_error(tmp_path: Path) -> None:
    config = write(tmp_path, "frameworks: [migof\n")
    with pytest.raises(ConfigError) as info:
        load(config, tmp_path)
    assert info.value.problems[0].path == config.as_posix()
    assert info.value.problems[0].rule == "syntax"


def test_paths_resolve_against_the_config_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(tmp_path / "repo",
                   "frameworks: [migof, custom/ours.yaml, plain.yml]\n"
                   "outputs: [reports/out.json, sarif=reports/out.sarif, odd=x.txt]\n")
    monkeypatch.chdir(tmp_path / "repo")
    loaded = load(config, tmp_path)
    base = (tmp_path / "repo").as_posix()
    assert loaded.frameworks() == ["migof", f"{base}/custom/ours.yaml", f"{base}/plain.yml"]
    # inside the working directory: shown relative to it; `odd=` is no format, so a file name
    assert loaded.outputs() == ["reports/out.json", "sarif=reports/out.sarif", "odd=x.txt"]
    (tmp_path / "repo" / "reports").mkdir()
    monkeypatch.chdir(tmp_path / "repo" / "reports")
    assert loaded.outputs() == ["out.json", "sarif=out.sarif", "../odd=x.txt"]


def test_without_a_file_nothing_is_resolved() -> None:
    empty = Config()
    assert (empty.frameworks(), empty.outputs(), empty.get("jobs", 2)) == (None, None, 2)
    assert Config(None, {"frameworks": ["a/b.yaml"]}).frameworks() == ["a/b.yaml"]
    assert empty.locate("/jobs") is None


def test_locate_finds_a_setting_in_the_file(tmp_path: Path) -> None:
    config = write(tmp_path, "sort: name\nframeworks:\n  - migof\n  - micic\n")
    loaded = load(config, tmp_path)
    assert loaded.locate("/frameworks/1") == Span(4, 5, 4, 10)


def test_the_command_line_wins_over_the_config_as_origins_reports() -> None:
    cfg = Config("repo/.mgf-check.yaml", {"fail-on": "unmet", "fail-under": 50, "sort": "score",
                                          "frameworks": ["migof"]})
    flags = CheckFlags(fail_on="partial", jobs=3)
    settings = merge(flags, cfg)
    assert (settings.thresholds.fail_on, settings.thresholds.fail_under) == (FailOn.PARTIAL, 50)
    assert (settings.sort, settings.jobs, settings.frameworks) == (Sort.SCORE, 3, ("migof",))
    assert flags.given() == {"fail-on", "jobs"}
    assert origins(settings.shown(), flags.given(), cfg) == (
        "config file: repo/.mgf-check.yaml\n"
        "frameworks      migof  [repo/.mgf-check.yaml]\n"
        "fail-under      50  [repo/.mgf-check.yaml]\n"
        "fail-on         partial  [command line]\n"
        "fail-priority   (not set)  [default]\n"
        "outputs         (not set)  [default]\n"
        "by              (not set)  [default]\n"
        "ignore-waivers  False  [default]\n"
        "jobs            3  [command line]\n"
        "sort            score  [repo/.mgf-check.yaml]\n"
        "csv-dialect     plain  [default]\n")


def test_origins_without_a_config_file() -> None:
    assert origins({"jobs": None, "frameworks": ["migof", "micic"]}, {"frameworks"},
                   Config()) == ("config file: (none found)\n"
                                 "jobs        (not set)  [default]\n"
                                 "frameworks  migof, micic  [command line]\n")
