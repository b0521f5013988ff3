"""`--format terminal` for one policy: the officer's report, as plain text with optional colour.

By default: the header, the scores with how much is documented, the first steps, the other core
gaps grouped by measure and the topics to describe. `--verbose` adds every action with the
criteria it closes, why, where and what the city recorded, the questions of every blank topic
and every criterion.

Written without rich on purpose: this is the report officers run most, and rich's import and
table layout cost more than the whole check (bench/terminal_speed.py). Text from a policy file
or a catalogue is printed as it is: nothing here interprets markup, so `[bold]` in a city
name prints as `[bold]`. Comparisons and diffs are drawn by `terminal.py` (rich tables).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mgf_check.i18n import N_, _
from mgf_check.model import PolicyReport, Status
from mgf_check.reporters import wording as w
from mgf_check.reporters.actions import Action
from mgf_check.reporters.base import RenderOptions, Reporter
from mgf_check.reporters.rows import CriterionView, ScoreRow, recorded_items
from mgf_check.reporters.view import ReportView, report_view

if TYPE_CHECKING:  # annotations only: comparisons load on first use
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff

#: ANSI styles (SGR codes). Colour never carries meaning alone: a word always says it too.
SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "red": "31", "green": "32",
       "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}
STATUS_STYLE = {
    Status.MET: "green", Status.PARTIAL: "yellow", Status.UNMET: "red",
    Status.NOT_STATED: "magenta", Status.WAIVED: "blue", Status.OUT_OF_COMPETENCE: "cyan",
    Status.NOT_APPLICABLE: "dim",
}
BAND_STYLE = {"high": "green", "mid": "yellow", "low": "red", "na": "dim"}
BAR = 20
#: How a measure's kind of action is named in the one-line list of other core gaps.
KIND = {"create": N_("create"), "change": N_("change"), "describe": N_("describe")}
#: Measures with a core gap listed after the first steps by default (the report stays within
#: a screenful of thought: at most 150 lines for every bundled example).
MORE_CORE = 12


class Painter:
    """Wraps text in ANSI styles when colour is on; returns it untouched otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles or not text:
            return text
        return f"\x1b[{';'.join(SGR[s] for s in styles)}m{text}\x1b[0m"


class Layout:
    """Lines of one report at a given width."""

    def __init__(self, view: ReportView, options: RenderOptions) -> None:
        self.v = view
        self.width = max(40, options.width)
        self.verbose = options.verbose
        self.p = Painter(options.color)

    def wrap(self, text: str, indent: str = "", first: str | None = None,
             *styles: str) -> Iterator[str]:
        """`text` wrapped to the width; `first` replaces the indent on the first line."""
        lines = textwrap.wrap(text, self.width, initial_indent=indent if first is None else
                              first, subsequent_indent=indent, break_on_hyphens=False) or [""]
        for line in lines:
            yield self.p(line, *styles)

    def heading(self, text: str) -> Iterator[str]:
        """A blank line and an underlined section heading."""
        yield ""
        yield from self.wrap(text, "", None, "bold", "underline")

    def lines(self) -> Iterator[str]:
        """The whole report."""
        yield from self.header()
        yield from self.scores()
        yield from self.first_steps()
        if self.verbose:
            yield from self.all_actions()
        else:
            yield from self.more_core()
        yield from self.describe()
        if self.verbose:
            yield from self.every_criterion()
        yield from self.waivers()
        for notice in self.v.notices:
            yield from self.wrap(f"notice: {notice.at}: {notice.message}", "  ", "",
                                 "yellow")
        yield from self.footer()

    def header(self) -> Iterator[str]:
        """Title, file and dates, frameworks, disclaimer."""
        v, r = self.v, self.v.report
        title = f"{w.REPORT_KICKER}: {v.city_label}"
        if r.city.get("illustrative"):
            title += f" · {w.ILLUSTRATIVE.lower()}"
        yield from self.wrap(title, "", None, "bold")
        yield from self.wrap(_("{path} · assessed {date} · as of {as_of}").format(
            path=r.path, date=r.assessment.get("date", "?"), as_of=r.as_of))
        if self.verbose:
            for f in v.frameworks:
                line = _("framework: {title} (edition {edition})") if f.edition else \
                    _("framework: {title}")
                yield from self.wrap(line.format(title=f.title, edition=f.edition), "  ", "",
                                     "dim")
        yield from self.wrap(w.DISCLAIMER, "", None, "dim", "italic")

    def bar(self, row: ScoreRow) -> str:
        """A 20-cell bar coloured by band, then the score and the band word."""
        key, word = row.band
        filled = 0 if row.score is None else round(row.score / 100 * BAR)
        cells = self.p("█" * filled, BAND_STYLE[key]) + self.p("░" * (BAR - filled), "dim")
        return f"{cells} {row.score_text:>6} {word:<10}"

    def scores(self) -> Iterator[str]:
        """Per framework: the overall score, then one row per group."""
        yield from self.heading(f"{w.SCORES} ({w.BAND_LEGEND.lower()[:-1]})")
        yield from self.wrap(w.DOCUMENTED, "", None, "dim")
        rows: list[tuple[str, ScoreRow | None, tuple[ScoreRow, ...]]] = [
            (f.heading, f.total, f.groups) for f in self.v.frameworks]
        if self.v.by is not None:
            rows.append((_("By {view}").format(view=self.v.by[0]), None, self.v.by[1]))
        documented = max((len(g.documented.text) for _, _, gs in rows for g in gs), default=0)
        # "  label bar score band documented": the bar part is BAR + 18 cells wide
        label_width = max(12, self.width - (2 + 1 + BAR + 18 + 1 + documented))
        for heading, total, groups in rows:
            head = heading if total is None else (
                f"{heading}: {total.score_text} ({total.band[1]}), {total.documented.text}")
            yield ""
            yield from self.wrap(head, "", None, "bold")
            for g in groups:
                label = _cut(g.label, label_width).ljust(label_width)
                yield f"  {label} {self.bar(g)} {g.documented.text}"

    def action(self, n: int, a: Action) -> Iterator[str]:
        """One action: what, the criteria it closes, priority, competence, recommendation."""
        name = a.recorded.get("name")
        title = f"{w.VERB[a.kind]}: {a.label}" + (f" — “{name}”" if name else "")
        yield from self.wrap(title, "    ", f"{n:>2}. ", "bold")
        frameworks = ", ".join(self.v.short(f) for f in a.frameworks)
        yield from self.wrap(
            f"{w.PRIORITY_WORD[a.priority]} · {w.closes(len(a.criteria), a.core, frameworks)} · "
            f"{w.COMPETENCE_WORD[a.competence]}", "    ")
        yield from self.wrap(", ".join(f"{c.id} {c.word}" for c in a.criteria) + " "
                             + _("(at {where})").format(where=a.criteria[0].at), "    ", None,
                             "dim")
        yield from self.wrap(_("do: {recommendation}").format(recommendation=a.recommendation),
                             "        ", "    ")

    def first_steps(self) -> Iterator[str]:
        """The first steps (or a sentence saying there is nothing to do)."""
        v = self.v
        yield from self.heading(_(
            "{heading}: {first} of {measures} to create or change, most important first").format(
                heading=w.FIRST_STEPS, first=v.first,
                measures=w.count_phrase(len(v.actions), "measure", "measures"))
            if v.actions else w.FIRST_STEPS)
        if not v.actions:
            yield from self.wrap(v.no_actions)
        for n, a in enumerate(v.first_steps, 1):
            yield from self.action(n, a)

    def more_core(self) -> Iterator[str]:
        """Core gaps not in the first steps, one line per measure."""
        rest = [a for a in self.v.actions[self.v.first:] if a.core]
        if not rest:
            return
        yield from self.heading(_("Other core gaps, by measure ({n} measures)").format(
            n=len(rest)))
        for a in rest[:MORE_CORE]:
            ids = ", ".join(f"{c.id} {c.word}" for c in a.criteria)
            yield from self.wrap(f"{a.label}, {_(KIND[a.kind])}: {ids}", "      ", "  ")
        if len(rest) > MORE_CORE:
            yield from self.wrap(_("... and {n} more: --verbose lists them").format(
                n=len(rest) - MORE_CORE), "  ", None, "dim")

    def all_actions(self) -> Iterator[str]:
        """Verbose: every action with its criteria in full and what the city recorded."""
        v = self.v
        if len(v.actions) > v.first:
            yield from self.heading(f"{w.MORE_ACTIONS} ({len(v.actions) - v.first})")
            for n, a in enumerate(v.actions[v.first:], v.first + 1):
                yield from self.action(n, a)
        yield from self.heading(_("Details of every measure to create or change"))
        for a in v.actions:
            yield ""
            yield from self.wrap(f"{a.label} ({a.subject})", "", None, "bold")
            yield from self.recorded(a)
            for c in a.criteria:
                yield from self.criterion(c)

    def recorded(self, a: Action) -> Iterator[str]:
        """What the city recorded about an action's measure."""
        for label, text in recorded_items(a.recorded):
            yield from self.wrap(f"{label}: {text}", "      ", "    ")
        for item in a.recorded.get("evidence", []):
            link = f" <{item['url']}>" if item.get("url") else ""
            date = f" ({item['date']})" if item.get("date") else ""
            yield from self.wrap(_("evidence: {title}").format(
                title=f"{item.get('title', '')}{date}{link}"), "      ", "    ")

    def criterion(self, c: CriterionView) -> Iterator[str]:
        """One criterion: status, why (every failing condition), where, source."""
        crit = c.result.criterion
        head = f"{w.SYMBOL[c.status]} {c.id} {crit.title} — {c.word} [{c.priority}]"
        yield from self.wrap(head, "    ", "  ")
        yield from self.wrap(_("why: {reason}").format(reason=c.result.reason), "         ",
                             "    ")
        yield from self.wrap(_("at: {where}").format(where=c.at), "         ", "    ", "cyan")
        yield from self.wrap(_("source: {source}").format(source=c.source), "         ", "    ",
                             "dim")

    def describe(self) -> Iterator[str]:
        """Blank topics: a count, then the topics (verbose: with their questions)."""
        blanks = self.v.blanks
        total = sum(len(b.criteria) for b in blanks)
        hint = "" if self.verbose or not blanks else _("; --verbose lists the questions")
        yield from self.heading(_("{heading}: {topics} left blank ({total} criteria)").format(
            heading=w.DESCRIBE, topics=w.count_phrase(len(blanks), "topic", "topics"),
            total=total) + hint)
        if not blanks:
            yield from self.wrap(w.NO_BLANKS)
        if not self.verbose:
            topics = "; ".join(a.label + (" " + _("(core)") if a.core else "") for a in blanks)
            yield from self.wrap(topics, "  ", None)
            return
        yield from self.wrap(w.DESCRIBE_LEAD, "", None, "dim")
        for a in blanks:
            yield from self.wrap(_("{label}: add `{subject}`").format(label=a.label,
                                                                       subject=a.subject),
                                 "    ", "  ", "bold")
            for c in a.criteria:
                yield from self.wrap(f"{c.result.criterion.question} ({c.id}, {c.priority})",
                                     "      ", "    ? ")

    def every_criterion(self) -> Iterator[str]:
        """Verbose: one line per criterion."""
        yield from self.heading(f"{w.EVERY_CRITERION} ({len(self.v.criteria)})")
        for c in self.v.criteria:
            word = self.p(f"{c.word:<13}", STATUS_STYLE[c.status])
            yield from self.wrap(f"{c.id:<12} {word} {c.result.criterion.title} · {c.at}",
                                 " " * 27, "")

    def waivers(self) -> Iterator[str]:
        """Waivers and whether they still apply."""
        r = self.v.report
        if not r.waivers:
            return
        state = w.WAIVERS_IGNORED if r.waivers_ignored else ""
        yield from self.heading(f"{w.WAIVERS} ({len(r.waivers)}){state}")
        for wv in r.waivers:
            when = (_("expired {date}") if wv.expired else _("valid until {date}")).format(
                date=wv.expires)
            yield from self.wrap(f"{wv.criterion}: {when}; {wv.reason} " + _(
                "(approved by {who})").format(who=wv.approved_by), "    ", "  ")

    def footer(self) -> Iterator[str]:
        """Totals and where to read more."""
        v = self.v
        hint = w.FOOTER_HINT if not self.verbose else w.FOOTER_HINT.split("; ", 1)[1]
        yield ""
        yield from self.wrap(_(
            "{gaps} ({core} core): {measures} to create or change, {topics} to describe. ").format(
                gaps=w.count_phrase(len(v.gaps), "gap", "gaps"), core=v.core_gaps,
                measures=w.count_phrase(len(v.actions), "measure", "measures"),
                topics=w.count_phrase(len(v.blanks), "topic", "topics"))
            + f"{hint[:1].upper()}{hint[1:]}", "", None, "bold")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def render_report(report: PolicyReport, options: RenderOptions) -> str:
    """The terminal text of one report."""
    return "\n".join(Layout(report_view(report), options).lines()) + "\n"


class TerminalReporter(Reporter):
    """The officer's report: first steps by measure, scores, blanks; `--verbose` for all."""

    name = "terminal"
    suffix = ".txt"
    description = "human-readable report (colour follows the terminal; NO_COLOR honoured)"

    def render(self, report: PolicyReport) -> str:
        return render_report(report, self.options)

    def render_comparison(self, comparison: Comparison) -> str:
        from mgf_check.reporters.terminal import comparison_parts, print_parts

        return print_parts(comparison_parts(comparison), self.options)

    def render_diff(self, diff: PolicyDiff) -> str:
        from mgf_check.reporters.terminal import diff_parts, print_parts

        return print_parts(diff_parts(diff), self.options)
