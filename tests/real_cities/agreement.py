"""Agreement between the pre-written expectations and mgf-check's verdicts on real cities.

Each real city has a policy file (`tests/real_cities/<city>.yaml`) described from public
sources, and an expectations file (`tests/real_cities/expected/<city>.yaml`) written from the
same sources before the tool was first run on the city. This module checks each city once and
compares. Run it as a script to print the agreement per city and overall:

    python tests/real_cities/agreement.py
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"

#: What each expert category accepts from the tool.
ACCEPTS: Mapping[str, frozenset[str]] = {
    "strong": frozenset({"met"}),
    "weak": frozenset({"partial", "unmet"}),
    "absent": frozenset({"not-stated", "unmet"}),
    "not-competence": frozenset({"out-of-competence"}),
    "not-applicable": frozenset({"not-applicable"}),
}
#: The recorded explanations a disagreement may carry.
CAUSES = frozenset({"tool-wrong", "expectation-wrong", "source-silent"})

_SERIAL = re.compile(r"^(?P<head>.*\.)(?P<serial>\d+)$")


def padded(criterion_id: str) -> str:
    """The padded form of a criterion id: the serial after the dot always has two digits."""
    m = _SERIAL.match(criterion_id)
    if not m:
        return criterion_id
    return f"{m['head']}{int(m['serial']):02d}"


def cities() -> list[str]:
    """The real cities that have both a policy file and an expectations file."""
    return sorted(p.stem for p in EXPECTED.glob("*.yaml") if (HERE / p.name).is_file())


def expectations(city: str) -> dict[str, Any]:
    """The expectations file of a city, parsed (a duplicated criterion id is an error)."""
    from mgf_check.loading.yamlsource import load_file

    data = load_file(EXPECTED / f"{city}.yaml").data
    assert isinstance(data, dict)
    return data


def verdicts(city: str, frameworks: Iterable[Any]) -> dict[str, str]:
    """Criterion id (padded) -> the status mgf-check gives the city."""
    from mgf_check import pipeline as app

    fws = tuple(frameworks)
    options = app.CheckOptions(frameworks=tuple(f.id for f in fws))
    report = app.check_file(HERE / f"{city}.yaml", fws, options)
    return {padded(r.criterion.id): str(r.status.value) for r in report.results}


@dataclass(frozen=True)
class Comparison:
    """One city's expectations against the tool's verdicts."""

    city: str
    agreeing: tuple[str, ...]
    disagreeing: Mapping[str, tuple[str, str]]  # id -> (expected category, tool status)
    missing: tuple[str, ...]  # expected ids the tool did not report

    @property
    def total(self) -> int:
        return len(self.agreeing) + len(self.disagreeing) + len(self.missing)

    @property
    def agreement(self) -> float:
        return len(self.agreeing) / self.total if self.total else 0.0


def compare(city: str, tool: Mapping[str, str]) -> Comparison:
    """Compare a city's expectations with the tool's verdicts."""
    agreeing: list[str] = []
    disagreeing: dict[str, tuple[str, str]] = {}
    missing: list[str] = []
    for cid, item in sorted(expectations(city)["expectations"].items()):
        expect = item["expect"]
        if cid not in tool:
            missing.append(cid)
        elif tool[cid] in ACCEPTS[expect]:
            agreeing.append(cid)
        else:
            disagreeing[cid] = (expect, tool[cid])
    return Comparison(city, tuple(agreeing), disagreeing, tuple(missing))


def main() -> int:
    from mgf_check.catalogue.loader import available, load_bundled

    frameworks = tuple(load_bundled(f) for f in available())
    agree = total = 0
    print(f"{'city':<16} {'agree':>5} / {'total':<5} {'share':>6}")
    for city in cities():
        c = compare(city, verdicts(city, frameworks))
        agree += len(c.agreeing)
        total += c.total
        print(f"{city:<16} {len(c.agreeing):>5} / {c.total:<5} {c.agreement:>6.0%}")
        for cid, (expect, got) in c.disagreeing.items():
            print(f"    {cid:<13} expected {expect:<14} tool {got}")
        for cid in c.missing:
            print(f"    {cid:<13} not reported by the tool")
    if total:
        print(f"{'overall':<16} {agree:>5} / {total:<5} {agree / total:>6.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
