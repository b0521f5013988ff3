"""Translations of the program's own words (gettext), chosen with `--lang` or the environment.

`_("text")` marks and translates a message at the moment it is shown; `set_language("fr")`
switches the process. The catalogues are standard gettext files under `i18n/locale/`: the
`.po` files are the sources translators edit, the `.mo` files beside them are compiled from
them with Babel (`python scripts/i18n.py compile`) and committed, so a fresh clone and the
wheel both work without a build step; a test fails when a `.mo` is stale or a string lacks a
translation. Keys and allowed values in the YAML stay canonical in every language.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "mgf_check"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The languages mgf-check speaks; English is the source language.
LANGUAGES = ("en", "fr", "es")
#: Environment variables read for the language, in gettext's order of precedence.
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_code = "en"


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it (it is translated where shown,
    with `_`)."""
    return message


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, looked up under `context` (e.g. "measure")."""
    return _current.pgettext(context, message)


def schema_text(text: str) -> str:
    """A description from the policy schema in the current language (the schema's English
    descriptions are message ids of the catalogue; "" stays "")."""
    return _current.gettext(text) if text else text


#: Countries where French or Spanish is an official language (ISO 3166-1 alpha-2), for the
#: hint that `--lang fr` / `--lang es` exists.
_FRENCH = """FR BE CH LU MC CA SN CI ML BF NE TG BJ GN CM CD CG GA MG HT DJ KM CF TD RW BI MA DZ
TN SC VU RE GP MQ GF YT NC PF PM WF BL MF"""
_SPANISH = "ES MX AR BO CL CO CR CU DO EC SV GT HN NI PA PY PE PR UY VE GQ"
SPOKEN_IN = {"fr": frozenset(_FRENCH.split()), "es": frozenset(_SPANISH.split())}


def language_of_country(code: str) -> str | None:
    """`fr` or `es` when the country speaks one of them, else None."""
    return next((lang for lang, codes in SPOKEN_IN.items() if code.upper() in codes), None)


#: gettext context of the labels of the schema's allowed values.
VALUE_CONTEXT = "allowed value"


def value_label(value: str) -> str:
    """The label people read for an allowed value (`sirens` -> `sirènes`); the value itself
    in English. The value stays what is written in the YAML."""
    return _current.pgettext(VALUE_CONTEXT, value)


def labelled(values: tuple[str, ...] | list[str], separator: str = ", ") -> str:
    """Allowed values for a reader: `monthly, quarterly` in English, `monthly (chaque mois),
    quarterly (chaque trimestre)` in French (the value to write first, then its label)."""
    return separator.join(v if value_label(v) == v else f"{v} ({value_label(v)})"
                          for v in values)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the current language."""
    return _current.ngettext(singular, plural, count)


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The first supported language named by LANGUAGE, LC_ALL, LC_MESSAGES or LANG."""
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        for item in env.get(name, "").split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
    return "en"


def set_language(code: str | None) -> str:
    """Switch to `code` (or to the environment's language when None); returns the code."""
    global _current, _code
    chosen = code if code in LANGUAGES else from_environment()
    if chosen == "en":
        _current = _gettext.NullTranslations()
    else:
        _current = _gettext.translation(DOMAIN, LOCALE_DIR, [chosen], fallback=True)
    _code = chosen
    return chosen


def language() -> str:
    """The current language code."""
    return _code
