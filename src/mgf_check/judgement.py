"""The judgement rules every criterion obeys, whatever its conditions say.

Evaluation applies them after `not-stated`, competence and applicability are settled:

- a measure whose `status` is `none` is `unmet` (never `partial`, never `met`);
- a measure that is only `planned` is never `met` (its partial condition may still hold);
- a measure whose `scope` is `nationals` earns no credit, unless the criterion says why
  citizens are the point (`nationals_may_qualify`, e.g. returnees or the diaspora);
- a stated measure whose criterion fails only because a detail is not written down (a missing
  field, not a contradicting one) is `partial`, and the reason names the detail to add;
- a measure another body delivers in the city (`delivered_by` without `city`) counts for
  residents like the city's own, and the reason says who delivers it.

The last rule uses three-valued logic: a test on a missing path is *unknown*; `all` is false
when a part is false, `any` true when a part is true, and otherwise unknown wins over the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mgf_check.conditions.combinators import All, AnyOf, Leaf, Not
from mgf_check.conditions.operators import matches
from mgf_check.loading.sourcemap import segments, value_at
from mgf_check.model import Condition, Criterion, Document, JSONValue, Status

#: Statuses that never give `met` (planned) or any credit (none).
NOT_YET, ABSENT = "planned", "none"


def measure_field(data: JSONValue, subject: str, name: str) -> JSONValue:
    """A field of the measure at `subject` (None when the subject is not a mapping)."""
    measure = value_at(data, segments(subject))
    return measure.get(name) if isinstance(measure, dict) else None


def three_valued(condition: Condition, doc: Document, granted: str = ""
                 ) -> tuple[bool | None, tuple[str, ...]]:
    """(True/False/None for unknown, the paths whose absence makes it unknown); tests on the
    path `granted` are taken as passed."""
    if isinstance(condition, Leaf):
        return (True, ()) if condition.path == granted else _leaf(condition, doc)
    if isinstance(condition, Not):
        inner, lacking = three_valued(condition.part, doc, granted)
        return (None if inner is None else not inner), lacking
    if isinstance(condition, (All, AnyOf)):
        decisive = isinstance(condition, AnyOf)  # the value that settles the combination
        missing: tuple[str, ...] = ()
        unknown = False
        for part in condition.parts:
            value, lacking = three_valued(part, doc, granted)
            if value is decisive:
                return decisive, ()
            if value is None:
                unknown = True
                missing += tuple(m for m in lacking if m not in missing)
        return (None, tuple(missing)) if unknown else (not decisive, ())
    return condition.check(doc).ok, ()


def _leaf(leaf: Leaf, doc: Document) -> tuple[bool | None, tuple[str, ...]]:
    present = next(matches(doc.data, leaf.segments), None) is not None
    if leaf.spec.presence:
        if not present and leaf.operand:
            return None, (leaf.path,)
        return present == leaf.operand, ()
    if not present:
        return None, (leaf.path,)
    if leaf.spec.reads_pointer and \
            value_at(doc.data, segments(leaf.operand)) is None:
        return None, (leaf.operand,)
    return leaf.check(doc).ok, ()


def _as_key(path: str) -> str:
    """`/crisis/early_warning/languages` -> `crisis.early_warning.languages`."""
    return ".".join(s for s in segments(path) if s != "*")


def decide(criterion: Criterion, doc: Document) -> tuple[Status, str, str]:
    """Status, reason and pointer of a criterion whose subject is stated."""
    data, subject = doc.data, criterion.subject
    status = measure_field(data, subject, "status")
    if status == ABSENT:
        return (Status.UNMET, f"{subject}/status is 'none': the city states it has no such "
                "measure", f"{subject}/status")
    conditions = criterion.compiled
    met = conditions.met.check(doc)
    if measure_field(data, subject, "scope") == "nationals" and \
            not criterion.nationals_may_qualify:
        also = "" if met.ok else f"; also {met.reason}"
        return (Status.UNMET, f"{subject}/scope is 'nationals': a measure reserved for citizens "
                f"does not reach migrants, so it earns no credit here{also}", f"{subject}/scope")
    if met.ok and status != NOT_YET:
        return Status.MET, met.reason + _delivered_by(data, subject), met.pointer
    why_not = (f"{subject} is only planned (met needs it adopted or in force)" if met.ok
               else met.reason)
    partial = conditions.partial.check(doc) if conditions.partial is not None else None
    if partial is not None and partial.ok:
        pointer = met.pointer if value_at(data, segments(met.pointer)) is not None \
            else partial.pointer
        return (Status.PARTIAL, f"{partial.reason}; not met because {why_not}"
                + _delivered_by(data, subject), pointer)
    if status != NOT_YET:
        unconfirmed = _unconfirmed(criterion, doc)
        if unconfirmed:
            keys = ", ".join(f"`{_as_key(p)}`" for p in unconfirmed)
            return (Status.PARTIAL, f"{subject} is stated but not every detail is: add {keys} "
                    f"to confirm it (the criterion cannot be met without it; {met.reason})",
                    unconfirmed[0] if value_at(data, segments(unconfirmed[0])) is not None
                    else subject)
    return Status.UNMET, why_not, met.pointer


def _delivered_by(data: Any, subject: str) -> str:
    """A note when another body delivers the measure in the city: it still counts for the
    city's residents, and the report says who runs it."""
    bodies = measure_field(data, subject, "delivered_by")
    if not isinstance(bodies, list) or not bodies or "city" in bodies:
        return ""
    names = ", ".join(str(b).replace("-", " ") for b in bodies)
    return (f" (delivered in the city by a {names}, not by the municipality: it counts for "
            "residents; the city's part is to coordinate, inform and refer)")


def _unconfirmed(criterion: Criterion, doc: Document) -> tuple[str, ...]:
    """The missing paths that leave the met condition undecided, or else the partial one when
    nothing but the measure's status keeps it from met. A stated fact that contradicts the
    criterion decides: it is not rescued by a missing one."""
    conditions = criterion.compiled
    value, missing = three_valued(conditions.met, doc)
    if value is None:
        return missing
    if conditions.partial is None or \
            three_valued(conditions.met, doc, f"{criterion.subject}/status")[0] is False:
        return ()
    value, missing = three_valued(conditions.partial, doc)
    return missing if value is None else ()


def rules_summary() -> Iterator[str]:
    """The rules in words (for docs and explain)."""
    yield "a measure with status `none` is unmet"
    yield "a `planned` measure is never met"
    yield "a measure for `nationals` earns no credit unless the criterion says why it may"
    yield "a stated measure missing a detail is partial, and the reason names the detail"
