"""The Markdown text of one report (GitHub-flavoured), laid out from the report's view.

Same order as the HTML page: summary, first steps with what the city recorded, the other
measures, scores with how much is documented, a dimension-by-dimension reading, the topics to
describe, and a technical appendix in `<details>` (reasons, file positions, provenance).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mgf_check.i18n import N_, _
from mgf_check.model import Status
from mgf_check.reporters import wording as w
from mgf_check.reporters.actions import Action
from mgf_check.reporters.markdown_text import code, md, md_cell, table
from mgf_check.reporters.rows import CriterionView, ScoreRow, evidence_of, recorded_items
from mgf_check.reporters.view import ReportView


def status_md(c: CriterionView) -> str:
    """A status word with its symbol (never colour alone)."""
    return f"{w.SYMBOL[c.status]} {c.word}"


def header(v: ReportView) -> Iterator[str]:
    """Title, dates, frameworks, disclaimer."""
    r = v.report
    yield f"# {md(w.REPORT_KICKER)}: {md(v.city_label)}"
    yield ""
    if r.city.get("illustrative"):
        yield f"> **{md(w.ILLUSTRATIVE)}**"
        yield ""
    yield "- " + _("**Assessed:** {date} · **as of:** {as_of}").format(
        date=md(r.assessment.get("date", "?")), as_of=md(r.as_of))
    if r.assessment.get("prepared_by"):
        yield "- " + _("**Prepared by:** {who}").format(who=md(r.assessment["prepared_by"]))
    for f in v.frameworks:
        edition = " " + _("(edition {edition})").format(edition=md(f.edition)) if f.edition \
            else ""
        yield "- " + _("**Framework:** {title}").format(title=md(f.title)) + edition
    yield ""
    yield f"_{md(w.DISCLAIMER)}_"


def summary(v: ReportView) -> Iterator[str]:
    """The executive summary and one row per framework."""
    yield ""
    yield f"## {w.SUMMARY}"
    yield ""
    yield from (f"- {md(s)}" for s in v.summary())
    yield ""
    yield from table((_("framework"), _("score"), _("band"), _("documented")), (
        [md_cell(f.heading), f.total.score_text, f.total.band[1], f.total.documented.text]
        for f in v.frameworks), "lrll")


def recorded(a: Action) -> Iterator[str]:
    """What the city recorded about an action's measure."""
    items = [f"{md(k)}: {md(t)}" for k, t in recorded_items(a.recorded)]
    for item in evidence_of(a.recorded):
        title = md(item.title)
        if item.url is not None:
            title = f"[{title}](<{item.url}>)"
        date = f" ({md(item.date)})" if item.date else ""
        items.append(_("evidence: {title}").format(title=f"{title}{date}"))
    if items:
        yield f"   - {w.RECORDED.lower()}: " + "; ".join(items)


def action(n: int, a: Action, v: ReportView) -> Iterator[str]:
    """One first step in full."""
    name = a.recorded.get("name")
    own = f" “{md(name)}”" if name else ""
    frameworks = ", ".join(v.short(f) for f in a.frameworks)
    yield f"{n}. **{md(w.VERB[a.kind])}: {md(a.label)}**{own}"
    closes = w.closes(len(a.criteria), a.core, frameworks)
    yield (f"   - {w.PRIORITY_WORD[a.priority]} · {md(closes)} · "
           f"{md(w.COMPETENCE_WORD[a.competence])}")
    yield "   - " + _("recommendation: {text}").format(text=md(a.recommendation))
    yield from recorded(a)
    for c in a.criteria:
        yield (f"   - {status_md(c)}: {md(c.id)} {md(c.result.criterion.title)} "
               f"({md(v.short(c.result.criterion.framework))}, {c.priority})")


def actions(v: ReportView) -> Iterator[str]:
    """First steps, then the other measures as a table."""
    yield ""
    yield f"## {w.FIRST_STEPS} ({v.first})"
    yield ""
    yield md(w.FIRST_STEPS_LEAD) if v.actions else md(v.no_actions)
    yield ""
    for n, a in enumerate(v.first_steps, 1):
        yield from action(n, a, v)
    rest = v.actions[v.first:]
    if rest:
        yield ""
        yield f"## {w.MORE_ACTIONS} ({len(rest)})"
        yield ""
        yield from table((_("measure"), _("priority"), _("criteria it closes"),
                          _("recommendation")), (
            [md_cell(f"{w.VERB[a.kind]}: {a.label}"), w.PRIORITY_WORD[a.priority],
             md_cell(", ".join(f"{c.id} {c.word}" for c in a.criteria)),
             md_cell(a.recommendation)] for a in rest))


def score_rows(groups: Sequence[ScoreRow]) -> Iterator[list[str]]:
    """Table rows of groups: score, band, documented share, counts."""
    for g in groups:
        yield [md_cell(g.label), g.score_text, g.band[1],
               _("{stated} of {assessed}").format(stated=g.documented.stated,
                                                  assessed=g.documented.assessed),
               *(str(g.count(s)) for s in (Status.MET, Status.PARTIAL, Status.UNMET,
                                           Status.NOT_STATED))]


_SCORE_HEADER = (N_("group"), N_("score"), N_("band"), N_("documented"), N_("met"),
                 N_("partly met"), N_("not met"), N_("not described"))


def _score_header() -> tuple[str, ...]:
    return tuple(_(h) for h in _SCORE_HEADER)


def scores(v: ReportView) -> Iterator[str]:
    """Scores per framework (and per crosswalk target with `--by`)."""
    yield ""
    yield f"## {w.SCORES}"
    yield ""
    yield f"{md(w.BAND_LEGEND)} {md(w.DOCUMENTED)}"
    for f in v.frameworks:
        yield ""
        yield (f"### {md(f.heading)}: {f.total.score_text} ({f.total.band[1]}), "
               f"{f.total.documented.text}")
        yield ""
        yield from table(_score_header(), score_rows(f.groups), "lrlrrrrr")
    if v.by is not None:
        yield ""
        yield "### " + _("By {view}").format(view=md(v.by[0]))
        yield ""
        yield from table(_score_header(), score_rows(v.by[1]), "lrlrrrrr")


def reading(v: ReportView) -> Iterator[str]:
    """Dimension by dimension: well developed, potential for development."""
    yield ""
    yield f"## {w.READING}"
    for f in v.frameworks:
        yield ""
        yield f"### {md(f.short_title)}"
        for g in f.groups:
            yield ""
            yield f"**{md(g.label)}**: {g.score_text} ({g.band[1]}), {g.documented.text}"
            yield ""
            yield f"- {w.WELL_DEVELOPED}: {md('; '.join(g.well) or w.NONE_MET)}"
            yield f"- {w.POTENTIAL}: {md('; '.join(g.potential) or w.NONE_MET)}"


def describe(v: ReportView) -> Iterator[str]:
    """Blank topics with the questions to answer."""
    total = sum(len(b.criteria) for b in v.blanks)
    yield ""
    yield f"## {w.DESCRIBE} " + _("({topics} topics, {total} criteria)").format(
        topics=len(v.blanks), total=total)
    yield ""
    yield md(w.DESCRIBE_LEAD) if v.blanks else md(w.NO_BLANKS)
    if v.blanks:
        yield ""
    for b in v.blanks:
        yield f"- **{md(b.label)}**" + (" " + _("(core)") if b.core else "") + \
            f": {code(b.subject)}"
        for c in b.criteria:
            yield f"  - {md(c.result.criterion.question)} ({md(c.id)})"


def appendix(v: ReportView) -> Iterator[str]:
    """Waivers, notices and every criterion with reason, position and provenance."""
    r = v.report
    if r.waivers:
        state = w.WAIVERS_IGNORED if r.waivers_ignored else ""
        yield ""
        yield f"## {w.WAIVERS} ({len(r.waivers)}){state}"
        yield ""
        yield from table((_("criterion"), _("state"), _("expires"), _("reason"),
                          _("approved by")), (
            [md_cell(x.criterion), _("expired") if x.expired else _("valid"),
             md_cell(x.expires),
             md_cell(x.reason), md_cell(x.approved_by)] for x in r.waivers))
    if v.notices:
        yield ""
        yield f"## {w.NOTICES}"
        yield ""
        yield from (f"- {code(n.at)}: {md(n.message)}" for n in v.notices)
    yield ""
    yield "<details>"
    yield f"<summary>{w.APPENDIX}: {w.EVERY_CRITERION.lower()} ({len(v.criteria)})</summary>"
    yield ""
    yield f"{md(w.APPENDIX_LEAD)} {md(w.AGGREGATION)}"
    yield ""
    yield from table((_("criterion"), _("title"), _("status"), _("priority"), _("at"),
                      _("reason"), _("source")), (
        [md_cell(c.id), md_cell(c.result.criterion.title), status_md(c), c.priority,
         code(c.at, cell=True), md_cell(c.result.reason),
         md_cell(f"{c.source}; {c.provenance}")] for c in v.criteria))
    yield ""
    yield "</details>"


def report_lines(v: ReportView) -> Iterator[str]:
    """The Markdown lines of one report."""
    for part in (header, summary, actions, scores, reading, describe, appendix):
        yield from part(v)
