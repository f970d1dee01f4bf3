"""Every word the project shows people, one dictionary per language (``ja/``, ``en/``), each
put together from one module per area (``status``, ``periods``, ``problems``, ``pages``, ``app``,
``charts``, ``method``, ``record``, ``changes``, ``export``).

:func:`word` looks a text up and fills in its ``{placeholders}``. Both dictionaries have the
same keys (area by area) and the same placeholders, and every key is used somewhere (``tests/test_words.py``).
Texts from the data file (KPI names, notes) are not here: the data carries both languages.
"""

from __future__ import annotations

from functools import cache

LANGS = ("ja", "en")


@cache
def dictionaries() -> dict[str, dict[str, str]]:
    """Both dictionaries, read when a text is first asked for (``validate`` never asks)."""
    from model.words import en, ja

    return {"ja": ja.WORDS, "en": en.WORDS}


def lang_of(lang: str) -> str:
    """``ja`` for Japanese, ``en`` for anything else."""
    return "ja" if lang == "ja" else "en"


def word(key: str, lang: str = "ja", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in from ``values``."""
    text = dictionaries()[lang_of(lang)][key]
    return text.format(**values) if values else text
