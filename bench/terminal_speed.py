"""The officer's default report against the JSON report and yamllint, in the same run.

Usage: python bench/terminal_speed.py [--repeat R]
(install the baseline first: pip install -e '.[bench]'; a regular install gives cleaner
absolute numbers, the ratios hold either way)

For every bundled example, runs in turn (interleaved, so a busy machine slows all three
alike): `mgf-check check EXAMPLE` (the default terminal report, piped: 100 columns, no
colour), `mgf-check check EXAMPLE --format json` and `yamllint EXAMPLE`. Prints the median
wall times and the ratios the issue-10 targets are about: terminal / JSON at most 1.2, and
terminal / yamllint at most 1.0.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from run import tool  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent
TARGET_JSON = 1.2
TARGET_YAMLLINT = 1.0


def once(cmd: list[str]) -> float:
    """Wall time of one run (exit 0 or 1: gaps and lint warnings are normal results)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed


def measure(example: Path, repeat: int) -> dict[str, float]:
    """Median seconds of the three commands on one file, runs interleaved."""
    mgf, lint = tool("mgf-check"), tool("yamllint")
    if mgf is None or lint is None:
        raise SystemExit("needs mgf-check and yamllint: pip install -e '.[bench]'")
    commands = {"terminal": [mgf, "check", str(example)],
                "json": [mgf, "check", str(example), "--format", "json"],
                "yamllint": [lint, str(example)]}
    for cmd in commands.values():  # warm the caches (catalogue parse cache, page cache)
        once(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(once(cmd))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    """Print a Markdown table of times and ratios; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print("| example | terminal s | json s | yamllint s | terminal/json | terminal/yamllint |")
    print("|---|---:|---:|---:|---:|---:|")
    missed = False
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        t = measure(example, args.repeat)
        vs_json, vs_lint = t["terminal"] / t["json"], t["terminal"] / t["yamllint"]
        missed |= vs_json > TARGET_JSON or vs_lint > TARGET_YAMLLINT
        print(f"| {example.name} | {t['terminal']:.3f} | {t['json']:.3f} | "
              f"{t['yamllint']:.3f} | {vs_json:.2f} | {vs_lint:.2f} |")
    print(f"\ntargets: terminal/json <= {TARGET_JSON}, terminal/yamllint <= {TARGET_YAMLLINT}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
