"""GitHub Actions workflow commands: one annotation per gap, escaped as GitHub documents."""

from __future__ import annotations

import re

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.model import PolicyReport, Status
from mgf_check.reporters import get_reporter
from mgf_check.reporters.base import gaps
from mgf_check.reporters.github import command, escape_data, escape_property

from .conftest import REL, SOUTH_TOY, Fixtures

LINE = re.compile(r"^::(error|warning|notice)( (?P<props>[^:]*))?::(?P<data>.*)$")


def _parse(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Read commands back as the runner does: split properties on `,` and `=`, unescape."""
    def unescape(value: str) -> str:
        return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                .replace("%2C", ",").replace("%25", "%"))

    out = []
    for line in text.splitlines():
        match = LINE.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
        out.append((match[1], {k: unescape(v) for k, v in props.items()},
                    unescape(match["data"])))
    return out


def test_one_annotation_per_gap_with_level_and_place(north: PolicyReport) -> None:
    text = get_reporter("github").render(north)
    commands = _parse(text)
    assert len(commands) == len(gaps(north))
    toy = {p["title"].split(" ", 1)[0]: (kind, p, data) for kind, p, data in commands
           if p["title"].startswith("TOY-")}
    assert set(toy) == {"TOY-1.1", "TOY-1.2", "TOY-2.1"}
    assert toy["TOY-2.1"][0] == "error" and toy["TOY-1.2"][0] == "error"
    assert toy["TOY-1.1"][0] == "warning"
    _, props, data = toy["TOY-2.1"]
    assert props == {"file": f"{REL}/north.yaml", "line": "19", "col": "11", "endLine": "19",
                     "endColumn": "36", "title": "TOY-2.1 A local migration strategy"}
    assert data.startswith("unmet (core): /governance/strategy/name is \"=cmd|' /C calc'!A0")
    assert "\nDo: =HYPERLINK" in data


def test_escaping_follows_github() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "m: x, y", file="dir/a,b:c.yaml", title="T1 x, y: z") == \
        "::warning file=dir/a%2Cb%3Ac.yaml,title=T1 x%2C y%3A z::m: x, y"


def test_unlocated_gaps_name_only_the_file(built: Fixtures) -> None:
    for _, props, _ in _parse(get_reporter("github").render(built.unlocated)):
        assert set(props) == {"file", "title"}


def test_comparison_annotates_every_city_and_load_failures(comparison: Comparison) -> None:
    commands = _parse(get_reporter("github").render_comparison(comparison))
    files = {p["file"] for _, p, _ in commands}
    assert files == {f"{REL}/north.yaml", f"{REL}/south.yaml", f"{REL}/broken.yaml"}
    south = {p["title"].split(" ", 1)[0] for _, p, _ in commands
             if p["file"].endswith("south.yaml") and p["title"].startswith("TOY-")}
    assert south == {c for c, s in SOUTH_TOY.items() if s is not Status.MET}
    (load,) = [c for c in commands if c[1]["file"].endswith("broken.yaml")]
    assert load[0] == "error" and "assessment" in load[2]


def test_diff_annotates_opened_gaps_and_notes_closed_ones(diff: PolicyDiff) -> None:
    commands = _parse(get_reporter("github").render_diff(diff))
    toy = {p["title"].split(" ", 1)[0]: kind for kind, p, _ in commands
           if p["title"].startswith("TOY-")}
    assert toy == {"TOY-1.1": "notice", "TOY-1.2": "notice", "TOY-2.2": "warning",
                   "TOY-2.3": "warning"}
    assert {p["file"] for _, p, _ in commands} == {f"{REL}/north-2027.yaml"}
