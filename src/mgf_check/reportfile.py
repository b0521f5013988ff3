"""Reading a saved JSON report (from `--format json`) below the CLI, for trends and batch
diffs: parsed, validated against the report schema, errors as located problems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mgf_check.errors import ConfigError, Problem


def read_report(path: Path) -> dict[str, Any]:
    """A saved report as data; a usage error (exit 2) when it is missing, not JSON, or not
    a valid mgf-check report."""
    import jsonschema

    from mgf_check.schema.validation import load_schema

    where = path.as_posix()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(Problem(where, None, "no such file", rule="usage")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(where, None, f"cannot read report: {exc}",
                                  rule="usage")) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(Problem(where, None, f"not JSON: {exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}", "give a report written by --format "
                                  "json", rule="usage")) from None
    validator = jsonschema.Draft202012Validator(load_schema("report"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        at = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise ConfigError(Problem(where, None, f"not a valid mgf-check report ({at}): "
                                  f"{error.message}", "re-create it with `mgf-check check "
                                  "--format json`", rule="usage"))
    return data  # type: ignore[no-any-return]
