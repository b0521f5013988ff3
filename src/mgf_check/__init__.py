"""mgf-check: check a city's migration policy against migration-governance frameworks."""

__version__ = "0.1.0"
