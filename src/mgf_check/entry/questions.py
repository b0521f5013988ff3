"""Which criteria read which measure: the plain questions behind the keys, found at run time.

A measure's questions are the `question`s of the criteria whose `subject` is the measure or
whose conditions read a path inside it; the fields worth asking are the ones those conditions
read. Nothing is copied from the catalogues, so a corrected question shows up at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mgf_check.conditions.combinators import paths_of
from mgf_check.entry.fields import Field, Measure, blocks
from mgf_check.evaluate import PolicyDocument
from mgf_check.model import PRIORITY_RANK, Criterion, Framework, JSONValue


@dataclass(frozen=True, slots=True)
class Topic:
    """One block to ask about: the criteria that read it and the fields they read."""

    block: Measure
    criteria: tuple[Criterion, ...]
    read: tuple[Field, ...]

    def applies(self, data: JSONValue, as_of: str) -> bool:
        """False when every criterion that reads the block is for another kind of city, or
        needs a competence the city says it does not have (nothing to ask then)."""
        if not self.criteria:
            return True
        return any(_applies(c, data, as_of) for c in self.criteria)


def _applies(criterion: Criterion, data: Any, as_of: str) -> bool:
    competences = (data.get("city") or {}).get("competences") or {} \
        if isinstance(data, dict) else {}
    if criterion.competence and competences.get(criterion.competence) == "none":
        return False
    applies_when = criterion.compiled.applies_when
    if applies_when is None:
        return True
    return applies_when.check(PolicyDocument(data, as_of)).ok


def _reads(criterion: Criterion) -> set[str]:
    paths = {criterion.subject}
    conditions = criterion.compiled
    for condition in (conditions.met, conditions.partial, conditions.applies_when):
        if condition is not None:
            paths.update(paths_of(condition))
    return paths


def topics(frameworks: Sequence[Framework]) -> tuple[Topic, ...]:
    """Every block of the schema with the criteria that read it, in schema order."""
    criteria = sorted((c for f in frameworks for c in f.criteria),
                      key=lambda c: (PRIORITY_RANK[c.priority], c.framework, c.id))
    reads = {c.id: _reads(c) for c in criteria}
    # a criterion belongs to a block when it is about the block or reads one of its fields
    # (a direct child of the block's pointer): the parents of what it reads, computed once
    parents = {cid: {p.rsplit("/", 1)[0] for p in paths if "/" in p}
               for cid, paths in reads.items()}
    out = []
    for block in blocks():
        mine = tuple(c for c in criteria
                     if c.subject == block.pointer or block.pointer in parents[c.id])
        read_paths = {p for c in mine for p in reads[c.id]}
        read = tuple(f for f in block.fields if f.pointer in read_paths or any(
            p.startswith(f.pointer + "/") for p in read_paths))
        out.append(Topic(block, mine, read))
    return tuple(out)

