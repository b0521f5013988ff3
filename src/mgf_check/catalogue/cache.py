"""A small on-disk cache of parsed bundled YAML (catalogues and reference lists).

Parsing the bundled catalogues is most of a check's start-up time; `json.loads` of the same
data is ten times faster. Entries are named by a checksum of the tool version, the file name
and its exact text, so an edited or upgraded catalogue never hits a stale entry. Only data
that already passed validation is stored.

The cache can only make a run faster, never change its result:
- every entry carries a keyed BLAKE2 digest of its data; the key is a random secret in the
  cache folder, readable only by its owner. An entry whose digest does not match, that is not
  a regular file owned by the user, or that fails in any way when used, is a miss (the
  catalogue is parsed and validated afresh and the entry rewritten);
- the folder is created private (0700); a folder that is a symlink, is not owned by the user
  or is writable by group or others is not used (one warning on stderr);
- entries are written to a temporary file created exclusively (no symlink is followed) and
  renamed into place; entries and the key are opened with O_NOFOLLOW.
Failing to read or write the cache is never an error.
Set MGF_CHECK_CACHE_DIR to move it, MGF_CHECK_NO_CACHE=1 to switch it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import zlib
from pathlib import Path

from mgf_check import __version__
from mgf_check.model import JSONValue

try:  # the built-in BLAKE2, without loading OpenSSL's hashlib at every start (~15 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

KEY_NAME = "key"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_warned: set[str] = set()


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("MGF_CHECK_NO_CACHE"):
        return None
    explicit = os.environ.get("MGF_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mgf-check"


def private_dir(create: bool) -> Path | None:
    """The cache folder when it is safe to use (created 0700 if asked), else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                folder.mkdir(mode=0o700)
        st = os.lstat(folder)
    except OSError:
        return None
    problem = unsafe_reason(st)
    if problem:
        _warn(folder, problem)
        return None
    return folder


def unsafe_reason(st: os.stat_result) -> str:
    """Why a folder with this status may not hold the cache ('' when it may)."""
    if stat.S_ISLNK(st.st_mode):
        return "is a symlink"
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder"
    if st.st_uid != os.geteuid():
        return "belongs to another user"
    if st.st_mode & 0o022:
        return "is writable by other users"
    return ""


def _warn(folder: Path, problem: str) -> None:
    if folder.as_posix() in _warned:
        return
    _warned.add(folder.as_posix())
    shown = folder.as_posix().encode("ascii", "backslashreplace").decode()
    sys.stderr.write(f"warning: cache folder {shown!r} {problem}; not using it (set "
                     "MGF_CHECK_CACHE_DIR to a folder only you can write, or "
                     "MGF_CHECK_NO_CACHE=1)\n")


def _name(display: str, text: str) -> str:
    # crc32 and adler32 of the text with its length and the tool version: an entry's name,
    # not its protection (that is the keyed digest inside).
    raw = text.encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}" \
        f"{zlib.crc32(f'{__version__}/{display}'.encode()):08x}"
    return f"{_slug(display)}-{digest}.json"


def _slug(display: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in display)


def _read_private(path: Path, limit: int) -> bytes:
    """A regular file owned by the user, opened without following a symlink."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
            raise OSError(f"{path.name}: not a private regular file")
        return handle.read(limit)


def _key(folder: Path, create: bool) -> bytes | None:
    path = folder / KEY_NAME
    try:
        key = _read_private(path, 65)
        if len(key) == 64 and os.stat(path, follow_symlinks=False).st_mode & 0o077 == 0:
            return key
        return None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    key = os.urandom(64)
    try:  # O_EXCL: a file or link planted at that name makes this fail, never followed
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
    except OSError:
        return None
    return key


def _digest(key: bytes, payload: bytes) -> bytes:
    return blake2b(payload, key=key, digest_size=32).hexdigest().encode()


def lookup(display: str, text: str) -> tuple[bool, JSONValue]:
    """(True, data) when this exact text was parsed and stored before and the entry is
    intact; (False, None) else."""
    folder = private_dir(create=False)
    if folder is None:
        return False, None
    key = _key(folder, create=False)
    if key is None:
        return False, None
    try:
        raw = _read_private(folder / _name(display, text), 64 * 1024 * 1024)
        mac, _, payload = raw.partition(b"\n")
        if mac != _digest(key, payload):
            return False, None
        return True, json.loads(payload)
    except (OSError, ValueError):
        return False, None


def store(display: str, text: str, data: JSONValue) -> None:
    """Remember validated data for this exact text (best effort)."""
    folder = private_dir(create=True)
    if folder is None:
        return
    key = _key(folder, create=True)
    if key is None:
        return
    entry = folder / _name(display, text)
    try:
        payload = json.dumps(data, ensure_ascii=False).encode()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_digest(key, payload) + b"\n" + payload)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for stale in folder.glob(f"{_slug(display)}-*.json"):
            if stale != entry:  # an older version of the same file: never read again
                stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass
