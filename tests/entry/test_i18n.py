"""French and Spanish: the gettext catalogues are complete and fresh, the language comes from
--lang or the environment, and whole runs read in the chosen language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mgf_check import i18n
from mgf_check.translation import catalogs

Cli = Callable[..., Any]


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    from mgf_check.translation.chrome import localize_wording

    i18n.set_language("en")
    localize_wording()  # other tests render reports without the CLI: give them English back


def test_every_program_string_is_translated_and_the_mo_files_are_fresh() -> None:
    assert list(catalogs.problems()) == []


def test_po_headers_say_how_the_translation_was_checked() -> None:
    for language in catalogs.translated():
        header = catalogs.po_path(language).read_text(encoding="utf-8")
        assert "Translation status: machine-drafted" in header


def test_placeholders_survive_translation() -> None:
    import re

    for language in catalogs.translated():
        for message in catalogs.read(language):
            if message.id and isinstance(message.id, str) and isinstance(message.string, str) \
                    and message.string:
                assert set(re.findall(r"\{[a-z_!r]*\}", message.id)) == set(
                    re.findall(r"\{[a-z_!r]*\}", message.string)), (language, message.id)


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANGUAGE": "fr_FR:en"}, "fr"),
    ({"LC_ALL": "es_ES.UTF-8"}, "es"),
    ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "es_MX.UTF-8"}, "es"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def _english_chrome() -> set[str]:
    """The report chrome's English sentences that the translations must replace."""
    from mgf_check.translation.chrome import wording_messages

    return {m for m in wording_messages() if len(m) > 25}


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["rapport mgf-check", "Premières étapes", "non atteint", "ni un classement"]),
    ("es", ["informe mgf-check", "Primeros pasos", "no cumplido", "ni una clasificación"]),
])
def test_whole_report_in_the_language(cli: Cli, language: str, expected: list[str]) -> None:
    from tests.conftest import EXAMPLES

    report = cli("--lang", language, "check", str(EXAMPLES / "riverton.yaml"), "--verbose")
    assert report.exit_code in (0, 1), report.stderr
    text = " ".join(report.stdout.split())  # the terminal wraps lines
    for phrase in expected:
        assert phrase in text, phrase
    left = sorted(m for m in _english_chrome() if m in text)
    assert left == [], f"English report chrome left in the {language} report: {left}"
    json_report = cli("--lang", language, "check", str(EXAMPLES / "riverton.yaml"), "-F",
                      "json").stdout
    assert '"status": "met"' in json_report  # machine formats keep canonical values


@pytest.mark.parametrize(("language", "message", "hint"), [
    ("fr", "n'est pas une valeur autorisée", "retirez les guillemets"),
    ("es", "no es un valor permitido", "quite las comillas"),
])
def test_errors_and_hints_in_the_language(cli: Cli, tmp_path: Path, language: str,
                                          message: str, hint: str) -> None:
    target = tmp_path / "city.yaml"
    target.write_text("schema_version: 1\ncity:\n  name: V\n  country: FR\nassessment:\n"
                      "  date: 2026-01-01\nrights:\n  health:\n    status: done\n"
                      '    funded: "true"\n', encoding="utf-8")
    result = cli("--lang", language, "validate", str(target))
    assert result.exit_code == 2 and message in result.stderr and hint in result.stderr


def test_language_from_the_environment_reaches_the_template(cli: Cli, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setenv("LANGUAGE", "es_ES")
    target = tmp_path / "ciudad.yaml"
    assert cli("init", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "¿Prefiere no escribir YAML?" in text and "(obligatorio)" in text
    assert "\nstatus: implemented" not in text and "schema_version: 1" in text
    monkeypatch.setenv("LANGUAGE", "en")


def test_unknown_language_is_a_usage_error(cli: Cli) -> None:
    result = cli("--lang", "de", "frameworks")
    assert result.exit_code == 2 and "choose one of: en, fr, es" in result.stderr


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_criterion_has_a_translated_title_and_question(language: str) -> None:
    from mgf_check.catalogue.loader import available, load_bundled
    from mgf_check.translation import content

    lacking = [line for f in available()
               for line in content.missing(load_bundled(f), language)]
    assert lacking == [], "\n".join(lacking)


def test_catalogue_text_reaches_reports_and_explain(cli: Cli) -> None:
    from mgf_check.catalogue.loader import load_bundled
    from mgf_check.translation import content

    french = content.localize(load_bundled("micic"), "fr")
    first = french.criteria[0]
    assert first.title != load_bundled("micic").criteria[0].title
    explained = " ".join(cli("--lang", "fr", "explain", first.id).stdout.split())
    assert first.title in explained and first.question in explained
    spanish = " ".join(cli("--lang", "es", "explain", first.id).stdout.split())
    assert content.localize(load_bundled("micic"), "es").criteria[0].question in spanish


def test_a_changed_english_text_falls_back_to_english() -> None:
    import dataclasses

    from mgf_check.catalogue.loader import load_bundled
    from mgf_check.model import Framework
    from mgf_check.translation import content

    micic = load_bundled("micic")
    edited = dataclasses.replace(micic.criteria[0], question="A corrected English question?")
    changed = Framework(**{**{f.name: getattr(micic, f.name)
                              for f in dataclasses.fields(micic)},
                           "criteria": (edited, *micic.criteria[1:])})
    assert content.localize(changed, "fr").criteria[0].question == "A corrected English question?"
    assert [line for line in content.stale(changed, "fr") if edited.id in line]
