"""Message-catalogue upkeep with Babel: extract the template, update the `.po`, compile `.mo`.

`scripts/i18n.py` runs these; the tests run `problems()` so that a string without a
translation, a stale template or a stale `.mo` fails the suite, naming what is missing.
Output is deterministic (fixed header dates, no line numbers), so regenerating an unchanged
catalogue changes nothing in git.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from mgf_check.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, VALUE_CONTEXT

PACKAGE = LOCALE_DIR.parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_FIXED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: Translators' notes, kept in every `.po` header.
STATUS = {
    "fr": "machine-drafted by the issue-11 helper (an AI model), read once for meaning; "
          "not yet reviewed by a French-speaking municipal officer",
    "es": "machine-drafted by the issue-11 helper (an AI model), read once for meaning; "
          "not yet reviewed by a Spanish-speaking municipal officer",
}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def translated() -> tuple[str, ...]:
    return tuple(code for code in LANGUAGES if code != "en")


def extract(extra: Iterable[str] = ()) -> Catalog:
    """Every marked string of the package, as a template catalogue; `extra` adds the
    command line's `--help` texts (`mgf_check.cli.help_texts()`, passed in by the caller:
    this layer does not import the command line)."""
    catalog = Catalog(project="mgf-check", version="1", creation_date=_FIXED,
                      revision_date=_FIXED, fuzzy=False, charset="utf-8")
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, _lineno, message, comments, context in found:
        catalog.add(message, None, [(f"mgf_check/{filename}", 0)],
                    auto_comments=comments, context=context)
    from mgf_check.translation.chrome import wording_messages

    for message in wording_messages():  # the report chrome: values, not `_()` calls
        catalog.add(message, None, [("mgf_check/reporters/wording.py", 0)])
    for message in extra:
        catalog.add(message, None, [("mgf_check/cli (--help)", 0)])
    for message, context in schema_messages():
        catalog.add(message, None, [("mgf_check/schemas/policy.schema.json", 0)],
                    context=context)
    return catalog


def schema_messages() -> list[tuple[str, str | None]]:
    """The policy schema's reader-facing words: every description (no context), every
    allowed value (context `allowed value`), and the measure and section names that label
    measures (contexts `measure` and `policy section`), for the blocks of the schema and the
    subjects of the bundled criteria."""
    from mgf_check.catalogue.loader import available, load_bundled
    from mgf_check.entry.fields import blocks
    from mgf_check.measures import MEASURE_CONTEXT, SECTION_CONTEXT, label_parts
    from mgf_check.schema.validation import load_schema

    found: set[tuple[str, str | None]] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str) and node["description"]:
                found.add((node["description"], None))
            for value in node.get("enum", ()):
                if isinstance(value, str):
                    found.add((value, VALUE_CONTEXT))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(load_schema("policy"))
    subjects = {b.pointer for b in blocks()} | {
        c.subject for f in available() for c in load_bundled(f).criteria}
    for subject in subjects:
        words, section = label_parts(subject)
        found.add((words, MEASURE_CONTEXT))
        if section:
            found.add((section, SECTION_CONTEXT))
    return sorted(found, key=lambda m: (m[1] or "", m[0]))


def _po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False,
             omit_header=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write_template(extra: Iterable[str] = ()) -> None:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_text(extract(extra)))


def update(language: str, extra: Iterable[str] = ()) -> None:
    """Bring a language's `.po` up to the template (new strings empty, obsolete dropped)."""
    template = extract(extra)
    path = po_path(language)
    if path.exists():
        catalog = read(language)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=language, domain=DOMAIN, project="mgf-check", version="1",
                          creation_date=_FIXED, revision_date=_FIXED, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.revision_date = _FIXED
    catalog.creation_date = _FIXED
    catalog.header_comment = (f"# mgf-check messages, {language}.\n# Translation status: "
                              f"{STATUS.get(language, '')}\n")
    path.write_bytes(_po_text(catalog))


def compile_mo(language: str) -> None:
    mo_path(language).write_bytes(_mo_bytes(read(language)))


def problems(extra: Iterable[str] = ()) -> Iterator[str]:
    """What is stale or missing, one line each (empty when the catalogues are complete);
    `extra`: the command line's `--help` texts."""
    template = extract(extra)
    if not TEMPLATE.exists() or TEMPLATE.read_bytes() != _po_text(template):
        yield f"{TEMPLATE.name} is stale: run `python scripts/i18n.py update`"
    for language in translated():
        if not po_path(language).exists():
            yield f"{language}: no {po_path(language).name}"
            continue
        catalog = read(language)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, context=message.context)
            text = found.string if found is not None else None
            empty = not text or (isinstance(text, tuple) and not all(text))
            if found is None or empty or found.fuzzy:
                yield f"{language}: no translation for {message.id!r}"
        if not mo_path(language).exists() or mo_path(language).read_bytes() != \
                _mo_bytes(catalog):
            yield f"{language}: {mo_path(language).name} is stale: run `python scripts/i18n.py " \
                  "compile`"
