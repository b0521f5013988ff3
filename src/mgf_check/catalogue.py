"""Loading framework catalogues: bundled (`frameworks/*.yaml`) or custom files.

A catalogue is validated against `framework.schema.json`, its conditions are compiled once,
its crosswalk refs are checked against the reference lists, and a custom catalogue may
`extends` another one. Every error points at the catalogue's `file:line:col`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from mgf_check import cache, schema
from mgf_check.conditions import ConditionError, compile_condition
from mgf_check.errors import CatalogueError, MgfCheckError, Problem
from mgf_check.ids import resolve
from mgf_check.model import Criterion, Framework, Group, Priority
from mgf_check.references import frameworks_dir, load_references
from mgf_check.sourcemap import SourceMap
from mgf_check.yamlsource import LoadedDocument, load_file, load_text

#: The bundled catalogues, in the order reports show them.
BUNDLED = ("migof", "local-mgi", "micic")


def bundled_path(framework_id: str) -> Path:
    """The bundled catalogue file of a framework id."""
    return frameworks_dir() / f"{framework_id}.yaml"


def available() -> tuple[str, ...]:
    """Bundled framework ids whose catalogue file is present."""
    return tuple(f for f in BUNDLED if bundled_path(f).is_file())


def load(spec: str) -> Framework:
    """Load a framework by bundled id, or from a path to a custom catalogue file."""
    if _is_path(spec):
        return _load_custom(Path(spec), seen=())
    return load_bundled(spec)


def _is_path(spec: str) -> bool:
    return spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec


@functools.cache
def load_bundled(framework_id: str) -> Framework:
    """A bundled framework by id (cached for the process, and its parse on disk)."""
    display = f"frameworks/{framework_id}.yaml"
    text = _bundled_text(framework_id)
    hit, data = cache.lookup(display, text)
    if hit:
        try:
            return compile_framework(LoadedDocument(display, data, SourceMap(None), text),
                                     validated=True)
        except (CatalogueError, KeyError, TypeError):
            pass  # a damaged entry: fall through to a full, located load
    doc = _parse(text, display)
    framework = compile_framework(doc)
    cache.store(display, text, doc.data)
    return framework


def _bundled_text(framework_id: str) -> str:
    entry = bundled_path(framework_id)
    if not entry.is_file():
        if framework_id in BUNDLED:
            raise CatalogueError(Problem(
                f"frameworks/{framework_id}.yaml", None, "this bundled catalogue is missing "
                "from the installation", "reinstall mgf-check; if it persists, report it",
                rule="install"))
        import difflib

        close = difflib.get_close_matches(framework_id, BUNDLED, n=1)
        hint = (f"did you mean {close[0]!r}? " if close else "") + \
            "bundled frameworks: " + ", ".join(BUNDLED) + "; or give a path to a .yaml file"
        raise CatalogueError(Problem("--framework", None,
                                     f"no bundled framework {framework_id!r}", hint,
                                     rule="usage"))
    return str(entry.read_text(encoding="utf-8"))


def _parse(text: str, display: str) -> LoadedDocument:
    try:
        return load_text(text, display)
    except MgfCheckError as exc:
        raise CatalogueError(exc.problems) from None


def _load_custom(path: Path, seen: tuple[str, ...]) -> Framework:
    display = path.as_posix()
    key = str(path.resolve())
    if key in seen:
        chain = " -> ".join([*(Path(s).name for s in seen), path.name])
        raise CatalogueError(Problem(display, None, f"`extends` forms a cycle: {chain}",
                                     "remove one of the `extends` entries", rule="extends"))
    try:
        doc = load_file(path, display)
    except MgfCheckError as exc:
        raise CatalogueError(exc.problems) from None
    _validate(doc)
    parent_spec = doc.data.get("extends")
    if parent_spec is None:
        return compile_framework(doc, validated=True)
    if _is_path(parent_spec):
        parent = _load_custom(path.parent / parent_spec, (*seen, key))
    else:
        try:
            parent = load_bundled(parent_spec)
        except CatalogueError as exc:
            raise CatalogueError(Problem(display, doc.locate("/extends"),
                                         exc.problems[0].message, exc.problems[0].hint,
                                         rule="extends")) from None
    return _extend(parent, doc)


def _validate(doc: LoadedDocument) -> None:
    problems = schema.validate(doc, "framework")
    if problems:
        raise CatalogueError(problems)


def compile_framework(doc: LoadedDocument, *, validated: bool = False,
                      inherited: tuple[Group, ...] = ()) -> Framework:
    """Validate and compile one catalogue document (its criteria may also use `inherited`
    groups, those of the catalogue it extends)."""
    if not validated:
        _validate(doc)
    data = doc.data
    meta = data["framework"]
    groups = tuple(Group(g["id"], g["title"], g.get("description", ""))
                   for g in data.get("groups", []))
    group_ids = {g.id for g in (*inherited, *groups)}
    criteria = tuple(_criterion(doc, meta["id"], i, raw, group_ids)
                     for i, raw in enumerate(data.get("criteria", [])))
    _check_unique(doc, criteria)
    return Framework(
        id=meta["id"], title=meta["title"], short_title=meta.get("short_title", meta["id"]),
        edition=meta.get("edition", ""), source=meta.get("source", {}),
        description=meta.get("description", ""), groups=groups, criteria=criteria,
        path=doc.path,
    )


def _fail(doc: LoadedDocument, pointer: str, message: str, hint: str = "") -> CatalogueError:
    return CatalogueError(Problem(doc.path, doc.locate(pointer), message, hint,
                                  rule="catalogue"))


def _criterion(doc: LoadedDocument, framework_id: str, index: int, raw: Mapping[str, Any],
               group_ids: set[str]) -> Criterion:
    here = f"/criteria/{index}"
    if raw["group"] not in group_ids:
        raise _fail(doc, f"{here}/group", f"unknown group {raw['group']!r}",
                    "groups defined here: " + ", ".join(sorted(group_ids)))
    _check_refs(doc, here, raw["refs"])
    try:
        met = compile_condition(raw["met"], f"{here}/met")
        partial = compile_condition(raw["partial"], f"{here}/partial") \
            if "partial" in raw else None
        applies = compile_condition(raw["applies_when"], f"{here}/applies_when") \
            if "applies_when" in raw else None
    except ConditionError as exc:
        raise _fail(doc, exc.pointer, exc.message, exc.hint) from None
    return Criterion(
        id=raw["id"], framework=framework_id, group=raw["group"], title=raw["title"],
        question=raw["question"], priority=Priority(raw["priority"]),
        weight=float(raw["weight"]), subject=raw["subject"], met=met, partial=partial,
        met_means=raw["met_means"], partial_means=raw.get("partial_means", ""),
        recommendation=raw["recommendation"], practice=raw.get("practice", ""),
        competence=raw.get("competence"), derived_from=raw["derived_from"],
        refs={k: tuple(v) for k, v in sorted(raw["refs"].items())},
        examples=raw["examples"], applies_when=applies,
        applies_means=raw.get("applies_means", ""),
        nationals_may_qualify=raw.get("nationals_may_qualify", ""),
        differs=dict(raw.get("differs", {})),
    )


def _check_refs(doc: LoadedDocument, here: str, refs: Mapping[str, list[str]]) -> None:
    known = load_references()
    for key, ids in refs.items():
        for i, ref in enumerate(ids):
            if ref not in known[key].items:
                import difflib

                padded = ref[:1] + ref[1:].zfill(2)  # O1 -> O01, G6 -> G06
                close = [padded] if padded in known[key].items else \
                    difflib.get_close_matches(ref, list(known[key].items), n=1)
                hint = f"did you mean {close[0]!r}?" if close else \
                    f"see frameworks/references/{key}.yaml for the ids"
                raise _fail(doc, f"{here}/refs/{key}/{i}",
                            f"unknown {known[key].short_title} reference {ref!r}", hint)


def _check_unique(doc: LoadedDocument, criteria: tuple[Criterion, ...]) -> None:
    seen: set[str] = set()
    for i, criterion in enumerate(criteria):
        if criterion.id in seen:
            raise _fail(doc, f"/criteria/{i}/id", f"duplicate criterion id {criterion.id!r}")
        seen.add(criterion.id)


def _extend(parent: Framework, doc: LoadedDocument) -> Framework:
    """Apply a custom catalogue's select/drop/override/additions on top of its parent."""
    data = doc.data
    own = compile_framework(doc, validated=True, inherited=parent.groups)
    inherited_ids = {c.id for c in parent.criteria}
    for i, criterion in enumerate(own.criteria):
        if criterion.id in inherited_ids:
            raise _fail(doc, f"/criteria/{i}/id", f"criterion {criterion.id!r} is already in "
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
    if select.get("groups"):  # selects among the inherited groups: new ones always stay
        own_groups = {g.id for g in own.groups}
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
    for kind, ids in spec.items():
        for i, item in enumerate(ids):
            if item not in known[kind]:
                raise _fail(doc, f"{where}/{kind}/{i}", f"unknown {kind[:-1]} {item!r} in the "
                            "extended catalogue", suggest(item, known[kind], kind))


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


def _override(doc: LoadedDocument, criteria: list[Criterion],
              overrides: Mapping[str, Mapping[str, Any]]) -> list[Criterion]:
    by_id = {c.id: c for c in criteria}
    for cid, change in overrides.items():
        if cid not in by_id:
            raise _fail(doc, f"/override/{cid}",
                        f"override of unknown or dropped criterion {cid!r}",
                        suggest(cid, set(by_id)))
        fields: dict[str, Any] = dict(change)
        if "priority" in fields:
            fields["priority"] = Priority(fields["priority"])
        if "weight" in fields:
            fields["weight"] = float(fields["weight"])
        by_id[cid] = replace(by_id[cid], **fields)
    return [by_id[c.id] for c in criteria]
