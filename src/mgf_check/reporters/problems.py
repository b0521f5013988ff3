"""Reports of validation: which files are valid and every problem of the others, in the
formats CI reads (`validate --format text|json|github|sarif`, and a `check` whose input is
invalid). Pure: (path, problems) pairs in, text out; an empty problem list means valid.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from mgf_check import __version__
from mgf_check.errors import Problem
from mgf_check.reporters import neutral

Files = Sequence[tuple[str, Sequence[Problem]]]
#: The formats `validate` speaks.
FORMATS = ("text", "json", "github", "sarif")
VALIDATION_VERSION = 1


def _problem(p: Problem) -> dict[str, object]:
    span = None if p.span is None else {"line": p.span.line, "column": p.span.column,
                                        "end_line": p.span.end_line,
                                        "end_column": p.span.end_column}
    return {"path": p.path, "span": span, "message": p.message, "hint": p.hint,
            "rule": p.rule}


def as_json(files: Files) -> str:
    """`{"kind": "validation", "files": [{path, valid, problems}], "summary": ...}`."""
    data = {
        "validation_version": VALIDATION_VERSION,
        "kind": "validation",
        "tool": {"name": "mgf-check", "version": __version__},
        "summary": {"files": len(files), "invalid": sum(1 for _, p in files if p),
                    "problems": sum(len(p) for _, p in files)},
        "files": [{"path": path, "valid": not problems,
                   "problems": [_problem(p) for p in problems]} for path, problems in files],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_text(files: Files, quiet: bool = False) -> str:
    """`ok: FILE` per valid file (unless quiet), then every problem as `file:line:col: ...`."""
    out = []
    for path, problems in files:
        if not problems and not quiet:
            out.append(f"ok: {path}")
        out += [f"error: {p.render()}" for p in problems]
    return "\n".join(out) + "\n" if out else ""


def render(fmt: str, files: Files, quiet: bool = False) -> str:
    """The validation report of `files` in `fmt` (one of FORMATS), with file names and
    messages neutralised by the format's rule (`neutral.rule_for`, as every reporter)."""
    rule = neutral.rule_for(fmt)
    if rule.text is not None:
        files = neutral.apply([(path, list(found)) for path, found in files], rule.text)
    return str(neutral.apply_output(_render(fmt, files, quiet), rule.output))


def _render(fmt: str, files: Files, quiet: bool) -> str:
    if fmt == "json":
        return as_json(files)
    if fmt == "github":
        from mgf_check.reporters.github import problems_text

        return problems_text(files)
    if fmt == "sarif":
        from mgf_check.reporters.sarif import problems_log

        return problems_log(files)
    return as_text(files, quiet)


def summary(files: Files) -> str:
    """The closing line: `3 files valid` or `1 of 3 files invalid (5 problems)`."""
    invalid = sum(1 for _, p in files if p)
    noun = "file" if len(files) == 1 else "files"
    if not invalid:
        return f"{len(files)} {noun} valid"
    problems = sum(len(p) for _, p in files)
    return (f"{invalid} of {len(files)} {noun} invalid ({problems} "
            f"problem{'s' if problems != 1 else ''})")
