"""Every fixed sentence and word the human reports show, in one place.

Reporters never spell a status word, a heading or a disclaimer themselves: they take it from
here, so a wording changes once for every format (and a translation has one module to cover).
Text that came from a policy file or a catalogue never passes through this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from mgf_check.catalogue.bundled import names
from mgf_check.model import Change, Priority, Status

#: A symbol for every status, so no format carries a status by colour alone.
SYMBOL: Mapping[Status, str] = {
    Status.MET: "✓",
    Status.PARTIAL: "◐",
    Status.UNMET: "✗",
    Status.NOT_STATED: "?",
    Status.WAIVED: "⊘",
    Status.OUT_OF_COMPETENCE: "↗",
    Status.NOT_APPLICABLE: "–",
}

#: The status words readers see (the JSON keeps the enum values).
STATUS_WORD: Mapping[Status, str] = {
    Status.MET: "met",
    Status.PARTIAL: "partly met",
    Status.UNMET: "not met",
    Status.NOT_STATED: "not described",
    Status.WAIVED: "waived",
    Status.OUT_OF_COMPETENCE: "outside the city's competence",
    Status.NOT_APPLICABLE: "not applicable",
}
#: What a criterion absent from one side of a diff is called.
ABSENT = "absent"
#: The sections of a diff: (change kind, heading), in the order every format shows them.
DIFF_SECTIONS = ((Change.CLOSED, "Gaps closed"), (Change.OPENED, "Gaps opened"),
                 (Change.CHANGED, "Other status changes"))

PRIORITY_WORD: Mapping[Priority, str] = {
    Priority.CORE: "core",
    Priority.RECOMMENDED: "recommended",
    Priority.GOOD_PRACTICE: "good practice",
}

#: Score bands: (lowest score of the band, key, word). The word is always printed next to
#: a coloured bar, so colour never carries the band alone.
BANDS: tuple[tuple[float, str, str], ...] = (
    (75.0, "high", "high"),
    (40.0, "mid", "middle"),
    (0.0, "low", "low"),
)
BAND_NA = ("na", "not scored")
BAND_LEGEND = "Bands: high 75-100, middle 40-74, low 0-39."

DISCLAIMER = ("Scores are mgf-check's own summary of how a city's policy file meets criteria "
              "derived from each framework: not an IOM score, not an IOM assessment, not a "
              "ranking.")
AGGREGATION = ("A group's score is the weighted mean of its criteria (met 1, partial 0.5, "
               "unmet and not-stated 0; waived, out-of-competence and not-applicable criteria "
               "are left out) "
               "x 100; a framework's score is the mean of its groups' scores.")
DOCUMENTED = ("Documented: criteria the file describes out of criteria assessed. A low score "
              "with a low documented share means the topic is blank, not that the policy is "
              "weak.")

REPORT_KICKER = "mgf-check report"
ILLUSTRATIVE = "Illustrative example, not a real city"
SCORES = "Scores"
FIRST_STEPS = "First steps"
FIRST_STEPS_LEAD = ("The policy measures to create or change first: each closes the criteria "
                    "listed under it, in every framework.")
MORE_ACTIONS = "Other measures to create or change"
DESCRIBE = "Describe these topics"
DESCRIBE_LEAD = ("The file says nothing about these topics, so they count as not met. Answer "
                 "the questions in the policy file (or write \"status: none\" where the city "
                 "has no such measure); the scores then reflect the policy, not the blanks.")
READING = "Dimension by dimension"
WELL_DEVELOPED = "Well developed"
POTENTIAL = "Potential for development"
NOT_DESCRIBED = "Not described"
SUMMARY = "Summary"
APPENDIX = "Technical appendix"
APPENDIX_LEAD = ("How each judgement was reached: the status, the reason, the place in the "
                 "policy file and where the criterion comes from.")
EVERY_CRITERION = "Every criterion"
LEVELS_LEAD = "Each criterion's source ends with its evidence level:"
WAIVERS = "Waivers"
WAIVERS_IGNORED = " (ignored: --ignore-waivers)"
NOTICES = "Notices"
RECORDED = "What the city recorded"

NO_ACTIONS = ("Nothing to create or change: every criterion the file describes is met, "
              "waived, outside the city's competence or not applicable.")
NO_ACTIONS_BLANKS = ("Nothing to create or change among the measures the file describes: start by "
                     "describing the topics it leaves blank (below).")
NO_BLANKS = "Every topic the criteria ask about is described."
NO_GAPS = ("No gaps: every criterion is met, waived, outside the city's competence or not "
           "applicable.")
NONE_MET = "nothing yet"

VERB = {"create": "Create", "change": "Strengthen"}
COMPETENCE_WORD = {
    "full": "within the city's competence",
    "shared": "a competence the city shares with another level of government",
}
FOOTER_HINT = "--verbose lists every criterion; `mgf-check explain ID` shows one in full."


def score_heading(short_title: str) -> str:
    """A framework's score heading that cannot be read as an IOM score."""
    return f"mgf-check score on {short_title}-derived criteria"


def documented_text(stated: int, assessed: int) -> str:
    """`31 of 46 documented`."""
    return f"{stated} of {assessed} documented"


def count_phrase(n: int, one: str, many: str) -> str:
    """`1 gap`, `3 gaps`."""
    return f"{n} {one if n == 1 else many}"


#: Evidence levels of a criterion (`derived_from.basis`), in words (technical appendix only).
EVIDENCE_LEVEL = {
    "framework-text": "restates the framework's own text",
    "L1": "evidence level L1: named as a Local MGI finding or area in an IOM source",
    "L2": "evidence level L2: an IOM Migration Data Portal description applied to a city",
    "L3": "evidence level L3: another IOM local-governance tool",
    "L4": "evidence level L4: a city practice that fits the dimension, not an IOM indicator",
}
#: Names of crosswalk targets (each reference list's `crosswalk.name`).
REF_NAME = names()
#: Labels of the fields a city records about a measure.
FIELD_LABEL = {
    "name": "name", "status": "status", "instrument": "instrument", "scope": "covers",
    "responsible": "responsible", "delivered_by": "delivered by", "since": "since",
    "reach": "reach", "languages": "languages", "evidence": "evidence", "notes": "notes",
}


def closes(n: int, core: int, frameworks: str) -> str:
    """`closes 3 criteria (2 core) in MiGOF, MICIC`."""
    return f"closes {count_phrase(n, 'criterion', 'criteria')} ({core} core) in {frameworks}"
