"""One policy through the pipeline: load, validate, evaluate, score. No printing, no exits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mgf_check.catalogue.loader import BUNDLED, criterion_span, load
from mgf_check.catalogue.references import load_references
from mgf_check.errors import CatalogueError, PolicyLoadError, Problem
from mgf_check.evaluate import (
    PolicyDocument,
    as_of_date,
    evaluate,
    read_waivers,
    rename_waivers,
    waiver_notices,
)
from mgf_check.loading.yamlsource import LoadedDocument, load_file
from mgf_check.measures import recorded
from mgf_check.model import Framework, Notice, PolicyReport
from mgf_check.schema.validation import validate
from mgf_check.scoring import regroup, score_frameworks


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How to check: which frameworks, as of when, waivers or not, which crosswalk view."""

    frameworks: tuple[str, ...] = BUNDLED
    as_of: str | None = None
    ignore_waivers: bool = False
    by: str | None = None


def load_frameworks(specs: Sequence[str]) -> tuple[Framework, ...]:
    """Load frameworks by id or path, each once, in the order given."""
    seen: dict[str, Framework] = {}
    owners: dict[str, Framework] = {}
    for spec in specs:
        framework = load(spec)
        if framework.id in seen:
            continue
        seen[framework.id] = framework
        for criterion in framework.criteria:
            other = owners.setdefault(criterion.id, framework)
            if other is not framework:  # results are keyed by id: one id, one criterion
                raise CatalogueError(Problem(
                    framework.path, criterion_span(framework.path, criterion.id),
                    f"criterion id {criterion.id!r} is already used by {other.id!r} "
                    f"({other.path})", "give the criterion an id of its own (e.g. prefix it "
                    "with your catalogue's id)", rule="duplicate-id"))
    return tuple(seen.values())


def load_policy(path: Path, display: str | None = None) -> LoadedDocument:
    """Read, parse and schema-validate one policy file (raises PolicyLoadError)."""
    doc = load_file(path, display)
    problems = validate(doc, "policy")
    if problems:
        raise PolicyLoadError(problems)
    return doc


def check_document(doc: LoadedDocument, frameworks: Sequence[Framework],
                   options: CheckOptions, *, locate: bool = True) -> PolicyReport:
    """Evaluate and score one validated policy document."""
    data = doc.data
    as_of = as_of_date(data, options.as_of)
    known = {c.id for f in frameworks for c in f.criteria}
    waivers, renamed = rename_waivers(read_waivers(data, as_of), known)
    subjects = (c.subject for f in frameworks for c in f.criteria)
    found = [*renamed, *waiver_notices(waivers, known, subjects),
             *(Notice(note, "", None) for f in frameworks for note in f.notes)]
    notices = [n.__class__(n.message, n.pointer, doc.locate(n.pointer) if locate else None)
               for n in found]
    results = evaluate(frameworks, PolicyDocument(data, as_of),
                       () if options.ignore_waivers else waivers,
                       (lambda p, k: doc.locate(p, key=k)) if locate else None)
    view = regroup(options.by, results, load_references()) if options.by else None
    return PolicyReport(
        path=doc.path, city=data.get("city", {}), assessment=data.get("assessment", {}),
        as_of=as_of, frameworks=score_frameworks(frameworks, results), results=results,
        waivers=waivers, waivers_ignored=options.ignore_waivers, notices=tuple(notices),
        view=view, measures=recorded(data, (c.subject for f in frameworks for c in f.criteria)),
    )


def check_file(path: Path, frameworks: Sequence[Framework], options: CheckOptions,
               display: str | None = None) -> PolicyReport:
    """Load, validate, evaluate and score one policy file."""
    return check_document(load_policy(path, display), frameworks, options)
