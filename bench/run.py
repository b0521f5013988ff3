"""Speed and scale benchmark: mgf-check against baselines measured in the same run.

Usage: python bench/run.py [--quick] [--repeat R]
(install the baselines first: pip install -e '.[bench]')

Prints a table of wall times and ratios:
  1. one file, whole process: `mgf-check check EXAMPLE --format json` vs `yamllint EXAMPLE` and
     `check-jsonschema --schemafile <policy schema> EXAMPLE`;
  2. 1,000 files: `mgf-check check corpus/ --format json` vs parsing the same files with PyYAML's
     C loader in one process, and vs check-jsonschema on the same files;
  3. 10,000 files: time against ten times the 1,000-file run, then, in a second run, peak
     memory of the whole process tree (sampled every 50 ms: RSS summed over
     the processes, which counts pages the forked workers share once per process, and PSS,
     which splits them).
--quick uses 200 and 2,000 files instead (for a fast look, not for the targets).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "riverton.yaml"
SCHEMA = ROOT / "src" / "mgf_check" / "schemas" / "policy.schema.json"


def tool(name: str) -> str | None:
    """A console script from this environment, else from PATH."""
    here = BIN / name
    return str(here) if here.exists() else shutil.which(name)


def measured(cmd: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """One run of a command: (wall seconds, CPU seconds of it and every process it started);
    fails if it exits outside `ok`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"{cmd[:3]} exited {done.returncode}: {done.stderr.decode()[:500]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timed(cmd: list[str], repeat: int, ok: tuple[int, ...] = (0, 1)) -> float:
    """Median wall time of a command (seconds); fails if it exits outside `ok`."""
    return statistics.median(measured(cmd, ok)[0] for _ in range(repeat))


def _pss(pid: int) -> int:
    """Proportional set size (bytes): shared pages count as a share, not once per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of `root` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree), sum(_pss(pid) for pid in tree)


def peak_memory(cmd: list[str]) -> tuple[float, int, int]:
    """(wall seconds, peak process-tree RSS, peak process-tree PSS in bytes) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_rss(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak, peak_pss


def bare_parse_cmd(corpus: Path) -> list[str]:
    """Parse every corpus file with PyYAML's C loader in one process."""
    code = ("import sys, yaml, pathlib\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
            "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
    return [sys.executable, "-c", code, str(corpus)]


def row(label: str, ours: float, other: float | None, other_label: str) -> str:
    """One line of the table."""
    if other is None:
        return f"| {label} | {ours:.3f} s | {other_label}: not installed | - |"
    return f"| {label} | {ours:.3f} s | {other_label}: {other:.3f} s | {ours / other:.2f} |"


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    mgf = tool("mgf-check")
    if mgf is None:
        raise SystemExit("mgf-check is not installed in this environment")
    yamllint, cjs = tool("yamllint"), tool("check-jsonschema")
    small, large = (200, 2000) if args.quick else (1000, 10000)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; median of {args.repeat} runs")
    print("| measurement | mgf-check | baseline | ratio (mgf-check / baseline) |")
    print("|---|---|---|---|")
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        one = timed([mgf, "check", str(example), "--format", "json"], args.repeat)
        label = f"one file ({example.name}, {example.stat().st_size // 1024} KiB)"
        print(row(label, one, timed([yamllint, str(example)], args.repeat) if yamllint
                  else None, "yamllint"))
        print(row(label, one, timed([cjs, "--schemafile", str(SCHEMA), str(example)],
                                    args.repeat) if cjs else None, "check-jsonschema"))
    print(row("one file (riverton.yaml)", timed([mgf, "check", str(EXAMPLE), "--format",
                                                  "json"], args.repeat),
              timed([sys.executable, "-c", "import yaml"], args.repeat),
              'python -c "import yaml"'))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(large),
                        str(corpus)], check=True)
        subset = Path(tmp) / "subset"
        subset.mkdir()
        for path in sorted(corpus.glob("*.yaml"))[:small]:
            os.link(path, subset / path.name)
        many = timed([mgf, "check", str(subset), "--format", "json"], 3)
        bare = timed(bare_parse_cmd(subset), 3)
        print(row(f"{small} files", many, bare, "PyYAML C loader, parse only"))
        files = [str(p) for p in sorted(subset.glob("*.yaml"))]
        print(row(f"{small} files", many, timed([cjs, "--schemafile", str(SCHEMA), *files], 1)
                  if cjs else None, "check-jsonschema"))
        big_cmd = [mgf, "check", str(corpus), "--format", "json"]
        # time and memory in separate runs: the memory sampler itself takes CPU
        big_time = timed(big_cmd, 1)
        _, big_peak, big_pss = peak_memory(big_cmd)
        print(f"| {large} files | {big_time:.3f} s | 10 x {small}-file run: {10 * many:.3f} s "
              f"| {big_time / (10 * many):.2f} |")
        print(f"| {large} files, peak memory, process tree, RSS summed | "
              f"{big_peak / 2**20:.0f} MiB | target: < 250 MiB | - |")
        print(f"| {large} files, peak memory, process tree, PSS (shared pages split) | "
              f"{big_pss / 2**20:.0f} MiB | target: < 250 MiB | - |")


if __name__ == "__main__":
    main()
