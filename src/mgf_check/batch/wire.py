"""What a batch worker sends back for one file, and how the parent rebuilds it.

A worker returns a small summary per file. When a format needs every criterion's result, the
report travels packed: without its criteria (every process already has them), as plain tuples,
which pickle smallest; the parent rebuilds it against its own criteria. Rows a large batch keeps
until the end share their id strings instead of each holding its own copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mgf_check.comparison import CitySummary
from mgf_check.gate import Verdict
from mgf_check.model import (
    CriterionResult,
    Framework,
    JSONDict,
    Notice,
    PolicyReport,
    Span,
    Status,
    Waiver,
)

#: One criterion's result without its criterion: (criterion id, status, reason, pointer, span,
#: waiver), the fields of `CriterionResult` after the first. Plain tuples: they cross the
#: process boundary by the thousand, and a tuple pickles smallest.
PackedResult = tuple[str, Status, str, str, Span | None, Waiver | None]
#: A report without its criteria: (city, assessment, as_of, waivers, notices, results).
Packed = tuple[JSONDict, JSONDict, str, tuple[Waiver, ...], tuple[Notice, ...],
               tuple[PackedResult, ...]]


def pack(report: PolicyReport) -> Packed:
    """The report without its criteria (which every process already has), cheap to send."""
    results = tuple((r.criterion.id, r.status, r.reason, r.pointer, r.span, r.waiver)
                    for r in report.results)
    return (dict(report.city), dict(report.assessment), report.as_of, report.waivers,
            report.notices, results)


def unpack(path: str, packed: Packed, frameworks: Sequence[Framework],
           ignore_waivers: bool) -> PolicyReport:
    """Rebuild the full report of `path` against the parent's own criteria."""
    from mgf_check.scoring import score_frameworks

    city, assessment, as_of, waivers, notices, packed_results = packed
    criteria = {c.id: c for f in frameworks for c in f.criteria}
    results = tuple(CriterionResult(criteria[cid], status, reason, pointer, span, waiver)
                    for cid, status, reason, pointer, span, waiver in packed_results)
    return PolicyReport(path, city, assessment, as_of, score_frameworks(frameworks, results),
                        results, waivers, ignore_waivers, notices, None)


def canonical_ids(frameworks: Sequence[Framework]) -> dict[str, str]:
    """Every criterion id, framework id and group id, each mapped to itself: one string
    object per id for all the rows of a batch."""
    out: dict[str, str] = {}
    for f in frameworks:
        out[f.id] = f.id
        for g in f.groups:
            out.setdefault(g.id, g.id)
        for c in f.criteria:
            out[c.id] = c.id
    return out


def share_ids(summary: CitySummary, verdict: Verdict | None,
              canonical: dict[str, str]) -> tuple[CitySummary, Verdict | None]:
    """A worker's summary and verdict with their ids shared rather than copied: unpickled,
    each row holds its own copy of every gap id (about 17 KB a row; 5 KB shared), which a
    10,000-file batch keeps until the end."""
    summary = replace(summary, gaps=tuple(canonical.get(g, g) for g in summary.gaps),
                      cells=tuple(replace(c, framework=canonical.get(c.framework, c.framework),
                                          group=canonical.get(c.group, c.group))
                                  for c in summary.cells))
    if verdict is not None and verdict.criteria:
        verdict = replace(verdict, criteria=tuple(canonical.get(c, c) for c in verdict.criteria))
    return summary, verdict
