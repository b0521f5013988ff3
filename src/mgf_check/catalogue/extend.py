"""The `extends` algebra of custom catalogues: select, drop, override and additions on top of
the catalogue they extend."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from mgf_check.catalogue.compile import compile_framework, fail
from mgf_check.catalogue.ids import resolve
from mgf_check.loading.yamlsource import LoadedDocument
from mgf_check.model import Criterion, Framework, Group, Priority


def extend(parent: Framework, doc: LoadedDocument) -> Framework:
    """Apply a custom catalogue's select/drop/override/additions on top of its parent."""
    data = doc.data
    own = compile_framework(doc, validated=True, inherited=parent.groups)
    inherited_ids = {c.id for c in parent.criteria}
    for i, criterion in enumerate(own.criteria):
        if criterion.id in inherited_ids:
            raise fail(doc, f"/criteria/{i}/id", f"criterion {criterion.id!r} is already in "
                        "the extended catalogue", "use `override` to change it, or a new id")
    groups = [*parent.groups, *own.groups]
    criteria = list(parent.criteria)
    notes: list[str] = []
    known = {c.id for c in criteria}
    select = _renamed(data.get("select", {}), known, notes)
    drop = _renamed(data.get("drop", {}), known, notes)
    overrides = {_resolve_noting(cid, known, notes): change
                 for cid, change in data.get("override", {}).items()}
    _check_ids(doc, "/select", select, groups, criteria)
    _check_ids(doc, "/drop", drop, groups, criteria)
    if select.get("groups"):
        own_groups = {g.id for g in own.groups}  # selects among inherited groups only
        groups = [g for g in groups if g.id in select["groups"] or g.id in own_groups]
    if select.get("criteria"):
        criteria = [c for c in criteria if c.id in select["criteria"]]
    groups = [g for g in groups if g.id not in drop.get("groups", [])]
    criteria = [c for c in criteria if c.id not in drop.get("criteria", [])]
    kept = {g.id for g in groups}
    criteria = [c for c in criteria if c.group in kept]
    criteria = _override(doc, criteria, overrides)
    meta = data["framework"]
    added = [c for c in own.criteria if c.group in kept]
    return Framework(
        id=meta["id"], title=meta["title"], short_title=meta.get("short_title", meta["id"]),
        # a tailored catalogue never passes for its parent's (e.g. IOM) edition
        edition=meta.get("edition") or f"custom catalogue based on {parent.short_title}"
        + (f" ({parent.edition})" if parent.edition else ""),
        source=meta.get("source", parent.source),
        description=meta.get("description", parent.description),
        groups=tuple(groups),
        criteria=tuple(replace(c, framework=meta["id"]) for c in [*criteria, *added]),
        path=doc.path, notes=(*parent.notes, *(f"{doc.path}: {n}" for n in notes)),
    )


def _resolve_noting(cid: str, known: set[str], notes: list[str]) -> str:
    new, note = resolve(cid, known)
    if note is not None:
        notes.append(note)
    return new


def _renamed(spec: Mapping[str, list[str]], known: set[str],
             notes: list[str]) -> dict[str, list[str]]:
    """A select/drop spec with old one-digit criterion ids mapped to the current ids."""
    out = dict(spec)
    if "criteria" in spec:
        out["criteria"] = [_resolve_noting(cid, known, notes) for cid in spec["criteria"]]
    return out


def _check_ids(doc: LoadedDocument, where: str, spec: Mapping[str, list[str]],
               groups: list[Group], criteria: list[Criterion]) -> None:
    known = {"groups": {g.id for g in groups}, "criteria": {c.id for c in criteria}}
    singular = {"groups": "group", "criteria": "criterion"}
    for kind, ids in spec.items():
        for i, item in enumerate(ids):
            if item not in known[kind]:
                raise fail(doc, f"{where}/{kind}/{i}", f"unknown {singular[kind]} {item!r} in "
                           "the extended catalogue", suggest(item, known[kind], kind))


def _override(doc: LoadedDocument, criteria: list[Criterion],
              overrides: Mapping[str, Mapping[str, Any]]) -> list[Criterion]:
    by_id = {c.id: c for c in criteria}
    for cid, change in overrides.items():
        if cid not in by_id:
            raise fail(doc, f"/override/{cid}",
                        f"override of unknown or dropped criterion {cid!r}",
                        suggest(cid, set(by_id)))
        fields: dict[str, Any] = dict(change)
        if "priority" in fields:
            fields["priority"] = Priority(fields["priority"])
        if "weight" in fields:
            fields["weight"] = float(fields["weight"])
        by_id[cid] = replace(by_id[cid], **fields)
    return [by_id[c.id] for c in criteria]


def suggest(wanted: str, known: Collection[str], kind: str = "criteria") -> str:
    """A "did you mean" hint for a mistyped id: the same id padded differently first
    (LMGI-D5.3 for LMGI-D5.03), then close spellings; for groups, the list of groups when
    nothing is close."""
    import difflib
    import re

    def unpadded(text: str) -> str:  # LMGI-D05.003 and LMGI-D5.03 both read LMGI-D5.3
        return re.sub(r"\d+", lambda m: str(int(m.group())), text.upper())

    same = [k for k in sorted(known) if unpadded(k) == unpadded(wanted)]
    by_upper = {k.upper(): k for k in known}
    close = same + [by_upper[m] for m in difflib.get_close_matches(
        wanted.upper(), list(by_upper), n=3, cutoff=0.75)]
    close = list(dict.fromkeys(close))[:3]
    if close:
        return "did you mean " + " or ".join(close) + "?"
    if kind == "groups":
        return "groups here: " + ", ".join(sorted(known))
    return "`mgf-check explain ID -f CATALOGUE` shows a criterion; ids look like LMGI-D5.03"
