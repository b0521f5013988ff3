"""`--format json`: the versioned report (validated against schemas/report.schema.json)."""

from __future__ import annotations

import json

from typing import Any

from mgf_check.model import Comparison, PolicyDiff, PolicyReport
from mgf_check.reportdata import comparison_to_dict, diff_to_dict, to_dict
from mgf_check.reporters.base import Reporter


class JsonReporter(Reporter):
    """The complete report as JSON, the same shape at every verbosity."""

    name = "json"
    suffix = ".json"
    description = "versioned JSON report (schema: `mgf-check schema --report`)"

    def render(self, report: PolicyReport) -> str:
        return _dump(to_dict(report))

    def render_comparison(self, comparison: Comparison) -> str:
        return _dump(comparison_to_dict(comparison))

    def render_diff(self, diff: PolicyDiff) -> str:
        return _dump(diff_to_dict(diff))


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
