"""How a curator may type a figure's value, on the command line and in the form alike.

One rule (README, "Recording a figure"): a plain non-negative number, with or without
thousands separators (``1300``, ``1,300``, ``0.5``); full-width digits are read as ASCII
(``１，３００``); a leading ``約`` (or ``~``) means the source says "about" and sets
``approximate``. Negative, non-finite and malformed values are refused with the reason.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

#: 1300, 1,300, 0.5, 1,300.5 (separators only between groups of three digits).
NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
ABOUT = ("約", "~", "およそ")


class ValueTextError(ValueError):
    """A value the curator typed that is not a number we accept; the message says why."""


@dataclass(frozen=True)
class TypedValue:
    value: float
    approximate: bool


def parse_value(text: str) -> TypedValue:
    """``"約1,300"`` → ``TypedValue(1300.0, approximate=True)``; ValueTextError with the reason."""
    shown = text.strip()
    plain = unicodedata.normalize("NFKC", shown).replace(" ", "")
    approximate = plain.startswith(ABOUT)
    for prefix in ABOUT:
        plain = plain.removeprefix(prefix)
    if plain.startswith("-"):
        raise ValueTextError(f'"{shown}" is negative; a figure is never below 0')
    if not NUMBER.fullmatch(plain):
        raise ValueTextError(f'"{shown}" is not a number: write 1300, 1,300 or 約1,300')
    value = float(plain.replace(",", ""))
    if not math.isfinite(value):
        raise ValueTextError(f'"{shown}" is too large')
    return TypedValue(value, approximate)
