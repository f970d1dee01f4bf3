"""Japanese words: periods and dates, and values as people type them; the same keys as ``en/periods.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # periods and dates (model/periods.py)
    "period_fy": "{year}年度",
    "period_fy_era": "{year}年度（令和{era}年度）",
    "era_first": "元",
    "period_quarter": "{year}年度 第{quarter}四半期",
    "period_month": "{year}年{month}",
    "period_date": "{year}年{month}{day}日",
    "month_1": "1月",
    "month_2": "2月",
    "month_3": "3月",
    "month_4": "4月",
    "month_5": "5月",
    "month_6": "6月",
    "month_7": "7月",
    "month_8": "8月",
    "month_9": "9月",
    "month_10": "10月",
    "month_11": "11月",
    "month_12": "12月",
    "month_axis": "%Y年%-m月",
    # dates, periods and values as typed (model/userinput.py)
    "input_date": "「{text}」は日付として読めません（例：2025年3月31日、R7.3.31、2025-03-31）",
    "input_no_such_day": "「{text}」という日はありません",
    "input_period": "「{text}」は期間として読めません（例：2024年度、令和6年度、R6、FY2024、2024年度第2四半期、2024年2月）",
    "input_value": "「{text}」は数値として読めません（例：1,300、約900、200万）",
    "input_negative": "「{text}」：負の数は登録できません",
}
