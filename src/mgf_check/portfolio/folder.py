"""A batch written to a folder: one report per city, named from the city, and an index.

Workers render and write each city's reports under a temporary name (so a 10,000-city batch
never holds its reports in the parent); once every city is known, the parent gives each file
its final name: `<city>-<country>.<suffix>`, made from the city's name (accents folded,
lower case), stable from run to run and collision-free (two files of the same city, e.g. two
years in one batch, also carry their file path).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from mgf_check.comparison import CitySummary, Comparison
from mgf_check.errors import OutputError, Problem, UsageError
from mgf_check.loading.safeio import check_outputs, write_output
from mgf_check.model import PolicyReport
from mgf_check.portfolio.summary import slug

#: The folder (inside the output folder) holding the per-city reports.
CITIES = "cities"


def _base(city: CitySummary) -> str:
    name = slug(city.name) or slug(Path(city.path).stem) or "city"
    return f"{name}-{slug(city.country)}" if slug(city.country) else name


def stems(cities: Iterable[CitySummary]) -> dict[str, str]:
    """City path -> file stem, unique across the batch (independent of input order)."""
    ok = [c for c in cities if c.ok]
    bases = {c.path: _base(c) for c in ok}
    count: dict[str, int] = {}
    for base in bases.values():
        count[base] = count.get(base, 0) + 1
    out = {}
    for path, base in bases.items():
        out[path] = base if count[base] == 1 else \
            f"{base}--{slug(str(Path(path).with_suffix('')))}"
    taken: dict[str, str] = {}
    for path in sorted(out):  # a last resort when slugs of two paths coincide
        stem, n = out[path], 2
        while stem.casefold() in taken:
            stem, n = f"{out[path]}-{n}", n + 1
        taken[stem.casefold()] = path
        out[path] = stem
    return out


def temp_name(path: str, suffix: str) -> str:
    """The name a worker writes a city's report under until it gets its final name."""
    return f".partial-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:20]}{suffix}"


def write_text(path: Path, text: str, newline: str = "\n") -> None:
    """Write an output file whole or not at all (a temporary file, then a rename)."""
    write_output(path, (text,), newline=newline)


def write_city(report: PolicyReport, folder: str, formats: Sequence[str]) -> None:
    """Render one city's report in each format into `folder` (worker side, temporary names);
    the HTML page links back to the index."""
    from mgf_check.reporters import get_reporter
    from mgf_check.reporters.base import RenderOptions

    target = Path(folder)
    back = RenderOptions(back=f"../{index_names(['html'])['html']}")
    for name in formats:
        reporter = get_reporter(name, back if name == "html" else None)
        # a temporary name that `finish` checks and renames: no fsync for thousands of pages
        write_output(target / temp_name(report.path, reporter.suffix),
                     (reporter.render(report),), check=False, sync=False)


def prepare(folder: Path) -> Path:
    """Create `folder/cities` (the output folder may exist; files in it are kept)."""
    cities = folder / CITIES
    try:
        cities.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(folder.as_posix(), None, f"cannot create the output folder: "
                                  f"{exc.strerror}", rule="output")) from None
    return cities


def finish(folder: Path, cities: Sequence[CitySummary], suffixes: Sequence[str]
           ) -> dict[str, str]:
    """Give every city's reports their final names; city path -> link relative to `folder`
    (to the first format's file)."""
    names = stems(cities)
    check_outputs([folder / CITIES / f"{stem}{suffix}" for stem in names.values()
                   for suffix in suffixes])  # never onto an input of the run
    links: dict[str, str] = {}
    for path, stem in names.items():
        for i, suffix in enumerate(suffixes):
            tmp = folder / CITIES / temp_name(path, suffix)
            final = folder / CITIES / f"{stem}{suffix}"
            if tmp.is_file():
                os.replace(tmp, final)
                if i == 0:
                    links[path] = f"{CITIES}/{final.name}"
    return links


def suffixes_of(formats: Sequence[str]) -> list[str]:
    """The file suffix of each per-city format."""
    from mgf_check.reporters import get_reporter

    return [get_reporter(name).suffix for name in formats]


def index_names(formats: Sequence[str]) -> Mapping[str, str]:
    """Format -> the name of the batch-wide file in the output folder."""
    from mgf_check.reporters import get_reporter

    return {name: "index.html" if name == "html" else f"portfolio{get_reporter(name).suffix}"
            for name in formats}


def is_folder_spec(file: str) -> bool:
    """`-o out/` (a trailing slash) or `-o out` naming an existing folder: a folder output."""
    return file.endswith(("/", os.sep)) or Path(file).is_dir()


def split_outputs(outputs: Sequence[str], formats: Sequence[str]
                  ) -> tuple[Path | None, list[str], list[str]]:
    """(the output folder or None, the formats to write into it, the other `-o` specs).

    `-o out/` asks for HTML; `-o json=out/` adds JSON (per city and for the portfolio); the
    HTML index is always written. Only one output folder per run.
    """
    folder: Path | None = None
    chosen: list[str] = []
    rest: list[str] = []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if not (sep and name in formats):
            name, file = "html", spec
        if not is_folder_spec(file):
            rest.append(spec)
            continue
        path = Path(file)
        if folder is not None and path != folder:
            raise UsageError(Problem("--output", None, f"two output folders: "
                                      f"{folder.as_posix()} and {path.as_posix()}",
                                      "write one folder per run", rule="usage"))
        folder = path
        if name not in chosen:
            chosen.append(name)
    for unsuitable in ("terminal", "github"):
        if unsuitable in chosen:
            raise UsageError(Problem("--output", None, f"{unsuitable} output cannot go to a "
                                      "folder", "choose html, json, markdown, csv, sarif or "
                                      "junit", rule="usage"))
    if folder is not None and "html" in chosen:
        chosen.remove("html")
    return folder, (["html", *chosen] if folder is not None else []), rest


def write_folder(folder: Path, comparison: Comparison, formats: Sequence[str]) -> Comparison:
    """Name the cities' reports and write the portfolio files (index.html, portfolio.json,
    ...) beside them; the comparison comes back with its links."""
    import dataclasses

    from mgf_check.reporters import get_reporter

    links = finish(folder, comparison.cities, suffixes_of(formats))
    linked = dataclasses.replace(comparison, links=links)
    for name, file in index_names(formats).items():
        write_output(folder / file, get_reporter(name).stream_comparison(linked))
    return linked


def split_workbooks(outputs: Sequence[str]) -> tuple[list[Path], list[str]]:
    """(`-o FILE.xlsx` / `-o xlsx=FILE` workbooks, the other `-o` specs)."""
    books, rest = [], []
    for spec in outputs:
        name, sep, file = spec.partition("=")
        if sep and name == "xlsx":
            books.append(Path(file))
        elif spec.lower().endswith(".xlsx") and not (sep and name != "xlsx"):
            books.append(Path(spec))
        else:
            rest.append(spec)
    return books, rest
