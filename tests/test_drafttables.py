"""Figures in table rows: the row, the column heading and the note under the table date them."""

from __future__ import annotations

from datetime import date

import pytest

from model.drafttables import table_cell
from model.draftwords import read_kind
from model.seedtext import SeedMention, normalise_seed

TABLE = """連携自治体数の推移

区分\t2015年度 (平成27年度)\t→\t2021年度 (令和3年度)\t増加数
各区の交流自治体\t574\t→\t832\t+258
合計(件)\t660\t→\t1,096\t+436

※令和3年8月1日現在

設置状況 (単位：件)

2023.10\t37
2023.11\t149

研修の受講者数
項目\t目標 (2025年度)
受講者\t1,500

年度\t2023 (令和5)\t2024 (令和6)
開発\t7システム\t5システム
"""


def cell_of(number: str, line: int):
    raw = TABLE.split("\n")
    seed = normalise_seed("t.txt", TABLE)
    start = seed.text.index(number, seed.starts[line - 1])
    mention = SeedMention(start, start + len(number), number, line)
    return table_cell(seed, raw, mention, date(2022, 2, 1))


@pytest.mark.parametrize(
    ("number", "line", "period", "unit"),
    [
        ("574", 4, "FY2015", "自治体"),  # the column heading's year; the row label's counter
        ("832", 4, "2021-08-01", "自治体"),  # the note under the table dates the latest column
        ("1,096", 5, "2021-08-01", "件"),  # the unit in brackets at the row label's end
        ("37", 11, "2023-10", "件"),  # a timetable row; the unit of the table's title
        ("149", 12, "2023-11", "件"),
        ("5", 19, "FY2024", None),  # a bare year under 年度 is a fiscal year
    ],
)
def test_table_cells(number, line, period, unit):
    cell = cell_of(number, line)
    assert cell is not None
    assert cell.period() is not None and cell.period()[0] == period
    assert cell.unit() == unit


def test_a_figure_outside_a_table_has_no_cell():
    text = "都有施設約1,300か所に整備\n"
    seed = normalise_seed("t.txt", text)
    mention = SeedMention(5, 10, "1,300", 1)
    assert table_cell(seed, text.split("\n"), mention, None) is None


def test_a_column_heading_names_the_kind_and_the_title_the_kpi():
    cell = cell_of("1,500", 16)
    assert cell is not None and cell.heading == "目標(2025年度)" and cell.label == "受講者"
    assert cell.period() == ("FY2025", "2025年度") and cell.unit() == "者"
    assert read_kind(cell.heading) == ("target", "目標")
    assert cell.words == "研修の受講者数目標(2025年度)受講者"
