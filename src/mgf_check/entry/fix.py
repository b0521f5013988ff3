"""`mgf-check fix`: safe, mechanical repairs of the usual slips, shown as a diff.

A repair is made only when its meaning is certain: `oui` in a true/false field is true, `SMS`
among the alert channels is `sms`, `182.000` people are 182000, and `03/05/2024` is refused (it
may be 3 May or 5 March) unless the person says which reading the file uses. Each field is
repaired according to its kind in the policy schema (`entry.fields`), never by guessing from
the text alone. The repaired text must parse to the original data plus the repairs and nothing
else, or nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mgf_check.entry.fields import Field, blocks
from mgf_check.entry.yamledit import Editor
from mgf_check.i18n import N_, _
from mgf_check.loading.sourcemap import join
from mgf_check.model import JSONValue

TRUE_WORDS = frozenset({"true", "yes", "y", "oui", "vrai", "sí", "si", "verdadero", "sim"})
FALSE_WORDS = frozenset({"false", "no", "n", "non", "faux", "falso", "não", "nao"})
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_GROUPED = re.compile(r"\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})+")
#: Languages whose CLDR names of countries and languages are accepted (the tool's languages).
NAME_LANGUAGES = ("en", "fr", "es", "pt")

#: A choice between readings of an ambiguous value: (pointer, written, readings) -> reading.
Ask = Callable[[str, str, list[str]], "str | None"]


@dataclass(frozen=True, slots=True)
class Repair:
    """One change `fix` makes: where, what was written, what it becomes, and why."""

    pointer: str
    line: int
    column: int
    before: str
    after: JSONValue
    reason: str


@dataclass(frozen=True, slots=True)
class Doubt:
    """A value `fix` could not repair safely, with what the person should do."""

    pointer: str
    line: int
    column: int
    message: str
    hint: str


@dataclass
class FixResult:
    """What `fix` found in one text."""

    original: str
    fixed: str
    repairs: list[Repair] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)

    def diff(self, name: str) -> str:
        """The repairs as a unified diff of the file."""
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.fixed.splitlines(keepends=True),
            f"{name} (as written)", f"{name} (repaired)"))


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@functools.cache
def country_names() -> dict[str, str]:
    """Country names in the tool's languages (CLDR, via Babel) -> ISO 3166-1 alpha-2 codes."""
    return _names("territories", r"[A-Z]{2}")


def country_code(name: str) -> str | None:
    """The ISO code of a country named in English, French, Spanish or Portuguese, if sure."""
    return country_names().get(_fold(name))


@functools.cache
def language_names() -> dict[str, str]:
    """Language names in the tool's languages (CLDR, via Babel) -> ISO 639 codes."""
    return _names("languages", r"[a-z]{2,3}")


def _names(attribute: str, code_form: str) -> dict[str, str]:
    from babel import Locale

    seen: dict[str, set[str]] = {}
    for language in NAME_LANGUAGES:
        for code, name in getattr(Locale.parse(language), attribute).items():
            if re.fullmatch(code_form, code):
                seen.setdefault(_fold(name), set()).add(code)
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


class _Fixer:
    def __init__(self, editor: Editor, date_order: str | None, ask: Ask | None) -> None:
        self.editor = editor
        self.date_order = date_order
        self.ask = ask
        self.repairs: list[Repair] = []
        self.doubts: list[Doubt] = []

    def repair(self, pointer: str, before: Any, after: Any, reason: str) -> None:
        line, column = self.editor.position(pointer)
        shown = repr(before) if isinstance(before, str) and before.strip().casefold() in (
            "true", "false") else _show(before)
        self.repairs.append(Repair(pointer, line, column, shown, after, reason))
        self.editor.set(pointer, after)

    def doubt(self, pointer: str, message: str, hint: str) -> None:
        line, column = self.editor.position(pointer)
        self.doubts.append(Doubt(pointer, line, column, message, hint))

    def run(self) -> None:
        for block in blocks():
            node = self.editor.get(block.pointer) if block.pointer.count("/") > 1 else \
                self.editor.data.get(block.pointer[1:])
            if not isinstance(node, CommentedMap):
                continue
            for item in block.fields:
                if item.key in node:
                    self.field(item, node[item.key])

    def field(self, item: Field, value: Any) -> None:
        handler = getattr(self, f"_{item.kind}", None)
        if handler is not None and value is not None:
            handler(item, value)

    def _boolean(self, item: Field, value: Any) -> None:
        if not isinstance(value, str):
            return
        word = value.strip().casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            quoted = word in ("true", "false")
            reason = N_("quoted true/false is text") if quoted else \
                N_("yes/no written as true/false")
            self.repair(item.pointer, value, word in TRUE_WORDS, reason)

    def _canonical(self, item: Field, value: str) -> str | None:
        folded = {_fold(a).replace(" ", "-").replace("_", "-"): a for a in item.allowed}
        return folded.get(_fold(value).replace(" ", "-").replace("_", "-"))

    def _choice(self, item: Field, value: Any) -> None:
        if isinstance(value, str) and value not in item.allowed:
            found = self._canonical(item, value)
            if found is not None:
                self.repair(item.pointer, value, found,
                            N_("allowed values are written in lower case"))

    def _as_list(self, item: Field, value: Any) -> list[Any] | None:
        if isinstance(value, str) and ("," in value or ";" in value):
            return [p.strip() for p in re.split(r"[,;]", value) if p.strip()]
        return list(value) if isinstance(value, CommentedSeq) else None

    def _choices(self, item: Field, value: Any) -> None:
        items = self._as_list(item, value)
        if items is None:
            return
        fixed = [self._canonical(item, v) or v if isinstance(v, str) and v not in item.allowed
                 else v for v in items]
        self._list_repair(item, value, fixed)

    def _codes(self, item: Field, value: Any) -> None:
        items = self._as_list(item, value)
        if items is None:
            return
        names = language_names()
        fixed = [v if not isinstance(v, str) or re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", v)
                 else v.lower() if re.fullmatch(r"[A-Za-z]{2,3}", v) and v.lower() in
                 names.values() else names.get(_fold(v), v) for v in items]
        self._list_repair(item, value, fixed)

    def _list(self, item: Field, value: Any) -> None:
        items = self._as_list(item, value)
        if items is not None:
            self._list_repair(item, value, items)

    def _list_repair(self, item: Field, value: Any, fixed: list[Any]) -> None:
        if isinstance(value, str):
            self.repair(item.pointer, value, fixed, N_("a comma-separated text written as a list"))
        elif fixed != list(value):
            self.repair(item.pointer, value, fixed, N_("names and case of allowed values"))

    def _text(self, item: Field, value: Any) -> None:
        if item.key != "country" or not isinstance(value, str) or re.fullmatch("[A-Z]{2}", value):
            return
        code = value.upper() if re.fullmatch("[a-zA-Z]{2}", value.strip()) else \
            country_names().get(_fold(value))
        if code:
            self.repair(item.pointer, value, code, N_("countries are written as ISO 3166 codes"))

    def _date(self, item: Field, value: Any) -> None:
        if not isinstance(value, str):
            return
        found = self.read_date(item.pointer, value)
        if found is not None:
            self.repair(item.pointer, value, found, N_("dates are written YYYY-MM-DD"))

    def _since(self, item: Field, value: Any) -> None:
        self._date(item, value)

    def read_date(self, pointer: str, text: str) -> dt.date | None:
        match = _DATE.fullmatch(text.strip())
        if not match:
            return None
        first, second, year = (int(g) for g in match.groups())
        readings = {}
        for order, (day, month) in (("dmy", (first, second)), ("mdy", (second, first))):
            with contextlib.suppress(ValueError):
                readings[order] = dt.date(year, month, day)
        if len(set(readings.values())) == 1:
            return next(iter(readings.values()))
        if not readings:
            self.doubt(pointer, _("{text!r} is not a date").format(text=text),
                       _("write it as YYYY-MM-DD"))
            return None
        if self.date_order in readings:
            return readings[self.date_order]
        shown = [d.isoformat() for d in readings.values()]
        if self.ask is not None:
            chosen = self.ask(pointer, text, shown)
            if chosen in shown:
                return dt.date.fromisoformat(chosen)
        self.doubt(pointer, _("{text!r} can be read two ways: {first} (day first) or {second} "
                              "(month first)").format(text=text, first=shown[0],
                                                      second=shown[1]),
                   _("write the one you mean as YYYY-MM-DD, or rerun with --dates dmy (day "
                     "first) or --dates mdy (month first)"))
        return None

    def _integer(self, item: Field, value: Any) -> None:
        written = self._written(item.pointer, value)
        if written and _GROUPED.fullmatch(written):
            self.repair(item.pointer, written, int(re.sub(r"\D", "", written)),
                        N_("thousands separators removed"))

    def _number(self, item: Field, value: Any) -> None:
        written = self._written(item.pointer, value)
        if written and re.fullmatch(r"\d+,\d{1,2}", written):
            self.repair(item.pointer, written, float(written.replace(",", ".")),
                        N_("a decimal comma written as a decimal point"))
        elif written and re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+", written):
            self.repair(item.pointer, written, int(re.sub(r"\D", "", written)),
                        N_("thousands separators removed"))

    def _written(self, pointer: str, value: Any) -> str:
        """The value as the person typed it (a float keeps no trace of `182.000`)."""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, float):
            line, column = self.editor.position(pointer)
            text = self.editor.original.splitlines()[line - 1][column - 1:]
            return re.split(r"\s+#|\s*$", text, maxsplit=1)[0].strip()
        return ""

    def _evidence(self, item: Field, value: Any) -> None:
        if not isinstance(value, CommentedSeq):
            return
        for index, entry in enumerate(value):
            if isinstance(entry, CommentedMap) and isinstance(entry.get("date"), str):
                pointer = join(join(item.pointer, index), "date")
                found = self.read_date(pointer, entry["date"])
                if found is not None:
                    self.repair(pointer, entry["date"], found, N_("dates are written YYYY-MM-DD"))


def fix_text(text: str, *, date_order: str | None = None, ask: Ask | None = None) -> FixResult:
    """The safe repairs of a policy text (already known to parse as YAML)."""
    editor = Editor(text)
    fixer = _Fixer(editor, date_order, ask)
    fixer.run()
    fixed = editor.dump() if fixer.repairs else text
    repairs = sorted(fixer.repairs, key=lambda r: (r.line, r.column))
    return FixResult(text, fixed, repairs, fixer.doubts)


def changed_only_as_repaired(before: JSONValue, after: JSONValue, repairs: list[Repair]) -> bool:
    """True when `after` is `before` with the repairs applied and nothing else changed."""
    expected = _plain(before)
    for repair in repairs:
        _put(expected, repair.pointer, _plain(repair.after))
    return bool(expected == _plain(after))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _put(data: Any, pointer: str, value: Any) -> None:
    from mgf_check.loading.sourcemap import segments

    parts = segments(pointer)
    node = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(parts[-1])] = value
    else:
        node[parts[-1]] = value


def describe(repairs: list[Repair]) -> Iterator[str]:
    """One line per repair: `line:col: pointer: before -> after (why)`."""
    for r in repairs:
        yield f"{r.line}:{r.column}: {r.pointer}: {r.before} -> {_show(r.after)} ({_(r.reason)})"
