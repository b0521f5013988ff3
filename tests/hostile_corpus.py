"""Hostile text and the rules every output format must keep with it (used by
tests/test_neutral_formats.py, tests/test_neutral_property.py and scripts/fuzz_outputs.py).

The corpus is built from the robustness review's reproducers (F3, F4, F5, F12, F17): workflow
commands after line breaks, rich markup and hidden links, terminal escapes, C1 and bidi
controls, CSV formulas after a bare CR or a `;`, Markdown mentions and autolinks.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.dom.minidom
from collections.abc import Callable

CORPUS = (
    "[/x] [bold]B[/bold] [link=https://evil.example/phish]click[/link]",
    "line1\n::error file=README.md,line=1::forged annotation",
    "x\r::add-mask::secret",
    "\u2028::stop-commands::pwned",
    "   ::warning::indented",
    "x ##[error]legacy command",
    "\x1b]0;title\x07\x1b[2J\x1b[31mRED\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\u009b31mC1\u0085next\u008d",
    "bidi \u202eevil\u202c \u2066iso\u2069 \u200fmark",
    "=cmd|' /C calc'!A0",
    "a\r=HYPERLINK(\"http://x\")\n+1\r\n@SUM(1)",
    "Springfield;=1+1",
    "@org/team and @user",
    "see https://evil.example/x and www.evil.example",
    "<script>alert(1)</script> & | * _ ` # <https://evil.example>",
    "NUL\x00here\x7fDEL\x0bVT\x0cFF",
    "%0A%25 encoded :: colons",
)
JOINED = " | ".join(CORPUS)

#: Characters no output may carry raw: C0 but TAB/LF/CR, DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                         "\u202a-\u202e\u2066-\u2069\u2028\u2029]")
LOG_COMMAND = re.compile(r"^\s*::", re.MULTILINE)
GITHUB_LINE = re.compile(r"^::(error|warning|notice|group|endgroup)\b")


def no_log_commands(text: str) -> None:
    """No line could be run as a GitHub workflow command, old or new form."""
    assert not LOG_COMMAND.search(text), LOG_COMMAND.search(text)
    assert "##[" not in text


def common(text: str) -> None:
    """Every format: no raw control or bidi character, no bare CR."""
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}" if found else ""
    assert "\r" not in text


def terminal(text: str) -> None:
    common(text)
    no_log_commands(text)


def markdown(text: str) -> None:
    common(text)
    no_log_commands(text)
    assert not re.search(r"(?<![\w\u200b])@[A-Za-z0-9]", text), "a live @mention"
    assert not re.search(r"https?://evil|www\.evil", text), "a live autolink"


def html(text: str) -> None:
    common(text)
    no_log_commands(text)
    assert "<script>alert" not in text


def csv_(text: str) -> None:
    common(text)
    no_log_commands(text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, row
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t")), cell
            assert not re.search(r"[\r\n][=+\-@\t]", cell), cell
    for line in text.splitlines():
        assert line.startswith('"'), line  # every cell quoted: no row starts unquoted


def json_(text: str) -> None:
    common(text)
    no_log_commands(text)
    json.loads(text)


def junit(text: str) -> None:
    common(text)
    no_log_commands(text)
    xml.dom.minidom.parseString(text.encode())


def github(text: str) -> None:
    common(text)
    assert "##[" not in text
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert GITHUB_LINE.match(line), line


RULES: dict[str, Callable[[str], None]] = {
    "terminal": terminal, "markdown": markdown, "html": html, "csv": csv_, "json": json_,
    "sarif": json_, "junit": junit, "github": github,
}
