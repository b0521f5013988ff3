"""Longer fuzzing of the output neutralisation (issue 14): hostile text in every free-text
field, every format, single/comparison/diff views, each format's rules checked.

The suite runs the same property (tests/test_neutral_property.py) for 8 examples; this runs it
for as many as you ask, without derandomising, and prints the failing example hypothesis
finds (minimised). Usage, from the project root:

    .venv/bin/python scripts/fuzz_outputs.py            # 2,000 examples (~5 minutes)
    .venv/bin/python scripts/fuzz_outputs.py 20000      # longer
    .venv/bin/python scripts/fuzz_outputs.py 500 --seed 7

Exit 0 when every example kept every rule, 1 (with the example) when one did not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    import test_neutral_property as prop
    from mgf_check.pipeline import CheckOptions, check_file, load_frameworks

    frameworks = load_frameworks([str(prop.DATA / "toy.yaml")])
    base = check_file(prop.DATA / "north.yaml", frameworks, CheckOptions(), "north.yaml")

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(prop.hostile_text, min_size=9, max_size=9))
    def property_(texts: list[str]) -> None:
        report = prop.poisoned(base, texts)
        for name, text in prop.outputs(report, base).items():
            if text:
                prop.hc.RULES[name.split()[0]](text)

    run = seed(args.seed)(property_) if args.seed is not None else property_
    started = time.perf_counter()
    try:
        run()
    except AssertionError as exc:
        print(f"FAILED after {time.perf_counter() - started:.0f} s: {exc}")
        return 1
    print(f"ok: {args.examples} examples x 8 formats x 3 views in "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
