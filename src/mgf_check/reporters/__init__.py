"""The reporter registry: output format name -> reporter class, imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath

from mgf_check.reporters.base import RenderOptions, Reporter


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a reporter lives and which file suffixes select it."""

    module: str
    cls: str
    suffixes: tuple[str, ...]


#: Every output format. CLI choices and `-o FILE` suffixes derive from this table.
REPORTERS: Mapping[str, Entry] = {
    "terminal": Entry("mgf_check.reporters.terminal_report", "TerminalReporter", (".txt",)),
    "json": Entry("mgf_check.reporters.json_", "JsonReporter", (".json",)),
    "markdown": Entry("mgf_check.reporters.markdown", "MarkdownReporter", (".md",)),
    "html": Entry("mgf_check.reporters.html", "HtmlReporter", (".html", ".htm")),
    "sarif": Entry("mgf_check.reporters.sarif", "SarifReporter", (".sarif",)),
    "junit": Entry("mgf_check.reporters.junit", "JunitReporter", (".xml",)),
    "csv": Entry("mgf_check.reporters.csv_", "CsvReporter", (".csv",)),
    "github": Entry("mgf_check.reporters.github", "GithubReporter", ()),
}


def get_reporter(name: str, options: RenderOptions | None = None) -> Reporter:
    """An instance of the reporter for format `name`."""
    entry = REPORTERS[name]
    reporter: type[Reporter] = getattr(importlib.import_module(entry.module), entry.cls)
    return reporter(options)


def needs_details(names: Iterable[str]) -> bool:
    """True when one of these formats renders every city's full results in a comparison."""
    return any(getattr(_class(REPORTERS[name]), "needs_details", False) for name in names)


def _class(entry: Entry) -> type[Reporter]:
    reporter: type[Reporter] = getattr(importlib.import_module(entry.module), entry.cls)
    return reporter


def format_for(path: str) -> str | None:
    """The format a file name selects by its suffix (None when no format claims it)."""
    name = PurePath(path).name.lower()
    matches = [(len(s), fmt) for fmt, e in REPORTERS.items() for s in e.suffixes
               if name.endswith(s)]
    return max(matches)[1] if matches else None


__all__ = ["REPORTERS", "RenderOptions", "Reporter", "format_for", "get_reporter",
           "needs_details"]
