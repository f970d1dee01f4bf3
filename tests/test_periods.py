from datetime import date

import pytest

from model.periods import PeriodError, fiscal_year_of, fy_axis_label, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("FY2024", "fy", date(2024, 4, 1), date(2025, 3, 31)),
        ("FY2019", "fy", date(2019, 4, 1), date(2020, 3, 31)),
        ("FY2024Q1", "quarter", date(2024, 4, 1), date(2024, 6, 30)),
        ("FY2024Q2", "quarter", date(2024, 7, 1), date(2024, 9, 30)),
        ("FY2024Q4", "quarter", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", "month", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-02-15", "date", date(2024, 2, 15), date(2024, 2, 15)),
    ],
)
def test_parse_period_bounds(text, kind, start, end):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.text) == (kind, start, end, text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2024FY", "is not a period"),
        ("FY24", "is not a period"),
        ("FY2024Q5", "is not a period"),
        ("2024-13", "month 13"),
        ("2023-02-29", "not a calendar date"),
        ("fy2024", "is not a period"),
        ("FY1800", "outside"),
        ("", "is not a period"),
    ],
)
def test_parse_period_rejects(text, fragment):
    with pytest.raises(PeriodError, match=fragment):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("FY\uff12\uff10\uff12\uff14", "'\uff12' (U+FF12 FULLWIDTH DIGIT TWO)"),
        ("FY\u0662\u0660\u0662\u0664", "'\u0662' (U+0662 ARABIC-INDIC DIGIT TWO)"),
        ("FY2024Q\uff12", "'\uff12' (U+FF12 FULLWIDTH DIGIT TWO)"),
        ("2024-0\u0967", "'\u0967' (U+0967 DEVANAGARI DIGIT ONE)"),
        ("2024-01-1\U0001d7d3", "U+1D7D3 MATHEMATICAL BOLD DIGIT FIVE"),
        ("FY2024\u202e", "'\\u202e' (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ],
)
def test_periods_are_ascii_and_the_offending_character_is_shown(text, shown):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    message = str(info.value)
    assert shown in message and "ASCII" in message


@pytest.mark.parametrize(
    ("text", "ja", "en"),
    [
        ("FY2024", "2024年度（令和6年度）", "FY2024"),
        ("FY2019", "2019年度（令和元年度）", "FY2019"),
        ("FY2018", "2018年度", "FY2018"),
        ("FY2024Q2", "2024年度 第2四半期", "FY2024 Q2"),
        ("2024-02", "2024年2月", "Feb 2024"),
        ("2024-02-15", "2024年2月15日", "15 Feb 2024"),
    ],
)
def test_labels(text, ja, en):
    period = parse_period(text)
    assert period.label("ja") == ja
    assert period.label("en") == en


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2024, 4, 1), 2024),
        (date(2025, 3, 31), 2024),
        (date(2025, 1, 15), 2024),
        (date(2024, 3, 31), 2023),
    ],
)
def test_fiscal_year_is_named_by_starting_year(day, fy):
    assert fiscal_year_of(day) == fy


def test_period_fiscal_year_of_months_and_quarters():
    assert parse_period("2024-02").fiscal_year == 2023
    assert parse_period("FY2024Q4").fiscal_year == 2024


def test_axis_label():
    assert fy_axis_label(2024, "ja") == "2024年度"
    assert fy_axis_label(2024, "en") == "FY2024"
