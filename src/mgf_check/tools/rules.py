"""Generated checks of the judgement rules, for any catalogue (bundled or custom).

Policies are built from each criterion's own subject and condition paths, not from hand-picked
cases: every way of satisfying its `met` condition (one policy per branch of its `any`s, plus its
`met` example) is written out, then changed the way a rule speaks of (the measure only planned,
absent, reserved for nationals, or missing one detail), and the criterion is judged again.

- R1 a measure `planned` or `none` never satisfies `met`; `none` never satisfies `partial`
  (checked on the criterion's own conditions, so a criterion that forgets `status` fails);
- R2 a criterion that reads its measure's `scope` gives nothing to a measure for `nationals`,
  unless it says why citizens may qualify (`nationals_may_qualify`);
- R3 a missing measure gives `not-stated`;
- R4 a missing detail under a stated measure never gives worse than `partial`, and the reason
  names the detail to add;
- R5 one fact (a path and test) is tested the same way in every criterion that reads it in its
  `met` condition, or the criterion says why it differs (`differs`).

Run `python scripts/check_rules.py [catalogue.yaml ...]` to check catalogues (exit 1 on a breach).
"""

from __future__ import annotations

import copy
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from mgf_check.conditions.combinators import All, AnyOf, Leaf, Not
from mgf_check.evaluate import PolicyDocument, evaluate_criterion
from mgf_check.loading.sourcemap import segments, value_at
from mgf_check.model import Condition, Criterion, JSONDict, Status

AS_OF = "2026-01-01"
BASE: JSONDict = {"schema_version": 1, "city": {"name": "Rule", "country": "XX"},
                        "assessment": {"date": AS_OF}}
_CAP = 24  # policies per criterion: enough for every catalogue branch, cheap to run
STATUS_FIELD, SCOPE_FIELD = "status", "scope"
Violation = str


def _branches(condition: Condition) -> list[list[Leaf]]:
    """The condition in disjunctive form: each branch is the leaves that satisfy it together
    (tests under `not` are left out: their paths stay unwritten)."""
    if isinstance(condition, Leaf):
        return [[condition]]
    if isinstance(condition, AnyOf):
        return [b for part in condition.parts for b in _branches(part)][:_CAP]
    if isinstance(condition, All):
        out: list[list[Leaf]] = [[]]
        for part in condition.parts:
            out = [a + b for a, b in itertools.product(out, _branches(part))][:_CAP]
        return out
    if isinstance(condition, Not):
        return [[]]
    return [[]]


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    """Write `value` at `path`, creating mappings (and a one-item list for `*`)."""
    parts = list(segments(path))
    node: Any = data
    for i, seg in enumerate(parts):
        last = i == len(parts) - 1
        nxt: Any = value if last else ([{}] if parts[i + 1] == "*" else {})
        if seg == "*":
            node = node[0]
            continue
        if last:
            node[seg] = value
        elif not isinstance(node.get(seg), (dict, list)):
            node[seg] = nxt
        node = node[seg]


def _satisfy(data: dict[str, Any], leaf: Leaf) -> None:
    current = value_at(data, tuple(s for s in leaf.segments if s != "*"))
    items = list(current) if isinstance(current, list) else []
    spec, operand = leaf.spec, leaf.operand
    if spec.presence:
        if operand and current is None:
            _put(data, leaf.path, spec.favourable(operand, items, AS_OF))
        return
    if spec.reads_pointer:
        other = value_at(data, segments(operand))
        if not isinstance(other, list) or not other:
            other = ["ar"]
            _put(data, operand, other)
        operand = other
    value = spec.favourable(operand, items, AS_OF)
    _put(data, leaf.path, value)


def favourable(criterion: Criterion, condition: Condition | None = None
               ) -> list[JSONDict]:
    """Policies that satisfy the criterion's `met` condition (or `condition`, e.g. its
    partial one) as far as branches allow, each with its subject stated, plus its own `met`
    example."""
    out = []
    for branch in _branches(condition or criterion.compiled.met):
        data = copy.deepcopy(BASE)
        for leaf in sorted(branch, key=lambda x: x.spec.presence):
            _satisfy(data, leaf)
        measure = value_at(data, segments(criterion.subject))
        if measure is None:
            _put(data, criterion.subject, {STATUS_FIELD: "implemented"})
        elif isinstance(measure, dict):
            measure.setdefault(STATUS_FIELD, "implemented")
        out.append(data)
    example = criterion.examples.get("met")
    if example:
        out.append(_merge(copy.deepcopy(BASE), example))
    return out


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        for key, value in extra.items():
            base[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return base
    return copy.deepcopy(extra)


def _with(data: dict[str, Any], subject: str, name: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    measure = value_at(changed, segments(subject))
    if isinstance(measure, dict):
        measure[name] = value
    return changed


def _passes(condition: Condition | None, data: dict[str, Any]) -> bool:
    return condition is not None and condition.check(PolicyDocument(data, AS_OF)).ok


def _judge(criterion: Criterion, data: dict[str, Any]) -> tuple[Status, str]:
    judged = evaluate_criterion(criterion, PolicyDocument(data, AS_OF), {})
    return judged.status, judged.reason


def reads_scope(criterion: Criterion) -> bool:
    """True when the criterion's conditions read its own measure's `scope`."""
    from mgf_check.conditions.combinators import paths_of

    wanted = f"{criterion.subject}/{SCOPE_FIELD}"
    conditions = criterion.compiled
    return any(p == wanted for c in (conditions.met, conditions.partial) if c is not None
               for p in paths_of(c))


def check_criterion(criterion: Criterion) -> list[Violation]:
    """Every breach of rules R1-R4 by one criterion."""
    found: list[Violation] = []
    policies = favourable(criterion)
    cid, subject = criterion.id, criterion.subject
    met, partial = criterion.compiled.met, criterion.compiled.partial
    extra = favourable(criterion, partial) if partial is not None else []
    for data in [*policies, *extra]:
        if _passes(met, _with(data, subject, STATUS_FIELD, "planned")):
            found.append(f"{cid}: R1 met holds while {subject} is only planned")
        absent = _with(data, subject, STATUS_FIELD, "none")
        if _passes(met, absent) or _passes(partial, absent):
            found.append(f"{cid}: R1 met or partial holds while {subject} has status none")
        if reads_scope(criterion) and not criterion.nationals_may_qualify:
            nationals = _with(data, subject, SCOPE_FIELD, "nationals")
            if _passes(met, nationals) or _passes(partial, nationals):
                found.append(f"{cid}: R2 credit for a measure whose scope is nationals")
    found += _check_not_stated(criterion, policies[0])
    found += _check_details(criterion, policies)
    return sorted(set(found))


def _check_not_stated(criterion: Criterion, data: dict[str, Any]) -> list[Violation]:
    gone = copy.deepcopy(data)
    parts = list(segments(criterion.subject))
    holder = value_at(gone, tuple(parts[:-1]))
    if isinstance(holder, dict):
        holder.pop(parts[-1], None)
    status, _ = _judge(criterion, gone)
    if status not in (Status.NOT_STATED, Status.NOT_APPLICABLE):
        return [f"{criterion.id}: R3 a missing {criterion.subject} gives {status}"]
    return []


def _details(criterion: Criterion) -> Iterator[str]:
    from mgf_check.conditions.combinators import paths_of

    for path in dict.fromkeys(paths_of(criterion.compiled.met)):
        if "*" not in path and path != f"{criterion.subject}/{STATUS_FIELD}" and \
                path.startswith(criterion.subject + "/"):
            yield path


def _check_details(criterion: Criterion, policies: Sequence[dict[str, Any]]) -> list[Violation]:
    found = []
    met_policies = [p for p in policies if _judge(criterion, p)[0] is Status.MET]
    for data in met_policies[:4]:
        for path in _details(criterion):
            if value_at(data, segments(path)) is None:
                continue
            gone = copy.deepcopy(data)
            parts = list(segments(path))
            value_at(gone, tuple(parts[:-1])).pop(parts[-1])
            status, reason = _judge(criterion, gone)
            if status not in (Status.MET, Status.PARTIAL):
                found.append(f"{criterion.id}: R4 without {path} the verdict is {status}")
            elif status is Status.PARTIAL and parts[-1] not in reason:
                found.append(f"{criterion.id}: R4 the reason does not name {path}")
    return found


def _met_facts(criterion: Criterion) -> Iterator[tuple[str, str, str]]:
    """(path, operator, operand) of every test in `met` outside a `not`."""
    def walk(condition: Condition) -> Iterator[tuple[str, str, str]]:
        if isinstance(condition, Leaf):
            yield condition.path, condition.operator, json.dumps(condition.operand,
                                                                 sort_keys=True)
        elif isinstance(condition, (All, AnyOf)):
            for part in condition.parts:
                yield from walk(part)
    yield from walk(criterion.compiled.met)


def check_consistency(criteria: Iterable[Criterion]) -> list[Violation]:
    """R5: criteria reading the same fact with the same test use the same operand. The most
    common reading needs no excuse; a criterion reading it otherwise says why in `differs`."""
    seen: dict[tuple[str, str], dict[str, list[Criterion]]] = \
        defaultdict(lambda: defaultdict(list))
    for criterion in criteria:
        for path, op, operand in dict.fromkeys(_met_facts(criterion)):
            seen[(path, op)][operand].append(criterion)
    found = []
    for (path, op), variants in sorted(seen.items()):
        ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        usual = ranked[0][0]
        for operand, readers in ranked[1:]:
            for criterion in readers:
                if path not in criterion.differs:
                    found.append(f"{criterion.id}: R5 tests {path} {op} {operand}, unlike "
                                 f"the usual {usual}, and `differs` does not say why")
    return found


def check(criteria: Sequence[Criterion]) -> list[Violation]:
    """Every breach of rules R1-R5 in a set of criteria."""
    found = [v for c in criteria for v in check_criterion(c)]
    return found + check_consistency(criteria)


def main(argv: Sequence[str]) -> int:
    """Check the bundled catalogues, or the catalogue files given."""
    from mgf_check.catalogue.loader import BUNDLED, load

    criteria = [c for spec in (argv or BUNDLED) for c in load(spec).criteria]
    found = check(criteria)
    for line in found:
        sys.stdout.write(line + "\n")
    sys.stdout.write(f"{len(criteria)} criteria, {len(found)} breaches of the judgement rules\n")
    return 1 if found else 0

