"""Figures in a table row (cells separated by tabs): what their row and column say of them.

A number alone in a cell has no counter and often no date of its own sentence; the table
gives them instead:

- the row's other cells: a timetable row (``2023.10 → 37``) dates its figures, and a row
  label ending with a counter (``各区の交流自治体``) gives their unit;
- the column's heading cell, in the first row of the table (``2015年度 (平成27年度)``,
  ``目標``), dates them or names their kind; a counter in brackets in the heading (``(件)``,
  ``単位：人``) gives the unit;
- a note right under the table (``※令和3年8月1日現在``) dates the latest column to that day
  when the day falls in that column's period;
- the table's title (the text line above it) and the row label are the words its figures are
  matched to KPI names with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from model.draftwords import DateHit, counter_of, read_dates
from model.periods import PeriodError, parse_period
from model.provenance import normalise
from model.seedtext import COUNTERS, SeedMention, SeedText

#: Lines under a table searched for an "as of" note.
NOTE_LINES = 3
AS_OF = ("現在", "時点")
BARE_YEAR = re.compile(r"^(\d{4})(?:\((?:令和|平成|R|H)[\d元]+\))?$")
HEADING_UNIT = re.compile(r"[(（〔\[](?:単位[:：])?([^()（）〔〕\[\]]{1,6})[)）〕\]]|単位[:：](\S{1,6})")


@dataclass(frozen=True)
class TableCell:
    """What the table says of a figure in one of its cells."""

    label: str  # the row's first cell (normalised), "" when it is the figure's own cell
    heading: str  # the column's heading cell (normalised), "" without one
    title: str  # the text line above the table (normalised)
    row_dates: tuple[DateHit, ...]  # dates in the row's other cells
    heading_dates: tuple[DateHit, ...]
    as_of: DateHit | None  # the note under the table

    @property
    def words(self) -> str:
        """The words its figures are compared with KPI names."""
        return f"{self.title}{self.heading}{self.label}"

    def unit(self) -> str | None:
        """The counter of the row label, else the unit in brackets in the row label (``合計(件)``),
        the column heading or the table's title."""
        if self.label and (counter := counter_of(self.label, COUNTERS)):
            return counter
        for text in (self.label, self.heading, self.title):
            if m := HEADING_UNIT.search(text):
                inner = m[1] or m[2]
                if inner in COUNTERS:
                    return inner
        return None

    def period(self) -> tuple[str, str] | None:
        """(period, the words that gave it) from the row, else the column heading."""
        if self.row_dates:
            return self.row_dates[0].period, self.row_dates[0].text
        if not self.heading_dates:
            return None
        hit = self.heading_dates[0]
        if self.as_of is not None and _within(self.as_of.period, hit.period):
            return self.as_of.period, f"{hit.text}, {self.as_of.text}"
        return hit.period, hit.text


def _within(day: str, period: str) -> bool:
    try:
        inner, outer = parse_period(day), parse_period(period)
    except PeriodError:
        return False
    return outer.start <= inner.start and inner.end <= outer.end


def _column(cells: list[str], offset: int) -> int | None:
    """The cell holding the normalised offset ``offset`` of the row."""
    seen = 0
    for index, cell in enumerate(cells):
        seen += len(normalise(cell))
        if offset < seen:
            return index
    return None


def _block(raw_lines: list[str], line: int) -> tuple[int, int]:
    """[first, last] index of the run of tab rows around ``line``."""
    first = line
    while first > 0 and "\t" in raw_lines[first - 1]:
        first -= 1
    last = line
    while last + 1 < len(raw_lines) and "\t" in raw_lines[last + 1]:
        last += 1
    return first, last


def _dates(text: str, published: date | None) -> tuple[DateHit, ...]:
    return tuple(read_dates(normalise(text), 0, published))


def _column_dates(head_cells: list[str], column: int, published: date | None) -> tuple[DateHit, ...]:
    """The dates of a column heading; a bare year (``2024 (令和6)``) is a fiscal year when the
    heading row starts with 年度, as in a timetable."""
    text = normalise(head_cells[column])
    found = _dates(text, published)
    bare = BARE_YEAR.match(text)
    if found or bare is None or "年度" not in normalise(head_cells[0]):
        return found
    return (DateHit(0, len(text), f"FY{bare[1]}", text),)


def table_cell(
    seed: SeedText, raw_lines: list[str], mention: SeedMention, published: date | None
) -> TableCell | None:
    """What the table around a figure says of it; None when the figure is not in a table row."""
    index = mention.line - 1
    if not 0 <= index < len(raw_lines) or "\t" not in raw_lines[index]:
        return None
    cells = raw_lines[index].split("\t")
    column = _column(cells, mention.start - seed.starts[index])
    if column is None:
        return None
    others = [c for i, c in enumerate(cells) if i != column]
    label = normalise(cells[0]) if column != 0 else ""
    first, last = _block(raw_lines, index)
    heading, heading_dates = "", tuple[DateHit, ...]()
    if first < index:
        head_cells = raw_lines[first].split("\t")
        if len(head_cells) == len(cells):
            heading = normalise(head_cells[column])
            heading_dates = _column_dates(head_cells, column, published)
    title = next((normalise(raw_lines[i]) for i in range(first - 1, -1, -1) if raw_lines[i].strip()), "")
    notes = [raw_lines[i] for i in range(last + 1, min(len(raw_lines), last + 1 + NOTE_LINES))]
    as_of = next(
        (
            d
            for n in notes
            if any(w in n for w in AS_OF)
            for d in _dates(n, published)
            if d.period.count("-") == 2
        ),
        None,
    )
    row_dates = tuple(d for c in others for d in _dates(c, published))
    return TableCell(label, heading, title, row_dates, heading_dates, as_of)
