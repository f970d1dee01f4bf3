"""English words: periods and dates, and values as people type them; the same keys as ``ja/periods.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # periods and dates (model/periods.py)
    "period_fy": "FY{year}",
    "period_fy_era": "FY{year} (Reiwa {era})",
    "era_first": "1",
    "period_quarter": "FY{year} Q{quarter}",
    "period_month": "{month} {year}",
    "period_date": "{day} {month} {year}",
    "month_1": "Jan",
    "month_2": "Feb",
    "month_3": "Mar",
    "month_4": "Apr",
    "month_5": "May",
    "month_6": "Jun",
    "month_7": "Jul",
    "month_8": "Aug",
    "month_9": "Sep",
    "month_10": "Oct",
    "month_11": "Nov",
    "month_12": "Dec",
    "month_axis": "%b %Y",
    # dates, periods and values as typed (model/userinput.py)
    "input_date": "“{text}” is not a date this form can read (e.g. 31 Mar 2025, 2025-03-31, 2025年3月31日)",
    "input_no_such_day": "There is no such day as “{text}”",
    "input_period": "“{text}” is not a period this form can read (e.g. FY2024, FY2024Q2, 2024年度, 令和6年度, R6, Feb 2024 as 2024-02)",
    "input_value": "“{text}” is not a number this form can read (e.g. 1,300, 約900, 200万)",
    "input_negative": "“{text}”: a figure cannot be negative",
}
