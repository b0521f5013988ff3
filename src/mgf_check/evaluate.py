"""Deciding each criterion's status for one policy: pure functions over plain data."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from mgf_check.catalogue.ids import resolve
from mgf_check.conditions.operators import parse_date
from mgf_check.judgement import decide
from mgf_check.loading.sourcemap import parent, segments, split, value_at
from mgf_check.model import (
    Criterion,
    CriterionResult,
    Framework,
    JSONObject,
    JSONValue,
    Notice,
    Span,
    Status,
    Waiver,
)

Locate = Callable[[str, bool], "Span | None"]


class Evaluation(NamedTuple):
    """One criterion judged for one policy; the pointer is not yet located. A named tuple:
    cheap to make, once per criterion and city."""

    status: Status
    reason: str
    pointer: str  # where the decision rests (the nearest existing key when not stated)
    waiver: Waiver | None  # the waiver that covers the criterion, even an expired one


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    """What evaluation reads: the policy data and the date it is judged at."""

    data: JSONValue
    as_of: str


def as_of_date(data: JSONObject, override: str | None = None) -> str:
    """The reference date: `--as-of` if given, else the policy's assessment date."""
    if override:
        return override
    return str(data.get("assessment", {}).get("date", ""))


def read_waivers(data: JSONObject, as_of: str) -> tuple[Waiver, ...]:
    """The policy's waivers, each marked expired when it ended before `as_of`."""
    out = []
    reference = parse_date(as_of)
    for i, raw in enumerate(data.get("waivers", []) or []):
        ends = parse_date(raw["expires"])
        expired = bool(reference and ends and ends < reference)
        measure = "criterion" not in raw
        out.append(Waiver(raw["measure"] if measure else raw["criterion"], raw["reason"],
                          raw["approved_by"], raw["expires"], expired, f"/waivers/{i}",
                          measure))
    return tuple(out)


def rename_waivers(waivers: Iterable[Waiver], known: Collection[str]
                   ) -> tuple[tuple[Waiver, ...], list[Notice]]:
    """Waivers with old one-digit ids mapped to the current ids, and a notice for each."""
    out, notices = [], []
    for waiver in waivers:
        cid, note = resolve(waiver.criterion, known)
        if note is not None:
            waiver = replace(waiver, criterion=cid)
            notices.append(Notice(note, f"{waiver.pointer}/criterion", None))
        out.append(waiver)
    return tuple(out), notices


def waiver_notices(waivers: Iterable[Waiver], known: set[str],
                   subjects: Iterable[str] = ()) -> list[Notice]:
    """Notices for waivers of criteria that no loaded framework has (`known` ids), and of
    measures that no loaded criterion reads (`subjects`: the criteria's subject pointers)."""
    import difflib

    read = sorted(set(subjects))
    notices = []
    for waiver in waivers:
        if waiver.measure:
            if any(s == waiver.criterion or s.startswith(waiver.criterion + "/") for s in read):
                continue
            close = difflib.get_close_matches(waiver.criterion, read, n=1)
            has, key = "no loaded criterion reads", "measure"
        elif waiver.criterion not in known:
            close = difflib.get_close_matches(waiver.criterion, sorted(known), n=1)
            has, key = "no loaded framework has", "criterion"
        else:
            continue
        hint = f" (did you mean {close[0]}?)" if close else ""
        notices.append(Notice(f"waiver for {waiver.criterion}, which {has}{hint}",
                              f"{waiver.pointer}/{key}", None))
    return notices


def _value(data: Any, pointer: str) -> Any:
    return value_at(data, segments(pointer))


def _nearest(data: Any, pointer: str) -> str:
    while pointer and _value(data, pointer) is None:
        pointer = parent(pointer)
    return pointer


def evaluate_criterion(criterion: Criterion, doc: PolicyDocument,
                       waivers: Mapping[str, Waiver] | Iterable[Waiver],
                       ) -> Evaluation:
    """The status, reason, pointer and waiver of one criterion.

    A waiver of the criterion's id wins over one of the measure it reads."""
    waiver = _waiver_for(criterion, waivers)
    if waiver is not None and not waiver.expired:
        return Evaluation(Status.WAIVED, f"waived until {waiver.expires}: {waiver.reason} "
                          f"(approved by {waiver.approved_by})", waiver.pointer, waiver)
    status, reason, pointer = _judge(criterion, doc)
    if waiver is not None:
        reason += f" [waiver expired on {waiver.expires}, so the criterion is scored]"
    return Evaluation(status, reason, pointer, waiver)


def _waiver_for(criterion: Criterion,
                waivers: Mapping[str, Waiver] | Iterable[Waiver]) -> Waiver | None:
    found = waivers.values() if isinstance(waivers, Mapping) else waivers
    covering = [w for w in found if w.covers(criterion)]
    return min(covering, key=lambda w: w.measure) if covering else None


def _judge(criterion: Criterion, doc: PolicyDocument) -> tuple[Status, str, str]:
    data = doc.data
    applies_when = criterion.compiled.applies_when
    if applies_when is not None:
        applies = applies_when.check(doc)
        if not applies.ok:
            return (Status.NOT_APPLICABLE, f"does not apply to this city: "
                    f"{criterion.applies_means or applies.reason} ({applies.reason})",
                    _nearest(data, applies.pointer))
    if criterion.competence:
        pointer = f"/city/competences/{criterion.competence}"
        if _value(data, pointer) == "none":
            return (Status.OUT_OF_COMPETENCE, f"the city declares no competence over "
                    f"{criterion.competence.replace('-', ' ')} ({pointer}); an advocacy "
                    "item for the level of government that holds it", pointer)
    if _value(data, criterion.subject) is None:
        return Status.NOT_STATED, _not_stated(data, criterion.subject), \
            _nearest(data, criterion.subject)
    return decide(criterion, doc)


def _not_stated(data: Any, subject: str) -> str:
    there = _nearest(data, subject)
    missing = split(subject)[len(split(there)):]
    under = f"under `{split(there)[-1]}:`" if there else "at the top level"
    return f"{subject} is not stated: add `{missing[0]}:` {under} (or write " \
        "`status: none` if the city has no such measure)"


def evaluate(frameworks: Iterable[Framework], doc: PolicyDocument,
             waivers: Iterable[Waiver], locate: Locate | None) -> tuple[CriterionResult, ...]:
    """Every criterion of every framework, evaluated in catalogue order."""
    by_id = {w.criterion: w for w in waivers if not w.measure}
    by_measure = [w for w in waivers if w.measure]
    results = []
    for framework in frameworks:
        for criterion in framework.criteria:
            status, reason, pointer, waiver = evaluate_criterion(
                criterion, doc, [by_id[criterion.id]] if criterion.id in by_id else by_measure)
            key = status is Status.NOT_STATED and bool(pointer)
            span = locate(pointer, key) if locate is not None else None
            results.append(CriterionResult(criterion, status, reason, pointer, span, waiver))
    return tuple(results)


