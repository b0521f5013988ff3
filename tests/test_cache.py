"""The parse cache of bundled catalogues: a hit gives exactly what a full load gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgf_check.catalogue import cache, references
from mgf_check.catalogue import loader as catalogue


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setenv("MGF_CHECK_CACHE_DIR", str(folder))
    catalogue.load_bundled.cache_clear()
    references.load_references.cache_clear()


def test_hit_equals_miss(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fresh(monkeypatch, tmp_path)
    cold = catalogue.load_bundled("migof")
    assert list(tmp_path.glob("*.json")), "a full load stores the parsed catalogue"
    catalogue.load_bundled.cache_clear()
    warm = catalogue.load_bundled("migof")
    assert [c.id for c in warm.criteria] == [c.id for c in cold.criteria]
    assert [c.derived_from for c in warm.criteria] == [c.derived_from for c in cold.criteria]
    catalogue.load_bundled.cache_clear()


def test_damaged_entry_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _fresh(monkeypatch, tmp_path)
    catalogue.load_bundled("migof")
    for entry in tmp_path.glob("*.json"):
        entry.write_text('{"not": "a catalogue"}')
    catalogue.load_bundled.cache_clear()
    references.load_references.cache_clear()
    assert catalogue.load_bundled("migof").criteria
    catalogue.load_bundled.cache_clear()


def test_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGF_CHECK_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.lookup("x", "text") == (False, None)
