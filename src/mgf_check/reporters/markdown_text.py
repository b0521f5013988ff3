"""Markdown escaping and tables shared by the single-report and comparison Markdown text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: Characters that could start Markdown or HTML syntax inside running text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def md(text: object) -> str:
    """Text safe in running Markdown: syntax characters escaped, whitespace folded."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_cell(text: object) -> str:
    """Text safe in a table cell: escaped, `|` escaped, newlines as `<br>`."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(md(line) for line in lines if line.strip())


def code(text: object, cell: bool = False) -> str:
    """An inline code span that survives backticks (and, in a table `cell`, `|`)."""
    value = " ".join(str(text).split())
    if cell:
        value = value.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]],
          align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. `align` holds `l`/`r` per column."""
    marks = [("---:" if a == "r" else "---") for a in align.ljust(len(header), "l")]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out
