"""Provenance: does a quote occur in its source document, and does it state the value?

Seeds are plain text extracted from PDFs: sentences break across lines and digits may be
full-width. Quotes and seeds are therefore compared after Unicode NFKC normalisation with
all whitespace removed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_WHITESPACE = re.compile(r"\s+")
#: A number, optionally with thousands separators and decimals, optionally followed by
#: Japanese multipliers (1億2,000万 = 120,000,000).
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(億|万|千)?")
MULTIPLIERS = {"億": 100_000_000, "万": 10_000, "千": 1_000}
#: A letter other than a multiplier, or %: a quote holding one says more than a number.
_WORDS = re.compile(r"[^\W\d_億万千]|%")
#: 約 / およそ / 概ね before a number, or 程度 shortly after one (not 予約, 契約, 節約...).
_APPROXIMATE = re.compile(r"(?:(?<![予契節集要規制公誓条盟協解確])約|およそ|概ね)\d|\d[^\d]{0,8}?程度")


def normalise(text: str) -> str:
    """NFKC-normalise and drop all whitespace."""
    # str.split() and the regex \s agree on what whitespace is (both use str.isspace);
    # split/join is the faster of the two on long seed texts.
    return "".join(unicodedata.normalize("NFKC", text).split())


def numbers_in(quote: str) -> set[float]:
    """Every value a quote states: ``約1,300か所`` → {1300}; ``200万`` → {200, 2000000}.

    A bare number is kept beside its multiplied form so that a KPI whose unit is
    ``万人`` may record 200. ``1億2,000万`` also yields 120,000,000. Numbers are read
    both with whitespace removed (a number broken across lines) and with whitespace as a
    separator (table cells such as ``2023.10 37``).
    """
    nfkc = unicodedata.normalize("NFKC", quote)
    return _numbers_of(nfkc, "".join(nfkc.split()))


def _numbers_of(nfkc: str, normalised: str) -> set[float]:
    """:func:`numbers_in` of a quote given its NFKC form and its normalised form."""
    found = _numbers(normalised)
    tokens = nfkc.split()
    if len(tokens) == 1 and tokens[0] == normalised:  # no whitespace: the same text again
        return found
    for token in dict.fromkeys(tokens):
        found |= _numbers(token)
    return found


def _numbers(text: str) -> set[float]:
    return {value for value, _, _ in _readings(text)}


def _readings(text: str) -> Iterator[tuple[float, int, int]]:
    """Every value a text states, with the span that states it (digits, then multiplier)."""
    previous_start = previous_end = -1
    previous_value = 0.0
    for match in _NUMBER.finditer(text):
        number = float(match[1].replace(",", ""))
        yield number, match.start(1), match.end(1)
        multiplier = MULTIPLIERS.get(match[2] or "")
        if multiplier is None:
            previous_end = -1
            continue
        value = number * multiplier
        yield value, match.start(), match.end()
        if match.start() == previous_end and previous_value:  # 1億 followed by 2,000万
            value += previous_value
            yield value, previous_start, match.end()
        else:
            previous_start = match.start()
        previous_end, previous_value = match.end(), value


def says_more_than(quote: str, value: float) -> bool:
    """Does the quote hold more than the number ``value`` itself (a counter, a word, a date)?

    "1" or "1,300" alone would occur in almost any document, so they prove nothing: once
    every number stating ``value`` is taken out, a letter, a digit or % must remain.
    """
    nfkc = unicodedata.normalize("NFKC", quote)
    if _WORDS.search(nfkc):  # a letter that is not a multiplier (the usual case), or %
        return True
    keep = [True] * len(nfkc)
    for number, start, end in _readings(nfkc):
        if _states({number}, value):
            keep[start:end] = [False] * (end - start)
    rest = (c for c, k in zip(nfkc, keep, strict=True) if k)
    return any(c == "%" or unicodedata.category(c)[0] in "LN" for c in rest)


def states_value(quote: str, value: float) -> bool:
    return _states(numbers_in(quote), value)


def _states(numbers: set[float], value: float) -> bool:
    if value in numbers:  # the usual case; isclose below would say the same
        return True
    return any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers)


@dataclass(frozen=True)
class Quote:
    """A quote prepared once for the provenance checks: its normal form and stated numbers."""

    text: str
    normalised: str
    nfkc: str

    @classmethod
    def of(cls, text: str) -> Quote:
        nfkc = unicodedata.normalize("NFKC", text)
        return cls(text, "".join(nfkc.split()), nfkc)

    def states(self, value: float) -> bool:
        """Same as :func:`states_value` of the quote."""
        return _states(_numbers_of(self.nfkc, self.normalised), value)

    def says_more_than(self, value: float) -> bool:
        """Same as :func:`says_more_than` of the quote."""
        return says_more_than(self.text, value)


def is_approximate(quote: str) -> bool:
    """Does the quote say the number is approximate (約1,300, 50名程度)?"""
    return _APPROXIMATE.search(normalise(quote)) is not None


@dataclass
class Seeds:
    """The documents in a seeds folder, normalised once and kept for quote look-ups."""

    folder: Path
    _texts: dict[str, str | None] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob("*.txt"))

    def normalised(self, name: str) -> str | None:
        """The normalised text of a seed, or None when there is no such file."""
        if name not in self._texts:
            path = self.folder / name
            if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
                self._texts[name] = None
            else:
                raw = path.read_bytes().decode("utf-8-sig", errors="replace")
                self._texts[name] = normalise(raw)
        return self._texts[name]

    def contains(self, name: str, quote: str) -> bool:
        text = self.normalised(name)
        return text is not None and normalise(quote) in text

    def contains_normalised(self, name: str, needle: str) -> bool:
        """:meth:`contains` for a quote already passed through :func:`normalise`."""
        text = self.normalised(name)
        return text is not None and needle in text
