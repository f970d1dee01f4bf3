"""What each published column means: type, Japanese and English title, description, constraints.

One table for the CSV snapshot (:data:`SNAPSHOT_FIELDS`, in the CSV's column order) and one
for the workbook's KPI sheet (:data:`KPI_FIELDS`). The workbook's headers and its 説明 sheet
and the Table Schema of ``datapackage.json`` are all generated from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from model.progress import AT_RISK_RATIO, MAINTAIN_TOLERANCE, ON_TRACK_RATIO, STATUSES
from model.reports import REPORT_GRACE_DAYS
from model.schema import PERIOD_PATTERN, SLUG_PATTERN, Bound, Direction, Measure, ObservationKind

FieldType = Literal["string", "number", "date", "boolean"]
ROW_TYPES: tuple[str, ...] = ("baseline", "target", *get_args(ObservationKind))
BASES: tuple[str, ...] = ("actual", "estimate")


@dataclass(frozen=True)
class Column:
    """A published column: ``key`` is its name in the CSV (and the workbook's second header row)."""

    key: str
    ja: str
    en: str
    type: FieldType
    about_ja: str
    about_en: str
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    required: bool = False
    minimum: float | None = None


def _c(key: str, ja: str, en: str, kind: FieldType, about_ja: str, about_en: str, **more: object) -> Column:
    return Column(key, ja, en, kind, about_ja, about_en, **more)  # type: ignore[arg-type]  # optional fields by keyword


_PERIOD_JA = "期間：FY2024（年度、4月〜翌3月）、FY2024Q2（四半期）、2024-02（月）、2024-02-15（日）"
_PERIOD_EN = "period: FY2024 (fiscal year, April–March), FY2024Q2 (fiscal quarter), 2024-02 or 2024-02-15"

SNAPSHOT_FIELDS: tuple[Column, ...] = (
    _c("kpi_id", "KPI ID", "KPI id", "string",
       "KPIの識別子（リンクに使う）", "identifier of the KPI (used in links)",
       pattern=SLUG_PATTERN, required=True),
    _c("kpi_name_ja", "KPI名", "KPI name (Japanese)", "string",
       "KPIの名前（日本語）", "name of the KPI in Japanese",
       required=True),
    _c("kpi_name_en", "KPI名（英語）", "KPI name (English)", "string",
       "KPIの名前（英語）", "name of the KPI in English",
       required=True),
    _c("bureau_ja", "局", "Bureau (Japanese)", "string",
       "担当局（日本語）", "responsible bureau, in Japanese"),
    _c("bureau_en", "局（英語）", "Bureau (English)", "string",
       "担当局（英語）", "responsible bureau, in English"),
    _c("pillar", "分野", "Pillar (Japanese)", "string",
       "戦略の柱・分野（日本語）", "pillar of the strategy, in Japanese"),
    _c("unit", "単位", "Unit (Japanese)", "string",
       "値の単位（日本語）", "unit of the values, in Japanese"),
    _c("row_type", "種別", "Row type", "string",
       "行の種類：target（目標）、actual（実績）、plan（計画）、estimate（見込み）、baseline（基準値）",
       "kind of row: target, actual, plan, estimate (reported before the period closed) or baseline",
       enum=ROW_TYPES, required=True),
    _c("period", "期間", "Period", "string",
       "目標の期限または数値の" + _PERIOD_JA, "due period of a target or " + _PERIOD_EN + " of a figure",
       pattern=PERIOD_PATTERN, required=True),
    _c("period_end", "期間の末日", "Period end", "date",
       "期間の最終日", "last day of the period",
       required=True),
    _c("value", "値", "Value", "number",
       "数値（区切りのない数）。マイルストーンは1＝完了、0＝未了",
       "the number (plain, no separators); for a milestone 1 = done, 0 = not done",
       required=True, minimum=0),
    _c("status", "状態", "Status", "string",
       "評価日におけるKPIの状態（KPIのすべての行で同じ）",
       "the KPI's status at the evaluation date (the same on each of its rows)",
       enum=STATUSES, required=True),
    _c("source_file", "出典", "Source", "string",
       "出典：seeds/ の文書ファイル名または登録した出典のID（合算値は複数を「; 」で区切る）",
       "source: a document of seeds/ or the id of a registered source (a sum lists several, '; ' between)"),
    _c("quote", "出典の記述", "Quote", "string",
       "出典の原文どおりの記述（合算値は「 / 」で区切る）",
       "verbatim text of the source containing the value (the parts of a sum joined by ' / ')"),
    _c("as_of", "評価日", "As of", "date",
       "評価日：この日に公表されていた数値だけを含む",
       "evaluation date: only figures public on that day are included",
       required=True),
    _c("pillar_en", "分野（英語）", "Pillar (English)", "string",
       "戦略の柱・分野（英語）", "pillar, in English"),
    _c("unit_en", "単位（英語）", "Unit (English)", "string",
       "値の単位（英語）", "unit, in English"),
    _c("measure", "測り方", "Measure", "string",
       "cumulative（累計）、per_year（年度ごとの量）、level（時点の水準）、milestone（期限つきの約束）",
       "cumulative (a running count), per_year (an amount per fiscal year), level (at a point in time) "
       "or milestone (a dated promise)",
       enum=get_args(Measure), required=True),
    _c("direction", "向き", "Direction", "string",
       "increase（増やす）、decrease（減らす）、maintain（維持）", "increase, decrease or maintain",
       enum=get_args(Direction), required=True),
    _c("approximate", "概数", "Approximate", "boolean",
       "出典が「約」と書いている値ならTrue", "True when the source says 約 (about)"),
    _c("superseded", "改定済み", "Superseded", "boolean",
       "評価日の時点で新しい目標に置き換えられた目標ならTrue",
       "True for a target replaced by a later one, as it stood at the evaluation date"),
    _c("derived", "合算の内訳", "Derived", "string",
       "複数の数値を合算した値の内訳（例 330 + 320）",
       "for a value summed from several quoted numbers, the sum (e.g. 330 + 320)"),
    _c("verified", "照合済み", "Verified", "boolean",
       "引用をseeds/の文書と照合できたらTrue（外部の出典はFalse）",
       "True when every quote behind the value was checked against a document in seeds/"),
    _c("note", "注記（英語）", "Note", "string",
       "数値についての注記（英語）", "free-text note on the figure, in English"),
    _c("bound", "下限", "Bound", "string",
       "at_least：出典が下限を示す値（以上・超）", "at_least when the source gives a floor (以上, 超)",
       enum=get_args(Bound)),
    _c("known_from", "公表日", "Known from", "date",
       "この行が公表された日（出典の公表日または reported_on）",
       "day the row became public (its source's publication date, or reported_on)"),
    _c("basis", "評価の根拠", "Basis", "string",
       "状態の根拠となった数値の種類：actual（実績）または estimate（見込み）",
       "kind of figure the status rests on: actual or estimate",
       enum=BASES),
    _c("expected", "想定値", "Expected", "number",
       "最新の報告の時点で想定される値（想定の経路上）",
       "expected value at the date of the latest report, on the expected path"),
    _c("report_due", "報告待ち", "Report due", "string",
       f"期間末から{REPORT_GRACE_DAYS}日を過ぎても報告のない最も古い期間",
       f"oldest period still without a report {REPORT_GRACE_DAYS} days after its end",
       pattern=PERIOD_PATTERN),
    _c("note_ja", "注記", "Note (Japanese)", "string",
       "数値についての注記（日本語）", "free-text note on the figure, in Japanese"),
)  # fmt: skip


def by_key(fields: tuple[Column, ...]) -> dict[str, Column]:
    return {c.key: c for c in fields}


def _pick(*keys: str) -> tuple[Column, ...]:
    fields = by_key(SNAPSHOT_FIELDS)
    return tuple(fields[k] for k in keys)


KPI_FIELDS: tuple[Column, ...] = (
    *_pick("bureau_ja", "bureau_en", "pillar", "kpi_id", "kpi_name_ja", "kpi_name_en", "status"),
    _c("status_ja", "状態（表示）", "Status label (Japanese)", "string",
       "状態の名前（日本語）", "status name in Japanese"),
    _c("status_en", "状態（英語）", "Status label (English)", "string",
       "状態の名前（英語）", "status name in English"),
    _c("latest", "最新値", "Latest figure", "number",
       "状態の根拠となった最新の報告の値", "value of the latest report, on which the status rests"),
    _c("latest_period", "最新値の期間", "Latest period", "string",
       "最新の報告の" + _PERIOD_JA, _PERIOD_EN + " of the latest report",
       pattern=PERIOD_PATTERN),
    _c("latest_period_end", "最新値の期間末", "Latest period end", "date",
       "最新の報告の期間の最終日", "last day of the latest report's period"),
    _c("target", "目標値", "Current target", "number",
       "評価日に有効な目標の値", "value of the target in force"),
    _c("target_due", "目標の期限", "Target due", "string",
       "その目標の期限（期間）", "due period of that target",
       pattern=PERIOD_PATTERN),
    _c("target_due_end", "期限の末日", "Target due date", "date",
       "目標の期限の最終日", "last day of the due period"),
    *_pick("unit", "expected"),
    _c("pct_of_target", "目標に対する割合", "Share of target", "number",
       "最新値 ÷ 目標値", "latest figure divided by the current target"),
    *_pick("basis", "report_due"),
    _c("explanation_ja", "状態の説明", "Explanation (Japanese)", "string",
       "状態の理由を数値とともに説明する一文", "one sentence on why the KPI has its status, in Japanese"),
    _c("explanation_en", "状態の説明（英語）", "Explanation (English)", "string",
       "同じ説明（英語）", "the same sentence in English"),
)  # fmt: skip

#: The workbook's comment sheet: the owners' dated comments on a status (they never change it).
COMMENT_FIELDS: tuple[Column, ...] = (
    *_pick("kpi_id", "kpi_name_ja", "kpi_name_en"),
    _c("date", "日付", "Date", "date", "コメントした日", "day the comment was made", required=True),
    _c("author", "コメントした人・部署", "Author", "string",
       "コメントした人または部署", "who made the comment (a person, a section or a bureau)", required=True),
    _c("period", "対象の期間", "Period", "string",
       "コメントの対象の" + _PERIOD_JA, _PERIOD_EN + " the comment is about", pattern=PERIOD_PATTERN),
    _c("text_ja", "コメント", "Comment (Japanese)", "string",
       "コメント（日本語）", "the comment in Japanese", required=True),
    _c("text_en", "コメント（英語）", "Comment (English)", "string",
       "コメント（英語）", "the comment in English", required=True),
)  # fmt: skip

STATUS_RULE_JA = (
    "各KPIの状態は評価日に公表されていた数値だけで決まります。期間が終わった実績（なければ見込み）の"
    "うち最新のものを、有効な目標のうち期限が来ていない最も近い目標（すべて期限切れなら最後の目標）と比べます。"
    "目標に届いていれば「達成」、期限を過ぎて届いていなければ「期限超過」。それ以外は、起点（基準値または最初の報告）"
    "から計画値を経て目標に至る想定の経路に対し、実際の進み ÷ 想定の進みが"
    f"{ON_TRACK_RATIO:.0%}以上で「順調」、{AT_RISK_RATIO:.0%}以上で「要注意」、それ未満で「遅れ」です。"
    f"維持目標は目標の{MAINTAIN_TOLERANCE:.0%}以内なら順調です。目標がなければ「目標なし」、"
    "評価できる報告がなければ「実績なし」です。計画値は報告として数えません。"
)
STATUS_RULE_EN = (
    "A KPI's status uses only the figures public at the evaluation date. The latest actual whose "
    "period has ended (else an estimate) is compared with the current target: the earliest-due target "
    "in force not yet due (the latest one when all are past due). Reached → achieved; past due and not "
    "reached → overdue. Otherwise progress made over progress expected on the path from the start "
    "(baseline or first report) through the plans to the target grades it: "
    f"at least {ON_TRACK_RATIO:.0%} on track, at least {AT_RISK_RATIO:.0%} at risk, else off track. "
    f"A maintain KPI is on track within {MAINTAIN_TOLERANCE:.0%} of its target. Without a target: "
    "no target; without a report to judge: no data. Plans never count as reports."
)
