"""`--format json`: the versioned report (validated against schemas/report.schema.json)."""

from __future__ import annotations

import json

from mgf_check.model import PolicyReport
from mgf_check.reportdata import to_dict
from mgf_check.reporters.base import Reporter


class JsonReporter(Reporter):
    """The complete report as JSON, the same shape at every verbosity."""

    name = "json"
    suffix = ".json"
    description = "versioned JSON report (schema: `mgf-check schema --report`)"

    def render(self, report: PolicyReport) -> str:
        return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
