"""Crosswalk reference lists (package data: mgf_check.frameworks.references)."""
