"""JSON pointers and their 1-based positions in a YAML document."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgf_check.loading.sourcemap import SourceMap, escape, join, parent, split, unescape
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Span

TEXT = """\
city:
  name: Lyon
  country: FR
  languages: [fr, en]
rights:
  health:
    status: implemented
  "a/b": slash
  "c~d": tilde
waivers:
  - criterion: MIGOF-P1.01
    expires: 2026-12-31
"""


@pytest.fixture(scope="module")
def smap() -> SourceMap:
    return load_text(TEXT, "city.yaml").source_map


def start(span: Span | None) -> tuple[int, int]:
    assert span is not None
    return span.line, span.column


@settings(max_examples=100)
@given(st.text(max_size=20))
def test_escape_unescape_round_trip(segment: str) -> None:
    escaped = escape(segment)
    assert unescape(escaped) == segment
    assert "/" not in escaped
    assert split(join("", segment)) == [segment]


@settings(max_examples=100)
@given(st.lists(st.text(alphabet="ab/~01", max_size=5), max_size=5))
def test_join_split_round_trip(segments: list[str]) -> None:
    pointer = ""
    for segment in segments:
        pointer = join(pointer, segment)
    assert split(pointer) == segments
    if segments:
        assert split(parent(pointer)) == segments[:-1]


@pytest.mark.parametrize(("segment", "escaped"), [
    ("a/b", "a~1b"), ("c~d", "c~0d"), ("~1", "~01"), ("/~", "~1~0"), (3, "3")])
def test_escape_is_rfc6901(segment: str | int, escaped: str) -> None:
    assert escape(segment) == escaped
    assert unescape(escaped) == str(segment)


def test_split_and_parent() -> None:
    assert split("") == []
    assert split("/") == [""]
    assert split("/a~1b/0") == ["a/b", "0"]
    assert parent("/a/b") == "/a"
    assert parent("/a") == ""
    assert parent("") == ""


@pytest.mark.parametrize(("pointer", "expected"), [
    ("/city/name", (2, 9)),
    ("/city/country", (3, 12)),
    ("/city/languages", (4, 14)),
    ("/city/languages/1", (4, 19)),
    ("/rights/health", (7, 5)),
    ("/rights/health/status", (7, 13)),
    ("/rights/a~1b", (8, 10)),
    ("/rights/c~0d", (9, 10)),
    ("/waivers/0", (11, 5)),
    ("/waivers/0/expires", (12, 14)),
    ("", (1, 1)),
])
def test_locate_values(smap: SourceMap, pointer: str, expected: tuple[int, int]) -> None:
    assert start(smap.locate(pointer)) == expected
    assert smap.nearest(pointer) == pointer


@pytest.mark.parametrize(("pointer", "expected"), [
    ("/city", (1, 1)),
    ("/city/country", (3, 3)),
    ("/rights/health", (6, 3)),
    ("/rights/a~1b", (8, 3)),
    ("/waivers/0/criterion", (11, 5)),
])
def test_locate_keys(smap: SourceMap, pointer: str, expected: tuple[int, int]) -> None:
    assert start(smap.locate(pointer, key=True)) == expected


def test_key_of_a_list_item_falls_back_to_the_item(smap: SourceMap) -> None:
    assert smap.locate("/waivers/0", key=True) == smap.locate("/waivers/0")


def test_value_span_has_an_end(smap: SourceMap) -> None:
    assert smap.locate("/city/name") == Span(2, 9, 2, 13)


@pytest.mark.parametrize(("pointer", "nearest"), [
    ("/rights/housing/status", "/rights"),
    ("/rights/health/scope", "/rights/health"),
    ("/city/languages/7", "/city/languages"),
    ("/city/languages/x", "/city/languages"),
    ("/city/languages/²", "/city/languages"),
    ("/city/name/deeper", "/city/name"),
    ("/governance/strategy", ""),
    ("/waivers/0/reason", "/waivers/0"),
])
def test_missing_pointer_locates_the_nearest_existing_ancestor(
        smap: SourceMap, pointer: str, nearest: str) -> None:
    assert smap.nearest(pointer) == nearest
    assert smap.locate(pointer) == smap.locate(nearest)
    assert smap.locate(pointer, key=True) == smap.locate(nearest, key=True)


def test_empty_source_map() -> None:
    empty = SourceMap(None)
    assert empty.locate("/a") is None
    assert empty.nearest("/a") == ""


def test_locate_through_an_alias() -> None:
    doc = load_text("base: &b {status: implemented}\nhealth: *b\n", "c.yaml")
    assert doc.data["health"] == {"status": "implemented"}
    assert start(doc.locate("/health/status")) == (1, 19)


def test_keys_resolved_as_numbers_are_found_as_text() -> None:
    doc = load_text("codes:\n  1: one\n  true: yes\n", "c.yaml")
    assert doc.data == {"codes": {"1": "one", "true": "yes"}}
    assert start(doc.locate("/codes/1")) == (2, 6)
    assert start(doc.locate("/codes/true", key=True)) == (3, 3)
