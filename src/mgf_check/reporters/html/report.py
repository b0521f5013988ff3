"""The HTML page of one report: a council-ready document that also prints well.

Order: executive summary, first steps (measures to create or change, with what the city
recorded), the other measures, scores with how much is documented, a dimension-by-dimension
reading, the topics to describe, then a technical appendix (collapsed on screen, printed) with
every criterion's reason, file position and provenance. The council text carries no file
paths, JSON pointers or evidence levels: those live in the appendix only.

Everything from a policy file or a catalogue goes through `e` (html.escape).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mgf_check.i18n import _
from mgf_check.model import Criterion
from mgf_check.reporters import wording as w
from mgf_check.reporters.actions import Action
from mgf_check.reporters.html import svg
from mgf_check.reporters.html.page import Cell, e, table
from mgf_check.reporters.rows import CriterionView, ScoreRow, evidence_of, recorded_items
from mgf_check.reporters.view import FrameworkView, ReportView


def badge(c: CriterionView) -> str:
    """A status badge: symbol and word (the colour only repeats them)."""
    return (f'<span class="status st-{c.status.value}"><span aria-hidden="true">'
            f"{w.SYMBOL[c.status]}</span> {e(c.word)}</span>")


def header(v: ReportView) -> str:
    """Title, dates, who prepared it, the frameworks, the disclaimer."""
    r, a = v.report, v.report.assessment
    flag = (f'<span class="illustrative">{e(w.ILLUSTRATIVE)}</span>'
            if r.city.get("illustrative") else "")
    meta = [(_("Assessed"), e(a.get("date", "?"))), (_("As of"), e(r.as_of))]
    meta += [(label, e(a[key])) for key, label in
             (("prepared_by", _("Prepared by")), ("reviewed_by", _("Reviewed by")),
              ("notes", _("Notes"))) if a.get(key)]
    frameworks = "".join(
        f"<li>{e(f.title)}" + (' <span class="edition">' + e(_("(edition {edition})").format(
            edition=f.edition)) + "</span>" if f.edition else "") + "</li>"
        for f in v.frameworks)
    meta.append((_("Frameworks"), f'<ul class="frameworks">{frameworks}</ul>'))
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{val}</dd></div>" for k, val in meta)
    return (f'<header class="report-header"><p class="kicker">{e(w.REPORT_KICKER)}</p>'
            f'<h1>{e(v.name)} <span class="country">({e(v.country)})</span></h1>{flag}'
            f'<dl class="meta">{items}</dl>'
            f'<p class="disclaimer" role="note">{e(w.DISCLAIMER)}</p></header>')


def toc(v: ReportView) -> str:
    """Links to the sections (hidden in print)."""
    links = [("summary", w.SUMMARY), ("first-steps", w.FIRST_STEPS), ("scores", w.SCORES),
             ("reading", w.READING), ("describe", w.DESCRIBE), ("appendix", w.APPENDIX)]
    if len(v.actions) > v.first:
        links.insert(2, ("more", w.MORE_ACTIONS))
    contents = e(_("Contents"))
    return (f'<nav class="toc" aria-label="{contents}"><ul>' + "".join(
        f'<li><a href="#{i}">{e(t)}</a></li>' for i, t in links) + "</ul></nav>")


def band_bar(row: ScoreRow) -> str:
    """A small bar coloured by band, with the score and the band named in text."""
    key, word = row.band
    width = 0 if row.score is None else max(0.0, min(100.0, row.score))
    return (f'<span class="meter" aria-hidden="true"><span class="fill band-{key}" '
            f'style="width:{width:.1f}%"></span></span> <strong>{e(row.score_text)}</strong> '
            f'<span class="band-word band-{key}">{e(word)}</span>')


def summary(v: ReportView) -> str:
    """Executive summary: sentences, then one line per framework."""
    sentences = "".join(f"<li>{e(s)}</li>" for s in v.summary())
    rows: list[list[Cell]] = [[e(f.heading), band_bar(f.total), ("num", e(f.total.documented.text))]
                              for f in v.frameworks]
    return (f'<section id="summary"><h2>{e(w.SUMMARY)}</h2><ul class="summary">{sentences}</ul>'
            + table((_("Framework"), _("Score and band"), _("Documented")), rows, "overview")
            + f'<p class="note">{e(w.DOCUMENTED)} {e(w.BAND_LEGEND)}</p></section>')


def recorded(a: Action) -> str:
    """What the city recorded about an action's measure (nothing when it recorded nothing)."""
    items = [f"<div><dt>{e(k)}</dt><dd>{e(t)}</dd></div>" for k, t in recorded_items(a.recorded)]
    evidence = []
    for item in evidence_of(a.recorded):
        title = e(item.title)
        if item.url is not None:
            title = f'<a href="{e(item.url)}">{title}</a>'
        date = f" ({e(item.date)})" if item.date else ""
        evidence.append(f"<li>{title}{date}</li>")
    if evidence:
        items.append("<div><dt>" + e(_("evidence")) + f'</dt><dd><ul>{"".join(evidence)}</ul>'
                     "</dd></div>")
    if not items:
        return ""
    return f'<div class="recorded"><h4>{e(w.RECORDED)}</h4><dl>{"".join(items)}</dl></div>'


def criteria_list(criteria: Sequence[CriterionView], v: ReportView) -> str:
    """The criteria an action closes: id, title, framework, status."""
    return '<ul class="closes">' + "".join(
        f'<li>{badge(c)} <span class="cid">{e(c.id)}</span> {e(c.result.criterion.title)} '
        f'<small>({e(v.short(c.result.criterion.framework))}, {e(c.priority)})</small></li>'
        for c in criteria) + "</ul>"


def action(a: Action, v: ReportView) -> str:
    """One first step in full."""
    name = a.recorded.get("name")
    own = f' <span class="own-name">“{e(name)}”</span>' if name else ""
    frameworks = ", ".join(v.short(f) for f in a.frameworks)
    facts = (f'<span class="prio prio-{a.priority.value}">{e(w.PRIORITY_WORD[a.priority])}</span>'
             f" · {e(w.closes(len(a.criteria), a.core, frameworks))} · "
             f"{e(w.COMPETENCE_WORD[a.competence])}")
    return (f'<li class="action prio-{a.priority.value}"><article>'
            f"<h3>{e(w.VERB[a.kind])}: {e(a.label)}{own}</h3><p class=\"facts\">{facts}</p>"
            '<p class="do"><strong>' + e(_("Recommendation:")) + "</strong> "
            f"{e(a.recommendation)}</p>"
            f"{recorded(a)}{criteria_list(a.criteria, v)}</article></li>")


def first_steps(v: ReportView) -> Iterator[str]:
    """The first steps, then the other measures as a compact table."""
    yield f'<section id="first-steps"><h2>{e(w.FIRST_STEPS)} ({v.first})</h2>'
    yield f"<p>{e(w.FIRST_STEPS_LEAD)}</p>" if v.actions else f"<p>{e(v.no_actions)}</p>"
    yield '<ol class="actions">' + "".join(action(a, v) for a in v.first_steps) + "</ol>"
    yield "</section>"
    rest = v.actions[v.first:]
    if not rest:
        return
    yield f'<section id="more"><h2>{e(w.MORE_ACTIONS)} ({len(rest)})</h2>'
    rows: list[list[Cell]] = [[
        f"<strong>{e(w.VERB[a.kind])}: {e(a.label)}</strong>"
        + (f'<br><span class="own-name">“{e(a.recorded["name"])}”</span>'
           if a.recorded.get("name") else ""),
        e(w.PRIORITY_WORD[a.priority]),
        ", ".join(f'<span class="cid">{e(c.id)}</span> {e(c.word)}' for c in a.criteria),
        e(a.recommendation)] for a in rest]
    yield table((_("Measure"), _("Priority"), _("Criteria it closes"), _("Recommendation")),
                rows, "more cards")
    yield "</section>"


def group_table(groups: Sequence[ScoreRow]) -> str:
    """Scores of groups with band, documented share and counts."""
    from mgf_check.model import Status

    rows: list[list[Cell]] = [[
        e(g.label), band_bar(g), ("num", e(_("{stated} of {assessed}").format(
            stated=g.documented.stated, assessed=g.documented.assessed))),
        ("num", str(g.count(Status.MET))), ("num", str(g.count(Status.PARTIAL))),
        ("num", str(g.count(Status.UNMET))), ("num", str(g.count(Status.NOT_STATED)))]
        for g in groups]
    return table((_("Group"), _("Score and band"), _("Documented"), _("Met"), _("Partly met"),
                  _("Not met"), _("Not described")), rows, "groups cards")


def framework_scores(f: FrameworkView) -> str:
    """One framework's heading, chart and table."""
    rows = [(g.label, g.score, g.band[1]) for g in f.groups]
    return (f'<section class="framework"><h3>{e(f.heading)}: {e(f.total.score_text)} '
            f"({e(f.total.band[1])}), {e(f.total.documented.text)}</h3>"
            f"<figure>{svg.score_chart(rows, f.heading)}</figure>{group_table(f.groups)}"
            "</section>")


def scores(v: ReportView) -> Iterator[str]:
    """Scores per framework (and per crosswalk target with `--by`)."""
    yield f'<section id="scores"><h2>{e(w.SCORES)}</h2><p class="note">{e(w.BAND_LEGEND)} ' \
        f"{e(w.DOCUMENTED)}</p>"
    yield from (framework_scores(f) for f in v.frameworks)
    if v.by is not None:
        title, groups = v.by
        by = _("By {view}").format(view=title)
        yield f"<h3>{e(by)}</h3>{group_table(groups)}"
    yield "</section>"


def reading(v: ReportView) -> Iterator[str]:
    """Dimension by dimension: what is well developed, what has potential, what is blank."""
    from mgf_check.model import Status

    yield f'<section id="reading"><h2>{e(w.READING)}</h2>'
    for f in v.frameworks:
        yield f"<h3>{e(f.short_title)}</h3>"
        for g in f.groups:
            well = "; ".join(g.well) or w.NONE_MET
            potential = "; ".join(g.potential) or w.NONE_MET
            blank = g.count(Status.NOT_STATED)
            yield (f'<div class="dimension"><h4>{e(g.label)} <small>{e(g.score_text)} '
                   f"({e(g.band[1])}), {e(g.documented.text)}</small></h4>"
                   f"<p><strong>{e(w.WELL_DEVELOPED)}:</strong> {e(well)}</p>"
                   f"<p><strong>{e(w.POTENTIAL)}:</strong> {e(potential)}</p>"
                   + (f"<p><strong>{e(w.NOT_DESCRIBED)}:</strong> "
                      + e(_("{n} criteria").format(n=blank)) + "</p>"
                      if blank else "") + "</div>")
    yield "</section>"


def describe(v: ReportView) -> str:
    """Blank topics with the questions to answer."""
    total = sum(len(b.criteria) for b in v.blanks)
    items = "".join(
        f"<li><strong>{e(b.label)}</strong>"
        + (' <span class="prio prio-core">' + e(_("core")) + "</span>" if b.core else "")
        + "<ul>" + "".join(f"<li>{e(c.result.criterion.question)} <small>({e(c.id)})</small>"
                           "</li>" for c in b.criteria) + "</ul></li>" for b in v.blanks)
    body = (f"<p>{e(w.DESCRIBE_LEAD)}</p><ul class=\"describe\">{items}</ul>" if v.blanks
            else f"<p>{e(w.NO_BLANKS)}</p>")
    return (f'<section id="describe"><h2>{e(w.DESCRIBE)} '
            + e(_("({topics} topics, {total} criteria)").format(topics=len(v.blanks),
                                                                total=total))
            + f"</h2>{body}</section>")


def appendix(v: ReportView) -> Iterator[str]:
    """Every criterion with its reason, position and provenance (collapsed on screen)."""
    r = v.report
    yield (f'<section id="appendix"><details class="appendix"><summary><h2>{e(w.APPENDIX)}'
           f"</h2></summary><p>{e(w.APPENDIX_LEAD)} " + e(_("File:"))
           + f" <code>{e(r.path)}</code>. "
           f"{e(w.AGGREGATION)}</p>")
    if r.waivers:
        state = w.WAIVERS_IGNORED if r.waivers_ignored else ""
        yield f"<h3>{e(w.WAIVERS)} ({len(r.waivers)}){e(state)}</h3>"
        yield table((_("Criterion"), _("State"), _("Expires"), _("Reason"), _("Approved by")), (
            [e(x.criterion), e(_("expired") if x.expired else _("valid")), e(x.expires),
             e(x.reason),
             e(x.approved_by)] for x in r.waivers), "waivers cards")
    if v.notices:
        yield f"<h3>{e(w.NOTICES)}</h3><ul>" + "".join(
            f"<li><code>{e(n.at)}</code>: {e(n.message)}</li>" for n in v.notices) + "</ul>"
    levels = "; ".join(f"{k}: {t}" for k, t in w.EVIDENCE_LEVEL.items())
    yield f'<p class="note">{e(w.LEVELS_LEAD)} {e(levels)}.</p>'
    for f in v.frameworks:
        rows = [_criterion_row(c) for c in v.criteria
                if c.result.criterion.framework == f.id]
        yield f"<h3>{e(w.EVERY_CRITERION)}: {e(f.short_title)} ({len(rows)})</h3>"
        yield table((_("Criterion"), _("Title, reason, place in the file, source")), rows,
                    "criteria cards")
    yield "</details></section>"


def _criterion_row(c: CriterionView) -> list[Cell]:
    head, title, source = _catalogue_parts(c)
    return [f"{head}{badge(c)} {title[0]}",
            f"{title[1]}: {e(c.result.reason)} <code>{e(c.at)}</code>{source}"]


#: Criterion -> its escaped catalogue text in an appendix row: the same in every city's
#: report, so a batch writing a report per city escapes it once (the criterion is kept with
#: its entry, so its id cannot be reused).
_CATALOGUE_PARTS: dict[int, tuple[Criterion, tuple[str, tuple[str, str], str]]] = {}


def _catalogue_parts(c: CriterionView) -> tuple[str, tuple[str, str], str]:
    crit = c.result.criterion
    kept = _CATALOGUE_PARTS.get(id(crit))
    if kept is not None and kept[0] is crit:
        return kept[1]
    d = crit.derived_from
    via = f" · via {e(d['via'])}" if d.get("via") else ""
    serves = f" · serves {e(c.serves)}" if c.serves else ""
    parts = (f'<span class="cid">{e(c.id)}</span><br>',
             (f'<span class="prio">{e(c.priority)}</span>', f"<strong>{e(crit.title)}</strong>"),
             f"<br><small>{e(c.source)} · {e(str(d.get('basis', '')))}{via}{serves}</small>")
    if len(_CATALOGUE_PARTS) < 10_000:
        _CATALOGUE_PARTS[id(crit)] = (crit, parts)
    return parts


def body(v: ReportView) -> Iterator[str]:
    """The fragments of the page body (already escaped)."""
    yield header(v)
    yield toc(v)
    yield "<main>"
    yield summary(v)
    yield from first_steps(v)
    yield from scores(v)
    yield from reading(v)
    yield describe(v)
    yield from appendix(v)
    yield "</main>"
