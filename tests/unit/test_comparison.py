"""Comparison rows and tables (`comparison`): `summarize` reduces a report to exact status
counts, gaps, group cells, scores and documented shares; `failed_row` carries the error and no
scores; `compare` orders by name (case-folded, nameless last) or, on request, by the mean score
(highest first, cities without a score last, ties by name)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mgf_check.comparison import (
    FROM_CODE,
    CitySummary,
    ColumnGroup,
    GroupCell,
    compare,
    encode,
    failed_row,
    sort_score,
    summarize,
)
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import (
    CriterionResult,
    Framework,
    Group,
    PolicyReport,
    Status,
)
from mgf_check.pipeline import CheckOptions, check_document
from mgf_check.scoring import score_frameworks
from tests.unit.helpers import A, M, N, O, P, U, W, criterion, tiny_framework

#: (framework, criterion id, group, status): every status once in `alpha`, one met in `beta`.
DECIDED = [("alpha", "A-1", "G1", M), ("alpha", "A-2", "G1", P), ("alpha", "A-3", "G1", U),
           ("alpha", "A-4", "G2", N), ("alpha", "A-5", "G2", W), ("alpha", "A-6", "G2", O),
           ("alpha", "A-7", "G2", A), ("beta", "B-1", "B1", M)]


def framework(fid: str, groups: tuple[Group, ...]) -> Framework:
    criteria = tuple(criterion(cid, group=g, framework=f) for f, cid, g, _ in DECIDED if f == fid)
    return Framework(fid, fid.title(), fid[:2].upper(), "", {}, "", groups, criteria, "")


FRAMEWORKS = (framework("alpha", (Group("G1", "One"), Group("G2", "Two"))),
              framework("beta", (Group("B1", "Only"),)))


def report(city: Mapping[str, str] | None = None) -> PolicyReport:
    by_id = {c.id: c for f in FRAMEWORKS for c in f.criteria}
    results = tuple(CriterionResult(by_id[cid], status, f"{cid} is {status}", "/x", None)
                    for _, cid, _, status in DECIDED)
    city = {"name": "Harbour", "country": "XX"} if city is None else city
    return PolicyReport("cities/harbour.yaml", city,
                        {"date": "2026-03-01"}, "2026-03-01",
                        score_frameworks(FRAMEWORKS, results), results, (), False, ())


def city_row(name: str, scores: Mapping[str, float | None] | None = None,
        path: str = "") -> CitySummary:
    return CitySummary(path or f"{name or 'unnamed'}.yaml", name, "XX", None, scores or {}, (),
                       dict.fromkeys(Status, 0), ())


def names(rows: tuple[CitySummary, ...]) -> list[str]:
    return [f"{c.name}:{c.path}" if c.name else c.path for c in rows]


def test_summarize_counts_every_status_exactly() -> None:
    row = summarize(report())
    assert row.counts == {M: 2, P: 1, U: 1, N: 1, W: 1, O: 1, A: 1}
    assert list(row.counts) == list(Status)  # every status present, in enum order
    assert row.gaps == ("A-2", "A-3", "A-4")  # partial, unmet and not-stated, in report order
    assert row.statuses == "MPUNWOAM"
    assert [FROM_CODE[c] for c in row.statuses] == [s for *_, s in DECIDED]


def test_summarize_scores_cells_and_documented_shares() -> None:
    row = summarize(report())
    # alpha G1: (1 + 0.5 + 0) / 3; G2: only not-stated is scored; beta: one met
    assert row.scores == {"alpha": 25.0, "beta": 100.0}
    assert row.cells == (GroupCell("alpha", "G1", 50.0, 2), GroupCell("alpha", "G2", 0.0, 1),
                         GroupCell("beta", "B1", 100.0, 0))
    assert row.documented == {"alpha": (3, 4), "beta": (1, 1)}
    assert sort_score(row) == 62.5


def test_summarize_names_the_city_and_keeps_the_report_only_when_asked() -> None:
    full = report()
    row = summarize(full)
    assert (row.path, row.name, row.country, row.error, row.as_of, row.ok) == (
        "cities/harbour.yaml", "Harbour", "XX", None, "2026-03-01", True)
    assert row.report is None
    assert summarize(full, keep=True).report is full
    nameless = summarize(report({}))
    assert (nameless.name, nameless.country) == ("", "")


def test_summarize_a_checked_policy() -> None:
    text = ("schema_version: 1\ncity: {name: Riverside, country: XX}\n"
            "assessment: {date: '2026-01-01'}\nrights:\n  health: {status: pilot}\n")
    checked = check_document(load_text(text, "riverside.yaml"), [tiny_framework()],
                             CheckOptions(frameworks=("tiny",)), locate=False)
    row = summarize(checked)
    assert (row.statuses, row.gaps, dict(row.scores)) == ("PN", ("TINY-1", "TINY-2"),
                                                          {"tiny": 25.0})
    assert row.cells == (GroupCell("tiny", "G1", 50.0, 1), GroupCell("tiny", "G2", 0.0, 1))


def test_a_failed_row_carries_the_error_and_no_scores() -> None:
    row = failed_row("cities/broken.yaml", "cities/broken.yaml:3:1: unknown key 'citty'")
    assert (row.path, row.name, row.country) == ("cities/broken.yaml", "", "")
    assert row.error == "cities/broken.yaml:3:1: unknown key 'citty'"
    assert row.ok is False
    assert (dict(row.scores), row.cells, row.gaps, row.statuses) == ({}, (), (), "")
    assert row.counts == dict.fromkeys(Status, 0)
    assert sort_score(row) is None


@pytest.mark.parametrize(("scores", "mean"), [
    ({"a": 50.0, "b": 25.04}, 37.5),  # rounded to 0.1, as the reports show it
    ({"a": None, "b": 40.0}, 40.0),  # a framework without a score is left out
    ({"a": 0.0}, 0.0),
    ({"a": None}, None),
    ({}, None),
])
def test_sort_score_is_the_mean_of_the_framework_scores(scores: dict[str, float | None],
                                                        mean: float | None) -> None:
    assert sort_score(city_row("X", scores)) == mean


def test_compare_sorts_by_name_case_folded_with_nameless_rows_last() -> None:
    rows = [city_row("berlin"), failed_row("zz/broken.yaml", "bad"),
            city_row("Amsterdam", path="b.yaml"), city_row("", path="anon.yaml"),
            city_row("amsterdam", path="a.yaml"), city_row("Cádiz")]
    table = compare(FRAMEWORKS, rows)
    assert names(table.cities) == ["amsterdam:a.yaml", "Amsterdam:b.yaml", "berlin:berlin.yaml",
                                   "Cádiz:Cádiz.yaml", "anon.yaml", "zz/broken.yaml"]
    assert (table.sort, table.as_of, table.summary, dict(table.links)) == ("name", None, None,
                                                                           {})
    assert compare(FRAMEWORKS, reversed(rows), sort="anything").cities == table.cities


def test_compare_by_score_puts_the_highest_first_and_no_score_last() -> None:
    rows = [city_row("Nowhere", {"alpha": None}), failed_row("broken.yaml", "bad"),
            city_row("beta", {"alpha": 50.0}), city_row("Zero", {"alpha": 0.0}),
            city_row("Top", {"alpha": 80.0, "beta": 90.0}),
            city_row("Alpha", {"alpha": 40.0, "beta": 60.0})]
    table = compare(FRAMEWORKS, rows, sort="score", as_of="2026-01-01")
    assert [(c.name, sort_score(c)) for c in table.cities] == [
        ("Top", 85.0), ("Alpha", 50.0), ("beta", 50.0),  # a tie goes by name
        ("Zero", 0.0), ("Nowhere", None), ("", None)]
    assert (table.sort, table.as_of) == ("score", "2026-01-01")


def test_compare_lists_every_group_of_every_framework_as_columns() -> None:
    table = compare(FRAMEWORKS, [])
    assert table.columns == (ColumnGroup("alpha", "AL", "G1", "One"),
                             ColumnGroup("alpha", "AL", "G2", "Two"),
                             ColumnGroup("beta", "BE", "B1", "Only"))
    assert table.frameworks == (("alpha", "AL"), ("beta", "BE"))
    assert table.cities == ()


def test_status_codes_are_one_letter_each_and_reversible() -> None:
    assert encode(Status) == "MPUNWOA"
    assert {FROM_CODE[c] for c in encode(Status)} == set(Status)
    assert encode([]) == ""
