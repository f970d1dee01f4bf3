"""Every label of the dashboard in Japanese and English: one dictionary, one lookup.

Status names come from :mod:`model.explain` (shared with the status sentences); KPI,
bureau and pillar names come from the data file.
"""

from __future__ import annotations

from dashboard.style import STATUS_ICONS
from model.explain import status_name
from model.periods import fy_axis_label, parse_period

LANGS = ("ja", "en")
LANG_NAMES = {"ja": "日本語", "en": "English"}

TEXTS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("東京KPIトラッカー", "Tokyo KPI Tracker"),
    "app_subtitle": (
        "スマート東京実施戦略の数値目標の進捗",
        "Progress of the Smart Tokyo strategy's targets",
    ),
    "page_overview": ("概要", "Overview"),
    "page_years": ("年度別", "By fiscal year"),
    "page_bureaus": ("局別", "By bureau"),
    "page_kpi": ("KPI詳細", "KPI detail"),
    "page_export": ("エクスポート", "Export"),
    # sidebar
    "language": ("言語 / Language", "言語 / Language"),
    "as_of": ("評価日", "Evaluation date"),
    "as_of_help": (
        "この日までに終わった期間の実績で評価します",
        "Status uses the actuals of periods that ended by this date",
    ),
    "as_of_old": (
        "評価日 {as_of} は今日より1年以上前です。最新の状況ではありません。",
        "The evaluation date {as_of} is more than a year before today; this is not the current state.",
    ),
    "filters": ("絞り込み", "Filters"),
    "bureau": ("局", "Bureau"),
    "pillar": ("柱", "Pillar"),
    "status": ("状況", "Status"),
    "search": ("KPI名で検索", "Search KPI names"),
    "all": ("すべて", "All"),
    "shown": ("{n} / {total} 件のKPIを表示", "Showing {n} of {total} KPIs"),
    "none_match": ("条件に合うKPIがありません。", "No KPI matches the filters."),
    # data and parameters
    "data_error": (
        "データファイルに問題があるため表示できません。次の箇所を直してください：",
        "The data file has problems, so nothing can be shown. Fix these places:",
    ),
    "data_warnings": ("データの警告 ({n})", "Data warnings ({n})"),
    "param_unknown": (
        "不明なURLパラメータ「{name}」は無視しました。",
        'Ignored the unknown URL parameter "{name}".',
    ),
    "param_invalid": (
        "URLパラメータ {name}={value} は使えません（{why}）。既定値を表示します。",
        "The URL parameter {name}={value} cannot be used ({why}); showing the default.",
    ),
    "why_lang": ("ja または en", "ja or en"),
    "why_date": ("YYYY-MM-DD 形式の日付", "a date such as 2024-03-31"),
    "why_fy": ("FY2024 のような年度", "a fiscal year such as FY2024"),
    "why_unknown_id": ("該当するIDがありません", "no such id"),
    # columns and figure kinds
    "kpi": ("KPI", "KPI"),
    "actual": ("実績", "Actual"),
    "plan": ("計画", "Plan"),
    "estimate": ("見込み", "Estimate"),
    "baseline": ("基準値", "Baseline"),
    "target": ("目標", "Target"),
    "superseded": ("旧目標（改定前）", "Superseded target"),
    "target_short": ("目標", "target"),
    "superseded_short": ("旧目標", "old target"),
    "expected": ("想定ペース（直線）", "Expected path (straight line)"),
    "due": ("期限", "Due"),
    "period": ("期間", "Period"),
    "value": ("値", "Value"),
    "kind": ("種別", "Kind"),
    "unit": ("単位", "Unit"),
    "source": ("出典ファイル", "Source file"),
    "quote": ("出典の記述", "Quote"),
    "derived": ("計算", "Derivation"),
    "note": ("注記", "Note"),
    "reason": ("理由", "Reason"),
    "pct_of_target": ("目標に対する割合", "Percent of target"),
    "expected_pct": ("想定割合", "Expected percent"),
    "approx_mark": ("約", "~"),
    "count": ("KPI数", "KPIs"),
    "fiscal_year": ("年度", "Fiscal year"),
    "date": ("時点", "Date"),
    # overview
    "status_counts": ("状況別のKPI数", "KPIs by status"),
    "matrix": ("局 × 状況", "Bureau × status"),
    "due_soon": ("1年以内に期限を迎える目標", "Targets due within a year"),
    "overdue_list": ("期限超過のKPI", "Overdue KPIs"),
    "freshness": ("データの鮮度", "Data freshness"),
    "newest_actual": ("最新の実績の時点", "Newest actual"),
    "age": ("今日から", "Age today"),
    "age_value": ("{days:,}日前", "{days:,} days ago"),
    "age_months": ("約{months}か月前のデータです", "About {months} months old"),
    "no_target_note": (
        "◇ 目標なし＝数値目標のない参考値（状況の評価には含めません）",
        "◇ no target = context figures without a numeric target (not rated)",
    ),
    "any_status": ("すべての状況", "Any status"),
    "no_actuals": ("実績がまだありません", "No actuals yet"),
    "nothing": ("該当なし", "None"),
    "total": ("合計", "Total"),
    # fiscal years
    "choose_fy": ("年度", "Fiscal year"),
    "fy_due": ("{fy}に期限を迎える目標", "Targets due in {fy}"),
    "fy_reported": ("{fy}の実績・計画", "Actuals and plans for {fy}"),
    "timeline": ("期限年度別の目標", "Targets by due year"),
    "cumulative_progress": (
        "累計型KPIの年度別進捗（現行目標に対する割合）",
        "Cumulative KPIs year by year (% of target)",
    ),
    "no_cumulative": ("累計型KPIの実績がありません。", "No actuals of cumulative KPIs."),
    # bureaus
    "choose_bureau": ("局を選択", "Choose a bureau"),
    "bureau_kpis": ("{bureau}のKPI", "KPIs of {bureau}"),
    "all_bureaus": ("全局", "all bureaus"),
    "bureau_hint": ("局はサイドバーの「局」で切り替えます。", "Choose the bureau in the sidebar."),
    "rollup": ("局別の集計", "Roll-up across bureaus"),
    # kpi detail
    "choose_kpi": ("KPIを選択", "Choose a KPI"),
    "trajectory": ("推移と目標", "Trajectory and targets"),
    "data_table": ("数値と出典", "Figures and sources"),
    "measure": ("種類", "Measure"),
    "measure_cumulative": ("累計", "cumulative"),
    "measure_per_year": ("年間", "per year"),
    "measure_level": ("水準", "level"),
    "yes": ("はい", "yes"),
    # export
    "export_intro": (
        "現在の絞り込みと評価日 {as_of} のスナップショット（{n} 行）",
        "Snapshot for the current filters and evaluation date {as_of} ({n} rows)",
    ),
    "encoding": ("文字コード", "Encoding"),
    "encoding_help": (
        "Excel では UTF-8 (BOM付き) を推奨",
        "UTF-8 with BOM opens correctly in Excel",
    ),
    "download_csv": ("CSVをダウンロード", "Download CSV"),
    "download_yaml": ("データファイル (YAML) をダウンロード", "Download the data file (YAML)"),
    "encoding_error": (
        "この文字コードでは書き出せません：{error}",
        "Cannot export with this encoding: {error}",
    ),
}
ENCODING_NAMES = {
    "utf-8-sig": ("UTF-8 (BOM付き)", "UTF-8 with BOM"),
    "utf-8": ("UTF-8 (BOMなし)", "UTF-8 without BOM"),
    "cp932": ("Shift_JIS (cp932)", "Shift_JIS (cp932)"),
}


def t(key: str, lang: str = "ja", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = TEXTS[key][0 if lang == "ja" else 1]
    return text.format(**values) if values else text


def status_label(status: str, lang: str = "ja") -> str:
    """Icon and name: ``△ 要注意`` / ``△ at risk``."""
    return f"{STATUS_ICONS[status]} {status_name(status, lang)}"  # type: ignore[arg-type]


def fy_label(year: int, lang: str = "ja") -> str:
    return fy_axis_label(year, lang)


def period_label(text: str | None, lang: str = "ja") -> str:
    """``FY2024`` → ``2024年度（令和6年度）`` / ``FY2024``; empty for no period."""
    if not text:
        return ""
    return parse_period(text).label(lang)


def kind_label(row_type: str, superseded: bool, lang: str = "ja") -> str:
    return t("superseded" if superseded else row_type, lang)


def pick(row: object, field: str, lang: str) -> str:
    """``row[field_ja]`` or ``row[field_en]``: labels from the data in the chosen language."""
    return row[f"{field}_{lang}"]  # type: ignore[index]
