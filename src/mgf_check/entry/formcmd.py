"""The `form import` use case: read workbooks, merge, write a valid policy file or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from mgf_check.entry.fields import blocks, field_at
from mgf_check.entry.form import Answer, evidence_values, merge, read_workbook, rows_for
from mgf_check.entry.yamledit import Editor, save_atomic
from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.i18n import _
from mgf_check.loading.yamlsource import LoadedDocument, load_text, read_text
from mgf_check.model import Framework
from mgf_check.schema.validation import validate

HEADER = ("# Policy description imported from a spreadsheet with `mgf-check form import`.\n"
          "schema_version: 1\n")


def import_forms(paths: Sequence[Path], output: Path,
                 frameworks: Sequence[Framework]) -> int:
    """Write the answers of `paths` into `output` (created or updated, comments kept).

    Returns how many answers were written; raises PolicyLoadError with every located problem
    (and writes nothing) when a workbook, a merge or the resulting policy is not right.
    """
    answers: list[Answer] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_workbook(path, frameworks)
        answers.extend(found)
        problems.extend(trouble)
    chosen, conflicts = merge(answers)
    problems.extend(conflicts)
    if problems:
        raise PolicyLoadError(problems)
    name = output.as_posix()
    editor = Editor(read_text(output, name) if output.exists() else HEADER)
    unanswered = list(_required_unanswered(editor, chosen, frameworks, paths[0].name))
    if unanswered:
        raise PolicyLoadError(unanswered)
    for pointer, value in evidence_values(chosen):
        item = field_at(pointer)
        editor.set(pointer, dt.date.fromisoformat(value) if item is not None and
                   item.kind == "date" else value)
    text = editor.dump()
    doc = load_text(text, name)
    invalid = validate(doc, "policy")
    if invalid:
        raise PolicyLoadError([_at_cell(p, doc, chosen) for p in invalid])
    save_atomic(output, text)
    return len(chosen)


def _required_unanswered(editor: Editor, chosen: dict[str, Answer],
                         frameworks: Sequence[Framework], book: str) -> Iterator[Problem]:
    """The required answers (the city's name, country, assessment date) nobody gave."""
    for block in blocks():
        if block.is_measure or block.pointer.count("/") != 1:
            continue
        rows = {row.pointer: number for number, row in
                enumerate(rows_for(block.section, frameworks), 2)}
        for item in block.fields:
            if item.required and item.pointer not in chosen and \
                    editor.get(item.pointer) is None and item.pointer in rows:
                yield Problem(f"{book}!{block.section}!D{rows[item.pointer]}", None,
                              _("{key} is required").format(key=item.pointer),
                              _("answer it in this cell"), rule="form")


def _at_cell(problem: Problem, doc: LoadedDocument, chosen: dict[str, Answer]) -> Problem:
    """A problem of the assembled policy, moved to the cell its value came from."""
    for pointer, answer in chosen.items():
        span = doc.locate(pointer)
        if problem.span is not None and span is not None and span.line == problem.span.line:
            return Problem(answer.where, None, problem.message, problem.hint, rule="form")
    return Problem(problem.path, None, problem.message,
                   (problem.hint + "; " if problem.hint else "") +
                   _("answer it in the form, or in the YAML file"), rule="form")
