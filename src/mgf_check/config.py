"""`.mgf-check.yaml`: defaults for `check`, found from the working directory upward (within
the repository or the home folder, and only when no other user can write it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mgf_check.errors import ConfigError, MgfCheckError
from mgf_check.loading.yamlsource import load_file
from mgf_check.model import JSONObject, JSONValue, Span
from mgf_check.reporters.neutral import display
from mgf_check.schema.validation import validate

NAMES = (".mgf-check.yaml", ".mgf-check.yml")


@dataclass(frozen=True, slots=True)
class Config:
    """Validated settings from a config file (empty when there is none)."""

    path: str | None = None
    values: JSONObject = field(default_factory=dict)

    def get(self, key: str, default: JSONValue = None) -> JSONValue:
        """A setting, or `default` when the file does not set it."""
        return self.values.get(key, default)

    def frameworks(self) -> list[str] | None:
        """Framework specs; paths resolved relative to the config file."""
        specs = self.values.get("frameworks")
        if specs is None or self.path is None:
            return specs
        base = Path(self.path).parent
        return [s if not s.endswith((".yaml", ".yml")) and "/" not in s
                else (base / s).as_posix() for s in specs]


    def locate(self, pointer: str) -> Span | None:
        """Where in the config file a setting is (for errors found after loading)."""
        if self.path is None:
            return None
        try:
            return load_file(Path(self.path), self.path).locate(pointer)
        except MgfCheckError:
            return None

    def outputs(self) -> list[str] | None:
        """Report files (`FILE` or `FORMAT=FILE`), resolved against the config file's folder,
        so a run from a subfolder writes where the config says, not where it runs."""
        from mgf_check.reporters import REPORTERS

        specs = self.values.get("outputs")
        if specs is None or self.path is None:
            return specs
        base = Path(self.path).parent
        out = []
        for spec in specs:
            name, sep, file = spec.partition("=")
            if sep and name in REPORTERS:
                out.append(f"{name}={_near(base, file)}")
            else:
                out.append(_near(base, spec))
        return out


def _near(base: Path, file: str) -> str:
    """`file` resolved against `base`, shown relative to the working directory if inside it."""
    import os

    path = base / file
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()


def origins(settings: Mapping[str, object], given: set[str], config: Config) -> str:
    """`--show-config`: every setting, its value and where it came from (the command line,
    the config file, or the default)."""
    width = max((len(k) for k in settings), default=0)
    lines = [f"config file: {config.path or '(none found)'}"]
    for key, value in settings.items():
        source = "command line" if key in given else \
            config.path if key in config.values else "default"
        shown = "(not set)" if value is None or value == [] else \
            ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        lines.append(f"{key.ljust(width)}  {shown}  [{source}]")
    return "\n".join(lines) + "\n"


def find(start: Path) -> Path | None:
    """The nearest trusted config file in `start` or a parent, within `search_folders`."""
    for folder in search_folders(start):
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file():
                if trusted(candidate):
                    return candidate
                break
    return None


def search_folders(start: Path) -> list[Path]:
    """`start` and its parents up to the repository root (the first folder holding `.git`)
    or the home folder, whichever comes first. Outside both, only `start`: a config in a
    shared folder above (a temp folder, a monorepo root you do not own) is never applied."""
    start = start.resolve()
    home = Path(os.path.expanduser("~")).resolve()
    chain: list[Path] = []
    for folder in (start, *start.parents):
        chain.append(folder)
        if (folder / ".git").exists() or folder == home:
            return chain
    return [start]


def trusted(path: Path) -> bool:
    """False (with a warning) for a config another user owns or may write, as git does with
    `safe.directory`: its `frameworks` and `outputs` would act in your name."""
    try:
        st = path.stat()
    except OSError:
        return False
    if st.st_uid not in (os.geteuid(), 0) or st.st_mode & 0o022:
        reason = "belongs to another user" if st.st_uid not in (os.geteuid(), 0) else \
            "is writable by other users"
        sys.stderr.write(f"warning: ignoring config {display(path.as_posix())}: it {reason} "
                         "(give it with --config to use it anyway)\n")
        return False
    return True


def load(explicit: Path | None, start: Path) -> Config:
    """The config given with --config, else the nearest one found, else an empty one."""
    path = explicit or find(start)
    if path is None:
        return Config()
    display = path.as_posix()
    try:
        doc = load_file(path, display)
    except MgfCheckError as exc:
        if [p.rule for p in exc.problems] == ["empty"]:  # empty or comments only: no settings
            return Config(display, {})
        raise ConfigError(exc.problems) from None
    if doc.data is None:
        return Config(display, {})
    problems = validate(doc, "config")
    if problems:
        raise ConfigError(problems)
    return Config(display, doc.data)
