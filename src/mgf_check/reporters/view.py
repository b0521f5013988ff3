"""The presentation model of one report: every fact a human report shows, computed once.

`report_view(report)` turns a finished `PolicyReport` into plain values: score rows with their
band and documented share, one row per criterion, the actions grouped by measure, the blank
topics, notices and the executive summary. The terminal, Markdown, HTML and JSON reporters lay
these values out; none of them recomputes a count, a gap, a band, a label or a location.
Fixed wording comes from `wording`; the rows are defined in `rows`, the ranking in `actions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mgf_check.i18n import _
from mgf_check.model import GAP_STATUSES, FrameworkScore, PolicyReport, Priority, Status, gap_order
from mgf_check.reporters import wording as w
from mgf_check.reporters.actions import Action, blanks, first_step_count, plan
from mgf_check.reporters.rows import (
    SHORTFALL,
    CriterionView,
    Documented,
    ScoreRow,
    city_label,
    counts_of,
    location,
    score_row,
)
from mgf_check.scoring import documented


@dataclass(frozen=True, slots=True)
class FrameworkView:
    """One framework: its overall row and its groups' rows."""

    id: str
    short_title: str
    title: str
    edition: str
    total: ScoreRow
    groups: tuple[ScoreRow, ...]

    @property
    def heading(self) -> str:
        """`mgf-check score on MiGOF-derived criteria` (never reads as an IOM score)."""
        return w.score_heading(self.short_title)


@dataclass(frozen=True, slots=True)
class NoticeView:
    """A notice and where it points."""

    at: str
    message: str


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything a human report of one policy shows."""

    report: PolicyReport
    frameworks: tuple[FrameworkView, ...]
    by: tuple[str, tuple[ScoreRow, ...]] | None
    criteria: tuple[CriterionView, ...]
    gaps: tuple[CriterionView, ...]
    actions: tuple[Action, ...]
    first: int
    blanks: tuple[Action, ...]
    notices: tuple[NoticeView, ...]
    totals: Mapping[Status, int]

    @property
    def name(self) -> str:
        """The city's name."""
        return str(self.report.city.get("name", "?"))

    @property
    def country(self) -> str:
        """The city's country code."""
        return str(self.report.city.get("country", "?"))

    @property
    def city_label(self) -> str:
        """`Name (CC)`."""
        return city_label(self.report)

    def short(self, framework_id: str) -> str:
        """A framework's short title (its id when it is not in the report)."""
        return next((f.short_title for f in self.frameworks if f.id == framework_id),
                    framework_id)

    @property
    def documented(self) -> Documented:
        """Criteria described out of criteria assessed, over all frameworks."""
        return Documented(*documented(self.totals))

    @property
    def first_steps(self) -> tuple[Action, ...]:
        """The actions the report leads with."""
        return self.actions[:self.first]

    @property
    def no_actions(self) -> str:
        """The sentence shown when there is nothing to create or change."""
        return w.NO_ACTIONS_BLANKS if self.blanks else w.NO_ACTIONS

    @property
    def core_gaps(self) -> int:
        """Core criteria unmet or not described."""
        return sum(1 for c in self.gaps if c.is_core_gap)

    def summary(self) -> list[str]:
        """The executive summary, in plain sentences."""
        t, doc = self.totals, self.documented
        names = ", ".join(f.short_title for f in self.frameworks)
        out = [_("{name} was checked as of {as_of} against {n} criteria derived from "
                 "{frameworks}.").format(name=self.name, as_of=self.report.as_of,
                                         n=len(self.criteria), frameworks=names),
               _("The policy file describes {stated} of the {assessed} criteria assessed "
                 "({share}). Of those described, {met} are met, {partial} partly met and "
                 "{unmet} not met.").format(
                   stated=doc.stated, assessed=doc.assessed, share=_pct(doc.share),
                   met=t[Status.MET], partial=t[Status.PARTIAL], unmet=t[Status.UNMET])]
        if self.actions:
            closes = sum(len(a.criteria) for a in self.first_steps)
            short = sum(len(a.criteria) for a in self.actions)
            out.append(_("{measures} to create or change would close the {short} criteria not "
                         "met or partly met; the {first} first steps close {closes} of them.")
                       .format(measures=w.count_phrase(len(self.actions), "measure",
                                                       "measures"),
                               short=short, first=self.first, closes=closes))
        if self.blanks:
            out.append(_("{topics} left blank ({n} criteria): describing them comes before "
                         "reading the scores.").format(
                topics=w.count_phrase(len(self.blanks), "topic is", "topics are"),
                n=t[Status.NOT_STATED]))
        strong = _extreme(self.frameworks, best=True)
        weak = _extreme(self.frameworks, best=False)
        if strong is not None and weak is not None and strong[0] >= 40 and strong != weak:
            out.append(_("Best developed among well-documented dimensions: {strong}. Most "
                         "potential for development: {weak}.").format(strong=strong[1],
                                                                       weak=weak[1]))
        return out


def _pct(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:.0f}%"


def _extreme(frameworks: tuple[FrameworkView, ...], best: bool) -> tuple[float, str] | None:
    """The highest (or lowest) scoring group that is at least half documented."""
    rows = [(g.score or 0.0, f"{g.label} ({f.short_title}, {g.score_text})")
            for f in frameworks for g in f.groups
            if g.score is not None and (g.documented.share or 0) >= 50]
    if not rows:
        return None
    return (max if best else min)(rows, key=lambda r: r[0])


def _framework(f: FrameworkScore, results: tuple[CriterionView, ...]) -> FrameworkView:
    fw = f.framework
    mine = [c.result for c in results if c.result.criterion.framework == fw.id]
    groups = tuple(score_row(g, results=mine) for g in f.groups)
    total = ScoreRow(fw.id, fw.short_title, fw.title, f.score, counts_of(groups),
                     Documented(*documented(counts_of(groups))))
    return FrameworkView(fw.id, fw.short_title, fw.title, fw.edition, total, groups)


def report_view(report: PolicyReport) -> ReportView:
    """The view of one report (build it once; every section reads from it)."""
    criteria = tuple(CriterionView(r, location(report.path, r.span)) for r in report.results)
    gaps = tuple(sorted((c for c in criteria if c.status in GAP_STATUSES),
                        key=lambda c: gap_order(c.result)))
    competences = report.city.get("competences") or {}
    actions = plan(gaps, report.measures, competences)
    frameworks = tuple(_framework(f, criteria) for f in report.frameworks)
    by = None
    if report.view is not None:
        by = (report.view.title, tuple(score_row(g) for g in report.view.groups))
    totals = {s: sum(f.total.counts.get(s, 0) for f in frameworks) for s in Status}
    notices = tuple(NoticeView(location(report.path, n.span), n.message)
                    for n in report.notices)
    return ReportView(report, frameworks, by, criteria, gaps, actions,
                      first_step_count(actions), blanks(gaps, competences), notices, totals)


__all__ = ["SHORTFALL", "Action", "CriterionView", "Documented", "FrameworkView",
           "NoticeView", "Priority", "ReportView", "ScoreRow", "report_view"]
