"""Packaging without symlinks: the catalogues in the top-level `frameworks/` folder reach the
package `mgf_check.frameworks` through setup.py's package mapping, and every data file of every
package is matched by a `[tool.setuptools.package-data]` glob (so none silently misses the
wheel). The wheel itself is built and installed by `.ci/run` (too slow for the suite)."""

from __future__ import annotations

import fnmatch
import importlib
import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _package_dirs() -> dict[str, Path]:
    """Every package the wheel holds -> its folder (the mapping setup.py gives setuptools)."""
    namespace: dict[str, object] = {}
    setup_text = (ROOT / "setup.py").read_text(encoding="utf-8")
    mapped_line = next(line for line in setup_text.splitlines() if line.startswith("MAPPED"))
    exec(mapped_line, namespace)  # MAPPED = {...}: a literal, nothing else runs
    mapped = namespace["MAPPED"]
    assert isinstance(mapped, dict)
    out: dict[str, Path] = {}
    for init in sorted(SRC.rglob("__init__.py")):
        out[".".join(init.parent.relative_to(SRC).parts)] = init.parent
    for name, folder in mapped.items():
        for init in sorted((ROOT / folder).rglob("__init__.py")):
            sub = init.parent.relative_to(ROOT / folder).parts
            out[".".join((name, *sub))] = init.parent
    return out


def _matches(relative: str, glob: str) -> bool:
    """setuptools' glob: `*` stays inside one folder."""
    parts, pattern = relative.split("/"), glob.split("/")
    return len(parts) == len(pattern) and all(map(fnmatch.fnmatchcase, parts, pattern))


def test_no_symlink_in_the_package_or_the_catalogues() -> None:
    for top in (SRC, ROOT / "frameworks"):
        for folder, dirs, files in os.walk(top):
            for name in dirs + files:
                assert not (Path(folder) / name).is_symlink(), Path(folder) / name
    assert not (SRC / "mgf_check" / "frameworks").exists()


def test_the_installed_package_finds_the_catalogues() -> None:
    from mgf_check.catalogue.bundled import frameworks_dir
    from mgf_check.catalogue.references import references_dir

    package = importlib.import_module("mgf_check.frameworks")
    assert Path(str(package.__file__)).parent == frameworks_dir()
    on_disk = {p.name for p in (ROOT / "frameworks").glob("*.yaml")}
    assert on_disk and on_disk <= {p.name for p in frameworks_dir().glob("*.yaml")}
    assert {p.name for p in (ROOT / "frameworks" / "references").glob("*.yaml")} <= \
        {p.name for p in references_dir().glob("*.yaml")}


def test_every_data_file_is_shipped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    packages = _package_dirs()
    assert "mgf_check.frameworks" in packages and "mgf_check.frameworks.references" in packages
    unshipped = []
    for name, folder in packages.items():
        for path in folder.rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc"):
                continue
            relative = path.relative_to(folder).as_posix()
            owner = relative.split("/")[0]
            if (folder / owner / "__init__.py").is_file():
                continue  # a file of a sub-package: checked with that package
            parts = relative.split("/")
            keys = [(".".join([name, *parts[:k]]), "/".join(parts[k:])) for k in range(len(parts))]
            # a data folder without __init__.py may have its own key (mgf_check.schemas)
            if not any(_matches(rest, g) for key, rest in keys for g in globs.get(key, [])):
                unshipped.append(f"{name}: {relative}")
    assert not unshipped, "add a [tool.setuptools.package-data] glob for: " + ", ".join(unshipped)
