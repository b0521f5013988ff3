"""What the neutralisation of outside text costs (issue 14): each format renders the same
reports with its rule and with the rule switched off, in the same run; prints the ratio.

Usage: python bench/neutral_cost.py [CITIES]   (default 200 cities, every bundled framework)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mgf_check.app import CheckOptions, check_file, load_frameworks
from mgf_check.catalogue.loader import BUNDLED
from mgf_check.comparison import compare, summarize
from mgf_check.reporters import get_reporter, neutral

ROOT = Path(__file__).resolve().parent.parent


def best(action: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    cities = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    frameworks = load_frameworks(BUNDLED)
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    reports = [check_file(examples[i % len(examples)], frameworks, CheckOptions())
               for i in range(cities)]
    rules = dict(neutral.RULES)
    print(f"{cities} cities; seconds with the rule / without; ratio")
    for fmt in ("terminal", "markdown", "html", "csv", "json", "sarif"):
        # as the CLI does: full reports only for the formats that need them
        keep = get_reporter(fmt).needs_details
        comparison = compare(frameworks, [summarize(r, keep=keep) for r in reports])
        single = lambda f=fmt: [get_reporter(f).render(r) for r in reports[:20]]  # noqa: E731
        many = lambda f=fmt, c=comparison: "".join(get_reporter(f).stream_comparison(c))  # noqa: E731
        on = best(single) + best(many)
        neutral.RULES = {**rules, fmt: neutral.Rule(None, None)}  # type: ignore[misc]
        off = best(single) + best(many)
        neutral.RULES = rules  # type: ignore[misc]
        print(f"{fmt:9} {on:7.3f} {off:7.3f}  x{on / off:.2f}")


if __name__ == "__main__":
    main()
