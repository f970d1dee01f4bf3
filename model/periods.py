"""Reporting periods: Japanese fiscal years, fiscal quarters, months and dates.

A Japanese fiscal year runs from 1 April to 31 March and is named by the year it
starts in: FY2024 = 2024年度 = 令和6年度 = 2024-04-01..2025-03-31. (pandas' ``Y-MAR``
periods are named by the year they *end* in; this module never uses them.)

Canonical text forms:

=========  ==============  ===========================
kind       canonical       covers
=========  ==============  ===========================
fy         ``FY2024``      2024-04-01 .. 2025-03-31
quarter    ``FY2024Q2``    2024-07-01 .. 2024-09-30
month      ``2024-02``     2024-02-01 .. 2024-02-29
date       ``2024-02-15``  that day
=========  ==============  ===========================
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from model.words import word

PeriodKind = Literal["fy", "quarter", "month", "date"]

# ASCII digits only: Python's \d (and int()) also accept full-width and other scripts' digits,
# which would make FY２０２４ a second spelling of FY2024.
_FY_RE = re.compile(r"FY([0-9]{4})")
_QUARTER_RE = re.compile(r"FY([0-9]{4})Q([1-4])")
_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

#: First fiscal year of the Reiwa era (令和元年度 = FY2019).
REIWA_FIRST_FY = 2019
MIN_YEAR = 1900
MAX_YEAR = 2200


class PeriodError(ValueError):
    """A text that is not a period in one of the canonical forms."""


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of days with a canonical name."""

    start: date
    end: date
    kind: PeriodKind
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (by its starting calendar year) that contains the period's end."""
        return fiscal_year_of(self.end)

    def label(self, lang: str = "ja") -> str:
        """A human label: ``2024年度（令和6年度）`` / ``FY2024``."""
        return label_ja(self) if lang == "ja" else label_en(self)


def fiscal_year_of(day: date) -> int:
    """The fiscal year containing ``day`` (January–March belong to the previous year's FY)."""
    return day.year if day.month >= 4 else day.year - 1


def fy_bounds(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def _check_ascii(text: str) -> None:
    """Periods and dates are written in ASCII; name the first character that is not."""
    if text.isascii():
        return
    char = next(c for c in text if not c.isascii())
    name = unicodedata.name(char, "unnamed character")
    raise PeriodError(
        f"{text!r} contains {char!r} (U+{ord(char):04X} {name}); write periods and dates "
        "in ASCII, e.g. FY2024 or 2024-02-15, not with full-width or other digits"
    )


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} in {text!r} is outside {MIN_YEAR}–{MAX_YEAR}")


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Parse a canonical period text; raise :class:`PeriodError` with a readable message."""
    if not isinstance(text, str):
        raise PeriodError(f"a period must be text such as FY2024, not {text!r}")
    _check_ascii(text)
    if m := _QUARTER_RE.fullmatch(text):
        year, quarter = int(m[1]), int(m[2])
        _check_year(year, text)
        first_month = 4 + 3 * (quarter - 1)
        start_year = year + (first_month - 1) // 12
        start_month = (first_month - 1) % 12 + 1
        start = date(start_year, start_month, 1)
        end_month = start_month + 2
        end = date(start_year, end_month, calendar.monthrange(start_year, end_month)[1])
        return Period(start, end, "quarter", text)
    if m := _FY_RE.fullmatch(text):
        year = int(m[1])
        _check_year(year, text)
        return Period(*fy_bounds(year), "fy", text)
    if m := _MONTH_RE.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise PeriodError(f"month {month} in {text!r} does not exist")
        last = calendar.monthrange(year, month)[1]
        return Period(date(year, month, 1), date(year, month, last), "month", text)
    if m := _DATE_RE.fullmatch(text):
        year = int(m[1])
        _check_year(year, text)
        try:
            day = date(year, int(m[2]), int(m[3]))
        except ValueError as exc:
            raise PeriodError(f"{text!r} is not a calendar date ({exc})") from None
        return Period(day, day, "date", text)
    raise PeriodError(
        f"{text!r} is not a period: write a fiscal year FY2024, a fiscal quarter FY2024Q2, "
        "a month 2024-02 or a date 2024-02-15"
    )


def reiwa_year(fiscal_year: int) -> int:
    """令和 year number of a fiscal year (FY2019 = 令和元年度 = 1)."""
    return fiscal_year - REIWA_FIRST_FY + 1


def label_ja(period: Period) -> str:
    """``2024年度（令和6年度）``, ``2024年度 第2四半期``, ``2024年2月``, ``2024年2月15日``."""
    return _label(period, "ja")


def label_en(period: Period) -> str:
    """``FY2024``, ``FY2024 Q2``, ``Feb 2024``, ``15 Feb 2024``."""
    return _label(period, "en")


def _label(period: Period, lang: str) -> str:
    start = period.start
    if period.kind == "fy":
        era = reiwa_year(start.year)
        if lang == "ja" and era >= 1:  # Japanese names the Reiwa year beside the fiscal year
            era_text = word("era_first", lang) if era == 1 else era
            return word("period_fy_era", lang, year=start.year, era=era_text)
        return word("period_fy", lang, year=start.year)
    if period.kind == "quarter":
        return word("period_quarter", lang, year=fiscal_year_of(start), quarter=period.text[-1])
    month = word(f"month_{start.month}", lang)
    if period.kind == "month":
        return word("period_month", lang, year=start.year, month=month)
    return word("period_date", lang, year=start.year, month=month, day=start.day)


def date_label(day: date, lang: str = "ja") -> str:
    """A day as every page writes it: ``2024年3月31日`` / ``31 Mar 2024``."""
    return _label(Period(day, day, "date", day.isoformat()), lang)


def fy_axis_label(fiscal_year: int, lang: str = "ja") -> str:
    """Short fiscal-year label for chart axes: ``2024年度`` / ``FY2024``."""
    return word("period_fy", lang, year=fiscal_year)
