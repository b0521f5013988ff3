"""`mgf-check interview`: a guided questionnaire that writes the policy file for the person.

It asks, block by block in the schema's order, the plain questions of the criteria that read
each measure, offers the allowed values as numbered choices, takes an empty answer as "don't
know" (the measure stays not stated), skips what does not apply (no emergency plan: nothing
about its contents; a criterion for places of origin in a destination city), and asks for a
document as evidence. After every answer the file is written again, atomically, with the
user's comments and order kept, and only when the result is schema-valid; running the command
again resumes at the first block not answered yet, and `--section` revisits one section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgf_check.entry.answers import BadAnswer, read_answer
from mgf_check.entry.fields import Field, Measure, sections
from mgf_check.entry.questions import Topic, topics
from mgf_check.entry.yamledit import Editor, save_atomic
from mgf_check.errors import PolicyLoadError, Problem
from mgf_check.i18n import _, value_label
from mgf_check.loading.yamlsource import load_text, read_text
from mgf_check.model import Framework, JSONValue
from mgf_check.schema.messages import meanings
from mgf_check.schema.validation import validate

MAX_QUESTIONS_SHOWN = 3
HEADER = ("# Policy description written with `mgf-check interview`; edit it freely.\n"
          "schema_version: 1\n")


@dataclass
class Terminal:
    """Where the questionnaire talks: `say` prints, `ask` reads one answer (raises
    KeyboardInterrupt on Ctrl-C and EOFError at the end of input)."""

    say: Callable[[str], None]
    ask: Callable[[str], str]


@dataclass
class Session:
    """One run of the questionnaire over one file."""

    path: Path
    terminal: Terminal
    frameworks: Sequence[Framework]
    today: str
    section: str | None = None
    editor: Editor = field(init=False)
    saved: int = 0
    exists: bool = False
    #: Why the run ended early: "interrupt" (Ctrl-C) or "end" (no more input), else "".
    stopped: str = ""

    def __post_init__(self) -> None:
        self.exists = self.path.exists()
        text = read_text(self.path, self.path.as_posix()) if self.exists else HEADER
        if self.exists:
            doc = load_text(text, self.path.as_posix())
            problems = validate(doc, "policy")
            if problems:
                name = self.path.as_posix()
                raise PolicyLoadError([*problems[:5], Problem(
                    name, None, _("the file must be valid before the questionnaire can "
                                  "continue it"),
                    _("repair it first: `mgf-check fix {path}` shows the usual repairs")
                    .format(path=name), rule="interview")])
        self.editor = Editor(text)

    # -- saving -----------------------------------------------------------------------------

    def ready(self) -> bool:
        """True once the required keys are known, so that a saved file is schema-valid."""
        data = self.editor.data
        return bool((data.get("city") or {}).get("name") and (data.get("city") or {}).get(
            "country") and (data.get("assessment") or {}).get("date"))

    def store(self, pointer: str, value: JSONValue) -> str | None:
        """Set a value and save the file; the problem (and nothing saved) when invalid."""
        previous = self.editor.get(pointer)
        had = self._has(pointer)
        self.editor.set(pointer, value)
        if "schema_version" not in self.editor.data:
            self.editor.data.insert(0, "schema_version", 1)
        if not self.ready():
            self.saved += 1
            return None  # kept in memory until name, country and date are known
        text = self.editor.dump()
        problems = validate(load_text(text, self.path.as_posix()), "policy")
        if problems:
            if had:
                self.editor.set(pointer, previous)
            else:
                self.editor.remove(pointer)
            return f"{problems[0].message} ({problems[0].hint})" if problems[0].hint \
                else problems[0].message
        save_atomic(self.path, text)
        self.saved += 1
        return None

    def _has(self, pointer: str) -> bool:
        parent = self.editor.parent_of(pointer)
        return isinstance(parent, dict) and pointer.rsplit("/", 1)[1] in parent

    # -- asking -----------------------------------------------------------------------------

    def run(self) -> None:
        """Ask every open question; Ctrl-C or the end of input stop it, keeping every answer
        already saved."""
        try:
            self._run()
        except KeyboardInterrupt:
            self.stopped = "interrupt"
        except EOFError:
            self.stopped = "end"

    def _run(self) -> None:
        every = topics(self.frameworks)
        measures = {t.block.pointer for t in every if t.block.is_measure}
        plan = [t for t in every if self.section in (None, t.block.section)
                and (t.block.is_measure or self._fields(t))
                and t.block.pointer.rsplit("/", 1)[0] not in measures]  # e.g. `reach`
        done = sum(1 for t in plan if self._answered(t))
        if done and self.section is None:
            self.terminal.say(_("Resuming: {done} of {total} topics are already answered; "
                                "`--section NAME` revisits one section.\n").format(
                                    done=done, total=len(plan)))
        for number, topic in enumerate(plan, 1):
            if self.section is None and self._answered(topic):
                continue
            if not topic.applies(self.editor.data, self.today):
                continue
            self._topic(topic, number, len(plan))
        self.terminal.say(_("Done. The answers are in {path}; check them with: mgf-check check "
                            "{path}\n").format(path=self.path.as_posix()))

    def _answered(self, topic: Topic) -> bool:
        block = topic.block
        if block.is_measure:
            return self._has(block.pointer)
        # a record such as `city` counts as answered once its required keys are there; an
        # optional record skipped at its first question is kept as an empty mapping (`{}`)
        fields = self._fields(topic)
        if self._has(block.pointer) and self.editor.get(block.pointer) == {}:
            return True
        return all(self._has(f.pointer) for f in fields if f.required) and \
            any(self._has(f.pointer) for f in fields)

    def _fields(self, topic: Topic) -> list[Field]:
        block = topic.block
        if block.is_measure:
            keys = {f.key for f in topic.read} | {"evidence"}
            return [f for f in block.fields if f.key in keys and f.key != "status"]
        return [f for f in block.fields if f.required or f in topic.read]

    def _topic(self, topic: Topic, number: int, total: int) -> None:
        block = topic.block
        where = block.pointer.strip("/")
        self.terminal.say(f"\n── {block.label} · {where} ({number}/{total}) ──\n")
        self.terminal.say(_description(block) + "\n")
        shown = topic.criteria[:MAX_QUESTIONS_SHOWN] if block.is_measure else ()
        if shown:
            self.terminal.say(_("The frameworks ask:") + "\n")
            for criterion in shown:
                self.terminal.say(f"  • {criterion.question} ({criterion.id})\n")
            if len(topic.criteria) > len(shown):
                self.terminal.say("  " + _("… and {n} more (`mgf-check explain ID`)").format(
                    n=len(topic.criteria) - len(shown)) + "\n")
        if block.is_measure:
            status = block.field("status")
            assert status is not None
            answer = self._ask(status, _("Where does the city stand on this?"), optional=True)
            if answer is None:
                self._dont_know(block)
                return
            if answer == "none":
                return
        optional = not block.is_measure and not any(f.required for f in block.fields)
        for number, item in enumerate(self._fields(topic)):
            if item.key == "groups" and self.editor.get(block.pointer + "/scope") != \
                    "specific-groups":
                continue  # groups only matter for a measure limited to some groups
            if item.kind == "evidence":
                self._evidence(item)
                continue
            answer = self._ask(item, _field_question(item))
            if optional and number == 0 and answer in (None, False):
                self._skip(block)  # "don't know" or "no" first: the rest does not apply
                return

    def _skip(self, block: Measure) -> None:
        """An optional record whose first answer was "don't know" or "no": its other questions
        are skipped, now and when the questionnaire resumes (kept as `{}`)."""
        self.terminal.say("  " + _("(the other questions of this part are skipped)") + "\n")
        if not self._has(block.pointer):
            self.store(block.pointer, {})  # kept in memory until the file can be saved

    def _dont_know(self, block: Measure) -> None:
        if self.ready():
            self.store(block.pointer, None)  # an empty key: "not stated", and answered

    def _ask(self, item: Field, question: str, *, optional: bool = False) -> Any:
        current = self.editor.get(item.pointer) if self._has(item.pointer) else None
        self.terminal.say(question + "\n")
        for line in _choices(item):
            self.terminal.say(line + "\n")
        required = item.required and not optional
        default = current
        if default is None and required and item.kind == "date":
            default = self.today
        if default is not None:
            hint = _("Enter keeps: {value}").format(value=_show(default))
        elif required:
            hint = _("required")
        else:
            hint = _("Enter: don't know")
        while True:
            text = self.terminal.ask(f"[{hint}] > ")
            if not text.strip() and default is None and required:
                continue
            if not text.strip():
                if default is not None and current is None:
                    text = str(default)
                else:
                    return current
            try:
                value = read_answer(item, text)
            except BadAnswer as exc:
                self.terminal.say(f"  ! {exc}\n")
                continue
            if item.kind == "date":
                value = dt.date.fromisoformat(value)  # written plain, not as quoted text
            problem = self.store(item.pointer, value)
            if problem is None:
                return value
            self.terminal.say(f"  ! {problem}\n")

    def _evidence(self, item: Field) -> None:
        title = self.terminal.ask(_("A document that shows it (its title; Enter to skip)") +
                                  " > ").strip()
        if not title:
            return
        entry: dict[str, str] = {"title": title}
        while True:
            url = self.terminal.ask(_("Its web address (Enter to skip)") + " > ").strip()
            if not url or url.startswith(("http://", "https://", "file://")):
                break
            self.terminal.say("  ! " + _("a web address starts with https://") + "\n")
        if url:
            entry["url"] = url
        existing = self.editor.get(item.pointer)
        values = [dict(e) for e in existing] if isinstance(existing, list) else []
        problem = self.store(item.pointer, [*values, entry])
        if problem:
            self.terminal.say(f"  ! {problem}\n")


def _description(block: Measure) -> str:
    kept = [s for s in block.description.split(". ") if "$defs" not in s]
    text = ". ".join(kept).strip()
    return text if text.endswith(".") else text + "."


def _field_question(item: Field) -> str:
    text = item.description
    # Translators: the start of the schema's yes/no descriptions ("True when the plan ...").
    prefix = _("True when ")
    if item.kind == "boolean" and item.text.startswith("True when ") and \
            text.startswith(prefix):
        statement = text[len(prefix):].rstrip(".")
        return f"{item.key}: " + _("{statement}: yes or no?").format(
            statement=statement[:1].upper() + statement[1:])
    return f"{item.key}: {text}"


def _choices(item: Field) -> Iterator[str]:
    if item.kind == "boolean":
        yield "  1  " + _("yes") + "    2  " + _("no")
        return
    if item.kind not in ("choice", "choices"):
        yield from _kind_help(item)
        return
    meanings = _meanings_of(item)
    width = max(len(v) for v in item.allowed)
    for number, value in enumerate(item.allowed, 1):
        label = value_label(value)
        meaning = meanings.get(value) or ("" if label == value else label)
        yield f"  {number:>2}  {value:<{width}}  {meaning}".rstrip()
    if item.kind == "choices":
        yield "  " + _("(several: type the numbers separated by spaces, e.g. 1 3)")


def _kind_help(item: Field) -> Iterator[str]:
    helps = {
        "codes": _("(language codes separated by spaces, e.g. en ar fil; names such as "
                   "arabe are understood)"),
        "date": _("(a date: YYYY-MM-DD)"),
        "since": _("(a year such as 2019, or 2019-06, or 2019-06-30)"),
        "integer": _("(a whole number, without separators)"),
        "number": _("(a number)"),
    }
    if item.kind in helps:
        yield "  " + helps[item.kind]


def _meanings_of(item: Field) -> dict[str, str]:
    return meanings(item.description)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v.get("title", v)) if isinstance(v, dict) else str(v)
                         for v in value)
    return str(value)


def run_interview(path: Path, terminal: Terminal, frameworks: Sequence[Framework],
                  section: str | None = None, today: str | None = None) -> Session:
    """Run the questionnaire on `path`; returns the session (how many answers were saved)."""
    if section is not None and section not in sections():
        raise PolicyLoadError(Problem("--section", None, _("unknown section {name!r}").format(
            name=section), _("choose one of: {names}").format(names=", ".join(sections())),
            rule="usage"))
    session = Session(path, terminal, frameworks, today or dt.date.today().isoformat(),
                      section)
    session.run()
    return session
