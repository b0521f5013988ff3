"""Every policy-schema field is read by a criterion (or by evaluation), or says it is context
only: a field a city fills in must either change a verdict or be documented as not scored."""

from __future__ import annotations

from mgf_check.catalogue.loader import available, load_bundled
from mgf_check.schema.validation import load_schema
from mgf_check.tools.coverage import CONTEXT_ONLY, unread_fields

CRITERIA = [c for f in available() for c in load_bundled(f).criteria]


def test_no_field_is_read_by_no_criterion_unless_context_only() -> None:
    assert unread_fields(load_schema("policy"), CRITERIA) == []


def test_the_check_can_fail() -> None:
    schema = load_schema("policy")
    without_health = [c for c in CRITERIA if not c.subject.startswith("/rights/health")]
    missing = unread_fields(schema, without_health)
    assert "/rights/health/mental_health" in missing


def test_city_hazards_is_read() -> None:
    hazards = load_schema("policy")["properties"]["city"]["properties"]["hazards"]
    assert CONTEXT_ONLY not in hazards["description"]
    assert "MICIC-G01.05" in hazards["description"]
