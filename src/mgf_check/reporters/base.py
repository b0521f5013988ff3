"""The reporter interface: one class per output format, rendering a finished report to text."""

from __future__ import annotations

import abc
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mgf_check.model import PolicyReport
from mgf_check.reporters import neutral

if TYPE_CHECKING:  # only annotations: loading these types costs start-up time
    from mgf_check.comparison import Comparison
    from mgf_check.diff import PolicyDiff


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: colour and width (terminal only), verbosity, and which criteria fail
    the run's gate as (policy path, criterion id) pairs (the CI formats raise those to errors;
    empty when nothing fails)."""

    color: bool = False
    width: int = 100
    verbose: bool = False
    failing: frozenset[tuple[str, str]] = frozenset()
    #: A link back to the page that lists this report (a city's page in `-o out/` links
    #: to `../index.html`); HTML only, None: no link.
    back: str | None = None


class Reporter(abc.ABC):
    """Turns a finished report into the text of one format.

    Implementations owe purity: no printing, no clock, no environment, no absolute paths.
    The same report must always render to the same string.
    """

    name: ClassVar[str]
    suffix: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    #: True while an entry point runs: the methods it calls get the neutralised report.
    _inside: bool = False

    #: The methods that take a report from outside the program and return the format's text.
    ENTRY_POINTS: ClassVar[tuple[str, ...]] = ("render", "render_comparison",
                                               "stream_comparison", "render_diff")

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Every reporter neutralises at its boundary: the report it is given passes through
        its format's text rule, the text it returns through its output rule
        (`neutral.rule_for(name)`), so no reporter can forget it."""
        super().__init_subclass__(**kwargs)
        for method in cls.ENTRY_POINTS:
            own = cls.__dict__.get(method)
            if own is not None and not getattr(own, "_neutralised", False):
                setattr(cls, method, _neutralised(own))

    #: True when rendering a comparison needs each city's full report (e.g. SARIF locates
    #: every gap); False when the summary rows suffice (keeps big batches small in memory).
    needs_details: ClassVar[bool] = False

    @abc.abstractmethod
    def render(self, report: PolicyReport) -> str:
        """The whole output for one policy report."""

    @abc.abstractmethod
    def render_comparison(self, comparison: Comparison) -> str:
        """The whole output for many cities side by side (`check DIR`)."""

    def stream_comparison(self, comparison: Comparison) -> Iterator[str]:
        """The comparison in pieces, for writing big batches without one huge string.

        Formats that can render city by city override this; the text must equal
        `render_comparison`'s.
        """
        yield self.render_comparison(comparison)

    @abc.abstractmethod
    def render_diff(self, diff: PolicyDiff) -> str:
        """The whole output for two versions of one policy (`mgf-check diff`)."""


def _neutralised(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Reporter, value: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(self, "_inside", False):  # e.g. stream_comparison calling render_comparison
            return method(self, value, *args, **kwargs)
        rule = neutral.rule_for(self.name)
        if rule.text is not None:
            value = neutral.apply(value, rule.text)
        self._inside = True
        try:
            out = method(self, value, *args, **kwargs)
        finally:
            self._inside = False
        if not isinstance(out, str):
            out = _inside(self, out)
        return neutral.apply_output(out, rule.output)

    wrapper._neutralised = True  # type: ignore[attr-defined]
    return wrapper


def _inside(reporter: Reporter, pieces: Iterable[str]) -> Iterator[str]:
    """Stream pieces; methods they call meanwhile get the already neutralised report."""
    reporter._inside = True
    try:
        yield from pieces
    finally:
        reporter._inside = False


__all__ = ["RenderOptions", "Reporter"]
