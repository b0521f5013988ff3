"""`--help` in the chosen language.

The commands are declared with English help texts (the message ids). Just before click formats
a help page, `localize` puts every help text of the command tree, and click's own headings
(`Usage:`, `Options:`...), in the current language; the English original is kept on each
object, so a later run in another language starts again from English. `help_messages` lists
the texts for the message catalogue (`scripts/i18n.py update`); a test fails when one lacks a
translation. Lists that come from the registries (bundled frameworks, formats, crosswalk
views) are placeholders in the message ids (`REGISTRY_LISTS`), filled in after translation: a new
framework, format or view changes no message and needs no new translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:  # annotations only; recent typer vendors click as typer._click
    from typer import _click as click

from mgf_check.i18n import _, set_language

#: click's and typer's own words on a help page (they are not in our catalogue otherwise).
CLICK_WORDS = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit.")
#: The attribute that keeps a command's or parameter's English help on the object itself.
_ENGLISH = "_mgf_check_english_help"


def _frameworks() -> str:
    from mgf_check.catalogue.bundled import bundled_frameworks

    return ", ".join(bundled_frameworks())


def _formats() -> str:
    from mgf_check.reporters import REPORTERS

    return ", ".join(REPORTERS)


def _views() -> str:
    from mgf_check.catalogue.references import VIEWS

    return ", ".join(VIEWS)


#: Placeholders in help texts -> the registry list they stand for (filled after translation).
REGISTRY_LISTS: dict[str, Callable[[], str]] = {
    "{frameworks}": _frameworks, "{formats}": _formats, "{views}": _views}


def fill(text: str) -> str:
    """A help text with its registry lists filled in."""
    for placeholder, values in REGISTRY_LISTS.items():
        if placeholder in text:
            text = text.replace(placeholder, values())
    return text


def _helped(command: click.Command, ctx: click.Context | None = None
            ) -> Iterator[click.Command | click.Parameter]:
    """The command, its parameters and its sub-commands, depth first."""
    yield command
    yield from command.params
    if ctx is not None:
        option = command.get_help_option(ctx)
        if option is not None:
            yield option
    for sub in getattr(command, "commands", {}).values():
        yield from _helped(sub, ctx)


def help_messages(command: click.Command) -> list[str]:
    """Every help text of `command`'s tree, plus click's headings (the message ids)."""
    found = {getattr(item, _ENGLISH, None) or getattr(item, "help", None)
             for item in _helped(command) if getattr(item, "help", None)}
    return sorted({m for m in found if m} | set(CLICK_WORDS))


def localize(root: click.Command, ctx: click.Context | None = None) -> None:
    """Put the help texts of the tree under `root` in the current language."""
    for item in _helped(root, ctx):
        text: Any = getattr(item, "help", None)
        if not text:
            continue
        original = getattr(item, _ENGLISH, None) or text
        setattr(item, _ENGLISH, original)
        setattr(item, "help", fill(_(original)))  # noqa: B010 (Parameter has no `help` typed)


def _click_words(formatter: click.HelpFormatter) -> None:
    """Translate click's headings in a formatted help page."""
    text = "".join(formatter.buffer)
    for word in CLICK_WORDS:
        if word in ("Options:", "Arguments:", "Commands:"):
            text = text.replace(f"\n{word}\n", f"\n{_(word)}\n")
        elif word == "Usage:":
            text = text.replace(word, _(word), 1) if text.startswith(word) else text
        else:
            text = text.replace(word, _(word))
    formatter.buffer[:] = [text]


def _root_context(ctx: click.Context) -> click.Context:
    return ctx.find_root()


class _Localized:
    """Formats help pages in the current language (mixed into typer's command classes)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        root = _root_context(ctx)
        if root.params.get("lang") is None and ctx is root:
            set_language(None)  # `mgf-check --help`: the root callback has not run yet
        localize(root.command, ctx)
        super().format_help(ctx, formatter)  # type: ignore[misc]
        _click_words(formatter)


class LocalizedGroup(_Localized, TyperGroup):
    """The root group and sub-groups (`form`)."""


class LocalizedCommand(_Localized, TyperCommand):
    """Every command."""
