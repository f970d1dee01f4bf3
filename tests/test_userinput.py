"""Dates, periods and values as people type them (model/userinput.py)."""

from __future__ import annotations

from datetime import date

import pytest

from model.userinput import InputError, read_date, read_period, read_value


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-31", date(2024, 3, 31)),
        ("2024/3/31", date(2024, 3, 31)),
        ("2024.3.31", date(2024, 3, 31)),
        ("20240331", date(2024, 3, 31)),
        ("2024年3月31日", date(2024, 3, 31)),
        ("２０２４年３月３１日", date(2024, 3, 31)),
        (" 2024年 3月 31日 ", date(2024, 3, 31)),
        ("令和6年3月31日", date(2024, 3, 31)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R6.3.31", date(2024, 3, 31)),
        ("r6/3/31", date(2024, 3, 31)),
        ("31 Mar 2024", date(2024, 3, 31)),
        ("31 March 2024", date(2024, 3, 31)),
        ("Mar 31, 2024", date(2024, 3, 31)),
    ],
)
def test_dates_as_typed(text: str, day: date) -> None:
    assert read_date(text) == day


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("yesterday", "input_date"),
        ("2024年13月1日", "input_no_such_day"),
        ("2023-02-29", "input_no_such_day"),
        ("31 Foo 2024", "input_no_such_day"),
        ("", "input_date"),
    ],
)
def test_dates_that_cannot_be_read(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        read_date(text)
    assert caught.value.key == key and caught.value.text == text


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("FY2024", "FY2024"),
        ("fy2024", "FY2024"),
        ("2024年度", "FY2024"),
        ("令和6年度", "FY2024"),
        ("令和元年度", "FY2019"),
        ("R6", "FY2024"),
        ("R6年度", "FY2024"),
        ("ｒ６", "FY2024"),
        ("FY2024Q2", "FY2024Q2"),
        ("FY2024 Q2", "FY2024Q2"),
        ("2024年度第2四半期", "FY2024Q2"),
        ("2024年度 第2四半期", "FY2024Q2"),
        ("令和6年度第4四半期", "FY2024Q4"),
        ("R6Q3", "FY2024Q3"),
        ("2024年2月", "2024-02"),
        ("2024-02", "2024-02"),
        ("2024/2", "2024-02"),
        ("2024年2月15日", "2024-02-15"),
        ("2024-02-15", "2024-02-15"),
    ],
)
def test_periods_as_typed(text: str, period: str) -> None:
    assert read_period(text) == period


@pytest.mark.parametrize("text", ["2024", "令和6年", "FY2024Q5", "2024年13月", "来年度", ""])
def test_periods_that_cannot_be_read(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_period(text)
    assert caught.value.key == "input_period"


@pytest.mark.parametrize(
    ("text", "value", "approximate"),
    [
        ("1300", 1300, False),
        ("1,300", 1300, False),
        ("１，３００", 1300, False),
        ("0.5", 0.5, False),
        ("約900", 900, True),
        ("約 1,300", 1300, True),
        ("~900", 900, True),
        ("900程度", 900, True),
        ("200万", 2_000_000, False),
        ("1億2,000万", 120_000_000, False),
        ("約1.5万", 15_000, True),
        ("0", 0, False),
    ],
)
def test_values_as_typed(text: str, value: float, approximate: bool) -> None:
    assert read_value(text) == (value, approximate)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("-5", "input_negative"),
        ("−5", "input_negative"),
        ("約", "input_value"),
        ("1,30", "input_value"),
        ("1300か所", "input_value"),
        ("nan", "input_value"),
        ("inf", "input_value"),
        ("", "input_value"),
        ("1e400", "input_value"),
    ],
)
def test_values_that_cannot_be_read(text: str, key: str) -> None:
    with pytest.raises(InputError) as caught:
        read_value(text)
    assert caught.value.key == key
