"""Characters that hide or rearrange text, and how to show them.

Bidirectional controls (U+202E makes "txt.exe" read "exe.txt"), zero-width and other format
characters, control characters (a terminal's ANSI escapes start with one), line and paragraph
separators. Names and ids must not contain them (:func:`model.rules.visible_names`); quotes
may, being verbatim, so they are shown as escapes such as ``\\u202e`` (:func:`reveal`); the
command line escapes every message the same way (:mod:`model.terminal`).
"""

from __future__ import annotations

import unicodedata

#: Unicode categories of such characters: control, format, surrogate, line and paragraph separator.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_hidden(char: str) -> bool:
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def hidden_in(text: str) -> list[str]:
    """The hidden characters of ``text``, each once, in order of appearance."""
    if text.isprintable():  # the usual case: no control, format or separator character at all
        return []
    return list(dict.fromkeys(c for c in text if is_hidden(c)))


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


_CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE"}


def escape(char: str) -> str:
    """A character as Python writes it in a string: ``\\x1b``, ``\\u202e``, ``\\n``."""
    return char.encode("unicode_escape", errors="backslashreplace").decode("ascii")


def reveal(text: str, keep: str = "\n") -> str:
    """``text`` with every hidden character but those in ``keep`` written as an escape.

    For showing quotes (which may legitimately contain such characters) without letting
    them reorder or hide what is shown: ``reveal("abc\\u202edef")`` is ``abc\\u202edef``
    with a visible backslash.
    """
    if text.isprintable():  # the usual case: nothing to escape
        return text
    return "".join(escape(c) if c not in keep and is_hidden(c) else c for c in text)
