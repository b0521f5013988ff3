"""Scores: exact weighted means, what leaves the denominator, range and monotonicity
properties, and regrouping by crosswalk target."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgf_check.catalogue.references import load_references
from mgf_check.model import CriterionResult, Framework, Group, Status
from mgf_check.scoring import counts, group_score, mean, regroup, score_frameworks, weighted_score
from tests.unit.helpers import M, N, O, P, U, W, criterion, tiny_framework


def result(status: Status, weight: float = 1.0, cid: str = "T-1", group: str = "G1",
           **refs: tuple[str, ...]) -> CriterionResult:
    return CriterionResult(criterion(cid, group=group, weight=weight, refs=refs or None),
                           status, "", "", None)


def results(*pairs: tuple[Status, float]) -> list[CriterionResult]:
    return [result(status, weight, f"T-{i}") for i, (status, weight) in enumerate(pairs)]




@pytest.mark.parametrize(("pairs", "score"), [
    ([(M, 1)], 100.0),
    ([(U, 1)], 0.0),
    ([(N, 1)], 0.0),
    ([(P, 1)], 50.0),
    ([(M, 1), (U, 1)], 50.0),
    ([(M, 2), (P, 1), (U, 1)], 62.5),
    ([(M, 2), (P, 1), (U, 1), (N, 3)], 35.7),          # 2.5 / 7
    ([(M, 1), (U, 2)], 33.3),
    ([(M, 2), (U, 1)], 66.7),
    ([(M, 0.5), (P, 1.5)], 62.5),
    ([(M, 1), (U, 1), (W, 5)], 50.0),                  # waived leaves the denominator
    ([(M, 1), (U, 1), (O, 5)], 50.0),                  # so does out-of-competence
    ([(W, 1), (O, 1)], None),                          # nothing scored
    ([], None),
])
def test_weighted_score(pairs: list[tuple[Status, float]], score: float | None) -> None:
    assert weighted_score(results(*pairs)) == score


@pytest.mark.parametrize(("values", "expected"), [
    ([50.0, 75.0], 62.5),
    ([50.0, None, 75.0], 62.5),
    ([33.3, 33.3, 33.4], 33.3),
    ([100.0], 100.0),
    ([None, None], None),
    ([], None),
])
def test_mean(values: list[float | None], expected: float | None) -> None:
    assert mean(values) == expected


def test_counts_has_every_status_in_enum_order() -> None:
    found = counts(results((M, 1), (M, 1), (W, 1)))
    assert list(found) == list(Status)
    assert found == {M: 2, P: 0, U: 0, N: 0, W: 1, O: 0, Status.NOT_APPLICABLE: 0}


def test_group_score() -> None:
    score = group_score("G1", "First", results((M, 1), (P, 1)))
    assert (score.id, score.title, score.score, score.criteria) == ("G1", "First", 75.0,
                                                                   ("T-0", "T-1"))
    assert score.counts[M] == 1 and score.counts[P] == 1


def test_framework_score_is_the_mean_of_its_groups() -> None:
    tiny = tiny_framework()
    one, two = tiny.criteria
    scored = [CriterionResult(one, Status.PARTIAL, "", "", None),
              CriterionResult(two, Status.MET, "", "", None)]
    (framework_score,) = score_frameworks([tiny], scored)
    assert [(g.id, g.score) for g in framework_score.groups] == [("G1", 50.0), ("G2", 100.0)]
    assert framework_score.score == 75.0
    assert framework_score.counts[Status.PARTIAL] == 1


def test_a_group_with_nothing_scored_leaves_the_framework_mean() -> None:
    tiny = tiny_framework()
    one, two = tiny.criteria
    scored = [CriterionResult(one, Status.OUT_OF_COMPETENCE, "", "", None),
              CriterionResult(two, Status.UNMET, "", "", None)]
    (framework_score,) = score_frameworks([tiny], scored)
    assert [g.score for g in framework_score.groups] == [None, 0.0]
    assert framework_score.score == 0.0


def test_results_of_other_frameworks_are_ignored() -> None:
    tiny = tiny_framework()
    foreign = CriterionResult(criterion("X-1", framework="other"), Status.MET, "", "", None)
    (framework_score,) = score_frameworks([tiny], [foreign])
    assert framework_score.score is None
    assert sum(framework_score.counts.values()) == 0


def test_empty_framework_scores_none() -> None:
    empty = Framework("e", "Empty", "E", "", {}, "", (Group("G1", "g"),), (), "e.yaml")
    (framework_score,) = score_frameworks([empty], [])
    assert framework_score.score is None and framework_score.groups[0].score is None


def test_regroup_by_gcm_counts_a_criterion_under_each_target() -> None:
    references = load_references()
    both = result(Status.MET, cid="T-1", gcm=("O16", "O15"))
    one = result(Status.UNMET, cid="T-2", gcm=("O15",))
    view = regroup("gcm", [both, one], references)
    assert view.by == "gcm" and view.title == references["gcm"].title
    assert [(g.id, g.criteria, g.score) for g in view.groups] == [
        ("O15", ("T-1", "T-2"), 50.0),
        ("O16", ("T-1",), 100.0),
    ]
    assert view.groups[0].title == references["gcm"].items["O15"].heading


def test_regroup_skips_criteria_without_the_key() -> None:
    view = regroup("sdg", [result(Status.MET, gcm=("O15",))], load_references())
    assert view.groups == ()


def test_regroup_by_phase_uses_the_micic_phases() -> None:
    references = load_references()
    guidelines = [ref for ref in references["micic"].items.values() if ref.phase]
    first, last = guidelines[0], guidelines[-1]
    view = regroup("phase", [result(Status.MET, cid="T-1", micic=(first.id,)),
                             result(Status.UNMET, cid="T-2", micic=(last.id,))], references)
    assert view.title == "MICIC crisis phase"
    phases = list(references["micic"].phases)
    assert [g.id for g in view.groups] == [p for p in phases if p in {first.phase, last.phase}]


# --- properties -------------------------------------------------------------------------------

WEIGHTS = st.one_of(st.integers(1, 5).map(float), st.floats(0.01, 5.0))
RESULTS = st.lists(st.tuples(st.sampled_from(list(Status)), WEIGHTS), max_size=12)


def build(pairs: Sequence[tuple[Status, float]]) -> list[CriterionResult]:
    return results(*pairs)


@settings(max_examples=100)
@given(RESULTS)
def test_scores_are_in_range_or_none(pairs: list[tuple[Status, float]]) -> None:
    score = weighted_score(build(pairs))
    scored = [p for p in pairs if p[0] not in (W, O, Status.NOT_APPLICABLE)]
    assert (score is None) == (not scored)
    assert score is None or 0.0 <= score <= 100.0


@settings(max_examples=100)
@given(RESULTS, st.data())
def test_turning_unmet_into_met_never_lowers_the_score(
        pairs: list[tuple[Status, float]], data: st.DataObject) -> None:
    gaps = [i for i, (status, _) in enumerate(pairs) if status in (U, N, P)]
    if not gaps:
        return
    i = data.draw(st.sampled_from(gaps))
    better = list(pairs)
    better[i] = (M, pairs[i][1])
    before, after = weighted_score(build(pairs)), weighted_score(build(better))
    assert before is not None and after is not None
    assert after >= before


@settings(max_examples=100)
@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), max_size=8))
def test_mean_is_in_range(values: list[float | None]) -> None:
    average = mean(values)
    present = [v for v in values if v is not None]
    assert (average is None) == (not present)
    assert average is None or min(present) - 0.05 <= average <= max(present) + 0.05


@settings(max_examples=100)
@given(st.lists(st.tuples(st.sampled_from(list(Status)), WEIGHTS), max_size=6),
       st.lists(st.tuples(st.sampled_from(list(Status)), WEIGHTS), max_size=6))
def test_framework_scores_are_in_range(g1: list[tuple[Status, float]],
                                       g2: list[tuple[Status, float]]) -> None:
    tiny = tiny_framework()
    scored = [result(s, w, f"A-{i}", "G1") for i, (s, w) in enumerate(g1)] + \
        [result(s, w, f"B-{i}", "G2") for i, (s, w) in enumerate(g2)]
    (framework_score,) = score_frameworks([tiny], scored)
    assert framework_score.score is None or 0.0 <= framework_score.score <= 100.0
    assert sum(framework_score.counts.values()) == len(scored)
