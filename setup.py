"""Which packages the wheel holds (everything else is in pyproject.toml).

Every package under src/ is found, so a new sub-package cannot miss the wheel. The bundled
catalogues live at the top of the repository, in frameworks/ (a plain folder, no symlink), and
are mapped onto the package `mgf_check.frameworks` here: pyproject.toml cannot combine
`packages.find` with a package that lives outside `where`. `.ci/run` installs the wheel and checks
an example from outside the checkout; tests/test_packaging.py checks the mapping.
"""

from setuptools import find_namespace_packages, setup

#: Packages whose folder is not under src/: the package name -> its folder.
MAPPED = {"mgf_check.frameworks": "frameworks"}

setup(
    package_dir={"": "src", **MAPPED},
    packages=[
        # namespace packages too (data folders without __init__.py, e.g. mgf_check.schemas),
        # as pyproject.toml's `packages.find` does by default
        *find_namespace_packages("src", include=["mgf_check*"]),
        *(f"{name}.{sub}" if sub else name for name, folder in MAPPED.items()
          for sub in ["", *find_namespace_packages(folder)]),
    ],
)
