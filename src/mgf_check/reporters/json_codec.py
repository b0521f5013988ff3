"""The versioned JSON form of a report, and back: what `--format json` writes and `render`
reads. It holds everything every reporter needs, so a saved report re-renders in any format.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mgf_check import __version__
from mgf_check.model import (
    GAP_STATUSES,
    Change,
    Criterion,
    CriterionResult,
    Framework,
    FrameworkScore,
    Group,
    GroupScore,
    JSONDict,
    JSONObject,
    JSONValue,
    Notice,
    PolicyReport,
    Priority,
    Span,
    Status,
    View,
    Waiver,
)
from mgf_check.scoring import counts, documented, share

if TYPE_CHECKING:
    from mgf_check.comparison import (
        CitySummary,
        Comparison,
        GroupStat,
        Lack,
        PortfolioSummary,
    )
    from mgf_check.diff import PolicyDiff

#: Version 2 added the documented share of every group and framework (`documented`), the
#: measures the file records (`measures`) and, from `--format json`, `actions` and `blanks`.
REPORT_VERSION = 2


def version_problem(data: JSONValue) -> str | None:
    """Why a saved report's version cannot be read (None when it can): checked before the
    schema, so an old report gets one clear sentence rather than a schema dump."""
    version = data.get("report_version") if isinstance(data, dict) else None
    if version == REPORT_VERSION or not isinstance(version, int):
        return None
    return (f"report version {version}; this mgf-check reads version {REPORT_VERSION} "
            "(version 2 added the documented share, the recorded measures and the actions)")


def schema_problem(data: JSONValue) -> str | None:
    """Why a saved report fails the report schema (None when it passes), located at the value
    that is wrong and never repeating the document: validated against the branch of its own
    `kind` (a check report is not also judged as a comparison and a diff, which would locate
    the error in a branch it never meant to follow)."""
    import jsonschema

    from mgf_check.schema.validation import load_schema

    schema = load_schema("report")
    kinds = [branch["$ref"].rsplit("/", 1)[-1] for branch in schema["oneOf"]]
    if not isinstance(data, dict):
        return "not a valid mgf-check report (top level): not a JSON object"
    kind = data.get("kind")
    if kind not in kinds:
        shown = repr(kind) if isinstance(kind, str) and len(kind) <= 40 else "missing or unknown"
        return (f"not a valid mgf-check report (kind): {shown}; a report's kind is one of "
                + ", ".join(kinds))
    schema = {**{k: v for k, v in schema.items() if k != "oneOf"}, "$ref": f"#/$defs/{kind}"}
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path)[:200] or "top level"
    value = json.dumps(error.validator_value, ensure_ascii=True)  # the schema's text
    return (f"not a valid mgf-check report ({where}): fails {error.validator!r} "
            f"{value if len(value) <= 80 else value[:77] + '...'}")


def _span(span: Span | None) -> dict[str, int] | None:
    if span is None:
        return None
    return {"line": span.line, "column": span.column, "end_line": span.end_line,
            "end_column": span.end_column}


def _counts(counts: Mapping[Status, int]) -> dict[str, int]:
    return {status.value: counts.get(status, 0) for status in Status}


def _documented(counts: Mapping[Status, int]) -> dict[str, Any]:
    stated, assessed = documented(counts)
    return {"stated": stated, "assessed": assessed, "share": share(stated, assessed)}


def _group(group: GroupScore) -> dict[str, Any]:
    return {"id": group.id, "title": group.title, "score": group.score,
            "counts": _counts(group.counts), "documented": _documented(group.counts),
            "criteria": list(group.criteria)}


def _waiver(waiver: Waiver) -> dict[str, Any]:
    return {"criterion": waiver.criterion, "reason": waiver.reason,
            "approved_by": waiver.approved_by, "expires": waiver.expires,
            "expired": waiver.expired, "pointer": waiver.pointer, "measure": waiver.measure}


def _result(result: CriterionResult, path: str) -> dict[str, Any]:
    c = result.criterion
    return {
        "id": c.id, "framework": c.framework, "group": c.group, "title": c.title,
        "question": c.question, "priority": c.priority.value, "weight": c.weight,
        "status": result.status.value, "reason": result.reason,
        "location": {"path": path, "pointer": result.pointer, "span": _span(result.span)},
        "met_means": c.met_means, "partial_means": c.partial_means,
        "recommendation": c.recommendation, "practice": c.practice,
        "competence": c.competence, "subject": c.subject,
        "derived_from": dict(c.derived_from),
        "refs": {k: list(v) for k, v in c.refs.items()},
        "waiver": _waiver(result.waiver) if result.waiver else None,
    }


def _framework(score: FrameworkScore) -> dict[str, Any]:
    f = score.framework
    return {"id": f.id, "title": f.title, "short_title": f.short_title, "edition": f.edition,
            "source": dict(f.source), "score": score.score, "counts": _counts(score.counts),
            "documented": _documented(score.counts), "groups": [_group(g) for g in score.groups]}


def to_dict(report: PolicyReport) -> JSONDict:
    """The report as JSON-ready data (report format version 2)."""
    all_counts = counts(report.results)
    return {
        "report_version": REPORT_VERSION,
        "kind": "check",
        "tool": {"name": "mgf-check", "version": __version__},
        "policy": {"path": report.path, "city": dict(report.city),
                   "assessment": dict(report.assessment), "as_of": report.as_of},
        "summary": {"criteria": len(report.results), "counts": _counts(all_counts),
                    "gaps": sum(all_counts[s] for s in GAP_STATUSES),
                    "documented": _documented(all_counts)},
        "frameworks": [_framework(f) for f in report.frameworks],
        "results": [_result(r, report.path) for r in report.results],
        "waivers": [_waiver(w) for w in report.waivers],
        "waivers_ignored": report.waivers_ignored,
        "notices": [{"message": n.message, "pointer": n.pointer, "span": _span(n.span)}
                    for n in report.notices],
        "view": None if report.view is None else {
            "by": report.view.by, "title": report.view.title,
            "groups": [_group(g) for g in report.view.groups]},
        "measures": {k: dict(v) for k, v in report.measures.items()},
    }


def _from_span(data: Mapping[str, int] | None) -> Span | None:
    if data is None:
        return None
    return Span(data["line"], data["column"], data["end_line"], data["end_column"])


def _from_waiver(data: Mapping[str, Any] | None) -> Waiver | None:
    if data is None:
        return None
    return Waiver(data["criterion"], data["reason"], data["approved_by"], data["expires"],
                  data["expired"], data["pointer"], data.get("measure", False))


def _from_counts(data: Mapping[str, int]) -> dict[Status, int]:
    return {Status(k): v for k, v in data.items()}


def _from_group(data: Mapping[str, Any]) -> GroupScore:
    return GroupScore(data["id"], data["title"], data["score"], _from_counts(data["counts"]),
                      tuple(data["criteria"]))


def _criterion(data: Mapping[str, Any]) -> Criterion:
    return Criterion(
        id=data["id"], framework=data["framework"], group=data["group"], title=data["title"],
        question=data["question"], priority=Priority(data["priority"]),
        weight=data["weight"], subject=data["subject"], conditions=None,
        met_means=data["met_means"], partial_means=data["partial_means"],
        recommendation=data["recommendation"], practice=data["practice"],
        competence=data["competence"], derived_from=data["derived_from"],
        refs={k: tuple(v) for k, v in data["refs"].items()},
    )


def from_dict(data: JSONObject) -> PolicyReport:
    """Rebuild a report from its JSON form (validate it against the report schema first)."""
    results = tuple(
        CriterionResult(_criterion(r), Status(r["status"]), r["reason"],
                        r["location"]["pointer"], _from_span(r["location"]["span"]),
                        _from_waiver(r["waiver"]))
        for r in data["results"])
    frameworks = []
    for f in data["frameworks"]:
        groups = tuple(_from_group(g) for g in f["groups"])
        mine = tuple(r.criterion for r in results if r.criterion.framework == f["id"])
        framework = Framework(f["id"], f["title"], f["short_title"], f["edition"], f["source"],
                              "", tuple(Group(g.id, g.title) for g in groups), mine, "")
        frameworks.append(FrameworkScore(framework, f["score"], _from_counts(f["counts"]),
                                         groups))
    view = data["view"]
    policy = data["policy"]
    return PolicyReport(
        path=policy["path"], city=policy["city"], assessment=policy["assessment"],
        as_of=policy["as_of"], frameworks=tuple(frameworks), results=results,
        waivers=tuple(w for w in map(_from_waiver, data["waivers"]) if w is not None),
        waivers_ignored=data["waivers_ignored"],
        notices=tuple(Notice(n["message"], n["pointer"], _from_span(n["span"]))
                      for n in data["notices"]),
        view=None if view is None else View(view["by"], view["title"],
                                            tuple(_from_group(g) for g in view["groups"])),
        measures=data.get("measures", {}),
    )


def _city(city: CitySummary, links: Mapping[str, str]) -> dict[str, Any]:
    from mgf_check.comparison import sort_score

    out: dict[str, Any] = {
        "path": city.path, "name": city.name, "country": city.country, "error": city.error,
        "scores": dict(city.scores), "counts": _counts(city.counts),
        "groups": [{"framework": c.framework, "group": c.group, "score": c.score,
                    "gaps": c.gaps} for c in city.cells],
        "gaps": list(city.gaps), "mean": sort_score(city),
    }
    if city.documented:
        out["documented"] = {fid: {"stated": s, "assessed": a}
                             for fid, (s, a) in city.documented.items()}
    if city.as_of:
        out["as_of"] = city.as_of
    if city.path in links:
        out["report"] = links[city.path]
    return out


def _spread(s: GroupStat) -> dict[str, Any]:
    sp = s.spread
    return {"framework": s.framework, "group": s.group, "title": s.title, "cities": sp.cities,
            "mean": sp.mean, "median": sp.median, "low": sp.low, "high": sp.high,
            "stdev": sp.stdev}


def _lack(x: Lack) -> dict[str, Any]:
    out: dict[str, Any] = {"id": x.id, "title": x.title, "framework": x.framework,
                           "priority": x.priority, "cities": x.cities, "share": x.share}
    if x.recommendation:
        out["recommendation"] = x.recommendation
    return out


def portfolio_to_dict(summary: PortfolioSummary) -> JSONDict:
    """The portfolio summary as JSON-ready data."""
    return {"checked": summary.checked,
            "failed": [{"path": p, "error": e} for p, e in summary.failed],
            "scores": [_spread(s) for s in summary.scores],
            "lacking": [_lack(x) for x in summary.lacking],
            "measures": [_lack(x) for x in summary.measures],
            "by": summary.by, "view_title": summary.view_title,
            "view": [_spread(s) for s in summary.view]}


def comparison_to_dict(comparison: Comparison, *, lazy: bool = False) -> JSONDict:
    """A comparison of many cities as JSON-ready data; with `lazy`, `cities` is an iterator
    (so a writer can turn one city at a time into text: 10,000 cities fit in memory)."""
    cities = (_city(c, comparison.links) for c in comparison.cities)
    out = {
        "report_version": REPORT_VERSION,
        "kind": "comparison",
        "tool": {"name": "mgf-check", "version": __version__},
        "sort": comparison.sort,
        "as_of": comparison.as_of,
        "frameworks": [{"id": fid, "short_title": title,
                        "groups": [{"id": c.group, "title": c.title}
                                   for c in comparison.columns if c.framework == fid]}
                       for fid, title in comparison.frameworks],
        "summary": {"cities": len(comparison.cities),
                    "failed": sum(1 for c in comparison.cities if not c.ok)},
        "cities": cities if lazy else list(cities),
    }
    if comparison.summary is not None:  # before the (long) list of cities
        out = {k: v for k, v in out.items() if k != "cities"} | {
            "portfolio": portfolio_to_dict(comparison.summary), "cities": out["cities"]}
    return out


def diff_to_dict(diff: PolicyDiff) -> JSONDict:
    """A diff of two policy versions as JSON-ready data."""
    return {
        "report_version": REPORT_VERSION,
        "kind": "diff",
        "tool": {"name": "mgf-check", "version": __version__},
        "old": {"path": diff.old.path, "as_of": diff.old.as_of,
                "city": str(diff.old.city.get("name", "")), "report": to_dict(diff.old)},
        "new": {"path": diff.new.path, "as_of": diff.new.as_of,
                "city": str(diff.new.city.get("name", "")), "report": to_dict(diff.new)},
        "summary": {kind: sum(1 for c in diff.changes if c.kind == kind)
                    for kind in Change},
        "scores": [{"framework": d.framework, "group": d.group or None, "title": d.title,
                    "before": d.before, "after": d.after, "change": d.change}
                   for d in diff.deltas],
        "changes": [{"id": c.criterion.id, "framework": c.criterion.framework,
                     "group": c.criterion.group, "title": c.criterion.title,
                     "before": c.before.value if c.before else None,
                     "after": c.after.value if c.after else None, "kind": c.kind}
                    for c in diff.changes if c.kind != Change.UNCHANGED],
    }


def comparison_from_dict(data: JSONObject) -> Comparison:
    """Rebuild a comparison from its JSON form (per-criterion details are not in it)."""
    from mgf_check.comparison import CitySummary, ColumnGroup, Comparison, GroupCell

    columns = tuple(ColumnGroup(f["id"], f["short_title"], g["id"], g["title"])
                    for f in data["frameworks"] for g in f["groups"])
    cities = tuple(
        CitySummary(c["path"], c["name"], c["country"], c["error"], c["scores"],
                    tuple(GroupCell(g["framework"], g["group"], g["score"], g["gaps"])
                          for g in c["groups"]),
                    _from_counts(c["counts"]), tuple(c["gaps"]), as_of=c.get("as_of", ""),
                    documented={fid: (d["stated"], d["assessed"])
                                for fid, d in c.get("documented", {}).items()})
        for c in data["cities"])
    links = {c["path"]: c["report"] for c in data["cities"] if "report" in c}
    summary = portfolio_from_dict(data["portfolio"]) if "portfolio" in data else None
    return Comparison(columns, tuple((f["id"], f["short_title"]) for f in data["frameworks"]),
                      cities, data["sort"], data["as_of"], summary, links)


def portfolio_from_dict(data: JSONObject) -> PortfolioSummary:
    """Rebuild a portfolio summary from its JSON form."""
    from mgf_check.comparison import GroupStat, Lack, PortfolioSummary, Spread

    def stat(d: Mapping[str, Any]) -> GroupStat:
        return GroupStat(d["framework"], d["group"], d["title"],
                         Spread(d["cities"], d["mean"], d["median"], d["low"], d["high"],
                                d["stdev"]))

    def lack(d: Mapping[str, Any]) -> Lack:
        return Lack(d["id"], d["title"], d["framework"], d["priority"], d["cities"],
                    d["share"], d.get("recommendation", ""))

    return PortfolioSummary(data["checked"], tuple((f["path"], f["error"])
                                                   for f in data["failed"]),
                            tuple(map(stat, data["scores"])), tuple(map(lack, data["lacking"])),
                            tuple(map(lack, data["measures"])), data["by"],
                            data.get("view_title", ""), tuple(map(stat, data["view"])),
                            bool(data["lacking"] or data["measures"] or not data["checked"]))
