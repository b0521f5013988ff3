"""Translations of the catalogue text, kept beside the catalogues.

`frameworks/translations/<lang>/<framework>.yaml` holds, for one bundled framework, the
translated titles of its groups and the translated text of its criteria, keyed by id: the
title and question, what met and partial mean, the recommendation, and (where a criterion has
them) when it applies and why a measure for nationals may count. The file carries a `status`
(how far the translation was checked) and a note; entries checked by back-translation say so
(`checked`). Each criterion also records a short fingerprint of the English text it
translates, so a criterion whose English was corrected afterwards is reported as stale instead
of showing an outdated translation. Ids, keys and allowed values are never translated; the
`practice` examples (shown only by `explain` and the catalogue docs) stay in English.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mgf_check.model import Criterion, Framework, JSONObject

#: Criterion fields that carry reader-facing text and may be translated.
TEXT_FIELDS = ("title", "question", "met_means", "partial_means", "recommendation",
               "applies_means", "nationals_may_qualify")
#: Fields a translation must cover wherever the English criterion has them: everything a
#: report shows from a criterion.
REQUIRED_FIELDS = TEXT_FIELDS
#: How far a translation file was checked, weakest first. Never claim a review that did not
#: happen: `reviewed-by-native-speaker` needs a named reviewer in the file's note.
STATUSES = ("machine-drafted", "machine-drafted, reviewed for meaning by back-translation",
            "reviewed-by-native-speaker")


def translations_dir() -> Path:
    """`frameworks/translations` inside the installed package (or the source tree)."""
    from mgf_check.catalogue.bundled import frameworks_dir

    return Path(frameworks_dir()) / "translations"


def fingerprint(criterion: Criterion) -> str:
    """8 hex digits of the English text the translated fields translate."""
    text = "\n".join(getattr(criterion, name) for name in REQUIRED_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def framework_fingerprint(framework: Framework) -> str:
    """8 hex digits of the framework's English title and edition."""
    text = f"{framework.title}\n{framework.edition}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def translation_path(framework_id: str, language: str) -> Path:
    return translations_dir() / language / f"{framework_id}.yaml"


@functools.cache
def load_translation(framework_id: str, language: str) -> JSONObject:
    """The translation file's data, or {} when there is none."""
    from mgf_check.loading.yamlsource import load_file

    path = translation_path(framework_id, language)
    if not path.is_file():
        return {}
    data = load_file(path, f"frameworks/translations/{language}/{framework_id}.yaml").data
    return data if isinstance(data, dict) else {}


def localize(framework: Framework, language: str) -> Framework:
    """`framework` with its group titles and criteria text in `language` where translated
    (and current); English elsewhere."""
    if language == "en":
        return framework
    data = load_translation(framework.id, language)
    if not data:
        return framework
    groups = data.get("groups") or {}
    criteria = data.get("criteria") or {}
    new_groups = tuple(dataclasses.replace(g, title=str(groups[g.id]["title"]))
                       if isinstance(groups.get(g.id), dict) and groups[g.id].get("title")
                       else g for g in framework.groups)
    new_criteria = tuple(_criterion(c, criteria.get(c.id)) for c in framework.criteria)
    own = data.get("framework_text") or {}
    title, edition = framework.title, framework.edition
    if isinstance(own, dict) and own.get("source") == framework_fingerprint(framework):
        title, edition = str(own.get("title") or title), str(own.get("edition") or edition)
    return dataclasses.replace(framework, groups=new_groups, criteria=new_criteria,
                               title=title, edition=edition)


def _criterion(criterion: Criterion, entry: Any) -> Criterion:
    if not isinstance(entry, dict) or entry.get("source") != fingerprint(criterion):
        return criterion  # none, or written for an older English text: English is safer
    changes: dict[str, Any] = {k: str(entry[k]) for k in TEXT_FIELDS if entry.get(k)}
    return dataclasses.replace(criterion, **changes)


def missing(framework: Framework, language: str) -> Iterator[str]:
    """What the translation of `framework` into `language` lacks, one line each."""
    data = load_translation(framework.id, language)
    where = f"frameworks/translations/{language}/{framework.id}.yaml"
    if not data:
        yield f"{where}: no translation file"
        return
    if data.get("status") not in STATUSES:
        yield f"{where}: status must be one of {', '.join(STATUSES)}"
    own = data.get("framework_text") or {}
    for name in ("title", "edition"):
        if getattr(framework, name) and not (isinstance(own, dict) and own.get(name)):
            yield f"{where}: framework_text: no {name}"
    groups = data.get("groups") or {}
    for group in framework.groups:
        if not (groups.get(group.id) or {}).get("title"):
            yield f"{where}: group {group.id}: no title"
    criteria = data.get("criteria") or {}
    for criterion in framework.criteria:
        entry = criteria.get(criterion.id)
        if not isinstance(entry, dict):
            yield f"{where}: {criterion.id}: not translated"
            continue
        for name in REQUIRED_FIELDS:
            if getattr(criterion, name) and not entry.get(name):
                yield f"{where}: {criterion.id}: no {name}"
            elif entry.get(name) and not getattr(criterion, name):
                yield f"{where}: {criterion.id}: {name} translates no English text"
    known = {c.id for c in framework.criteria}
    for extra in sorted(set(criteria) - known):
        yield f"{where}: {extra}: no such criterion"


def stale(framework: Framework, language: str) -> Iterator[str]:
    """Translated criteria whose English text changed since (shown in English until redone)."""
    data = load_translation(framework.id, language)
    criteria = data.get("criteria") or {}
    where = f"frameworks/translations/{language}/{framework.id}.yaml"
    own = data.get("framework_text") or {}
    if isinstance(own, dict) and own and own.get("source") != framework_fingerprint(framework):
        yield (f"{where}: framework_text: stale (translate the title and edition again and set "
               f"source: {framework_fingerprint(framework)})")
    for criterion in framework.criteria:
        entry = criteria.get(criterion.id)
        if isinstance(entry, dict) and entry.get("source") != fingerprint(criterion):
            yield (f"{where}: {criterion.id}: stale (the English text changed; translate it "
                   f"again and set source: {fingerprint(criterion)})")
