"""The test suite: a package, so test modules import shared helpers as `tests.<module>` and
mypy checks it (`mypy src tests`; the strictness for tests is in pyproject.toml)."""
