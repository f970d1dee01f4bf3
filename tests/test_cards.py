"""Tables as cards on a phone (dashboard/cards.py): every text escaped, empty cells left out."""

from __future__ import annotations

import pandas as pd

from dashboard.cards import cards_html


def test_cards_escape_text_and_leave_out_empty_cells() -> None:
    frame = pd.DataFrame(
        {
            "KPI": ["<img src=x onerror=alert(1)>"],
            "状況": ["⚠ 期限超過"],
            "割合": [62.4],
            "空": [""],
            "数": [0],
        }
    )
    html = cards_html(frame, "状況", percent=("割合",), hide_zero=True)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<div class="kpt-status">⚠ 期限超過</div>' in html
    assert "<dt>割合</dt><dd>62%</dd>" in html
    assert "<dt>空</dt>" not in html and "<dt>数</dt>" not in html


def test_at_most_the_limit_of_cards() -> None:
    frame = pd.DataFrame({"KPI": [f"k{i}" for i in range(10)]})
    assert cards_html(frame, limit=3).count('class="kpt-card"') == 3


def test_a_web_address_is_a_link_and_nothing_else_is() -> None:
    frame = pd.DataFrame(
        {"KPI": ["x"], "リンク": ["https://example.org/a?b=1&c=2"], "注記": ["javascript:alert(1)"]}
    )
    html = cards_html(frame)
    assert '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">' in html
    assert "<dd>javascript:alert(1)</dd>" in html
