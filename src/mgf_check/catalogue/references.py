"""Crosswalk reference lists: GCM objectives, SDG targets, NUA paragraphs, MiGOF elements,
Local MGI dimensions and MICIC principles/guidelines, each with id, label and title."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgf_check.catalogue.bundled import frameworks_dir, ref_keys, views
from mgf_check.errors import CatalogueError, Problem

#: `--by` choices and the crosswalk key each regroups by (from frameworks/references/).
VIEWS: Mapping[str, str] = views()
#: The crosswalk keys, in their `order` (from frameworks/references/).
REF_KEYS = ref_keys()


@dataclass(frozen=True, slots=True)
class RefItem:
    """One crosswalk target."""

    id: str
    label: str
    title: str
    confirmed: bool
    phase: str | None = None

    @property
    def heading(self) -> str:
        """`GCM objective 15: Provide access to basic services for migrants`."""
        return f"{self.label}: {self.title}"


@dataclass(frozen=True, slots=True)
class RefList:
    """One reference file: its title and items by id (in file order)."""

    key: str
    title: str
    short_title: str
    items: Mapping[str, RefItem]
    phases: Mapping[str, str]


def references_dir() -> Path:
    """The bundled `frameworks/references` folder."""
    return frameworks_dir() / "references"


@functools.cache
def load_references() -> Mapping[str, RefList]:
    """All bundled reference lists, keyed by crosswalk key (cached for the process)."""
    from mgf_check.catalogue import cache
    from mgf_check.loading.yamlsource import load_text

    out: dict[str, RefList] = {}
    for key in REF_KEYS:
        display = f"frameworks/references/{key}.yaml"
        text = (references_dir() / f"{key}.yaml").read_text(encoding="utf-8")
        hit, data = cache.lookup(display, text)
        if not hit:
            data = load_text(text, display).data
        try:
            out[key] = _ref_list(key, data, display)
        except Exception:
            if not hit:
                raise
            data, hit = load_text(text, display).data, False  # a damaged cache entry
            out[key] = _ref_list(key, data, display)
        if not hit:
            cache.store(display, text, data)
    return out


def _ref_list(key: str, data: Any, path: str) -> RefList:
    try:
        label = data.get("label", "{id}")
        items = {}
        for item in data["items"]:
            text = item.get("label") or label.replace("{id}", str(item.get("number", item["id"])))
            items[item["id"]] = RefItem(item["id"], text, item["title"],
                                        bool(item.get("confirmed", False)), item.get("phase"))
        phases = {p["id"]: p["title"] for p in data.get("phases", [])}
        return RefList(key, data["title"], data.get("short_title", key), items, phases)
    except (KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(Problem(path, None, f"malformed reference list: {exc}")) from None
