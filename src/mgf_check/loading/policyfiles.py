"""The policy files a command line names: files, directories (searched recursively) and globs.

Sorted within each spec, de-duplicated by resolved path, never following a symlinked
directory (a symlink loop cannot multiply or hang a run); a folder that cannot be listed is
kept, so the batch reports it rather than skipping it in silence. Every file found is
remembered as an input (`safeio.remember_input`), so no report of the run can overwrite it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from mgf_check.errors import Problem, UsageError
from mgf_check.loading.safeio import remember_input

SUFFIXES = (".yaml", ".yml")


def expand(specs: Sequence[str]) -> list[Path]:
    """Files named, found under directories (recursively) or matched by globs; sorted within
    each spec, de-duplicated by resolved path (a file reached twice, e.g. through a symlink,
    is checked once), in the order given. Symlinked directories are never followed, so a
    symlink loop cannot multiply or hang a run. Unmatched specs raise a usage error."""
    out: dict[str, Path] = {}
    problems = []
    for spec in specs:
        found = _expand_one(spec)
        if not found:
            problems.append(Problem(spec, None, "no policy files found here",
                                    "give a .yaml file, a directory holding some, or a glob",
                                    rule="usage"))
        for path in found:
            out.setdefault(os.path.realpath(path), path)
    if problems:
        raise UsageError(problems)
    for real in out:
        remember_input(real)
    return list(out.values())


def _expand_one(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        unlisted: list[Path] = []
        found = sorted((p for p in _walk(path, unlisted) if p.suffix in SUFFIXES
                        and not any(part.startswith(".") for part in p.relative_to(path).parts)),
                       key=lambda p: p.as_posix())
        return found + sorted(unlisted)  # a folder that cannot be listed becomes a failed row
    if any(ch in spec for ch in "*?[") and not path.is_file():  # `x[1].yaml` is a file
        return sorted(_glob(spec), key=lambda p: p.as_posix())
    return [path]


def _walk(top: Path, unlisted: list[Path] | None = None) -> Iterator[Path]:
    """Regular files under `top`, without following symlinked directories; folders that
    cannot be listed are added to `unlisted`."""
    def note(error: OSError) -> None:
        if unlisted is not None and error.filename:
            unlisted.append(Path(error.filename))

    for folder, _dirs, names in os.walk(top, followlinks=False, onerror=note):
        for name in names:
            candidate = Path(folder) / name
            if candidate.is_file():
                yield candidate


def _glob(spec: str) -> Iterator[Path]:
    """Files matching a glob (`*`, `?`, `[...]`, `**` for any depth), like `glob.glob(...,
    recursive=True)` but never entering a symlinked directory."""
    parts = spec.split("/")
    fixed = next(i for i, part in enumerate(parts) if any(ch in part for ch in "*?["))
    base = "/".join(parts[:fixed]) or ("/" if spec.startswith("/") else ".")
    pattern = re.compile(_translate(parts[fixed:]))
    for path in _walk(Path(base)):
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        if pattern.fullmatch(relative):
            yield Path(base, relative) if parts[:fixed] else Path(relative)


def _translate(parts: Sequence[str]) -> str:
    """A regex for the path below the glob's fixed folder; `*` never crosses `/` and, as in
    glob, no wildcard matches a name starting with `.`."""
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append("(?:[^./][^/]*/)*" + ("[^./][^/]*" if last else ""))
            continue
        regex = _part_regex(part)
        if not part.startswith("."):
            regex = r"(?!\.)" + regex
        out.append(regex + ("" if last else "/"))
    return "".join(out)


def _part_regex(part: str) -> str:
    out, i = [], 0
    while i < len(part):
        char = part[i]
        end = part.find("]", i + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif end != -1:
            inner = part[i + 1:end]
            negate = inner.startswith("!")
            body = re.escape(inner[1:] if negate else inner).replace(r"\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)
