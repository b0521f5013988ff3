"""Tests of the output formats (reporters)."""
