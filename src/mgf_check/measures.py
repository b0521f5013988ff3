"""What the city recorded about each measure a criterion reads, kept for the reports.

Criteria judge a measure; the reports show, next to that judgement, what the city wrote about
the measure: its name, instrument, who delivers it, its reach, its evidence and notes. Only
the measures some criterion reads (their `subject`) are kept, and only descriptive fields:
the report stays small and never repeats the whole policy file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mgf_check.i18n import pgettext
from mgf_check.loading.sourcemap import segments, value_at
from mgf_check.model import JSONDict, JSONValue

#: gettext contexts of the two parts of a measure label (`Emergency plan` and `crisis`).
MEASURE_CONTEXT = "measure"
SECTION_CONTEXT = "policy section"

#: The descriptive fields shown next to a measure, in the order reports show them. Fields a
#: file does not have are skipped, so catalogues and schemas may add fields at any time.
RECORDED_FIELDS = ("name", "status", "instrument", "scope", "responsible", "delivered_by",
                   "since", "reach", "languages", "evidence", "notes")


def label_parts(subject: str) -> tuple[str, str]:
    """The English words of a measure label and its section: `/crisis/emergency_plan` ->
    (`Emergency plan`, `crisis`); a top-level pointer has no section ("")."""
    parts = [p for p in subject.split("/") if p]
    if not parts:
        return subject, ""
    words = " ".join(parts[1:] or parts).replace("_", " ").replace("anti ", "anti-")
    return words[:1].upper() + words[1:], parts[0] if len(parts) > 1 else ""


def measure_label(subject: str) -> str:
    """A measure's name from its place in the policy file, in the current language:
    `/crisis/emergency_plan` -> `Emergency plan (crisis)` (`Plan d'urgence (crise)`). The
    reports, the questionnaire and the spreadsheet all name measures with it."""
    words, section = label_parts(subject)
    if words == subject:
        return subject
    words = pgettext(MEASURE_CONTEXT, words)
    return f"{words} ({pgettext(SECTION_CONTEXT, section)})" if section else words


def _evidence(raw: Any) -> list[dict[str, str]]:
    items = raw if isinstance(raw, list) else []
    out = []
    for item in items:
        if isinstance(item, Mapping):
            out.append({k: str(item[k]) for k in ("title", "url", "date") if item.get(k)})
        elif item:
            out.append({"title": str(item)})
    return out


def recorded(data: JSONValue, subjects: Iterable[str]) -> dict[str, JSONDict]:
    """`subject pointer -> recorded fields` for every subject that holds a measure."""
    out: dict[str, dict[str, Any]] = {}
    for subject in sorted(set(subjects)):
        measure = value_at(data, segments(subject))
        if not isinstance(measure, Mapping):
            continue
        fields: dict[str, Any] = {}
        for key in RECORDED_FIELDS:
            value = measure.get(key)
            if value is None or value == [] or value == "":
                continue
            fields[key] = _evidence(value) if key == "evidence" else _plain(value)
        if fields:
            out[subject] = fields
    return out


def _plain(value: Any) -> Any:
    """JSON-ready copies of recorded values (lists and mappings of text and numbers)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, int, float)):
        return value
    return str(value)
