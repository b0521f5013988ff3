"""Scores: weighted alignment per group, framework and crosswalk target (pure arithmetic).

met counts 1, partial 1/2, unmet and not-stated 0; waived, out-of-competence and
not-applicable leave the denominator. A group's score is its weighted mean x 100; a
framework's is the mean of its groups. Scores are this tool's summary of alignment, not an
IOM score or a ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mgf_check.catalogue.bundled import crosswalk
from mgf_check.catalogue.references import VIEWS, RefList
from mgf_check.model import (
    POINTS,
    CriterionResult,
    Framework,
    FrameworkScore,
    GroupScore,
    Status,
    View,
)


def counts(results: Iterable[CriterionResult]) -> dict[Status, int]:
    """How many results have each status (every status present, in enum order)."""
    out = dict.fromkeys(Status, 0)
    for result in results:
        out[result.status] += 1
    return out


def documented(counts: Mapping[Status, int]) -> tuple[int, int]:
    """(stated, assessed): criteria the file describes out of the criteria that are scored.

    Assessed criteria are the scored ones (met, partial, unmet, not-stated); stated ones are
    those among them the file says something about (all but not-stated). Set beside a score,
    the pair tells a blank dimension from a weak one.
    """
    assessed = sum(counts.get(status, 0) for status in POINTS)
    return assessed - counts.get(Status.NOT_STATED, 0), assessed


def share(part: int, whole: int) -> float | None:
    """`part` out of `whole` in percent, rounded to 0.1; None when `whole` is 0."""
    return round(100 * part / whole, 1) if whole else None


def weighted_score(results: Sequence[CriterionResult]) -> float | None:
    """Weighted mean of points x 100, rounded to 0.1; None when nothing is scored."""
    total = earned = 0.0
    for result in results:
        points = POINTS.get(result.status)
        if points is None:
            continue
        total += result.criterion.weight
        earned += result.criterion.weight * points
    if total == 0:
        return None
    return round(100 * earned / total, 1)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the scores that exist, rounded to 0.1."""
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def group_score(gid: str, title: str, results: Sequence[CriterionResult]) -> GroupScore:
    """The score and counts of one group of results."""
    return GroupScore(gid, title, weighted_score(results), counts(results),
                      tuple(r.criterion.id for r in results))


def score_frameworks(frameworks: Iterable[Framework],
                     results: Sequence[CriterionResult]) -> tuple[FrameworkScore, ...]:
    """Per framework: its groups' scores (catalogue order) and their mean."""
    out = []
    for framework in frameworks:
        mine = [r for r in results if r.criterion.framework == framework.id]
        groups = tuple(group_score(g.id, g.title, [r for r in mine if r.criterion.group == g.id])
                       for g in framework.groups)
        out.append(FrameworkScore(framework, mean(g.score for g in groups), counts(mine),
                                  groups))
    return tuple(out)


def regroup(by: str, results: Sequence[CriterionResult],
            references: Mapping[str, RefList]) -> View:
    """The same results grouped by a crosswalk target, in reference-list order.

    A criterion that serves several targets counts under each of them.
    """
    key = VIEWS[by]
    ref = references[key]
    by_phase = bool(ref.phases)  # a list with `phases:` (MICIC) regroups by phase, not by item
    buckets: dict[str, dict[str, CriterionResult]] = {}
    for result in results:
        for target in result.criterion.refs.get(key, ()):
            bucket = ref.items[target].phase if by_phase else target
            if bucket:
                buckets.setdefault(bucket, {})[result.criterion.id] = result
    if by_phase:
        order = [(p, title) for p, title in ref.phases.items()]
    else:
        order = [(i.id, i.heading) for i in ref.items.values()]
    groups = tuple(group_score(gid, title, list(buckets[gid].values())) for gid, title in order
                   if gid in buckets)
    title = crosswalk(key).view_title or ref.title
    return View(by, title, groups)
