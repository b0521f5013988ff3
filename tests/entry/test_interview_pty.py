"""`mgf-check interview` driven through a real pseudo-terminal: answers typed, Ctrl-C sent, and
the file checked after each step (saved, schema-valid, comments kept, resumed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pexpect

from mgf_check.loading.yamlsource import load_file
from mgf_check.schema.validation import validate

PROMPT = r"\] > "


def spawn(*args: str, cwd: Path) -> Any:  # a pexpect.spawn (pexpect is not typed)
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", LANGUAGE="", LC_ALL="C.UTF-8",
               LANG="C.UTF-8")
    child = pexpect.spawn(sys.executable, ["-m", "mgf_check", "interview", *args], cwd=str(cwd),
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))
    return child


def answer(child: Any, expected: str, text: str) -> None:
    child.expect(expected)
    child.expect(PROMPT)
    child.sendline(text)


def saved(path: Path) -> Any:
    doc = load_file(path)
    assert validate(doc, "policy") == [], "what the interview writes is schema-valid"
    return doc.data


def test_interview_saves_each_answer_survives_ctrl_c_and_resumes(tmp_path: Path) -> None:
    target = tmp_path / "valcourt.yaml"
    child = spawn("valcourt.yaml", cwd=tmp_path)
    answer(child, "name:", "Valcourt-sur-Meuse")
    answer(child, "country:", "France")
    assert not target.exists()  # name, country and date first: a saved file is always valid
    answer(child, "migrant_languages:", "arabe, pachto")
    answer(child, "migration_profile:", "1")
    while child.expect(["date:", PROMPT]) == 1:  # other city questions the catalogues read
        child.sendline("")  # don't know
    child.expect(PROMPT)
    child.sendline("")  # Enter keeps the offered date
    answer(child, "governance/strategy", "1")
    child.expect("reviewed:")
    data = saved(target)
    assert {k: data["city"][k] for k in ("name", "country", "migrant_languages",
                                         "migration_profile")} == {
        "name": "Valcourt-sur-Meuse", "country": "FR", "migrant_languages": ["ar", "ps"],
        "migration_profile": ["destination"]}
    assert data["governance"]["strategy"] == {"status": "implemented"}
    child.expect(PROMPT)
    child.sendline("")  # don't know
    child.expect("document")
    child.sendline("Plan d'intégration 2021")
    child.expect("web address")
    child.sendline("https://valcourt.example/plan.pdf")
    child.expect("aligned_with_development_plan")
    child.expect(PROMPT)
    child.sendintr()  # Ctrl-C in the middle of a question
    child.expect("Stopped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    data = saved(target)
    assert data["governance"]["strategy"]["evidence"] == [
        {"title": "Plan d'intégration 2021", "url": "https://valcourt.example/plan.pdf"}]

    # the person adds comments; the questionnaire keeps them and resumes at the next topic
    text = target.read_text(encoding="utf-8")
    text = text.replace("governance:", "# checked by the mayor's office\ngovernance:")
    text = text.replace("status: implemented", "status: implemented  # since 2021")
    target.write_text(text, encoding="utf-8")
    child = spawn("valcourt.yaml", cwd=tmp_path)
    child.expect("Resuming")
    # optional records left as "don't know" (e.g. competences) are offered again: skip them
    while child.expect(["governance/legal_framework", PROMPT]) == 1:
        child.sendline("")
    child.expect(PROMPT)
    child.sendline("5")
    child.expect("governance/migrant_office")
    child.expect(PROMPT)
    child.sendintr()
    child.expect(pexpect.EOF)
    data = saved(target)
    assert data["governance"]["legal_framework"] == {"status": "none"}
    text = target.read_text(encoding="utf-8")
    assert "# checked by the mayor's office" in text and "# since 2021" in text

    # one section revisited: the crisis questions first, nothing else
    child = spawn("valcourt.yaml", "--section", "crisis", cwd=tmp_path)
    answer(child, "crisis/", "")  # don't know: the measure stays not stated
    child.expect(r"· crisis/")  # the heading: a label, then the place in the file
    child.expect(PROMPT)
    child.sendintr()
    child.expect(pexpect.EOF)
    data = saved(target)
    assert list(data["crisis"].values()) == [None]
