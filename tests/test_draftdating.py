"""When a drafted figure is dated and what kind it is: sentence, comparison, headings, indicators."""

from __future__ import annotations

from datetime import date

import pytest

from model.draft import sentence_span
from model.draftdating import Calendar
from model.seedtext import SeedMention, normalise_seed

PUBLISHED = date(2024, 3, 29)
DOCUMENT = """2024(R6)年度のデジタル関連経費のうち事業の経費は1,688億円で、2023(R5)年度と比べて約1.5倍

これまでの取組

- 事例となる事業を5プロジェクト実施

2024（令和6）年度の取組

- 2023年度の取組からテーマを拡充して実施
- AI議事録等5項目の調達を開始
- 申請書類の削減：36,000枚／年
- 2023年10月に9か所で開始した

2025(R7)年度

- 予算額：1,234億円
- 職員数：300人
- 年間アクセス数：200万PV
"""


@pytest.mark.parametrize(
    ("figure", "period", "kind"),
    [
        ("1,688", "FY2024", "plan"),  # the base of the comparison does not date it
        ("1.5", "FY2024", "plan"),
        ("5プロジェクト", "2024-03-29", "actual"),  # under a heading of past work
        ("5項目", "FY2024", "plan"),  # the dated heading, not another item's date
        ("36,000", "FY2024", "target"),  # an indicator's value in a period to come
        ("9か所", "2023-10", "actual"),  # its own sentence's date and kind word
        ("1,234億円", "FY2025", "plan"),  # a budget line is no indicator of a goal
        ("300人", "FY2025", "plan"),  # nor a count of staff
        ("200万PV", "FY2025", "target"),  # an indicator per year is
    ],
)
def test_dating(figure, period, kind):
    seed = normalise_seed("t.txt", DOCUMENT)
    start = seed.text.index(figure)
    mention = SeedMention(start, start + len(figure), figure, seed.line_of(start))
    dating = Calendar(seed, PUBLISHED).date(mention, sentence_span(seed, start)[1:], None)
    assert (dating.period, dating.kind) == (period, kind), dating.reasons


def test_without_a_publication_date_the_reason_says_so():
    seed = normalise_seed("t.txt", "- 研修を30回実施")
    start = seed.text.index("30回")
    mention = SeedMention(start, start + 3, "30回", 1)
    dating = Calendar(seed, None).date(mention, sentence_span(seed, start)[1:], None)
    assert dating.kind == "actual"
    assert "no publication date" in "; ".join(dating.reasons), dating.reasons
