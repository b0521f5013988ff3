"""What gating on a git ref costs: `--baseline-from REF` against a plain check, same run.

Makes a git repository of the bundled examples in a temporary folder, then times (median of
`--repeat` runs, in one process, frameworks loaded once) checking every file, and building the
baseline from `HEAD` (one `git show` per file plus a check of each old version without
positions). Prints the ratio: the gate's extra cost is about this times one check.

    python bench/baseline.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mgf_check.baseline import from_ref
from mgf_check.pipeline import CheckOptions, check_file, load_frameworks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs of `work`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the plain check time, the baseline time and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        for example in sorted(EXAMPLES.glob("*.yaml")):
            shutil.copy(example, repo / example.name)
        for args in (["init", "-q"], ["add", "."],
                     ["-c", "user.email=b@example.invalid", "-c", "user.name=b", "commit", "-qm",
                      "examples"]):
            subprocess.run(["git", *args], cwd=repo, check=True)
        files = sorted(repo.glob("*.yaml"))
        options = CheckOptions()
        frameworks = load_frameworks(options.frameworks)
        plain = median_seconds(lambda: [check_file(f, frameworks, options) for f in files],
                               repeat)
        base = median_seconds(lambda: from_ref("HEAD", files, frameworks, options), repeat)
    print(f"| what ({len(files)} files, median of {repeat}) | ms | ratio |")
    print("|---|---:|---:|")
    print(f"| check | {plain * 1000:.0f} | 1.00 |")
    print(f"| baseline from HEAD | {base * 1000:.0f} | {base / plain:.2f} |")


if __name__ == "__main__":
    main()
