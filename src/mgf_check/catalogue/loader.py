"""Loading framework catalogues: bundled (`frameworks/*.yaml`, through the disk cache) or
custom files (which may `extends` another catalogue).

A catalogue is validated against `framework.schema.json` and compiled (`catalogue.compile`);
`extends` is applied by `catalogue.extend`. Every error points at the catalogue's
`file:line:col`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mgf_check.catalogue import cache
from mgf_check.catalogue.bundled import bundled_frameworks, frameworks_dir
from mgf_check.catalogue.compile import compile_framework, validate_catalogue
from mgf_check.catalogue.extend import extend
from mgf_check.errors import CatalogueError, MgfCheckError, Problem
from mgf_check.loading.safeio import remember_input
from mgf_check.loading.sourcemap import SourceMap
from mgf_check.loading.yamlsource import LoadedDocument, load_file, load_text
from mgf_check.model import Framework, Span

#: The bundled catalogues (frameworks/*.yaml), in the order reports show them.
BUNDLED = bundled_frameworks()


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
    remember_input(bundled_path(framework_id))
    text = _bundled_text(framework_id)
    hit, data = cache.lookup(display, text)
    if hit:
        try:
            return compile_framework(LoadedDocument(display, data, SourceMap(None), text),
                                     validated=True)
        except Exception:
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
    validate_catalogue(doc)
    parent_spec = doc.data.get("extends")
    if parent_spec is None:
        return compile_framework(doc, validated=True)
    if _is_path(parent_spec):
        parent = _load_parent(doc, path.parent / parent_spec, (*seen, key))
    else:
        try:
            parent = load_bundled(parent_spec)
        except CatalogueError as exc:
            raise CatalogueError(Problem(display, doc.locate("/extends"),
                                         exc.problems[0].message, exc.problems[0].hint,
                                         rule="extends")) from None
    return extend(parent, doc)


#: How long an `extends` chain may be (a chain, not a tree: each catalogue has one parent).
MAX_EXTENDS = 32


def _load_parent(doc: LoadedDocument, parent: Path, seen: tuple[str, ...]) -> Framework:
    """The catalogue `doc` extends; a chain too long or a parent that cannot be read is
    reported at `doc`'s own `extends:` line."""
    where = doc.locate("/extends")
    if len(seen) >= MAX_EXTENDS:
        raise CatalogueError(Problem(doc.path, where, f"`extends` chain longer than "
                                     f"{MAX_EXTENDS} catalogues", "extend a catalogue that "
                                     "holds the criteria itself", rule="extends"))
    try:
        return _load_custom(parent, seen)
    except CatalogueError as exc:
        first = exc.problems[0]
        if first.path == parent.as_posix() and first.span is None and first.rule != "extends":
            raise CatalogueError(Problem(doc.path, where, f"extends {parent.as_posix()!r}: "
                                         f"{first.message}", "point `extends` at a catalogue "
                                         "file (relative to this one) or a bundled id",
                                         rule="extends")) from None
        raise


def criterion_span(path: str, criterion_id: str) -> Span | None:
    """Where a catalogue file defines a criterion id (for errors found after loading)."""
    try:
        doc = load_file(Path(path), path)
    except MgfCheckError:
        return None
    data = doc.data if isinstance(doc.data, dict) else {}
    for key, items in data.items():
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and item.get("id") == criterion_id:
                return doc.locate(f"/{key}/{i}/id")
    return None
