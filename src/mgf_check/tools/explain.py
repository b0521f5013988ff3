"""`mgf-check explain`: one criterion in full, as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from mgf_check.catalogue.ids import resolve
from mgf_check.catalogue.loader import available, load_bundled
from mgf_check.catalogue.references import load_references
from mgf_check.errors import Problem, UsageError
from mgf_check.i18n import _
from mgf_check.model import Criterion


def find_criterion(criterion_id: str, specs: Sequence[str] | None = None) -> Criterion:
    """A criterion by id (case-insensitive) in the bundled catalogues, or in the catalogues
    `specs` names (bundled ids or custom files); a 'did you mean' error otherwise."""
    from mgf_check.catalogue.loader import load

    frameworks = [load(s) for s in specs] if specs else [load_bundled(f) for f in available()]
    from mgf_check.i18n import language
    from mgf_check.translation.content import localize

    every = {c.id: c for f in frameworks for c in localize(f, language()).criteria}
    wanted = resolve(criterion_id.upper(), {cid.upper() for cid in every})[0]
    for cid, criterion in every.items():
        if cid.upper() == wanted:
            return criterion
    from mgf_check.catalogue.extend import suggest

    hint = suggest(criterion_id, list(every))
    raise UsageError(Problem("ID", None, f"no criterion {criterion_id!r}", hint, rule="usage"))


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
        _("Question: {text}").format(text=c.question),
        _("Reads: {pointer}").format(pointer=c.subject),
        _("Met when: {text}").format(text=c.met_means),
    ]
    if c.partial_means:
        lines.append(_("Partial when: {text}").format(text=c.partial_means))
    lines += ["", _("Recommendation: {text}").format(text=c.recommendation)]
    if c.practice:
        lines.append(_("Example practice: {text}").format(text=c.practice))
    lines += ["", f"Derived from: {d['framework']} — {d['element']} ({d['document']}, "
              f"{d['year']})", f"Evidence level: {d['basis']}"]
    for key in ("via", "url", "note"):
        if d.get(key):
            lines.append(f"{key.capitalize()}: {d[key]}")
    lines += ["", _("Crosswalk:"), *crosswalk_lines(c)]
    return "\n".join(lines) + "\n"
