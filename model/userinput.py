"""Dates, periods and values as people type them, read into the forms the data file uses.

A curator types 「令和6年度」, 「R6」, 「2024年度第2四半期」, 「約900」 or 「1,300」; a reader
types 「2024年3月31日」 or 「R6.3.31」. Each reader returns the canonical value (``FY2024``,
``FY2024Q2``, ``2024-03-31``, ``(900.0, True)``) or raises :class:`InputError`, whose ``key``
names the message in :mod:`model.words` (the caller words it in the reader's language).
Full-width digits and letters are read as their ASCII forms (NFKC).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

from model.periods import REIWA_FIRST_FY, PeriodError, parse_period


class InputError(ValueError):
    """A typed text that cannot be read; ``key`` names the message, ``text`` is what was typed."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(f"{key}: {text!r}")
        self.key = key
        self.text = text


#: The first calendar year of the Reiwa era (令和元年 = 2019).
REIWA_FIRST_YEAR = REIWA_FIRST_FY
_ERA = r"(?:令和|R|r)(\d{1,2}|元)"
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), 1)}  # fmt: skip


def _normal(text: str) -> str:
    """NFKC, no spaces at the ends, no space inside; ``元`` kept."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def _era_year(era: str) -> int:
    """令和 n → the Western year of its start (令和6 → 2024)."""
    return REIWA_FIRST_YEAR + (1 if era == "元" else int(era)) - 1


def read_date(text: str) -> date:
    """``2024-03-31``, ``2024/3/31``, ``2024.3.31``, ``20240331``, ``2024年3月31日``,
    ``令和6年3月31日``, ``R6.3.31``, ``31 Mar 2024`` → that day."""
    raw = str(text)
    value = _normal(raw)
    patterns = [
        (rf"{_ERA}[年./-](\d{{1,2}})[月./-](\d{{1,2}})日?", True),
        (r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?", False),
        (r"(\d{4})(\d{2})(\d{2})", False),
    ]
    for pattern, era in patterns:
        if m := re.fullmatch(pattern, value):
            year = _era_year(m[1]) if era else int(m[1])
            return _day(year, int(m[2]), int(m[3]), raw)
    spaced = unicodedata.normalize("NFKC", raw).strip().casefold().replace(",", " ")
    if m := re.fullmatch(r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})", spaced):
        return _day(int(m[3]), _MONTHS.get(m[2], 0), int(m[1]), raw)
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})\s+(\d{4})", spaced):
        return _day(int(m[3]), _MONTHS.get(m[1], 0), int(m[2]), raw)
    raise InputError("input_date", raw)


def _day(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError("input_no_such_day", raw) from None


def read_period(text: str) -> str:
    """A period as typed → its canonical text.

    ``FY2024``, ``2024年度``, ``令和6年度``, ``R6年度`` and ``R6`` → ``FY2024``;
    ``FY2024Q2``, ``2024年度第2四半期``, ``令和6年度Q2`` → ``FY2024Q2``; ``2024年2月`` and
    ``2024-02`` → ``2024-02``; any date :func:`read_date` reads → ``2024-02-15``.
    """
    raw = str(text)
    value = _normal(raw)
    fiscal = rf"(?:FY(\d{{4}})|(\d{{4}})年度|{_ERA}(?:年度)?)"
    quarter = r"(?:第?([1-4])四半期|Q([1-4]))"
    if m := re.fullmatch(fiscal + quarter + "?", value, re.IGNORECASE):
        year = int(m[1] or m[2]) if (m[1] or m[2]) else _era_year(m[3])
        q = m[4] or m[5]
        return _canonical(f"FY{year}Q{q}" if q else f"FY{year}", raw)
    if m := re.fullmatch(r"(\d{4})(?:年|[-/.])(\d{1,2})月?", value):
        return _canonical(f"{int(m[1]):04d}-{int(m[2]):02d}", raw)
    try:
        return read_date(raw).isoformat()
    except InputError:
        raise InputError("input_period", raw) from None


def _canonical(text: str, raw: str) -> str:
    try:
        return parse_period(text).text
    except PeriodError:
        raise InputError("input_period", raw) from None


_UNITS = {"億": 100_000_000, "万": 10_000}  # largest first


def read_value(text: str) -> tuple[float, bool]:
    """A figure as typed → (value, approximate).

    ``1300``, ``1,300``, ``１，３００``, ``0.5``, ``200万``, ``1億2,000万`` are exact; a leading
    ``約`` or ``~`` or a trailing ``程度`` marks an approximate value (``約900`` → (900, True)).
    Negative, infinite and unreadable values raise :class:`InputError`.
    """
    raw = str(text)
    value = _normal(raw)
    approximate = False
    if m := re.fullmatch(r"(?:約|およそ|~|〜|～)(.+)", value):
        value, approximate = m[1], True
    if m := re.fullmatch(r"(.+?)(?:程度|ほど|前後)", value):
        value, approximate = m[1], True
    if value.startswith(("-", "−", "▲")):
        raise InputError("input_negative", raw)
    number = _number(value)
    if number is None:
        raise InputError("input_value", raw)
    return number, approximate


def _number(text: str) -> float | None:
    """``1,300`` → 1300; ``1億2,000万`` → 120000000; None when it is not a finite number."""
    if not text or not re.fullmatch(r"[\d.,億万]+", text):
        return None
    total = 0.0
    rest = text
    for unit, size in _UNITS.items():
        if unit in rest:
            head, rest = rest.split(unit, 1)
            part = _plain(head)
            if part is None:
                return None
            total += part * size
    if rest:
        part = _plain(rest)
        if part is None:
            return None
        total += part
    return total if math.isfinite(total) else None


def _plain(text: str) -> float | None:
    """Digits with thousands separators in the right places, or a decimal: 1,300 / 0.5."""
    if not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?", text):
        return None
    return float(text.replace(",", ""))
