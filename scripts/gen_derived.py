"""Regenerate the files derived from the registries (operator records, bundled frameworks and
crosswalk reference lists): `python scripts/gen_derived.py`, or `--check` to list the stale ones
and exit 1. Sentences that hand-written docs (README.md) must contain are reported, not
written. `tests/test_derived.py` runs the check; see mgf_check/tools/derived.py."""

from __future__ import annotations

import sys
from pathlib import Path

from mgf_check.tools.derived import expected, missing_mentions

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    check = "--check" in argv
    changed = 0
    for path, text in expected(ROOT).items():
        if (ROOT / path).read_text(encoding="utf-8") == text:
            continue
        changed += 1
        if check:
            print(f"out of date: {path.as_posix()}")
        else:
            (ROOT / path).write_text(text, encoding="utf-8")
            print(f"wrote {path.as_posix()}")
    missing = missing_mentions(ROOT)
    for line in missing:
        print(f"must say, word for word: {line}")
    return 1 if (check and changed) or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
