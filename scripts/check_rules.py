"""Check catalogues against the judgement rules (R1-R5 in mgf_check.tools.rules).

Usage: python scripts/check_rules.py [catalogue.yaml ...]   (no argument: the bundled ones)
Prints each breach and exits 1 if there is any.
"""

from __future__ import annotations

import sys

from mgf_check.tools.rules import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
