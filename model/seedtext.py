"""What the coverage tool looks for in a seed: numbers, numbers in table cells and milestone phrases.

Seeds are compared exactly as the provenance check compares quotes: NFKC with all whitespace
removed. Every character of that normalised text keeps the line it came from, so what is
found is reported with its original line number. Three kinds are found:

- a *number* with a counter or unit (か所, 件, 人, 万, 億, %, システム, ...);
- a *table cell* holding only a number (tab-separated rows such as ``2023.10	37``, where
  the counter is in a heading); a cell that is a year and month (``2023.10``) is a date;
- a *milestone phrase*: a date (``2024(R6)年度``, ``2030年``, ``2023.9月``, ``今年度``)
  followed on the same line by a word of delivery (稼働, 開始, 公開, 完了, 実現, 構築, ...)
  or by までに, or such a word followed by its date in brackets (``稼働（2024.1月）``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from model.provenance import normalise

Span = tuple[int, int]
Kind = Literal["number", "table cell", "milestone phrase"]
KINDS: tuple[Kind, ...] = ("number", "table cell", "milestone phrase")

#: Counters and units that make a number a figure; matched longest first.
COUNTERS: tuple[str, ...] = (
    "区市町村", "コンソーシアム", "プロジェクト", "サービス", "自治体", "システム", "カメラ",
    "テーマ", "アプリ", "か所", "ヶ所", "カ所", "ケ所", "箇所", "地点", "病院", "業務", "項目",
    "地域", "分野", "団体", "種類", "時間", "PV", "GB", "か月", "ヶ月", "カ月", "件", "人", "名",
    "円", "%", "回", "枚", "台", "島", "隻", "駅", "倍", "割", "者", "区", "市", "町", "村", "課", "軒",
)  # fmt: skip
MULTIPLIERS = "兆億万千"
#: Words allowed between a number and its counter: 70数名, 9つのアプリ, 25のシステム.
INFIXES = ("つの", "数", "余", "の", "つ")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_AMOUNT = rf"{_NUM}(?:[{MULTIPLIERS}]+(?:{_NUM}[{MULTIPLIERS}]+)*)?"
_COUNTER = "|".join(re.escape(c) for c in sorted(COUNTERS, key=len, reverse=True))
_INFIX = "|".join(INFIXES)
#: Not after another digit or a decimal point, nor after 第 (ordinals) or p. (page numbers).
FIGURE_RE = re.compile(
    rf"(?<![\d.,第])(?<!p\.)(?<!P\.)(?P<amount>{_AMOUNT})(?:(?:{_INFIX})?(?P<counter>{_COUNTER}))?"
)
#: A table cell that is only a number, optionally signed (+258); its text after stripping.
CELL_RE = re.compile(r"[+\-]?\d+(?:,\d{3})*(?:\.\d+)?")
#: A cell that is a year and month (2023.10): a date, not a figure.
CELL_DATE_RE = re.compile(r"\d{4}\.\d{1,2}")
#: Dates of a milestone (after normalisation): 2024(R6)年度末, 2030年, 2023(R5).3月, 2023.9月, 今年度.
DATE = (
    r"(?:\d{4}(?:\((?:R|H|令和)\d+\))?(?:年度|年)(?:末|中|内)?"
    r"|\d{4}\((?:R|H)\d+\)(?=以降|から|以前)|\d{4}(?:\(R\d+\))?\.\d{1,2}月"
    r"|(?:令和|R)\d+年度|今年度末?|来年度)"
)
#: Words of delivery that make a dated phrase a milestone (longest first).
MILESTONE_WORDS = (
    "運用開始", "までに", "稼働", "開始", "公開", "完了", "実現",
    "構築", "移行", "導入", "開設", "実装", "策定",
)  # fmt: skip
_WORD = "|".join(MILESTONE_WORDS)
#: A date, then a word of delivery on the same line within this many characters (no 。 between).
PHRASE_GAP = 40
PHRASE_RE = re.compile(rf"{DATE}[^。]{{0,{PHRASE_GAP}}}?(?:{_WORD})")
#: A word of delivery followed by its date in brackets: 稼働(2024.1月), 運用開始(2024(R6)年度~).
BRACKETED_RE = re.compile(rf"(?:{_WORD})\({DATE}[~～]?\)")
MASK = "#"


@dataclass(frozen=True)
class SeedText:
    """A seed normalised like the provenance check, with the original line of each character."""

    name: str
    text: str
    lines: tuple[int, ...]
    scan: str  # ``text`` with digits that were not digits in the original (①, ²) masked
    starts: tuple[int, ...] = ()  # where each original line starts in ``text``
    cells: tuple[Span, ...] = ()  # table cells that hold only a number

    def line_of(self, position: int) -> int:
        return self.lines[min(position, len(self.lines) - 1)] if self.lines else 1

    def line_texts(self) -> list[tuple[int, str]]:
        """(start in ``text``, normalised text) of every original line."""
        ends = [*self.starts[1:], len(self.text)]
        return [(start, self.text[start:end]) for start, end in zip(self.starts, ends, strict=True)]


@dataclass(frozen=True)
class SeedMention:
    start: int
    end: int
    text: str
    line: int
    kind: Kind = "number"

    @property
    def span(self) -> Span:
        return self.start, self.end


def normalise_seed(name: str, raw: str) -> SeedText:
    """Normalise line by line (NFKC never composes across a newline), keeping line numbers."""
    chars: list[str] = []
    masked: list[str] = []
    lines: list[int] = []
    starts: list[int] = []
    cells: list[Span] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        starts.append(len(chars))
        cells += _number_cells(line, len(chars))
        for original in line:
            for char in normalise(original):
                chars.append(char)
                masked.append(MASK if char.isdigit() and not _is_digit(original) else char)
                lines.append(number)
    text = "".join(chars)
    if text != normalise(raw):  # composing sequences: fall back to the plain normal form
        return _line_level_seed(name, raw)
    return SeedText(name, text, tuple(lines), "".join(masked), tuple(starts), tuple(cells))


def _number_cells(line: str, offset: int) -> list[Span]:
    """Spans (in the normalised text) of the cells of a tab-separated row that are only a number."""
    if "\t" not in line:
        return []
    spans = []
    position = offset
    for cell in line.split("\t"):
        value = normalise(cell)
        if CELL_RE.fullmatch(value) and not CELL_DATE_RE.fullmatch(value):
            spans.append((position, position + len(value)))
        position += sum(len(normalise(c)) for c in cell)
    return spans


def _is_digit(char: str) -> bool:
    return unicodedata.category(char) == "Nd"


def _line_level_seed(name: str, raw: str) -> SeedText:
    chars: list[str] = []
    lines: list[int] = []
    starts: list[int] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        piece = normalise(line)
        starts.append(len(lines))
        chars.append(piece)
        lines.extend([number] * len(piece))
    text = "".join(chars)
    return SeedText(name, text, tuple(lines), text, tuple(starts))


def read_seed(path: Path) -> SeedText:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    return normalise_seed(path.name, raw)


def find_figures(seed: SeedText) -> list[SeedMention]:
    """Every number with a counter or multiplier, number-only table cell and milestone phrase."""
    found = _numbers(seed)
    numbers = [f.span for f in found]
    for start, end in seed.cells:
        if not any(s <= start and end <= e for s, e in numbers):
            found.append(SeedMention(start, end, seed.text[start:end], seed.line_of(start), "table cell"))
    found += _phrases(seed)
    return sorted(found, key=lambda f: (f.start, f.end))


def _numbers(seed: SeedText) -> list[SeedMention]:
    found = []
    for match in FIGURE_RE.finditer(seed.scan):
        has_multiplier = any(m in match["amount"] for m in MULTIPLIERS)
        if match["counter"] is None and not has_multiplier:
            continue
        start, end = match.span()
        found.append(SeedMention(start, end, seed.text[start:end], seed.line_of(start)))
    return found


def _phrases(seed: SeedText) -> list[SeedMention]:
    """Milestone phrases, searched line by line so that a date never pairs with the next line."""
    found = []
    for offset, text in seed.line_texts():
        for pattern in (PHRASE_RE, BRACKETED_RE):
            for match in pattern.finditer(text):
                start, end = offset + match.start(), offset + match.end()
                found.append(SeedMention(start, end, match[0], seed.line_of(start), "milestone phrase"))
    return found


def figures_in_text(text: str, kinds: tuple[Kind, ...] = KINDS) -> list[str]:
    """The figures of a piece of text, as normalised strings (handy for checks and tests)."""
    return [f.text for f in find_figures(normalise_seed("text", text)) if f.kind in kinds]
