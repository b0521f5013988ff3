"""`mgf-check fix`: safe repairs shown as a diff, written only with --write, comments kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mgf_check.entry.fix import fix_text
from mgf_check.loading.yamlsource import load_text

Cli = Callable[..., Any]

MESSY = """\
# Valcourt-sur-Meuse, drafted by the social services
schema_version: 1
city:
  name: Valcourt-sur-Meuse
  country: France          # the officer wrote the name
  population: 182.000
  migrant_share: 11,4
  migrant_languages: arabe, pachto, Tigrinya
assessment:
  date: 31/12/2025
governance:
  strategy:
    status: Implemented    # adopted by the council in 2021
    action_plan: oui
    monitoring: "true"
    consulted_migrants: no
    reviewed: 03/05/2024
    evidence:
      - title: Délibération n°2021-45
        date: 30/06/2021
crisis:
  early_warning:
    status: pilot
    channels: [SMS, Sirens, sirènes]
    scope: Regular Status
"""


def test_repairs_are_certain_and_keep_comments() -> None:
    result = fix_text(MESSY)
    fixed = load_text(result.fixed, "city.yaml").data
    assert fixed["city"]["country"] == "FR"
    assert fixed["city"]["population"] == 182000
    assert fixed["city"]["migrant_share"] == 11.4
    assert fixed["city"]["migrant_languages"] == ["ar", "ps", "ti"]
    assert fixed["assessment"]["date"] == "2025-12-31"
    strategy = fixed["governance"]["strategy"]
    assert strategy["status"] == "implemented"
    assert (strategy["action_plan"], strategy["monitoring"],
            strategy["consulted_migrants"]) == (True, True, False)
    assert strategy["evidence"][0]["date"] == "2021-06-30"
    warning = fixed["crisis"]["early_warning"]
    assert warning["channels"] == ["sms", "sirens", "sirènes"]  # sirènes: not sure, left
    assert warning["scope"] == "regular-status"
    for comment in ("# Valcourt-sur-Meuse, drafted", "# the officer wrote the name",
                    "# adopted by the council in 2021"):
        assert comment in result.fixed
    # 03/05/2024 may be 3 May or 5 March: refused, not guessed
    assert strategy["reviewed"] == "03/05/2024"
    [doubt] = result.doubts
    assert doubt.pointer == "/governance/strategy/reviewed" and "2024-05-03" in doubt.message
    assert "2024-03-05" in doubt.message and "--dates" in doubt.hint
    assert "-  country: France" in result.diff("city.yaml").replace("-  ", "-  ")


def test_ambiguous_dates_follow_the_stated_order_or_the_answer() -> None:
    assert load_text(fix_text(MESSY, date_order="mdy").fixed, "c").data["governance"][
        "strategy"]["reviewed"] == "2024-03-05"
    asked: list[str] = []

    def ask(pointer: str, written: str, readings: list[str]) -> str:
        asked.append(pointer)
        return readings[0]
    result = fix_text(MESSY, ask=ask)
    assert asked == ["/governance/strategy/reviewed"] and not result.doubts


def test_nothing_to_fix_leaves_the_text_alone() -> None:
    text = "schema_version: 1\ncity: {name: A, country: FR}\nassessment: {date: 2026-01-01}\n"
    result = fix_text(text)
    assert result.fixed == text and result.repairs == [] and result.diff("c") == ""


def test_cli_shows_a_diff_and_writes_only_with_write(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "city.yaml"
    messy = MESSY.replace("sirènes", "radio")
    target.write_text(messy, encoding="utf-8")
    shown = cli("fix", str(target), "--dates", "dmy")
    assert shown.exit_code == 1, shown.stderr
    assert "+  country: FR" in shown.stdout and "-  country: France" in shown.stdout
    assert target.read_text(encoding="utf-8") == messy  # not written
    written = cli("fix", str(target), "--dates", "dmy", "--write")
    assert written.exit_code == 0, written.stderr
    assert "wrote" in written.stderr
    assert cli("validate", str(target)).exit_code == 0
    again = cli("fix", str(target))
    assert again.exit_code == 0 and "nothing to repair" in again.stderr


def test_cli_refuses_an_ambiguous_date_and_reports_what_remains(cli: Cli,
                                                                tmp_path: Path) -> None:
    target = tmp_path / "city.yaml"
    target.write_text(MESSY.replace("sirènes", "sirenz"), encoding="utf-8")
    result = cli("fix", str(target), "--write")
    assert result.exit_code == 2
    assert "can be read two ways" in result.stderr
    assert "'sirenz' is not an allowed value" in result.stderr  # re-validated
    text = target.read_text(encoding="utf-8")
    assert "country: FR" in text and "reviewed: 03/05/2024" in text


def test_cli_never_touches_a_file_it_cannot_parse(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "city.yaml"
    broken = "schema_version: 1\ncity:\n\tname: x\n"
    target.write_text(broken, encoding="utf-8")
    result = cli("fix", str(target), "--write")
    assert result.exit_code == 2 and "city.yaml:3:1" in result.stderr
    assert target.read_text(encoding="utf-8") == broken
