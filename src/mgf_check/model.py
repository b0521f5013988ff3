"""Plain, frozen value objects passed between the stages of a run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeAlias

#: A value parsed from YAML or JSON (a policy, a catalogue, a schema, a saved report, a config
#: file): dicts, lists, str, int, float, bool, None. Its shape is checked at run time against a
#: JSON schema, not by mypy: a recursive JSON type would need an isinstance at every read that
#: the schema already guarantees.
JSONValue: TypeAlias = Any  # Any: parsed YAML/JSON, its shape checked by a JSON schema
#: A parsed YAML/JSON mapping (a policy's `city` block, a catalogue entry, a schema node).
JSONObject: TypeAlias = Mapping[str, Any]  # Any: parsed YAML/JSON values (see JSONValue)
#: JSON being built for output (a report, a SARIF result), before `json.dumps`.
JSONDict: TypeAlias = dict[str, Any]  # Any: nested JSON for json.dumps, shape pinned by a schema


class Status(StrEnum):
    """The status of one criterion for one city."""

    MET = "met"
    PARTIAL = "partial"
    UNMET = "unmet"
    NOT_STATED = "not-stated"
    WAIVED = "waived"
    OUT_OF_COMPETENCE = "out-of-competence"
    NOT_APPLICABLE = "not-applicable"


#: Statuses that count as gaps, from the most to the least severe.
GAP_STATUSES = (Status.UNMET, Status.NOT_STATED, Status.PARTIAL)
#: Points each scored status earns; waived, out-of-competence and not-applicable leave the
#: denominator.
POINTS: Mapping[Status, float] = {
    Status.MET: 1.0,
    Status.PARTIAL: 0.5,
    Status.UNMET: 0.0,
    Status.NOT_STATED: 0.0,
}
#: Statuses left out of every score (and skipped by the CI formats).
NOT_SCORED = tuple(s for s in Status if s not in POINTS)


class Change(StrEnum):
    """How one criterion's status moved between two versions of a policy (`diff.StatusChange`).
    Here rather than in `diff` so the reporters compare with it without loading diffs."""

    CLOSED = "closed"  # was a gap, is not one now
    OPENED = "opened"  # is a gap now, was not one (or was absent)
    CHANGED = "changed"  # any other change of status
    UNCHANGED = "unchanged"


class Priority(StrEnum):
    """How much a criterion matters: core first."""

    CORE = "core"
    RECOMMENDED = "recommended"
    GOOD_PRACTICE = "good-practice"


PRIORITY_RANK: Mapping[Priority, int] = {
    Priority.CORE: 0,
    Priority.RECOMMENDED: 1,
    Priority.GOOD_PRACTICE: 2,
}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a file; lines and columns are 1-based (columns count code points)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a condition decided, and the pointer the decision rests on."""

    ok: bool
    pointer: str
    reason: str


class Document(Protocol):
    """What conditions need from a policy: its data and a reference date."""

    @property
    def data(self) -> JSONValue:
        """The policy as plain data."""

    @property
    def as_of(self) -> str:
        """The date the policy is judged at (YYYY-MM-DD)."""


class Condition(Protocol):
    """A compiled check over a policy document."""

    def check(self, doc: Document) -> Outcome:
        """Decide, and explain the decision."""
        ...


@dataclass(frozen=True, slots=True)
class Group:
    """A group of criteria inside a framework: a principle, dimension or phase."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Conditions:
    """What a criterion checks: its compiled conditions."""

    met: Condition
    partial: Condition | None = None
    #: When absent the criterion always applies; when false it is not applicable.
    applies_when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One encoded criterion of a framework catalogue: what it says (the text, the citation)
    and, apart, what it checks (`conditions`). A criterion read back from a saved report says
    everything it said but checks nothing: its `conditions` are None. Evaluate through
    `compiled` (which says so when there is nothing to evaluate); `conditions` is for building
    a criterion and for `dataclasses.replace`."""

    id: str
    framework: str
    group: str
    title: str
    question: str
    priority: Priority
    weight: float
    subject: str
    conditions: Conditions | None
    met_means: str
    partial_means: str
    recommendation: str
    practice: str
    competence: str | None
    derived_from: JSONObject
    refs: Mapping[str, tuple[str, ...]]
    examples: JSONObject = field(default_factory=dict)
    applies_means: str = ""
    #: Why a measure for `nationals` may still earn credit ("" = it never does).
    nationals_may_qualify: str = ""
    #: Pointer -> why this criterion tests that fact differently from other criteria.
    differs: Mapping[str, str] = field(default_factory=dict)

    @property
    def compiled(self) -> Conditions:
        """The conditions to evaluate; a criterion read back from a saved report has none."""
        if self.conditions is None:
            raise ValueError(f"criterion {self.id} was read back from a saved report: it has "
                             "no conditions to evaluate (check the policy file again)")
        return self.conditions


@dataclass(frozen=True, slots=True)
class Framework:
    """A loaded, compiled framework catalogue."""

    id: str
    title: str
    short_title: str
    edition: str
    source: JSONObject
    description: str
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    path: str
    #: Things worth telling the user about how the catalogue was written (e.g. old ids).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Waiver:
    """A waiver from the policy file and whether it still applies.

    `criterion` is a criterion id, or, when `measure` is true, a policy path such as
    `/crisis/emergency_plan` whose criteria it waives in every framework.
    """

    criterion: str
    reason: str
    approved_by: str
    expires: str
    expired: bool
    pointer: str
    measure: bool = False

    def covers(self, criterion: Criterion) -> bool:
        """True when this waiver is about `criterion` (by id, or by the measure it reads)."""
        if not self.measure:
            return self.criterion == criterion.id
        return criterion.subject == self.criterion or \
            criterion.subject.startswith(self.criterion + "/")


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """The status of one criterion for one city, why, and where in the file."""

    criterion: Criterion
    status: Status
    reason: str
    pointer: str
    span: Span | None
    waiver: Waiver | None = None


def gap_order(result: CriterionResult) -> tuple[int, int, float, str]:
    """The order of gaps everywhere (reports, the gate's reasons, CI annotations): priority,
    then status severity (`GAP_STATUSES` order), then weight (heaviest first), then id."""
    return (PRIORITY_RANK[result.criterion.priority], GAP_STATUSES.index(result.status),
            -result.criterion.weight, result.criterion.id)


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Alignment of one group (or crosswalk target) for one city."""

    id: str
    title: str
    score: float | None
    counts: Mapping[Status, int]
    criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrameworkScore:
    """Alignment of one framework for one city: per group, and the mean of the groups."""

    framework: Framework
    score: float | None
    counts: Mapping[Status, int]
    groups: tuple[GroupScore, ...]


@dataclass(frozen=True, slots=True)
class View:
    """The results regrouped by a crosswalk target (`--by gcm`, `--by sdg`, ...)."""

    by: str
    title: str
    groups: tuple[GroupScore, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    """Something about the input worth saying that is not an error (e.g. an unknown waiver)."""

    message: str
    pointer: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class PolicyReport:
    """Everything one check of one policy produced."""

    path: str
    city: JSONObject
    assessment: JSONObject
    as_of: str
    frameworks: tuple[FrameworkScore, ...]
    results: tuple[CriterionResult, ...]
    waivers: tuple[Waiver, ...]
    waivers_ignored: bool
    notices: tuple[Notice, ...]
    view: View | None = None
    #: What the file records about each measure a criterion reads (subject pointer ->
    #: descriptive fields: name, instrument, evidence, notes, ...), for the reports.
    measures: Mapping[str, JSONObject] = field(default_factory=dict)
