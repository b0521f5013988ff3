"""A small on-disk cache of parsed bundled YAML (catalogues and reference lists).

Parsing the bundled catalogues is most of a check's start-up time; `json.loads` of the same
data is ten times faster. Entries are keyed by a hash of the tool version, the file name and
its exact text, so an edited or upgraded catalogue never hits a stale entry. Only data that
already passed validation is stored. Failing to read or write the cache is never an error.
Set MGF_CHECK_CACHE_DIR to move it, MGF_CHECK_NO_CACHE=1 to switch it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mgf_check import __version__


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("MGF_CHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("MGF_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mgf-check"


def _entry(display: str, text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{__version__}\0{display}\0{text}".encode()).hexdigest()[:32]
    return folder / f"{digest}.json"


def load(display: str, text: str, parse: Callable[[], Any]) -> tuple[Any, bool]:
    """(data, from_cache): the cached data for this exact text, else `parse()`'s."""
    entry = _entry(display, text)
    if entry is not None:
        try:
            return json.loads(entry.read_text(encoding="utf-8")), True
        except (OSError, ValueError):
            pass
    return parse(), False


def store(display: str, text: str, data: Any) -> None:
    """Remember validated data for this exact text (best effort)."""
    entry = _entry(display, text)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        pass
