"""Reading a typed answer into a value of a field's kind, for the questionnaire and the form.

Every reader returns the value, or raises `BadAnswer` with what to type instead. An empty
answer means "don't know" and is handled by the caller.
"""

from __future__ import annotations

import datetime as dt
import re

from mgf_check.entry.fields import Field
from mgf_check.entry.fix import FALSE_WORDS, TRUE_WORDS, language_names
from mgf_check.i18n import _
from mgf_check.model import JSONValue

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


class BadAnswer(ValueError):
    """An answer that cannot be read as a value of the field's kind."""


def _number(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f']", "", text)


def read_boolean(text: str) -> bool:
    word = text.strip().casefold()
    if word in TRUE_WORDS or word in ("1",):
        return True
    if word in FALSE_WORDS or word in ("2",):
        return False
    raise BadAnswer(_("answer yes or no"))


def _pick(text: str, allowed: tuple[str, ...]) -> str:
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= len(allowed):
        return allowed[int(text) - 1]
    folded = {a.casefold(): a for a in allowed}
    key = text.casefold().replace(" ", "-").replace("_", "-")
    if key in folded:
        return folded[key]
    raise BadAnswer(_("type one of the numbers shown"))


def read_choices(text: str, allowed: tuple[str, ...]) -> list[str]:
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    out: list[str] = []
    for part in parts:
        value = _pick(part, allowed)
        if value not in out:
            out.append(value)
    return out


def read_codes(text: str) -> list[str]:
    names = language_names()
    out: list[str] = []
    for part in (p.strip() for p in re.split(r"[,;]+|\s+(?=\S)", text.strip()) if p.strip()):
        code = part if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", part) else \
            names.get(_fold(part))
        if code is None and re.fullmatch(r"[A-Za-z]{2,3}", part):
            code = part.lower()
        if code is None:
            raise BadAnswer(_("{name!r} is not a language code or a known language name; "
                              "type codes such as en, fr, ar").format(name=part))
        if code not in out:
            out.append(code)
    return out


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def read_date(text: str) -> str:
    text = text.strip()
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if day <= 12 and month <= 12 and day != month:
            raise BadAnswer(_("{text} can be read two ways: type it as YYYY-MM-DD").format(
                text=text))
        text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date() -> str:
    raise BadAnswer(_("type a date as YYYY-MM-DD, e.g. 2024-06-30"))


def read_since(text: str) -> str | int:
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text
    return read_date(text)


def read_integer(text: str) -> int:
    plain = _number(text)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", plain):
        plain = re.sub(r"[.,]", "", plain)
    if not plain.isdigit():
        raise BadAnswer(_("type a whole number, e.g. 182000"))
    return int(plain)


def read_number(text: str) -> float | int:
    plain = _number(text).replace(",", ".")
    try:
        value = float(plain)
    except ValueError:
        raise BadAnswer(_("type a number, e.g. 11.4")) from None
    return int(value) if value.is_integer() and "." not in plain else value


def read_answer(field: Field, text: str) -> JSONValue:
    """The value of `field` that `text` means (never empty: the caller handles "don't know")."""
    kind = field.kind
    if kind == "boolean":
        return read_boolean(text)
    if kind == "choice":
        return _pick(text, field.allowed)
    if kind == "choices":
        return read_choices(text, field.allowed)
    if kind == "codes":
        return read_codes(text)
    if kind == "date":
        return read_date(text)
    if kind == "since":
        return read_since(text)
    if kind == "integer":
        return read_integer(text)
    if kind == "number":
        return read_number(text)
    if kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if kind == "text" and field.key == "country":
        from mgf_check.entry.fix import country_names

        code = text.strip().upper() if re.fullmatch(r"[A-Za-z]{2}", text.strip()) else \
            country_names().get(_fold(text))
        if code is None:
            raise BadAnswer(_("type the country's two-letter code (e.g. FR) or its name"))
        return code
    return text.strip()
