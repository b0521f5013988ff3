"""The report chrome in the chosen language: `reporters/wording.py`, translated in one place.

The reporters take every fixed word from `mgf_check.reporters.wording` (its own rule). Its
English values are the message ids: `wording_messages()` lists them for the catalogue
template, and `localize_wording()` swaps each value for its translation, in the wording module
and in every reporter that imported a name from it, so no reporter changes. Keys stay keys:
mapping keys and the leading items of tuples (`("high", "high")`: a CSS key, then a word) are
never translated; only reader-facing words are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from types import FunctionType, ModuleType
from typing import Any

from mgf_check.i18n import _

_ORIGINAL: dict[str, Any] = {}
_LETTERS = re.compile(r"[A-Za-z]")


def _module() -> ModuleType:
    from mgf_check.reporters import wording

    return wording


def _constants(module: ModuleType) -> dict[str, Any]:
    return {k: v for k, v in vars(module).items() if k.isupper() and not k.startswith("_")}


def _words(value: Any) -> Iterator[str]:
    """The reader-facing strings inside a wording value."""
    if isinstance(value, str):
        if _LETTERS.search(value):
            yield value
    elif isinstance(value, dict) or (hasattr(value, "values") and hasattr(value, "items")):
        for item in value.values():
            yield from _words(item)
    elif isinstance(value, tuple) and value:
        if all(isinstance(v, tuple) for v in value):
            for item in value:
                yield from _words(item)
        else:
            yield from _words(value[-1])


def _translate(value: Any, tr: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return tr(value) if _LETTERS.search(value) else value
    if isinstance(value, dict) or (hasattr(value, "values") and hasattr(value, "items")):
        return {k: _translate(v, tr) for k, v in value.items()}
    if isinstance(value, tuple) and value:
        if all(isinstance(v, tuple) for v in value):
            return tuple(_translate(v, tr) for v in value)
        return (*value[:-1], _translate(value[-1], tr))
    return value


#: The wording functions, rewritten with translatable templates (same signatures).
def score_heading(short_title: str) -> str:
    """A framework's score heading that cannot be read as an IOM score."""
    return _("mgf-check score on {title}-derived criteria").format(title=short_title)


def documented_text(stated: int, assessed: int) -> str:
    """`31 of 46 documented`."""
    return _("{stated} of {assessed} documented").format(stated=stated, assessed=assessed)


def count_phrase(n: int, one: str, many: str) -> str:
    """`1 gap`, `3 gaps` (the words translated through the catalogue)."""
    return f"{n} {_(one) if n == 1 else _(many)}"


def closes(n: int, core: int, frameworks: str) -> str:
    """`closes 3 criteria (2 core) in MiGOF, MICIC`."""
    return _("closes {count} ({core} core) in {frameworks}").format(
        count=count_phrase(n, "criterion", "criteria"), core=core, frameworks=frameworks)


_FUNCTIONS = {"score_heading": score_heading, "documented_text": documented_text,
              "count_phrase": count_phrase, "closes": closes}
#: Words the reporters pass to `count_phrase` (listed so the template carries them).
COUNTED = ("gap", "gaps", "criterion", "criteria", "measure", "measures", "topic", "topics",
           "topic is", "topics are")


def wording_messages() -> list[str]:
    """Every English string of the wording module that a reader sees (message ids)."""
    module = _module()
    found: list[str] = []
    for value in (_ORIGINAL or _constants(module)).values():
        found.extend(_words(value))
    return sorted(set(found) | set(COUNTED))


def localize_wording() -> None:
    """Put the wording module (and the names reporters imported from it) in the current
    language; English when the current language is English."""
    module = _module()
    if not _ORIGINAL:
        _ORIGINAL.update(_constants(module))
        _ORIGINAL.update({k: getattr(module, k) for k in _FUNCTIONS if hasattr(module, k)})
    swaps: dict[int, Any] = {}
    for name, original in _ORIGINAL.items():
        new = _FUNCTIONS[name] if isinstance(original, FunctionType) else \
            _translate(original, _)
        current = getattr(module, name)
        swaps[id(current)] = new
        setattr(module, name, new)
    for name, mod in list(sys.modules.items()):
        if not name.startswith("mgf_check.reporters.") or mod is module or mod is None:
            continue
        for attr, value in list(vars(mod).items()):
            if id(value) in swaps and (attr.isupper() or attr in _FUNCTIONS):
                setattr(mod, attr, swaps[id(value)])
