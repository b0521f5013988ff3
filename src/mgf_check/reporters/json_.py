"""`--format json`: the versioned report (validated against schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mgf_check.model import PolicyReport
from mgf_check.reportdata import comparison_to_dict, diff_to_dict, to_dict
from mgf_check.reporters.base import Reporter

if TYPE_CHECKING:
    from mgf_check.model_compare import Comparison, PolicyDiff


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


def _dump(data: dict[str, Any]) -> str:
    """One top-level key per line and one list item (a result, a city) per line: readable,
    diff-friendly, and written by json's C encoder (indent= would use the slow Python one)."""
    lines = []
    for key, value in data.items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_compact(item)}" for item in value)
            lines.append(f"  {name}: [\n{items}\n  ]")
        else:
            lines.append(f"  {name}: {_compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
