"""Regenerate the golden outputs under tests/golden/ (never edit them by hand).

Usage: python scripts/regen_golden.py      (from the repository root)

For one example city (riverton) every format, for the others terminal and JSON; the action
plan of every example (actions.txt); the comparison of all examples together; and the diff
between tests/data/riverton-2025.yaml and examples/riverton.yaml. tests/test_golden.py renders
the same things and compares byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
COMPARISON_FORMATS = ("terminal", "json", "markdown", "csv", "html")


def cases() -> dict[str, str]:
    """Golden file name -> the text the current code renders for it."""
    import os

    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.comparison import summarize
    from mgf_check.diff import diff_reports
    from mgf_check.pipeline import CheckOptions, check_file, load_frameworks
    from mgf_check.portfolio.summary import compare_portfolio as compare
    from mgf_check.reporters import REPORTERS, RenderOptions, get_reporter

    os.chdir(ROOT)  # paths in reports are as given: keep them relative
    frameworks = load_frameworks(BUNDLED)
    options = CheckOptions()
    examples = sorted(Path("examples").glob("*.yaml"))
    reports = {p.stem: check_file(p, frameworks, options, p.as_posix()) for p in examples}
    render = RenderOptions(color=False, width=100, verbose=True)
    out: dict[str, str] = {}
    for stem, report in reports.items():
        # every format for one city; the two most-read formats for the others (keeps the
        # golden files a few MB)
        for fmt in REPORTERS if stem == "riverton" else ("terminal", "json"):
            out[f"{stem}.{fmt}"] = get_reporter(fmt, render).render(report)
    out["actions.txt"] = "".join(action_plan(stem, report) for stem, report in reports.items())
    comparison = compare(frameworks, [summarize(r, keep=True) for r in reports.values()])
    for fmt in COMPARISON_FORMATS:
        out[f"comparison.{fmt}"] = get_reporter(fmt, render).render_comparison(comparison)
    old = check_file(Path("tests/data/riverton-2025.yaml"), frameworks, options,
                     "tests/data/riverton-2025.yaml")
    change = diff_reports(old, reports["riverton"])
    for fmt in ("terminal", "json", "markdown"):
        out[f"diff-riverton.{fmt}"] = get_reporter(fmt, render).render_diff(change)
    return out


def action_plan(stem: str, report: object) -> str:
    """The action plan of one example: every action's measure and criteria, in rank order
    (first steps marked `*`), then the blank topics: pins the ranking of issue 10."""
    from mgf_check.reporters.view import report_view

    view = report_view(report)  # type: ignore[arg-type]
    lines = [f"# {stem}: {view.first} first steps of {len(view.actions)} actions, "
             f"{len(view.blanks)} blank topics"]
    for i, a in enumerate(view.actions):
        mark = "*" if i < view.first else " "
        lines.append(f"{mark} {a.kind} {a.subject}: {' '.join(c.id for c in a.criteria)}")
    lines += [f"? describe {b.subject}: {' '.join(c.id for c in b.criteria)}"
              for b in view.blanks]
    return "\n".join(lines) + "\n\n"


def main() -> None:
    """Write every golden file and remove stale ones."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    wanted = cases()
    for stale in GOLDEN.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
    sys.stdout.write(f"wrote {len(wanted)} golden files to {GOLDEN.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
