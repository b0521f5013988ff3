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
    """Messages, report chrome, schema descriptions and labels, and every `--help` text."""
    from mgf_check.cli import help_texts

    assert list(catalogs.problems(help_texts())) == []


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


#: Words that mark a sentence as English in a French or Spanish report (none of them is a
#: French or Spanish word).
_ENGLISH = """the and of to with for is are not which that this from by at when what where every
each has have was were be been or in it its than their there they these those would should
measure measures criteria criterion partly gap gaps topic topics city recommendation first steps
left blank core do why how none only still yet more all any our notes"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())


def _own_text(path: Path) -> list[str]:
    """Every text the city wrote in its file (names, evidence, notes): kept as written."""
    import yaml

    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) > 2:
            found.append(" ".join(value.split()))

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(set(found), key=len, reverse=True)


def english_left(text: str, path: Path) -> list[str]:
    """English words left in a report, with their context, once the city's own text, codes,
    ids, file names, options and web addresses are set aside."""
    import re

    text = " ".join(text.split())
    for own in _own_text(path):
        text = text.replace(own, " ")
    text = re.sub(r"`[^`]*`|\S+\.yaml\S*|--\w+|\b[A-Z]+-[A-Z0-9.]+\b|https?://\S+", " ", text)
    return [text[max(0, m.start() - 40):m.end() + 40] for m in re.finditer(r"[^\W\d_]+", text)
            if m.group().lower() in ENGLISH_WORDS]


def test_english_left_finds_english() -> None:
    from tests.conftest import EXAMPLES

    path = EXAMPLES / "riverton.yaml"
    assert english_left("Premières étapes : 3 mesures to create or change", path)
    assert english_left("Riverton Alert · alerte précoce", path) == []  # the city's own name


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["rapport mgf-check", "Premières étapes", "non atteint", "ni un classement",
            "Plan d'urgence (crises)"]),
    ("es", ["informe mgf-check", "Primeros pasos", "no cumplido", "ni una clasificación",
            "Plan de emergencia (crisis)"]),
])
def test_whole_report_in_the_language(cli: Cli, language: str, expected: list[str]) -> None:
    """The terminal, HTML and Markdown reports read wholly in the language: the chrome, the measure
    labels and the catalogue text (titles, met and partial meanings, recommendations). Only
    the city's own text, codes, ids and proper nouns stay as they are."""
    import html
    import re

    from tests.conftest import EXAMPLES

    path = EXAMPLES / "riverton.yaml"
    report = cli("--lang", language, "check", str(path))
    assert report.exit_code in (0, 1), report.stderr
    text = " ".join(report.stdout.split())  # the terminal wraps lines
    for phrase in expected:
        assert phrase in text, phrase
    left = sorted(m for m in _english_chrome() if m in text)
    assert left == [], f"English report chrome left in the {language} report: {left}"
    assert english_left(text, path) == []
    page = cli("--lang", language, "check", str(path), "-F", "html").stdout
    assert f'<html lang="{language}">' in page
    body = re.sub(r'<section id="appendix">.*?</section>|<style>.*?</style>', "", page,
                  flags=re.S)  # the technical appendix keeps the catalogues' provenance notes
    assert english_left(html.unescape(re.sub(r"<[^>]+>", " ", body)), path) == []
    markdown = cli("--lang", language, "check", str(path), "-F", "markdown").stdout
    assert english_left(markdown.split("<details>")[0], path) == []
    json_report = cli("--lang", language, "check", str(path), "-F", "json").stdout
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
    def words(text: str) -> str:  # the terminal wraps lines; French keeps no-break spaces
        return " ".join(text.split())

    explained = words(cli("--lang", "fr", "explain", first.id).stdout)
    assert words(first.title) in explained and words(first.question) in explained
    assert words(first.recommendation) in explained and words(first.met_means) in explained
    spanish = words(cli("--lang", "es", "explain", first.id).stdout)
    assert words(content.localize(load_bundled("micic"), "es").criteria[0].question) in spanish


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


@pytest.mark.parametrize(("args", "expected"), [
    (("--lang", "fr", "check", "--help"), ["Utilisation :", "Vérifier des fichiers de politique",
                                           "Afficher ce message et quitter."]),
    (("--lang", "es", "--help"), ["Uso:", "Comandos:", "Un cuestionario guiado"]),
    (("--lang", "fr", "form", "export", "--help"), ["Écrire un classeur", "Options :"]),
])
def test_help_in_the_language(cli: Cli, args: tuple[str, ...], expected: list[str]) -> None:
    result = cli(*args)
    text = " ".join(result.stdout.split())
    assert result.exit_code == 0
    for phrase in expected:
        assert " ".join(phrase.split()) in text, phrase
    assert "Show this message" not in text
    english = cli(*args[2:])  # the same help without --lang: English again
    assert "Show this message and exit." in english.stdout


@pytest.mark.parametrize(("country", "hint"), [
    ("France", "--lang fr"), ("MX", "--lang es"), ("PL", None)])
def test_a_french_or_spanish_speaking_country_hints_at_lang(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, country: str,
        hint: str | None) -> None:
    for name in i18n.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    target = tmp_path / "city.yaml"
    target.write_text(f"schema_version: 1\ncity:\n  name: V\n  country: {country}\n"
                      "assessment:\n  date: 2026-01-01\n", encoding="utf-8")
    stderr = cli("validate", str(target)).stderr
    assert (hint in stderr) if hint else "--lang" not in stderr
    assert "--lang" not in cli("--lang", "en", "validate", str(target)).stderr


def test_a_criterion_lacking_a_translated_recommendation_is_reported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import copy

    from mgf_check.catalogue.loader import load_bundled
    from mgf_check.translation import content

    micic = load_bundled("micic")
    data = copy.deepcopy(dict(content.load_translation("micic", "es")))
    first = micic.criteria[0].id
    del data["criteria"][first]["recommendation"]
    del data["framework_text"]["edition"]
    monkeypatch.setattr(content, "load_translation", lambda framework, language: data)
    lacking = list(content.missing(micic, "es"))
    assert f"frameworks/translations/es/micic.yaml: {first}: no recommendation" in lacking
    assert "frameworks/translations/es/micic.yaml: framework_text: no edition" in lacking
