"""Portfolio benchmark: a batch written as a folder of per-city reports plus a workbook,
against the plain JSON batch of the same files, measured in the same run.

Usage: python bench/portfolio.py [--quick] [--repeat R]

Prints:
  1. N files (1,000; --quick 200): `check corpus/ --format json` vs
     `check corpus/ -o out/ -o portfolio.xlsx` (a HTML report per city, index.html, the
     workbook); target: ratio <= 3;
  2. M files (10,000; --quick 2,000) with `-o out/`: peak memory of the process tree (RSS
     summed, and PSS); target: < 250 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, peak_memory, timed, tool


def main() -> None:
    """Run the measurements and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    mgf = tool("mgf-check")
    if mgf is None:
        raise SystemExit("mgf-check is not installed in this environment")
    small, large = (200, 2000) if args.quick else (1000, 10000)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("| measurement | mgf-check | baseline | ratio |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(large),
                        str(corpus)], check=True, stdout=subprocess.DEVNULL)
        subset = Path(tmp) / "subset"
        subset.mkdir()
        for path in sorted(corpus.glob("*.yaml"))[:small]:
            os.link(path, subset / path.name)
        out = Path(tmp) / "out"
        plain = timed([mgf, "check", str(subset), "--format", "json"], args.repeat)
        portfolio = timed([mgf, "check", str(subset), "-o", f"{out}/", "-o",
                           str(Path(tmp) / "portfolio.xlsx")], args.repeat)
        print(f"| {small} files: a HTML report per city + index.html + workbook | "
              f"{portfolio:.1f} s | plain JSON batch: {plain:.1f} s | "
              f"{portfolio / plain:.2f} (target <= 3) |")
        shutil.rmtree(out)
        _, rss, pss = peak_memory([mgf, "check", str(corpus), "-o", f"{out}/"])
        print(f"| {large} files with -o out/, peak memory, RSS summed | {rss / 2**20:.0f} MiB "
              "| target: < 250 MiB | - |")
        print(f"| {large} files with -o out/, peak memory, PSS | {pss / 2**20:.0f} MiB "
              "| target: < 250 MiB | - |")


if __name__ == "__main__":
    main()
