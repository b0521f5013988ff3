"""What start-up loads: every command pays for the imports of `mgf_check.cli`, and a check of one
valid file must not pay for what only other commands, formats or error paths need. A module
list, not a timing, so it holds on a loaded machine; `bench/` measures the time itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json, sys
import mgf_check.cli
at_import = sorted(sys.modules)
sys.argv = ["mgf-check", "check", "examples/riverton.yaml", "--format", "json"]
try:
    mgf_check.cli.main()
except SystemExit:
    pass
print(json.dumps([at_import, sorted(sys.modules)]))
"""

#: Loaded only on the paths that need them (jsonschema: invalid files; rich: the terminal
#: format; multiprocessing: batches; openpyxl and ruamel: forms, fix and interview).
HEAVY = ("jsonschema", "rich", "multiprocessing", "openpyxl", "ruamel")
#: Other commands' and outputs' modules.
ELSEWHERE = ("mgf_check.entry.interview", "mgf_check.entry.form", "mgf_check.entry.fix",
             "mgf_check.entry.yamledit", "mgf_check.tools.docsgen", "mgf_check.tools.explain",
             "mgf_check.tools.rules", "mgf_check.portfolio.workbook", "mgf_check.reporters.html",
             "mgf_check.reporters.markdown", "mgf_check.schema.messages")


def loaded() -> tuple[list[str], list[str]]:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    at_import, after_check = json.loads(result.stdout.splitlines()[-1])
    return at_import, after_check


def offenders(modules: list[str], banned: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == b or m.startswith(b + ".") for b in banned)]


def test_start_up_and_a_json_check_load_only_what_they_use() -> None:
    at_import, after_check = loaded()
    assert "mgf_check.cli.check" in at_import and "mgf_check.pipeline" in after_check
    assert offenders(at_import, HEAVY + ELSEWHERE + ("mgf_check.app", "mgf_check.pipeline")) == []
    assert offenders(after_check, HEAVY + ELSEWHERE) == []
