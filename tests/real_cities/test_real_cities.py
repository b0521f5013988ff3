"""Real cities described from public sources, and the agreement between the expectations
written before the first run and mgf-check's verdicts.

For each city the set of disagreements is pinned in its expectations file, each with a cause
(tool-wrong, expectation-wrong or source-silent) and an explanation: an agreeing item that
starts to disagree, or a recorded disagreement that goes away, fails the test, so any change of
judgement on a real city is visible in review. Agreement per city and overall:
`python tests/real_cities/agreement.py`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mgf_check.loading.yamlsource import load_file
from mgf_check.model import Framework
from mgf_check.schema.validation import validate
from tests.real_cities.agreement import (
    ACCEPTS,
    CAUSES,
    EXPECTED,
    HERE,
    cities,
    compare,
    expectations,
    verdicts,
)

CITIES = cities()
ROOT = HERE.parent.parent


@pytest.fixture(scope="module")
def tool(frameworks: tuple[Framework, ...]) -> Mapping[str, Mapping[str, str]]:
    """Each real city checked once against every bundled framework."""
    return {city: verdicts(city, frameworks) for city in CITIES}


def test_there_are_at_least_eight_real_cities() -> None:
    assert len(CITIES) >= 8, CITIES
    orphans = {p.stem for p in HERE.glob("*.yaml")} ^ {p.stem for p in EXPECTED.glob("*.yaml")}
    assert not orphans, f"policy file without expectations or the reverse: {sorted(orphans)}"


@pytest.mark.parametrize("city", CITIES)
def test_policy_is_schema_valid(city: str) -> None:
    problems = validate(load_file(HERE / f"{city}.yaml"), "policy")
    assert not problems, "\n".join(p.message for p in problems)


@pytest.mark.parametrize("city", CITIES)
def test_policy_says_what_it_is(city: str) -> None:
    path = HERE / f"{city}.yaml"
    data = load_file(path).data
    assert data["city"].get("illustrative") is not True, "a real city is not illustrative"
    header = " ".join(line.lstrip("#").strip() for line in
                      path.read_text(encoding="utf-8").splitlines() if line.startswith("#")).lower()
    for phrase in ("real city", "public sources", "not an assessment", "local mgi profile"):
        assert phrase in header, f"{path.name}: the header must say '{phrase}'"
    assessment = data["assessment"]
    assert "not an assessment" in assessment["notes"].lower()
    sources = assessment["sources"]
    assert len(sources) >= 3 and all(s.get("url") and s.get("title") for s in sources)


@pytest.mark.parametrize("city", CITIES)
def test_expectations_are_well_formed(city: str) -> None:
    data = expectations(city)
    items = data["expectations"]
    assert 15 <= len(items) <= 30, f"{city}: {len(items)} expectations (15-30 wanted)"
    for cid, item in items.items():
        assert item["expect"] in ACCEPTS, (cid, item)
        assert item["reason"].strip(), cid
        assert cid.rsplit(".", 1)[1].isdigit() and len(cid.rsplit(".", 1)[1]) == 2, \
            f"{cid}: use the padded id (two digits after the dot)"
    kinds = {item["expect"] for item in items.values()}
    assert {"strong", "absent"} <= kinds, f"{city}: cover strong and absent areas"
    for cid, d in (data.get("disagreements") or {}).items():
        assert cid in items, f"{city}: disagreement {cid} has no expectation"
        assert d["cause"] in CAUSES and d["why"].strip() and d["tool"], (cid, d)


@pytest.mark.parametrize("city", CITIES)
def test_agreement_is_pinned(city: str, tool: Mapping[str, Mapping[str, str]]) -> None:
    result = compare(city, tool[city])
    assert not result.missing, f"{city}: criteria not reported by the tool: {result.missing}"
    pinned = expectations(city).get("disagreements") or {}
    recorded = {cid: d["tool"] for cid, d in pinned.items()}
    actual = {cid: got for cid, (_, got) in result.disagreeing.items()}
    new = {cid: got for cid, got in actual.items() if recorded.get(cid) != got}
    gone = sorted(set(recorded) - set(actual))
    assert not new and not gone, (
        f"{city}: the verdicts moved. New or changed disagreements (id: tool status): {new}; "
        f"recorded disagreements that now agree: {gone}. Update "
        f"{EXPECTED.name}/{city}.yaml (and say why) if the change is right."
    )


def test_real_cities_stay_out_of_examples_and_goldens() -> None:
    names = {str(expectations(c)["city"]).lower() for c in CITIES}
    for folder in (ROOT / "examples", ROOT / "tests" / "golden"):
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file() and path.suffix in {".yaml", ".html", ".txt", ".md", ".json"}:
                text = path.read_text(encoding="utf-8", errors="replace").lower()
                hits = [n for n in names if f"name: {n}" in text or f'"name": "{n}"' in text]
                assert not hits, f"{path.relative_to(ROOT)} holds real city {hits}"
