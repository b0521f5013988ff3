"""`mgf-check explain`: one criterion in full, as plain text."""

from __future__ import annotations

import difflib

from mgf_check.catalogue import available, load_bundled
from mgf_check.errors import ConfigError, Problem
from mgf_check.ids import resolve
from mgf_check.model import Criterion
from mgf_check.references import load_references


def find_criterion(criterion_id: str) -> Criterion:
    """A bundled criterion by id (case-insensitive), or a 'did you mean' error."""
    every = {c.id: c for f in available() for c in load_bundled(f).criteria}
    wanted = resolve(criterion_id.upper(), {cid.upper() for cid in every})[0]
    for cid, criterion in every.items():
        if cid.upper() == wanted:
            return criterion
    close = difflib.get_close_matches(criterion_id.upper(), list(every), n=3)
    hint = ("did you mean " + " or ".join(close) + "?") if close else \
        "`mgf-check frameworks` lists the catalogues; ids look like MIGOF-P1.01"
    raise ConfigError(Problem("ID", None, f"no criterion {criterion_id!r}", hint, rule="usage"))


def crosswalk_lines(criterion: Criterion) -> list[str]:
    """One line per crosswalk target: `GCM objective 15: Provide access to ...`."""
    refs = load_references()
    lines = []
    for key, ids in criterion.refs.items():
        for rid in ids:
            item = refs[key].items[rid]
            mark = "" if item.confirmed else " (title UNCONFIRMED)"
            lines.append(f"  - {item.heading}{mark}")
    return lines


def render_explanation(c: Criterion) -> str:
    """The whole explanation text."""
    d = c.derived_from
    lines = [
        f"{c.id}  {c.title}",
        f"framework: {c.framework} · group: {c.group} · priority: {c.priority.value} · "
        f"weight: {c.weight:g}" + (f" · needs competence: {c.competence}" if c.competence
                                    else ""),
        "",
        f"Question: {c.question}",
        f"Reads: {c.subject}",
        f"Met when: {c.met_means}",
    ]
    if c.partial_means:
        lines.append(f"Partial when: {c.partial_means}")
    lines += ["", f"Recommendation: {c.recommendation}"]
    if c.practice:
        lines.append(f"Example practice: {c.practice}")
    lines += ["", f"Derived from: {d['framework']} — {d['element']} ({d['document']}, "
              f"{d['year']})", f"Evidence level: {d['basis']}"]
    for key in ("via", "url", "note"):
        if d.get(key):
            lines.append(f"{key.capitalize()}: {d[key]}")
    lines += ["", "Crosswalk:", *crosswalk_lines(c)]
    return "\n".join(lines) + "\n"
