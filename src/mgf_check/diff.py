"""Diffs between two versions of one city's policy: the values and how they are built."""

from __future__ import annotations

from dataclasses import dataclass

from mgf_check.model import GAP_STATUSES, Change, Criterion, PolicyReport, Status


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One criterion's status in two versions of a policy."""

    criterion: Criterion
    before: Status | None
    after: Status | None
    kind: Change


@dataclass(frozen=True, slots=True)
class ScoreDelta:
    """A group's (or framework's, when group is "") score in two versions."""

    framework: str
    group: str
    title: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """after - before, rounded to 0.1 (None when either is missing)."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    """What changed between two versions of one city's policy."""

    old: PolicyReport
    new: PolicyReport
    changes: tuple[StatusChange, ...]
    deltas: tuple[ScoreDelta, ...]



def _kind(before: Status | None, after: Status | None) -> Change:
    if before == after:
        return Change.UNCHANGED
    was_gap = before in GAP_STATUSES
    is_gap = after in GAP_STATUSES
    if was_gap and not is_gap:
        return Change.CLOSED
    if is_gap and not was_gap:
        return Change.OPENED
    return Change.CHANGED


def diff_reports(old: PolicyReport, new: PolicyReport) -> PolicyDiff:
    """Status changes per criterion and score changes per framework and group."""
    before = {r.criterion.id: r for r in old.results}
    after = {r.criterion.id: r for r in new.results}
    order = [*after, *(cid for cid in before if cid not in after)]
    changes = tuple(
        StatusChange((after.get(cid) or before[cid]).criterion,
                     before[cid].status if cid in before else None,
                     after[cid].status if cid in after else None,
                     _kind(before[cid].status if cid in before else None,
                           after[cid].status if cid in after else None))
        for cid in order)
    return PolicyDiff(old, new, changes, tuple(_deltas(old, new)))


def _deltas(old: PolicyReport, new: PolicyReport) -> list[ScoreDelta]:
    olds = {f.framework.id: f for f in old.frameworks}
    out = []
    for f in new.frameworks:
        prior = olds.get(f.framework.id)
        out.append(ScoreDelta(f.framework.id, "", f.framework.short_title,
                              prior.score if prior else None, f.score))
        prior_groups = {g.id: g for g in prior.groups} if prior else {}
        for g in f.groups:
            p = prior_groups.get(g.id)
            out.append(ScoreDelta(f.framework.id, g.id, g.title, p.score if p else None,
                                  g.score))
    return out
