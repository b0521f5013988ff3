"""Portfolio benchmark: a batch written as a folder of per-city reports plus a workbook,
against the plain JSON batch of the same files, measured in the same run.

Usage: python bench/portfolio.py [--quick] [--repeat R] [--sizes N,N,...] [--skip-time]
       [--skip-memory] [--corpus DIR]

Prints:
  1. N files (1,000; --quick 200): `check corpus/ --format json` vs
     `check corpus/ -o out/ -o portfolio.xlsx` (a HTML report per city, index.html, the
     workbook), each run R times alternately (default 3): the median wall time and the median
     CPU time (user + system of the process and its workers) and their ratios; target: ratio
     <= 3. On a shared machine the CPU ratio is the steadier number: wall times move with
     the other processes' load, which is printed before and after.
  2. For each size (10,000; --quick 2,000; --sizes 1000,2500,5000 shows the growth) with
     `-o out/`: peak memory of the process tree (RSS summed over the parent and its workers,
     and PSS, where pages the forked workers share count once); target: < 250 MiB at 10,000.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, measured, peak_memory, tool


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    """Run the measurements and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", help="comma-separated corpus sizes for the memory runs")
    parser.add_argument("--skip-time", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--corpus", type=Path, help="use the first files of this folder "
                        "(made by gen_corpus.py) instead of generating them")
    args = parser.parse_args()
    mgf = tool("mgf-check")
    if mgf is None:
        raise SystemExit("mgf-check is not installed in this environment")
    small = 200 if args.quick else 1000
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else \
        [2000 if args.quick else 10000]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {_load()}")
    print("| measurement | mgf-check | baseline | ratio |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        needed = max([small, *([] if args.skip_memory else sizes)])
        if args.corpus is None:
            subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"),
                            str(needed), str(corpus)], check=True, stdout=subprocess.DEVNULL)
        names = sorted(corpus.glob("*.yaml"))
        if len(names) < needed:
            raise SystemExit(f"{corpus} has {len(names)} policy files, {needed} needed")
        out = Path(tmp) / "out"
        if not args.skip_time:
            subset = _subset(Path(tmp), names, small)
            plain_cmd = [mgf, "check", str(subset), "--format", "json"]
            folder_cmd = [mgf, "check", str(subset), "-o", f"{out}/", "-o",
                          str(Path(tmp) / "portfolio.xlsx")]
            plain, folder = [], []
            for _ in range(args.repeat):  # alternately, so both see the same load
                plain.append(measured(plain_cmd))
                shutil.rmtree(out, ignore_errors=True)
                folder.append(measured(folder_cmd))
            for i, name in ((0, "wall"), (1, "CPU")):
                ours = statistics.median(r[i] for r in folder)
                base = statistics.median(r[i] for r in plain)
                runs = ", ".join(f"{r[i]:.1f}" for r in folder)
                base_runs = ", ".join(f"{r[i]:.1f}" for r in plain)
                print(f"| {small} files: a HTML report per city + index.html + workbook, "
                      f"median {name} time of {args.repeat} ({runs}) | {ours:.1f} s | plain "
                      f"JSON batch ({base_runs}): {base:.1f} s | {ours / base:.2f} "
                      "(target <= 3) |")
        if not args.skip_memory:
            for size in sizes:
                shutil.rmtree(out, ignore_errors=True)
                files = corpus if size == len(names) else _subset(Path(tmp), names, size)
                wall, rss, pss = peak_memory([mgf, "check", str(files), "-o", f"{out}/"])
                for kind, value in (("RSS summed", rss), ("PSS", pss)):
                    print(f"| {size} files with -o out/ ({wall:.0f} s), peak memory of the "
                          f"process tree, {kind} | {value / 2**20:.0f} MiB | target: < 250 "
                          "MiB (10,000 files) | - |")
                if size != len(names):
                    shutil.rmtree(files)
    print(_load())


def _subset(tmp: Path, names: list[Path], size: int) -> Path:
    """The first `size` corpus files, hard-linked into a folder of their own."""
    subset = tmp / f"subset-{size}"
    subset.mkdir(exist_ok=True)
    for path in names[:size]:
        os.link(path, subset / path.name)
    return subset


if __name__ == "__main__":
    main()
