"""The dashboard's words: a thin lookup into :mod:`model.words` (one dictionary per language).

Status names and sentences come from the same dictionaries as :mod:`model.explain`; KPI,
bureau and pillar names, notes and reasons come from the data file.
"""

from __future__ import annotations

from datetime import date

from dashboard.style import STATUS_ICONS
from model.explain import status_name
from model.periods import date_label, fy_axis_label, parse_period
from model.words import LANGS, word

__all__ = ["LANGS", "LANG_NAMES", "date_text", "fy_label", "period_label", "status_label", "t"]

#: Each language named in itself, for the language switch.
LANG_NAMES = {"ja": "日本語", "en": "English"}


def t(key: str, lang: str = "ja", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    return word(key, lang, **values)


def status_label(status: str, lang: str = "ja") -> str:
    """Icon and name: ``△ 要注意`` / ``△ at risk``."""
    return f"{STATUS_ICONS[status]} {status_name(status, lang)}"  # type: ignore[arg-type]


def fy_label(year: int, lang: str = "ja") -> str:
    return fy_axis_label(year, lang)


def period_label(text: str | None, lang: str = "ja") -> str:
    """``FY2024`` → ``2024年度（令和6年度）`` / ``FY2024``; empty for no period."""
    if not text:
        return ""
    return parse_period(text).label(lang)


def date_text(day: date, lang: str = "ja") -> str:
    """The one date format of each language: ``2024年3月31日`` / ``31 Mar 2024``."""
    return date_label(day, lang)
