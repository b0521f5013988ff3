"""Item 5 of issue 11: a new user's first contact with the YAML file.

The template lists every field with its allowed values, an untouched template is reported, errors
show the source line with a caret, and the hints the UX review found misleading say the right
thing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mgf_check.entry.fields import blocks
from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.loading.yamlsource import load_text
from mgf_check.pipeline import load_policy
from mgf_check.schema.validation import validate
from mgf_check.tools.template import render_template

Cli = Callable[..., Any]
HEAD = ("schema_version: 1\ncity:\n  name: Valcourt\n  country: FR\nassessment:\n"
        "  date: 2026-01-01\n")


def only(text: str) -> Problem:
    found = validate(load_text(text, "city.yaml"), "policy")
    assert len(found) == 1, [p.render() for p in found]
    return found[0]


def load_error(tmp_path: Path, text: str) -> Problem:
    target = tmp_path / "city.yaml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyLoadError) as caught:
        load_policy(target, "city.yaml")
    assert len(caught.value.problems) == 1, caught.value
    return caught.value.problems[0]


def test_template_lists_every_field_and_every_allowed_value_without_cut_off_text() -> None:
    text = render_template("city.yaml")
    assert "…" not in text and all(len(line) <= 100 for line in text.splitlines())
    comments = " ".join(line.strip().lstrip("#").strip() for line in text.splitlines())
    for block in blocks():
        for field in block.fields:
            assert f"{field.key}:" in text, field.pointer
            for value in field.allowed:
                assert value in comments, (field.pointer, value)
    words = comments.split()  # every description is there in full, not only its start
    for block in blocks():
        for field in block.fields:
            assert " ".join(field.description.split()) in " ".join(words), field.pointer


def test_untouched_template_is_reported_as_such(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert cli("init", str(target), "--date", "2026-01-01").exit_code == 0
    result = cli("check", str(target))
    assert result.exit_code == 2
    assert "untouched template" in result.stderr and "interview" in result.stderr
    filled = target.read_text().replace("Example City", "Valcourt").replace("country: XX",
                                                                          "country: FR")
    target.write_text(filled)
    assert cli("validate", str(target)).exit_code == 0


def test_init_without_a_path_writes_city_yaml_here(cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    assert (tmp_path / "city.yaml").is_file()
    again = cli("init")
    assert again.exit_code == 2 and "mgf-check init yourcity.yaml" in again.stderr


def test_dash_h_is_help(cli: Cli) -> None:
    assert cli("-h").exit_code == 0 and "Usage" in cli("-h").stdout
    assert "--fail-on" in cli("check", "-h").stdout


def test_errors_show_the_source_line_with_a_caret(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "city.yaml"
    target.write_text(HEAD + "rights:\n  health:\n    status: en cours\n", encoding="utf-8")
    err = cli("check", str(target)).stderr
    assert "  9 |     status: en cours\n    |             ^^^^^^^^\n" in err


def test_done_does_not_suggest_none_but_explains_each_value() -> None:
    problem = only(HEAD + "rights:\n  health:\n    status: done\n")
    assert "none'?" not in problem.hint
    assert "implemented (in force and operating)" in problem.hint
    assert "did you mean 'implemented'?" in only(HEAD + "rights:\n  health:\n"
                                                  "    status: Implemented\n").hint
    channels = only(HEAD + "crisis:\n  early_warning:\n    status: pilot\n    channels: [SMS]\n")
    assert channels.hint.startswith("did you mean 'sms'?")


def test_evidence_hint_leads_to_a_valid_shape() -> None:
    first = only(HEAD + "rights:\n  health:\n    status: pilot\n    evidence: Délibération 45\n")
    assert "- title:" in first.hint and "[en, fr]" not in first.hint
    second = only(HEAD + "rights:\n  health:\n    status: pilot\n    evidence: [Délibération]\n")
    assert "- title: Délibération" in second.hint
    fixed = HEAD + "rights:\n  health:\n    status: pilot\n    evidence:\n      - title: D 45\n"
    assert validate(load_text(fixed, "city.yaml"), "policy") == []


@pytest.mark.parametrize(("written", "expected"), [
    ('"true"', "remove the quotes: write true"),
    ("yes", "write true for yes and false for no"),
    ("oui", "write true for yes and false for no"),
])
def test_boolean_hints(written: str, expected: str) -> None:
    problem = only(HEAD + f"rights:\n  health:\n    status: pilot\n    funded: {written}\n")
    assert expected in problem.hint
    if written.startswith('"'):
        assert "found the quoted text 'true'" in problem.message


def test_number_hints() -> None:
    assert "use a decimal point: 11.4" in only(HEAD.replace(
        "country: FR", "country: FR\n  migrant_share: 11,4")).hint
    assert "without separators: 182000" in only(HEAD.replace(
        "country: FR", "country: FR\n  population: 182 000")).hint
    assert "[ar, ps, ti]" in only(HEAD.replace(
        "country: FR", "country: FR\n  migrant_languages: ar, ps, ti")).hint


def test_population_with_a_thousands_point_is_questioned(tmp_path: Path) -> None:
    problem = load_error(tmp_path, HEAD.replace("country: FR", "country: FR\n  population: "
                                                "182.000"))
    assert problem.span is not None and (problem.span.line, problem.span.column) == (5, 15)
    assert "found 182.000" in problem.message and "write 182000" in problem.hint
    ok = tmp_path / "ok.yaml"
    ok.write_text(HEAD.replace("country: FR", "country: FR\n  population: 182000"))
    assert load_policy(ok).data["city"]["population"] == 182000


def test_indentation_error_points_at_the_line_out_of_line(tmp_path: Path) -> None:
    text = HEAD + ("economy:\n  employment_services:\n      name: Mission locale\n"
                   "     status: implemented\n      scope: everyone\n")
    problem = load_error(tmp_path, text)
    assert problem.span is not None and problem.span.line == 10
    assert "line 10 is indented 5 spaces" in problem.hint
    assert "10 |      status: implemented" in problem.render()


def test_indentation_noticed_late_is_moved_to_the_odd_line() -> None:
    from mgf_check.loading.yamlsource import _indentation

    text = "a:\n  b:\n      name: x\n     status: y\n      scope: z\n"
    problem = _indentation("c.yaml", text, 5, "did not find expected key")
    assert problem is not None and problem.span is not None and problem.span.line == 4


def test_colon_in_a_value_asks_for_quotes(tmp_path: Path) -> None:
    problem = load_error(tmp_path, HEAD + "rights:\n  health:\n    name: Plan: 2021\n")
    assert "must be in quotes" in problem.hint


def test_tab_error_says_to_use_spaces(tmp_path: Path) -> None:
    problem = load_error(tmp_path, HEAD + "\tpopulation: 3\n")
    assert "replace the tab with spaces" in problem.hint and problem.source_line


def test_a_status_typed_after_a_hash_is_a_located_error(tmp_path: Path) -> None:
    problem = load_error(tmp_path, HEAD + "economy:\n  employment_services:  # partner desk "
                                          "status: implemented\nrights:\n  health:\n"
                                          "    status: implemented  # status: adopted in 2019\n")
    assert problem.rule == "comment" and problem.span is not None
    assert (problem.span.line, problem.span.column) == (8, 25)  # at the `#`
    assert "`status: implemented` is inside a comment" in problem.message
    assert "own line under `employment_services:`" in (problem.hint or "")


def test_an_ordinary_comment_after_an_empty_measure_is_fine(tmp_path: Path) -> None:
    target = tmp_path / "city.yaml"
    target.write_text(HEAD + "economy:\n  employment_services:  # to ask the job centre\n",
                      encoding="utf-8")
    load_policy(target, "city.yaml")  # no error: the comment holds no field
