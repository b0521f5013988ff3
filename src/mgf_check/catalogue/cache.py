"""A small on-disk cache of parsed bundled YAML (catalogues and reference lists).

Parsing the bundled catalogues is most of a check's start-up time; `json.loads` of the same
data is ten times faster. Entries are keyed by a hash of the tool version, the file name and
its exact text, so an edited or upgraded catalogue never hits a stale entry. Only data that
already passed validation is stored. Failing to read or write the cache is never an error.
Set MGF_CHECK_CACHE_DIR to move it, MGF_CHECK_NO_CACHE=1 to switch it off.
"""

from __future__ import annotations

import json
import os
import zlib
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
    # crc32 and adler32 of the text with its length and the tool version: a cache key, not a
    # security check; zlib avoids loading OpenSSL's hashlib at every start.
    raw = text.encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}" \
        f"{zlib.crc32(f'{__version__}/{display}'.encode()):08x}"
    return folder / f"{_slug(display)}-{digest}.json"


def _slug(display: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in display)


def lookup(display: str, text: str) -> tuple[bool, Any]:
    """(True, data) when this exact text was parsed and stored before; (False, None) else."""
    entry = _entry(display, text)
    if entry is not None:
        try:
            return True, json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    return False, None


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
        for stale in entry.parent.glob(f"{_slug(display)}-*.json"):
            if stale != entry:  # an older version of the same file: never read again
                stale.unlink(missing_ok=True)
    except OSError:
        pass
