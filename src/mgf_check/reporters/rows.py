"""The rows of the presentation model: score rows, criterion rows, bands, labels, locations.

Each fact is defined here once (what a band is, how a group is labelled, how a location is
written, what "documented" means); `view.py` assembles them into a report's view.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgf_check.catalogue.bundled import agenda_keys
from mgf_check.i18n import _, labelled
from mgf_check.model import (
    GAP_STATUSES,
    CriterionResult,
    GroupScore,
    JSONObject,
    PolicyReport,
    Priority,
    Span,
    Status,
    gap_order,
)
from mgf_check.reporters import wording as w
from mgf_check.reporters.neutral import safe_url
from mgf_check.scoring import documented, share

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison

#: The two kinds of gap: something described that falls short, and a blank topic.
SHORTFALL = (Status.UNMET, Status.PARTIAL)
BLANK = (Status.NOT_STATED,)


def status_value(status: Status | None) -> str:
    """A status as machine formats write it; `absent` for a criterion missing from one side
    of a diff."""
    return w.ABSENT if status is None else status.value


def band(score: float | None) -> tuple[str, str]:
    """(css key, word) of a score's band: high 75+, middle 40-74, low below 40."""
    if score is None:
        return w.BAND_NA
    for floor, key, word in w.BANDS:
        if score >= floor:
            return key, word
    return w.BANDS[-1][1], w.BANDS[-1][2]


def score_text(score: float | None) -> str:
    """A score for people: `62.5%`, or `n/a` when nothing was scored."""
    return _("n/a") if score is None else f"{score:.1f}%"


def group_label(gid: str, title: str) -> str:
    """`D1 Migrants' rights`, or just the title when it already names the group."""
    return title if gid.lower() in title.lower() else f"{gid} {title}"


def location(path: str, span: Span | None) -> str:
    """`file:line:col`, or just the file when there is no position."""
    return path if span is None else f"{path}:{span.line}:{span.column}"


@dataclass(frozen=True, slots=True)
class Documented:
    """Criteria the file describes (`stated`) out of criteria assessed."""

    stated: int
    assessed: int

    @property
    def share(self) -> float | None:
        """The documented share in percent (None when nothing is assessed)."""
        return share(self.stated, self.assessed)

    @property
    def text(self) -> str:
        """`31 of 46 documented`."""
        return w.documented_text(self.stated, self.assessed)


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One group (or crosswalk target, or a framework as a whole) with its numbers."""

    id: str
    label: str
    title: str
    score: float | None
    counts: Mapping[Status, int]
    documented: Documented
    well: tuple[str, ...] = ()
    potential: tuple[str, ...] = ()

    @property
    def score_text(self) -> str:
        """`62.5%` or `n/a`."""
        return score_text(self.score)

    @property
    def band(self) -> tuple[str, str]:
        """(css key, word) of the score's band."""
        return band(self.score)

    def count(self, *statuses: Status) -> int:
        """How many criteria have any of `statuses`."""
        return sum(self.counts.get(s, 0) for s in statuses)


@dataclass(frozen=True, slots=True)
class CriterionView:
    """One criterion's result, with every text a reporter shows about it."""

    result: CriterionResult
    at: str

    @property
    def id(self) -> str:
        """The criterion id."""
        return self.result.criterion.id

    @property
    def status(self) -> Status:
        """The status."""
        return self.result.status

    @property
    def word(self) -> str:
        """The status word readers see."""
        return w.STATUS_WORD[self.result.status]

    @property
    def priority(self) -> str:
        """The priority word."""
        return w.PRIORITY_WORD[self.result.criterion.priority]

    @property
    def is_core_gap(self) -> bool:
        """A core criterion that is unmet or not stated (the `error` level of CI formats)."""
        return is_core_gap(self.result)

    @property
    def source(self) -> str:
        """Where the criterion comes from, in plain words (no evidence level, no notes)."""
        d = self.result.criterion.derived_from
        return f"{d.get('framework', '')} {d.get('element', '')} ({d.get('document', '')}, " \
            f"{d.get('year', '')})"

    @property
    def provenance(self) -> str:
        """The evidence level and derivation note (for the technical appendix)."""
        d = self.result.criterion.derived_from
        text = w.EVIDENCE_LEVEL.get(str(d.get("basis", "")), str(d.get("basis", "")))
        return f"{text}; derived via {d['via']}" if d.get("via") else text

    @property
    def serves(self) -> str:
        """Compact crosswalk: `GCM O15, O17 · SDG 3.8, 10.7`."""
        refs = self.result.criterion.refs
        return " · ".join(f"{w.REF_NAME.get(k, k)} {', '.join(refs[k])}"
                          for k in agenda_keys() if refs.get(k))


def is_core_gap(result: CriterionResult) -> bool:
    """A core criterion that is unmet or not stated: what every format calls a core gap."""
    return (result.criterion.priority is Priority.CORE
            and result.status in (Status.UNMET, Status.NOT_STATED))


def score_row(g: GroupScore, titles: Mapping[str, str] | None = None,
              results: Sequence[CriterionResult] = ()) -> ScoreRow:
    """A group's row; with `results`, the titles of what is met and what falls short."""
    stated, assessed = documented(g.counts)
    ids = set(g.criteria)
    mine = [r for r in results if r.criterion.id in ids]
    return ScoreRow(g.id, group_label(g.id, g.title), g.title, g.score, g.counts,
                    Documented(stated, assessed),
                    tuple(r.criterion.title for r in mine if r.status is Status.MET),
                    tuple(r.criterion.title for r in mine if r.status in SHORTFALL))


def counts_of(rows: Sequence[ScoreRow]) -> dict[Status, int]:
    """Status counts summed over rows."""
    return {s: sum(r.counts.get(s, 0) for r in rows) for s in Status}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence a city recorded about a measure: its title (the URL when it has
    none), the URL when it is safe to link, and its date ("" when none)."""

    title: str
    url: str | None
    date: str


def evidence_of(fields: JSONObject) -> list[Evidence]:
    """The evidence a city recorded about a measure, as the HTML and Markdown reports link it."""
    return [Evidence(str(item.get("title", item.get("url", ""))), safe_url(item.get("url")),
                     str(item["date"]) if item.get("date") else "")
            for item in fields.get("evidence", [])]


#: Recorded fields whose values are the schema's allowed values: shown with their labels.
LABELLED = ("status", "scope", "instrument", "delivered_by", "groups")


def recorded_items(fields: JSONObject) -> list[tuple[str, str]]:
    """(label, text) pairs of what a city recorded about a measure, evidence excepted."""
    out = []
    for key, value in fields.items():
        if key in ("evidence", "name"):  # the name is in the action's title; evidence is a list
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else (
            "; ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, Mapping)
            else str(value))
        if key in LABELLED and isinstance(value, (str, list)):
            text = labelled([str(v) for v in value] if isinstance(value, list) else [value])
        out.append((w.FIELD_LABEL.get(key, key.replace("_", " ")), text))
    return out


def is_gap(result: CriterionResult) -> bool:
    """True for unmet, not-stated and partial results."""
    return result.status in GAP_STATUSES


def gaps(report: PolicyReport) -> list[CriterionResult]:
    """The report's gaps (unmet, not-stated, partial), most important first."""
    return sorted((r for r in report.results if is_gap(r)), key=gap_order)


def location_text(report: PolicyReport, result: CriterionResult) -> str:
    """`file:line:col` of a result (just the file when it has no position)."""
    return location(report.path, result.span)


def source_text(result: CriterionResult) -> str:
    """One-line citation of what a criterion is derived from."""
    d = result.criterion.derived_from
    text = f"{d.get('framework', '')} {d.get('element', '')} ({d.get('document', '')}, " \
        f"{d.get('year', '')}); basis {d.get('basis', '')}"
    if d.get("via"):
        text += f"; via {d['via']}"
    return text


def city_label(report: PolicyReport) -> str:
    """`Name (CC)` of a report's city."""
    return f"{report.city.get('name', '?')} ({report.city.get('country', '?')})"


def detailed_reports(comparison: Comparison) -> Iterator[PolicyReport]:
    """The full reports a comparison kept (reporters with needs_details get them all)."""
    for city in comparison.cities:
        if city.report is not None:
            yield city.report
