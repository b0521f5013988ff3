"""Stage 2: validation against the bundled JSON Schemas (the `schemas/` data folder).

`validation` is the entry point (`validate(doc, name)`); `fast` is the compiled yes/no
validator for valid documents; `messages` turns jsonschema's errors into located problems.
"""
