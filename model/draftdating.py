"""When a drafted figure is dated, and what kind of figure that makes it.

The period is tried in this order:

1. the table the figure stands in (its row, its column heading, a note under the table);
2. the date nearest to it in its sentence, leaving out a base of comparison
   (``2023(R5)年度と比べて約1.5倍``: 2023 is what it is compared with, not its year);
3. a word of the present (現在, 時点…) with no date: the publication date;
4. the section it stands in: the last heading before it that is a date (``2024（令和6）年度の
   取組``) or a heading of past work (``これまでの取組``: the figures are actuals as of the
   publication date), whichever is nearer; dates in the sentences of other list items do not
   date it;
5. else the publication date.

The kind is the word of the column heading or the sentence (:func:`model.draftwords.read_kind`);
without one, a figure introduced as an indicator (``申請書類の削減：36,000枚／年``) in a
period still to come is a target; otherwise the period against the publication date decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from model.drafttables import TableCell
from model.draftwords import (
    LOOKBACK,
    DateHit,
    kind_from_period,
    nearest_date,
    read_dates,
    read_kind,
)
from model.seedtext import SeedMention, SeedText

#: Words that date a figure to the document itself when its sentence names no date.
NOW_WORDS = ("現在", "時点", "これまで", "延べ")
#: Words after a date that make it the base of a comparison.
COMPARED = re.compile(r"^(?:と比べ|に比べ|と比較|比で|比較で|対比)")
#: A heading of past work: its figures are actuals as of the publication date.
PAST_HEADING = re.compile(r"これまでの(?:取組|実績|成果)|取組実績|主な実績")
#: A heading is a line of at most this many normalised characters, with no sentence end.
HEADING_CHARS = 40
#: An indicator and its value: ``アクセス数：200万PV``.
INDICATOR = re.compile(r"[:：][^:：。、]{0,3}$")
#: What makes an indicator's value a goal: a rate (``/年``) after it, or a goal word in its label
#: (a budget line ``予算額：1,688億円`` or a head count ``職員数：300人`` is none).
GOAL_RATE = re.compile(r"^[^\d。:：]{0,4}?[/／](?:年|月|日)")
GOAL_LABEL = re.compile(r"規模|削減|目標|年間|増加|拡大")
#: Characters of an indicator's label looked at before its colon.
LABEL_CHARS = 12


@dataclass(frozen=True)
class Dating:
    period: str | None
    kind: str | None
    reasons: tuple[str, ...]


def _heading(line: str) -> bool:
    """A short line that is no list item and no note (``※令和3年8月1日現在`` dates its table only)."""
    return bool(line) and len(line) <= HEADING_CHARS and "。" not in line and not line.startswith(("-", "※"))


@dataclass
class Calendar:
    """The dates and dated headings of one document."""

    seed: SeedText
    published: date | None

    def __post_init__(self) -> None:
        self.dates = read_dates(self.seed.text, 0, self.published)
        headings = [(s, s + len(line)) for s, line in self.seed.line_texts() if _heading(line)]
        spans = iter(headings)
        current = next(spans, None)
        self.heading_dates: list[DateHit] = []
        for hit in self.dates:
            while current is not None and current[1] <= hit.start:
                current = next(spans, None)
            if current is not None and current[0] <= hit.start and hit.end <= current[1]:
                self.heading_dates.append(hit)
        self.past = [s for s, e in headings if PAST_HEADING.search(self.seed.text[s:e])]

    def _goal(self, mention: SeedMention, before: str) -> bool:
        """An indicator whose value is a goal: ``受講規模：8,000人/年``, ``申請書類の削減：36,000枚``."""
        found = INDICATOR.search(before)
        if found is None:
            return False
        label = before[: found.start()][-LABEL_CHARS:]
        after = self.seed.text[mention.end : mention.end + 8]
        return GOAL_RATE.search(after) is not None or GOAL_LABEL.search(label) is not None

    def _compared(self, hit: DateHit) -> bool:
        return COMPARED.match(self.seed.text[hit.end : hit.end + 4]) is not None

    def date(self, mention: SeedMention, span: tuple[int, int], cell: TableCell | None) -> Dating:
        """The period and kind of a figure whose sentence is ``span`` of the text."""
        s_start, s_end = span
        sentence = self.seed.text[s_start:s_end]
        milestone = mention.kind == "milestone phrase"
        kind, word = read_kind(cell.heading) if cell is not None and cell.heading else (None, "")
        if kind is None:
            kind, word = read_kind(sentence)
        period, reason, past = self._period(mention, span, cell, word)
        reasons = [reason]
        if milestone:
            kind = "actual" if kind == "actual" else "milestone"
            reasons.append(f"milestone phrase 「{mention.text}」")
        elif kind is not None:
            reasons.append(f"kind from 「{word}」")
        elif past:
            kind = "actual"
        else:
            kind = kind_from_period(period, self.published) or "actual"
            before = self.seed.text[s_start : mention.start]
            if kind == "plan" and self._goal(mention, before):
                kind = "target"
                reasons.append("an indicator's value in a period to come: target")
            elif self.published is None:
                reasons.append("no publication date to compare the period with: taken as actual")
            else:
                reasons.append("kind from the period against the publication date")
        return Dating(period, kind, tuple(reasons))

    def _period(
        self, mention: SeedMention, span: tuple[int, int], cell: TableCell | None, word: str
    ) -> tuple[str | None, str, bool]:
        """(period, the reason, under a heading of past work)."""
        from_table = cell.period() if cell is not None else None
        if from_table is not None:
            return from_table[0], f"period from the table 「{from_table[1]}」", False
        s_start, s_end = span
        near = [d for d in self.dates if s_start <= d.start and d.end <= s_end]
        near = [d for d in near if not (d.start <= mention.start < d.end)]
        hit = nearest_date([d for d in near if not self._compared(d)], mention.start)
        if mention.kind == "milestone phrase":
            hit = next((d for d in self.dates if mention.start <= d.start < mention.end), hit)
        published = self.published.isoformat() if self.published else None
        if hit is None and word in NOW_WORDS and published:
            return published, f"period = publication date (「{word}」)", False
        if hit is not None:
            return hit.period, f"period from 「{hit.text}」", False
        low = mention.start - LOOKBACK
        earlier = [d for d in self.heading_dates if low <= d.end <= mention.start and not self._compared(d)]
        past = [p for p in self.past if low <= p <= mention.start]
        if past and (not earlier or past[-1] > earlier[-1].start) and published:
            return published, "under a heading of past work: period = publication date", True
        if earlier:
            return earlier[-1].period, f"period from the heading 「{earlier[-1].text}」 before it", False
        if published:
            return published, "no date near it: period = publication date", False
        return None, "no date", False
