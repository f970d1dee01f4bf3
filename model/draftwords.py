"""How the drafter reads a figure's words: its value, unit, kind and period.

Everything here works on *normalised* text (NFKC, whitespace removed, as
:mod:`model.seedtext` produces it), so ``２０２４（Ｒ６）年度`` reads as ``2024(R6)年度``.

- value: ``1,300`` → 1300; ``200万`` → 2,000,000; ``3,371億円`` stays 3,371 with the unit
  ``億円`` (money keeps its multiplier in the unit, as budgets are written); 約 / 程度 →
  approximate; 以上 / 超 / 上回 → ``bound: at_least``; ``4~8名`` is flagged as a range.
- kind: the words of the sentence (見込 → estimate, 目標 / までに / 目指 → target, 予定 /
  計画 → plan, 時点 / 現在 / 実績 / 延べ / 調査 → actual), else the period against the
  document's publication date (closed → actual, open → estimate, later → plan).
- dates: 2024(R6)年度, 令和6年度, R6.3月末, 令和3年8月1日, 2023年10月, 2023.10, 2030年, 今年度,
  and a bare ``９月`` (the last September up to the publication date). Which date dates a
  figure is decided in :mod:`model.draftdating`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from model.periods import fiscal_year_of

MULTIPLIERS = {"兆": 10**12, "億": 10**8, "万": 10**4, "千": 10**3}
_PART = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([兆億万千]?)")
#: Words that mark a kind, in the order they are tried.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("estimate", ("見込",)),
    ("target", ("目標", "までに", "目指", "目途", "を実現")),
    ("plan", ("予定", "計画", "計上", "想定", "追加選定", "さらなる", "更なる")),
    ("actual", ("時点", "現在", "実績", "達成", "延べ", "これまで", "成功", "完了し", "開始した", "締結")),
    ("actual", ("調査",)),  # a survey's figure is measured
)
#: Words after a number that make it a floor.
AT_LEAST = re.compile(r"^[^\d。]{0,3}?(?:以上|超|を上回)")
APPROX_BEFORE = re.compile(r"(?:(?<![予契節集要規制公誓条盟協解確])約|およそ|概ね)$")
APPROX_AFTER = re.compile(r"^[^\d。]{0,4}?程度")
RANGE_BEFORE = re.compile(r"\d[~～〜\-－]$")
RANGE_AFTER = re.compile(r"^[~～〜][\d]")
_ERA = r"(?:R|H|令和|平成)"
#: (pattern, how to read it); tried on normalised text.
DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(\d{{4}})(?:\({_ERA}\d+\))?年(\d{{1,2}})月(\d{{1,2}})日"), "date"),
    (re.compile(rf"(\d{{4}})(?:\({_ERA}\d+\))?年度"), "fy"),
    (re.compile(rf"(\d{{4}})\({_ERA}\d+\)(?=以降|から|~|～)"), "fy"),
    (re.compile(r"(?:令和|R)(\d+|元)年度"), "reiwa fy"),
    (re.compile(r"(?:令和|R)(\d+|元)[.年](\d{1,2})[.月](\d{1,2})日?"), "reiwa date"),
    (re.compile(r"(?:令和|R)(\d+|元)[.年](\d{1,2})月"), "reiwa month"),
    (re.compile(rf"(\d{{4}})(?:\({_ERA}\d+\))?年(\d{{1,2}})月"), "month"),
    (re.compile(rf"(\d{{4}})(?:\({_ERA}\d+\))?\.(\d{{1,2}})(?!\d)"), "month"),
    (re.compile(r"(\d{4})年(?!度)"), "year"),
    (re.compile(r"(?<![\d年.月])(\d{1,2})月(?!\d|末?日)"), "bare month"),
    (re.compile(r"今年度"), "this fy"),
    (re.compile(r"来年度"), "next fy"),
)
#: A clause that speaks of the future (``開設する``, ``開催する予定``): its bare month is to come.
FUTURE = re.compile(r"予定|見込|計画|目指|(?:する|します|していく|してまいります)$")
#: A past verb in that clause is the month's own (``９月に開設した窓口で相談する``).
PAST_VERB = re.compile(r"した|された|しました|だった")
#: The clause after a bare month: up to the sentence's end, a bullet or this many characters.
CLAUSE = re.compile(r"^[^。.\-]{0,60}")
#: How far back (characters of normalised text) a date heading may stand before a figure.
LOOKBACK = 400


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str | None
    approximate: bool
    at_least: bool
    ranged: bool


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    period: str
    text: str


def read_amount(text: str, before: str, after: str, counter: str | None) -> Amount:
    """The value of a figure's text (``約1,300か所`` minus its counter), with its neighbours."""
    digits = text[: len(text) - len(counter)] if counter else text
    parts = _PART.findall(digits)
    value = sum(float(number.replace(",", "")) * MULTIPLIERS.get(mult, 1) for number, mult in parts)
    multiplier_kept = ""
    if counter == "円" and parts[-1][1]:  # 3,371億円: value 3,371, unit 億円
        multiplier_kept = parts[-1][1]
        value /= MULTIPLIERS[multiplier_kept]
    unit = f"{multiplier_kept}{counter}" if counter else None
    approximate = bool(APPROX_BEFORE.search(before) or APPROX_AFTER.search(after))
    at_least = bool(AT_LEAST.search(after))
    ranged = bool(RANGE_BEFORE.search(before) or RANGE_AFTER.search(after))
    return Amount(value, unit, approximate, at_least, ranged)


def counter_of(text: str, counters: tuple[str, ...]) -> str | None:
    """The counter a figure's text ends with (longest first), if any."""
    return next((c for c in sorted(counters, key=len, reverse=True) if text.endswith(c)), None)


def _reiwa(group: str) -> int:
    return 2018 + (1 if group == "元" else int(group))


def read_dates(text: str, offset: int, published: date | None) -> list[DateHit]:
    """Every date expression of a normalised text, as canonical periods, in order."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            clause = _clause(text, m.end()) if how == "bare month" else ""
            future = FUTURE.search(clause) is not None and PAST_VERB.search(clause) is None
            period = _period(m, "next month" if future else how, published)
            if period is None:
                continue
            taken.append(m.span())
            hits.append(DateHit(offset + m.start(), offset + m.end(), period, m[0]))
    return sorted(hits, key=lambda h: h.start)


def _clause(text: str, end: int) -> str:
    """The words after a date up to the end of their sentence (its verb)."""
    found = CLAUSE.match(text[end:])
    return found[0].rstrip("、 ") if found else ""


def _period(m: re.Match[str], how: str, published: date | None) -> str | None:
    if how == "date":
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if how == "reiwa date":
        return f"{_reiwa(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if 1 <= int(m[2]) <= 12 else None
    if how == "fy":
        return f"FY{m[1]}"
    if how == "reiwa fy":
        return f"FY{_reiwa(m[1])}"
    if how in ("month", "reiwa month"):
        year = _reiwa(m[1]) if how == "reiwa month" else int(m[1])
        month = int(m[2])
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 < year < 2200 else None
    if how == "year":
        return f"{m[1]}-12" if 1900 < int(m[1]) < 2200 else None
    if published is None:
        return None
    if how in ("bare month", "next month"):  # ９月から: the last such month up to the document's
        month = int(m[1])  # date; in a clause of the future (開設する), the next one from it
        if not 1 <= month <= 12:
            return None
        if how == "next month":
            return f"{published.year + (1 if month < published.month else 0):04d}-{month:02d}"
        return f"{published.year - (1 if month > published.month else 0):04d}-{month:02d}"
    return f"FY{fiscal_year_of(published) + (1 if how == 'next fy' else 0)}"


def nearest_date(hits: list[DateHit], position: int) -> DateHit | None:
    """The date closest to a position, one before it winning a tie."""
    if not hits:
        return None
    return min(hits, key=lambda h: (min(abs(h.end - position), abs(h.start - position)), h.start > position))


def read_kind(sentence: str) -> tuple[str | None, str]:
    """The kind the sentence's words say, and the word that said it."""
    for kind, words in KIND_WORDS:
        for word in words:
            if word in sentence:
                return kind, word
    return None, ""


def kind_from_period(period: str | None, published: date | None) -> str | None:
    """Closed before publication → actual; open at it → estimate; later → plan."""
    from model.periods import PeriodError, parse_period

    if period is None or published is None:
        return None
    try:
        span = parse_period(period)
    except PeriodError:
        return None
    if span.end < published:
        return "actual"
    if span.start <= published:
        return "actual" if span.kind == "date" else "estimate"
    return "plan"
