"""`mgf-check schema`: print one of the bundled JSON Schemas."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mgf_check.cli.root import command


@command(help="Print a JSON Schema: the policy schema (for editors), or with --report the "
             "report schema, with --catalogue the framework catalogue schema, with --config "
             "the schema of .mgf-check.yaml, with --validation the schema of `validate "
             "--format json`.")
def schema(
    report: Annotated[bool, typer.Option("--report", help="The JSON report's schema.")] = False,
    catalogue: Annotated[bool, typer.Option("--catalogue", help="The catalogue schema.")] = False,
    config: Annotated[bool, typer.Option("--config", help="The config file's schema.")] = False,
    validation: Annotated[bool, typer.Option("--validation", help="The schema of `validate "
                                             "--format json`.")] = False,
) -> None:
    from mgf_check.schema.validation import schema_text

    name = "report" if report else "framework" if catalogue else "config" if config \
        else "validation" if validation else "policy"
    sys.stdout.write(schema_text(name))
