"""The request enums built from registries list exactly the registries' names, and the gate's
levels have one status table entry each."""

from __future__ import annotations

from mgf_check.catalogue.references import VIEWS
from mgf_check.gate import FAIL_ON, FailOn
from mgf_check.reporters import REPORTERS
from mgf_check.request import Format, View


def test_format_and_view_are_the_registries() -> None:
    assert [f.value for f in Format] == list(REPORTERS)
    assert [v.value for v in View] == list(VIEWS)


def test_every_fail_on_level_has_its_statuses() -> None:
    assert list(FAIL_ON) == list(FailOn)
    assert all(FAIL_ON[level] for level in FailOn)
