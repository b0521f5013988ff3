"""Stage 1 of the pipeline: reading YAML with positions.

`yamlsource` is the hardened loader (YAML 1.2 scalars, duplicate keys, limits, encodings) that
returns a `LoadedDocument`; `sourcemap` maps JSON pointers to 1-based line/column spans.
"""
