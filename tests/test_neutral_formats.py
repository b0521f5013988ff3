"""One rule for text from outside the program (review F3, F4, F5, F12, F17): a corpus of
hostile strings in policy values, catalogue text, file names and saved reports, rendered
through every format and every view (single, batch, diff, render, explain); each format's
own rules are checked on what comes out, and stderr never carries raw control characters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mgf_check.cli import app
from mgf_check.reporters import REPORTERS, neutral
from tests import hostile_corpus as hc

Cli = Callable[..., Any]


def catalogue(text: str) -> dict[str, Any]:
    """A one-group catalogue whose every free text is `text`, reading policy free text."""
    derived = {"framework": "MiGOF", "element": text, "document": text, "year": 2015,
               "basis": "L2", "url": "https://example.org/ok"}
    paths = ("/city/name", "/assessment/prepared_by", "/governance/strategy/name")
    criteria = [
        {"id": f"HOST-1.{i}", "group": "G1", "title": title, "question": text,
         "priority": "core", "weight": 1, "subject": paths[i % 3],
         "met": {"path": paths[i % 3], "equals": "never this"}, "met_means": text,
         "recommendation": text, "derived_from": derived, "refs": {},
         "examples": {"met": {}, "unmet": {}}}
        for i, title in enumerate(hc.CORPUS, start=1)]
    return {"catalogue_version": 1,
            "framework": {"id": "host", "title": text, "short_title": hc.CORPUS[0],
                          "edition": text, "description": text},
            "groups": [{"id": "G1", "title": text}], "criteria": criteria}


def city(text: str) -> dict[str, Any]:
    return {"schema_version": 1, "city": {"name": text, "country": "XX"},
            "assessment": {"date": "2026-01-01", "prepared_by": text, "notes": text},
            "governance": {"strategy": {"status": "adopted", "name": text}},
            "waivers": [{"criterion": "HOST-1.3", "reason": text, "approved_by": text,
                         "expires": "2025-01-01"}]}


def dump(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files with hostile content in hostile places (the folder and file names too), and
    reports saved from them with `-F json` for `render`."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "p[x] ::x \x1b[31m"
    folder.mkdir()
    files = {"catalogue": dump(root / "host.yaml", catalogue(hc.JOINED)),
             "single": dump(folder / "[bold]one\n::error x.yaml", city(hc.JOINED)),
             "folder": folder}
    for i in range(3):  # the corpus spread over a small batch
        dump(folder / f"c{i}.yaml", city(" | ".join(hc.CORPUS[i::3])))
    runner = CliRunner()
    for view, target in (("single", files["single"]), ("batch", folder)):
        files[f"saved {view}"] = root / f"{view}.json"
        result = runner.invoke(app, ["check", str(target), "-f", str(files["catalogue"]),
                                     "-j", "1", "-o", f"json={files[f'saved {view}']}"])
        assert result.exit_code in (0, 1), result.output
    return files


def run(cli: Cli, *args: str) -> Any:
    result = cli(*args)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    hc.common(result.stderr)
    return result


def views(cli: Cli, files: dict[str, Path], fmt: str) -> dict[str, str]:
    """The output of every view in `fmt`."""
    cat = str(files["catalogue"])
    single, folder = str(files["single"]), files["folder"]
    return {
        "single": run(cli, "check", single, "-f", cat, "-F", fmt, "-v").stdout,
        "batch": run(cli, "check", str(folder), "-f", cat, "-F", fmt, "-j", "1").stdout,
        "diff": run(cli, "diff", single, str(folder / "c1.yaml"), "-f", cat,
                    "-F", fmt).stdout,
        "render single": run(cli, "render", str(files["saved single"]), "-F", fmt,
                             "-v").stdout,
        "render batch": run(cli, "render", str(files["saved batch"]), "-F", fmt).stdout,
    }


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_hostile_text_is_neutralised_in_every_view(cli: Cli, hostile: dict[str, Path],
                                                   fmt: str) -> None:
    for view, text in views(cli, hostile, fmt).items():
        if not text:  # e.g. github has nothing to annotate in a diff
            continue
        try:
            hc.RULES[fmt](text)
        except AssertionError as exc:  # name the view that broke the rule
            raise AssertionError(f"{fmt} / {view}: {exc}") from None


def test_terminal_shows_markup_as_text(cli: Cli, hostile: dict[str, Path]) -> None:
    out = run(cli, "check", str(hostile["single"]), "-f", str(hostile["catalogue"])).stdout
    assert "[/x] [bold]B[/bold]" in out  # rich never reads user text as markup (F4)
    assert "⏎" in out and "\\x1b" in out  # line breaks and escapes made visible (F3, F12)


def test_json_keeps_every_value_exact(cli: Cli, hostile: dict[str, Path]) -> None:
    out = run(cli, "check", str(hostile["single"]), "-f", str(hostile["catalogue"]),
              "-F", "json").stdout
    assert json.loads(out)["policy"]["city"]["name"] == hc.JOINED


def test_explain_neutralises_catalogue_text(cli: Cli, hostile: dict[str, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from mgf_check.catalogue.loader import load
    from mgf_check.tools import explain

    criterion = load(str(hostile["catalogue"])).criteria[0]
    monkeypatch.setattr(explain, "find_criterion", lambda _id: criterion)
    hc.terminal(run(cli, "explain", "HOST-1.1").stdout)


def test_stderr_names_hostile_files_safely(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "c\x1b[31mred\n::error x.yaml"
    bad.write_text("x: [", encoding="utf-8")
    result = cli("check", str(tmp_path), "-j", "1")
    assert result.exit_code == 2
    hc.common(result.stderr)
    hc.no_log_commands(result.stderr)
    assert "\\x1b[31mred⏎:\u200b:error" in result.stderr
    for fmt, rule in (("text", hc.terminal), ("json", hc.json_), ("github", hc.github),
                      ("sarif", hc.json_)):
        listed = cli("validate", str(tmp_path), "--format", fmt)
        assert listed.exit_code == 2
        rule(listed.stdout)
        hc.common(listed.stderr)


@pytest.mark.parametrize(("text", "expected"), [
    ("plain text, [brackets] & <tags>", "plain text, [brackets] & <tags>"),
    ("a\nb\r\nc\u2028d", "a⏎b⏎c⏎d"),
    ("\x1b[2J\x9b\u202e", "\\x1b[2J\\x9b\\u202e"),
    ("::error::x", ":\u200b:error::x"),
    ("x ##[error]", "x ##\u200b[error]"),
    ("\ud800", "\\ud800"),
])
def test_display_rule(text: str, expected: str) -> None:
    assert neutral.display(text) == expected
    assert neutral.display(expected) == expected  # applying it twice changes nothing


def test_markdown_rule_defuses_mentions_and_autolinks() -> None:
    out = neutral.markdown("@org/team see https://evil.example and www.evil.example")
    assert out == ("@\u200borg/team see https:\u200b//evil.example and "
                   "www\u200b.evil.example")


def test_json_rule_keeps_values() -> None:
    text = json.dumps({"k": "a\u2028b\x85##[c\u202e"}, ensure_ascii=False)
    safe = neutral.json_text(text)
    assert json.loads(safe) == json.loads(text)
    hc.common(safe)
    assert "##[" not in safe


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/a?b=1", True), ("http://x.org", True),
    ('https://x" onmouseover="alert(1)', False), ("javascript:alert(1)", False),
    ("https://", False), ("https://x.org/\x1b", False), ("ftp://x.org", False),
])
def test_safe_url(url: str, ok: bool) -> None:
    assert (neutral.safe_url(url) == url) is ok
