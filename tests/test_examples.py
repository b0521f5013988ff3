"""The bundled example cities (examples/*.yaml): valid, marked illustrative, and giving the
distinct, sensible reports they are meant to show.

The examples are invented cities. Their score ordering is a property of the examples against
whatever criteria the catalogues hold, so every check reads the criteria from the loaded
catalogues (no criterion ids are hard-coded) and each file is checked once per session.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from pathlib import Path

import pytest

from mgf_check import pipeline as app
from mgf_check.conditions.combinators import paths_of
from mgf_check.loading.yamlsource import load_file
from mgf_check.model import GAP_STATUSES, Framework, PolicyReport, Status
from mgf_check.schema import validation as schema
from tests.conftest import EXAMPLES

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
#: The four examples this test knows, from the most to the least aligned (crisis aside).
CITIES = ("lumenport", "riverton", "kestrel-falls", "coral-bay")


@pytest.fixture(scope="module")
def reports(frameworks: tuple[Framework, ...]) -> Mapping[str, PolicyReport]:
    """Each known example checked once against every available framework."""
    options = app.CheckOptions(frameworks=tuple(f.id for f in frameworks))
    return {city: app.check_file(EXAMPLES / f"{city}.yaml", frameworks, options)
            for city in CITIES}


def score(report: PolicyReport, framework_id: str) -> float:
    """A framework's score in a report (0 when nothing was scored)."""
    for fs in report.frameworks:
        if fs.framework.id == framework_id:
            return fs.score if fs.score is not None else 0.0
    raise AssertionError(f"{framework_id} not in the report of {report.path}")


def framework_ids(reports: Mapping[str, PolicyReport]) -> list[str]:
    return [fs.framework.id for fs in reports[CITIES[0]].frameworks]


def test_the_known_examples_exist() -> None:
    assert {p.stem for p in ALL_EXAMPLES} >= set(CITIES)


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES])
def test_example_is_schema_valid(path: Path) -> None:
    problems = schema.validate(load_file(path), "policy")
    assert not problems, "\n".join(p.message for p in problems)


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=[p.stem for p in ALL_EXAMPLES])
def test_example_is_marked_illustrative(path: Path) -> None:
    data = load_file(path).data
    assert data["city"].get("illustrative") is True
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True)
                     if line.startswith("#")).lower()
    assert "invented" in header and "not a real" in header and "iom" in header, \
        f"{path.name}: the header must say the city is invented and not tuned to IOM work"


def test_every_framework_is_scored(reports: Mapping[str, PolicyReport]) -> None:
    for city, report in reports.items():
        for fs in report.frameworks:
            assert fs.score is not None, f"{city}: {fs.framework.id} has no score"


#: Why a catalogue that breaks the ordering below fails: the examples were written as a strong
#: city (Lumenport), a middling one (Riverton), a weak one (Kestrel Falls) and one strong on
#: crises (Coral Bay). A catalogue that ranks them otherwise is mis-scoring one of them, or needs
#: an example of its own; this coupling of catalogues to examples is deliberate.
ORDER_BROKEN = ("{fid} ranks the examples against how they were written ({scores}): check the "
                "catalogue's criteria against the examples, or add an example for what it covers")


def test_score_ordering(reports: Mapping[str, PolicyReport]) -> None:
    for fid in framework_ids(reports):
        lumen, river, kestrel, coral = (score(reports[c], fid) for c in CITIES)
        scores = dict(zip(CITIES, (lumen, river, kestrel, coral), strict=True))
        assert lumen > river > kestrel and kestrel < coral, \
            ORDER_BROKEN.format(fid=fid, scores=scores)


def test_coral_bay_is_strong_on_crises(reports: Mapping[str, PolicyReport]) -> None:
    assert "micic" in framework_ids(reports)  # bundled: its absence is a broken install
    coral = score(reports["coral-bay"], "micic")
    assert coral > score(reports["riverton"], "micic")
    assert coral >= score(reports["lumenport"], "micic") - 5


def test_coral_bay_warns_in_every_migrant_language(reports: Mapping[str, PolicyReport]) -> None:
    """No MICIC gap on criteria that read the early-warning languages."""
    assert "micic" in framework_ids(reports)
    reading = [r for r in reports["coral-bay"].results if r.criterion.framework == "micic"
               and "/crisis/early_warning/languages" in paths_of(r.criterion.compiled.met)]
    assert reading, "no MICIC criterion reads /crisis/early_warning/languages"
    gaps = [(r.criterion.id, r.status.value) for r in reading if r.status in GAP_STATUSES]
    assert not gaps


def test_riverton_shows_an_expired_waiver(reports: Mapping[str, PolicyReport]) -> None:
    report = reports["riverton"]
    expired = [w for w in report.waivers if w.expired]
    assert expired
    scored = {r.criterion.id: r.status for r in report.results if r.waiver in expired}
    assert scored, "the expired waiver names no loaded criterion"
    assert Status.WAIVED not in scored.values()


def test_lumenport_shows_a_valid_waiver(reports: Mapping[str, PolicyReport]) -> None:
    report = reports["lumenport"]
    assert any(not w.expired for w in report.waivers)
    assert any(r.status is Status.WAIVED for r in report.results)
    assert not report.notices, [n.message for n in report.notices]


def test_kestrel_falls_lacks_competences(reports: Mapping[str, PolicyReport]) -> None:
    assert any(r.status is Status.OUT_OF_COMPETENCE for r in reports["kestrel-falls"].results)


def test_lumenport_meets_its_own_strategy_criteria(reports: Mapping[str, PolicyReport]) -> None:
    """A well-aligned city does not miss its own strategy, office or coordination body."""
    subjects = ("/governance/strategy", "/governance/migrant_office",
                "/governance/coordination_body")
    gaps = [(r.criterion.id, r.status.value) for r in reports["lumenport"].results
            if r.criterion.subject in subjects and r.status in GAP_STATUSES]
    assert not gaps


def test_each_example_gives_a_different_report(reports: Mapping[str, PolicyReport]) -> None:
    outcomes = {city: tuple((r.criterion.id, r.status) for r in report.results)
                for city, report in reports.items()}
    scores = {city: tuple(fs.score for fs in report.frameworks)
              for city, report in reports.items()}
    for a, b in combinations(CITIES, 2):
        assert outcomes[a] != outcomes[b], f"{a} and {b} give the same statuses"
        assert scores[a] != scores[b], f"{a} and {b} give the same scores"
