"""The `extends` algebra of custom catalogues (`catalogue.extend`): select keeps only the named
groups or criteria, drop removes them, override changes a criterion's weight, priority or
recommendation, additions come after the inherited criteria; unknown ids are located errors
with a "did you mean"; old one-digit ids resolve with a deprecation note."""

from __future__ import annotations

import pytest

from mgf_check.catalogue.compile import validate_catalogue
from mgf_check.catalogue.extend import extend, suggest
from mgf_check.catalogue.ids import deprecation
from mgf_check.errors import CatalogueError
from mgf_check.loading.yamlsource import load_text
from mgf_check.model import Framework, Group, Priority, Span
from tests.unit.helpers import criterion

#: The catalogue extended in every test: two groups, three criteria with two-digit serials.
PARENT = Framework(
    id="base", title="A base framework", short_title="Base", edition="2024",
    source={"title": "The base document"}, description="What the base covers.",
    groups=(Group("G1", "First group"), Group("G2", "Second group")),
    criteria=(criterion("BASE-G1.01", framework="base"),
              criterion("BASE-G1.02", framework="base", weight=2.0),
              criterion("BASE-G2.01", group="G2", framework="base", priority="recommended")),
    path="base.yaml", notes=("base.yaml: a note of the parent",))

HEAD = """\
catalogue_version: 1
extends: base
framework: {id: ours, title: Our own selection}
"""

#: A criterion of the custom catalogue itself, in its own group.
ADDITION = """\
groups:
  - {id: LOCAL, title: Local additions}
criteria:
  - id: OURS-L.01
    group: LOCAL
    title: A local office
    question: Does the city run a local office?
    priority: core
    weight: 1
    subject: /governance/migrant_office
    met: {path: /governance/migrant_office/status, equals: implemented}
    met_means: The office is open.
    recommendation: Open a local office.
    derived_from: {framework: Ours, element: Local, document: Our plan, year: 2025,
                   basis: framework-text}
    refs: {gcm: [O15]}
    examples:
      met: {governance: {migrant_office: {status: implemented}}}
      unmet: {governance: {migrant_office: {status: none}}}
"""


def extended(body: str = "", *, valid: bool = False) -> Framework:
    doc = load_text(HEAD + body, "ours.yaml")
    if valid:  # what the loader does before extending: the schema accepts the document
        validate_catalogue(doc)
    return extend(PARENT, doc)


def refused(body: str) -> tuple[Span | None, str, str]:
    with pytest.raises(CatalogueError) as info:
        extended(body)
    (problem,) = info.value.problems
    assert (problem.path, problem.rule) == ("ours.yaml", "catalogue")
    return problem.span, problem.message, problem.hint


def ids(framework: Framework) -> list[str]:
    return [c.id for c in framework.criteria]


def test_without_changes_everything_is_inherited_under_the_new_id() -> None:
    ours = extended(valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G1.02", "BASE-G2.01"]
    assert {c.framework for c in ours.criteria} == {"ours"}
    assert [g.id for g in ours.groups] == ["G1", "G2"]
    assert (ours.id, ours.title, ours.short_title, ours.path) == (
        "ours", "Our own selection", "ours", "ours.yaml")
    # a tailored catalogue never passes for the parent's edition; source and text inherited
    assert ours.edition == "custom catalogue based on Base (2024)"
    assert (dict(ours.source), ours.description) == ({"title": "The base document"},
                                                     "What the base covers.")
    assert ours.notes == ("base.yaml: a note of the parent",)


def test_select_criteria_keeps_only_those_in_catalogue_order() -> None:
    ours = extended("select: {criteria: [BASE-G2.01, BASE-G1.01]}\n", valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G2.01"]
    assert [g.id for g in ours.groups] == ["G1", "G2"]


def test_select_groups_keeps_those_groups_and_their_criteria() -> None:
    ours = extended("select: {groups: [G2]}\n", valid=True)
    assert ([g.id for g in ours.groups], ids(ours)) == (["G2"], ["BASE-G2.01"])


def test_select_groups_keeps_the_catalogue_s_own_groups_and_additions() -> None:
    ours = extended("select: {groups: [G1]}\n" + ADDITION, valid=True)
    assert [g.id for g in ours.groups] == ["G1", "LOCAL"]
    assert ids(ours) == ["BASE-G1.01", "BASE-G1.02", "OURS-L.01"]
    assert ours.criteria[-1].framework == "ours"


def test_drop_removes_criteria() -> None:
    ours = extended("drop: {criteria: [BASE-G1.02]}\n", valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G2.01"]


def test_drop_a_group_removes_its_criteria() -> None:
    ours = extended("drop: {groups: [G1]}\n", valid=True)
    assert ([g.id for g in ours.groups], ids(ours)) == (["G2"], ["BASE-G2.01"])


def test_select_then_drop() -> None:
    ours = extended("select: {groups: [G1]}\ndrop: {criteria: [BASE-G1.01]}\n", valid=True)
    assert ids(ours) == ["BASE-G1.02"]


def test_override_changes_the_named_fields_only() -> None:
    ours = extended("override:\n"
                    "  BASE-G1.01: {weight: 3, priority: good-practice}\n"
                    "  BASE-G2.01: {recommendation: Publish the plan every year.}\n", valid=True)
    first, second, third = ours.criteria
    assert (first.weight, first.priority, first.recommendation) == (
        3.0, Priority.GOOD_PRACTICE, "r")
    assert isinstance(first.weight, float)
    assert (second.weight, second.priority) == (2.0, Priority.CORE)  # untouched
    assert (third.recommendation, third.priority) == ("Publish the plan every year.",
                                                      Priority.RECOMMENDED)
    assert PARENT.criteria[0].weight == 1.0  # the parent is not changed


def test_additions_come_after_the_inherited_criteria() -> None:
    ours = extended(ADDITION, valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G1.02", "BASE-G2.01", "OURS-L.01"]
    assert [g.id for g in ours.groups] == ["G1", "G2", "LOCAL"]


def test_an_addition_may_not_reuse_an_inherited_id() -> None:
    span, message, hint = refused(ADDITION.replace("OURS-L.01", "BASE-G1.01"))
    assert (span, message) == (Span(7, 9, 7, 19),
                               "criterion 'BASE-G1.01' is already in the extended catalogue")
    assert hint == "use `override` to change it, or a new id"


@pytest.mark.parametrize(("body", "span", "unknown", "hint"), [
    ("select: {criteria: [BASE-G1.001]}\n", Span(4, 21, 4, 32), "'BASE-G1.001'",
     "did you mean BASE-G1.01 or BASE-G2.01 or BASE-G1.02?"),  # same id, padded differently, first
    ("drop:\n  criteria: [BASE-G1.01, BASS-G2.01]\n", Span(5, 26, 5, 36), "'BASS-G2.01'",
     "did you mean BASE-G2.01 or BASE-G1.01?"),  # close spellings
    ("select: {criteria: [OTHER-1]}\n", Span(4, 21, 4, 28), "'OTHER-1'",
     "`mgf-check explain ID -f CATALOGUE` shows a criterion; ids look like LMGI-D5.03"),
    ("drop: {groups: [G3]}\n", Span(4, 17, 4, 19), "group 'G3'", "groups here: G1, G2"),
    ("select: {groups: [G01]}\n", Span(4, 19, 4, 22), "group 'G01'", "did you mean G1?"),
])
def test_an_unknown_id_is_located_with_a_suggestion(body: str, span: Span, unknown: str,
                                                    hint: str) -> None:
    where, message, suggestion = refused(body)
    assert (where, suggestion) == (span, hint)
    assert message.startswith("unknown ")
    assert message.endswith(f" {unknown} in the extended catalogue")


def test_an_unknown_criterion_is_called_a_criterion() -> None:
    assert refused("select: {criteria: [OTHER-1]}\n")[1] == (
        "unknown criterion 'OTHER-1' in the extended catalogue")


def test_an_override_of_an_unknown_or_dropped_criterion_is_refused() -> None:
    span, message, hint = refused("override:\n  BASE-G1.03: {weight: 2}\n")
    assert (span, message, hint) == (
        Span(5, 15, 5, 26), "override of unknown or dropped criterion 'BASE-G1.03'",
        "did you mean BASE-G1.02 or BASE-G1.01 or BASE-G2.01?")
    _, message, hint = refused("drop: {criteria: [BASE-G1.02]}\n"
                               "override:\n  BASE-G1.02: {weight: 2}\n")
    assert (message, hint) == ("override of unknown or dropped criterion 'BASE-G1.02'",
                               "did you mean BASE-G1.01 or BASE-G2.01?")


def test_old_one_digit_ids_resolve_with_a_note() -> None:
    ours = extended("select: {criteria: [BASE-G1.1, BASE-G2.01]}\n"
                    "override:\n  BASE-G2.1: {weight: 4}\n", valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G2.01"]
    assert ours.criteria[1].weight == 4.0
    assert ours.notes == (
        "base.yaml: a note of the parent",
        f"ours.yaml: {deprecation('BASE-G1.1', 'BASE-G1.01')}",
        f"ours.yaml: {deprecation('BASE-G2.1', 'BASE-G2.01')}")
    assert ours.notes[1] == (
        "ours.yaml: BASE-G1.1 is an old criterion id; it now reads BASE-G1.01 (serials have "
        "two digits): write BASE-G1.01, the old form will stop working in a later release")


def test_an_old_id_dropped_resolves_too() -> None:
    ours = extended("drop: {criteria: [BASE-G1.2]}\n", valid=True)
    assert ids(ours) == ["BASE-G1.01", "BASE-G2.01"]
    assert len(ours.notes) == 2


def test_the_edition_of_the_custom_catalogue_wins_when_given() -> None:
    doc = load_text(HEAD.replace("title: Our own selection}",
                                 "title: Ours, edition: '2026.1', short_title: OUR}"),
                    "ours.yaml")
    ours = extend(PARENT, doc)
    assert (ours.edition, ours.short_title) == ("2026.1", "OUR")


@pytest.mark.parametrize(("wanted", "known", "kind", "hint"), [
    ("LMGI-D5.3", {"LMGI-D5.03", "LMGI-D6.01"}, "criteria", "did you mean LMGI-D5.03?"),
    ("LMGI-D5.3", {"LMGI-D5.03", "LMGI-D5.04"}, "criteria",
     "did you mean LMGI-D5.03 or LMGI-D5.04?"),
    ("lmgi-d5.03", {"LMGI-D5.03"}, "criteria", "did you mean LMGI-D5.03?"),
    ("P01", {"P1", "P2"}, "groups", "did you mean P1?"),
    ("crisis", {"P1", "P2"}, "groups", "groups here: P1, P2"),
])
def test_suggest(wanted: str, known: set[str], kind: str, hint: str) -> None:
    assert suggest(wanted, known, kind) == hint
