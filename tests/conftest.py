"""Shared fixtures: the CLI runner, policy-file factory, bundled frameworks loaded once."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mgf_check.catalogue.loader import available, load_bundled
from mgf_check.cli import app
from mgf_check.model import Framework

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

def pytest_configure(config: pytest.Config) -> None:
    """Keep the parse cache of this run out of the user's home folder."""
    import os
    import tempfile

    os.environ.setdefault("MGF_CHECK_CACHE_DIR", tempfile.mkdtemp(prefix="mgf-check-cache-"))


BASE_POLICY: Mapping[str, Any] = {
    "schema_version": 1,
    "city": {"name": "Example", "country": "XX"},
    "assessment": {"date": "2026-01-01"},
}


def merge(base: Any, extra: Any) -> Any:
    """Deep-merge `extra` into a copy of `base` (mappings merge, anything else replaces)."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(extra)


def policy(fragment: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A minimal valid policy with `fragment` merged in."""
    return merge(dict(BASE_POLICY), dict(fragment or {}))


@pytest.fixture(scope="session")
def frameworks() -> tuple[Framework, ...]:
    """Every bundled framework, parsed once per session."""
    return tuple(load_bundled(f) for f in available())


@pytest.fixture()
def cli() -> Callable[..., Any]:
    """Invoke the CLI in-process: cli("check", "file.yaml") -> click Result."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs: Any) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)
    return invoke


@pytest.fixture()
def write_policy(tmp_path: Path) -> Callable[..., Path]:
    """Write a policy file: write_policy(text_or_mapping, name="city.yaml") -> path."""
    def write(content: str | Mapping[str, Any], name: str = "city.yaml") -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(
            dict(content), sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write
