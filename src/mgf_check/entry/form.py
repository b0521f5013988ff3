"""`mgf-check form export/import`: the policy as a spreadsheet that departments fill in.

Export writes one sheet per section with one row per measure and question: the key (column A,
which import reads), the measure, the question, the answer (drop-down lists from the schema's
allowed values, current answers filled in) and how to write it. Import reads every answer back
with the same readers as the questionnaire and reports every problem as `file!sheet!cell` with
what to fix; several workbooks can be merged, and different answers to one question are
reported as conflicts, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgf_check.entry.answers import BadAnswer, read_answer
from mgf_check.entry.fields import Field, Measure, blocks, field_at, sections
from mgf_check.entry.questions import Topic, topics
from mgf_check.errors import Problem
from mgf_check.i18n import N_, _, labelled
from mgf_check.loading.safeio import atomic_save
from mgf_check.loading.sourcemap import segments, value_at
from mgf_check.model import Framework, JSONValue

INSTRUCTIONS = "Instructions"
LISTS = "Lists"
HEADINGS = (N_("key"), N_("measure"), N_("question"), N_("answer"), N_("how to answer"))
ANSWER_COLUMN = 4
#: Pseudo-fields for the first document of a measure's evidence (title and web address).
EVIDENCE_PARTS = ("title", "url")


@dataclass(frozen=True, slots=True)
class Row:
    """One question of the form: the pointer it fills and how it is presented."""

    pointer: str
    measure: str
    question: str
    field: Field | None  # None for an evidence title/url row


def _questions(topic: Topic) -> str:
    shown = [f"{c.question} ({c.id})" for c in topic.criteria[:3]]
    return "\n".join(shown)


def rows_for(section: str, frameworks: Sequence[Framework],
             known: Sequence[Topic] = ()) -> list[Row]:
    """The rows of one section's sheet, in schema order."""
    out: list[Row] = []
    by_block = {t.block.pointer: t for t in (known or topics(frameworks))}
    for block in blocks():
        if block.section != section:
            continue
        topic = by_block[block.pointer]
        label = block.label
        for item in block.fields:
            if item.kind == "evidence":
                for part in EVIDENCE_PARTS:
                    text = _("Evidence: the title of one document that shows it") if part == \
                        "title" else _("Evidence: its web address (https://...)")
                    out.append(Row(f"{item.pointer}/0/{part}", label, text, None))
                continue
            question = item.description
            if item.key == "status" and topic.criteria:
                question = _questions(topic) + "\n" + _("Where does the city stand on this?")
            out.append(Row(item.pointer, label, question, item))
    return out


def _label(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def _how(item: Field | None) -> str:
    if item is None:
        return ""
    if item.kind == "boolean":
        return _("yes or no")
    if item.kind == "choice":
        return _("one of the list (drop-down)")
    if item.kind == "choices":
        return _("one or more, separated by commas: {values}").format(
            values=labelled(item.allowed))
    return {
        "codes": _("language codes separated by commas, e.g. en, ar"),
        "date": _("a date: YYYY-MM-DD"),
        "since": _("a year (2019), or 2019-06, or 2019-06-30"),
        "integer": _("a whole number"),
        "number": _("a number"),
    }.get(item.kind, _("text"))


def export_workbook(target: Path, frameworks: Sequence[Framework], data: JSONValue = None,
                    only: Sequence[str] = ()) -> None:
    """Write the form, with the answers of `data` (a policy) filled in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.worksheets[0])
    intro = book.create_sheet(INSTRUCTIONS)
    for number, line in enumerate(_instructions(), 1):
        intro.cell(number, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    intro.column_dimensions["A"].width = 100
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    ranges = _lists(lists)
    known = topics(frameworks)
    wrap = Alignment(wrap_text=True, vertical="top")  # one shared style object
    for section in sections():
        if only and section not in only:
            continue
        sheet = book.create_sheet(section)
        for column, heading in enumerate(HEADINGS, 1):
            sheet.cell(1, column, _(heading)).font = Font(bold=True)
        for width, letter in zip((34, 26, 70, 28, 40), "ABCDE", strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "D2"
        sheet.print_title_rows = "1:1"  # printed on paper too: landscape, headings on each page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.scale = 60
        validations: dict[str, DataValidation] = {}
        for number, row in enumerate(rows_for(section, frameworks, known), 2):
            value = value_at(data, segments(row.pointer)) if data is not None else None
            cells = (row.pointer, row.measure, row.question, _label(value), _how(row.field))
            for column, text in enumerate(cells, 1):
                sheet.cell(number, column, text).alignment = wrap
            lines = max(_lines(cells[2], 70), _lines(cells[4], 40))
            if lines > 1:  # spreadsheet programs do not grow a row for wrapped text themselves
                sheet.row_dimensions[number].height = 15 * lines
            reference = _reference(row.field, ranges)
            if reference:
                if reference not in validations:
                    validations[reference] = DataValidation(
                        type="list", formula1=reference, allow_blank=True,
                        showErrorMessage=True, errorTitle=_("Not in the list"),
                        error=_("Choose a value from the drop-down list."))
                    sheet.add_data_validation(validations[reference])
                validations[reference].add(sheet.cell(number, ANSWER_COLUMN))
    atomic_save(target, book.save)  # never half written; OutputError if it cannot be written


def _lines(text: Any, width: int) -> int:
    """How many lines `text` takes in a column `width` characters wide (a generous guess)."""
    return sum(max(1, -(-len(part) // (width - 6))) for part in str(text or "").split("\n"))


def _instructions() -> list[str]:
    return [
        _("mgf-check: the city's migration-policy questions, to fill in and send back"),
        "",
        _("Each sheet is one part of the description (city, governance, rights, ...)."),
        _("Answer in column D only. Leave a cell empty when you do not know: it is reported "
          "as not stated."),
        _("Where a cell has a drop-down list, choose from it. Yes/no questions take yes or "
          "no."),
        _("Do not change column A (the key), do not delete rows and do not add sheets: "
          "`mgf-check form import` reads the answers by their key."),
        _("'none' means the city states it has no such measure; leave the status empty when "
          "you do not know."),
        _("Evidence: the title and web address of one document (ordinance, plan, web page) "
          "that shows the measure exists."),
        "",
        _("When done: mgf-check form import THIS.xlsx -o city.yaml (several workbooks can be "
          "imported together; different answers to one question are reported)."),
    ]


def _lists(sheet: Any) -> dict[tuple[str, ...], str]:
    """One column per distinct list of allowed values; returns list -> absolute range."""
    from openpyxl.utils import get_column_letter

    seen: dict[tuple[str, ...], str] = {}
    for block in blocks():
        for item in block.fields:
            values = _choices_of(item)
            if not values or values in seen:
                continue
            column = len(seen) + 1
            for number, value in enumerate(values, 1):
                sheet.cell(number, column, value)
            letter = get_column_letter(column)
            seen[values] = f"{LISTS}!${letter}$1:${letter}${len(values)}"
    return seen


def _choices_of(item: Field | None) -> tuple[str, ...]:
    if item is None:
        return ()
    if item.kind == "boolean":
        return (_("yes"), _("no"))
    return item.allowed if item.kind == "choice" else ()


def _reference(item: Field | None, ranges: dict[tuple[str, ...], str]) -> str:
    values = _choices_of(item)
    return ranges.get(values, "") if values else ""


# -- import ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Answer:
    """One answer read from a workbook, and the cell it came from."""

    pointer: str
    value: JSONValue
    where: str  # file!sheet!cell


def _where(name: str, sheet: str, cell: str) -> str:
    return f"{name}!{sheet}!{cell}"


def read_workbook(path: Path, frameworks: Sequence[Framework]) -> tuple[list[Answer],
                                                                         list[Problem]]:
    """Every answer of a filled-in workbook, and every problem located at its cell."""
    from openpyxl import load_workbook

    name = path.name
    try:
        book = load_workbook(path, data_only=True, read_only=False)
    except (OSError, ValueError, KeyError) as exc:
        return [], [Problem(path.as_posix(), None, _("cannot read the workbook: {error}")
                            .format(error=exc), _("save it as .xlsx from your spreadsheet "
                                                  "program"), rule="form")]
    answers: list[Answer] = []
    problems: list[Problem] = []
    known = set(sections())
    plan = topics(frameworks)
    for sheet in book.worksheets:
        if sheet.title in (INSTRUCTIONS, LISTS):
            continue
        if sheet.title not in known:
            problems.append(Problem(_where(name, sheet.title, "A1"), None, _(
                "sheet {sheet!r} is not part of the form").format(sheet=sheet.title), _(
                "remove the sheet, or move its content into the answer column of the right "
                "sheet; the sheets are: {names}").format(names=", ".join(sections())),
                rule="form"))
            continue
        found, trouble = _read_sheet(name, sheet, rows_for(sheet.title, frameworks, plan))
        answers.extend(found)
        problems.extend(trouble)
    return answers, problems


def _read_sheet(name: str, sheet: Any, expected: list[Row]) -> tuple[list[Answer],
                                                                     list[Problem]]:
    answers: list[Answer] = []
    problems: list[Problem] = []
    wanted = {row.pointer: row for row in expected}
    seen: set[str] = set()
    for number in range(2, sheet.max_row + 1):
        key = sheet.cell(number, 1).value
        answer = sheet.cell(number, ANSWER_COLUMN).value
        if key is None and answer is None:
            continue
        where = _where(name, sheet.title, f"D{number}")
        if key not in wanted:
            problems.append(Problem(_where(name, sheet.title, f"A{number}"), None, _(
                "{key!r} is not a question of this sheet").format(key=key), _(
                "do not change column A; copy the answer into the row of the right question"),
                rule="form"))
            continue
        seen.add(key)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            continue
        try:
            answers.append(Answer(key, _value(wanted[key], answer), where))
        except BadAnswer as exc:
            problems.append(Problem(where, None, _("{answer!r} is not a valid answer for {key}")
                                    .format(answer=answer, key=key), str(exc), rule="form"))
    for row in expected:
        if row.pointer not in seen:
            problems.append(Problem(_where(name, sheet.title, "A"), None, _(
                "the row for {key} is missing (was it deleted?)").format(key=row.pointer), _(
                "rows must not be deleted: leave the answer empty instead, or export a fresh "
                "form and copy the answers into it"), rule="form"))
    return answers, problems


def _value(row: Row, answer: Any) -> Any:
    if row.field is None:  # evidence title or url
        text = str(answer).strip()
        if row.pointer.endswith("/url") and not text.startswith(("http://", "https://")):
            raise BadAnswer(_("a web address starts with https://"))
        return text
    item = row.field
    if isinstance(answer, bool) and item.kind == "boolean":
        return answer
    if isinstance(answer, (dt.datetime, dt.date)) and item.kind in ("date", "since"):
        return (answer.date() if isinstance(answer, dt.datetime) else answer).isoformat()
    if isinstance(answer, (int, float)) and item.kind in ("integer", "number", "since"):
        if item.kind != "number" and not float(answer).is_integer():
            raise BadAnswer(_("type a whole number"))
        return int(answer) if item.kind != "number" or float(answer).is_integer() else answer
    label = str(answer).strip()
    if item.kind == "boolean":
        label = {_("yes"): "yes", _("no"): "no"}.get(label, label)
    return read_answer(item, label)


def merge(answers: Sequence[Answer]) -> tuple[dict[str, Answer], list[Problem]]:
    """One answer per question; different answers to one question are conflicts."""
    chosen: dict[str, Answer] = {}
    problems: list[Problem] = []
    for answer in answers:
        first = chosen.get(answer.pointer)
        if first is None:
            chosen[answer.pointer] = answer
        elif first.value != answer.value:
            problems.append(Problem(answer.where, None, _(
                "conflicting answers for {key}: {a!r} here, {b!r} in {where}").format(
                key=answer.pointer, a=answer.value, b=first.value, where=first.where), _(
                "agree on one answer and clear the other cell"), rule="form"))
    return chosen, problems


def evidence_values(chosen: dict[str, Answer]) -> Iterator[tuple[str, JSONValue]]:
    """Pointer/value pairs to write, with evidence title and url joined into one document."""
    documents: dict[str, dict[str, Any]] = {}
    order = {f.pointer: n for n, f in enumerate(f for b in blocks() for f in b.fields)}

    def rank(pointer: str) -> int:
        return order.get(pointer, order.get(pointer.rsplit("/", 2)[0], len(order)))
    for pointer, answer in sorted(chosen.items(), key=lambda kv: rank(kv[0])):
        if field_at(pointer) is None and pointer.endswith(("/0/title", "/0/url")):
            base, _zero, part = pointer.rsplit("/", 2)
            documents.setdefault(base, {})[part] = answer.value
        else:
            yield pointer, answer.value
    for base, document in documents.items():
        yield base, [document]


def measures_of(section: str) -> list[Measure]:
    """The blocks of one section (for the CLI's `--section` check)."""
    return [b for b in blocks() if b.section == section]
