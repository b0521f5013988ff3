"""`--format json`: the versioned report (validated against schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mgf_check.model import JSONDict, PolicyReport
from mgf_check.reporters.base import Reporter
from mgf_check.reporters.json_codec import comparison_to_dict, diff_to_dict, to_dict

if TYPE_CHECKING:
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff
    from mgf_check.reporters.actions import Action
    from mgf_check.reporters.view import ReportView


class JsonReporter(Reporter):
    """The complete report as JSON, the same shape at every verbosity."""

    name = "json"
    suffix = ".json"
    description = "versioned JSON report (schema: `mgf-check schema --report`)"

    def render(self, report: PolicyReport) -> str:
        from mgf_check.reporters.view import report_view

        data = to_dict(report)
        data.update(plan_dict(report_view(report)))
        return "".join(_chunks(data))

    def render_comparison(self, comparison: Comparison) -> str:
        return "".join(self.stream_comparison(comparison))

    def stream_comparison(self, comparison: Comparison) -> Iterator[str]:
        # one city at a time: 10,000 cities never sit in memory as one string
        return _chunks(comparison_to_dict(comparison, lazy=True))

    def render_diff(self, diff: PolicyDiff) -> str:
        return "".join(_chunks(diff_to_dict(diff)))


def plan_dict(view: ReportView) -> JSONDict:
    """The action plan of a report's view: measures to create or change, and blank topics."""
    def action(a: Action, first: bool | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": a.subject, "label": a.label, "kind": a.kind,
            "priority": a.priority.value, "core": a.core, "frameworks": list(a.frameworks),
            "competence": a.competence, "criteria": [c.id for c in a.criteria],
            "recommendation": a.recommendation}
        if first is not None:
            out["first_step"] = first
        return out

    return {"actions": [action(a, i < view.first) for i, a in enumerate(view.actions)],
            "blanks": [action(a, None) for a in view.blanks]}


def _chunks(data: dict[str, Any]) -> Iterator[str]:
    """One top-level key per line and one list item (a result, a city) per line: readable,
    diff-friendly, and written by json's C encoder (indent= would use the slow Python one)."""
    yield "{\n"
    for i, (key, value) in enumerate(data.items()):
        lead = "  " if i == 0 else ",\n  "
        name = json.dumps(key)
        if isinstance(value, (list, Iterator)):
            yield f"{lead}{name}: ["
            empty = True
            for item in value:
                yield f"{'' if empty else ','}\n    {_compact(item)}"
                empty = False
            yield "]" if empty else "\n  ]"
        else:
            yield f"{lead}{name}: {_compact(value)}"
    yield "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
