"""Safe file handling for outputs: never onto an input, never half-written.

Every file a run reads as input (policies, catalogues and the files they extend, the config,
saved reports) is remembered here by the loaders. Before a report is written, its target is
compared with all of them by identity (device and inode, which catches hard links) and by
resolved path (which catches symlinks and files not yet created); two outputs of one run on
one file are refused too. A report is written to a temporary file in the target's folder,
flushed to disk and renamed over the target, so an interrupted, concurrent or failing run
leaves the previous report whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from mgf_check.errors import OutputError, PolicyLoadError, Problem, UsageError
from mgf_check.model import JSONValue, Span

#: Suffixes kept for policies, catalogues and configs: no report is ever written to one.
INPUT_SUFFIXES = (".yaml", ".yml")

_INPUTS: dict[str, tuple[int, int] | None] = {}


def remember_input(path: Path | str) -> None:
    """Record a file this run reads, so that no output of the run may land on it."""
    real = os.path.realpath(path)
    if real not in _INPUTS:
        _INPUTS[real] = _identity(real)


def forget_inputs() -> None:
    """Start a fresh run (tests that run several commands in one process)."""
    _INPUTS.clear()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def check_outputs(targets: Sequence[Path], extra_inputs: Iterable[Path] = ()) -> None:
    """Refuse (UsageError, exit 2) outputs that would land on an input of this run, on a
    YAML file, or on the same file as another output of the run."""
    for path in extra_inputs:
        remember_input(path)
    inputs = {ident for ident in _INPUTS.values() if ident is not None}
    problems: list[Problem] = []
    seen: dict[object, tuple[int, str]] = {}
    for index, target in enumerate(targets):
        name = f"-o {target.as_posix()}"
        real = os.path.realpath(target)
        ident = _identity(real)
        if real in _INPUTS or (ident is not None and ident in inputs):
            problems.append(Problem(name, None, "is an input of this run (a policy, "
                                    "catalogue, config or saved report)",
                                    "write the report to another file", rule="output"))
        elif target.suffix.lower() in INPUT_SUFFIXES:
            problems.append(Problem(name, None, "a report is never written to a .yaml/.yml "
                                    "file (that name is kept for policies)",
                                    "use the format's own suffix, e.g. report.json",
                                    rule="output"))
        for key in (real, ident):
            if key is not None and key in seen and seen[key][0] != index:
                problems.append(Problem(name, None, f"the same file as {seen[key][1]}",
                                        "give each output its own file", rule="output"))
                break
        seen.update({key: (index, name) for key in (real, ident) if key is not None})
    if problems:
        raise UsageError(problems)


def atomic_write(path: Path, pieces: Iterable[str], *, newline: str = "\n",
                 sync: bool = True) -> None:
    """Write text to `path` through a temporary file in the same folder and a rename.

    Missing folders are created. A target that exists and is not a regular file (a device
    such as /dev/stdout, a FIFO) is written in place: it cannot be replaced. `sync=False`
    skips the fsync (still whole or not at all; for the thousands of files of a batch
    written to a folder, which the run can make again).
    """
    real = Path(os.path.realpath(path))
    if real.exists() and not real.is_file():
        with real.open("w", encoding="utf-8", newline=newline) as handle:
            for piece in pieces:
                handle.write(piece)
        return
    real.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            for piece in pieces:
                handle.write(piece)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, _default_mode(real))
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def unwritable(path: Path, exc: OSError, what: str = "file") -> OutputError:
    """The error for an output that cannot be written (exit 2, with the system's reason)."""
    return OutputError(Problem(path.as_posix(), None,
                               f"cannot write {what}: {exc.strerror or exc}", rule="output"))


def write_output(path: Path, pieces: Iterable[str], *, newline: str = "\n", check: bool = True,
                 sync: bool = True, what: str = "report") -> None:
    """An output file written whole or not at all (`atomic_write`), never onto an input of the
    run (unless the caller has checked all its outputs already: `check=False`); OutputError
    (exit 2) when it cannot be written."""
    if check:
        check_outputs([path])
    try:
        atomic_write(path, pieces, newline=newline, sync=sync)
    except OSError as exc:
        raise unwritable(path, exc, what) from None


def atomic_save(path: Path, save: Callable[[str], object]) -> None:
    """Let `save` (e.g. a workbook's `save`) write a temporary file beside `path`, created
    exclusively (no planted link is followed), then move it into place: never onto an input
    of the run, never half written; OutputError (exit 2) when it cannot be written."""
    check_outputs([path])
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        save(tmp)
        os.chmod(tmp, _default_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise unwritable(path, exc, path.name) from None


def _default_mode(target: Path) -> int:
    """The mode a plain `open(..., "w")` would have given: the old file's, or 0666 - umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


#: The largest saved report `render`/`diff` read: a 10,000-city comparison is ~25 MB.
MAX_REPORT_BYTES = 64 * 1024 * 1024
#: Saved reports nest about 8 levels; anything much deeper was not written by mgf-check.
MAX_REPORT_DEPTH = 32


def read_json(path: Path, display: str) -> JSONValue:
    """A saved JSON report, read with the loader's kind of limits: regular files only, at
    most MAX_REPORT_BYTES, valid UTF-8 and Unicode (no lone surrogates), no NaN or
    infinities, nesting at most MAX_REPORT_DEPTH. Errors are located and never quote the
    document. Raises PolicyLoadError."""
    remember_input(path)
    raw = _read_limited(path, display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _located(display, raw, exc.start, "not valid UTF-8") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except _Constant as exc:
        raise _located_text(display, text, _constant_offset(text, exc.name),
                            f"{exc.name} is not a number JSON allows") from None
    except json.JSONDecodeError as exc:
        raise _located_text(display, text, exc.pos, f"not JSON: {exc.msg}") from None
    except RecursionError:
        raise PolicyLoadError(Problem(display, None, "nesting too deep for a report",
                                      rule="limits")) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise PolicyLoadError(Problem(display, None, f"not JSON: {str(exc)[:120]}",
                                      rule="limits")) from None
    where = _bad_value(data)
    if where is not None:
        raise PolicyLoadError(Problem(f"{display}#{where[0][:200]}", None, where[1],
                                      "re-create it with `mgf-check check --format json`",
                                      rule="limits"))
    return data


def _read_limited(path: Path, display: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise PolicyLoadError(Problem(display, None, "not a regular file",
                                              "give a report written by --format json",
                                              rule="usage"))
            raw = handle.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError:
        raise PolicyLoadError(Problem(display, None, "no such file", rule="usage")) from None
    except OSError as exc:
        raise PolicyLoadError(Problem(display, None, f"cannot read report: {exc.strerror}",
                                      rule="usage")) from None
    if len(raw) > MAX_REPORT_BYTES:
        raise PolicyLoadError(Problem(display, None, f"file is more than the "
                                      f"{MAX_REPORT_BYTES:,}-byte limit for a saved report",
                                      rule="limits"))
    return raw


class _Constant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def _constant_offset(text: str, name: str) -> int:
    """Where the first bare NaN/Infinity is (outside strings)."""
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', text):
        if match.group(1):
            return match.start(1)
    return 0


def _located_text(display: str, text: str, offset: int, message: str) -> PolicyLoadError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return PolicyLoadError(Problem(display, Span(line, column, line, column), message,
                                   "give a report written by --format json", rule="usage"))


def _located(display: str, raw: bytes, offset: int, message: str) -> PolicyLoadError:
    prefix = raw[:offset].decode("utf-8", "replace")
    return _located_text(display, prefix, len(prefix), message)


def _bad_value(data: Any) -> tuple[str, str] | None:
    """(JSON pointer, problem) of the first value too deep or not valid Unicode."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        if depth > MAX_REPORT_DEPTH:
            return pointer or "/", f"nesting deeper than {MAX_REPORT_DEPTH} levels"
        if isinstance(value, dict):
            for key, item in value.items():
                if not _unicode(key):
                    return pointer or "/", "a key is not valid Unicode (lone surrogate)"
                stack.append((item, f"{pointer}/{_escape(key)}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str) and not _unicode(value):
            return pointer or "/", "text is not valid Unicode (lone surrogate)"
    return None


def _unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
