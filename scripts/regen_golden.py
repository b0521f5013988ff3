"""Regenerate the golden outputs under tests/golden/ (never edit them by hand).

Usage: python scripts/regen_golden.py      (from anywhere; paths in reports stay relative)

Two sets, with two different jobs:

* `tests/golden/formats/`: FORMAT goldens. Every output format (terminal, json, markdown,
  html, sarif, junit, csv, github) for one report, a comparison (with a file that failed to
  load) and a diff, rendered from the small fixed test catalogues `tests/data/reporters/toy.yaml`
  and `toy-extra.yaml` and the test cities beside them; plus the action plan. They change
  only when a reporter (or the view model under it) changes; editing a bundled catalogue
  never touches them (tests/test_golden.py proves it).
* `tests/golden/examples/`: CATALOGUE-CONTENT pins. The JSON report of every example city on
  the bundled catalogues, the JSON comparison of all of them and their action plans. They are
  the behaviour pin of a restructuring (byte-identical before and after), and they change,
  deliberately, with every edit of a bundled catalogue: regenerate and review that diff with
  the catalogue change.

tests/test_golden.py renders the same things and compares byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgf_check.model import PolicyReport

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
#: The test data of the format goldens, and the path prefix reports show for it.
DATA = ROOT / "tests" / "data" / "reporters"
REL = "tests/data/reporters"
TOY = (f"{REL}/toy.yaml", f"{REL}/toy-extra.yaml")


def format_cases() -> dict[str, str]:
    """formats/<name> -> the text the current code renders from the test catalogues."""
    from mgf_check import comparison as compare
    from mgf_check.diff import diff_reports
    from mgf_check.errors import PolicyLoadError
    from mgf_check.pipeline import CheckOptions, check_file, load_frameworks
    from mgf_check.portfolio.summary import compare_portfolio
    from mgf_check.reporters import REPORTERS, RenderOptions, get_reporter

    frameworks = load_frameworks([str(ROOT / t) for t in TOY])
    options = CheckOptions(frameworks=tuple(f.id for f in frameworks))

    def check(name: str, by: str | None = None) -> PolicyReport:
        view = CheckOptions(frameworks=options.frameworks, by=by)
        return check_file(DATA / f"{name}.yaml", frameworks, view, f"{REL}/{name}.yaml")

    north, south, north_next = (check(n) for n in ("north", "south", "north-2027"))
    try:
        check("broken")
        raise AssertionError("tests/data/reporters/broken.yaml loaded without an error")
    except PolicyLoadError as failure:
        broken = compare.failed_row(f"{REL}/broken.yaml", str(failure))
    comparison = compare_portfolio(frameworks, [
        compare.summarize(north, keep=True), compare.summarize(south, keep=True), broken])
    change = diff_reports(north, north_next)
    # the gate fails the core gap TOY-2.1: the CI formats raise it to an error
    render = RenderOptions(color=False, width=100, verbose=True,
                           failing=frozenset({(f"{REL}/north.yaml", "TOY-2.1")}))
    out: dict[str, str] = {}
    for fmt in REPORTERS:
        reporter = get_reporter(fmt, render)
        out[f"north.{fmt}"] = reporter.render(north)
        out[f"comparison.{fmt}"] = reporter.render_comparison(comparison)
        out[f"diff.{fmt}"] = reporter.render_diff(change)
    out["north.brief.terminal"] = get_reporter("terminal").render(north)
    out["north.by-gcm.terminal"] = get_reporter("terminal", render).render(
        check("north", by="gcm"))
    out["actions.txt"] = action_plan("north", north) + action_plan("south", south)
    return {f"formats/{name}": text for name, text in out.items()}


def example_cases() -> dict[str, str]:
    """examples/<name> -> what the current code and the bundled catalogues give the examples."""
    from mgf_check.catalogue.loader import BUNDLED
    from mgf_check.comparison import summarize
    from mgf_check.pipeline import CheckOptions, check_file, load_frameworks
    from mgf_check.portfolio.summary import compare_portfolio as compare
    from mgf_check.reporters import RenderOptions, get_reporter

    frameworks = load_frameworks(BUNDLED)
    options = CheckOptions()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    reports = {p.stem: check_file(p, frameworks, options, f"examples/{p.name}")
               for p in examples}
    render = RenderOptions(color=False, width=100, verbose=True)
    json_ = get_reporter("json", render)
    out = {f"{stem}.json": json_.render(report) for stem, report in reports.items()}
    out["actions.txt"] = "".join(action_plan(stem, report) for stem, report in reports.items())
    comparison = compare(frameworks, [summarize(r, keep=True) for r in reports.values()])
    out["comparison.json"] = json_.render_comparison(comparison)
    return {f"examples/{name}": text for name, text in out.items()}


def cases() -> dict[str, str]:
    """Every golden file (path under tests/golden/) -> the text the current code renders."""
    return {**format_cases(), **example_cases()}


def action_plan(stem: str, report: PolicyReport) -> str:
    """The action plan of one report: every action's measure and criteria, in rank order
    (first steps marked `*`), then the blank topics: pins the ranking of issue 10."""
    from mgf_check.reporters.view import report_view

    view = report_view(report)
    lines = [f"# {stem}: {view.first} first steps of {len(view.actions)} actions, "
             f"{len(view.blanks)} blank topics"]
    for i, a in enumerate(view.actions):
        mark = "*" if i < view.first else " "
        lines.append(f"{mark} {a.kind} {a.subject}: {' '.join(c.id for c in a.criteria)}")
    lines += [f"? describe {b.subject}: {' '.join(c.id for c in b.criteria)}"
              for b in view.blanks]
    return "\n".join(lines) + "\n\n"


def on_disk() -> set[str]:
    """Every golden file there is now (path under tests/golden/)."""
    return {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}


def main() -> None:
    """Write every golden file, remove stale ones, and say which changed."""
    wanted = cases()
    changed = []
    for stale in sorted(on_disk() - set(wanted)):
        (GOLDEN / stale).unlink()
        changed.append(f"removed {stale}")
    for name, text in wanted.items():
        path = GOLDEN / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(f"wrote {name}")
    for line in changed:
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"{len(wanted)} golden files in {GOLDEN.relative_to(ROOT)}, "
                     f"{len(changed)} changed\n")


if __name__ == "__main__":
    main()
