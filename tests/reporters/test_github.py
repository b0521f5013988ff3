"""GitHub Actions workflow commands: one annotation per gap, escaped as GitHub documents."""

from __future__ import annotations

import re

from mgf_check.comparison import Comparison
from mgf_check.diff import PolicyDiff
from mgf_check.errors import Problem, parse_rendered
from mgf_check.model import PolicyReport, Span
from mgf_check.reporters import RenderOptions, Reporter, get_reporter
from mgf_check.reporters.github import (
    CAP,
    LEVELS,
    Annotation,
    capped,
    command,
    escape_data,
    escape_property,
    problems_text,
)
from mgf_check.reporters.rows import gaps

from .conftest import REL, Fixtures

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


def _github(failing: set[tuple[str, str]] | None = None) -> Reporter:
    return get_reporter("github", RenderOptions(failing=frozenset(failing or ())))


def test_levels_follow_the_gate_and_annotations_carry_their_place(north: PolicyReport) -> None:
    failing = {(north.path, "TOY-2.1"), (north.path, "TOY-1.2")}
    commands = _parse(_github(failing).render(north))
    errors = {p["title"].split(" ", 1)[0] for kind, p, _ in commands if kind == "error"}
    assert errors == {"TOY-2.1", "TOY-1.2"}
    _, props, data = next(c for c in commands if c[1].get("title", "").startswith("TOY-2.1"))
    assert props == {"file": f"{REL}/north.yaml", "line": "19", "col": "11", "endLine": "19",
                     "endColumn": "36", "title": "TOY-2.1 A local migration strategy"}
    assert data.startswith("unmet (core): /governance/strategy/name is \"=cmd|' /C calc'!A0")
    assert "\nDo: =HYPERLINK" in data


def test_a_passing_run_has_no_error_and_the_cap_leaves_a_counting_notice(
        north: PolicyReport) -> None:
    commands = _parse(_github().render(north))
    kinds = [kind for kind, _, _ in commands]
    assert "error" not in kinds
    shown = kinds.count("warning")
    assert shown == min(CAP, len(gaps(north)))
    if len(gaps(north)) > CAP:
        assert kinds[-1] == "notice" and kinds.count("notice") == 1
        assert commands[-1][2].startswith(f"{len(gaps(north)) - CAP} more gaps are not "
                                          "annotated here")
    # most important first: the first warning is the first gap in priority order
    assert commands[0][1]["title"].startswith(gaps(north)[0].criterion.id + " ")


def test_capped_keeps_ten_per_level_most_important_first() -> None:
    many = [Annotation(level, (i,), command(level, f"m{i}")) for level in LEVELS
            for i in range(25, 0, -1)]
    out = capped(many, "things")
    assert [line.split("::")[2] for line in out[:CAP]] == [f"m{i}" for i in range(1, CAP + 1)]
    assert len(out) == CAP * 3 and out[-1].startswith("::notice title=")
    assert "46 more things are not annotated here" in out[-1]


def test_escaping_follows_github() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "m: x, y", file="dir/a,b:c.yaml", title="T1 x, y: z") == \
        "::warning file=dir/a%2Cb%3Ac.yaml,title=T1 x%2C y%3A z::m: x, y"


def test_unlocated_gaps_name_only_the_file(built: Fixtures) -> None:
    for kind, props, _ in _parse(_github().render(built.unlocated)):
        assert set(props) == ({"file", "title"} if kind != "notice" else {"title"})


def test_comparison_annotates_load_failures_at_their_line(comparison: Comparison) -> None:
    commands = _parse(_github().render_comparison(comparison))
    files = {p.get("file") for _, p, _ in commands}
    assert {f"{REL}/north.yaml", f"{REL}/broken.yaml"} <= files
    (load,) = [c for c in commands if c[1].get("file", "").endswith("broken.yaml")]
    assert load[0] == "error" and "assessment" in load[2] and load[1]["line"] == "1"
    assert len([c for c in commands if c[0] == "warning"]) == CAP


def test_invalid_files_are_annotated_at_line_and_column() -> None:
    problems = [Problem("a.yaml", Span(3, 20, 3, 30), "not a valid date", "write YYYY-MM-DD")]
    ((kind, props, data),) = _parse(problems_text([("a.yaml", problems)]))
    assert kind == "error" and (props["file"], props["line"], props["col"]) == ("a.yaml", "3",
                                                                              "20")
    assert data == "not a valid date\nHow to fix: write YYYY-MM-DD"
    assert parse_rendered(problems[0].render()) == [
        Problem("a.yaml", Span(3, 20, 3, 20), "not a valid date", "write YYYY-MM-DD")]


def test_diff_annotates_opened_gaps_and_notes_closed_ones(diff: PolicyDiff) -> None:
    commands = _parse(_github().render_diff(diff))
    toy = {p["title"].split(" ", 1)[0]: kind for kind, p, _ in commands
           if p["title"].startswith("TOY-")}
    assert toy == {"TOY-1.1": "notice", "TOY-1.2": "notice", "TOY-2.2": "warning",
                   "TOY-2.3": "warning"}
    assert {p["file"] for _, p, _ in commands} == {f"{REL}/north-2027.yaml"}
