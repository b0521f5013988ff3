"""Rules of the suite itself: a missing external program skips a test on a developer's machine
and fails it in CI (`.ci/run` sets MGF_CHECK_TEST_STRICT=1), so CI never passes with part of
the suite unrun."""

from __future__ import annotations

import pytest

from tests import conftest


def test_a_present_program_is_returned() -> None:
    assert conftest.need("/usr/bin/git", "git is not installed") == "/usr/bin/git"


def test_a_missing_program_skips_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "STRICT", False)
    with pytest.raises(pytest.skip.Exception, match=r"^git is not installed$"):
        conftest.need(None, "git is not installed")


def test_a_missing_program_fails_in_strict_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "STRICT", True)
    with pytest.raises(pytest.fail.Exception, match=r"^git is not installed .*fails, not skips"):
        conftest.need(None, "git is not installed")


def test_ci_runs_the_suite_in_strict_mode() -> None:
    run = (conftest.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    strict = run.index("export MGF_CHECK_TEST_STRICT=1")
    assert strict < run.index("python -m pytest")
