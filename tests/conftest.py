"""Shared fixtures: the CLI runner, policy-file factory, bundled frameworks loaded once, one
headless Chromium per test process."""

from __future__ import annotations

import os
import sys

# Bytecode caches for the suite, whatever PYTHONDONTWRITEBYTECODE says (this machine sets it).
# Without them every xdist worker and every subprocess a test starts compiles src/ from source
# again and pytest rewrites every test module's asserts again: ~8 s of a ~55 s suite. Set
# before anything below imports mgf_check; the variable is dropped for the worker processes
# and subprocesses too. The __pycache__ folders it writes are ignored by git.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import copy
import shutil
from collections.abc import Callable, Iterator, Mapping
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
    os.environ["LANGUAGE"] = "en"  # messages in English whatever the developer's locale


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slow tests (external tools) first: with xdist's work stealing (addopts) none of
    them is then left running alone at the end while the other workers wait."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable sort


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


@pytest.fixture(autouse=True, scope="session")
def _click_command_built_once() -> Iterator[None]:
    """typer's CliRunner rebuilds the whole click command tree from the app's signatures on
    every invoke (~40 ms: ~10 s of CPU over the suite); build it once per test process. The
    command holds no state between invocations (each gets a fresh click context)."""
    import functools

    import typer.main
    import typer.testing

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", functools.cache(typer.main.get_command))
        yield


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


#: Chromium flags for the browser tests: headless, no network beyond the page, no sandbox
#: (containers run as root).
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


#: Set by `.ci/run`: a missing external program (Chromium, git, pre-commit) fails the test that
#: needs it instead of skipping it, so CI never passes with part of the suite silently unrun.
STRICT = os.environ.get("MGF_CHECK_TEST_STRICT") == "1"


def need(program: str | None, why: str) -> str:
    """The path of an external program a test needs; when it is missing, skip (fail under
    MGF_CHECK_TEST_STRICT=1, as in CI) with `why`."""
    if program:
        return program
    if STRICT:
        pytest.fail(f"{why} (MGF_CHECK_TEST_STRICT=1: a missing program fails, not skips)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def git() -> str:
    """The `git` program (tests of baselines from commits, the action, pre-commit)."""
    return need(shutil.which("git"), "git is not installed")


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or \
        ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)
    return need(found, "Chromium is not installed (looked for `chromium` on PATH and "
                "/usr/bin/chromium); install the Debian package `chromium` to run this test")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless system Chromium driven by Playwright (a test extra), started once per test
    process (`need`: skips, or fails in CI, when Chromium is missing; Playwright never
    downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
