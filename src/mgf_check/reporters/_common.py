"""Small helpers shared by the machine and document reporters (not part of the public API)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mgf_check.model import (
    GAP_STATUSES,
    CriterionResult,
    PolicyReport,
)
from mgf_check.reporters.rows import is_core_gap
from mgf_check.reporters.wording import AGGREGATION, DISCLAIMER, SYMBOL

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison

# The fixed wording lives in `wording`; these names stay for the machine formats.
__all__ = ["AGGREGATION", "DISCLAIMER", "SYMBOL", "city_label", "detailed_reports",
           "fingerprint", "is_gap", "level"]


def level(result: CriterionResult) -> str:
    """Annotation level of a gap: `error` for a core unmet/not-stated criterion, else `warning`."""
    return "error" if is_core_gap(result) else "warning"


def is_gap(result: CriterionResult) -> bool:
    """True for unmet, not-stated and partial results."""
    return result.status in GAP_STATUSES


def fingerprint(path: str, criterion: str) -> str:
    """A stable fingerprint of one finding: sha256 of `path|criterion`, hex."""
    return hashlib.sha256(f"{path}|{criterion}".encode()).hexdigest()


def city_label(report: PolicyReport) -> str:
    """`Name (CC)` of a report's city."""
    return f"{report.city.get('name', '?')} ({report.city.get('country', '?')})"


def detailed_reports(comparison: Comparison) -> Iterator[PolicyReport]:
    """The full reports a comparison kept (reporters with needs_details get them all)."""
    for city in comparison.cities:
        if city.report is not None:
            yield city.report

