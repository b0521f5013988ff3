"""The questionnaire skips an optional part whose first answer is "don't know" and does not
offer it again when it resumes (driven in-process; the pty test drives the real command)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mgf_check.entry.interview import Terminal, run_interview
from mgf_check.model import Framework


def _run(path: Path, frameworks: Sequence[Framework], questions: int) -> str:
    said: list[str] = []
    asked = {"n": 0}

    def ask(prompt: str) -> str:
        asked["n"] += 1
        if asked["n"] > questions:
            raise EOFError
        last = said[-1] if said else ""
        return {"name:": "Valcourt", "country:": "FR"}.get(
            next((k for k in ("name:", "country:") if last.startswith(k)), ""), "")

    run_interview(path, Terminal(said.append, ask), frameworks, today="2026-01-31")
    return "".join(said)


def test_an_optional_part_left_unknown_is_skipped_and_not_asked_again(
        tmp_path: Path, frameworks: Sequence[Framework]) -> None:
    target = tmp_path / "city.yaml"
    first = _run(target, frameworks, 12)
    assert first.count("Competence over") == 1  # the first competence question only
    assert "(the other questions of this part are skipped)" in first
    assert "competences: {}" in target.read_text(encoding="utf-8")
    again = _run(target, frameworks, 3)
    assert "Resuming" in again and "Competence over" not in again
