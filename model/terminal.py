"""What the command line prints: messages with control and invisible characters escaped.

Messages quote the data (KPI ids, names, quotes, file names); an ANSI escape sequence or a
bidirectional control in them must be shown, not obeyed by the terminal.
"""

from __future__ import annotations

import sys
from typing import TextIO

from model.visible import reveal


def for_terminal(text: object) -> str:
    """One message on one line: every hidden character (line breaks too) escaped."""
    return reveal(str(text), keep="")


def say(message: object, file: TextIO | None = None) -> None:
    """Print one message (to stdout by default) with :func:`for_terminal`."""
    print(for_terminal(message), file=file or sys.stdout)


def tell(message: object) -> None:
    """Print one message to stderr with :func:`for_terminal`."""
    say(message, sys.stderr)


def write_lines(text: str, file: TextIO | None = None) -> None:
    """Write a multi-line report, each line escaped, line breaks kept."""
    (file or sys.stdout).write("\n".join(for_terminal(line) for line in text.split("\n")))
